"""Figures of notebook 02: the diagnosis bars, the decomposition curves, remedies, width sweep."""
from __future__ import annotations

import numpy as np

from ..lessons.bias_variance import true_function
from ..metrics import grid_axes
from .common import fill_regions, plot_paired_error_bars, plot_points
from .style import COLORS, get_ax, log_ticks

__all__ = ["plot_proba_boundary", "plot_diagnosis", "plot_decomposition", "plot_polynomial_fits",
           "plot_remedy", "plot_width_sweep"]

def plot_proba_boundary(proba_fn, X, Y, ax=None, title: str | None = None, centers=None,
                        resolution: int = 150, margin: float = 0.25):
    """Decision regions of any classifier given as ``proba_fn(X (2, N)) -> (1, N)`` P(y=1).

    ``centers`` (2, k), if given, are marked with crosses (e.g. the bumps of a bump model).
    """
    ax = get_ax(ax)
    xs, ys = grid_axes(X, resolution, margin)
    xx, yy = np.meshgrid(xs, ys)
    proba = np.asarray(proba_fn(np.vstack([xx.ravel(), yy.ravel()]))).reshape(xx.shape)
    fill_regions(ax, xs, ys, proba)
    plot_points(X, Y, ax)
    if centers is not None:
        C = np.asarray(centers)
        ax.scatter(C[0], C[1], marker="x", s=60, c=COLORS["black"], linewidths=1.5,
                   label="bump centres")
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(ys[0], ys[-1])
    ax.grid(False)
    ax.legend(loc="upper right", fontsize=8, framealpha=0.8, frameon=True)
    if title:
        ax.set_title(title)
    return ax


def plot_diagnosis(diag, ax=None, title: str | None = None):
    """Train and dev error as stacked bars: Bayes error + avoidable bias (+ variance).

    Parameters
    ----------
    diag : a :class:`course_utils.lessons.bias_variance.Diagnosis`
    """
    ax = get_ax(ax)
    by = 100 * diag.bayes_error
    bias = 100 * diag.avoidable_bias
    var = 100 * diag.variance
    ax.bar([0, 1], [by, by], 0.55, color=COLORS["grey"], label=f"Bayes error {by:.1f}%")
    ax.bar([0, 1], [bias, bias], 0.55, bottom=[by, by], color=COLORS["orange"], hatch="//",
           edgecolor="white", label=f"avoidable bias {bias:.1f} pp")
    ax.bar([1], [var], 0.55, bottom=[by + bias], color=COLORS["sky"], hatch="..",
           edgecolor="white", label=f"variance {var:.1f} pp")
    for x, v in ((0, 100 * diag.train_error), (1, 100 * diag.dev_error)):
        ax.text(x, v + 0.5, f"{v:.1f}%", ha="center", va="bottom", fontsize=10)
    top = max(100 * diag.dev_error, 100 * diag.train_error, by, 1.0)
    ax.set_ylim(0, top * 1.25 + 1)
    ax.set_xticks([0, 1], ["train error", "dev error"])
    ax.set_ylabel("error (%)")
    ax.grid(False, axis="x")
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(title or f"Diagnosis: {diag.label}")
    return ax


def plot_decomposition(res, ax=None, title: str | None = None, log_y: bool = True):
    """bias^2, variance, noise and their sum vs model complexity (the U-shaped total).

    Parameters
    ----------
    res : dict from :func:`course_utils.lessons.bias_variance.polynomial_bias_variance`
    """
    ax = get_ax(ax)
    d = res["degree"]
    ax.plot(d, res["bias2"], color=COLORS["orange"], marker="^", label="bias²")
    ax.plot(d, res["variance"], color=COLORS["blue"], marker="o", label="variance")
    ax.plot(d, res["noise"], color=COLORS["grey"], ls=":", label="noise σ²")
    ax.plot(d, res["total"], color=COLORS["black"], lw=2.2,
            label="bias² + variance + noise")
    if res.get("expected_error") is not None:
        ax.plot(d, res["expected_error"], ls="none", marker="x", ms=8, color=COLORS["vermillion"],
                label="measured test MSE")
    best = int(d[np.argmin(res["total"])])
    ax.axvline(best, color=COLORS["green"], ls="--", lw=1, label=f"best degree = {best}")
    if log_y:
        ax.set_yscale("log")
        log_ticks(ax, "y", labels="power")
    ax.set_xlabel("model complexity: polynomial degree")
    ax.set_ylabel("expected squared error")
    ax.legend(fontsize=8, ncol=2, loc="lower left")
    ax.set_title(title or "Expected error = bias² + variance + noise")
    return ax


def plot_polynomial_fits(res, degree: int, n_show: int = 20, ax=None, title: str | None = None):
    """Fits of one degree on ``n_show`` resampled training sets, their mean and the truth."""
    ax = get_ax(ax)
    x = res["x_test"]
    P = res["predictions"][degree]
    for i in range(min(n_show, P.shape[0])):
        ax.plot(x, P[i], color=COLORS["sky"], lw=0.8, alpha=0.6,
                label="fits on resampled sets" if i == 0 else None)
    ax.plot(x, P.mean(axis=0), color=COLORS["blue"], lw=2.4, label="mean fit")
    ax.plot(x, true_function(x), color=COLORS["black"], ls="--", lw=2, label="truth sin(πx)")
    ax.set_ylim(-2.5, 2.5)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title or f"Degree {degree}: {min(n_show, P.shape[0])} of {P.shape[0]} fits")
    return ax


def plot_remedy(labels, train_errors, dev_errors, ax=None, title: str | None = None):
    """Grouped bars: train and dev error (%, mean +/- std over seeds) for each setting.

    Parameters
    ----------
    labels : list of setting names
    train_errors, dev_errors : (n_settings, n_seeds) error fractions
    """
    return plot_paired_error_bars(labels, train_errors, dev_errors, ax=ax, tick_fontsize=8,
                                  title=title or "Effect of the remedy")


def plot_width_sweep(widths, dev_plain, dev_l2, train_plain=None, train_l2=None, ax=None,
                     title: str | None = None, lambd: float | None = None):
    """Dev (and train) error vs hidden width, without and with L2 (mean +/- std over seeds).

    Parameters
    ----------
    widths : (k,) hidden widths
    dev_plain, dev_l2 : (k, n_seeds) dev error fractions
    train_plain, train_l2 : optional (k, n_seeds) train error fractions (dashed)
    """
    ax = get_ax(ax)
    w = np.asarray(widths)
    l2 = "with L2" if lambd is None else f"L2, lambd = {lambd:g}"
    series = [(dev_plain, "dev, no regularization", COLORS["vermillion"], "o", "-"),
              (dev_l2, f"dev, {l2}", COLORS["blue"], "^", "-")]
    if train_plain is not None:
        series.append((train_plain, "train, no regularization", COLORS["vermillion"], "o", ":"))
    if train_l2 is not None:
        series.append((train_l2, f"train, {l2}", COLORS["blue"], "^", ":"))
    for arr, name, col, mk, ls in series:
        a = 100 * np.asarray(arr)
        ax.errorbar(w, a.mean(axis=1), yerr=a.std(axis=1), color=col, marker=mk, ls=ls,
                    capsize=3, label=name)
    ax.set_xscale("log", base=2)
    ax.set_xticks(w, [str(int(v)) for v in w])
    ax.set_xlabel("hidden units per layer")
    ax.set_ylabel("error (%), mean +/- std")
    ax.legend(fontsize=8)
    ax.set_title(title or "Bigger networks with and without L2")
    return ax
