"""Figures several notebooks use: data points, decision boundaries (filled, or as a fast
image for explorers), learning and cost curves with iteration markers, paired error bars."""
from __future__ import annotations

import numpy as np

from .._checks import check_params
from ..metrics import grid_axes, grid_proba
from .style import CLASS_COLORS, CLASS_MARKERS, COLORS, CYCLE, REGION_CMAP, get_ax, log_ticks

__all__ = ["plot_points", "decision_grid", "plot_decision_boundary", "fill_regions",
           "boundary_contour", "plot_boundary_image", "plot_learning_curves", "mark_iterations",
           "plot_cost_curves", "plot_paired_error_bars"]


def plot_points(X, Y, ax=None, size: float = 22, alpha: float = 0.9, label_prefix: str = "",
                edgecolor: str = "white"):
    """Scatter a 2-D binary dataset X (2, m), Y (1, m): class 0 blue circles, 1 orange triangles."""
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
    """P(y=1) of a sigmoid network on a grid covering X (2, m), ``margin`` beyond its points.

    Returns
    -------
    xx, yy : (resolution, resolution) grid coordinates
    proba : (resolution, resolution) predicted probability of class 1
    """
    check_params(params, 2)
    xs, ys = grid_axes(X, resolution, margin)
    xx, yy = np.meshgrid(xs, ys)
    return xx, yy, grid_proba(params, xs, ys, hidden_activation)


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
    fill_regions(ax, xx[0], yy[:, 0], proba, shade=show_regions)
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


def fill_regions(ax, xs, ys, proba, shade: bool = True):
    """Decision regions on the grid ``xs`` x ``ys``: P(y=1) shaded in 10 bands (if ``shade``)
    and the 0.5 contour.

    Parameters
    ----------
    xs : (r_x,), ys : (r_y,) grid axes; proba : (r_y, r_x) P(y=1), rows following ``ys``
    """
    if shade:
        ax.contourf(xs, ys, proba, levels=np.linspace(0, 1, 11), cmap=REGION_CMAP, alpha=0.55,
                    vmin=0, vmax=1)
    boundary_contour(ax, proba, (xs[0], xs[-1], ys[0], ys[-1]))
    return ax


def boundary_contour(ax, proba, extent, linewidth: float = 1.5):
    """The 0.5 contour of P(y=1) on a grid spanning ``extent``, or None if the grid has no boundary.

    Parameters
    ----------
    proba : (r_y, r_x) P(y=1); row i is x2 = linspace(extent[2], extent[3], r_y)[i]
    extent : (x1_lo, x1_hi, x2_lo, x2_hi)
    """
    if not np.nanmin(proba) < 0.5 < np.nanmax(proba):
        return None
    xs = np.linspace(extent[0], extent[1], proba.shape[1])
    ys = np.linspace(extent[2], extent[3], proba.shape[0])
    return ax.contour(xs, ys, proba, levels=[0.5], colors=COLORS["black"], linewidths=linewidth)


def plot_boundary_image(model, X, Y, hidden_activation: str = "relu", ax=None,
                        title: str | None = None, resolution: int = 80, extent=None,
                        legend: bool = True, label_prefix: str = ""):
    """Fast decision regions for explorers: P(y=1) as an image (no contour filling), the 0.5
    contour and the points (colour and marker).

    Parameters
    ----------
    model : parameters of a sigmoid-output network on 2 features, evaluated on a
        ``resolution`` x ``resolution`` grid over ``X`` (see :func:`decision_grid`);
        or an (r_y, r_x) array of P(y=1) already computed on a grid spanning ``extent``
    X : (2, m), Y : (1, m) points to draw
    extent : (x1_lo, x1_hi, x2_lo, x2_hi) of a given array (unused with parameters)
    label_prefix : prefix of the legend labels, e.g. ``"train "``
    """
    ax = get_ax(ax)
    if isinstance(model, dict):
        xx, yy, proba = decision_grid(model, X, hidden_activation, resolution)
        extent = (xx[0, 0], xx[0, -1], yy[0, 0], yy[-1, 0])
    else:
        proba = np.asarray(model, dtype=float)
        if proba.ndim != 2 or extent is None or len(extent) != 4:
            raise ValueError(f"model must be a parameter dict, or a 2-D grid of P(y=1) with its "
                             f"extent=(x1_lo, x1_hi, x2_lo, x2_hi); got shape {proba.shape} "
                             f"and extent={extent!r}.")
    ax.imshow(proba, origin="lower", extent=extent, cmap=REGION_CMAP, vmin=0, vmax=1,
              alpha=0.45, aspect="auto", interpolation="bilinear")
    boundary_contour(ax, proba, extent)
    plot_points(X, Y, ax, size=16, edgecolor="black", label_prefix=label_prefix)
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    ax.grid(False)
    if legend:
        ax.legend(loc="upper right", fontsize=8, framealpha=0.8, frameon=True)
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


