"""One course style: a colour-blind-safe palette and explicit rcParams (no side effect on import).

The palette is Okabe & Ito's (2008), distinguishable under the common forms of
colour blindness. Classes are told apart by colour *and* marker shape, never by
red/green alone.
"""
from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.colors import LinearSegmentedColormap

__all__ = ["COLORS", "CLASS_COLORS", "CLASS_MARKERS", "CYCLE", "REGION_CMAP",
           "use_course_style", "get_ax"]

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
