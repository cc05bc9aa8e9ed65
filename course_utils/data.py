"""Datasets and train/dev/test splits (floor 1).

``Split`` and ``train_dev_test_split`` live in :mod:`course_utils.splits` and are
re-exported here, so ``from course_utils.data import train_dev_test_split`` works.

Everything follows the course layout: ``X`` has shape ``(n_x, m)`` (one column
per example), binary labels ``Y`` shape ``(1, m)`` (float64 0/1), multi-class
labels one-hot ``(C, m)``. Every random function takes ``seed`` (int) or ``rng``
(``numpy.random.Generator``); with neither, ``seed=0``. Data loads offline: the
2-D toy sets come from scikit-learn's generators or from a file shipped in
``data/`` (checksum verified), the digits from scikit-learn's bundled copy.
"""
from __future__ import annotations

import hashlib
import numbers
import pathlib

import numpy as np

from ._checks import as_float_array, as_rng, check_positive_int, check_probability, check_Y
from .splits import SPLIT_KEYS, Split, train_dev_test_split

__all__ = ["Split", "make_moons", "make_circles", "make_diagonal_regions",
           "load_diagonal_regions", "load_digits", "one_hot", "labels_from_one_hot",
           "train_dev_test_split", "DATA_DIR", "DIAGONAL_REGIONS_FILE",
           "DIAGONAL_REGIONS_SHA256", "diagonal_sampler", "draw_parts"]

DATA_DIR = pathlib.Path(__file__).resolve().parent.parent / "data"
"""The repository's ``data/`` folder (the course is installed editable: ``pip install -e .``)."""
DIAGONAL_REGIONS_FILE = "diagonal_regions.npz"
DIAGONAL_REGIONS_SHA256 = "f8f27eacaf94df914edeb8b3dd7acb62cbf0c36ae9422d0c5424902493f501a5"
"""sha256 of ``data/diagonal_regions.npz`` as written by ``python data/make_datasets.py``."""


# --------------------------------------------------------------------------- helpers
def _check_nonneg_float(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number >= 0, got {type(value).__name__} {value!r}.")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value}.")
    return float(value)


def _sk_random_state(seed, rng) -> int:
    """An int ``random_state`` for scikit-learn: ``seed`` itself, or drawn from ``rng``."""
    gen = as_rng(seed, rng)  # validates seed / rng (and refuses both)
    if rng is None and (seed is None or seed < 2**32):
        return 0 if seed is None else int(seed)
    return int(gen.integers(0, 2**31 - 1))


def _to_course_layout(X, y):
    return np.ascontiguousarray(X.T, dtype=np.float64), y.astype(np.float64).reshape(1, -1)


# --------------------------------------------------------------------------- 2-D toy sets
def make_moons(n_samples: int = 400, noise: float = 0.2, seed: int | None = None,
               rng: np.random.Generator | None = None):
    """Two interleaving half circles (scikit-learn's ``make_moons``) in the course layout.

    Parameters
    ----------
    n_samples : int
        Number of examples ``m``.
    noise : float
        Standard deviation of the Gaussian noise added to the points (>= 0).
    seed, rng :
        ``seed`` is passed to scikit-learn as ``random_state`` (so ``seed=s`` gives
        exactly ``sklearn.datasets.make_moons(random_state=s)``); an ``rng`` draws it.

    Returns
    -------
    X : ndarray, shape (2, m)
    Y : ndarray, shape (1, m), float64 0/1
    """
    from sklearn.datasets import make_moons as _sk_make_moons

    n = check_positive_int(n_samples, "n_samples")
    noise = _check_nonneg_float(noise, "noise")
    X, y = _sk_make_moons(n_samples=n, noise=noise, random_state=_sk_random_state(seed, rng))
    return _to_course_layout(X, y)


