"""Notebook 02's figures: boundaries, the diagnosis, the decomposition, remedies, widths."""
import numpy as np

from course_utils.lessons.bias_variance import diagnose, polynomial_bias_variance
from course_utils.plots.bias_variance import (
    plot_decomposition,
    plot_diagnosis,
    plot_polynomial_fits,
    plot_proba_boundary,
    plot_remedy,
    plot_width_sweep,
)


def test_bias_variance_plots(labelled):
    d = diagnose(0.15, 0.30)
    ax = plot_diagnosis(d)
    assert labelled(ax) and "high bias and high variance" in ax.get_title()
    res = polynomial_bias_variance(range(6), n_sets=30, seed=0)
    ax = plot_decomposition(res)
    assert labelled(ax) and ax.get_yscale() == "log"
    assert any("best degree" in t.get_text() for t in ax.get_legend().get_texts())
    ax = plot_polynomial_fits(res, 3, n_show=5)
    assert labelled(ax) and len(ax.lines) == 5 + 2
    rng = np.random.default_rng(0)
    ax = plot_remedy(["x", "y", "z"], rng.random((3, 3)), rng.random((3, 3)))
    assert labelled(ax) and len(ax.patches) == 6
    ax = plot_width_sweep([2, 4, 8], rng.random((3, 3)), rng.random((3, 3)), rng.random((3, 3)),
                          rng.random((3, 3)), lambd=1.0)
    assert labelled(ax) and len(ax.get_legend().get_texts()) == 4


def test_plot_proba_boundary():
    X = np.random.default_rng(1).uniform(-1, 1, (2, 40))
    Y = (X[0:1] > 0).astype(float)
    ax = plot_proba_boundary(lambda G: 1 / (1 + np.exp(-5 * G[0:1])), X, Y, title="t",
                             centers=X[:, :2])
    assert ax.get_title() == "t" and ax.get_legend() is not None
    assert len(ax.collections) >= 3
