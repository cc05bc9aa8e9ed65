"""Exercise checkers of notebook 04 (dropout), with the classic mistakes they recognise.

1. :func:`check_dropout_forward`: inverted dropout on one layer,
   ``learner(A, keep_prob, rng) -> (A_drop, D)``.
2. :func:`check_dropout_backward`: its backward pass,
   ``learner(dA_drop, D, keep_prob) -> dA``.
3. :func:`check_forward_with_dropout`: a whole forward pass with a training flag,
   ``learner(X, params, keep_probs, rng, training) -> AL``.

Recognised mistakes: the mask drawn with ``> keep_prob`` (keeps the wrong share),
the division by ``keep_prob`` forgotten, a division by ``1 - keep_prob`` (the drop
rate), dropout applied at test time, one mask reused for every layer, and a
backward pass that forgets the mask.
"""
from __future__ import annotations

import numpy as np

from ..activations import relu, sigmoid
from ..i18n import N_
from .base import Feedback, check_function

__all__ = ["check_dropout_forward", "check_dropout_backward", "check_forward_with_dropout",
           "ref_dropout_forward", "ref_dropout_backward", "ref_forward_with_dropout"]


# --------------------------------------------------------------------------- 1. forward
def ref_dropout_forward(A, keep_prob, rng):
    """Reference: ``D = rng.random(A.shape) < keep_prob; A_drop = A * D / keep_prob``."""
    D = rng.random(A.shape) < keep_prob
    return A * D / keep_prob, D


def _fwd_greater(A, keep_prob, rng):
    D = rng.random(A.shape) > keep_prob
    return A * D / keep_prob, D


