"""Exercise checkers of notebook 09 (weight initialization).

* :func:`check_he_initialization`: the learner's ``initialize_he(layer_dims, seed)``.
  Random weights cannot be compared entry by entry, so the checker measures the
  standard deviation of each W on wide layers and recognises the classic
  mistakes by the std they produce: ``n_l`` instead of ``n_{l-1}``, a forgotten
  square root, Xavier's 1/n, plain ``randn``, ``0.01 * randn``, zeros, identical rows.
* :func:`check_layer_variances`: the learner's ``layer_variances(X, params, activation)``.
"""
from __future__ import annotations

import numpy as np

from ..activations import ACTIVATIONS
from ..i18n import N_, _
from .base import Feedback, check_function, in_place_feedback, not_a_function, not_implemented
from .compare import describe_value, fmt_number

__all__ = ["check_he_initialization", "check_layer_variances", "HE_TEST_DIMS"]

HE_TEST_DIMS = [400, 100, 900, 1]
"""Layer sizes used by :func:`check_he_initialization` (all different, so the
mistakes give different standard deviations)."""

_EX_HE = N_("He initialization")
_EX_VAR = N_("Activation variance per layer")


def _std_candidates(n_prev: int, n: int) -> list:
    """(std, description, fix) of the correct formula and of each classic mistake (msgids)."""
    return [
        (np.sqrt(2.0 / n_prev), None, None),
        (np.sqrt(2.0 / n), N_("used n_l (this layer's size) instead of n_(l-1) (the number of "
                              "inputs)"),
         N_("W^[l] has shape (n_l, n_(l-1)): use layer_dims[l - 1], the fan-in.")),
        (2.0 / n_prev, N_("forgot the square root: 2/n_(l-1) is the variance, not the standard "
                          "deviation"), N_("multiply randn by np.sqrt(2 / layer_dims[l - 1]).")),
        (np.sqrt(1.0 / n_prev), N_("used Xavier's variance 1/n_(l-1)"),
         N_("He's is 2/n_(l-1): ReLU zeroes half the inputs, so the variance needs a factor 2.")),
        (1.0, N_("used plain randn (std 1)"), N_("scale by np.sqrt(2 / layer_dims[l - 1]).")),
        (0.01, N_("used 0.01 * randn (small random)"),
         N_("scale by np.sqrt(2 / layer_dims[l - 1]) instead of 0.01.")),
        (np.sqrt(2.0 / (n_prev + n)), N_("used Glorot's 2/(n_(l-1) + n_l)"),
         N_("He's variance is 2/n_(l-1), the fan-in only.")),
    ]


def _fail(message: str) -> Feedback:
    return Feedback(_EX_HE, "failed", message)


def check_he_initialization(initialize_he) -> Feedback:
    """Check ``initialize_he(layer_dims, seed) -> params`` (He: W ~ N(0, 2/n_(l-1)), b = 0).

    The function is called with :data:`HE_TEST_DIMS` and two seeds.
    """
    hint = N_("for l in 1..L: W^[l] = rng.standard_normal((n_l, n_(l-1))) * np.sqrt(2 / "
              "n_(l-1)), b^[l] = np.zeros((n_l, 1)), rng = np.random.default_rng(seed).")
    if not callable(initialize_he):
        return not_a_function(_EX_HE, initialize_he)
    dims = list(HE_TEST_DIMS)
    given = list(dims)
    try:
        p = initialize_he(given, seed=0)
        p_same = initialize_he(list(dims), seed=0)
        p_other = initialize_he(list(dims), seed=1)
    except NotImplementedError:
        return not_implemented(_EX_HE, hint)
    except Exception as exc:  # noqa: BLE001 - any learner error becomes feedback
        return _fail(_("your function raised {error}: {message}.").format(
            error=type(exc).__name__, message=exc))
    if not isinstance(p, dict):
        return _fail(_("return a dict {{'W1': ..., 'b1': ...}}, got {got}.").format(
            got=describe_value(p)))
    L = len(dims) - 1
    expected = [f"{k}{l}" for l in range(1, L + 1) for k in "Wb"]
    if set(p) != set(expected):
        missing = [k for k in expected if k not in p]
        extra = sorted(str(k) for k in p if k not in expected)
        return _fail(_("for layer_dims {dims} expected the keys {expected}, got {got} (missing: "
                       "{missing}; not expected: {extra}).").format(
            dims=dims, expected=", ".join(expected), got=", ".join(map(str, p)) or "-",
            missing=", ".join(missing) or "-", extra=", ".join(extra) or "-"))
    for l in range(1, L + 1):
        W, b = np.asarray(p[f"W{l}"], dtype=float), np.asarray(p[f"b{l}"], dtype=float)
        n_prev, n = dims[l - 1], dims[l]
        if W.shape != (n, n_prev):
            template = (_("W{l} has shape {got} (transposed?), expected {expected} = "
                          "(n_l, n_(l-1)).") if W.shape == (n_prev, n) else
                        _("W{l} has shape {got}, expected {expected} = (n_l, n_(l-1))."))
            return _fail(template.format(l=l, got=W.shape, expected=(n, n_prev)))
        if b.shape != (n, 1):
            return _fail(_("b{l} has shape {got}, expected {expected}.").format(
                l=l, got=b.shape, expected=(n, 1)))
        if np.any(b != 0):
            return _fail(_("b{l} is not zero ({n_bad} of {n} entries, e.g. {value}). Biases start "
                           "at 0 (the random W already breaks the symmetry).").format(
                l=l, n_bad=int(np.count_nonzero(b)), n=b.size,
                value=fmt_number(b[b != 0].ravel()[0])))
        if np.all(W == 0):
            return _fail(_("W{l} is all zeros: every unit of a layer would compute the same "
                           "thing forever (symmetry is never broken). Draw W at random.").format(
                l=l))
        if n > 1 and np.all(W == W[0]):
            return _fail(_("all rows of W{l} are identical: the units of layer {l} are clones "
                           "and stay clones. Draw a full (n_l, n_(l-1)) random matrix.").format(
                l=l))
        std = float(W.std())
        if abs(W.mean()) > 0.1 * std:
            return _fail(_("W{l} has mean {mean}, far from 0. Use a zero-mean normal: "
                           "rng.standard_normal.").format(l=l, mean=fmt_number(W.mean(), 3)))
        cands = _std_candidates(n_prev, n)
        if abs(std / cands[0][0] - 1) < 0.1:
            continue
        for target, description, fix in cands[1:]:
            if abs(std / target - 1) < 0.1:
                return _fail(_("W{l} has std {std}; it looks like you {mistake}. {fix}").format(
                    l=l, std=fmt_number(std, 3), mistake=_(description), fix=_(fix)))
        template = (_("W{l} has std {std}, expected sqrt(2 / {n_prev}) = {expected} (about "
                      "{ratio} times too large).") if std > cands[0][0] else
                    _("W{l} has std {std}, expected sqrt(2 / {n_prev}) = {expected} (about "
                      "{ratio} times too small)."))
        return _fail(template.format(
            l=l, std=fmt_number(std, 3), n_prev=n_prev, expected=fmt_number(cands[0][0], 3),
            ratio=fmt_number(max(std, cands[0][0]) / min(std, cands[0][0]), 2)))
    changed = in_place_feedback(_EX_HE, {"layer_dims": dims}, {"layer_dims": given})
    if changed is not None:
        return changed
    if any(not np.array_equal(p[k], p_same[k]) for k in p):
        return _fail(_("two calls with seed=0 gave different weights: draw from rng = "
                       "np.random.default_rng(seed)."))
    if all(np.array_equal(p[k], p_other[k]) for k in p if k.startswith("W")):
        return _fail(_("seed=0 and seed=1 gave the same weights: use the seed argument "
                       "(np.random.default_rng(seed))."))
    return Feedback(_EX_HE, "passed", _("shapes, zero biases and std(W^[l]) = sqrt(2/n_(l-1)) "
                                        "on every layer of {dims}; reproducible by seed.").format(
        dims=dims))


