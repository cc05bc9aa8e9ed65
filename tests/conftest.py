"""Shared pytest configuration.

Unit tests draw figures without a display: use the non-interactive Agg backend
unless the caller chose a backend with MPLBACKEND.

This is done with ``matplotlib.use`` rather than by setting the MPLBACKEND
environment variable: nbval's notebook kernels inherit this process's
environment, and with MPLBACKEND=Agg there ipykernel would not install its
inline backend, so the notebooks' figures would vanish and nbval would fail.
"""
import os

if "MPLBACKEND" not in os.environ:
    import matplotlib

    matplotlib.use("Agg")
