"""Figures of notebook 06: long-run curves with the stopping point, ||W||^2, ES vs an L2 sweep."""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from .style import CLASS_COLORS, CLASS_MARKERS, COLORS, REGION_CMAP, get_ax

__all__ = ["plot_error_curves", "plot_cost_curves", "plot_weight_norm", "plot_es_vs_l2",
           "plot_boundary_image", "mark_iterations"]


def mark_iterations(ax, best=None, stop=None, current=None):
    """Vertical markers: best iteration (restored), stopping iteration, current iteration."""
    if best is not None:
        ax.axvline(best, color=COLORS["green"], ls="-", lw=1.6, label=f"best (restored): {best:g}")
    if stop is not None:
        ax.axvline(stop, color=COLORS["purple"], ls=":", lw=1.8, label=f"stopped: {stop:g}")
    if current is not None:
        ax.axvline(current, color=COLORS["grey"], ls="-", lw=5, alpha=0.35,
                   label=f"shown: {current:g}")
    return ax


def _plain_log_x(ax):
    """Log x axis with plain tick labels (1, 10, 100, ...) and no minor ticks (fast to draw)."""
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, numticks=8))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.xaxis.set_minor_locator(NullLocator())


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
    _plain_log_x(ax)
    ax.set_xlabel("iteration (log scale)")
    ax.set_ylabel("error (%)")
    ax.set_title(title or "Error during a long unregularized run")
    if legend:
        ax.legend(loc="best", fontsize=8, frameon=True, framealpha=0.85)
    return ax


def plot_cost_curves(history, ax=None, best=None, stop=None, title: str | None = None):
    """Training cost J and dev cross-entropy vs iteration (log iteration axis) with the markers."""
    ax = get_ax(ax)
    h = history.as_arrays() if hasattr(history, "as_arrays") else history
    it, k = _iters(h)
    ax.plot(it[k], h["cost"][k], color=COLORS["blue"], label="train cost J")
    ax.plot(it[k], h["dev_cost"][k], color=COLORS["orange"], label="dev cost")
    mark_iterations(ax, best, stop)
    _plain_log_x(ax)
    ax.set_xlabel("iteration (log scale)")
    ax.set_ylabel("cross-entropy")
    ax.set_title(title or "Cost: train keeps falling, dev turns up")
    ax.legend(loc="lower left", fontsize=8)
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


def plot_boundary_image(xx_range, yy_range, proba, X, Y, ax=None, title: str | None = None):
    """Fast decision-region drawing for explorers: ``imshow`` of P(y=1), its 0.5 contour, points.

    Parameters
    ----------
    xx_range, yy_range : (lo, hi) of the grid ; proba : (r, r) probabilities on the grid
    X : (2, m), Y : (1, m) points to draw
    """
    ax = get_ax(ax)
    extent = (xx_range[0], xx_range[1], yy_range[0], yy_range[1])
    ax.imshow(proba, origin="lower", extent=extent, cmap=REGION_CMAP, vmin=0, vmax=1,
              alpha=0.6, aspect="auto", interpolation="bilinear")
    if np.nanmin(proba) < 0.5 < np.nanmax(proba):
        xs = np.linspace(*xx_range, proba.shape[1])
        ys = np.linspace(*yy_range, proba.shape[0])
        ax.contour(xs, ys, proba, levels=[0.5], colors=COLORS["black"], linewidths=1.4)
    y = np.asarray(Y).ravel()
    for c in (0, 1):
        sel = y == c
        ax.scatter(X[0, sel], X[1, sel], s=14, c=CLASS_COLORS[c], marker=CLASS_MARKERS[c],
                   edgecolors="white", linewidths=0.4, label=f"train y = {c}")
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.grid(False)
    ax.legend(loc="upper left", fontsize=7, frameon=True, framealpha=0.8)
    if title:
        ax.set_title(title)
    return ax

