r"""Weight initialization schemes, in a registry (floor 2).

Every scheme draws :math:`W^{[l]} \sim \mathcal N(0, \sigma_l^2)` with shape
``(n_l, n_{l-1})`` and sets :math:`b^{[l]} = 0` with shape ``(n_l, 1)``:

============  ==========================================  ========================
name          :math:`\sigma_l`                             use
============  ==========================================  ========================
``zeros``     0                                           shows symmetry (broken!)
``random``    ``scale`` (default 0.01; 10 = "large")      the naive choice
``xavier``    :math:`\sqrt{1/n_{l-1}}` x scale            tanh
``he``        :math:`\sqrt{2/n_{l-1}}` x scale            ReLU
``glorot``    :math:`\sqrt{2/(n_{l-1}+n_l)}` x scale      tanh / sigmoid
============  ==========================================  ========================
"""
from __future__ import annotations

import numpy as np

from ._checks import as_rng, check_choice, check_layer_dims

__all__ = ["INITIALIZERS", "DEFAULT_SCALES", "init_std", "initialize_parameters"]

INITIALIZERS = {
    "zeros": lambda n_prev, n: 0.0,
    "random": lambda n_prev, n: 1.0,
    "xavier": lambda n_prev, n: np.sqrt(1.0 / n_prev),
    "he": lambda n_prev, n: np.sqrt(2.0 / n_prev),
    "glorot": lambda n_prev, n: np.sqrt(2.0 / (n_prev + n)),
}
"""Base standard deviation of W for each scheme, as a function of (n_{l-1}, n_l)."""

DEFAULT_SCALES = {"zeros": 1.0, "random": 0.01, "xavier": 1.0, "he": 1.0, "glorot": 1.0}
"""Default multiplier of the base standard deviation (``random`` uses 0.01)."""


def init_std(method: str, n_prev: int, n: int, scale: float | None = None) -> float:
    """Standard deviation of the weights of one layer with ``n_prev`` inputs and ``n`` units."""
    base = check_choice(method, INITIALIZERS, "init method")
    if scale is None:
        scale = DEFAULT_SCALES[method]
    return float(base(n_prev, n) * scale)


def initialize_parameters(layer_dims, method: str = "he", scale: float | None = None,
                          seed: int | None = None, rng: np.random.Generator | None = None
                          ) -> dict[str, np.ndarray]:
    """Initialize the parameters of an L-layer network.

    Parameters
    ----------
    layer_dims : list of int
        ``[n_x, n_1, ..., n_L]``.
    method : str
        A key of :data:`INITIALIZERS`.
    scale : float, optional
        Multiplier of the method's standard deviation (for ``random`` it *is* the
        standard deviation, default 0.01; the course's "large random" is 10).
    seed, rng :
        Source of randomness (``seed=0`` if neither is given).

    Returns
    -------
    dict
        ``{"W1": (n_1, n_x), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}``,
        float64.
    """
    dims = check_layer_dims(layer_dims)
    check_choice(method, INITIALIZERS, "init method")
    if scale is not None:
        if isinstance(scale, bool) or not isinstance(scale, (int, float, np.floating)) \
                or not np.isfinite(scale) or scale < 0:
            raise ValueError(f"scale must be a finite number >= 0, got {scale!r}.")
    gen = as_rng(seed, rng)
    params = {}
    for l in range(1, len(dims)):
        std = init_std(method, dims[l - 1], dims[l], scale)
        W = gen.standard_normal((dims[l], dims[l - 1]))
        params[f"W{l}"] = W * std if std != 0.0 else np.zeros_like(W)
        params[f"b{l}"] = np.zeros((dims[l], 1))
    return params
