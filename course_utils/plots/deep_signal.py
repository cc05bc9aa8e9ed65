"""Figures of notebook 08: the deep linear network's c^L, per-layer activation and gradient
norms of deep networks, and training curves that stall or blow up."""
from __future__ import annotations

import numpy as np

from .style import COLORS, get_ax

__all__ = ["plot_deep_linear", "plot_signal_profile", "plot_scale_sweep"]

_PALETTE = [COLORS["vermillion"], COLORS["blue"], COLORS["orange"], COLORS["green"],
            COLORS["purple"], COLORS["sky"], COLORS["black"]]
_MARKERS = ["^", "o", "s", "D", "v", "P", "X"]


def plot_deep_linear(results, ax=None, quantity: str = "act_norms", title: str | None = None):
    r"""Log-scale :math:`\|a^{[l]}\|` (or :math:`\|dW^{[l]}\|`) per layer with the :math:`c^l` law.

    Parameters
    ----------
    results : list of dicts from :func:`course_utils.lessons.deep_signal.deep_linear_network`
    quantity : ``"act_norms"`` (per layer 0..L) or ``"grad_norms"`` (per layer 1..L)
    """
    if quantity not in ("act_norms", "grad_norms"):
        raise ValueError(f"Unknown quantity {quantity!r}. Valid names: 'act_norms', "
                         f"'grad_norms'.")
    ax = get_ax(ax)
    for i, r in enumerate(results):
        c, v = r["c"], r[quantity]
        layers = r["layers"] if quantity == "act_norms" else r["layers"][1:]
        col = _PALETTE[i % len(_PALETTE)]
        ax.plot(layers, v, ls="none", marker=_MARKERS[i % 7], ms=4, color=col,
                label=f"measured, W = {c:g} I")
        if quantity == "act_norms":
            ref = v[0] * c ** layers.astype(float)
            lab = f"$\\|x\\|\\cdot {c:g}^l$"
        else:
            ref = np.full(layers.shape, v[0])
            lab = f"$c^{{L-1}} = {c:g}^{{{r['depth'] - 1}}}$ (every layer)"
        ax.plot(layers, ref, color=col, lw=1.2, label=lab)
    ax.set_yscale("log")
    ax.set_xlabel("layer l")
    ax.set_ylabel(r"$\|a^{[l]}\|_2$" if quantity == "act_norms" else r"$\|dW^{[l]}\|_F$")
    ax.set_title(title or ("Deep linear network: activations" if quantity == "act_norms"
                           else "Deep linear network: gradients"))
    if quantity == "act_norms":
        ax.legend(fontsize=8, loc="lower left")
    else:  # between the c = 1 and c < 1 lines
        ax.legend(fontsize=8, loc="center right", bbox_to_anchor=(1.0, 0.32))
    return ax


def plot_signal_profile(profiles, ax_act=None, ax_grad=None, labels=None, title_suffix=""):
    """Per-layer activation RMS and gradient norm (log scale) of one or more profiles.

    Parameters
    ----------
    profiles : list of :class:`course_utils.lessons.deep_signal.SignalProfile`
    ax_act, ax_grad : axes for the two panels (new 1x2 figure if both are None)
    labels : one legend label per profile (default: scale and init)
    """
    if ax_act is None and ax_grad is None:
        import matplotlib.pyplot as plt
        _, (ax_act, ax_grad) = plt.subplots(1, 2, figsize=(10, 3.8))
    labels = labels or [f"{p.scale:g} x {p.init}" for p in profiles]
    for ax in (ax_act, ax_grad):
        if ax is not None:
            ax.set_yscale("log")  # before plotting: linear autoscale margins can overflow
    for i, (p, lab) in enumerate(zip(profiles, labels)):
        col, mk = _PALETTE[i % len(_PALETTE)], _MARKERS[i % 7]
        ms = 4 if p.depth <= 60 else 0
        for ax, v in ((ax_act, p.act_rms), (ax_grad, p.grad_norms)):
            if ax is None:
                continue
            ok = np.isfinite(v) & (v > 1e-250) & (v < 1e250)
            ax.plot(p.layers[ok], v[ok], color=col, marker=mk, ms=ms, lw=1.4, label=lab)
            if not np.all(np.isfinite(v)):
                first = int(np.argmin(np.isfinite(v)))
                ax.axvline(p.layers[first], color=col, ls=":", lw=1.2)
                ax.text(p.layers[first], 0.5, " overflow", color=col, rotation=90,
                        transform=ax.get_xaxis_transform(), fontsize=8, va="center")
    for ax, what, key in ((ax_act, "RMS of $a^{[l]}$ ($z^{[L]}$ at l = L)", "act_rms"),
                          (ax_grad, r"$\|dW^{[l]}\|_F$", "grad_norms")):
        if ax is None:
            continue
        vals = np.concatenate([getattr(p, key) for p in profiles])
        vals = vals[np.isfinite(vals) & (vals > 1e-250) & (vals < 1e250)]
        if vals.size:  # explicit limits inside float64's range (no overflow in the log scale)
            lo = max(vals.min() / 10, 1e-250)
            ax.set_ylim(lo, min(max(vals.max() * 10, lo * 100), 1e250))
        ax.set_xlabel("layer l")
        ax.set_ylabel(what)
        ax.legend(fontsize=8)
    if ax_act is not None:
        ax_act.set_title("Activations per layer" + title_suffix)
    if ax_grad is not None:
        ax_grad.set_title("Gradients per layer" + title_suffix)
    return ax_act, ax_grad


def plot_scale_sweep(sweep, ax=None, title: str | None = None):
    """Gradient norm per layer (mean over seeds, log scale) for each weight scale of a sweep.

    Parameters
    ----------
    sweep : dict from :func:`course_utils.lessons.deep_signal.scale_sweep`
    """
    ax = get_ax(ax)
    G = sweep["grad_norms"]
    layers = np.arange(1, G.shape[2] + 1)
    with np.errstate(all="ignore"):
        geo = np.exp(np.mean(np.log(G), axis=1))       # geometric mean over seeds
    for i, s in enumerate(sweep["scales"]):
        ax.plot(layers, geo[i], color=_PALETTE[i % 7], marker=_MARKERS[i % 7], ms=3,
                label=f"scale {s:g}")
    ax.set_yscale("log")
    ax.set_xlabel("layer l")
    ax.set_ylabel(r"$\|dW^{[l]}\|_F$ (geometric mean over seeds)")
    ax.set_title(title or f"{sweep['activation']}, {sweep['init']} x scale, "
                          f"{sweep['depth']} hidden layers")
    ax.legend(fontsize=8, ncol=2)
    return ax

