"""Loaded by pytest for every test under the repository, the notebooks in book/ included (a
conftest in tests/ applies only to tests/).

nbval's kernels inherit this environment. `make notebooks` stores outputs with one BLAS thread
and PYTHONHASHSEED=0; checking them with two threads and another seed makes every test run a
second-configuration check: an output that depends on thread count or set order fails here.
HANDBOOK_CHARTS=html: charts as the stored notebooks hold them (see handbook.charts).
"""
import os

os.environ.update({"OMP_NUM_THREADS": "2", "OPENBLAS_NUM_THREADS": "2", "MKL_NUM_THREADS": "2",
                   "PYTHONHASHSEED": "1", "HANDBOOK_CHARTS": "html"})