_LINESTYLES = ("-", "--", "-.", ":")


def _runs(value, name: str) -> list:
    """``(arrays, diverged, stopped_iteration)`` of each run in a History, a TrainResult or a
    list of them."""
    out = []
    for run in value if isinstance(value, (list, tuple)) else [value]:
        h = getattr(run, "history", run)
        if not hasattr(h, "as_arrays"):
            raise TypeError(f"{name} must be a History, a TrainResult or a list of them, "
                            f"got {type(run).__name__}.")
        out.append((h.as_arrays(), bool(getattr(run, "diverged", False)),
                    getattr(run, "stopped_iteration", None)))
    return out


def plot_cost_curves(curves, ax=None, title: str | None = None, log_y: bool = True,
                     log_x: bool = False, best=None, stop=None, colors=None):
    """Cost against iteration: one run's train and dev cost, or the training cost of several runs.

    Parameters
    ----------
    curves : a :class:`course_utils.train.History` or ``TrainResult``: its train cost J and
        its dev cost (two solid lines); or a dict label -> History, TrainResult or a list of
        them (one per seed): each run's training cost J, one colour and line style per label
        (thinner, translucent lines when a label has several runs). A diverged TrainResult
        ends with a cross at its last finite cost.
    log_y : logarithmic cost axis
    log_x : logarithmic iteration axis with plain tick labels (iteration 0 is left out)
    best, stop : iterations marked by vertical lines (:func:`mark_iterations`)
    colors : colours of the dict's labels, in order (names of ``COLORS`` or colour codes;
        default :data:`~course_utils.plots.style.CYCLE`)
    """
    ax = get_ax(ax)
    if isinstance(curves, dict):
        cols = [COLORS.get(c, c) for c in (colors or CYCLE)]
        series = [(label, cols[i % len(cols)], _LINESTYLES[i % len(_LINESTYLES)], "cost",
                   _runs(value, f"curves[{label!r}]"))
                  for i, (label, value) in enumerate(curves.items())]
    else:
        run = _runs(curves, "curves")
        series = [("train cost J", COLORS["blue"], "-", "cost", run)]
        if run[0][0]["dev_cost"].size:
            series.append(("dev cost", COLORS["orange"], "-", "dev_cost", run))
    crossed = False
    for label, color, ls, key, runs in series:
        style = dict(lw=1.2, alpha=0.8) if len(runs) > 1 else {}
        for j, (h, diverged, stopped) in enumerate(runs):
            it, y = h["iterations"], h[key]
            keep = it > 0 if log_x else np.ones(it.shape, bool)
            ax.plot(it[keep], y[keep], color=color, ls=ls, label=label if j == 0 else None,
                    **style)
            if diverged and it.size:
                ax.plot(stopped, y[-1], marker="X", ms=9, color=color, ls="none",
                        label=None if crossed else "cost inf/nan here (drawn at last finite J)")
                crossed = True
    mark_iterations(ax, best, stop)
    if log_y:
        ax.set_yscale("log")
    if log_x:
        ax.set_xscale("log")
        log_ticks(ax, "x", numticks=8, labels="plain")
    ax.set_xlabel("iteration (log scale)" if log_x else "iteration")
    what = "training cost $J$" if isinstance(curves, dict) else "cross-entropy"
    ax.set_ylabel(what + (" (log scale)" if log_y else ""))
    ax.set_title(title or ("Training cost" if isinstance(curves, dict) else "Train and dev cost"))
    ax.legend(fontsize=8)
    return ax


def plot_paired_error_bars(labels, first, second, names=("train error", "dev error"),
                           colors=(COLORS["blue"], COLORS["orange"]), hatches=("", "//"),
                           ax=None, tick_fontsize=None, title: str | None = None,
                           ylabel: str = "error (%), mean +/- std"):
    """Two bars per setting: mean +/- std (in %) of two error measurements over seeds,
    with a legend.

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
    ax.set_ylabel(ylabel)
    ax.legend()
    if title:
        ax.set_title(title)
    return ax
