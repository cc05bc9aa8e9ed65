"""Input validation shared by every module of ``course_utils`` (floor 1).

Every public entry point checks its arguments here, once, at the boundary.
Messages follow one pattern: *which argument*, *what was expected*, *what was
given* and *how to fix the call*. Nothing here mutates its input; arrays are
returned as new float64 arrays when a conversion is needed.
"""
from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_float_array",
    "check_X",
    "check_Y",
    "check_XY",
    "check_layer_dims",
    "check_keep_probs",
    "check_lambd",
    "check_positive_int",
    "check_nonneg_int",
    "check_positive_float",
    "check_n_examples",
    "check_probability",
    "check_choice",
    "as_rng",
    "dropout_rng",
    "check_params",
]


def _shape(a) -> str:
    return str(tuple(np.shape(a)))


def as_float_array(a, name: str, ndim: int | None = None) -> np.ndarray:
    """Convert ``a`` to a float64 array, with a clear error if it cannot be done."""
    if isinstance(a, (str, bytes)) or a is None:
        raise TypeError(f"{name} must be a numeric array, got {type(a).__name__}. "
                        f"Pass a numpy array, e.g. np.asarray(...).")
    if np.iscomplexobj(a):
        raise TypeError(f"{name} must be real-valued, got a complex array; casting would "
                        f"silently drop the imaginary part. Pass {name}.real (or np.abs({name})) "
                        f"if that is what you mean.")
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a numeric array; numpy could not convert it to "
                        f"float64 ({exc}). Pass a numeric numpy array.") from None
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array, got shape {_shape(arr)} "
                         f"({arr.ndim}-D). Reshape it to {ndim} dimensions.")
    return arr


def check_X(X, name: str = "X", n_features: int | None = None) -> np.ndarray:
    """Check a design matrix in the course layout ``(n_x, m)``: one column per example.

    Raises ``ValueError`` for a wrong number of dimensions, an empty array,
    NaN/inf values, and a matrix in scikit-learn's ``(m, n_x)`` layout (detected
    when ``n_features`` is known).
    """
    arr = as_float_array(X, name)
    if arr.ndim != 2:
        hint = (f" For a single feature use {name}.reshape(1, -1)." if arr.ndim == 1 else "")
        raise ValueError(f"{name} must be 2-D with shape (n_x, m) (one column per example), "
                         f"got shape {_shape(arr)}.{hint}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {_shape(arr)}); it needs at least one "
                         f"feature and one example.")
    if n_features is not None and arr.shape[0] != n_features:
        if arr.shape[1] == n_features:
            raise ValueError(
                f"{name} has shape {_shape(arr)} but the network expects {n_features} features "
                f"in rows: shape ({n_features}, m). It looks like scikit-learn's (m, n_x) layout; "
                f"use {name}.T.")
        raise ValueError(f"{name} has {arr.shape[0]} features (rows) but layer_dims[0] is "
                         f"{n_features}; make layer_dims[0] equal {name}.shape[0].")
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} contains {bad} NaN or infinite values; clean or impute "
                         f"them before training (e.g. np.nan_to_num or drop those columns).")
    return arr


