"""The keep_prob explorer of notebook 04: one slider per hidden layer -> retrain and redraw.

Moving a slider retrains the network on the training set with inverted dropout
(``course_utils.train.train``, fresh masks every iteration, a fixed seed) and
redraws the decision boundary and the learning curves; the summary reads e.g.
``keep_probs (0.86, 0.86) -> train 94.5% | dev 89.0% | sum ||W||_F^2 = 54.7``.
Results are cached by slider position, so going back to a setting is instant.
"""
from __future__ import annotations

import ipywidgets as widgets

from .._checks import check_keep_probs, check_layer_dims, check_positive_int, check_XY
from ..i18n import _
from ..lessons.dropout_experiments import weight_spread
from ..plots.dropout import plot_keep_prob_result
from ..train import train
from .base import Explorer

__all__ = ["keep_prob_compute", "keep_prob_summary", "keep_prob_explorer",
           "KP_MIN", "KP_MAX", "KP_STEP"]

KP_MIN, KP_MAX, KP_STEP = 0.3, 1.0, 0.05
"""Range and step of every keep_prob slider."""


def keep_prob_compute(keep_probs, X, Y, X_dev, Y_dev, layer_dims=(2, 20, 3, 1),
                      learning_rate: float = 0.3, num_iterations: int = 1000,
                      record_every: int = 25, seed: int = 0, init: str = "he") -> dict:
    """Train with inverted dropout and measure: the pure function behind the explorer.

    Parameters
    ----------
    keep_probs : one keep probability per hidden layer, each in (0, 1]
    X, Y : training set (2, m), (1, m); X_dev, Y_dev : dev set
    layer_dims : ``[2, n_1, ..., 1]``
    init : initialization (a key of ``course_utils.initializers.INITIALIZERS``)

    Returns
    -------
    dict with ``keep_probs`` (tuple), ``params``, ``history``, ``train_acc``, ``dev_acc``,
    ``norm2`` (sum of squared Frobenius norms), and the data ``X``, ``Y``.
    """
    dims = check_layer_dims(layer_dims)
    kp = check_keep_probs(keep_probs, len(dims) - 2)
    if kp is None:
        raise ValueError("keep_probs must give one value per hidden layer; use 1.0 for no "
                         "dropout.")
    check_positive_int(num_iterations, "num_iterations")
    X, Y = check_XY(X, Y, n_features=dims[0], n_classes=1)
    X_dev, Y_dev = check_XY(X_dev, Y_dev, dims[0], 1, names=("X_dev", "Y_dev"))
    res = train(X, Y, dims, init=init, learning_rate=learning_rate,
                num_iterations=num_iterations, keep_probs=kp, X_dev=X_dev, Y_dev=Y_dev,
                record_every=record_every, seed=seed)
    h = res.history
    return {"keep_probs": tuple(kp), "params": res.params, "history": h,
            "train_acc": h.train_accuracy[-1], "dev_acc": h.dev_accuracy[-1],
            "norm2": weight_spread(res.params)["norm2"], "X": X, "Y": Y}


def keep_prob_summary(r: dict) -> str:
    """HTML summary, e.g. ``keep_probs (0.86, 0.86) -> train 94.5% | dev 89.0% | ...``."""
    kp = ", ".join(f"{p:.2f}" for p in r["keep_probs"])
    return _("keep_probs ({keep_probs}) → <b>train {train:.1f}% | dev {dev:.1f}%</b> | "
             "sum ||W||_F² = {norm2:.1f}").format(keep_probs=kp, train=100 * r["train_acc"],
                                                   dev=100 * r["dev_acc"], norm2=r["norm2"])


def keep_prob_explorer(X, Y, X_dev, Y_dev, layer_dims=(2, 20, 3, 1), keep_probs=None,
                       learning_rate: float = 0.3, num_iterations: int = 1000,
                       seed: int = 0, init: str = "he") -> Explorer:
    """One ``keep_prob`` slider per hidden layer (0.3 to 1.0); retrains and redraws on release.

    Parameters
    ----------
    X, Y, X_dev, Y_dev : the 2-D training and dev sets, (2, m) and (1, m)
    layer_dims : network; one slider per hidden layer
    keep_probs : initial slider values (default 1.0 everywhere)
    num_iterations : gradient steps per retrain (fewer than the notebook's 5,000-iteration runs,
        so that an update takes a fraction of a second)
    seed, init : the network's initialization (and masks), the same at every setting

    Returns
    -------
    Explorer (``explorer.widget`` to display; ``explorer.summary`` holds the text)
    """
    dims = check_layer_dims(layer_dims)
    n_hidden = len(dims) - 2
    if n_hidden < 1:
        raise ValueError(f"layer_dims needs at least one hidden layer for dropout, got {dims}.")
    start = check_keep_probs(1.0 if keep_probs is None else keep_probs, n_hidden)
    for i, p in enumerate(start):
        if not KP_MIN <= p <= KP_MAX:
            raise ValueError(f"keep_probs[{i}] = {p} is outside the sliders' range "
                             f"[{KP_MIN}, {KP_MAX}]; pick a value in that range.")
    X, Y = check_XY(X, Y, n_features=dims[0], n_classes=1)
    X_dev, Y_dev = check_XY(X_dev, Y_dev, dims[0], 1, names=("X_dev", "Y_dev"))
    controls = {
        f"keep_prob_{l}": widgets.FloatSlider(
            value=start[l - 1], min=KP_MIN, max=KP_MAX, step=KP_STEP, readout_format=".2f",
            continuous_update=False,
            description=_("keep_prob[{layer}] ({units} units)").format(layer=l, units=dims[l]),
            style={"description_width": "initial"}, layout=widgets.Layout(width="340px"))
        for l in range(1, n_hidden + 1)}
    cache: dict = {}

    def compute(**values):
        key = tuple(round(float(values[f"keep_prob_{l}"]), 4) for l in range(1, n_hidden + 1))
        if key not in cache:
            cache[key] = keep_prob_compute(key, X, Y, X_dev, Y_dev, dims, learning_rate,
                                           num_iterations, seed=seed, init=init)
        return cache[key]

    explorer = Explorer(controls, compute, plot_keep_prob_result, keep_prob_summary,
                        figsize=(10, 3.8),
                        title=_("<b>Dropout per layer</b>: network {dims}, {iterations} "
                                "iterations of gradient descent per setting, learning rate "
                                "{learning_rate}").format(dims=dims, iterations=num_iterations,
                                                          learning_rate=learning_rate))
    explorer.cache = cache
    return explorer
