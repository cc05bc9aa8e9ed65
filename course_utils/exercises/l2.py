r"""Exercise checkers of notebook 03 (L2 regularization), with the classic mistakes they name.

1. :func:`check_compute_cost_with_regularization`:
   ``learner(AL, Y, parameters, lambd) -> float``, the cross-entropy of the
   probabilities ``AL`` (1, m) plus :math:`\frac{\lambda}{2m}\sum_l\|W^{[l]}\|_F^2`.
2. :func:`check_add_l2_gradients`: ``learner(grads, parameters, lambd, m) -> dict``,
   the data gradients plus the L2 term: ``dW += (lambd/m) W``, ``db`` unchanged.
3. :func:`check_weight_decay_update`: ``learner(W, dW_data, learning_rate, lambd, m) -> W_new``,
   one step written as weight decay, ``(1 - alpha*lambd/m) W - alpha dW_data``.

Recognised mistakes: regularizing b, forgetting the 1/m or the 1/2, ``lambd/m`` in the
cost, the norm not squared, the (m, m) broadcast of a transposed ``log(AL)``, returning an
array instead of a number, the cost's ``lambd/(2m)`` in the gradient, a decay factor
without alpha or without m, and the decay applied after the step.
"""
from __future__ import annotations

import copy

import numpy as np

from ..i18n import N_, _
from .base import Feedback, check_function

__all__ = ["check_compute_cost_with_regularization", "check_add_l2_gradients",
           "check_weight_decay_update", "ref_compute_cost_with_regularization",
           "ref_add_l2_gradients", "ref_weight_decay_update"]


def _params(dims, seed):
    rng = np.random.default_rng(seed)
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
        p[f"b{l}"] = rng.standard_normal((dims[l], 1))  # non-zero, so regularizing b shows
    return p


def _Ws(parameters):
    return [v for k, v in sorted(parameters.items()) if k.startswith("W")]


def _bs(parameters):
    return [v for k, v in sorted(parameters.items()) if k.startswith("b")]


