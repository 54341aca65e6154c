"""Loaded by pytest for every test under the repository, the notebooks in book/ included (a
conftest in tests/ applies only to tests/).

nbval's kernels inherit this environment. `make notebooks` stores outputs with one BLAS thread
and PYTHONHASHSEED=0; checking them with two threads and another seed makes every test run a
second-configuration check: an output that depends on thread count or set order fails here.
HANDBOOK_CHARTS=stored: charts as the stored notebooks hold them (see handbook.charts).
"""
import os

os.environ.update({"OMP_NUM_THREADS": "2", "OPENBLAS_NUM_THREADS": "2", "MKL_NUM_THREADS": "2",
                   "PYTHONHASHSEED": "1", "HANDBOOK_CHARTS": "stored"})


def pytest_configure(config):
    """nbval's kernels talk to the test process over Unix sockets, not TCP ports. With two
    workers, two kernels can start at the same moment; jupyter_client picks each kernel's ports
    by asking the system for free ones and releasing them for the kernel to bind, so both can be
    handed the same port and one kernel fails ("Address already in use"; seen in this project's
    parallel builds, which now use the same remedy, handbook/build.py). nbval makes its kernel
    manager itself, with no way to configure it, so its module's KernelManager is replaced by one
    that uses ``ipc`` sockets in a folder private to this process."""
    import atexit
    import shutil
    import tempfile
    import uuid

    try:
        import nbval.kernel
    except ImportError:  # nbval is not installed: no notebook is collected either
        return
    from jupyter_client.manager import KernelManager

    sockets = tempfile.mkdtemp(prefix="nbval-kernels-")
    atexit.register(shutil.rmtree, sockets, ignore_errors=True)

    class IpcKernelManager(KernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(sockets, uuid.uuid4().hex[:12]))
            super().__init__(**kwargs)

    nbval.kernel.KernelManager = IpcKernelManager
