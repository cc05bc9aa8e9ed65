r"""Dropout, step by step, and the measurements of notebook 04 (floor 3, no matplotlib).

Inverted dropout on the activations :math:`a^{[l]}` of a hidden layer, with keep
probability :math:`p` (never a drop rate):

.. math::
    d^{[l]} = (u < p),\; u \sim U[0, 1) \qquad
    a^{[l]} \leftarrow \frac{a^{[l]} \odot d^{[l]}}{p},

so :math:`E[a^{[l]} \odot d^{[l]} / p] = a^{[l]}`: the next layer sees activations
of the same expected size with and without dropout, and prediction needs no
dropout and no scaling. "Plain" dropout omits the division; a network trained that
way must multiply its activations by :math:`p` at test time.

This module holds the numeric helpers of the notebook: one layer of dropout, the
expected-activation check, a training loop with three mask policies (inverted with
fresh masks, plain, and the course assignment's fixed masks) and prediction with the
classic test-time mistakes. The measurements across runs (weight spreading, cost
noise, the keep_prob tables) are in :mod:`course_utils.lessons.dropout_experiments`.
"""
from __future__ import annotations

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
from ..activations import ACTIVATIONS
from ..initializers import initialize_parameters
from ..nn import check_params, cross_entropy_unchecked, forward_unchecked
from ..train import check_train_args, sgd_step

__all__ = ["MASK_POLICIES", "PREDICT_MODES", "apply_dropout", "expected_activation",
           "DropoutRun", "train_dropout", "predict_with", "prediction_instability"]

MASK_POLICIES = {
    "inverted": "fresh masks every iteration, activations divided by keep_prob (ours)",
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


def apply_dropout(A, keep_prob: float, seed: int | None = None,
                  rng: np.random.Generator | None = None, scale: bool = True):
    """One layer of dropout, the lecture's three lines.

    ``d = rng.random(A.shape) < keep_prob; A = A * d; A = A / keep_prob``.

    Parameters
    ----------
    A : (n_l, m) activations
    keep_prob : float in (0, 1]
    seed, rng : source of the mask
    scale : divide by ``keep_prob`` (inverted dropout); False gives plain dropout.

    Returns
    -------
    A_drop : (n_l, m)
    mask : (n_l, m) bool, True where the unit is kept
    """
    A = as_float_array(A, "A")
    p = _check_keep_prob(keep_prob)
    gen = as_rng(seed, rng)
    mask = gen.random(A.shape) < p
    A_drop = A * mask
    return (A_drop / p if scale else A_drop), mask


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


@dataclass
class DropoutRun:
    """Result of :func:`train_dropout`: final parameters and the recorded training cost."""

    params: dict
    policy: str
    keep_probs: list
    iterations: list = field(default_factory=list)
    cost: list = field(default_factory=list)


def _draw(gen, params, X, kp):
    """Masks for every hidden layer, drawn in the same order as ``nn.forward_unchecked`` does."""
    masks = []
    for l in range(1, len(params) // 2):
        shape = (params[f"W{l}"].shape[0], X.shape[1])
        masks.append(gen.random(shape) < kp[l - 1] if kp[l - 1] < 1.0 else None)
    return masks


def train_dropout(X, Y, layer_dims, keep_probs, *, policy: str = "inverted",
                  hidden_activation: str = "relu", init: str = "he",
                  learning_rate: float = 0.3, num_iterations: int = 30000, lambd: float = 0.0,
                  record_every: int = 100, seed: int | None = None) -> DropoutRun:
    """Full-batch gradient descent with one of three dropout policies.

    ``policy="inverted"`` reproduces ``course_utils.train.train(..., keep_probs=...)``
    bit for bit (same seed, same masks, same updates). ``"plain"`` multiplies by the
    mask without dividing (forward and backward). ``"fixed"`` draws the inverted masks
    once and reuses them at every iteration, as the course assignment did.

    Parameters
    ----------
    X : (n_x, m); Y : (1, m) binary labels (sigmoid output)
    layer_dims : ``[n_x, n_1, ..., 1]``
    keep_probs : one keep probability per hidden layer (or one number)
    policy : a key of :data:`MASK_POLICIES`
    lambd : L2 strength (weight decay, as in ``train``)

    Returns
    -------
    DropoutRun (``cost`` is the cross-entropy of the dropped-out training pass)
    """
    check_choice(policy, MASK_POLICIES, "policy")
    setup = check_train_args(X, Y, layer_dims, hidden_activation=hidden_activation, init=init,
                             learning_rate=learning_rate, num_iterations=num_iterations,
                             lambd=lambd, keep_probs=keep_probs, record_every=record_every)
    X, Y, dims = setup.X, setup.Y, setup.dims
    kp = check_keep_probs(keep_probs, len(dims) - 2) or [1.0] * (len(dims) - 2)
    lr, lambd, n_it, every = (setup.learning_rate, setup.lambd, setup.num_iterations,
                              setup.record_every)
    gen = as_rng(seed)
    params = initialize_parameters(dims, init, rng=gen)
    run = DropoutRun(params, policy, list(kp))
    drop = any(p < 1.0 for p in kp)
    # plain dropout = the core's dropout with keep_prob 1 in the scaling and our own masks
    scale_kp = [1.0] * len(kp) if policy == "plain" else kp
    fixed = _draw(gen, params, X, kp) if policy == "fixed" and drop else None
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for it in range(n_it + 1):
            if not drop:
                AL, caches = forward_unchecked(X, params, hidden_activation, "sigmoid")
            else:
                masks = fixed if fixed is not None else _draw(gen, params, X, kp)
                AL, caches = forward_unchecked(X, params, hidden_activation, "sigmoid", scale_kp,
                                      None, masks)
            if it % every == 0 or it == n_it:
                run.iterations.append(it)
                run.cost.append(cross_entropy_unchecked(caches[-1].Z, Y, "sigmoid"))
            if it == n_it:
                break
            sgd_step(AL, Y, caches, params, hidden_activation, lr, lambd)
    return run


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
    out = (lambda r: r[1][-1].Z) if logits else (lambda r: r[0])
    if mode == "no_dropout":
        return out(forward_unchecked(X, params, hidden_activation, "sigmoid"))
    if kp is None:
        raise ValueError(f"mode={mode!r} needs the training keep_probs (one per hidden layer); "
                         f"pass keep_probs=[...].")
    if mode == "dropout_on":
        return out(forward_unchecked(X, params, hidden_activation, "sigmoid", kp, as_rng(seed, rng)))
    # A * mask / (1/p) = A * p with an all-True mask
    ones = [np.ones((params[f"W{l}"].shape[0], X.shape[1]), dtype=bool) for l in range(1, L)]
    return out(forward_unchecked(X, params, hidden_activation, "sigmoid", [1.0 / p for p in kp], None,
                        ones))


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