# --------------------------------------------------------------------------- 1. cost
def _cross_entropy_from_proba(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def ref_compute_cost_with_regularization(AL, Y, parameters, lambd):
    r"""Reference: the cross-entropy plus the L2 term.

    .. math:: -\frac1m\sum[y\log a + (1-y)\log(1-a)] + \frac{\lambda}{2m}\sum_l\|W^{[l]}\|_F^2
    """
    m = Y.shape[1]
    return _cross_entropy_from_proba(AL, Y) + lambd / (2 * m) * _sum_squares(_Ws(parameters))


def _cost_with_b(AL, Y, parameters, lambd):
    m = Y.shape[1]
    return ref_compute_cost_with_regularization(AL, Y, parameters, lambd) + \
        lambd / (2 * m) * sum(np.sum(b ** 2) for b in _bs(parameters))


def _sum_squares(arrays):
    return sum(np.sum(W ** 2) for W in arrays)


def _cost_no_m(AL, Y, parameters, lambd):
    return _cross_entropy_from_proba(AL, Y) + lambd / 2 * _sum_squares(_Ws(parameters))


def _cost_no_half(AL, Y, parameters, lambd):
    m = Y.shape[1]
    return _cross_entropy_from_proba(AL, Y) + lambd / m * _sum_squares(_Ws(parameters))


def _cost_not_squared(AL, Y, parameters, lambd):
    m = Y.shape[1]
    return _cross_entropy_from_proba(AL, Y) + lambd / (2 * m) * sum(np.linalg.norm(W) for W in
                                                         _Ws(parameters))


def _cost_broadcast(AL, Y, parameters, lambd):
    m = Y.shape[1]
    data = float(-np.sum(Y * np.log(AL).T + (1 - Y) * np.log(1 - AL).T) / m)  # (m, m)!
    return data + lambd / (2 * m) * sum(np.sum(W ** 2) for W in _Ws(parameters))


def _cost_data_only(AL, Y, parameters, lambd):
    return _cross_entropy_from_proba(AL, Y)


def _cost_reg_only(AL, Y, parameters, lambd):
    m = Y.shape[1]
    return lambd / (2 * m) * sum(np.sum(W ** 2) for W in _Ws(parameters))


def _cost_cases():
    cases = []
    for seed, (dims, m, lambd) in enumerate([([3, 2, 1], 5, 0.1), ([2, 4, 3, 1], 8, 0.7),
                                             ([4, 3, 1], 7, 2.0)]):
        rng = np.random.default_rng(100 + seed)
        cases.append({"AL": rng.uniform(0.05, 0.95, (1, m)),
                      "Y": (rng.random((1, m)) < 0.5).astype(float),
                      "parameters": _params(dims, 200 + seed), "lambd": lambd})
    return cases


_COST_MISTAKES = [
    (N_("regularized the biases too (the sum includes ||b||^2)"), _cost_with_b,
     N_("Sum only the weight matrices: `np.sum(np.square(W1)) + np.sum(np.square(W2)) + ...`; "
        "b has one number per unit and is left alone.")),
    (N_("forgot the 1/m in the L2 term (lambd/2 instead of lambd/(2m))"), _cost_no_m,
     N_("The L2 term is `lambd / (2 * m) * (sum of squares)`, with m = Y.shape[1].")),
    (N_("forgot the 1/2 (used lambd/m in the cost, which is the factor of the *gradient*)"),
     _cost_no_half, N_("The cost has lambd/(2m); its derivative brings the 2 down to give "
                       "(lambd/m) W in the gradient.")),
    (N_("used the Frobenius norm itself, not its square"), _cost_not_squared,
     N_("Use the *squared* norm: `np.sum(np.square(W))` (no square root).")),
    (N_("mixed a (1, m) and an (m, 1) array: `Y * np.log(AL).T` broadcasts to an (m, m) matrix"),
     _cost_broadcast, N_("Keep both in the course layout (1, m): `Y * np.log(AL)`; never "
                         "transpose or reshape one of them alone.")),
    (N_("returned only the cross-entropy (the L2 term is missing)"), _cost_data_only,
     N_("Add `lambd / (2 * m) * (sum over layers of np.sum(np.square(W)))`.")),
    (N_("returned only the L2 term (the cross-entropy is missing)"), _cost_reg_only,
     N_("The regularized cost is the cross-entropy *plus* the L2 term.")),
]


def check_compute_cost_with_regularization(learner_fn) -> Feedback:
    """Check ``learner(AL, Y, parameters, lambd) -> float`` (probabilities AL (1, m), Y (1, m))."""
    name = N_("compute_cost_with_regularization")
    cases = _cost_cases()
    hint = N_("cross-entropy of AL plus lambd/(2m) times the sum of np.sum(np.square(W)) over "
              "the layers.")
    try:
        out = learner_fn(**copy.deepcopy(cases[0]))
    except Exception:  # noqa: BLE001 - check_function reports errors and stubs
        out = None
    if isinstance(out, np.ndarray) and out.size == 1 and out.ndim > 0:
        if np.isclose(float(out.ravel()[0]), ref_compute_cost_with_regularization(**cases[0])):
            return Feedback(name, "failed", _("the value is right but you returned an array of "
                                              "shape {shape}; return a number: wrap the result "
                                              "in float(...).").format(shape=out.shape))

        def as_number(**kw):
            return float(np.ravel(learner_fn(**kw))[0])
        return check_function(name, as_number, cases, ref_compute_cost_with_regularization,
                              _COST_MISTAKES, hint=hint, output_names=N_("cost"))
    return check_function(name, learner_fn, cases, ref_compute_cost_with_regularization,
                          _COST_MISTAKES, hint=hint, output_names=N_("cost"))


# --------------------------------------------------------------------------- 2. gradients
def ref_add_l2_gradients(grads, parameters, lambd, m):
    """Reference: a new dict with ``dW = dW + (lambd/m) W``; ``db`` unchanged."""
    out = dict(grads)
    for k, v in parameters.items():
        if k.startswith("W"):
            out["d" + k] = grads["d" + k] + lambd / m * v
    return out


def _grad_factory(w_factor, b_factor=None, use_sign=False):
    def wrong(grads, parameters, lambd, m):
        out = dict(grads)
        for k, v in parameters.items():
            if k.startswith("W"):
                out["d" + k] = grads["d" + k] + w_factor(lambd, m) * (np.sign(v) if use_sign else v)
            elif b_factor is not None:
                out["d" + k] = grads["d" + k] + b_factor(lambd, m) * v
        return out
    return wrong


def _grad_cases():
    cases = []
    for seed, (dims, m, lambd) in enumerate([([3, 2, 1], 5, 0.1), ([2, 4, 3, 1], 8, 0.7)]):
        p = _params(dims, 300 + seed)
        rng = np.random.default_rng(400 + seed)
        g = {"d" + k: rng.standard_normal(v.shape) for k, v in p.items()}
        cases.append({"grads": g, "parameters": p, "lambd": lambd, "m": m})
    return cases


_GRAD_MISTAKES = [
    (N_("added (lambd/m) b to db as well: the biases are not regularized"),
     _grad_factory(lambda l, m: l / m, lambda l, m: l / m),
     N_("Only the weights get the extra term; copy db unchanged.")),
    (N_("forgot the 1/m (added lambd * W)"), _grad_factory(lambda l, m: l),
     N_("The derivative of lambd/(2m) ||W||^2 is (lambd/m) W.")),
    (N_("used the cost's factor lambd/(2m): the 2 of the square cancels the 1/2"),
     _grad_factory(lambda l, m: l / (2 * m)), N_("Use (lambd/m) W.")),
    (N_("used 2 lambd/m (the 1/2 of the cost cancels the 2)"),
     _grad_factory(lambda l, m: 2 * l / m), N_("Use (lambd/m) W.")),
    (N_("added lambd/m * sign(W): that is L1's gradient, not L2's"),
     _grad_factory(lambda l, m: l / m, use_sign=True),
     N_("L2 adds a term proportional to W itself.")),
    (N_("subtracted the term instead of adding it"), _grad_factory(lambda l, m: -l / m),
     N_("The penalty pulls W towards 0: dW = dW_data + (lambd/m) W.")),
]


def check_add_l2_gradients(learner_fn) -> Feedback:
    """Check ``learner(grads, parameters, lambd, m) -> dict`` of regularized gradients."""
    return check_function(N_("add_l2_gradients"), learner_fn, _grad_cases(), ref_add_l2_gradients,
                          _GRAD_MISTAKES, output_names="grads",
                          hint=N_("for every key 'Wl': grads['dWl'] + lambd / m * "
                                  "parameters['Wl']; keep the 'db' entries."))


# --------------------------------------------------------------------------- 3. weight decay
def ref_weight_decay_update(W, dW_data, learning_rate, lambd, m):
    """Reference: ``(1 - learning_rate * lambd / m) * W - learning_rate * dW_data``."""
    return (1 - learning_rate * lambd / m) * W - learning_rate * dW_data


def _wd_no_alpha(W, dW_data, learning_rate, lambd, m):
    return (1 - lambd / m) * W - learning_rate * dW_data


def _wd_no_m(W, dW_data, learning_rate, lambd, m):
    return (1 - learning_rate * lambd) * W - learning_rate * dW_data


def _wd_after(W, dW_data, learning_rate, lambd, m):
    return (1 - learning_rate * lambd / m) * (W - learning_rate * dW_data)


def _wd_plus(W, dW_data, learning_rate, lambd, m):
    return (1 + learning_rate * lambd / m) * W - learning_rate * dW_data


def _wd_no_decay(W, dW_data, learning_rate, lambd, m):
    return W - learning_rate * dW_data


def _wd_cases():
    rng = np.random.default_rng(500)
    return [{"W": rng.standard_normal((3, 2)), "dW_data": rng.standard_normal((3, 2)),
             "learning_rate": 0.3, "lambd": 0.7, "m": 10},
            {"W": rng.standard_normal((4, 5)), "dW_data": rng.standard_normal((4, 5)),
             "learning_rate": 0.05, "lambd": 3.0, "m": 7}]


_WD_MISTAKES = [
    (N_("left the learning rate out of the decay factor: (1 - lambd/m)"), _wd_no_alpha,
     N_("The factor is (1 - alpha*lambd/m): the L2 gradient (lambd/m) W is multiplied by alpha "
        "like the rest.")),
    (N_("left m out of the decay factor: (1 - alpha*lambd)"), _wd_no_m,
     N_("The factor is (1 - alpha*lambd/m).")),
    (N_("applied the decay after the step: (1 - alpha*lambd/m)(W - alpha dW)"), _wd_after,
     N_("Decay the old W, then subtract alpha * dW_data (the data gradient is not decayed).")),
    (N_("grew W with (1 + alpha*lambd/m)"), _wd_plus, N_("Weight *decay*: (1 - alpha*lambd/m).")),
    (N_("made a plain step without decay"), _wd_no_decay,
     N_("Multiply W by (1 - alpha*lambd/m) before subtracting alpha * dW_data.")),
]


def check_weight_decay_update(learner_fn) -> Feedback:
    """Check ``learner(W, dW_data, learning_rate, lambd, m) -> W_new``."""
    return check_function(N_("weight_decay_update"), learner_fn, _wd_cases(),
                          ref_weight_decay_update, _WD_MISTAKES, output_names="W_new",
                          hint=N_("(1 - learning_rate * lambd / m) * W - learning_rate * dW_data"))
