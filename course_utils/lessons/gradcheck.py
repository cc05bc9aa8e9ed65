r"""Experiments of notebook 10: finite differences and gradient checking in practice (floor 3).

* :func:`cube_example`, :func:`finite_difference_errors`, :func:`loglog_slope`: the
  one-sided difference has error :math:`O(\varepsilon)`, the two-sided one
  :math:`O(\varepsilon^2)`, until round-off (:math:`\approx u/\varepsilon`, with
  :math:`u` the unit round-off of the float type) takes over at tiny
  :math:`\varepsilon`.
* :data:`BUGS` and :func:`planted_backprop`: backprop functions with classic bugs,
  usable as ``gradient_check(..., backprop=planted_backprop(...))``.
* :func:`time_check_vs_backprop`, :func:`dropout_check`, :func:`check_during_training`,
  :func:`relu_kink_example`: the implementation notes, each as a measurement.
* :func:`magnitude`, :func:`below`, :func:`report_table` (in
  :mod:`course_utils.lessons.gradcheck_report`, re-exported here): how the notebook
  prints differences at the round-off floor.

No matplotlib, no ipywidgets.
"""
from __future__ import annotations

import time

import numpy as np

from .._checks import (
    as_float_array,
    as_rng,
    check_choice,
    check_keep_probs,
    check_lambd,
    check_positive_float,
    check_positive_int,
    check_XY,
)
from ..activations import ACTIVATIONS
from ..gradcheck import (
    draw_dropout_masks,
    gradient_check,
    numerical_gradient,
    params_to_vector,
    relative_difference,
    vector_to_params,
)
from ..initializers import initialize_parameters
from ..nn import (
    backward_unchecked,
    check_params,
    cross_entropy_unchecked,
    forward_unchecked,
    linear_backward,
)
from ..train import train
from .gradcheck_report import below, magnitude, report_table

__all__ = ["cube_example", "finite_difference_errors", "loglog_slope", "BUGS",
           "planted_backprop", "check_vs_epsilon", "time_check_vs_backprop", "dropout_check",
           "check_during_training", "relu_kink_example", "small_problem", "course_test_case",
           "magnitude", "below", "report_table"]


# --------------------------------------------------------------------------- 1-D differences
def cube_example(theta: float = 1.0, epsilon: float = 0.01) -> dict:
    r"""The lecture's example :math:`f(\theta) = \theta^3`, :math:`f'(\theta) = 3\theta^2`.

    Returns
    -------
    dict with ``exact``, ``one_sided`` :math:`(f(\theta+\varepsilon)-f(\theta))/\varepsilon`,
    ``two_sided`` :math:`(f(\theta+\varepsilon)-f(\theta-\varepsilon))/(2\varepsilon)` and
    their absolute errors ``err_one``, ``err_two``.
    """
    theta = float(as_float_array(theta, "theta", ndim=0))
    epsilon = check_positive_float(epsilon, "epsilon")
    f = lambda t: t ** 3  # noqa: E731
    one = (f(theta + epsilon) - f(theta)) / epsilon
    two = (f(theta + epsilon) - f(theta - epsilon)) / (2 * epsilon)
    exact = 3 * theta ** 2
    return {"exact": exact, "one_sided": one, "two_sided": two,
            "err_one": abs(one - exact), "err_two": abs(two - exact)}


