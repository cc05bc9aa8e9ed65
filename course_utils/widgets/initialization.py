"""Explorer of notebook 09: init method and scale -> activation histograms and early training.

The network is the one being trained: ``[2, width, ..., width, 1]`` with
``depth`` hidden layers on the circles data. The histograms show its hidden
activations on the training set at initialization; the cost curve shows its
first iterations of gradient descent.
"""
from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image as PILImage

from .._checks import check_choice, check_positive_int
from ..activations import ACTIVATIONS
from ..i18n import _
from ..initializers import INITIALIZERS, init_std, initialize_parameters
from ..lessons.initialization import circles_split
from ..plots.initialization import plot_activation_histograms
from ..plots.style import COLORS, log_ticks
from ..train_batched import train_batched
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
    # one network through the batched trainer: bit-identical to train(), a third faster
    res = train_batched(X, Y, dims, hidden_activation=activation, params=params,
                        learning_rate=learning_rate, num_iterations=iterations,
                        record_every=max(1, iterations // 30))[0]
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
    if r["activation"] == "relu":
        text = _("{method} × {scale:g}: std(W1) = {w_std:.3g}. Activation std: layer 1 "
                 "<b>{first:.2g}</b>, layer {depth} <b>{last:.2g}</b>; zero (ReLU) in the last "
                 "layer: {inactive:.0f} %.<br>After {iterations} iterations: cost {cost0:.3g} "
                 "→ <b>{cost:.3g}</b>, train accuracy <b>{accuracy:.0f} %</b> ({outcome}).")
    else:
        text = _("{method} × {scale:g}: std(W1) = {w_std:.3g}. Activation std: layer 1 "
                 "<b>{first:.2g}</b>, layer {depth} <b>{last:.2g}</b>; saturated (|a| > 0.99) "
                 "in the last layer: {inactive:.0f} %.<br>After {iterations} iterations: cost "
                 "{cost0:.3g} → <b>{cost:.3g}</b>, train accuracy <b>{accuracy:.0f} %</b> "
                 "({outcome}).")
    outcome = (_("<b>diverged</b>") if r["diverged"] else
               _("<b>stalled</b> (cost fell < 1 %)") if r["stalled"] else _("cost falling"))
    return text.format(method=r["method"], scale=r["scale"], w_std=r["w_std"], first=s[0],
                       depth=r["depth"], last=s[-1], inactive=100 * r["inactive"][-1],
                       iterations=r["history"].iterations[-1], cost0=r["history"].cost[0],
                       cost=r["final_cost"], accuracy=100 * r["train_accuracy"],
                       outcome=outcome)


class _OneDrawExplorer(Explorer):
    """An :class:`Explorer` that keeps its figure and draws it once per update.

    ``draw(result, fig)`` updates the figure it built on the first call (no
    ``fig.clear()``: rebuilding three axes and their ticks costs as much as
    drawing them). The explorer's canvas is drawn once and its pixels are encoded
    with light PNG compression, as :class:`BlitExplorer` does.
    """

    def _render(self, result) -> bytes:
        self.draw(result, self.fig)
        self.fig.set_dpi(self.dpi)
        canvas = self.fig.canvas
        canvas.draw()
        buf = io.BytesIO()
        PILImage.fromarray(np.asarray(canvas.buffer_rgba())).save(buf, format="PNG",
                                                                   compress_level=1)
        return buf.getvalue()


class _InitFigure:
    """The explorer's three panels, built once; :meth:`update` redraws what changes."""

    def __init__(self, fig):
        self.ax_h, self.ax_s, self.ax_c = fig.subplots(1, 3, gridspec_kw=dict(
            left=0.04, right=0.985, bottom=0.15, top=0.9, wspace=0.35,
            width_ratios=(1.2, 1, 1)))
        ax_s, ax_c = self.ax_s, self.ax_c
        (self.std_line,) = ax_s.plot([], [], marker="o", color=COLORS["blue"], ms=4)
        ax_s.set_xlabel("hidden layer l")
        ax_s.set_ylabel("std of A[l]")
        # a title at a fixed height skips matplotlib's search for overlapping tick labels
        ax_s.set_title("Spread across depth (at init)", y=1.0)
        (self.cost_line,) = ax_c.plot([], [], color=COLORS["orange"])
        ax_c.set_xlabel("iteration")
        ax_c.set_ylabel("cost J")
        ax_c.set_title("First iterations of training", y=1.0)
        ax_c.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        # short labels, no offset text ("1e11" above the axis would hit the title)
        ax_c.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.3g}"))
        self.log = None

    def update(self, r: dict) -> None:
        self.ax_h.cla()
        plot_activation_histograms(r, self.ax_h, bins=30)
        self.ax_h.set_title(self.ax_h.get_title(), y=1.0)
        ax_s, layers = self.ax_s, np.arange(1, r["depth"] + 1)
        stds = np.nan_to_num(r["stds"], nan=np.inf)
        pos = stds[(stds > 0) & np.isfinite(stds)]
        log = bool(pos.size and pos.max() > 10 * pos.min())  # orders of magnitude apart
        if log:
            self.std_line.set_data(layers, np.where(stds > 0, stds, np.nan))
        else:
            self.std_line.set_data(layers, stds)
        if log != self.log:
            ax_s.set_yscale("log" if log else "linear")
            if log:
                log_ticks(ax_s, "y", numticks=5)
            else:
                ax_s.yaxis.set_major_locator(MaxNLocator(4))
            ax_s.xaxis.set_major_locator(MaxNLocator(5, integer=True))
            self.log = log
        ax_s.set_xlim(0.5, r["depth"] + 0.5)
        if log:
            lo, hi = np.log10(pos.min()), np.log10(pos.max())
            pad = 0.05 * (hi - lo)
            ax_s.set_ylim(10 ** (lo - pad), 10 ** (hi + pad))
        else:
            ax_s.set_ylim(0, 1.15 * max(float(pos.max()) if pos.size else 0.0, 1e-3))
        h, ax_c = r["history"], self.ax_c
        cost = np.asarray(h.cost, dtype=float)
        self.cost_line.set_data(h.iterations, cost)
        self.cost_line.set_marker("o" if cost.size == 1 else "None")  # diverged at once
        ax_c.set_xlim(0, max(h.iterations[-1], 1))
        # the y axis spans at least 0.1 (and 10 % of the cost), so a stalled cost looks
        # flat instead of being stretched over the whole panel
        hi = float(cost.max())
        lo = max(0.0, min(float(cost.min()), hi - max(0.1, 0.1 * abs(hi))))
        ax_c.set_ylim(lo - 0.02 * (hi - lo), hi + 0.08 * (hi - lo))
        ax_c.yaxis.set_major_locator(MaxNLocator(4))


def init_explorer(method: str = "he", scale: float = 1.0, activation: str = "relu",
                  depth: int = 8, seed: int = 0) -> Explorer:
    """Dropdowns (method, activation), a log slider (scale), depth and seed -> histograms + cost.

    With 16 units per layer one network's spread fluctuates from seed to seed; the
    seed slider shows it (the average over networks is what notebook 09 measures)."""
    data = circles_split(0)[:2]
    controls = {
        "method": widgets.Dropdown(options=list(INITIALIZERS), value=method,
                                   description=_("init")),
        "scale": widgets.FloatLogSlider(value=scale, base=10, min=-2, max=2, step=0.25,
                                        description=_("scale"), readout_format=".3g"),
        "activation": widgets.Dropdown(options=["relu", "tanh"], value=activation,
                                       description=_("activation")),
        "depth": widgets.IntSlider(value=depth, min=1, max=12, description=_("depth")),
        "seed": widgets.IntSlider(value=seed, min=0, max=9, description=_("seed")),
    }

    def compute(method, scale, activation, depth, seed):
        return init_compute(method, scale, activation, depth, data=data, seed=seed)

    panels = []

    def draw(r, fig):
        if not panels:
            panels.append(_InitFigure(fig))
        panels[0].update(r)

    return _OneDrawExplorer(controls, compute, draw, init_summary, figsize=(10, 3.6),
                            title=_("<b>Initialization: activations at init and the first "
                                    "steps</b>"))
