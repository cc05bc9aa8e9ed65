"""Measures of a trained network used by notebook 03 (re-exported by ``lessons.l2``), floor 4.

How much of a network is (near) linear, how complicated its decision boundary
is, how sparse its weights are, how much two networks disagree on the plane,
and whether a cost curve decreases monotonically. No matplotlib.
"""
from __future__ import annotations

import numpy as np

from .._checks import as_float_array, check_choice, check_positive_float, check_positive_int
from ..activations import ACTIVATIONS
from ..metrics import grid_axes, grid_proba
from ..nn import check_params, forward_unchecked

__all__ = ["near_zero_share", "linear_regime_share", "boundary_length", "linear_fit_r2",
           "grid_disagreement", "monotonicity"]


# --------------------------------------------------------------------------- measures
def near_zero_share(params, tol: float = 1e-2) -> float:
    """Share of all weights (W entries, not b) with ``|w| < tol``."""
    L = check_params(params)
    tol = check_positive_float(tol, "tol")
    w = np.concatenate([np.ravel(params[f"W{l}"]) for l in range(1, L + 1)])
    return float(np.mean(np.abs(w) < tol))


def linear_regime_share(X, params, hidden_activation: str = "tanh",
                        threshold: float = 0.5) -> float:
    r"""Share of hidden pre-activations with :math:`|z| < \text{threshold}` on X (n_x, m).

    Counts every (hidden unit, example) pair of every hidden layer; for tanh,
    :math:`|z| < 0.5` means :math:`\tanh z` is within 8% of :math:`z` (the near-linear region).
    """
    L = check_params(params)
    X = as_float_array(X, "X", ndim=2)
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    threshold = check_positive_float(threshold, "threshold")
    if L < 2:
        raise ValueError("params has no hidden layer; linear_regime_share needs L >= 2 layers.")
    _, caches = forward_unchecked(X, params, hidden_activation, "sigmoid")
    Z = np.concatenate([np.abs(c.Z).ravel() for c in caches[:-1]])
    return float(np.mean(Z < threshold))


def _grid_logits(params, X, hidden, resolution):
    """The output logit z^{[L]} on a ``resolution``-square grid around X (2, m).

    Returns ``(xs, ys, z)`` with ``z[row = y, col = x]`` of shape (resolution, resolution).
    """
    check_params(params, 2)
    check_choice(hidden, ACTIVATIONS, "hidden_activation")
    res = check_positive_int(resolution, "resolution")
    if res < 3:
        raise ValueError(f"resolution must be at least 3 grid points, got {res}.")
    xs, ys = grid_axes(X, res)
    return xs, ys, grid_proba(params, xs, ys, hidden, logits=True)


