"""The transforms by name, with one strength knob each (for galleries and explorers)."""
from __future__ import annotations

import numbers
from typing import Callable, NamedTuple

import numpy as np

from .._checks import check_choice
from . import transforms as T

__all__ = ["TransformSpec", "TRANSFORMS", "apply_transform", "gallery", "load_photo"]


class TransformSpec(NamedTuple):
    """One transform: how to call it with a single ``strength`` and what that strength means."""

    name: str
    apply: Callable  # apply(images, strength, rng) -> images
    strength_label: str
    max_strength: float
    default: float
    preserves_digit_label: bool
    description: str


def _geo(kw):
    return lambda im, s, rng: T.random_affine(im, rng=rng, mode="reflect", **{kw: s})


TRANSFORMS: dict[str, TransformSpec] = {
    "horizontal flip": TransformSpec(
        "horizontal flip", lambda im, s, rng: T.flip_horizontal(im, s, rng=rng),
        "probability", 1.0, 1.0, False, "mirror left-right (a flipped 2 is no longer a 2)"),
    "vertical flip": TransformSpec(
        "vertical flip", lambda im, s, rng: T.flip_vertical(im, s, rng=rng),
        "probability", 1.0, 1.0, False, "upside down (turns a 6 into a mirrored 9)"),
    "rotation": TransformSpec("rotation", _geo("max_degrees"), "max degrees", 180.0, 15.0, True,
                              "small angles keep the label; 180 degrees does not"),
    "shift": TransformSpec("shift", _geo("max_shift"), "max pixels", 40.0, 10.0, True,
                           "translate the content"),
    "zoom": TransformSpec("zoom", _geo("max_zoom"), "max zoom - 1", 1.0, 0.3, True,
                          "magnify or shrink about the centre"),
    "shear": TransformSpec("shear", _geo("max_shear"), "max degrees", 45.0, 15.0, True,
                           "slant the columns"),
    "random crop": TransformSpec(
        "random crop", lambda im, s, rng: T.random_crop(im, 1.0 - s, rng=rng),
        "fraction cut away", 0.8, 0.3, True, "keep a random window, resized back"),
    "elastic": TransformSpec(
        "elastic", lambda im, s, rng: T.elastic(im, s, sigma=4.0, rng=rng, mode="reflect"),
        "max pixels moved", 10.0, 4.0, True, "smooth local warping (handwriting jitter)"),
    "noise": TransformSpec(
        "noise", lambda im, s, rng: T.add_noise(im, s, rng=rng, clip=(0.0, 1.0)),
        "noise std", 0.5, 0.1, True, "additive Gaussian noise (values in [0, 1])"),
    "brightness/contrast": TransformSpec(
        "brightness/contrast",
        lambda im, s, rng: T.brightness_contrast(im, s, min(s, 1.0), rng=rng, clip=(0.0, 1.0)),
        "max change", 0.8, 0.3, True, "lighting changes (values in [0, 1])"),
}
"""All transforms of the gallery, by name. ``strength = 0`` is the identity for each one."""


def apply_transform(images, name: str, strength: float, seed: int | None = None, rng=None):
    """Apply the transform ``name`` of :data:`TRANSFORMS` at ``strength`` (same shape out)."""
    spec = check_choice(name, TRANSFORMS, "transform")
    if isinstance(strength, bool) or not isinstance(strength, numbers.Real) \
            or not 0 <= strength <= spec.max_strength:
        raise ValueError(f"strength of {name!r} ({spec.strength_label}) must be in "
                         f"[0, {spec.max_strength:g}], got {strength!r}.")
    from .._checks import as_rng
    return spec.apply(images, float(strength), as_rng(seed, rng))


def gallery(image, names=None, strengths=None, n_samples: int = 1, seed: int = 0) -> dict:
    """Augmented versions of one image: ``{name: (n_samples, H, W[, C]) array}``.

    Parameters
    ----------
    image : (H, W) or (H, W, C), values in [0, 1]
    names : transform names (default: all of :data:`TRANSFORMS`)
    strengths : dict name -> strength (default: each transform's default)
    n_samples : random draws per transform
    seed : one seed for the whole gallery (each transform gets its own stream)
    """
    img = np.asarray(image, dtype=float)
    if img.ndim not in (2, 3) or (img.ndim == 3 and img.shape[-1] not in (3, 4)):
        raise ValueError(f"image must be one image (H, W) or (H, W, C), got shape {img.shape}.")
    names = list(TRANSFORMS) if names is None else list(names)
    strengths = dict(strengths or {})
    seeds = np.random.SeedSequence(seed).spawn(len(names))
    out = {}
    for name, ss in zip(names, seeds):
        spec = check_choice(name, TRANSFORMS, "transform")
        batch = np.repeat(img[None], n_samples, axis=0)
        out[name] = apply_transform(batch, name, strengths.get(name, spec.default),
                                    rng=np.random.default_rng(ss))
    return out


def load_photo(name: str = "china.jpg", step: int = 4) -> np.ndarray:
    """A scikit-learn sample photo (shipped offline), downsampled by ``step``, values in [0, 1].

    Returns
    -------
    (H // step, W // step, 3) float64 array; ``china.jpg`` with step 4 is (107, 160, 3).
    """
    from sklearn.datasets import load_sample_image

    if name not in ("china.jpg", "flower.jpg"):
        raise ValueError(f"Unknown photo {name!r}. Valid names: 'china.jpg', 'flower.jpg'.")
    if isinstance(step, bool) or not isinstance(step, numbers.Integral) or step < 1:
        raise ValueError(f"step must be a positive integer (downsampling factor), got {step!r}.")
    img = load_sample_image(name).astype(np.float64) / 255.0
    H, W = (img.shape[0] // step) * step, (img.shape[1] // step) * step
    return img[:H, :W].reshape(H // step, step, W // step, step, 3).mean(axis=(1, 3))
