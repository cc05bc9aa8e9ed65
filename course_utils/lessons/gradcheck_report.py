"""Notebook 10 (gradient checking): how differences at the round-off floor are printed (floor 4).

A correct backprop scores a relative difference at the round-off floor, about 1e-9.
Its digits come from the last bits of every matrix product, which differ from one
BLAS kernel (CPU) to another, so the notebook prints only their order of magnitude
(:func:`magnitude`) or a bound (:func:`below`, :func:`report_table`): text that reads
the same on every machine. Re-exported by :mod:`course_utils.lessons.gradcheck`.

No matplotlib, no ipywidgets.
"""
from __future__ import annotations

import numpy as np

from .._checks import check_positive_float

__all__ = ["magnitude", "below", "report_table"]


def magnitude(x: float) -> str:
    """``x`` rounded to the nearest power of ten, e.g. ``"~1e-03"`` for 9.5e-4 or 1.01e-3.

    For numbers whose digits differ from machine to machine (round-off) but whose
    order of magnitude does not. ``"0"`` for 0, ``"inf"``/``"nan"`` as they are.
    """
    x = float(x)
    if x == 0 or not np.isfinite(x):
        return "0" if x == 0 else str(x)
    return f"~1e{int(np.round(np.log10(abs(x)))):+03d}"


def below(x: float, bound: float = 1e-7, digits: int = 2) -> str:
    """``"< 1e-07"`` when ``x < bound``, else ``x`` in scientific notation with ``digits``.

    A correct backprop scores a difference at the round-off floor, between about
    1e-10 and 1e-8 depending on the BLAS kernel; printed as a bound (the lecture's
    1e-7 by default) it reads the same on every machine.
    """
    bound = check_positive_float(bound, "bound")
    x = float(x)
    return f"< {bound:.0e}" if x < bound else f"{x:.{int(digits)}e}"


def report_table(report, bound: float = 1e-7) -> str:
    """The text table of a :class:`~course_utils.gradcheck.GradCheckReport`, each
    difference printed with :func:`below` (round-off-level values as ``< 1e-07``)."""
    rows = [f"{'param':>6}  {'difference':>11}  status"]
    for k, d in report.per_parameter.items():
        status = "<-- suspect" if d > report.threshold else "ok"
        rows.append(f"{k:>6}  {below(d, bound):>11}  {status}")
    rows.append(f"{'all':>6}  {below(report.difference, bound):>11}  {report.verdict}")
    return "\n".join(rows)
