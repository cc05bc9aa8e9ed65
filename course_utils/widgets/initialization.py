"""Explorer of notebook 09: init method and scale -> activation histograms and early training.

The network is the one being trained: ``[2, width, ..., width, 1]`` with
``depth`` hidden layers on the circles data. The histograms show its hidden
activations on the training set at initialization; the cost curve shows its
first iterations of gradient descent.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from .._checks import check_choice, check_positive_int
from ..activations import ACTIVATIONS
from ..initializers import INITIALIZERS, init_std, initialize_parameters
from ..lessons.initialization import circles_split
from ..plots.initialization import plot_activation_histograms
from ..plots.style import COLORS, log_ticks
from ..train import train
from .base import Explorer

__all__ = ["init_compute", "init_summary", "init_explorer", "shown_layers"]


def shown_layers(depth: int, n: int = 5) -> tuple:
    """Up to ``n`` layer indices spread over 1..depth, always including the first and last."""
    depth = check_positive_int(depth, "depth")
    return tuple(sorted({int(round(x)) for x in np.linspace(1, depth, min(n, depth))}))


def init_compute(method: str, scale: float, activation: str = "relu", depth: int = 8,
                 width: int = 16, iterations: int = 150, learning_rate: float = 0.05,
                 data=None, seed: int = 0) -> dict:
    """Initialize, look at the hidden activations, train a few iterations.

    Parameters
    ----------
    method : key of ``INITIALIZERS``; scale : its multiplier (for ``random`` the std itself)
    activation : ``"relu"`` or ``"tanh"`` (hidden layers)
    depth, width : number and width of the hidden layers
    iterations, learning_rate : the short training run
    data : ``(X, Y)`` training set, default ``circles_split(0)[:2]``

    Returns
    -------
    dict with ``stds`` (depth,) std of each hidden layer's activations, ``inactive``
    (depth,) share of saturated (tanh, |a| > 0.99) or zero (ReLU) activations,
    ``activations`` {layer: (width, m)} for :func:`shown_layers`, ``history``,
    ``w_std`` (std of W1 by the formula), ``final_cost``, ``train_accuracy``,
    ``stalled`` (cost fell by less than 1 %).
    """
    check_choice(method, INITIALIZERS, "init method")
    act = check_choice(activation, ACTIVATIONS, "activation")
    depth = check_positive_int(depth, "depth")
    width = check_positive_int(width, "width")
    if data is None:
        data = circles_split(0)[:2]
    X, Y = data
    dims = [X.shape[0]] + [width] * depth + [1]
    params = initialize_parameters(dims, method, scale, seed=seed)
    keep = shown_layers(depth)
    A, stds, inactive, kept = X, np.empty(depth), np.empty(depth), {}
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(1, depth + 1):
            A = act.forward(params[f"W{l}"] @ A + params[f"b{l}"])
            stds[l - 1] = A.std()
            inactive[l - 1] = np.mean(A <= 0) if activation == "relu" else \
                np.mean(np.abs(A) > 0.99)
            if l in keep:
                kept[l] = A
    res = train(X, Y, dims, hidden_activation=activation, params=params,
                learning_rate=learning_rate, num_iterations=iterations,
                record_every=max(1, iterations // 30), seed=seed)
    h = res.history
    return {"method": method, "scale": scale, "activation": activation, "depth": depth,
            "seed": seed,
            "stds": stds, "inactive": inactive, "activations": kept, "history": h,
            "w_std": init_std(method, dims[0], dims[1], scale), "final_cost": h.cost[-1],
            "train_accuracy": h.train_accuracy[-1], "diverged": res.diverged,
            "stalled": h.cost[-1] > 0.99 * h.cost[0]}


def init_summary(r: dict) -> str:
    """HTML: the weight std, the activation spread across depth, the training outcome."""
    s = r["stds"]
    what = "zero (ReLU)" if r["activation"] == "relu" else "saturated (|a| > 0.99)"
    outcome = ("<b>diverged</b>" if r["diverged"] else
               "<b>stalled</b> (cost fell < 1 %)" if r["stalled"] else "cost falling")
    return (f"{r['method']} × {r['scale']:g}: std(W1) = {r['w_std']:.3g}. "
            f"Activation std: layer 1 <b>{s[0]:.2g}</b>, layer {r['depth']} "
            f"<b>{s[-1]:.2g}</b>; {what} in the last layer: {100 * r['inactive'][-1]:.0f} %."
            f"<br>After {r['history'].iterations[-1]} iterations: cost "
            f"{r['history'].cost[0]:.3g} → <b>{r['final_cost']:.3g}</b>, train accuracy "
            f"<b>{100 * r['train_accuracy']:.0f} %</b> ({outcome}).")


def init_explorer(method: str = "he", scale: float = 1.0, activation: str = "relu",
                  depth: int = 8, seed: int = 0) -> Explorer:
    """Dropdowns (method, activation), a log slider (scale), depth and seed -> histograms + cost.

    With 16 units per layer one network's spread fluctuates from seed to seed; the
    seed slider shows it (the average over networks is what notebook 09 measures)."""
    data = circles_split(0)[:2]
    controls = {
        "method": widgets.Dropdown(options=list(INITIALIZERS), value=method,
                                   description="init"),
        "scale": widgets.FloatLogSlider(value=scale, base=10, min=-2, max=2, step=0.25,
                                        description="scale", readout_format=".3g"),
        "activation": widgets.Dropdown(options=["relu", "tanh"], value=activation,
                                       description="activation"),
        "depth": widgets.IntSlider(value=depth, min=1, max=12, description="depth"),
        "seed": widgets.IntSlider(value=seed, min=0, max=9, description="seed"),
    }

    def compute(method, scale, activation, depth, seed):
        return init_compute(method, scale, activation, depth, data=data, seed=seed)

    def draw(r, fig):
        fig.set_layout_engine("none")  # fixed margins: constrained layout doubles the redraw time
        ax_h, ax_s, ax_c = fig.subplots(1, 3, gridspec_kw=dict(
            left=0.04, right=0.985, bottom=0.15, top=0.9, wspace=0.35,
            width_ratios=(1.2, 1, 1)))
        plot_activation_histograms(r, ax_h, bins=30)
        layers = np.arange(1, r["depth"] + 1)
        stds = np.nan_to_num(r["stds"], nan=np.inf)
        pos = stds[(stds > 0) & np.isfinite(stds)]
        if pos.size and pos.max() > 10 * pos.min():   # orders of magnitude apart: log axis
            ax_s.plot(layers, np.where(stds > 0, stds, np.nan), marker="o",
                      color=COLORS["blue"], ms=4)
            ax_s.set_yscale("log")
            log_ticks(ax_s, "y", numticks=5)
        else:
            ax_s.plot(layers, stds, marker="o", color=COLORS["blue"], ms=4)
            ax_s.set_ylim(0, 1.15 * max(float(pos.max()) if pos.size else 0.0, 1e-3))
            ax_s.yaxis.set_major_locator(MaxNLocator(4))
        ax_s.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax_s.set_xlabel("hidden layer l")
        ax_s.set_ylabel("std of A[l]")
        ax_s.set_title("Spread across depth (at init)")
        h = r["history"]
        ax_c.plot(h.iterations, h.cost, color=COLORS["orange"])
        ax_c.yaxis.set_major_locator(MaxNLocator(4))
        ax_c.set_xlabel("iteration")
        ax_c.set_ylabel("cost J")
        ax_c.set_title("First iterations of training")

    return Explorer(controls, compute, draw, init_summary, figsize=(10, 3.6),
                    title="<b>Initialization: activations at init and the first steps</b>")
