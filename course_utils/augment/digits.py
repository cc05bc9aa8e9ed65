"""Digits in the course layout: columns (64, m) <-> images (m, 8, 8); augmented training sets."""
from __future__ import annotations

import numbers

import numpy as np

from .._checks import as_float_array, as_rng, check_X
from .transforms import elastic, flip_horizontal, random_affine

__all__ = ["columns_to_images", "images_to_columns", "jitter_digits", "augment_columns",
           "DIGIT_AUGMENTATIONS"]


def _check_shape(shape):
    if not (isinstance(shape, (tuple, list)) and len(shape) == 2 and all(
            isinstance(s, numbers.Integral) and not isinstance(s, bool) and s >= 2 for s in shape)):
        raise ValueError(f"shape must be a pair of image sizes (H, W) >= 2, e.g. (8, 8); "
                         f"got {shape!r}.")
    return int(shape[0]), int(shape[1])


def columns_to_images(X, shape=(8, 8)) -> np.ndarray:
    """Course layout ``X`` (H*W, m), one image per column (row-major pixels) -> (m, H, W).

    ``images_to_columns(columns_to_images(X))`` returns ``X``.
    """
    H, W = _check_shape(shape)
    X = check_X(X, "X")
    if X.shape[0] != H * W:
        hint = " It looks like scikit-learn's (m, n_x) layout; use X.T." \
            if X.shape[1] == H * W else ""
        raise ValueError(f"X must have H*W = {H * W} rows (one pixel per row, one image per "
                         f"column), got shape {X.shape}.{hint}")
    return X.T.reshape(X.shape[1], H, W).copy()


def images_to_columns(images) -> np.ndarray:
    """Images (m, H, W) -> course layout (H*W, m), one flattened image per column."""
    arr = as_float_array(images, "images")
    if arr.ndim != 3:
        raise ValueError(f"images must be a batch (m, H, W), got shape {arr.shape}; "
                         f"for one image use image[None].")
    return arr.reshape(arr.shape[0], -1).T.copy()


def jitter_digits(images, max_degrees: float = 10.0, max_shift: float = 0.5,
                  elastic_alpha: float = 1.0, elastic_sigma: float = 1.5, seed=None,
                  rng=None) -> np.ndarray:
    """Label-preserving jitter of digit images (m, H, W): small rotation + shift, then a mild
    elastic distortion (pixels move by at most ``elastic_alpha``); the border stays ink-free.

    Strengths 0 give the identity.
    """
    gen = as_rng(seed, rng)
    out = random_affine(images, max_degrees=max_degrees, max_shift=max_shift, rng=gen,
                        mode="constant", cval=0.0)
    return elastic(out, elastic_alpha, elastic_sigma, rng=gen) if elastic_alpha else out


def _hflip(images, seed=None, rng=None, **_):
    return flip_horizontal(images, 1.0, seed=seed, rng=rng)


DIGIT_AUGMENTATIONS = {"jitter": jitter_digits, "hflip": _hflip}
"""Augmentations of :func:`augment_columns`: ``jitter`` keeps the label, ``hflip`` does not."""


def augment_columns(X, Y, n_copies: int, kind: str = "jitter", shape=(8, 8), seed=None, rng=None,
                    **kwargs):
    """Training set plus ``n_copies`` augmented copies of it, in the course layout.

    Parameters
    ----------
    X : (H*W, m) digit columns ; Y : (C, m) one-hot (or (1, m)) labels
    n_copies : int >= 0, augmented copies per original example
    kind : ``"jitter"`` (rotation + shift, label-preserving) or ``"hflip"`` (mirror)
    kwargs : strengths passed to the augmentation (``max_degrees``, ``max_shift``)

    Returns
    -------
    X_aug : (H*W, m * (1 + n_copies)), originals first, then copy 1 of every example, ...
    Y_aug : (C, m * (1 + n_copies)), the labels repeated in the same order.
    """
    if kind not in DIGIT_AUGMENTATIONS:
        raise ValueError(f"Unknown kind {kind!r}. Valid names: "
                         f"{', '.join(map(repr, DIGIT_AUGMENTATIONS))}.")
    if isinstance(n_copies, bool) or not isinstance(n_copies, numbers.Integral) or n_copies < 0:
        raise ValueError(f"n_copies must be an integer >= 0 (0 = no augmentation), "
                         f"got {n_copies!r}.")
    images = columns_to_images(X, shape)
    Y = as_float_array(Y, "Y", ndim=2)
    if Y.shape[1] != images.shape[0]:
        raise ValueError(f"Y has {Y.shape[1]} columns but X has {images.shape[0]} examples; "
                         f"Y must be (C, m) with the same m (use one_hot(labels, C)).")
    gen = as_rng(seed, rng)
    if n_copies == 0:
        return images_to_columns(images), Y.copy()
    batch = np.tile(images, (n_copies, 1, 1))
    new = DIGIT_AUGMENTATIONS[kind](batch, rng=gen, **kwargs)
    return (images_to_columns(np.concatenate([images, new])),
            np.tile(Y, (1, n_copies + 1)))