def finite_difference_errors(epsilons, f=None, df=None, theta: float = 1.0,
                             dtype=np.float64) -> dict:
    r"""Absolute errors of both differences at ``theta`` for each epsilon, in ``dtype``.

    Parameters
    ----------
    epsilons : (k,) positive step sizes
    f, df : the function and its exact derivative (default :math:`\theta^3` and
        :math:`3\theta^2`); ``f`` must keep the dtype of its argument
    theta : the point
    dtype : ``np.float64`` or ``np.float32``: theta, epsilon and f are evaluated in it

    Returns
    -------
    dict with ``epsilons`` (k,), ``one_sided`` (k,), ``two_sided`` (k,) absolute errors
    (float64), and ``unit_roundoff`` of the dtype.
    """
    eps = as_float_array(epsilons, "epsilons", ndim=1)
    if eps.size == 0 or np.any(~np.isfinite(eps)) or np.any(eps <= 0):
        raise ValueError("epsilons must be a non-empty 1-D array of finite numbers > 0, e.g. "
                         "np.logspace(-12, -1, 45).")
    if dtype not in (np.float64, np.float32):
        raise ValueError(f"dtype must be np.float64 or np.float32, got {dtype!r}.")
    if f is None:
        f, df = (lambda t: t ** 3), (lambda t: 3 * t ** 2)
    elif df is None or not callable(f) or not callable(df):
        raise TypeError("pass both f and df as callables (the function and its exact "
                        "derivative), or neither for the default theta**3.")
    t = dtype(theta)
    exact = float(df(np.float64(theta)))
    one, two = np.empty(eps.size), np.empty(eps.size)
    for i, e in enumerate(eps):
        e = dtype(e)
        one[i] = float((f(t + e) - f(t)) / e)
        two[i] = float((f(t + e) - f(t - e)) / (dtype(2) * e))
    return {"epsilons": eps, "one_sided": np.abs(one - exact), "two_sided": np.abs(two - exact),
            "unit_roundoff": float(np.finfo(dtype).eps) / 2}


def loglog_slope(x, y, lo: float, hi: float) -> float:
    """Least-squares slope of ``log10 y`` against ``log10 x`` over ``lo <= x <= hi``."""
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    sel = (x >= lo) & (x <= hi) & (y > 0)
    if sel.sum() < 2:
        raise ValueError(f"need at least two points with {lo} <= x <= {hi} and y > 0, got "
                         f"{int(sel.sum())}; widen the range.")
    return float(np.polyfit(np.log10(x[sel]), np.log10(y[sel]), 1)[0])


# --------------------------------------------------------------------------- planted bugs
BUGS = {
    "none": "correct backprop",
    "dW2 x2, db1 x4": "the course's planted bug: dW2 doubled and db1 multiplied by 4",
    "L2 term forgotten": "dW misses (lambd/m) W (shows only when lambd > 0)",
    "db2 without 1/m": "db of the output layer summed but not divided by m",
    "tanh' taken as 1": "hidden derivative g'(z) = 1: right only near z = 0 (small weights)",
}
"""Planted bugs by name, with a description."""


def planted_backprop(bug: str = "none", hidden_activation: str = "tanh", lambd: float = 0.0):
    """A backprop function with a planted bug, for ``gradient_check(..., backprop=...)``.

    Parameters
    ----------
    bug : key of :data:`BUGS`
    hidden_activation : the network's hidden activation
    lambd : the L2 strength the cost uses (the "L2 term forgotten" bug drops it)

    Returns
    -------
    callable ``backprop(X, Y, params, caches, AL) -> grads``
    """
    check_choice(bug, BUGS, "bug")
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    lambd = check_lambd(lambd)

    def backprop(X, Y, params, caches, AL):
        if bug == "tanh' taken as 1":
            return _backward_identity_slope(AL, Y, caches, params, lambd)
        g = backward_unchecked(AL, Y, caches, params, hidden_activation,
                      0.0 if bug == "L2 term forgotten" else lambd)
        if bug == "dW2 x2, db1 x4":
            g["dW2"] = 2 * g["dW2"]
            g["db1"] = 4 * g["db1"]
        elif bug == "db2 without 1/m":
            g["db2"] = g["db2"] * Y.shape[1]
        return g

    backprop.bug = bug
    return backprop


def _backward_identity_slope(AL, Y, caches, params, lambd):
    """Backprop that treats every hidden g'(z) as 1 (dropout masks still applied)."""
    grads, L, m = {}, len(caches), AL.shape[1]
    dZ = AL - Y
    for l in range(L, 0, -1):
        dA, dW, db = linear_backward(dZ, caches[l - 1])
        grads[f"dW{l}"] = dW + (lambd / m) * params[f"W{l}"] if lambd else dW
        grads[f"db{l}"] = db
        if l > 1:
            mask, kp = caches[l - 2].mask, caches[l - 2].keep_prob
            dZ = dA if mask is None else dA * mask / kp  # g'(z) = 1: no activation factor
    return grads


