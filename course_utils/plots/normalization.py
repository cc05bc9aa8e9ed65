"""Figures of notebook 07: the two normalization steps, cost contours with the descent path,
the learning-rate window, and the variances left by dividing by sigma or sigma^2."""
from __future__ import annotations

import numpy as np

from ..lessons.normalization import GDRun, LeastSquares
from .style import COLORS, get_ax

__all__ = ["plot_normalization_steps", "plot_cost_contours", "plot_lr_window",
           "plot_variances"]


def plot_normalization_steps(X, axes=None, titles=("raw features", "1. subtract the mean",
                                                   "2. divide by σ")):
    """Three scatter plots of X (2, m): raw, centered, standardized (training statistics).

    Parameters
    ----------
    X : (2, m)
    axes : sequence of 3 axes, optional (a new 1x3 figure otherwise)

    Returns
    -------
    the 3 axes
    """
    import matplotlib.pyplot as plt

    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m) (two features in rows), got {X.shape}.")
    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=(10, 3.6))
    mu = X.mean(axis=1, keepdims=True)
    sd = X.std(axis=1, keepdims=True)
    sets = (X, X - mu, (X - mu) / sd)
    lim = max(np.abs(s).max() for s in sets) * 1.08
    for ax, S, title in zip(axes, sets, titles):
        ax.scatter(S[0], S[1], s=10, color=COLORS["blue"], alpha=0.6, label="examples")
        ax.plot(*S.mean(axis=1), marker="X", ms=10, color=COLORS["vermillion"], ls="none",
                label="mean")
        s1, s2 = S.std(axis=1)
        ax.set_title(f"{title}\nσ₁ = {s1:.2g}, σ₂ = {s2:.2g}", fontsize=10)
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.axhline(0, color=COLORS["grey"], lw=0.8)
        ax.axvline(0, color=COLORS["grey"], lw=0.8)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
    axes[0].legend(loc="upper left", fontsize=8)
    return axes


def plot_cost_contours(problem: LeastSquares, run: GDRun | None = None, ax=None,
                       title: str | None = None, half_width: float | None = None,
                       resolution: int = 120, max_markers: int = 60):
    """Contours of J(w1, w2) (equal aspect) and the gradient-descent path.

    Parameters
    ----------
    problem : a 2-parameter :class:`LeastSquares` (no intercept)
    run : a :class:`GDRun` on that problem, optional
    half_width : half size of the square window around w*, default 1.3 x the start's distance
    """
    if problem.g.size != 2:
        raise ValueError(f"plot_cost_contours draws 2 parameters, the problem has "
                         f"{problem.g.size}; build it with least_squares(X, y) on 2 features "
                         f"and fit_intercept=False.")
    ax = get_ax(ax)
    ws = problem.w_star
    w0 = run.path[0] if run is not None else np.zeros(2)
    if half_width is None:
        half_width = 1.3 * max(float(np.max(np.abs(w0 - ws))), 1e-3)
    a = np.linspace(ws[0] - half_width, ws[0] + half_width, resolution)
    b = np.linspace(ws[1] - half_width, ws[1] + half_width, resolution)
    A, B = np.meshgrid(a, b)
    J = problem.cost(np.vstack([A.ravel(), B.ravel()])).reshape(A.shape)
    gap0 = max(problem.cost(w0) - problem.J_star, 1e-12)
    levels = problem.J_star + gap0 * np.geomspace(1e-3, 30, 13)
    import matplotlib as mpl

    colors = mpl.colormaps["viridis"](np.linspace(0.0, 0.75, levels.size))  # no pale yellow
    ax.contour(A, B, J, levels=levels, colors=colors, linewidths=1.0)
    ax.plot(*ws, marker="*", ms=14, color=COLORS["black"], ls="none", label="minimum w*")
    if run is not None:
        P = run.path
        inside = np.all(np.abs(P - ws) <= 3 * half_width, axis=1)
        P = P[: np.argmin(inside)] if not inside.all() else P
        ax.plot(P[:, 0], P[:, 1], color=COLORS["vermillion"], lw=1.2,
                label=f"descent path, α = {run.learning_rate:.3g}")
        k = min(len(P), max_markers)
        ax.plot(P[:k, 0], P[:k, 1], ls="none", marker="o", ms=3, color=COLORS["vermillion"])
        ax.plot(*P[0], marker="s", ms=7, color=COLORS["orange"], ls="none", label="start")
    ax.set_xlim(a[0], a[-1])
    ax.set_ylim(b[0], b[-1])
    ax.set_aspect("equal")
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.grid(False)
    ax.legend(loc="lower right", fontsize=8, frameon=True, framealpha=0.85)
    ax.set_title(title or f"Cost contours (κ = {problem.condition_number:.3g})")
    if run is not None and run.diverged:
        what = (f"DIVERGED: overflow at\niteration {len(run.path)}"
                if "overflow" in run.message else "DIVERGING: the cost grows")
        ax.text(0.03, 0.97, what,
                transform=ax.transAxes, va="top", ha="left", fontsize=9,
                color=COLORS["vermillion"], fontweight="bold",
                bbox=dict(facecolor="white", edgecolor=COLORS["vermillion"], alpha=0.9))
    return ax