def _fwd_no_division(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    return A * D, D


def _fwd_drop_rate(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    return A * D / (1 - keep_prob), D


def _fwd_greater_no_division(A, keep_prob, rng):
    D = rng.random(A.shape) > keep_prob
    return A * D, D


def _fwd_float_mask(A, keep_prob, rng):
    D = rng.random(A.shape)
    return A * D / keep_prob, D


_FORWARD_CASES = [
    {"A": np.abs(np.random.default_rng(1).standard_normal((4, 6))), "keep_prob": 0.8,
     "rng": np.random.default_rng(11)},
    {"A": np.random.default_rng(2).standard_normal((20, 30)), "keep_prob": 0.5,
     "rng": np.random.default_rng(12)},
    {"A": np.abs(np.random.default_rng(3).standard_normal((3, 5))), "keep_prob": 0.3,
     "rng": np.random.default_rng(13)},
]

_FORWARD_MISTAKES = [
    (N_("drew the mask with `rng.random(A.shape) > keep_prob`: that keeps a share 1 - keep_prob "
        "of the units"), _fwd_greater, N_("Keep a unit when the draw is *below* keep_prob: "
        "`D = rng.random(A.shape) < keep_prob`.")),
    (N_("forgot to divide by keep_prob (plain dropout: the expected activation shrinks to "
        "keep_prob * A)"), _fwd_no_division, N_("Finish with `A_drop = A * D / keep_prob`.")),
    (N_("divided by 1 - keep_prob (the drop rate)"), _fwd_drop_rate,
     N_("Divide by the probability of KEEPING a unit: `/ keep_prob`.")),
    (N_("drew the mask with `>` and forgot the division"), _fwd_greater_no_division,
     N_("Use `D = rng.random(A.shape) < keep_prob` and `A * D / keep_prob`.")),
    (N_("used the random numbers themselves as the mask (no comparison with keep_prob)"),
     _fwd_float_mask, N_("The mask is boolean: `D = rng.random(A.shape) < keep_prob`.")),
]


def check_dropout_forward(learner_fn) -> Feedback:
    """Check ``learner_fn(A, keep_prob, rng) -> (A_drop, D)`` (inverted dropout, one layer).

    The learner must draw exactly one ``rng.random(A.shape)`` (the test compares
    with a generator of the same seed).
    """
    return check_function(
        N_("Exercise 1 (dropout forward)"), learner_fn, _FORWARD_CASES, ref_dropout_forward,
        _FORWARD_MISTAKES, output_names=("A_drop", N_("the mask D")),
        draws=N_("Draw exactly one rng.random(A.shape) and compare it with keep_prob: "
                 "D = rng.random(A.shape) < keep_prob."),
        hint=N_("three lines: D = rng.random(A.shape) < keep_prob; A_drop = A * D; "
                "A_drop = A_drop / keep_prob; return A_drop, D"))


# --------------------------------------------------------------------------- 2. backward
def ref_dropout_backward(dA_drop, D, keep_prob):
    """Reference: ``dA = dA_drop * D / keep_prob`` (the same mask, the same scaling)."""
    return dA_drop * D / keep_prob


def _bwd_no_division(dA_drop, D, keep_prob):
    return dA_drop * D


def _bwd_no_mask(dA_drop, D, keep_prob):
    return dA_drop / keep_prob


def _bwd_drop_rate(dA_drop, D, keep_prob):
    return dA_drop * D / (1 - keep_prob)


def _bwd_times_keep_prob(dA_drop, D, keep_prob):
    return dA_drop * D * keep_prob


def _bwd_identity(dA_drop, D, keep_prob):
    return dA_drop


def _backward_cases():
    cases = []
    for seed, shape, p in ((21, (4, 6), 0.8), (22, (20, 30), 0.5), (23, (3, 5), 0.3)):
        g = np.random.default_rng(seed)
        cases.append({"dA_drop": g.standard_normal(shape), "D": g.random(shape) < p,
                      "keep_prob": p})
    return cases


_BACKWARD_MISTAKES = [
    (N_("forgot to divide by keep_prob"), _bwd_no_division,
     N_("The forward pass divided by keep_prob, so the backward pass does too: "
        "`dA = dA_drop * D / keep_prob`.")),
    (N_("forgot the mask: dropped units must get no gradient"), _bwd_no_mask,
     N_("Multiply by the same mask D as in the forward pass.")),
    (N_("divided by 1 - keep_prob (the drop rate)"), _bwd_drop_rate, N_("Divide by keep_prob.")),
    (N_("multiplied by keep_prob instead of dividing"), _bwd_times_keep_prob,
     N_("Divide: `dA = dA_drop * D / keep_prob`.")),
    (N_("returned the gradient unchanged (no mask, no scaling)"), _bwd_identity,
     N_("Apply the forward operation's derivative: `dA_drop * D / keep_prob`.")),
]


def check_dropout_backward(learner_fn) -> Feedback:
    """Check ``learner_fn(dA_drop, D, keep_prob) -> dA``."""
    return check_function(
        N_("Exercise 2 (dropout backward)"), learner_fn, _backward_cases(), ref_dropout_backward,
        _BACKWARD_MISTAKES, output_names="dA",
        hint=N_("the derivative of A * D / keep_prob with respect to A is D / keep_prob."))


# --------------------------------------------------------------------------- 3. full forward
def ref_forward_with_dropout(X, params, keep_probs, rng, training=True):
    """Reference forward pass: ReLU hidden layers, sigmoid output, inverted dropout.

    One mask per hidden layer, drawn in layer order with ``rng.random(A.shape)``,
    only when ``training`` is True; no scaling at test time.
    """
    L = len(params) // 2
    A = X
    for l in range(1, L):
        A = relu(params[f"W{l}"] @ A + params[f"b{l}"])
        if training:
            D = rng.random(A.shape) < keep_probs[l - 1]
            A = A * D / keep_probs[l - 1]
    return sigmoid(params[f"W{L}"] @ A + params[f"b{L}"])


def _full_test_time_dropout(X, params, keep_probs, rng, training=True):
    return ref_forward_with_dropout(X, params, keep_probs, rng, True)


def _full_test_time_scaling(X, params, keep_probs, rng, training=True):
    if training:
        return ref_forward_with_dropout(X, params, keep_probs, rng, True)
    L = len(params) // 2
    A = X
    for l in range(1, L):
        A = relu(params[f"W{l}"] @ A + params[f"b{l}"]) * keep_probs[l - 1]
    return sigmoid(params[f"W{L}"] @ A + params[f"b{L}"])


def _full_one_mask(X, params, keep_probs, rng, training=True):
    L = len(params) // 2
    A, D = X, None
    for l in range(1, L):
        A = relu(params[f"W{l}"] @ A + params[f"b{l}"])
        if training:
            if D is None:
                D = rng.random(A.shape) < keep_probs[l - 1]
            A = A * D / keep_probs[l - 1]
    return sigmoid(params[f"W{L}"] @ A + params[f"b{L}"])


def _full_no_division(X, params, keep_probs, rng, training=True):
    L = len(params) // 2
    A = X
    for l in range(1, L):
        A = relu(params[f"W{l}"] @ A + params[f"b{l}"])
        if training:
            A = A * (rng.random(A.shape) < keep_probs[l - 1])
    return sigmoid(params[f"W{L}"] @ A + params[f"b{L}"])


def _full_input_dropout(X, params, keep_probs, rng, training=True):
    L = len(params) // 2
    A = X
    for l in range(1, L):
        if training:
            A = A * (rng.random(A.shape) < keep_probs[l - 1]) / keep_probs[l - 1]
        A = relu(params[f"W{l}"] @ A + params[f"b{l}"])
    return sigmoid(params[f"W{L}"] @ A + params[f"b{L}"])


def _full_cases():
    g = np.random.default_rng(31)
    dims = [3, 5, 5, 1]  # equal hidden sizes so that a reused mask does not crash
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = g.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])
        params[f"b{l}"] = g.standard_normal((dims[l], 1)) * 0.1
    X = g.standard_normal((3, 8))
    return [
        {"X": X, "params": params, "keep_probs": [0.7, 0.5], "rng": np.random.default_rng(41),
         "training": True},
        {"X": X, "params": params, "keep_probs": [0.7, 0.5], "rng": np.random.default_rng(42),
         "training": False},
        {"X": X, "params": params, "keep_probs": [0.9, 0.6], "rng": np.random.default_rng(43),
         "training": True},
    ]