def small_problem(layer_dims=(4, 5, 3, 1), m: int = 10, init: str = "xavier",
                  bias_scale: float = 0.1, seed: int = 0):
    """A small random problem for gradient checks: X (n_x, m), Y (1, m), params.

    Biases are drawn with standard deviation ``bias_scale`` (0 keeps them at 0,
    which with ReLU can put z exactly on the kink; see :func:`relu_kink_example`).
    """
    gen = as_rng(seed)
    dims = list(layer_dims)
    X = gen.standard_normal((dims[0], m))
    Y = (gen.random((1, m)) > 0.5).astype(np.float64)
    params = initialize_parameters(dims, init, rng=gen)
    for k in params:
        if k.startswith("b") and bias_scale:
            params[k] = bias_scale * gen.standard_normal(params[k].shape)
    return X, Y, params


def course_test_case():
    """The course assignment's gradient-check case: X (4, 3), Y = [[1, 1, 0]], a [4, 5, 3, 1] net.

    Drawn exactly as the assignment draws it (a *local* legacy ``RandomState(1)``,
    never the global NumPy state), so a check of its ReLU network with the
    ``"dW2 x2, db1 x4"`` bug reproduces the assignment's difference 0.2851.

    Returns
    -------
    X : (4, 3), Y : (1, 3), params : dict
    """
    rs = np.random.RandomState(1)
    X = rs.randn(4, 3)
    Y = np.array([[1.0, 1.0, 0.0]])
    params = {}
    for key, shape in (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)),
                       ("W3", (1, 3)), ("b3", (1, 1))):
        params[key] = rs.randn(*shape)
    return X, Y, params


def check_vs_epsilon(X, Y, params, epsilons, **check_kw) -> np.ndarray:
    """Overall difference of :func:`gradient_check` for each epsilon: shape (k,)."""
    eps = as_float_array(epsilons, "epsilons", ndim=1)
    return np.array([gradient_check(X, Y, params, epsilon=float(e), **check_kw).difference
                     for e in eps])


# --------------------------------------------------------------------------- implementation notes
def time_check_vs_backprop(X, Y, params, hidden_activation: str = "tanh",
                           repeats: int = 3) -> dict:
    """Wall time of one forward+backward pass vs one full gradient check (best of ``repeats``).

    Returns
    -------
    dict with ``n_params``, ``t_backprop``, ``t_check`` (seconds) and ``ratio``.
    The check evaluates the cost ``2 * n_params`` times, so the ratio grows with
    the number of parameters.
    """
    check_params(params)
    repeats = check_positive_int(repeats, "repeats")
    X, Y = check_XY(X, Y, params["W1"].shape[1])
    tb, tc = np.inf, np.inf
    inner = 200
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            AL, caches = forward_unchecked(X, params, hidden_activation, "sigmoid")
            backward_unchecked(AL, Y, caches, params, hidden_activation)
        tb = min(tb, (time.perf_counter() - t0) / inner)
        t0 = time.perf_counter()
        gradient_check(X, Y, params, hidden_activation=hidden_activation)
        tc = min(tc, time.perf_counter() - t0)
    n = params_to_vector(params)[0].size
    return {"n_params": n, "t_backprop": tb, "t_check": tc, "ratio": tc / tb}