# --------------------------------------------------------------------------- variances
def _hidden_forward(X, params, activation, use_bias=True, include_output=False):
    g = ACTIVATIONS[activation].forward
    L = len(params) // 2
    A, Zs, As = X, [], []
    for l in range(1, L + (1 if include_output else 0)):
        Z = params[f"W{l}"] @ A + (params[f"b{l}"] if use_bias else 0.0)
        A = g(Z)
        Zs.append(Z)
        As.append(A)
    return Zs, As


def _ref_variances(X, params, activation):
    return np.array([A.var() for A in _hidden_forward(X, params, activation)[1]])


def _cases():
    rng = np.random.default_rng(7)
    cases = []
    for act, dims in (("relu", [6, 8, 7, 5, 1]), ("tanh", [5, 9, 4, 1])):
        params = {}
        for l in range(1, len(dims)):
            params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])
            params[f"b{l}"] = 0.3 * rng.standard_normal((dims[l], 1))
        cases.append({"X": rng.standard_normal((dims[0], 30)), "params": params,
                      "activation": act})
    return cases


def check_layer_variances(layer_variances) -> Feedback:
    r"""Check ``layer_variances(X, params, activation) -> (L-1,)`` array of
    :math:`\operatorname{Var}(A^{[l]})` (over all entries) for the hidden layers ``l = 1..L-1``.
    """
    mistakes = [
        (N_("returned the standard deviation"), lambda X, params, activation: np.array(
            [A.std() for A in _hidden_forward(X, params, activation)[1]]),
         N_("return A.var() (the square of the std).")),
        (N_("measured the pre-activation Z instead of A = g(Z)"), lambda X, params, activation:
         np.array([Z.var() for Z in _hidden_forward(X, params, activation)[0]]),
         N_("apply the activation first: A = g(Z), then A.var().")),
        (N_("forgot the bias b"), lambda X, params, activation: np.array(
            [A.var() for A in _hidden_forward(X, params, activation, use_bias=False)[1]]),
         N_("Z = W @ A_prev + b.")),
        (N_("included the output layer"), lambda X, params, activation: np.array(
            [A.var() for A in _hidden_forward(X, params, activation, include_output=True)[1]]),
         N_("only the hidden layers 1..L-1: the output layer is sigmoid, not the hidden "
            "activation.")),
        (N_("averaged the per-unit variances (np.var(A, axis=1).mean())"),
         lambda X, params, activation: np.array(
             [A.var(axis=1).mean() for A in _hidden_forward(X, params, activation)[1]]),
         N_("take the variance over all entries of A: A.var().")),
    ]
    return check_function(_EX_VAR, layer_variances, _cases(), _ref_variances, mistakes,
                          output_names=N_("variances"),
                          hint=N_("A = X; for l in 1..L-1: A = g(W_l @ A + b_l); record A.var()."))
