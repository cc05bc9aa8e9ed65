"""Checked training arguments, shared by every training loop of the course (floor 3).

:func:`check_train_args` checks, once and at the boundary, every argument that
:func:`course_utils.train.train`, the batched trainer and the lessons' own loops
share, so a bad call gets the same message wherever it is made.
:func:`check_batched_args` adds the per-network arguments of
:func:`course_utils.train_batched.train_batched` (one value shared by all
networks, or one per network) and returns one :class:`NetArgs` per network.
"""
from __future__ import annotations

import dataclasses
import numbers
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ._checks import (
    check_choice,
    check_keep_probs,
    check_lambd,
    check_layer_dims,
    check_nonneg_int,
    check_positive_float,
    check_positive_int,
    check_XY,
)
from .activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from .initializers import INITIALIZERS, initialize_parameters
from .nn import check_params

__all__ = ["TrainSetup", "NetArgs", "check_train_args", "check_start_params",
           "check_batched_args", "copy_params"]

_SEQUENCE = (list, tuple, range, np.ndarray)


def copy_params(params: dict) -> dict:
    """Deep copy of a parameter dict (arrays copied)."""
    return {k: np.array(v, dtype=np.float64, copy=True) for k, v in params.items()}


@dataclass
class TrainSetup:
    """The validated arguments of a training run (see :func:`check_train_args`).

    Arrays are float64 in the course layout; ``keep_probs`` is None when no
    hidden layer drops anything; ``batch_size`` is None for full batch (and at
    most ``m`` otherwise); ``X_dev``/``Y_dev`` are None without a dev set.
    """

    X: np.ndarray
    Y: np.ndarray
    dims: list
    hidden: str
    output: str
    learning_rate: float
    num_iterations: int
    lambd: float
    keep_probs: list | None
    batch_size: int | None
    X_dev: np.ndarray | None
    Y_dev: np.ndarray | None
    record_every: int

    @property
    def has_dev(self) -> bool:
        return self.X_dev is not None


def check_train_args(X, Y, layer_dims, *, hidden_activation: str = "relu",
                     output_activation: str = "sigmoid", init: str = "he",
                     learning_rate: float = 0.01, num_iterations: int = 1000,
                     lambd: float = 0.0, keep_probs=None, batch_size: int | None = None,
                     X_dev=None, Y_dev=None, record_every: int = 100) -> TrainSetup:
    """Check every argument a training loop shares, once, at the boundary.

    Used by :func:`train`, the batched trainer and the lessons' own loops, so a
    bad call gets the same message wherever it is made. Arguments are those of
    :func:`train`; returns a :class:`TrainSetup`.
    """
    dims = check_layer_dims(layer_dims)
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    check_choice(output_activation, OUTPUT_ACTIVATIONS, "output_activation")
    check_choice(init, INITIALIZERS, "init method")
    X, Y = check_XY(X, Y, n_features=dims[0], n_classes=dims[-1])
    if output_activation == "sigmoid" and dims[-1] != 1:
        raise ValueError(f"A sigmoid output needs layer_dims[-1] == 1, got {dims[-1]}; use "
                         f"output_activation='softmax' for {dims[-1]} classes.")
    if output_activation == "softmax" and dims[-1] < 2:
        raise ValueError("A softmax output needs layer_dims[-1] >= 2 classes; use "
                         "output_activation='sigmoid' for binary labels.")
    if X_dev is not None or Y_dev is not None:
        if X_dev is None or Y_dev is None:
            raise ValueError("Pass both X_dev and Y_dev, or neither.")
        X_dev, Y_dev = check_XY(X_dev, Y_dev, dims[0], dims[-1], names=("X_dev", "Y_dev"))
    learning_rate = check_positive_float(learning_rate, "learning_rate")
    num_iterations = check_nonneg_int(num_iterations, "num_iterations")
    lambd = check_lambd(lambd)
    kp = check_keep_probs(keep_probs, len(dims) - 2)
    if kp is not None and all(p == 1.0 for p in kp):
        kp = None
    record_every = check_positive_int(record_every, "record_every")
    if batch_size is not None:
        batch_size = min(check_positive_int(batch_size, "batch_size"), X.shape[1])
    return TrainSetup(X, Y, dims, hidden_activation, output_activation, learning_rate,
                      num_iterations, lambd, kp, batch_size, X_dev, Y_dev, record_every)