def check_Y(Y, m: int | None = None, name: str = "Y", n_classes: int | None = None) -> np.ndarray:
    """Check labels: binary ``(1, m)`` with values in {0, 1}, or one-hot ``(C, m)``.

    Never reshapes silently: a ``(m,)`` or ``(m, 1)`` Y would broadcast against
    ``(1, m)`` predictions into an ``(m, m)`` matrix and give a wrong, finite cost.
    ``n_classes`` (if given) is the expected number of rows (1 for binary).
    """
    arr = as_float_array(Y, name)
    if arr.ndim == 1:
        raise ValueError(f"{name} must have shape (1, m), got {_shape(arr)} (a 1-D array). "
                         f"Use {name}.reshape(1, -1).")
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D with shape (1, m) or one-hot (C, m), "
                         f"got shape {_shape(arr)}.")
    if arr.shape[1] == 1 and arr.shape[0] > 1 and (m is None or m != 1) and n_classes in (None, 1):
        raise ValueError(f"{name} has shape {_shape(arr)}: a column of labels. The course "
                         f"layout is one column per example, shape (1, m). "
                         f"Use {name}.reshape(1, -1) (or {name}.T).")
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {_shape(arr)}); it needs at least one example.")
    if m is not None and arr.shape[1] != m:
        raise ValueError(f"{name} has {arr.shape[1]} examples (columns) but X has {m}; "
                         f"X of shape (n_x, m) and {name} of shape (1, m) must have the same m.")
    if n_classes is not None and arr.shape[0] != n_classes:
        raise ValueError(f"{name} has {arr.shape[0]} rows but the output layer has {n_classes} "
                         f"units; use shape (1, m) for a sigmoid output or one-hot "
                         f"({n_classes}, m) for softmax.")
    if not np.all((arr == 0) | (arr == 1)):
        vals = np.unique(arr[~((arr == 0) | (arr == 1))])[:5]
        raise ValueError(f"{name} must contain only labels 0 and 1 (one-hot for several "
                         f"classes), found values such as {vals.tolist()}. Encode the labels, "
                         f"e.g. (y == positive_class).astype(float).")
    if arr.shape[0] > 1 and not np.all(arr.sum(axis=0) == 1):
        raise ValueError(f"{name} with {arr.shape[0]} rows must be one-hot: each column sums to 1. "
                         f"Use course_utils.data.one_hot(labels, n_classes).")
    return arr


def check_XY(X, Y, n_features: int | None = None, n_classes: int | None = None,
             names: tuple[str, str] = ("X", "Y")) -> tuple[np.ndarray, np.ndarray]:
    """Check ``X`` (n_x, m) and ``Y`` (1 or C, m) together."""
    Xa = check_X(X, names[0], n_features)
    Ya = check_Y(Y, Xa.shape[1], names[1], n_classes)
    return Xa, Ya


def check_layer_dims(layer_dims, name: str = "layer_dims") -> list[int]:
    """Check ``[n_x, n_1, ..., n_L]``: at least two positive integers."""
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"{name} must be a list of layer sizes like [2, 20, 3, 1], "
                        f"got {type(layer_dims).__name__}.")
    dims = list(layer_dims)
    if len(dims) < 2:
        raise ValueError(f"{name} needs at least an input and an output size, e.g. [2, 1]; "
                         f"got {dims}.")
    for i, d in enumerate(dims):
        if isinstance(d, bool) or not isinstance(d, numbers.Integral) or d < 1:
            raise ValueError(f"{name}[{i}] must be a positive integer, got {d!r} in {dims}.")
    return [int(d) for d in dims]


def check_keep_probs(keep_probs, n_hidden: int, name: str = "keep_probs") -> list[float] | None:
    """Check keep probabilities: one per hidden layer, each in (0, 1]. ``None`` means no dropout.

    A single number is accepted and used for every hidden layer.
    """
    if keep_probs is None:
        return None
    if isinstance(keep_probs, numbers.Real) and not isinstance(keep_probs, bool):
        probs = [float(keep_probs)] * n_hidden
    else:
        try:
            probs = [float(p) for p in keep_probs]
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a number or a list of numbers (one per hidden "
                            f"layer), got {keep_probs!r}.") from None
        if len(probs) != n_hidden:
            raise ValueError(f"{name} must have one keep probability per hidden layer: "
                             f"{n_hidden} values, got {len(probs)} ({list(keep_probs)}). "
                             f"The input and output layers take no dropout.")
    for i, p in enumerate(probs):
        if not (0.0 < p <= 1.0):
            raise ValueError(f"{name}[{i}] = {p} is outside (0, 1]. It is the probability of "
                             f"KEEPING a unit (1.0 = no dropout), not a drop rate; "
                             f"use keep_prob = 1 - drop_rate.")
    return probs


def check_lambd(lambd, name: str = "lambd") -> float:
    """Check the L2 strength: a finite number >= 0."""
    if isinstance(lambd, bool) or not isinstance(lambd, numbers.Real):
        raise TypeError(f"{name} must be a non-negative number, got {type(lambd).__name__} "
                        f"{lambd!r}.")
    if not np.isfinite(lambd) or lambd < 0:
        raise ValueError(f"{name} must be a finite number >= 0 (0 = no regularization), "
                         f"got {lambd}.")
    return float(lambd)