def make_circles(n_samples: int = 400, noise: float = 0.05, factor: float = 0.5,
                 seed: int | None = None, rng: np.random.Generator | None = None):
    """A small circle inside a larger one (scikit-learn's ``make_circles``), course layout.

    Parameters
    ----------
    n_samples : int
        Number of examples ``m``.
    noise : float
        Standard deviation of the Gaussian noise (>= 0).
    factor : float
        Radius of the inner circle relative to the outer one, in (0, 1).
    seed, rng :
        As in :func:`make_moons`.

    Returns
    -------
    X : ndarray, shape (2, m)
    Y : ndarray, shape (1, m), float64 0/1 (1 = inner circle)
    """
    from sklearn.datasets import make_circles as _sk_make_circles

    n = check_positive_int(n_samples, "n_samples")
    noise = _check_nonneg_float(noise, "noise")
    factor = check_probability(factor, "factor", low_open=True, high_open=True)
    X, y = _sk_make_circles(n_samples=n, noise=noise, factor=factor,
                            random_state=_sk_random_state(seed, rng))
    return _to_course_layout(X, y)


def _diagonal_score(X: np.ndarray, curvature: float) -> np.ndarray:
    """Signed score of the (slightly curved) diagonal boundary; > 0 is class 1. X: (2, m)."""
    u = (X[0] + X[1]) / np.sqrt(2.0)      # coordinate along the boundary
    v = (X[1] - X[0]) / np.sqrt(2.0)      # signed distance from the straight diagonal
    return v - curvature * (u ** 2 - 0.25)


