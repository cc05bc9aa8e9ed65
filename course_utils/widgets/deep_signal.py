"""Explorer of notebook 08: depth, weight scale and activation -> per-layer activation and
gradient norms (log scale), with overflow reported as a message."""
from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from ..i18n import N_, _
from ..lessons.deep_signal import signal_profile
from ..plots.deep_signal import plot_signal_profile
from ..plots.style import log_ticks
from .base import Explorer, translate_known

__all__ = ["DEFAULT_INIT", "deep_signal_compute", "deep_signal_summary", "deep_signal_explorer"]

DEFAULT_INIT = {"relu": "he", "leaky_relu": "he", "tanh": "xavier", "sigmoid": "xavier",
                "linear": "xavier"}
"""The scheme the weight scale multiplies, per activation (He for ReLU, Xavier otherwise)."""

_OVERFLOW = (
    N_("Overflow: the activations overflowed (inf/nan) at layer {layer}. Scale {scale} x "
       "{init} with {activation} multiplies the signal at every one of the {depth} layers "
       "until it leaves float64's range (~1e308)."),
    N_("Overflow: the gradient of layer {layer} overflowed (inf/nan). Scale {scale} x {init} "
       "with {activation} multiplies the signal at every one of the {depth} layers until it "
       "leaves float64's range (~1e308)."),
    N_("Underflow: the signal vanished to exactly 0 at layer {layer} (below float64's "
       "smallest number, ~1e-308)."),
)
"""The forms of ``SignalProfile.overflow`` (``lessons.deep_signal``), translated when shown."""


def deep_signal_compute(depth: int, scale: float, activation: str, width: int = 32,
                        m: int = 128, seed: int = 0) -> dict:
    """Profiles at the chosen scale and at scale 1 (the careful init) for comparison.

    Returns
    -------
    dict with ``profile`` (the chosen setting), ``reference`` (scale 1), ``init``.
    """
    if activation not in DEFAULT_INIT:
        raise ValueError(f"Unknown activation {activation!r}. Valid names: "
                         f"{', '.join(map(repr, DEFAULT_INIT))}.")
    init = DEFAULT_INIT[activation]
    prof = signal_profile(depth, activation, init, scale, width, m, seed)
    ref = _reference(int(depth), activation, init, int(width), int(m), int(seed))
    return {"profile": prof, "reference": ref, "init": init}


@lru_cache(maxsize=64)
def _reference(depth, activation, init, width, m, seed):
    """The scale-1 profile, cached: moving only the scale slider does not recompute it."""
    return signal_profile(depth, activation, init, 1.0, width, m, seed)


def _fmt(v: float) -> str:
    return f"{v:.2g}" if np.isfinite(v) else str(v)


def deep_signal_summary(res: dict) -> str:
    """HTML: output size, first- and last-layer gradient norms, or the overflow message."""
    p = res["profile"]
    network = dict(depth=p.depth, activation=p.activation, scale=p.scale, init=res["init"])
    if p.overflow:
        message = html.escape(translate_known(p.overflow, _OVERFLOW), quote=False)
        return _("{depth} hidden {activation} layers, W ~ {scale:g} x {init}: "
                 "<b style='color:#D55E00'>{message}</b>").format(message=message, **network)
    g1, gL = p.grad_norms[0], p.grad_norms[-1]
    r1 = res["reference"].grad_norms[0]
    with np.errstate(all="ignore"):
        vs = g1 / r1
    return _("{depth} hidden {activation} layers, W ~ {scale:g} x {init}: output RMS "
             "|z<sup>[L]</sup>| = <b>{output}</b>; ||dW<sup>[1]</sup>|| = <b>{first}</b> "
             "(×{ratio} vs scale 1), ||dW<sup>[L]</sup>|| = {last}.").format(
        output=_fmt(p.act_rms[-1]), first=_fmt(g1), ratio=_fmt(vs), last=_fmt(gL), **network)


def deep_signal_explorer(depth: int = 30, scale: float = 1.0,
                         activation: str = "relu") -> Explorer:
    """Sliders: depth (1-200), weight scale (log, 0.1-100), activation (dropdown)."""
    controls = {
        "depth": widgets.IntSlider(value=depth, min=1, max=200, step=1, description=_("depth"),
                                   continuous_update=False),
        "scale": widgets.FloatLogSlider(value=scale, base=10, min=-1, max=2, step=0.02,
                                        description=_("weight scale"), readout_format=".3g",
                                        continuous_update=False),
        "activation": widgets.Dropdown(options=list(DEFAULT_INIT), value=activation,
                                       description=_("activation")),
    }

    def draw(res, fig):
        a1, a2 = fig.subplots(1, 2, gridspec_kw=dict(left=0.1, right=0.98, bottom=0.14,
                                                      top=0.9, wspace=0.3))
        p, ref = res["profile"], res["reference"]
        plot_signal_profile([p, ref], a1, a2, labels=[f"scale {p.scale:.3g}",
                                                      f"scale 1 ({res['init']})"])
        log_ticks(a1, "y")
        log_ticks(a2, "y")

    return Explorer(controls, deep_signal_compute, draw, deep_signal_summary,
                    figsize=(9.5, 3.8),
                    title=_("<b>Signal and gradient through a deep network at "
                            "initialization</b>"))