_FULL_MISTAKES = [
    (N_("applied dropout at test time (training=False): predictions become random"),
     _full_test_time_dropout, N_("Draw and apply masks only `if training:`; at test time use "
        "every unit.")),
    (N_("scaled the activations by keep_prob at test time: inverted dropout already scaled "
        "them during training"), _full_test_time_scaling,
     N_("At test time: no dropout and no scaling.")),
    (N_("reused the first layer's mask for every layer"), _full_one_mask,
     N_("Draw a fresh mask for each hidden layer: `D = rng.random(A.shape) < keep_probs[l - 1]` "
        "inside the loop.")),
    (N_("forgot to divide by keep_prob"), _full_no_division,
     N_("Use `A = A * D / keep_probs[l - 1]`.")),
    (N_("dropped the layer's inputs instead of its activations"), _full_input_dropout,
     N_("Apply dropout after the activation of each hidden layer, never to X or the output.")),
]


def check_forward_with_dropout(learner_fn) -> Feedback:
    """Check ``learner_fn(X, params, keep_probs, rng, training) -> AL`` (shape (1, m))."""
    return check_function(
        N_("Exercise 3 (forward pass with a training flag)"), learner_fn, _full_cases(),
        ref_forward_with_dropout, _FULL_MISTAKES, output_names="AL",
        draws=N_("Draw one mask per hidden layer, in layer order, right after its activation: "
                 "D = rng.random(A.shape) < keep_probs[l - 1]."),
        hint=N_("loop over the hidden layers: A = relu(W @ A + b); if training: mask and scale; "
                "finish with sigmoid(WL @ A + bL)."))