def make_diagonal_regions(n_samples: int = 600, noise: float = 0.01, n_pockets: int = 8,
                          pocket_radius: float = 0.07, pocket_share: float = 0.15,
                          pocket_flip: float = 0.4, curvature: float = 0.3,
                          seed: int | None = None, rng: np.random.Generator | None = None):
    """Two regions split by a slightly curved diagonal, with noisy "pockets" (like the course's
    "football" data).

    Most points are uniform in ``[-0.75, 0.75]^2``; the label is 1 above the boundary
    ``v = curvature * (u^2 - 0.25)`` (``u``, ``v``: coordinates along and across the
    diagonal ``x2 = x1``), decided after adding ``N(0, noise^2)`` to the score. The
    remaining ``pocket_share`` of the points fall in ``n_pockets`` small Gaussian
    clusters (std ``pocket_radius / 2``) placed on alternating sides, 0.05-0.3 from the
    boundary, and each of their labels is flipped with probability ``pocket_flip``.
    With ``pocket_flip < 0.5`` the best possible classifier is the smooth boundary:
    the pockets are pure noise, which a large unregularized network bends around
    (overfitting) while an L2-regularized one ignores them.

    Parameters
    ----------
    n_samples : int
        Number of examples ``m`` (at least 10).
    noise : float
        Standard deviation of the noise on the boundary score (label noise near it).
    n_pockets : int
        Number of noisy clusters (>= 1).
    pocket_radius : float
        Size of a cluster, in (0, 0.3].
    pocket_share : float
        Fraction of the points drawn in the clusters, in [0, 0.5].
    pocket_flip : float
        Probability that a cluster point takes the wrong class, in [0, 1].
    curvature : float
        Bend of the boundary (0 = straight diagonal), in [-1, 1].
    seed, rng :
        Source of randomness (``seed=0`` if neither is given).

    Returns
    -------
    X : ndarray, shape (2, m)
    Y : ndarray, shape (1, m), float64 0/1
        Columns are in random order, so slicing them gives a random split.
    """
    n = check_positive_int(n_samples, "n_samples")
    if n < 10:
        raise ValueError(f"n_samples must be at least 10, got {n}.")
    noise = _check_nonneg_float(noise, "noise")
    k = check_positive_int(n_pockets, "n_pockets")
    radius = _check_nonneg_float(pocket_radius, "pocket_radius")
    if not 0 < radius <= 0.3:
        raise ValueError(f"pocket_radius must be in (0, 0.3], got {radius}.")
    share = check_probability(pocket_share, "pocket_share")
    if share > 0.5:
        raise ValueError(f"pocket_share must be in [0, 0.5] (pockets are the exception), "
                         f"got {share}.")
    flip = check_probability(pocket_flip, "pocket_flip")
    if k > 50:
        raise ValueError(f"n_pockets must be at most 50, got {k}.")
    if isinstance(curvature, bool) or not isinstance(curvature, numbers.Real):
        raise TypeError(f"curvature must be a number in [-1, 1], got {curvature!r}.")
    if not -1 <= curvature <= 1:
        raise ValueError(f"curvature must be in [-1, 1] (0 = straight diagonal), got {curvature}.")
    curvature = float(curvature)
    gen = as_rng(seed, rng)
    box = 0.75
    n_pocket = int(round(share * n))
    X_base = gen.uniform(-box, box, size=(2, n - n_pocket))
    # Pocket centres: candidates in the box, kept 0.05-0.3 from the boundary, sides alternate.
    cand = gen.uniform(-box + radius, box - radius, size=(2, 4000))
    score = _diagonal_score(cand, curvature)
    centres = np.concatenate(
        [cand[:, np.flatnonzero((side * score > 0.05) & (side * score < 0.3))[:count]]
         for side, count in ((1.0, (k + 1) // 2), (-1.0, k // 2))], axis=1)
    which = gen.integers(0, centres.shape[1], size=n_pocket)
    X_pocket = centres[:, which] + gen.normal(0.0, radius / 2, size=(2, n_pocket))
    X = np.concatenate([X_base, X_pocket], axis=1)
    y = (_diagonal_score(X, curvature) + noise * gen.standard_normal(n) > 0).astype(np.float64)
    flipped = np.zeros(n, dtype=bool)
    flipped[n - n_pocket:] = gen.random(n_pocket) < flip
    y[flipped] = 1.0 - y[flipped]
    order = gen.permutation(n)
    return X[:, order], y[order].reshape(1, -1)


def load_diagonal_regions() -> Split:
    """The course's fixed copy of :func:`make_diagonal_regions` (200 train, 200 dev, 200 test).

    Loaded offline from ``data/diagonal_regions.npz`` (written once by
    ``python data/make_datasets.py``) after checking its sha256.

    Returns
    -------
    Split
        ``X_*`` of shape (2, 200), ``Y_*`` of shape (1, 200).

    Raises
    ------
    FileNotFoundError
        If the file is missing.
    ValueError
        If its checksum differs from :data:`DIAGONAL_REGIONS_SHA256`.
    """
    path = pathlib.Path(DATA_DIR) / DIAGONAL_REGIONS_FILE
    fix = ("Regenerate it with `python data/make_datasets.py` from the repository root, and "
           "install the course editable (`pip install -e .`) so that course_utils finds "
           "the repository's data/ folder.")
    if not path.is_file():
        raise FileNotFoundError(f"Dataset file not found: {path}. {fix}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != DIAGONAL_REGIONS_SHA256:
        raise ValueError(f"Checksum mismatch for {path}: sha256 {digest}, expected "
                         f"{DIAGONAL_REGIONS_SHA256}. The file is corrupted or was modified. {fix}")
    with np.load(path, allow_pickle=False) as f:
        return Split(*(np.asarray(f[key], dtype=np.float64) for key in SPLIT_KEYS))


# --------------------------------------------------------------------------- digits, labels
def load_digits(n_class: int = 10):
    """scikit-learn's bundled 8x8 handwritten digits (offline), in the course layout.

    Parameters
    ----------
    n_class : int
        Keep the digits ``0 .. n_class - 1`` (2 to 10).

    Returns
    -------
    X : ndarray, shape (64, m)
        Pixel intensities scaled to [0, 1] (divided by 16); column ``i`` reshaped
        to ``(8, 8)`` is the image.
    y : ndarray, shape (m,), int64
        Digit labels; see :func:`one_hot` for the ``(C, m)`` form.
    """
    from sklearn.datasets import load_digits as _sk_load_digits

    if isinstance(n_class, bool) or not isinstance(n_class, numbers.Integral) \
            or not 2 <= n_class <= 10:
        raise ValueError(f"n_class must be an integer from 2 to 10, got {n_class!r}.")
    data, target = _sk_load_digits(n_class=int(n_class), return_X_y=True)
    return np.ascontiguousarray(data.T / 16.0), target.astype(np.int64)


def _int_labels(labels, name: str) -> np.ndarray:
    arr = as_float_array(labels, name)
    if arr.ndim == 2 and arr.shape[0] == 1:
        arr = arr[0]
    if arr.ndim != 1:
        raise ValueError(f"{name} must be integer class labels of shape (m,) or (1, m), got "
                         f"shape {arr.shape}. For one-hot labels use labels_from_one_hot.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty; it needs at least one label.")
    if not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)) or np.any(arr < 0):
        bad = np.unique(arr[(arr != np.round(arr)) | (arr < 0) | ~np.isfinite(arr)])[:5]
        raise ValueError(f"{name} must hold integer class labels >= 0 (0, 1, ..., C-1), found "
                         f"values such as {bad.tolist()}.")
    return arr.astype(np.int64)


def one_hot(labels, n_classes: int | None = None) -> np.ndarray:
    """One-hot encode integer labels.

    Parameters
    ----------
    labels : array of int, shape (m,) or (1, m)
        Class indices ``0 .. C-1``.
    n_classes : int, optional
        ``C``; by default ``max(labels) + 1``.

    Returns
    -------
    ndarray, shape (C, m), float64
        ``Y[c, i] = 1`` if example ``i`` has class ``c``.
    """
    y = _int_labels(labels, "labels")
    if n_classes is None:
        n_classes = int(y.max()) + 1
    C = check_positive_int(n_classes, "n_classes")
    if y.max() >= C:
        raise ValueError(f"labels contain class {int(y.max())} but n_classes is {C}; "
                         f"use n_classes >= {int(y.max()) + 1} (labels run from 0 to C-1).")
    Y = np.zeros((C, y.size))
    Y[y, np.arange(y.size)] = 1.0
    return Y


def labels_from_one_hot(Y) -> np.ndarray:
    """Integer labels from one-hot ``Y`` (C, m), or from binary ``Y`` (1, m).

    Returns
    -------
    ndarray, shape (m,), int64
    """
    Ya = check_Y(Y)
    return (Ya[0] if Ya.shape[0] == 1 else Ya.argmax(axis=0)).astype(np.int64)


# --------------------------------------------------------------------------- fresh draws
def diagonal_sampler(m: int, seed: int):
    """``m`` fresh examples of the course's 2-D data (:func:`make_diagonal_regions`).

    Returns ``X`` (2, m) and ``Y`` (1, m); the sampler the experiments below expect.
    """
    return make_diagonal_regions(m, seed=seed)


def draw_parts(sampler, sizes, seed: int) -> list:
    """One draw of ``sum(sizes)`` examples, cut into consecutive parts.

    All parts come from the *same* draw, hence the same distribution (for
    :func:`make_diagonal_regions` this matters: every call places
    its own noisy pockets). Returns ``[X_1, Y_1, X_2, Y_2, ...]`` with ``X_k`` of
    shape (n_x, sizes[k]) and ``Y_k`` of shape (1, sizes[k]).
    """
    sizes = [check_positive_int(n, "sizes[i]") for n in sizes]
    X, Y = sampler(sum(sizes), seed)
    out, start = [], 0
    for n in sizes:
        out += [X[:, start:start + n], Y[:, start:start + n]]
        start += n
    return out
