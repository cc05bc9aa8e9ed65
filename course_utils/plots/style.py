"""One course style: a colour-blind-safe palette, explicit rcParams (no side effect on
import) and the one way log axes are labelled.

The palette is Okabe & Ito's (2008), distinguishable under the common forms of
colour blindness. Classes are told apart by colour *and* marker shape, never by
red/green alone.
"""
from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

__all__ = ["COLORS", "CLASS_COLORS", "CLASS_MARKERS", "CYCLE", "REGION_CMAP", "TICK_LABELS",
           "use_course_style", "get_ax", "log_ticks"]

COLORS = {
    "blue": "#0072B2", "orange": "#E69F00", "vermillion": "#D55E00", "sky": "#56B4E9",
    "green": "#009E73", "yellow": "#F0E442", "purple": "#CC79A7", "black": "#000000",
    "grey": "#7F7F7F",
}
"""Okabe-Ito colours by name."""

CYCLE = [COLORS[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky",
                             "black", "yellow")]
"""Line colour cycle, most distinct first."""

CLASS_COLORS = (COLORS["blue"], COLORS["orange"])
"""Class 0 and class 1 (paired with :data:`CLASS_MARKERS`)."""

CLASS_MARKERS = ("o", "^")

REGION_CMAP = LinearSegmentedColormap.from_list(
    "course_regions", ["#0072B2", "#A6CBE3", "#F7F7F7", "#F5D9A0", "#E69F00"])
"""Decision-region colour map: P(y=1) from 0 (blue) to 1 (orange)."""

_RC = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.autolayout": False,
    "figure.constrained_layout.use": True,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "lines.linewidth": 1.8,
    "image.cmap": "viridis",
}


def use_course_style() -> None:
    """Apply the course's matplotlib style (call it once at the top of a notebook)."""
    mpl.rcParams.update(_RC)
    mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=CYCLE)


def get_ax(ax=None, figsize=None):
    """Return ``ax``, or the axes of a new figure of ``figsize``."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


_SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_label(v, _pos=None) -> str:
    """``10⁻³`` (unicode exponent), ``1``, ``10``; a value between decades as ``%g``."""
    if v <= 0 or not np.isfinite(v):
        return ""
    e = np.log10(v)
    if abs(e - round(e)) > 1e-9:
        return f"{v:g}"
    e = int(round(e))
    return {0: "1", 1: "10"}.get(e, "10" + str(e).translate(_SUP))


def _exp_label(v, _pos=None) -> str:
    """``1e-8``, ``1e0``, ``1e5``."""
    return f"1e{int(round(np.log10(v)))}" if v > 0 and np.isfinite(v) else ""


def _plain_label(v, _pos=None) -> str:
    """``1``, ``100``, ``10,000`` (below 1: ``0.01``)."""
    return f"{v:,.0f}" if v >= 1 else f"{v:g}"


TICK_LABELS = {"power": _power_label, "exp": _exp_label, "plain": _plain_label}
"""Tick label styles of :func:`log_ticks`: ``power`` 10⁻³, ``exp`` 1e-3, ``plain`` 1,000."""


def log_ticks(ax, axes: str = "y", numticks: int = 6, labels: str = "exp"):
    """Few major ticks, no minor ticks and plain-text labels on the log axes of ``ax``.

    Plain text (no mathtext) renders about twice as fast as matplotlib's default
    labels, which matters in explorers that redraw on every slider move. Call it
    after ``ax.set_xscale("log")`` / ``set_yscale("log")`` (setting the scale
    resets the ticks).

    Parameters
    ----------
    ax : matplotlib axes
    axes : ``"x"``, ``"y"`` or ``"xy"``: which axes to label
    numticks : at most this many decades get a tick
    labels : a name of :data:`TICK_LABELS`: ``"exp"`` (1e-3), ``"power"`` (10⁻³) or
        ``"plain"`` (1,000)

    Returns
    -------
    ax
    """
    if labels not in TICK_LABELS:
        raise ValueError(f"Unknown labels {labels!r}. Valid names: "
                         f"{', '.join(map(repr, TICK_LABELS))}.")
    if not axes or set(axes) - {"x", "y"}:
        raise ValueError(f"axes must be 'x', 'y' or 'xy', got {axes!r}.")
    for name in axes:
        axis = ax.xaxis if name == "x" else ax.yaxis
        axis.set_major_locator(LogLocator(base=10, numticks=numticks))
        axis.set_minor_locator(NullLocator())
        axis.set_major_formatter(FuncFormatter(TICK_LABELS[labels]))
    return ax
