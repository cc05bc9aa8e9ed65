"""Figures of notebook 04 (dropout). Every function takes ``ax``/``axes``/``fig``, returns axes."""
from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from .common import plot_decision_boundary
from .style import COLORS, get_ax

__all__ = ["plot_mask", "plot_expected_activation", "plot_reference", "plot_dev_curves",
           "plot_test_time", "plot_weight_spread", "plot_noisy_cost", "plot_keep_prob_result"]

_MASK_CMAP = ListedColormap(["#FFFFFF", COLORS["blue"]])


def plot_mask(A, mask, A_drop, keep_prob: float, axes=None):
    """Three heat maps: activations A (n, m), the mask d, and A * d / keep_prob.

    ``axes`` is a sequence of 3 axes (a new 1x3 figure when None). Returns the axes.
    """
    if axes is None:
        import matplotlib.pyplot as plt
        _, axes = plt.subplots(1, 3, figsize=(9.5, 3.0))
    A, mask, A_drop = np.asarray(A), np.asarray(mask), np.asarray(A_drop)
    vmax = float(np.max(A_drop)) if A_drop.size else 1.0
    panels = [(A, "activations $a$", "viridis", 0, vmax),
              (mask, f"mask $d$ (kept {mask.mean():.0%}, blue)", _MASK_CMAP, 0, 1),
              (A_drop, f"$a \\odot d$ / {keep_prob:g}", "viridis", 0, vmax)]
    for ax, (img, title, cmap, lo, hi) in zip(axes, panels):
        im = ax.imshow(img, cmap=cmap, vmin=lo, vmax=hi, aspect="auto", interpolation="nearest")
        ax.set_title(title)
        ax.set_xlabel("example")
        ax.set_ylabel("unit")
        ax.grid(False)
        if img is not mask:
            ax.figure.colorbar(im, ax=ax, shrink=0.8, label="activation")
    return axes


def plot_expected_activation(keep_probs, inverted_ratio, plain_ratio, ax=None):
    """Mean activation after dropout / mean before, vs keep_prob, with and without the division."""
    ax = get_ax(ax)
    kp = np.asarray(keep_probs, dtype=float)
    ax.plot(kp, inverted_ratio, "o-", color=COLORS["blue"], label="inverted: $a \\odot d / p$")
    ax.plot(kp, plain_ratio, "^--", color=COLORS["orange"], label="plain: $a \\odot d$")
    ax.plot(kp, kp, ":", color=COLORS["grey"], label="$y = p$")
    ax.set_xlabel("keep_prob $p$")
    ax.set_ylabel("mean after / mean before")
    ax.set_ylim(0, 1.15)
    ax.set_title("Dividing by keep_prob keeps the expected activation")
    ax.legend(loc="lower right")
    return ax


_CONFIG_STYLES = [(COLORS["blue"], "o"), (COLORS["orange"], "^"), (COLORS["green"], "s"),
                  (COLORS["purple"], "D")]


def plot_reference(ours: dict, course: dict | None = None, ceiling: dict | None = None,
                   keys=("train", "test"), ax=None):
    """Our accuracy per run (one marker per seed) beside the course's single run (a star).

    Parameters
    ----------
    ours : dict configuration label -> dict key -> (n_runs,) accuracies (fractions)
    course : dict configuration label -> dict key -> the course's accuracy (fraction)
    ceiling : dict key -> accuracy of the best possible classifier on that set (a dashed line;
        give it for held-out sets only: a network can fit its training set beyond it)
    keys : the measured sets, one group of markers each
    """
    ax = get_ax(ax, figsize=(6.5, 3.8))
    n_cfg = len(ours)
    width = 0.8 / max(n_cfg, 1)
    for i, (label, vals) in enumerate(ours.items()):
        col, mk = _CONFIG_STYLES[i % len(_CONFIG_STYLES)]
        for j, key in enumerate(keys):
            x = j + (i - (n_cfg - 1) / 2) * width
            v = 100 * np.asarray(vals[key], dtype=float)
            jitter = np.linspace(-0.12, 0.12, v.size) * width if v.size > 1 else np.zeros(1)
            ax.scatter(x + jitter, v, marker=mk, color=col, s=28, zorder=3,
                       label=f"{label}: our runs" if j == 0 else None)
            ref = (course or {}).get(label, {}).get(key)
            if ref is not None:
                ax.scatter([x], [100 * ref], marker="*", s=170, color=col, edgecolor="black",
                           linewidth=0.7, zorder=4, label=f"{label}: course" if j == 0 else None)
    for j, key in enumerate(keys):
        if ceiling and key in ceiling:
            ax.hlines(100 * ceiling[key], j - 0.45, j + 0.45, colors=COLORS["grey"], ls="--",
                      label="best possible classifier, our data")
    ax.set_xticks(range(len(keys)), [f"{k} accuracy" for k in keys])
    ax.set_xlim(-0.6, len(keys) - 0.4)
    ax.set_ylabel("accuracy (%)")
    ax.set_title("Our runs (one marker per seed), the course's run (star)")
    ax.legend(fontsize=8, loc="lower left")
    return ax


