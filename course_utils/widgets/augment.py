"""Explorer of notebook 05: pick a transform and its strength, see random augmented copies."""
from __future__ import annotations

import numbers

import ipywidgets as widgets
import numpy as np

from ..augment import TRANSFORMS, apply_transform, load_photo
from ..i18n import N_, _
from ..plots.augment import show_image
from .base import BlitExplorer, translate_known

__all__ = ["augment_compute", "augment_summary", "augment_explorer"]

_TRANSFORM_TEXTS = (
    N_("probability"), N_("max degrees"), N_("max pixels"), N_("max zoom - 1"),
    N_("fraction cut away"), N_("max pixels moved"), N_("noise std"), N_("max change"),
    N_("mirror left-right (a flipped 2 is no longer a 2)"),
    N_("upside down (turns a 6 into a mirrored 9)"),
    N_("small angles keep the label; 180 degrees does not"), N_("translate the content"),
    N_("magnify or shrink about the centre"), N_("slant the columns"),
    N_("keep a random window, resized back"), N_("smooth local warping (handwriting jitter)"),
    N_("additive Gaussian noise (values in [0, 1])"), N_("lighting changes (values in [0, 1])"),
)
"""The strength labels and descriptions of ``augment.TRANSFORMS``, translated when shown
(the transform names are the dropdown's values, kept as in the code)."""


def augment_compute(transform: str, strength: float, seed: int, image, n_samples: int = 3) -> dict:
    """Pure compute behind :func:`augment_explorer`.

    Parameters
    ----------
    transform : a name of ``TRANSFORMS``
    strength : fraction in [0, 1] of the transform's largest strength
    seed : randomness of the draws
    image : (H, W) or (H, W, 3) in [0, 1]

    Returns
    -------
    dict with ``images`` (n_samples, H, W[, 3]), ``strength`` (in the transform's units),
    ``label``, ``change`` (mean absolute pixel change) and ``preserves_digit_label``.
    """
    if transform not in TRANSFORMS:
        raise ValueError(f"Unknown transform {transform!r}. Valid names: "
                         f"{', '.join(map(repr, TRANSFORMS))}.")
    if isinstance(strength, bool) or not isinstance(strength, numbers.Real) \
            or not 0 <= strength <= 1:
        raise ValueError(f"strength must be a fraction in [0, 1] of the largest strength, "
                         f"got {strength!r}.")
    spec = TRANSFORMS[transform]
    s = float(strength) * spec.max_strength
    img = np.asarray(image, dtype=float)
    batch = np.repeat(img[None], n_samples, axis=0)
    out = apply_transform(batch, transform, s, seed=int(seed))
    return {"images": out, "original": img, "transform": transform, "strength": s,
            "label": spec.strength_label, "change": float(np.mean(np.abs(out - batch))),
            "preserves_digit_label": spec.preserves_digit_label,
            "description": spec.description}


def augment_summary(r: dict) -> str:
    """HTML: the transform, its strength in its own units, the pixel change and the label rule."""
    if r["preserves_digit_label"]:
        text = _("<b>{transform}</b> ({description}): {label} = <b>{strength:.3g}</b>; mean "
                 "|pixel change| = {change:.3f}. For digits it keeps a digit's label at small "
                 "strengths.")
    else:
        text = _("<b>{transform}</b> ({description}): {label} = <b>{strength:.3g}</b>; mean "
                 "|pixel change| = {change:.3f}. For digits it <b>changes a digit's "
                 "meaning</b>: not label-preserving for digits.")
    return text.format(transform=r["transform"],
                       description=translate_known(r["description"], _TRANSFORM_TEXTS),
                       label=translate_known(r["label"], _TRANSFORM_TEXTS),
                       strength=r["strength"], change=r["change"])


def augment_explorer(transform: str = "rotation", strength: float = 0.3, seed: int = 0,
                     image=None) -> BlitExplorer:
    """Dropdown of transforms, strength and seed sliders -> the photo and three random copies."""
    img = load_photo() if image is None else np.asarray(image, dtype=float)
    controls = {
        "transform": widgets.Dropdown(options=list(TRANSFORMS), value=transform,
                                      description=_("transform")),
        "strength": widgets.FloatSlider(value=strength, min=0.0, max=1.0, step=0.05,
                                        description=_("strength"), readout_format=".2f"),
        "seed": widgets.IntSlider(value=seed, min=0, max=9, description=_("seed")),
    }

    def compute(transform, strength, seed):
        return augment_compute(transform, strength, seed, img)

    def draw(r, fig):
        axes = fig.subplots(1, 1 + len(r["images"]), gridspec_kw=dict(
            left=0.01, right=0.99, bottom=0.02, top=0.86, wspace=0.04))
        show_image(r["original"], axes[0], "original")
        for i, (ax, im) in enumerate(zip(axes[1:], r["images"])):
            show_image(im, ax, f"random copy {i + 1}")
        return {"images": [ax.images[0] for ax in axes[1:]]}

    def refresh(r, artists):
        for art, im in zip(artists["images"], r["images"]):
            art.set_data(np.clip(im, 0.0, 1.0) if im.ndim == 3 else im)

    return BlitExplorer(controls, compute, draw, augment_summary, refresh=refresh,
                        dynamic=lambda a: a["images"], figsize=(10, 2.1),
                        title=_("<b>Augmentation explorer</b>: strength is a fraction of "
                                "the transform's largest setting"))
