"""Execute notebooks with the kernel of the Python that runs this script (the student pack's fresh
virtual environment, in tests/test_student_pack.py), two at a time, from one working folder.

    python pack_runner.py WORKDIR NOTEBOOK...

Prints one JSON object: the Python the kernels ran ("kernel_prefix") and, per notebook, null when
every cell ran or the cell that broke ({"cell": index, "source": ..., "error": ...}). It imports
only what the pack's requirements install (nbclient, nbformat, jupyter_client, traitlets).
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

TIMEOUT = 600  # seconds per cell


def run(notebook: str, workdir: str) -> dict | None:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    nb = nbformat.read(notebook, as_version=4)
    # The kernel talks to this process over Unix sockets in a private folder, not TCP ports: two
    # kernels started at the same moment can pick the same free port, and one then fails.
    sockets = tempfile.mkdtemp(prefix="pack-kernel-")
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = os.path.join(sockets, "kernel")
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", config=config,
                            resources={"metadata": {"path": workdir}})
    try:
        client.execute()
    except CellExecutionError as error:
        index = next((i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
                      and any(o.get("output_type") == "error" for o in cell.get("outputs", []))), None)
        source = nb.cells[index].source if index is not None else ""
        return {"cell": index, "source": source[:800], "error": str(error)[-3000:]}
    except Exception as error:  # a kernel that died or timed out
        return {"cell": None, "source": "", "error": f"{type(error).__name__}: {error}"[-3000:]}
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    return None


def kernel_prefix() -> str:
    """The sys.prefix of the kernel "python3" resolves to here."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        found = {}

        def hook(message):
            if message["msg_type"] == "stream":
                found["text"] = found.get("text", "") + message["content"]["text"]

        client.execute_interactive("import sys; print(sys.prefix)", output_hook=hook, timeout=120)
        return found.get("text", "").strip()
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main(argv: list[str]) -> int:
    workdir, notebooks = argv[0], argv[1:]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, notebooks, [workdir] * len(notebooks)))
    report = {"kernel_prefix": kernel_prefix(),
              "notebooks": dict(zip(notebooks, results))}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
