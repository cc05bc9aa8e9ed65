"""Figures of notebook 01: split shares, dev-set precision, mismatched dev sets, dev overuse."""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullLocator

from ..lessons.splits import Z_95
from .common import plot_paired_error_bars
from .style import COLORS, get_ax, log_ticks

__all__ = ["plot_split_bar", "plot_ci_width", "plot_dev_vs_test", "plot_selection_optimism"]

_PART_COLORS = (COLORS["blue"], COLORS["orange"], COLORS["green"])


def plot_split_bar(rec, ax=None, title: str | None = None):
    """Bars of the train/dev/test sizes of a :class:`SplitRecommendation` (log scale).

    A log axis keeps a 0.01% dev set visible next to a 99.98% training set; each
    bar is labelled with its share of ``m``.
    """
    ax = get_ax(ax)
    names = ("train", "dev", "test")
    sizes = np.array([rec.n_train, rec.n_dev, rec.n_test], dtype=float)
    for i, (name, frac, n) in enumerate(zip(names, rec.fractions, sizes)):
        if n == 0:
            ax.text(i, 1.2, "no test set", ha="center", va="bottom", fontsize=9)
            continue
        ax.bar(i, n, 0.6, color=_PART_COLORS[i], hatch=("", "//", "..")[i], edgecolor="white")
        ax.text(i, n * 1.3, f"{100 * frac:.4g}%", ha="center", va="bottom", fontsize=9)
    ax.set_yscale("log")
    ax.set_ylim(1, max(10.0, rec.m) * 20)
    log_ticks(ax, "y", labels="power")
    ax.set_xticks(range(3), names)
    ax.set_ylabel("examples (log scale)")
    ax.grid(False, axis="x")
    ax.set_title(title or f"Split of m = {rec.m:,}")
    return ax


def plot_ci_width(p: float, n_dev: int, target_half_width: float | None = None, ax=None,
                  n_range=(10, 10 ** 7), title: str | None = None):
    """95% CI half-width of an accuracy ``p`` vs dev-set size (log-log), marking ``n_dev``."""
    ax = get_ax(ax)
    n = np.logspace(np.log10(n_range[0]), np.log10(n_range[1]), 200)
    hw = 100 * Z_95 * np.sqrt(p * (1 - p) / n)
    ax.loglog(n, hw, color=COLORS["blue"], label=rf"$1.96\sqrt{{p(1-p)/n}}$, p = {p:.0%}")
    cur = 100 * Z_95 * np.sqrt(p * (1 - p) / n_dev)
    ax.plot([n_dev], [cur], "o", color=COLORS["vermillion"], ms=8,
            label=f"this dev set: n = {n_dev:,}, +/- {cur:.2f} pp")
    if target_half_width is not None:
        ax.axhline(100 * target_half_width, color=COLORS["black"], ls="--", lw=1,
                   label=f"target +/- {100 * target_half_width:.2g} pp")
    log_ticks(ax, "xy", labels="power")
    ax.set_xlabel("dev-set size n (examples)")
    ax.set_ylabel("95% CI half-width (pp)")
    ax.legend(fontsize=8)
    ax.set_title(title or "Precision of a dev-set accuracy")
    return ax


def plot_dev_vs_test(labels, dev_errors, test_errors, ax=None, title: str | None = None):
    """Grouped bars: mean dev and test error (%, with std error bars) for each setup.

    Parameters
    ----------
    labels : list of setup names
    dev_errors, test_errors : (n_setups, n_repeats) error fractions
    """
    return plot_paired_error_bars(labels, dev_errors, test_errors, ("dev error", "test error"),
                                  (COLORS["orange"], COLORS["blue"]), ("//", ""), ax=ax,
                                  title=title or "Does the dev error predict the test error?",
                                  ylabel="error (%), mean +/- std over repeats")


def plot_selection_optimism(n_configs, dev_acc, test_acc, ax=None, title: str | None = None):
    """Dev vs test accuracy of the dev-selected best configuration, vs configurations tried.

    Parameters
    ----------
    n_configs : (k,) number of configurations tried
    dev_acc, test_acc : (k, n_repeats) accuracies of the selected configuration
    """
    ax = get_ax(ax)
    n = np.asarray(n_configs)
    for arr, name, col, mk in ((dev_acc, "dev accuracy of the chosen one", COLORS["orange"], "^"),
                               (test_acc, "test accuracy of the chosen one", COLORS["blue"], "o")):
        a = 100 * np.asarray(arr)
        ax.errorbar(n, a.mean(axis=1), yerr=a.std(axis=1), color=col, marker=mk, capsize=3,
                    label=name)
    ax.set_xscale("log")
    ax.set_xticks(n, [str(int(v)) for v in n])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xlabel("random configurations tried (best one picked on dev)")
    ax.set_ylabel("accuracy (%), mean +/- std")
    ax.legend()
    ax.set_title(title or "Tuning on dev makes dev accuracy optimistic")
    return ax