def check_start_params(params, dims) -> dict:
    """Check warm-start parameters against ``layer_dims`` and return a copy."""
    check_params(params, dims[0])
    if [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in
                                  range(1, len(params) // 2 + 1)] != dims:
        raise ValueError("params do not match layer_dims; pass params of the same "
                         "architecture or params=None.")
    return copy_params(params)


class NetArgs(NamedTuple):
    """One network's checked arguments in a batched run (see :func:`check_batched_args`).

    ``gen`` is ``np.random.default_rng(seed)`` after drawing the initialization (the
    dropout masks come next from it, in ``train``'s order); ``start`` is the network's
    starting parameter dict; ``keep_probs`` is None when no layer drops anything.
    """

    seed: int
    learning_rate: float
    lambd: float
    keep_probs: list | None
    gen: np.random.Generator
    start: dict


def _items(value, name):
    """The list of per-network values, or None when ``value`` is one shared value."""
    if not isinstance(value, _SEQUENCE) or (isinstance(value, np.ndarray) and value.ndim == 0):
        return None
    items = list(value)
    if not items:
        raise ValueError(f"{name} is empty: give one value per network (at least one), or a "
                         f"single value shared by all networks.")
    return items


def _keep_probs_items(keep_probs, n_hidden, k_other):
    """Per-network keep_probs specs, or None when ``keep_probs`` is shared (see Notes)."""
    if isinstance(keep_probs, _SEQUENCE) and len(keep_probs) == 0:
        return None  # train's "no hidden layer, no dropout"
    items = _items(keep_probs, "keep_probs")
    if items is None or any(p is None or isinstance(p, _SEQUENCE) for p in items):
        return items
    flat = [float(p) if isinstance(p, numbers.Real) else p for p in items]
    per_net = [[p] * n_hidden for p in flat]
    if len(items) == n_hidden and k_other == n_hidden > 1:
        raise ValueError(
            f"keep_probs={flat} is ambiguous: it could be one keep probability per hidden "
            f"layer ({n_hidden} layers) shared by all networks, or one per network ({k_other} "
            f"networks). Write keep_probs=[{flat}] * {k_other} for the shared per-layer list, "
            f"or keep_probs={per_net} for one value per network.")
    if len(items) != n_hidden:
        try:
            check_keep_probs(keep_probs, n_hidden)
        except ValueError as exc:
            raise ValueError(f"{exc} A flat list is one keep probability per hidden layer, "
                             f"shared by all networks; for one value per network write "
                             f"keep_probs={per_net}.") from None
    return None


def _check_seed(seed, name):
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"{name} must be a non-negative integer (the seed train(..., seed=...) "
                         f"would use), got {seed!r}; e.g. seeds=range(5) for five networks.")
    return int(seed)


def _stacked_data(X, Y):
    """``(X, Y)`` as arrays when ``X`` holds one training set per network (3-D), else None."""
    if np.ndim(X) != 3:
        return None
    X3, Y3 = np.asarray(X), np.asarray(Y)
    if Y3.ndim != 3 or Y3.shape[0] != X3.shape[0] or Y3.shape[2] != X3.shape[2]:
        raise ValueError(f"X of shape {X3.shape} holds one training set per network (K, n_x, "
                         f"m), so Y must be (K, n_L, m) = ({X3.shape[0]}, n_L, {X3.shape[2]}), "
                         f"got shape {Y3.shape}. Stack the labels like the data: "
                         f"np.stack([Y_1, ..., Y_K]).")
    if X3.shape[0] == 0:
        raise ValueError("X holds no training set (shape (0, n_x, m)): give one per network.")
    return X3, Y3


def check_batched_args(X, Y, layer_dims, *, seeds, hidden_activation, output_activation, init,
                       init_scale, learning_rate, num_iterations, lambd, keep_probs, X_dev,
                       Y_dev, record_every, params) -> tuple[TrainSetup, list[NetArgs]]:
    """Check ``train_batched``'s arguments; return the shared setup and one NetArgs per network.

    Arguments are those of :func:`course_utils.train_batched.train_batched`
    (without ``early_stopping``, ``callback`` and ``keep_snapshots``). With one
    training set per network (``X`` of shape ``(K, n_x, m)``, ``Y`` ``(K, n_L, m)``),
    ``setup.X`` and ``setup.Y`` are those stacked float arrays.
    """
    hidden, output = hidden_activation, output_activation
    n_hidden = len(check_layer_dims(layer_dims)) - 2
    per = {"seeds": _items(seeds, "seeds"), "lambd": _items(lambd, "lambd"),
           "learning_rate": _items(learning_rate, "learning_rate"),
           "init_scale": _items(init_scale, "init_scale"), "params": _items(params, "params")}
    lengths = {k: len(v) for k, v in per.items() if v is not None}
    stacked = _stacked_data(X, Y)
    if stacked is not None:
        lengths["X"] = len(stacked[0])
    k_other = lengths[next(iter(lengths))] if len(set(lengths.values())) == 1 else None
    per["keep_probs"] = _keep_probs_items(keep_probs, n_hidden, k_other)
    if per["keep_probs"] is not None:
        lengths["keep_probs"] = len(per["keep_probs"])
    if len(set(lengths.values())) > 1:
        given = ", ".join(f"{k} has {v}" for k, v in lengths.items())
        raise ValueError(f"Per-network arguments must all have the same length K (one value "
                         f"per network): {given}. Give each of them K values, or a single "
                         f"value shared by all networks.")
    K = next(iter(lengths.values()), 1)
    setup = check_train_args(
        X if stacked is None else stacked[0][0], Y if stacked is None else stacked[1][0],
        layer_dims, hidden_activation=hidden, output_activation=output, init=init,
        learning_rate=0.01 if per["learning_rate"] else learning_rate,
        num_iterations=num_iterations, lambd=0.0 if per["lambd"] else lambd,
        keep_probs=None if per["keep_probs"] else keep_probs, X_dev=X_dev, Y_dev=Y_dev,
        record_every=record_every)
    if stacked is not None:  # one training set per network: check each, keep them stacked
        pairs = [check_XY(Xk, Yk, setup.dims[0], setup.dims[-1], names=(f"X[{k}]", f"Y[{k}]"))
                 for k, (Xk, Yk) in enumerate(zip(*stacked))]
        setup = dataclasses.replace(setup, X=np.stack([p[0] for p in pairs]),
                                    Y=np.stack([p[1] for p in pairs]))

    def pick(name, k, check, shared):
        return shared if per[name] is None else check(per[name][k], f"{name}[{k}]")

    def kp_check(p, name):
        kp = check_keep_probs(p, n_hidden, name=name)
        return None if kp is None or all(q == 1.0 for q in kp) else kp

    seed = None if per["seeds"] else _check_seed(seeds, "seeds")
    nets = []
    for k in range(K):
        seed_k = pick("seeds", k, _check_seed, seed)
        lr_k = pick("learning_rate", k, check_positive_float, setup.learning_rate)
        lambd_k = pick("lambd", k, check_lambd, setup.lambd)
        kp_k = pick("keep_probs", k, kp_check, setup.keep_probs)
        gen = np.random.default_rng(seed_k)
        start = pick("params", k, lambda p, name: p, params)
        where = f"params[{k}]: " if per["params"] and start is not None else \
            f"init_scale[{k}]: " if per["init_scale"] and start is None else ""
        try:
            start = check_start_params(start, setup.dims) if start is not None else \
                initialize_parameters(setup.dims, init, pick("init_scale", k, lambda v, name: v,
                                                             init_scale), rng=gen)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"{where}{exc}") from None
        nets.append(NetArgs(seed_k, lr_k, lambd_k, kp_k, gen, start))
    return setup, nets