def plot_lr_window(learning_rates, gaps: dict, lr_max: dict | None = None, ax=None,
                   num_iterations: int | None = None, title: str | None = None):
    """Relative cost gap after a fixed budget vs learning rate, one curve per setting.

    Parameters
    ----------
    learning_rates : (k,)
    gaps : dict label -> (k,) relative gaps (inf where diverged)
    lr_max : dict label -> measured largest stable learning rate (vertical lines)
    """
    ax = get_ax(ax)
    lrs = np.asarray(learning_rates, dtype=float)
    colors = [COLORS["vermillion"], COLORS["blue"], COLORS["orange"], COLORS["green"]]
    styles = ["-", "--", "-.", ":"]
    markers = ["^", "o", "s", "D"]
    for i, (label, g) in enumerate(gaps.items()):
        g = np.clip(np.asarray(g, dtype=float), 1e-16, 1e3)  # floor: float64 rounding
        ax.plot(lrs, g, color=colors[i % 4], ls=styles[i % 4], marker=markers[i % 4], ms=3,
                label=label)
        if lr_max and label in lr_max:
            ax.axvline(lr_max[label], color=colors[i % 4], ls=":", lw=1.2)
    ax.axhline(1.0, color=COLORS["grey"], lw=1, label="no progress (gap = 1)")
    ax.set_ylim(1e-18, 1e5)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("learning rate α")
    ax.set_ylabel("relative cost gap $(J - J^*)/(J_0 - J^*)$")
    budget = f" after {num_iterations} iterations" if num_iterations else ""
    ax.set_title(title or f"Which learning rates work{budget}")
    ax.legend(fontsize=8)
    return ax


def plot_variances(names, variances: dict, ax=None, title: str | None = None):
    """Grouped bars (log scale) of each feature's variance after different divisors.

    Parameters
    ----------
    names : feature names (n,)
    variances : dict label -> (n,) variances
    """
    ax = get_ax(ax)
    n = len(names)
    k = len(variances)
    x = np.arange(n)
    width = 0.8 / k
    colors = [COLORS["grey"], COLORS["blue"], COLORS["orange"], COLORS["green"]]
    hatches = ["", "//", "..", "xx"]
    for i, (label, v) in enumerate(variances.items()):
        ax.bar(x + (i - (k - 1) / 2) * width, v, width, color=colors[i % 4],
               hatch=hatches[i % 4], edgecolor="white", label=label)
    ax.axhline(1.0, color=COLORS["black"], ls="--", lw=1, label="variance 1 (the goal)")
    ax.set_yscale("log")
    ax.set_xticks(x, names)
    ax.set_ylabel("variance of the feature")
    ax.grid(False, axis="x")
    ax.legend(fontsize=8)
    ax.set_title(title or "Variance after normalizing")
    return ax
