"""Figures of notebook 06: long-run error curves with the stopping point, ||W||^2, ES vs an
L2 sweep. (Its cost curves and the scrubber's boundary image are drawn by
:func:`course_utils.plots.common.plot_cost_curves` and ``plot_boundary_image``.)"""
from __future__ import annotations

import numpy as np

from .common import mark_iterations
from .style import COLORS, get_ax, log_ticks

__all__ = ["plot_error_curves", "plot_weight_norm", "plot_es_vs_l2"]


def _iters(h):
    it = np.asarray(h["iterations"], dtype=float)
    keep = it > 0  # log axis: the random initialization (iteration 0) is reported in text
    return it, keep


def plot_error_curves(history, ax=None, best=None, stop=None, current=None, X=None,
                      title: str | None = None, test_error=None, legend: bool = True):
    """Train and dev error (%) vs iteration (log axis) with the early-stopping markers.

    ``test_error`` (optional, same length as the records) is drawn dashed.
    """
    ax = get_ax(ax)
    h = history.as_arrays() if hasattr(history, "as_arrays") else history
    it, k = _iters(h)
    ax.plot(it[k], 100 * (1 - h["train_accuracy"][k]), color=COLORS["blue"], label="train error")
    ax.plot(it[k], 100 * (1 - h["dev_accuracy"][k]), color=COLORS["orange"], label="dev error")
    if test_error is not None:
        ax.plot(it[k], 100 * np.asarray(test_error)[k], color=COLORS["vermillion"], ls="--",
                lw=1.2, label="test error")
    mark_iterations(ax, best, stop, current)
    ax.set_xscale("log")
    log_ticks(ax, "x", numticks=8, labels="plain")
    ax.set_xlabel("iteration (log scale)")
    ax.set_ylabel("error (%)")
    ax.set_title(title or "Error during a long unregularized run")
    if legend:
        ax.legend(loc="best", fontsize=8, frameon=True, framealpha=0.85)
    return ax


def plot_weight_norm(histories, ax=None, best=None, title: str | None = None):
    r""":math:`\sum_l\|W^{[l]}\|_F^2` vs iteration for one or several runs (one line per seed)."""
    ax = get_ax(ax)
    hs = histories if isinstance(histories, (list, tuple)) else [histories]
    for i, h in enumerate(hs):
        a = h.as_arrays() if hasattr(h, "as_arrays") else h
        ax.plot(a["iterations"], a["weight_norm2"], color=COLORS["blue"], alpha=0.8, lw=1.4,
                label="one run per seed" if i == 0 else None)
    if best is not None:
        for j, b in enumerate(np.atleast_1d(best)):
            ax.axvline(b, color=COLORS["green"], lw=1.2, alpha=0.7,
                       label="early-stopping points" if j == 0 else None)
    ax.set_xlabel("iteration")
    ax.set_ylabel(r"$\sum_l \|W^{[l]}\|_F^2$")
    ax.set_title(title or "Weights grow with training")
    ax.legend(loc="upper left", fontsize=8)
    return ax


def plot_es_vs_l2(res: dict, ax=None, title: str | None = None):
    """Dev and test error of every L2 run (mean ± std over seeds, log lambda axis) with
    early stopping's one run as horizontal lines."""
    ax = get_ax(ax)
    lam = np.asarray(res["lambdas"], dtype=float)
    dev = 100 * np.asarray(res["l2_dev_all"])
    ax.errorbar(lam, dev.mean(axis=0), yerr=dev.std(axis=0), color=COLORS["orange"], marker="o",
                capsize=3, label=f"L2 sweep: dev error of each of the {lam.size} runs")
    es_dev, es_test = 100 * np.mean(res["es_dev"]), 100 * np.mean(res["es_test"])
    ax.axhline(es_dev, color=COLORS["green"], lw=1.8, label=f"early stopping: dev {es_dev:.1f}%")
    ax.axhline(es_test, color=COLORS["green"], lw=1.4, ls="--",
               label=f"early stopping: test {es_test:.1f}%")
    l2_test = 100 * np.mean(res["l2_test"])
    ax.axhline(l2_test, color=COLORS["orange"], lw=1.4, ls="--",
               label=f"best-on-dev L2 run: test {l2_test:.1f}%")
    ax.set_xscale("log")
    ax.set_xlabel(r"$\lambda$ (log scale)")
    ax.set_ylabel("error (%)")
    ax.set_title(title or "One early-stopped run vs an L2 sweep")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)
    return ax

