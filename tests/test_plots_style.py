"""The course style's one way to label log axes: plain-text ticks in three label styles."""
import re

import pytest
from matplotlib.figure import Figure

from course_utils.plots.style import TICK_LABELS, log_ticks


def _log_axes(xlim=(1, 1e6), ylim=(1e-8, 1)):
    ax = Figure().subplots()
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return ax


def _labels(axis):
    """Labels of the major ticks inside the view."""
    axis.axes.figure.canvas.draw()
    lo, hi = sorted(axis.get_view_interval())
    return [t.get_text() for t in axis.get_ticklabels()
            if lo <= t.get_position()[axis.axis_name == "y"] <= hi]


@pytest.mark.parametrize("style, v, text", [
    ("power", 1e-3, "10⁻³"), ("power", 1.0, "1"), ("power", 10.0, "10"), ("power", 1e5, "10⁵"),
    ("power", 3.0, "3"), ("exp", 1e-8, "1e-8"), ("exp", 1.0, "1e0"), ("exp", 1e5, "1e5"),
    ("plain", 1000.0, "1,000"), ("plain", 10.0, "10"), ("plain", 0.01, "0.01"),
])
def test_tick_label_styles(style, v, text):
    assert TICK_LABELS[style](v) == text


def test_nonpositive_values_get_no_power_label():
    assert TICK_LABELS["power"](0.0) == TICK_LABELS["exp"](0.0) == ""


def test_log_ticks_labels_chosen_axes_only_and_drops_minor_ticks():
    ax = log_ticks(_log_axes(), "y", labels="exp")
    assert "1e-8" in _labels(ax.yaxis) and all(t.startswith("1e") for t in _labels(ax.yaxis))
    assert len(ax.yaxis.get_minorticklocs()) == 0
    assert len(ax.xaxis.get_minorticklocs()) > 0            # x untouched
    ax = log_ticks(_log_axes(), "xy", numticks=4, labels="power")
    # which decades get a tick depends on the matplotlib version; the format does not
    ylabels = _labels(ax.yaxis)
    assert len(_labels(ax.xaxis)) <= 4 and ylabels
    assert all(re.fullmatch(r"1|10[⁻¹²³⁴⁵⁶⁷⁸⁹⁰]*", t) for t in ylabels), ylabels
    ax = log_ticks(_log_axes(xlim=(50, 8000)), "x", numticks=8, labels="plain")
    assert _labels(ax.xaxis) == ["100", "1,000"]


def test_log_ticks_bad_arguments():
    ax = _log_axes()
    with pytest.raises(ValueError, match=r"Unknown labels 'latex'. Valid names: 'power', 'exp'"):
        log_ticks(ax, labels="latex")
    with pytest.raises(ValueError, match=r"axes must be 'x', 'y' or 'xy', got 'z'"):
        log_ticks(ax, "z")
