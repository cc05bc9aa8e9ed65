"""Figures of notebook 03 (L2 regularization): the validation curve, our runs beside the
course's reference results, measures vs lambd, L1/L2 weight histograms and the cost split
into its two terms.

A lambd axis is logarithmic; lambd = 0 (no regularization) is drawn one decade
left of the smallest positive lambd, after a break mark, with the tick label "0".
"""
from __future__ import annotations

import numpy as np

from .style import COLORS, get_ax

__all__ = ["lambd_positions", "plot_validation_curve", "plot_reference", "plot_vs_lambd",
           "plot_weight_histograms", "plot_cost_terms"]


def lambd_positions(lambds) -> np.ndarray:
    """x positions for lambd values on a log axis; 0 goes one decade below the smallest
    positive value (or to 1e-3 when there is none)."""
    lam = np.asarray(lambds, dtype=float)
    if lam.ndim != 1 or lam.size == 0 or np.any(~np.isfinite(lam)) or np.any(lam < 0):
        raise ValueError(f"lambds must be a non-empty 1-D array of finite values >= 0, "
                         f"got {lam!r}.")
    pos = lam[lam > 0]
    zero_at = pos.min() / 10 if pos.size else 1e-3
    return np.where(lam > 0, lam, zero_at)


def _lambd_axis(ax, lambds):
    lam = np.asarray(lambds, dtype=float)
    x = lambd_positions(lam)
    ax.set_xscale("log")
    pos = lam[lam > 0]
    if np.any(lam == 0):
        zero_at = x[lam == 0][0]
        decades = [t for t in 10.0 ** np.arange(-6, 7)
                   if pos.size and pos.min() / 1.01 <= t <= pos.max() * 1.01]
        ax.set_xticks([zero_at] + decades, ["0"] + [f"{t:g}" for t in decades])
        ax.minorticks_off()
        if pos.size:  # break mark between 0 and the positive values
            ax.axvline(np.sqrt(zero_at * pos.min()), color=COLORS["grey"], lw=0.8, ls=":")
    ax.set_xlabel(r"$\lambda$ (log scale; 0 = no regularization)")
    return x


def plot_validation_curve(sweep, ax=None, chosen: float | None = None,
                          current: float | None = None, title: str | None = None,
                          show_test: bool = False):
    """Train and dev error (%) vs lambd: mean over the kept runs, band = +-1 std.

    Parameters
    ----------
    sweep : :class:`course_utils.lessons.l2.SweepResult`
    chosen : lambd picked on the dev set (dashed vertical line)
    current : lambd to highlight (the explorer's slider)
    """
    ax = get_ax(ax)
    x = _lambd_axis(ax, sweep.lambds)
    series = [("train_acc", "train error", COLORS["blue"], "o", "-"),
              ("dev_acc", "dev error", COLORS["orange"], "^", "-")]
    if show_test:
        series.append(("test_acc", "test error", COLORS["green"], "s", "--"))
    for key, label, color, marker, ls in series:
        mean, std = sweep.mean_std(key)
        ax.plot(x, 100 * (1 - mean), color=color, marker=marker, ls=ls, label=label)
        ax.fill_between(x, 100 * (1 - mean - std), 100 * (1 - mean + std), color=color,
                        alpha=0.2, lw=0)
    if chosen is not None:
        xc = lambd_positions(np.r_[sweep.lambds, chosen])[-1]
        ax.axvline(xc, color=COLORS["black"], ls="--", lw=1.2,
                   label=f"chosen on dev: $\\lambda$ = {chosen:g}")
    if current is not None:
        xc = lambd_positions(np.r_[sweep.lambds, current])[-1]
        ax.axvline(xc, color=COLORS["grey"], lw=6, alpha=0.35, label="explorer")
    ax.set_ylabel("error (%)")
    n = sweep.kept.sum(axis=1)
    runs = f"{n.min()}" if n.min() == n.max() else f"{n.min()}-{n.max()}"
    ax.set_title(title or f"Validation curve (mean ± std over {runs} runs per $\\lambda$)")
    ax.legend(loc="upper center", fontsize=8)
    return ax