def boundary_length(params, X, hidden_activation: str = "relu", resolution: int = 200) -> float:
    r"""Length of the decision boundary (:math:`z^{[L]} = 0`, i.e. ``P(y=1) = 0.5``) inside
    the box around X (2, m).

    Marching squares: in every grid cell whose corners change class, the boundary is
    located on the cell's edges by linear interpolation of the logit and replaced by a
    straight segment; the segment lengths are summed (exact for a straight boundary).
    Wiggles and islands make it longer; a straight boundary has the length of its chord
    across the box.
    """
    xs, ys, z = _grid_logits(params, X, hidden_activation, resolution)  # z[row = y, col = x]
    hx, hy = xs[1] - xs[0], ys[1] - ys[0]
    pos = z > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        def cross(a, b, pa, pb):
            t = np.clip(a / (a - b), 0.0, 1.0)
            return np.where(pa != pb, t, np.nan)
        tb = cross(z[:-1, :-1], z[:-1, 1:], pos[:-1, :-1], pos[:-1, 1:])   # bottom edge
        tt = cross(z[1:, :-1], z[1:, 1:], pos[1:, :-1], pos[1:, 1:])       # top edge
        tl = cross(z[:-1, :-1], z[1:, :-1], pos[:-1, :-1], pos[1:, :-1])   # left edge
        tr = cross(z[:-1, 1:], z[1:, 1:], pos[:-1, 1:], pos[1:, 1:])       # right edge
    X0, Y0 = np.meshgrid(xs[:-1], ys[:-1])
    pts = np.stack([np.stack([X0 + hx * tb, Y0]), np.stack([X0 + hx * tt, Y0 + hy]),
                    np.stack([X0, Y0 + hy * tl]), np.stack([X0 + hx, Y0 + hy * tr])])
    valid = ~np.isnan(np.stack([tb, tt, tl, tr]))                     # (4, res-1, res-1)
    count = valid.sum(axis=0)

    def dist(a, b):
        return np.hypot(pts[a, 0] - pts[b, 0], pts[a, 1] - pts[b, 1])
    total = 0.0
    two = count == 2
    if two.any():
        filled = np.where(valid[:, None], pts, 0.0)                     # the 2 valid points
        idx = np.argsort(~valid, axis=0, kind="stable")[:2]            # their edge indices
        p0 = np.take_along_axis(filled, idx[0][None, None], axis=0)[0]
        p1 = np.take_along_axis(filled, idx[1][None, None], axis=0)[0]
        seg = np.hypot(p0[0] - p1[0], p0[1] - p1[1])
        total += float(seg[two].sum())
    four = count == 4                                                   # saddle cells
    if four.any():
        pair_a = dist(0, 2) + dist(1, 3)   # bottom-left + top-right
        pair_b = dist(0, 3) + dist(1, 2)   # bottom-right + top-left
        total += float(np.minimum(pair_a, pair_b)[four].sum())
    return total


def linear_fit_r2(params, X, hidden_activation: str = "relu", resolution: int = 60) -> float:
    r"""How linear the network is: :math:`R^2` of the best affine fit
    :math:`z^{[L]}(x) \approx w^T x + c` to its output logit on a grid around X (2, m).

    1 for a linear network (e.g. all hidden units in tanh's linear region); lower
    for a bent, wiggly logit surface.
    """
    xs, ys, z = _grid_logits(params, X, hidden_activation, resolution)
    gx, gy = np.meshgrid(xs, ys)
    z = z.ravel()
    A = np.vstack([gx.ravel(), gy.ravel(), np.ones(z.size)]).T
    coef, *_ = np.linalg.lstsq(A, z, rcond=None)
    ss_res = float(np.sum((z - A @ coef) ** 2))
    ss_tot = float(np.sum((z - z.mean()) ** 2))
    return 1.0 if ss_tot == 0 else 1.0 - ss_res / ss_tot


def grid_disagreement(params_a, params_b, X, hidden_activation: str = "relu",
                      resolution: int = 150) -> float:
    """Share of grid points (box around X (2, m)) where two networks predict different classes."""
    a = _grid_logits(params_a, X, hidden_activation, resolution)[2] > 0
    b = _grid_logits(params_b, X, hidden_activation, resolution)[2] > 0
    return float(np.mean(a != b))


def monotonicity(values, rtol: float = 1e-12) -> dict:
    """How monotonically a curve decreases.

    Parameters
    ----------
    values : 1-D sequence (e.g. the recorded cost), at least 2 values
    rtol : increases smaller than ``rtol * |value|`` (round-off) do not count

    Returns
    -------
    dict with ``n_steps``, ``n_increases``, ``share_decreasing`` and ``max_increase``
    (largest single rise, 0.0 if none).
    """
    v = as_float_array(values, "values", ndim=1)
    if v.size < 2:
        raise ValueError(f"values needs at least 2 points to judge monotonicity, got {v.size}.")
    d = np.diff(v)
    up = d > rtol * np.abs(v[:-1])
    return {"n_steps": int(d.size), "n_increases": int(up.sum()),
            "share_decreasing": float(1 - up.mean()),
            "max_increase": float(d[up].max()) if up.any() else 0.0}
