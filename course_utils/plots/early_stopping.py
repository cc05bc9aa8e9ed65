"""Figures of notebook 06: long-run error curves with the stopping point, ||W||^2, ES vs an
L2 sweep. (Its cost curves and the scrubber's boundary image are drawn by
:func:`course_utils.plots.common.plot_cost_curves` and ``plot_boundary_image``.)"""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullLocator

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


def plot_es_vs_l2(res: dict, ax=None, metric: str = "test_error", title: str | None = None):
    """One early-stopped run vs an L2 sweep, per lambda (log axis, mean ± std over seeds).

    ``metric="dev_cost"``: the dev cost of every L2 run and of the early-stopped
    network (what both select on); ``"test_error"``: their test error (%), plus the
    test error of the L2 run each seed selected (the fair comparison). ``res`` holds
    the keys of ``lessons.early_stopping.l2_sweep`` and ``replay_early_stopping``.
    """
    if metric not in ("dev_cost", "test_error"):
        raise ValueError(f"Unknown metric {metric!r}. Valid names: 'dev_cost', 'test_error'.")
    ax = get_ax(ax)
    lam = np.asarray(res["lambdas"], dtype=float)
    scale, fmt = (1.0, "{:.3f}") if metric == "dev_cost" else (100.0, "{:.1f}%")
    allruns = scale * np.asarray(res["l2_dev_cost_all" if metric == "dev_cost"
                                     else "l2_test_all"], dtype=float)
    es = scale * np.mean(res["es_dev_cost" if metric == "dev_cost" else "es_test"])
    what = "dev cost" if metric == "dev_cost" else "test error"
    ax.errorbar(lam, allruns.mean(axis=0), yerr=allruns.std(axis=0), color=COLORS["orange"],
                marker="o", capsize=3,
                label=f"L2 sweep: {what} of each of the {lam.size} runs (mean ± std)")
    ax.axhline(es, color=COLORS["green"], lw=1.8, ls="--",
               label=f"early stopping: {what} {fmt.format(es)}")
    if metric == "test_error":
        sel = scale * np.mean(res["l2_test"])
        ax.axhline(sel, color=COLORS["orange"], lw=1.4, ls=":",
                   label=f"selected L2 runs (lowest dev cost): {fmt.format(sel)}")
    ax.set_xscale("log")
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticks(lam, [f"{v:g}" for v in lam])
    ax.set_xlabel(r"$\lambda$ (log scale)")
    ax.set_ylabel("dev cost (cross-entropy)" if metric == "dev_cost" else "test error (%)")
    ax.set_title(title or ("What both select on: the dev cost" if metric == "dev_cost"
                           else "The fair comparison: test error"))
    ax.legend(loc="best", fontsize=8, frameon=True, framealpha=0.85)
    return ax
