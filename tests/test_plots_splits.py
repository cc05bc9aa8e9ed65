"""Notebook 01's figures: split bars, CI widths, dev vs test, selection optimism."""
import numpy as np

from course_utils.lessons.splits import recommend_split
from course_utils.plots.splits import (
    plot_ci_width,
    plot_dev_vs_test,
    plot_selection_optimism,
    plot_split_bar,
)


def test_split_plots(labelled):
    rec = recommend_split(10 ** 6)
    ax = plot_split_bar(rec)
    assert labelled(ax, legend=False) and ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["train", "dev", "test"]
    assert any("1.383%" in t.get_text() for t in ax.texts)
    ax = plot_split_bar(recommend_split(1000, with_test=False, max_dev_fraction=0.3))
    assert any("no test set" in t.get_text() for t in ax.texts)
    ax = plot_ci_width(0.9, rec.n_dev, 0.005)
    assert labelled(ax) and ax.get_xlabel().startswith("dev-set size")
    rng = np.random.default_rng(0)
    ax = plot_dev_vs_test(["a", "b"], rng.random((2, 4)), rng.random((2, 4)))
    assert labelled(ax) and len(ax.patches) == 4
    ax = plot_selection_optimism([1, 3, 10], rng.random((3, 5)), rng.random((3, 5)))
    assert labelled(ax) and ax.get_xscale() == "log"