def check_positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}.")
    return int(value)


def check_nonneg_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ValueError(f"{name} must be an integer >= 0, got {value!r}.")
    return int(value)


def check_n_examples(m, name: str = "m") -> int:
    """Check a number of training examples: a positive integer."""
    if isinstance(m, bool) or not isinstance(m, (numbers.Integral,)) or m < 1:
        raise ValueError(f"{name} must be the number of training examples (a positive integer), "
                         f"got {m!r}.")
    return int(m)


def check_positive_float(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {type(value).__name__} {value!r}.")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}.")
    return float(value)


def check_probability(value, name: str, low_open: bool = False, high_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number in [0, 1], got {type(value).__name__} {value!r}.")
    ok = (value > 0 if low_open else value >= 0) and (value < 1 if high_open else value <= 1)
    if not ok:
        lo, hi = "(" if low_open else "[", ")" if high_open else "]"
        raise ValueError(f"{name} must be in {lo}0, 1{hi}, got {value}.")
    return float(value)


def check_choice(value, registry, name: str):
    """Look ``value`` up in a registry (a dict); unknown names list the valid ones."""
    if not isinstance(value, str) or value not in registry:
        valid = ", ".join(repr(k) for k in registry)
        raise ValueError(f"Unknown {name} {value!r}. Valid names: {valid}.")
    return registry[value]


def as_rng(seed=None, rng=None, name: str = "seed") -> np.random.Generator:
    """Return a ``numpy.random.Generator`` from ``seed`` (int) or ``rng`` (Generator).

    Exactly one source is used: ``rng`` if given, else ``seed`` (default 0 when both
    are ``None``, so results are reproducible by default). Never touches the global
    NumPy random state.
    """
    if rng is not None:
        if seed is not None:
            raise ValueError(f"Pass either {name} or rng, not both (got {name}={seed!r} and an "
                             f"rng).")
        if not isinstance(rng, np.random.Generator):
            raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), "
                            f"got {type(rng).__name__}.")
        return rng
    if seed is None:
        seed = 0
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"{name} must be a non-negative integer (or pass rng=np.random."
                         f"default_rng(...)), got {seed!r}.")
    return np.random.default_rng(int(seed))


def dropout_rng(seed=None, rng=None, *, needed: bool, where: str):
    """The Generator for dropout masks; randomness must be given explicitly when ``needed``.

    Unlike :func:`as_rng` there is no default seed: a hidden ``seed=0`` would draw
    the *same* masks on every call, the very bug notebook 04 teaches about. Returns
    None when no mask has to be drawn.
    """
    if not needed:
        if rng is not None or seed is not None:
            as_rng(seed, rng)  # still refuse a bad seed/rng
        return None
    if seed is None and rng is None:
        raise ValueError(f"{where}: dropout needs randomness for its masks. Pass "
                         f"rng=np.random.default_rng(0) and reuse that rng across calls "
                         f"(fresh masks at every call), or seed=... (the same masks at "
                         f"every call with the same seed).")
    return as_rng(seed, rng)


def check_params(params, n_features: int | None = None, name: str = "params") -> int:
    """Check a parameter dict and return its number of layers L."""
    if not isinstance(params, dict) or not params:
        raise TypeError(f"{name} must be a dict like {{'W1': ..., 'b1': ..., ...}}, "
                        f"got {type(params).__name__}.")
    L = len(params) // 2
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if set(params) != expected:
        raise ValueError(f"{name} must have keys W1, b1, ..., WL, bL; got {sorted(params)}.")
    prev = n_features if n_features is not None else np.shape(params["W1"])[1]
    for l in range(1, L + 1):
        W, b = np.shape(params[f"W{l}"]), np.shape(params[f"b{l}"])
        if len(W) != 2 or W[1] != prev or b != (W[0], 1):
            raise ValueError(f"{name}: W{l} has shape {W} and b{l} {b}; expected W{l} "
                             f"({W[0] if len(W) == 2 else 'n_l'}, {prev}) and b{l} "
                             f"({W[0] if len(W) == 2 else 'n_l'}, 1).")
        prev = W[0]
    return L
