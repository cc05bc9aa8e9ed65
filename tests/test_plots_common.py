"""Figures shared by several notebooks: the decision grid, the boundary image of the explorers,
cost curves (one run's train/dev cost, or several named runs) and the iteration markers."""
from types import SimpleNamespace

import numpy as np
import pytest
from matplotlib.figure import Figure

from course_utils.metrics import grid_axes, grid_proba
from course_utils.plots.common import (
    boundary_contour,
    decision_grid,
    mark_iterations,
    plot_boundary_image,
    plot_cost_curves,
    plot_decision_boundary,
)


@pytest.fixture
def run(snapshot_run):
    result, (X, Y, _, _) = snapshot_run
    return result, X, Y


def _ax():
    return Figure().subplots()


def test_decision_grid_is_the_metrics_grid_with_an_absolute_margin(run):
    r, X, _ = run
    xx, yy, proba = decision_grid(r.params, X, resolution=30)
    assert xx.shape == yy.shape == proba.shape == (30, 30)
    assert xx[0, 0] == X[0].min() - 0.25 and yy[-1, 0] == X[1].max() + 0.25
    xs, ys = grid_axes(X, 30)
    np.testing.assert_array_equal(proba, grid_proba(r.params, xs, ys))
    with pytest.raises(ValueError, match="must have keys W1, b1"):
        decision_grid({"W1": np.ones((1, 2))}, X)


def test_plot_decision_boundary_draws_regions_contour_and_points(run, labelled):
    r, X, Y = run
    ax = plot_decision_boundary(r.params, X, Y, ax=_ax(), title="t", resolution=40)
    assert labelled(ax) and ax.get_xlim() == (X[0].min() - 0.25, X[0].max() + 0.25)


def test_boundary_image_from_parameters_and_from_a_grid(run, labelled):
    r, X, Y = run
    ax = plot_boundary_image(r.params, X, Y, ax=_ax(), title="from params", resolution=40)
    assert labelled(ax) and len(ax.get_images()) == 1
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["y = 0", "y = 1"]
    assert ax.get_xlim() == pytest.approx((X[0].min() - 0.25, X[0].max() + 0.25))
    extent = (-1.0, 1.0, -1.0, 1.0)
    proba = np.tile(np.linspace(0, 1, 20), (10, 1))          # boundary at x1 = 0
    ax = plot_boundary_image(proba, X, Y, ax=_ax(), extent=extent, title="grid",
                             label_prefix="train ")
    assert ax.get_images()[0].get_extent() == list(extent)
    assert ax.get_legend().get_texts()[0].get_text() == "train y = 0"
    assert len(ax.collections) == 3                          # contour + two point classes
    ax = plot_boundary_image(np.full((5, 5), 0.9), X, Y, ax=_ax(), extent=extent, legend=False)
    assert len(ax.collections) == 2 and ax.get_legend() is None and not ax.get_title()


def test_boundary_image_bad_grid():
    X, Y = np.zeros((2, 3)), np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"model must be a parameter dict, or a 2-D grid"):
        plot_boundary_image(np.zeros((4, 4)), X, Y, ax=_ax())
    with pytest.raises(ValueError, match=r"got shape \(4,\) and extent"):
        plot_boundary_image(np.zeros(4), X, Y, ax=_ax(), extent=(0, 1, 0, 1))


def test_boundary_contour_only_where_the_grid_crosses_one_half():
    ax = _ax()
    assert boundary_contour(ax, np.full((4, 4), 0.2), (0, 1, 0, 1)) is None
    cs = boundary_contour(ax, np.tile([0.0, 1.0], (3, 1)), (0, 1, 0, 1))
    assert cs is not None and list(cs.levels) == [0.5]


def test_cost_curves_of_one_run_show_train_and_dev_with_markers(run, labelled):
    r, _, _ = run
    ax = plot_cost_curves(r.history, ax=_ax(), best=100, stop=800, log_x=True, log_y=False)
    assert labelled(ax) and ax.get_xscale() == "log" and ax.get_yscale() == "linear"
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["train cost J", "dev cost", "best (restored): 100", "stopped: 800"]
    assert ax.get_xlabel() == "iteration (log scale)" and ax.get_ylabel() == "cross-entropy"
    assert ax.get_lines()[0].get_xdata()[0] > 0              # iteration 0 left out on a log axis
    ax = plot_cost_curves(r, ax=_ax())                        # a TrainResult: its history
    assert ax.get_yscale() == "log" and len(ax.get_lines()) == 2


def test_cost_curves_of_named_runs(run, labelled):
    r, _, _ = run
    bad = SimpleNamespace(history=r.history, diverged=True, stopped_iteration=320)
    ax = plot_cost_curves({"ok": [r, r], "one": r.history, "blows up": [bad, bad]}, ax=_ax(),
                          colors=("green", "#123456"))
    assert labelled(ax) and ax.get_ylabel() == "training cost $J$ (log scale)"
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["ok", "one", "blows up", "cost inf/nan here (drawn at last finite J)"]
    lines = ax.get_lines()
    assert lines[0].get_color() == "#009E73" and lines[2].get_color() == "#123456"
    crosses = [line for line in lines if line.get_marker() == "X"]
    assert len(crosses) == 2 and crosses[0].get_xdata()[0] == 320
    assert lines[0].get_linewidth() == 1.2 and lines[2].get_linestyle() == "--"
    with pytest.raises(TypeError, match=r"curves\['x'\] must be a History, a TrainResult"):
        plot_cost_curves({"x": [1, 2]}, ax=_ax())
    with pytest.raises(TypeError, match=r"curves must be a History, a TrainResult or a list"):
        plot_cost_curves(np.ones(3), ax=_ax())


def test_mark_iterations():
    ax = mark_iterations(_ax(), best=3, stop=7, current=5)
    assert [line.get_label() for line in ax.get_lines()] == ["best (restored): 3", "stopped: 7",
                                                             "shown: 5"]