def dropout_check(X, Y, params, keep_probs, hidden_activation: str = "tanh", seed: int = 0,
                  epsilon: float = 1e-7) -> dict:
    """Gradient check with dropout: fresh masks at every cost evaluation vs fixed masks.

    Backprop uses one set of masks. The "fresh" check redraws masks for each
    ``J(theta +- eps e_i)`` (what happens if dropout stays on), so J is a different
    random function at each call; the "fixed" check uses the backprop's masks.

    Returns
    -------
    dict with ``fresh`` and ``fixed`` overall differences and ``report`` (the
    fixed-mask :class:`GradCheckReport`).
    """
    L = check_params(params)
    X, Y = check_XY(X, Y, params["W1"].shape[1])
    kp = check_keep_probs(keep_probs, L - 1)
    gen = as_rng(seed)
    sizes = [params[f"W{l}"].shape[0] for l in range(1, L)]
    masks = draw_dropout_masks(sizes, X.shape[1], kp, rng=gen)
    fixed = gradient_check(X, Y, params, hidden_activation=hidden_activation, keep_probs=kp,
                           masks=masks, epsilon=epsilon)
    theta, spec = params_to_vector(params)

    def J_fresh(t):
        p = vector_to_params(t, spec)
        _, c = forward_unchecked(X, p, hidden_activation, "sigmoid", kp, gen)
        return cross_entropy_unchecked(c[-1].Z, Y, "sigmoid")

    d_fresh = numerical_gradient(J_fresh, theta, epsilon)
    return {"fresh": relative_difference(d_fresh, fixed.backprop), "fixed": fixed.difference,
            "report": fixed}


def check_during_training(X, Y, layer_dims, bug: str = "none", checkpoints=(0, 2000),
                          hidden_activation: str = "tanh", init: str = "random",
                          init_scale: float | None = 0.01, learning_rate: float = 0.5,
                          lambd: float = 0.0, seed: int = 0) -> dict:
    """Gradient-check the (possibly buggy) backprop at several points of a training run.

    The network is trained with the *correct* gradients; at each iteration of
    ``checkpoints`` the planted backprop is checked against finite differences.

    Returns
    -------
    dict with ``iterations`` (k,), ``difference`` (k,), ``weight_norm2`` (k,) and
    ``grad_norm`` (k,), the norm of the numerical gradient
    """
    its = sorted(int(c) for c in checkpoints)
    if not its or its[0] < 0:
        raise ValueError(f"checkpoints must be iterations >= 0, got {list(checkpoints)}.")
    bp = planted_backprop(bug, hidden_activation, lambd)
    res = train(X, Y, list(layer_dims), hidden_activation=hidden_activation, init=init,
                init_scale=init_scale, learning_rate=learning_rate, num_iterations=its[-1],
                lambd=lambd, record_every=1, keep_snapshots=True, seed=seed)
    snaps = dict(res.snapshots)
    diffs, norms, gnorms = [], [], []
    for it in its:
        p = snaps[it]
        rep = gradient_check(X, Y, p, hidden_activation=hidden_activation, lambd=lambd,
                             backprop=bp)
        diffs.append(rep.difference)
        gnorms.append(float(np.linalg.norm(rep.numerical)))
        norms.append(float(sum(np.sum(p[k] ** 2) for k in p if k.startswith("W"))))
    return {"iterations": np.array(its), "difference": np.array(diffs),
            "weight_norm2": np.array(norms), "grad_norm": np.array(gnorms)}


def relu_kink_example(bias_scale: float = 0.0, m: int = 40, seed: int = 0) -> dict:
    """A ReLU network [3, 2, 3, 1] where some examples switch off every unit of layer 1.

    With ``b = 0`` such an example gets ``Z2 = W2 @ 0 + b2 = 0`` exactly: the
    cost has a kink there, the two-sided difference straddles it and disagrees
    with backprop (which uses ``g'(0) = 0``). Small random biases move ``z`` off
    the kink.

    Returns
    -------
    dict with ``report`` (:class:`GradCheckReport`) and ``n_on_kink`` (number of
    entries of Z^[l], l >= 2, that are exactly 0).
    """
    X, Y, params = small_problem((3, 2, 3, 1), m, "he", bias_scale, seed)
    _, caches = forward_unchecked(X, params, "relu", "sigmoid")
    on_kink = sum(int(np.sum(c.Z == 0)) for c in caches[1:])
    return {"report": gradient_check(X, Y, params, hidden_activation="relu"),
            "n_on_kink": on_kink}
