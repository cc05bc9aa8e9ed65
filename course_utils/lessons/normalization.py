r"""Why normalized inputs train faster: least-squares cost surfaces and gradient descent (floor 4).

For a linear model :math:`\hat y = w^\top x\,(+\,b)` with the squared-error cost

.. math::
    J(w) = \frac{1}{2m}\sum_i (w^\top x^{(i)} - y^{(i)})^2
         = \tfrac12 w^\top H w - g^\top w + c,
    \qquad H = \frac1m X X^\top,\; g = \frac1m X y^\top,

the cost is an exact quadratic; its contours are ellipses whose axes are the
eigenvectors of :math:`H`, elongated by the condition number
:math:`\kappa = \lambda_{max} / \lambda_{min}`. Gradient descent
:math:`w \leftarrow w - \alpha (H w - g)` is stable only for
:math:`\alpha < 2 / \lambda_{max}` and needs on the order of :math:`\kappa`
iterations. Features on very different scales make :math:`\kappa` large; the
functions below *measure* the largest stable learning rate and the iterations
to converge by running gradient descent (many learning rates at once).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._checks import (
    as_float_array,
    as_rng,
    check_nonneg_int,
    check_positive_float,
    check_positive_int,
    check_X,
)

__all__ = ["make_scaled_regression", "LeastSquares", "least_squares", "GDRun",
           "gradient_descent", "final_gaps", "largest_stable_learning_rate",
           "iterations_to_converge", "normalize_with_own_statistics"]


def make_scaled_regression(m: int = 200, scale_ratio: float = 10.0, means=(0.0, 0.0),
                           weights=(1.0, 1.0), noise: float = 0.1, seed: int | None = None,
                           rng: np.random.Generator | None = None):
    r"""Two features on different scales and a linear target.

    :math:`x_1 = \mu_1 + z_1`, :math:`x_2 = \mu_2 + r z_2` with
    :math:`z \sim \mathcal N(0, I)` and :math:`r` = ``scale_ratio``;
    :math:`y = w_1 z_1 + w_2 z_2 + \text{noise}` (both features matter equally
    once standardized).

    Returns
    -------
    X : (2, m) ; y : (1, m)
    """
    m = check_positive_int(m, "m")
    r = check_positive_float(scale_ratio, "scale_ratio")
    mu = as_float_array(means, "means", ndim=1)
    w = as_float_array(weights, "weights", ndim=1)
    if mu.shape != (2,) or w.shape != (2,):
        raise ValueError(f"means and weights must have 2 entries (one per feature), got "
                         f"{mu.shape} and {w.shape}.")
    if isinstance(noise, bool) or not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}.")
    gen = as_rng(seed, rng)
    Z = gen.standard_normal((2, m))
    X = mu[:, None] + np.array([[1.0], [r]]) * Z
    y = w @ Z + noise * gen.standard_normal(m)
    return X, y.reshape(1, -1)


@dataclass
class LeastSquares:
    r"""The quadratic :math:`J(w) = \tfrac12 w^\top H w - g^\top w + c` of a least-squares fit.

    ``H`` (p, p), ``g`` (p,), ``c`` float; ``w_star`` (p,) the minimizer and
    ``J_star`` its cost; ``eigvals`` (p,) of H, ascending. With an intercept the
    last parameter is the bias b (p = n_x + 1).
    """

    H: np.ndarray
    g: np.ndarray
    c: float
    w_star: np.ndarray
    J_star: float
    eigvals: np.ndarray
    fit_intercept: bool

    @property
    def condition_number(self) -> float:
        r""":math:`\kappa = \lambda_{max} / \lambda_{min}` of H."""
        return float(self.eigvals[-1] / self.eigvals[0])

    @property
    def max_stable_lr_theory(self) -> float:
        r""":math:`2 / \lambda_{max}`: gradient descent diverges for any larger step."""
        return float(2.0 / self.eigvals[-1])

    def cost(self, W) -> np.ndarray:
        """J at each column of ``W`` (p, k) -> (k,); or at a single ``w`` (p,) -> float."""
        W = np.asarray(W, dtype=float)
        single = W.ndim == 1
        W2 = W[:, None] if single else W
        with np.errstate(over="ignore", invalid="ignore"):
            J = 0.5 * np.einsum("ik,ik->k", W2, self.H @ W2) - self.g @ W2 + self.c
        return float(J[0]) if single else J


def least_squares(X, y, fit_intercept: bool = False) -> LeastSquares:
    """Build the :class:`LeastSquares` cost of ``X`` (n_x, m), ``y`` (1, m)."""
    X = check_X(X, "X")
    y = as_float_array(y, "y")
    if y.shape != (1, X.shape[1]):
        raise ValueError(f"y must have shape (1, m) = (1, {X.shape[1]}), got {y.shape}; "
                         f"use y.reshape(1, -1).")
    m = X.shape[1]
    Xa = np.vstack([X, np.ones((1, m))]) if fit_intercept else X
    H = Xa @ Xa.T / m
    g = (Xa @ y.T).ravel() / m
    c = float(np.sum(y * y)) / (2 * m)
    eig = np.linalg.eigvalsh(H)
    if eig[0] <= 1e-12 * eig[-1]:
        raise ValueError("The features are linearly dependent (H is singular): the cost has no "
                         "unique minimum. Drop a duplicate or constant feature"
                         + (" (a constant feature duplicates the intercept)." if fit_intercept
                            else "."))
    w_star = np.linalg.solve(H, g)
    J_star = 0.5 * w_star @ H @ w_star - g @ w_star + c
    return LeastSquares(H, g, c, w_star, float(J_star), eig, fit_intercept)


@dataclass
class GDRun:
    """One gradient-descent run: ``path`` (k+1, p) of parameters, ``costs`` (k+1,).

    ``converged_at`` is the first iteration whose relative gap
    :math:`(J_k - J^*) / (J_0 - J^*)` is at most ``tol`` (None if never);
    ``diverged`` is True when the cost overflowed or ended above its start;
    ``message`` says what happened in words.
    """

    path: np.ndarray
    costs: np.ndarray
    learning_rate: float
    converged_at: int | None
    diverged: bool
    message: str


def _check_problem(problem):
    if not isinstance(problem, LeastSquares):
        raise TypeError(f"problem must be a LeastSquares from least_squares(X, y), got "
                        f"{type(problem).__name__}.")


def _start(problem, w0):
    p = problem.g.size
    if w0 is None:
        return np.zeros(p)
    w0 = as_float_array(w0, "w0", ndim=1)
    if w0.shape != (p,):
        raise ValueError(f"w0 must have {p} entries (one per parameter), got {w0.shape}.")
    return w0


def gradient_descent(problem: LeastSquares, learning_rate: float, num_iterations: int = 500,
                     w0=None, tol: float = 1e-6) -> GDRun:
    r"""Run :math:`w \leftarrow w - \alpha (H w - g)` and record the path.

    Stops at convergence (relative gap <= ``tol``, checked every 50 steps; the
    reported iteration is exact) or when the parameters overflow (|w| > 1e150, so
    the cost would be inf). Overflow is caught and reported, never raised.
    """
    _check_problem(problem)
    lr = check_positive_float(learning_rate, "learning_rate")
    n = check_nonneg_int(num_iterations, "num_iterations")
    tol = check_positive_float(tol, "tol")
    w = _start(problem, w0).copy()
    H, g = problem.H, problem.g
    gap0 = problem.cost(w) - problem.J_star
    if gap0 <= 0:
        return GDRun(w[None, :], np.array([problem.cost(w)]), lr, 0, False,
                     "started at the minimum")
    path = np.empty((n + 1, w.size))
    path[0] = w
    overflow_at = None
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n + 1):
            w = w - lr * (H @ w - g)
            path[k] = w
            if not (np.abs(w).max() < 1e150):  # also catches nan
                overflow_at = k
                break
            if k % 50 == 0:                    # early exit once converged
                if problem.cost(w) - problem.J_star <= tol * gap0:
                    break
        last = k if n else 0
        path = path[: last + 1]
        costs = problem.cost(path.T)
    gaps = (costs - problem.J_star) / gap0
    converged, diverged = None, False
    bad = ~np.isfinite(costs) | (np.abs(path).max(axis=1) >= 1e150)
    if bad.any() or overflow_at is not None:
        k = int(np.argmax(bad)) if bad.any() else overflow_at
        diverged = True
        msg = (f"diverged: the parameters overflowed (|w| > 1e150, cost -> inf) at iteration "
               f"{k}; learning rate {lr:.3g} is above the largest stable one, 2/λ_max = "
               f"{problem.max_stable_lr_theory:.3g}")
        path, costs = path[:k], costs[:k]
    elif np.any(gaps <= tol):
        converged = int(np.argmax(gaps <= tol))
        path, costs = path[: converged + 1], costs[: converged + 1]
        msg = f"converged in {converged} iterations"
    elif gaps[-1] > 1.0:
        diverged = True
        msg = (f"diverging: after {n} iterations the cost is {gaps[-1]:.3g} times its starting "
               f"gap; learning rate {lr:.3g} > 2/λ_max = {problem.max_stable_lr_theory:.3g}")
    else:
        msg = f"not converged after {n} iterations (relative gap {gaps[-1]:.2g})"
    return GDRun(np.array(path), np.array(costs), lr, converged, diverged, msg)


def final_gaps(problem: LeastSquares, learning_rates, num_iterations: int, w0=None):
    r"""Relative cost gap :math:`(J_k - J^*)/(J_0 - J^*)` after ``num_iterations`` steps,
    for many learning rates at once (vectorized; ``inf`` where it overflowed).

    Returns
    -------
    gaps : (k,) ; also the iteration of first convergence below 1e-6, (k,) int, -1 if never
    """
    _check_problem(problem)
    lrs = as_float_array(learning_rates, "learning_rates", ndim=1)
    if np.any(~np.isfinite(lrs) | (lrs <= 0)):
        raise ValueError("learning_rates must all be finite numbers > 0.")
    n = check_nonneg_int(num_iterations, "num_iterations")
    w0 = _start(problem, w0)
    W = np.repeat(w0[:, None], lrs.size, axis=1)
    gap0 = problem.cost(w0) - problem.J_star
    first = np.full(lrs.size, -1)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n + 1):
            W -= lrs * (problem.H @ W - problem.g[:, None])
            if k % 10 == 0 or k == n:
                gap = (problem.cost(W) - problem.J_star) / gap0
                newly = (first < 0) & (gap <= 1e-6)
                first[newly] = k
    gap = (problem.cost(W) - problem.J_star) / gap0
    gap[~np.isfinite(gap)] = np.inf
    return gap, first


def largest_stable_learning_rate(problem: LeastSquares, num_iterations: int = 2000,
                                 lo: float = 1e-8, hi: float = 1e4, rounds: int = 3,
                                 grid: int = 60) -> float:
    """Largest learning rate whose run ends below its starting cost (measured, not the formula).

    Searches ``rounds`` log grids of ``grid`` rates: the first from ``lo`` to ``hi``,
    each next one between the largest stable and the smallest unstable rate of the
    previous grid (stable: the cost after ``num_iterations`` steps is below its start).
    """
    _check_problem(problem)
    lo, hi = check_positive_float(lo, "lo"), check_positive_float(hi, "hi")
    if lo >= hi:
        raise ValueError(f"lo must be below hi, got lo={lo}, hi={hi}.")
    for _ in range(check_positive_int(rounds, "rounds")):
        lrs = np.geomspace(lo, hi, grid)
        gaps, _ = final_gaps(problem, lrs, num_iterations)
        stable = gaps < 1.0
        if not stable.any():
            raise ValueError(f"no learning rate in [{lo:g}, {hi:g}] is stable; lower lo.")
        i = int(np.nonzero(stable)[0].max())
        if i == grid - 1:
            return float(lrs[-1])
        lo, hi = lrs[i], lrs[i + 1]
    return float(lo)


def iterations_to_converge(problem: LeastSquares, learning_rate: float, tol: float = 1e-6,
                           max_iterations: int = 100_000) -> int | None:
    """Iterations until the relative cost gap is <= ``tol`` (None: not within the budget)."""
    run = gradient_descent(problem, learning_rate, max_iterations, tol=tol)
    return run.converged_at


def normalize_with_own_statistics(X, batch_size: int | None = None) -> np.ndarray:
    """THE BUG, for demonstration: standardize each batch of columns with its *own* mean and sigma.

    Parameters
    ----------
    X : (n_x, m)
    batch_size : examples per batch (None: the whole set at once)

    Returns
    -------
    (n_x, m); a feature constant within a batch (always so for one example)
    becomes 0, as a scaler does with zero variance.
    """
    X = check_X(X, "X")
    m = X.shape[1]
    b = m if batch_size is None else check_positive_int(batch_size, "batch_size")
    out = np.empty_like(X)
    for s in range(0, m, b):
        B = X[:, s:s + b]
        mu = B.mean(axis=1, keepdims=True)
        sd = B.std(axis=1, keepdims=True)
        out[:, s:s + b] = (B - mu) / np.where(sd > 0, sd, 1.0)
    return out