def plot_dev_curves(curves: dict, ceiling: float | None = None, ax=None):
    """Dev accuracy vs iteration: mean over runs, with the range of the runs as a band.

    Parameters
    ----------
    curves : dict label -> (iterations (k,), accuracies (n_runs, k) as fractions)
    ceiling : accuracy of the best possible classifier on the dev set (a dashed line)
    """
    ax = get_ax(ax, figsize=(6.5, 3.8))
    for i, (label, (it, acc)) in enumerate(curves.items()):
        col, mk = _CONFIG_STYLES[i % len(_CONFIG_STYLES)]
        acc = 100 * np.atleast_2d(np.asarray(acc, dtype=float))
        ax.fill_between(it, acc.min(axis=0), acc.max(axis=0), color=col, alpha=0.18, lw=0)
        ax.plot(it, acc.mean(axis=0), color=col, marker=mk, ms=4, ls="-" if i == 0 else "--",
                label=f"{label} (mean; band: range of the runs)")
    if ceiling is not None:
        ax.axhline(100 * ceiling, color=COLORS["grey"], ls=":", label="best possible on dev")
    ax.set_xlabel("iteration")
    ax.set_ylabel("dev accuracy (%)")
    ax.set_title("Dev accuracy during training")
    ax.legend(fontsize=8, loc="lower right")
    return ax


def plot_test_time(labels, means, stds, flip_rates=None, ax=None):
    """Bar chart of dev accuracy (mean ± std over seeds) for the test-time variants.

    ``flip_rates`` (same length, NaN where not applicable) is written above the bars.
    """
    ax = get_ax(ax, figsize=(8, 3.6))
    x = np.arange(len(labels))
    colors = [COLORS["blue"], COLORS["vermillion"], COLORS["orange"], COLORS["green"],
              COLORS["purple"], COLORS["sky"]][:len(labels)]
    hatches = ["", "//", "xx", "..", "\\\\", "--"][:len(labels)]
    bars = ax.bar(x, 100 * np.asarray(means), yerr=100 * np.asarray(stds), color=colors,
                  capsize=4, edgecolor="black", linewidth=0.6)
    for b, h in zip(bars, hatches):
        b.set_hatch(h)
    if flip_rates is not None:
        for xi, m, f in zip(x, means, flip_rates):
            if np.isfinite(f):
                ax.text(xi, 100 * m + 2.5, f"{f:.0%} flip", ha="center", fontsize=8)
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_ylabel("dev accuracy (%)")
    lo = max(0.0, 100 * float(np.min(np.asarray(means) - np.asarray(stds))) - 10)
    ax.set_ylim(lo, 100)
    ax.set_title("Test time: no dropout, no scaling (mean ± std over seeds)")
    return ax


_SPREAD_PANELS = {
    "max_share": ("largest share, mean over units of $W^{[2]}$",
                  "Largest incoming-weight share"),
    "norm2": (r"$\sum_l \|W^{[l]}\|_F^2$", "Squared weight norm"),
    "weighted_norm2": (r"$\sum_{ij} W_{ij}^2\, \overline{a_j^2}$ for $W^{[2]}$",
                       "Activation-weighted norm"),
}


