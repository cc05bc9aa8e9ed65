"""Figures of notebook 09 (weight initialization). Each function takes ``ax`` and returns it."""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .style import COLORS, CYCLE, get_ax

__all__ = ["plot_variance_by_depth", "plot_activation_histograms", "plot_init_accuracies",
           "plot_weight_rows"]

_LINESTYLES = ("-", "--", "-.", ":")
_SHORT = FuncFormatter(lambda v, _: f"{v:.2g}")
_MARKERS = ("o", "s", "^", "D", "v", "P")


def plot_variance_by_depth(results: dict, ax=None, title: str | None = None,
                           ylabel: str = r"Var$(A^{[l]})$ (log scale)"):
    """Activation variance per layer (log y), one line per initialization, seed range shaded.

    Parameters
    ----------
    results : output of :func:`course_utils.lessons.initialization.variance_by_depth`
    """
    ax = get_ax(ax)
    for i, (label, r) in enumerate(results.items()):
        logv = np.clip(r["log10_var"], -300, 300)
        depth = logv.shape[1]
        layers = np.arange(1, depth + 1)
        color = CYCLE[i % len(CYCLE)]
        ax.plot(layers, 10.0 ** logv.mean(axis=0), color=color,
                ls=_LINESTYLES[i % len(_LINESTYLES)], marker=_MARKERS[i % len(_MARKERS)],
                markevery=max(1, depth // 8), ms=5, label=label)
        if logv.shape[0] > 1:
            ax.fill_between(layers, 10.0 ** logv.min(axis=0), 10.0 ** logv.max(axis=0),
                            color=color, alpha=0.15, lw=0)
    ax.set_yscale("log")
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(ylabel)
    ax.set_title(title or "Activation variance across depth")
    ax.legend(fontsize=8)
    return ax


def plot_activation_histograms(result: dict, ax=None, bins: int = 40, title: str | None = None):
    """Histograms of the kept layers' activations, stacked on one shared x axis (a ridgeline).

    The shared axis is the point: with a wrong scale the deep layers shrink to a
    spike at 0 (vanishing) or the first layers do (exploding). Each row is
    scaled to its own highest bin; its label gives the layer and the std.

    Parameters
    ----------
    result : output of ``activation_variances(..., keep=(l1, l2, ...))`` or of
        ``widgets.initialization.init_compute`` (needs ``"activations"``: {layer: array})
    """
    ax = get_ax(ax)
    acts = sorted(result["activations"].items())
    if not acts:
        raise ValueError("result['activations'] is empty: pass keep=(layers...) to "
                         "activation_variances.")
    flat = [A.ravel()[np.isfinite(A.ravel())] for _, A in acts]
    relu = result.get("activation") == "relu"
    zero_share = [float(np.mean(a == 0)) if a.size else 0.0 for a in flat]
    stds = [float(a.std()) if a.size else float("nan") for a in flat]
    if relu:  # half of the ReLUs output exactly 0: a spike that would flatten the rest
        flat = [a[a != 0] if np.any(a != 0) else a for a in flat]
    allv = np.concatenate(flat)
    lo, hi = (float(allv.min()), float(allv.max())) if allv.size else (0.0, 0.0)
    if hi - lo < 1e-12 * max(1.0, abs(hi)):
        lo, hi = lo - 1.0, hi + 1.0
    edges = np.linspace(lo, hi, bins + 1)
    centers = 0.5 * (edges[:-1] + edges[1:])
    labels = []
    for i, ((l, _), a) in enumerate(zip(acts, flat)):
        y0 = len(acts) - 1 - i                      # layer 1 on top
        counts = np.histogram(a, edges)[0].astype(float)
        counts = 0.9 * counts / counts.max() if counts.max() > 0 else counts
        ax.fill_between(centers, y0, y0 + counts, step="mid", color=CYCLE[i % len(CYCLE)],
                        alpha=0.8, lw=0)
        note = f", {100 * zero_share[i]:.0f}% at 0" if relu else ""
        labels.append((y0, f"layer {l}: std {stds[i]:.2g}{note}"))
    tr = ax.get_yaxis_transform()
    for y0, text in labels:
        ax.text(0.99, y0 + 0.55, text, transform=tr, ha="right", va="center", fontsize=7,
                bbox=dict(facecolor="white", alpha=0.75, lw=0, pad=1))
    ax.set_yticks([])
    ax.set_ylabel("layer (top: 1)")
    ax.set_ylim(-0.1, len(acts))
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.xaxis.set_major_formatter(_SHORT)
    ax.set_xlabel("activation a (shared axis" + (", zeros left out)" if relu else ")"))
    ax.set_title(title or "Activations per layer at init")
    ax.grid(axis="y", visible=False)
    return ax


def plot_init_accuracies(table: dict, reference: dict | None = None, ax=None,
                         title: str | None = None):
    """Train/test accuracy of every run (dots), their mean (bar) and the course's run (diamond).

    Parameters
    ----------
    table : output of :func:`course_utils.lessons.initialization.compare_inits`
    reference : name -> (train, test) accuracies of the course's single run
    """
    ax = get_ax(ax)
    names = list(table)
    w = 0.36
    for j, (key, color, marker, what) in enumerate(
            (("train_acc", COLORS["blue"], "o", "train"),
             ("test_acc", COLORS["orange"], "s", "test"))):
        for i, name in enumerate(names):
            x0 = i + (j - 0.5) * w
            values = np.sort(100 * np.asarray(table[name][key], dtype=float))
            spread = np.linspace(-0.09, 0.09, values.size) if values.size > 1 else [0.0]
            ax.scatter(x0 + np.asarray(spread), values, color=color, marker=marker, s=16,
                       alpha=0.75, lw=0, label=f"ours: {what}, one per run" if i == 0 else None)
            ax.hlines(values.mean(), x0 - 0.15, x0 + 0.15, color=color, lw=2.2,
                      label=f"ours: {what}, mean" if i == 0 else None)
            if reference and name in reference:
                ax.scatter([x0], [100 * reference[name][j]], marker="D", s=34, zorder=3,
                           facecolor="white", edgecolor=COLORS["black"], lw=1.4,
                           label="the course's run" if i == 0 and j == 0 else None)
    ax.set_xticks(np.arange(len(names)), names)
    ax.set_ylim(40, 102)
    ax.set_ylabel("accuracy (%)")
    ax.set_title(title or "Accuracy after training, by initialization")
    ax.legend(loc="lower right", fontsize=8)
    return ax


def plot_weight_rows(W, ax=None, title: str | None = None, vmax: float | None = None):
    """Heat map of a weight matrix (one row per unit): identical rows = identical units."""
    ax = get_ax(ax)
    W = np.asarray(W, dtype=float)
    vmax = vmax or max(float(np.abs(W).max()), 1e-12)
    im = ax.imshow(W, cmap="PuOr", vmin=-vmax, vmax=vmax, aspect="auto")
    ax.set_xlabel("input $j$")
    ax.set_ylabel("unit $i$ (row of $W$)")
    ax.set_xticks(range(W.shape[1]))
    ax.set_yticks(range(W.shape[0]))
    ax.grid(False)
    ax.figure.colorbar(im, ax=ax, label="$w_{ij}$", shrink=0.85)
    ax.set_title(title or "Weights, one row per unit")
    return ax

