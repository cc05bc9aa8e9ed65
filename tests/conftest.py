"""Shared pytest configuration.

Unit tests draw figures without a display: use the non-interactive Agg backend
unless the caller chose a backend with MPLBACKEND.

This is done with ``matplotlib.use`` rather than by setting the MPLBACKEND
environment variable: nbval's notebook kernels inherit this process's
environment, and with MPLBACKEND=Agg there ipykernel would not install its
inline backend, so the notebooks' figures would vanish and nbval would fail.
"""
import os

# The course's matrices are small: one BLAS thread is faster than several, and on a
# loaded 2-core machine threads fight each other (measured up to 30x slower).
# Set before numpy is imported here; nbval's kernels inherit the environment.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

if "MPLBACKEND" not in os.environ:
    import matplotlib

    matplotlib.use("Agg")