def plot_weight_spread(x, stats: dict, ref: dict | None = None, x_label="keep_prob (layer 1)",
                       axes=None):
    """One panel per weight measure vs keep_prob, with reference lines (e.g. L2).

    Parameters
    ----------
    x : (k,) keep_prob values
    stats : dict measure -> ``(mean (k,), std (k,))``; measures among ``"max_share"``,
        ``"norm2"``, ``"weighted_norm2"`` (see
        :func:`course_utils.lessons.dropout_experiments.weight_spread`)
    ref : optional dict label -> dict measure -> value, drawn as horizontal lines
    axes : one axes per measure (a new row of subplots when None)
    """
    unknown = [k for k in stats if k not in _SPREAD_PANELS]
    if unknown:
        raise ValueError(f"Unknown measure(s) {unknown}. Valid names: {list(_SPREAD_PANELS)}.")
    if axes is None:
        import matplotlib.pyplot as plt
        _, axes = plt.subplots(1, len(stats), figsize=(3.3 * len(stats), 3.3))
    axes = np.atleast_1d(axes)
    styles = [(COLORS["vermillion"], "--"), (COLORS["green"], "-."), (COLORS["purple"], ":")]
    for ax, (key, (m, s)) in zip(axes, stats.items()):
        ylab, title = _SPREAD_PANELS[key]
        ax.errorbar(x, m, yerr=s, fmt="o-", color=COLORS["blue"], capsize=3,
                    label="dropout (mean ± std)")
        for (lab, vals), (c, ls) in zip((ref or {}).items(), styles):
            if key in vals:
                ax.axhline(vals[key], color=c, ls=ls, label=lab)
        ax.set_xlabel(x_label)
        ax.set_ylabel(ylab)
        ax.set_title(title, fontsize=11)
        if not ax.xaxis_inverted():
            ax.invert_xaxis()
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=8, loc="best")
    return axes


def plot_noisy_cost(curves: dict, ax=None, log_y: bool = True):
    """Training cost J vs iteration for several runs: ``curves`` = label -> (iterations, cost)."""
    ax = get_ax(ax, figsize=(8, 3.6))
    styles = [(COLORS["blue"], "-"), (COLORS["orange"], "-"), (COLORS["green"], "--"),
              (COLORS["vermillion"], ":")]
    for (label, (it, c)), (col, ls) in zip(curves.items(), styles):
        ax.plot(it, c, color=col, ls=ls, lw=1.2, label=label)
    if log_y:
        ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("training cost $J$ (cross-entropy)")
    ax.set_title("With dropout, J is noisy: check monotone decrease with keep_prob = 1")
    ax.legend()
    return ax


def plot_keep_prob_result(result: dict, fig):
    """The keep_prob explorer's figure: decision boundary (left), cost curves (right).

    ``result`` is :func:`course_utils.widgets.dropout.keep_prob_compute`'s output.
    """
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw=dict(left=0.07, right=0.98, bottom=0.14,
                                                    top=0.9, wspace=0.22,
                                                    width_ratios=[1, 1.2]))
    kp = ", ".join(f"{p:.2f}" for p in result["keep_probs"])
    plot_decision_boundary(result["params"], result["X"], result["Y"], ax=ax1, resolution=80,
                           title=f"Training set, keep_probs = ({kp})")
    h = result["history"]
    ax2.plot(h.iterations, h.cost, color=COLORS["blue"], lw=1.0,
             label="train J (with dropout: noisy)")
    ax2.plot(h.iterations, h.dev_cost, color=COLORS["orange"], ls="--",
             label="dev cost (no dropout)")
    ax2.set_ylim(0, max(0.8, float(np.nanmax(h.dev_cost[len(h.dev_cost) // 4:])) * 1.1))
    ax2.set_xlabel("iteration")
    ax2.set_ylabel("cross-entropy cost")
    ax2.set_title("Learning curves")
    ax2.legend(loc="upper right")
    return ax1, ax2
