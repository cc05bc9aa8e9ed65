r"""Dropout, step by step, and the test-time mistakes of notebook 04 (floor 4, no matplotlib).

Inverted dropout on the activations :math:`a^{[l]}` of a hidden layer, with keep
probability :math:`p` (never a drop rate):

.. math::
    d^{[l]} = (u < p),\; u \sim U[0, 1) \qquad
    a^{[l]} \leftarrow \frac{a^{[l]} \odot d^{[l]}}{p},

so :math:`E[a^{[l]} \odot d^{[l]} / p] = a^{[l]}`: the next layer sees activations
of the same expected size with and without dropout, and prediction needs no
dropout and no scaling. "Plain" dropout omits the division; a network trained that
way must multiply its activations by :math:`p` at test time.

One layer of inverted dropout is the core's :func:`course_utils.nn.dropout_forward`;
training with fresh inverted masks is :func:`course_utils.train.train` (one network)
and :func:`course_utils.train_batched.train_batched` (many). This module adds what the
core leaves out: the expected-activation check, :func:`train_dropout` for the two
other mask policies (plain, and the course assignment's fixed masks), and prediction
with the classic test-time mistakes. The measurements across runs (the keep_prob
tables, weight spreading, cost noise) are in
:mod:`course_utils.lessons.dropout_experiments`.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np

from .._checks import (
    as_float_array,
    as_rng,
    check_choice,
    check_keep_probs,
    check_positive_int,
    check_probability,
    check_X,
    check_XY,
)
from ..activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from ..initializers import initialize_parameters
from ..nn import check_params, cross_entropy_unchecked, forward_unchecked
from ..train_args import check_train_args

__all__ = ["MASK_POLICIES", "PREDICT_MODES", "expected_activation", "DropoutRun",
           "train_dropout", "predict_with", "prediction_instability"]

MASK_POLICIES = {
    "inverted": "fresh masks every iteration, activations divided by keep_prob (train's way)",
    "plain": "fresh masks every iteration, no division by keep_prob (the old way)",
    "fixed": "inverted, but the same masks at every iteration (the course assignment "
             "re-seeded the generator inside its forward pass)",
}
"""How :func:`train_dropout` draws and applies its masks."""

PREDICT_MODES = {
    "no_dropout": "no dropout and no scaling (correct for inverted dropout)",
    "dropout_on": "dropout left on at prediction (inverted masks drawn at every call)",
    "scale_by_keep_prob": "activations multiplied by keep_prob (correct only for plain dropout)",
}
"""Test-time variants of :func:`predict_with`."""


def _check_keep_prob(keep_prob, name="keep_prob") -> float:
    p = check_probability(keep_prob, name)
    if p == 0.0:
        raise ValueError(f"{name} must be in (0, 1], got 0; it is the probability of KEEPING "
                         f"a unit (1.0 = no dropout).")
    return p


def expected_activation(A, keep_prob: float, n_draws: int = 2000, seed: int = 0) -> dict:
    """Mean activation over ``n_draws`` masks, with and without the division by keep_prob.

    Parameters
    ----------
    A : (n_l, m) activations
    keep_prob : float in (0, 1]
    n_draws : number of independent masks

    Returns
    -------
    dict with ``original`` (mean of A), ``inverted`` (mean of A*d/p), ``plain`` (mean of
    A*d), and the ratios ``inverted_ratio``, ``plain_ratio`` to the original mean
    (about 1 and about ``keep_prob``).
    """
    A = as_float_array(A, "A")
    p = _check_keep_prob(keep_prob)
    n_draws = check_positive_int(n_draws, "n_draws")
    gen = as_rng(seed)
    kept = 0.0
    for _ in range(n_draws):
        kept += float(np.mean(A * (gen.random(A.shape) < p)))
    original = float(np.mean(A))
    plain = kept / n_draws
    out = {"original": original, "plain": plain, "inverted": plain / p}
    out["inverted_ratio"] = out["inverted"] / original if original else float("nan")
    out["plain_ratio"] = plain / original if original else float("nan")
    return out


# --------------------------------------------------------------------------- training
@dataclass
class DropoutRun:
    """One network of :func:`train_dropout`: final parameters and the recorded training cost."""

    params: dict
    policy: str
    keep_probs: list
    seed: int
    iterations: list = field(default_factory=list)
    cost: list = field(default_factory=list)


def _check_seeds(seeds) -> list[int]:
    items = [seeds] if isinstance(seeds, numbers.Integral) else list(seeds)
    for s in items:
        if isinstance(s, bool) or not isinstance(s, numbers.Integral) or s < 0:
            raise ValueError(f"seeds must be a non-negative integer or a sequence of them, "
                             f"got {seeds!r}; e.g. seeds=range(5).")
    if not items:
        raise ValueError("seeds is empty; pass e.g. seeds=range(5).")
    return [int(s) for s in items]


def train_dropout(X, Y, layer_dims, keep_probs, *, policy: str = "inverted", seeds=0,
                  hidden_activation: str = "relu", init: str = "he",
                  learning_rate: float = 0.3, num_iterations: int = 30000, lambd: float = 0.0,
                  record_every: int = 100) -> list[DropoutRun]:
    """Full-batch gradient descent with one of three mask policies, one network per seed.

    The networks of all ``seeds`` train together (their weights stacked along a first
    axis, as in :func:`course_utils.train_batched.train_batched`), but each draws its
    initialization and masks from its own ``np.random.default_rng(seed)`` in the order
    ``train`` does, so network k is bit for bit what a single run with ``seeds=k`` gives.
    ``policy="inverted"`` reproduces ``course_utils.train.train(..., keep_probs=...,
    seed=k)``. ``"plain"`` multiplies by the mask without dividing by keep_prob (forward
    and backward). ``"fixed"`` draws the inverted masks once, right after the
    initialization, and reuses them at every iteration, as the course assignment did.

    Parameters
    ----------
    X : (n_x, m); Y : (1, m) binary labels (sigmoid output)
    layer_dims : ``[n_x, n_1, ..., 1]``
    keep_probs : one keep probability per hidden layer (or one number), shared by all seeds
    policy : a key of :data:`MASK_POLICIES`
    seeds : an int or a sequence of ints, one network each
    lambd : L2 strength (weight decay, as in ``train``)

    Returns
    -------
    list of :class:`DropoutRun`, one per seed in order (``cost`` is the cross-entropy of
    the dropped-out training pass, recorded every ``record_every`` iterations and at the
    last one).
    """
    check_choice(policy, MASK_POLICIES, "policy")
    setup = check_train_args(X, Y, layer_dims, hidden_activation=hidden_activation, init=init,
                             learning_rate=learning_rate, num_iterations=num_iterations,
                             lambd=lambd, keep_probs=keep_probs, record_every=record_every)
    X, Y, dims = setup.X, setup.Y, setup.dims
    seeds = _check_seeds(seeds)
    n_hidden, L, m = len(dims) - 2, len(dims) - 1, X.shape[1]
    kp = check_keep_probs(keep_probs, n_hidden) or [1.0] * n_hidden
    lr, decay = setup.learning_rate, 1.0 - setup.learning_rate * setup.lambd / m
    gens = [np.random.default_rng(s) for s in seeds]
    starts = [initialize_parameters(dims, init, rng=g) for g in gens]
    Ws = [np.stack([p[f"W{l}"] for p in starts]) for l in range(1, L + 1)]
    bs = [np.stack([p[f"b{l}"] for p in starts]) for l in range(1, L + 1)]
    drop = [h for h in range(n_hidden) if kp[h] < 1.0]
    div = {h: 1.0 if policy == "plain" else kp[h] for h in drop}

    def draw():  # every network's masks for one pass, in train's order (layer by layer)
        masks = {h: np.empty((len(gens), dims[h + 1], m), dtype=bool) for h in drop}
        for k, g in enumerate(gens):
            for h in drop:
                masks[h][k] = g.random((dims[h + 1], m)) < kp[h]
        return masks

    g, dgdz = ACTIVATIONS[setup.hidden].forward, ACTIVATIONS[setup.hidden].backward
    fixed = draw() if policy == "fixed" and drop else None
    runs = [DropoutRun(None, policy, list(kp), s) for s in seeds]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for it in range(setup.num_iterations + 1):
            masks = fixed if fixed is not None else draw() if drop else {}
            A, layers = X, []               # layers[h] = (input, Z, g(Z)) of hidden layer h
            for h in range(n_hidden):
                Z = np.matmul(Ws[h], A)
                Z += bs[h]
                A_act = g(Z)
                layers.append((A, Z, A_act))
                A = A_act * masks[h] / div[h] if h in masks else A_act
            ZL = np.matmul(Ws[-1], A)
            ZL += bs[-1]
            if it % setup.record_every == 0 or it == setup.num_iterations:
                for k, run in enumerate(runs):
                    run.iterations.append(it)
                    run.cost.append(cross_entropy_unchecked(ZL[k], Y, "sigmoid"))
            if it == setup.num_iterations:
                break
            # train's sgd_step, stacked: alpha/m folded into dZ, L2 as weight decay
            dZ = (OUTPUT_ACTIVATIONS["sigmoid"].forward(ZL) - Y) * (lr / m)
            A_prev = A
            for h in range(L - 1, -1, -1):
                W = Ws[h]
                dA_prev = np.matmul(W.swapaxes(-1, -2), dZ) if h else None
                if setup.lambd:
                    W *= decay
                W -= np.matmul(dZ, A_prev.swapaxes(-1, -2))
                bs[h] -= dZ.sum(axis=-1, keepdims=True)
                if h:
                    A_prev, Z, A_act = layers[h - 1]
                    if h - 1 in masks:
                        dA_prev = dA_prev * masks[h - 1] / div[h - 1]
                    dZ = dgdz(dA_prev, Z, A_act)
    for k, run in enumerate(runs):
        run.params = {f"{p}{l}": (Ws if p == "W" else bs)[l - 1][k].copy()
                      for l in range(1, L + 1) for p in "Wb"}
    return runs


# --------------------------------------------------------------------------- test time
def predict_with(X, params, mode: str = "no_dropout", keep_probs=None,
                 hidden_activation: str = "relu", seed: int | None = None,
                 rng: np.random.Generator | None = None, logits: bool = False) -> np.ndarray:
    """P(y=1) of a sigmoid network under one of the test-time variants of :data:`PREDICT_MODES`.

    Parameters
    ----------
    X : (n_x, m); params : parameter dict
    mode : ``"no_dropout"`` (correct), ``"dropout_on"`` (random output) or
        ``"scale_by_keep_prob"`` (hidden activations times keep_prob)
    keep_probs : the training keep probabilities (needed by the two other modes)
    seed, rng : masks of ``"dropout_on"``
    logits : return the output pre-activation ``ZL`` instead of the probability

    Returns
    -------
    proba : (1, m) (or ``ZL`` (1, m) with ``logits=True``)
    """
    L = check_params(params)
    X = check_X(X, "X", params["W1"].shape[1])
    check_choice(mode, PREDICT_MODES, "mode")
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    kp = check_keep_probs(keep_probs, L - 1)

    def out(result):
        return result[1][-1].Z if logits else result[0]

    if mode == "no_dropout":
        return out(forward_unchecked(X, params, hidden_activation, "sigmoid"))
    if kp is None:
        raise ValueError(f"mode={mode!r} needs the training keep_probs (one per hidden layer); "
                         f"pass keep_probs=[...].")
    if mode == "dropout_on":
        return out(forward_unchecked(X, params, hidden_activation, "sigmoid", kp,
                                     as_rng(seed, rng)))
    # A * mask / (1/p) = A * p with an all-True mask
    ones = [np.ones((params[f"W{l}"].shape[0], X.shape[1]), dtype=bool) for l in range(1, L)]
    return out(forward_unchecked(X, params, hidden_activation, "sigmoid",
                                 [1.0 / p for p in kp], None, ones))


def prediction_instability(X, Y, params, keep_probs, n_calls: int = 20,
                           hidden_activation: str = "relu", seed: int = 0) -> dict:
    """What leaving dropout on at prediction does: accuracy spread and flipping predictions.

    Calls :func:`predict_with` ``(mode="dropout_on")`` ``n_calls`` times.

    Returns
    -------
    dict with ``acc_mean``, ``acc_std`` (over calls), ``flip_rate`` (mean share of points
    whose label differs between two consecutive calls) and ``acc_correct`` (no dropout).
    """
    X, Y = check_XY(X, Y, n_classes=1)
    n_calls = check_positive_int(n_calls, "n_calls")
    if n_calls < 2:
        raise ValueError(f"n_calls must be at least 2 to compare two calls, got {n_calls}.")
    gen = as_rng(seed)
    labels = [predict_with(X, params, "dropout_on", keep_probs, hidden_activation, rng=gen) > 0.5
              for _ in range(n_calls)]
    accs = [float(np.mean(lab == (Y > 0.5))) for lab in labels]
    flips = [float(np.mean(a != b)) for a, b in zip(labels[:-1], labels[1:])]
    correct = predict_with(X, params, "no_dropout", None, hidden_activation) > 0.5
    return {"acc_mean": float(np.mean(accs)), "acc_std": float(np.std(accs)),
            "flip_rate": float(np.mean(flips)),
            "acc_correct": float(np.mean(correct == (Y > 0.5)))}
