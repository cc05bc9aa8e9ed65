"""Figures every notebook uses: data points, decision boundaries, learning curves."""
from __future__ import annotations

import numpy as np

from ..nn import forward_unchecked, check_params
from .style import CLASS_COLORS, CLASS_MARKERS, COLORS, REGION_CMAP, get_ax

__all__ = ["plot_points", "decision_grid", "plot_decision_boundary", "plot_learning_curves",
           "plot_paired_error_bars"]


def plot_points(X, Y, ax=None, size: float = 22, alpha: float = 0.9, label_prefix: str = "",
                edgecolor: str = "white"):
    """Scatter a 2-D binary dataset: X (2, m), Y (1, m); class 0 blue circles, 1 orange triangles."""
    ax = get_ax(ax)
    X, y = np.asarray(X), np.asarray(Y).ravel()
    for c in (0, 1):
        sel = y == c
        ax.scatter(X[0, sel], X[1, sel], s=size, c=CLASS_COLORS[c], marker=CLASS_MARKERS[c],
                   edgecolors=edgecolor, linewidths=0.5, alpha=alpha,
                   label=f"{label_prefix}y = {c}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def decision_grid(params, X, hidden_activation: str = "relu", resolution: int = 150,
                  margin: float = 0.25):
    """P(y=1) of a sigmoid network on a grid covering X (2, m).

    Returns
    -------
    xx, yy : (resolution, resolution) grid coordinates
    proba : (resolution, resolution) predicted probability of class 1
    """
    check_params(params, 2)
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=1) - margin, X.max(axis=1) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    grid = np.vstack([xx.ravel(), yy.ravel()])
    with np.errstate(over="ignore", invalid="ignore"):
        proba = forward_unchecked(grid, params, hidden_activation, "sigmoid")[0]
    return xx, yy, proba.reshape(xx.shape)


def plot_decision_boundary(params, X, Y, hidden_activation: str = "relu", ax=None,
                           title: str | None = None, resolution: int = 150,
                           show_regions: bool = True, X_extra=None, Y_extra=None,
                           extra_label: str = "dev"):
    """Decision regions (P(y=1) shading), the 0.5 contour and the points.

    Parameters
    ----------
    params : parameters of a sigmoid-output network on 2 features
    X : (2, m), Y : (1, m) points to draw (e.g. the training set)
    X_extra, Y_extra : optional second set drawn hollow (e.g. dev points)
    """
    ax = get_ax(ax)
    both = X if X_extra is None else np.hstack([X, X_extra])
    xx, yy, proba = decision_grid(params, both, hidden_activation, resolution)
    if show_regions:
        ax.contourf(xx, yy, proba, levels=np.linspace(0, 1, 11), cmap=REGION_CMAP, alpha=0.55,
                    vmin=0, vmax=1)
    if np.nanmin(proba) < 0.5 < np.nanmax(proba):
        ax.contour(xx, yy, proba, levels=[0.5], colors=COLORS["black"], linewidths=1.5)
    plot_points(X, Y, ax, label_prefix="train " if X_extra is not None else "")
    if X_extra is not None:
        Xe, ye = np.asarray(X_extra), np.asarray(Y_extra).ravel()
        for c in (0, 1):
            sel = ye == c
            ax.scatter(Xe[0, sel], Xe[1, sel], s=22, facecolors="none",
                       edgecolors=CLASS_COLORS[c], marker=CLASS_MARKERS[c], linewidths=1.0,
                       label=f"{extra_label} y = {c}")
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    ax.legend(loc="upper right", fontsize=8, framealpha=0.8, frameon=True)
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax


def plot_learning_curves(history, ax=None, metric: str = "cost", title: str | None = None,
                         log_y: bool = False):
    """Training curves from a :class:`course_utils.train.History`.

    ``metric="cost"`` draws J (with the L2 term), the data term alone if it differs,
    and the dev cost; ``metric="error"`` draws train and dev error in percent.
    """
    if metric not in ("cost", "error"):
        raise ValueError(f"Unknown metric {metric!r}. Valid names: 'cost', 'error'.")
    ax = get_ax(ax)
    h = history.as_arrays()
    it = h["iterations"]
    if metric == "cost":
        ax.plot(it, h["cost"], color=COLORS["blue"], label="train J (with L2 term)")
        if not np.allclose(h["cost"], h["data_cost"]):
            ax.plot(it, h["data_cost"], color=COLORS["sky"], ls="--",
                    label="train cross-entropy only")
        if h["dev_cost"].size:
            ax.plot(it, h["dev_cost"], color=COLORS["orange"], label="dev cross-entropy")
        ax.set_ylabel("cost")
    else:
        ax.plot(it, 100 * (1 - h["train_accuracy"]), color=COLORS["blue"], label="train error")
        if h["dev_accuracy"].size:
            ax.plot(it, 100 * (1 - h["dev_accuracy"]), color=COLORS["orange"], label="dev error")
        ax.set_ylabel("error (%)")
    if log_y:
        ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.legend()
    ax.set_title(title or ("Learning curves" if metric == "cost" else "Error during training"))
    return ax


def plot_paired_error_bars(labels, first, second, names=("train error", "dev error"),
                           colors=(COLORS["blue"], COLORS["orange"]), hatches=("", "//"),
                           ax=None, tick_fontsize=None):
    """Two bars per setting: mean +/- std (in %) of two error measurements over seeds.

    Parameters
    ----------
    labels : list of setting names (one group of two bars each)
    first, second : (n_settings, n_seeds) error fractions; ``first`` is drawn on the left
    names, colors, hatches : legend label, colour and hatch of each series
    """
    ax = get_ax(ax)
    x = np.arange(len(labels))
    w = 0.38
    for off, arr, name, col, hatch in zip((-w / 2, w / 2), (first, second), names, colors,
                                          hatches):
        arr = np.atleast_2d(arr)
        ax.bar(x + off, 100 * arr.mean(axis=1), w, yerr=100 * arr.std(axis=1), capsize=4,
               color=col, hatch=hatch, edgecolor="white", label=name)
    ax.set_xticks(x, labels, fontsize=tick_fontsize)
    return ax