def plot_reference(sweep, reference, ax=None, title: str | None = None):
    """Our kept runs (one marker per seed) beside the course's reference results.

    For each lambd of ``reference`` (a dict ``{lambd: (train %, test %)}``, e.g.
    :data:`course_utils.lessons.l2.COURSE_REFERENCE`), three columns: train, dev and test
    accuracy (%) of every kept run of the sweep, with their mean as a short bar, and the
    course's train and test figures as black stars (the course reports no dev set).
    """
    ax = get_ax(ax)
    series = [("train_acc", "train", COLORS["blue"], "o", 0), ("dev_acc", "dev", COLORS["orange"],
              "^", None), ("test_acc", "test", COLORS["green"], "s", 1)]
    ticks, labels = [], []
    for g, (lv, course) in enumerate(reference.items()):
        i = sweep.index(lv)
        for c, (key, name, color, marker, ref_pos) in enumerate(series):
            x = 4 * g + c
            vals = 100 * getattr(sweep, key)[i, sweep.kept[i]]
            jitter = np.linspace(-0.18, 0.18, vals.size) if vals.size > 1 else np.zeros(1)
            ax.scatter(x + jitter, vals, color=color, marker=marker, s=36, alpha=0.8,
                       edgecolor="white", lw=0.5, label=f"ours, {name} (one per seed)"
                       if g == 0 else None, zorder=3)
            ax.hlines(vals.mean(), x - 0.3, x + 0.3, color=color, lw=2.5, zorder=2)
            if ref_pos is not None:
                ax.scatter([x], [course[ref_pos]], marker="*", s=220, color=COLORS["black"],
                           edgecolor="white", lw=0.8, zorder=4,
                           label="course assignment (one run)" if g == 0 and c == 0 else None)
            ticks.append(x)
            labels.append(name)
        ax.text(4 * g + 1, 1.02, "no regularization" if lv == 0 else f"L2, $\\lambda$ = {lv:g}",
                transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=9)
        if g:
            ax.axvline(4 * g - 1, color=COLORS["grey"], lw=0.8, ls=":")
    ax.set_xticks(ticks, labels)
    ax.set_xlim(-0.7, 4 * len(reference) - 1.3)
    ax.set_ylabel("accuracy (%)")
    ax.set_title(title or "Ours (bar = mean) vs the course assignment", pad=18)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    return ax


def plot_vs_lambd(lambds, mean, std=None, ax=None, label: str | None = None,
                  ylabel: str = "", title: str | None = None, color: str | None = None,
                  marker: str = "o"):
    """A measured quantity vs lambd (mean line, optional +-std band)."""
    ax = get_ax(ax)
    x = _lambd_axis(ax, lambds)
    color = color or COLORS["blue"]
    mean = np.asarray(mean, dtype=float)
    ax.plot(x, mean, color=color, marker=marker, label=label)
    if std is not None:
        std = np.asarray(std, dtype=float)
        ax.fill_between(x, mean - std, mean + std, color=color, alpha=0.2, lw=0)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if label:
        ax.legend(fontsize=8)
    return ax


def plot_weight_histograms(weights_a, weights_b, labels=("L1", "L2"), ax=None,
                           tol: float = 1e-2, bins: int = 61, title: str | None = None):
    """Histograms of two pooled weight samples (1-D arrays), log count axis.

    The band ``|w| < tol`` (what counts as "zero") is shaded.
    """
    ax = get_ax(ax)
    a, b = np.ravel(weights_a), np.ravel(weights_b)
    lim = float(max(np.abs(a).max(), np.abs(b).max(), tol)) * 1.05
    edges = np.linspace(-lim, lim, bins + 1)
    ax.axvspan(-tol, tol, color=COLORS["grey"], alpha=0.25, lw=0,
               label=f"|w| < {tol:g} (counted as zero)")
    ax.hist(a, bins=edges, color=COLORS["orange"], alpha=0.75, hatch="//", edgecolor="white",
            label=f"{labels[0]}: {np.mean(np.abs(a) < tol):.0%} near zero")
    ax.hist(b, bins=edges, histtype="step", color=COLORS["blue"], lw=2,
            label=f"{labels[1]}: {np.mean(np.abs(b) < tol):.0%} near zero")
    ax.set_yscale("log")
    ax.set_xlabel("weight value $w$")
    ax.set_ylabel("number of weights (log)")
    ax.set_title(title or f"Weights after training: {labels[0]} vs {labels[1]}")
    ax.legend(fontsize=8)
    return ax


def plot_cost_terms(history, ax=None, title: str | None = None, log_y: bool = True):
    r"""The full cost J, its data term and the L2 term :math:`J - J_{data}` vs iteration.

    ``history`` is a :class:`course_utils.train.History` (``cost`` includes the L2 term).
    ``log_y`` (default) shows a rising data term next to a falling J on one axis.
    """
    ax = get_ax(ax)
    h = history.as_arrays()
    it = h["iterations"]
    ax.plot(it, h["cost"], color=COLORS["blue"], label="full J (data + L2 term)")
    ax.plot(it, h["data_cost"], color=COLORS["orange"], ls="--", label="data term (cross-entropy)")
    ax.plot(it, h["cost"] - h["data_cost"], color=COLORS["green"], ls=":",
            label=r"L2 term $\frac{\lambda}{2m}\sum\|W\|_F^2$")
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost (log scale)" if log_y else "cost")
    if log_y:
        ax.set_yscale("log")
    ax.set_title(title or "Cost and its two terms")
    ax.legend(fontsize=8)
    return ax

