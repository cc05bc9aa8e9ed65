r"""Image transforms for data augmentation: pure, seeded, vectorized (floor 3).

Every transform takes images in one of four layouts and returns float64 images
of exactly the same shape:

=====================  =========================================
``(H, W)``             one grayscale image
``(H, W, C)``          one colour image (``C`` in {3, 4})
``(N, H, W)``          a batch of grayscale images
``(N, H, W, C)``       a batch of colour images
=====================  =========================================

A 3-D array is read as one colour image when its last axis has 3 or 4 entries,
otherwise as a batch of grayscale images.

Geometric transforms (rotation, zoom, shear, shift, crop, elastic distortion)
resample the image with bilinear interpolation: output pixel :math:`p` (row,
column, measured from the image centre :math:`c`) takes the value of the input
at

.. math::
    p_{\text{src}} = M\,(p - c) + c - t ,

with one :math:`2\times 2` matrix :math:`M` and shift :math:`t` per image, all
in one vectorized gather (no loop over pixels or images). Random strengths are
drawn uniformly in ``[-strength, strength]`` per image, so strength 0 is the
identity. Every random transform takes ``seed`` (int) or ``rng`` (a
``numpy.random.Generator``): same seed, same result.
"""
from __future__ import annotations

import numbers

import numpy as np

from .._checks import as_float_array, as_rng

__all__ = ["to_batch", "from_batch", "affine_matrix", "warp_affine", "flip_horizontal",
           "flip_vertical", "rotate", "shift", "zoom", "shear", "random_crop",
           "random_affine", "elastic", "add_noise", "brightness_contrast"]

MODES = ("constant", "nearest", "reflect")


# --------------------------------------------------------------------------- layout
def to_batch(images, name: str = "images"):
    """Return ``(batch, layout)``: a float64 ``(N, H, W, C)`` copy and the original layout tag."""
    arr = as_float_array(images, name)
    if arr.ndim == 2:
        layout, batch = "HW", arr[None, :, :, None]
    elif arr.ndim == 3 and arr.shape[-1] in (3, 4):
        layout, batch = "HWC", arr[None]
    elif arr.ndim == 3:
        layout, batch = "NHW", arr[..., None]
    elif arr.ndim == 4:
        layout, batch = "NHWC", arr
    else:
        raise ValueError(f"{name} must be (H, W), (H, W, C), (N, H, W) or (N, H, W, C), got shape "
                         f"{arr.shape} ({arr.ndim}-D). For digit columns (64, m) use "
                         f"columns_to_images(X) first.")
    if min(batch.shape[1:3]) < 2:
        raise ValueError(f"{name} must be at least 2x2 pixels, got shape {arr.shape}.")
    if not np.all(np.isfinite(batch)):
        raise ValueError(f"{name} contains NaN or infinite values; clean them first "
                         f"(e.g. np.nan_to_num).")
    return np.array(batch, dtype=np.float64), layout


def from_batch(batch: np.ndarray, layout: str) -> np.ndarray:
    """Inverse of :func:`to_batch`: ``(N, H, W, C)`` back to the original layout."""
    if layout == "HW":
        return batch[0, :, :, 0]
    if layout == "HWC":
        return batch[0]
    if layout == "NHW":
        return batch[..., 0]
    return batch


def _strength(value, name: str, upper: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number >= 0, got {type(value).__name__} {value!r}.")
    if not np.isfinite(value) or value < 0 or (upper is not None and value > upper):
        rng_txt = f"in [0, {upper:g}]" if upper is not None else ">= 0"
        raise ValueError(f"{name} must be a finite number {rng_txt} (0 = no change), got {value}.")
    return float(value)


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"Unknown mode {mode!r}. Valid names: {', '.join(map(repr, MODES))}.")
    return mode


def _clip(batch, clip):
    if clip is None:
        return batch
    try:
        lo, hi = (float(v) for v in clip)
    except (TypeError, ValueError):
        raise TypeError(f"clip must be None or a pair (low, high), got {clip!r}.") from None
    if not lo < hi:
        raise ValueError(f"clip must satisfy low < high, got {clip!r}; e.g. clip=(0, 1).")
    return np.clip(batch, lo, hi)


# --------------------------------------------------------------------------- resampling
def _fold(idx, n, mode):
    """Map integer indices into [0, n) (nearest: clamp; reflect: mirror incl. edge)."""
    if mode == "reflect":
        idx = np.mod(idx, 2 * n)
        return np.where(idx >= n, 2 * n - 1 - idx, idx)
    return np.clip(idx, 0, n - 1)


def _sample(batch, rows, cols, mode="constant", cval=0.0):
    """Bilinear sample ``batch`` (N, H, W, C) at float coordinates rows/cols (N, H, W)."""
    N, H, W, _ = batch.shape
    r0f, c0f = np.floor(rows), np.floor(cols)
    fr, fc = rows - r0f, cols - c0f
    r0, c0 = r0f.astype(np.intp), c0f.astype(np.intp)
    n = np.arange(N)[:, None, None]
    out = np.zeros(rows.shape + (batch.shape[3],))
    for dr, wr in ((0, 1.0 - fr), (1, fr)):
        rr = r0 + dr
        for dc, wc in ((0, 1.0 - fc), (1, fc)):
            cc = c0 + dc
            vals = batch[n, _fold(rr, H, mode), _fold(cc, W, mode)]
            if mode == "constant":
                inside = (rr >= 0) & (rr < H) & (cc >= 0) & (cc < W)
                vals = np.where(inside[..., None], vals, cval)
            out += (wr * wc)[..., None] * vals
    return out


def affine_matrix(degrees=0.0, zoom=1.0, shear_degrees=0.0) -> np.ndarray:
    r"""The sampling matrices :math:`M` of a rotation, zoom and shear (arrays broadcast).

    Rotation by ``degrees`` turns the content counter-clockwise (90 equals
    ``np.rot90``); ``zoom > 1`` magnifies; shear slants columns by
    ``shear_degrees``. Returns an array of shape ``broadcast_shape + (2, 2)``.
    """
    th = np.deg2rad(np.asarray(degrees, dtype=float))
    s = np.asarray(zoom, dtype=float)
    sh = np.tan(np.deg2rad(np.asarray(shear_degrees, dtype=float)))
    th, s, sh = np.broadcast_arrays(th, s, sh)
    cos, sin = np.cos(th), np.sin(th)
    # M = R(theta) @ Shear @ (1/s) I, written out entry by entry (rows: src row, src col)
    M = np.empty(th.shape + (2, 2))
    M[..., 0, 0] = cos / s
    M[..., 0, 1] = sin / s
    M[..., 1, 0] = (-sin + cos * sh) / s
    M[..., 1, 1] = (cos + sin * sh) / s
    return M


def warp_affine(images, matrices, shifts=None, mode: str = "constant", cval: float = 0.0):
    r"""Resample images with per-image affine maps :math:`p_{src} = M(p-c) + c - t`.

    Parameters
    ----------
    images : (H, W), (H, W, C), (N, H, W) or (N, H, W, C)
    matrices : (2, 2) or (N, 2, 2) sampling matrices (see :func:`affine_matrix`)
    shifts : (2,) or (N, 2) translation t in pixels (rows, cols) of the content, optional
    mode : ``"constant"`` (fill with ``cval``), ``"nearest"`` or ``"reflect"``

    Returns
    -------
    ndarray of the same shape as ``images``.
    """
    batch, layout = to_batch(images)
    _check_mode(mode)
    N, H, W, _ = batch.shape
    M = np.broadcast_to(as_float_array(matrices, "matrices"), (N, 2, 2)) \
        if np.shape(matrices) in ((2, 2), (N, 2, 2)) else None
    if M is None:
        raise ValueError(f"matrices must have shape (2, 2) or ({N}, 2, 2), got "
                         f"{np.shape(matrices)}; build them with affine_matrix(...).")
    t = np.zeros((N, 2)) if shifts is None else np.broadcast_to(
        as_float_array(shifts, "shifts"), (N, 2))
    cr, cc = (H - 1) / 2.0, (W - 1) / 2.0
    pr, pc = np.meshgrid(np.arange(H) - cr, np.arange(W) - cc, indexing="ij")
    rows = (M[:, 0, 0, None, None] * pr + M[:, 0, 1, None, None] * pc + cr
            - t[:, 0, None, None])
    cols = (M[:, 1, 0, None, None] * pr + M[:, 1, 1, None, None] * pc + cc
            - t[:, 1, None, None])
    return from_batch(_sample(batch, rows, cols, mode, float(cval)), layout)


# --------------------------------------------------------------------------- transforms
def flip_horizontal(images, p: float = 1.0, seed=None, rng=None):
    """Mirror left-right each image with probability ``p`` (1 = all, 0 = identity)."""
    return _flip(images, p, seed, rng, axis=2)


def flip_vertical(images, p: float = 1.0, seed=None, rng=None):
    """Mirror upside-down each image with probability ``p`` (1 = all, 0 = identity)."""
    return _flip(images, p, seed, rng, axis=1)


def _flip(images, p, seed, rng, axis):
    batch, layout = to_batch(images)
    p = _strength(p, "p", 1.0)
    chosen = as_rng(seed, rng).random(batch.shape[0]) < p
    batch[chosen] = np.flip(batch[chosen], axis=axis)
    return from_batch(batch, layout)


def random_affine(images, max_degrees=0.0, max_shift=0.0, max_zoom=0.0, max_shear=0.0,
                  seed=None, rng=None, mode: str = "constant", cval: float = 0.0):
    r"""One random affine map per image, applied with a single interpolation.

    Angle :math:`\theta \sim U[-\text{max\_degrees}, \text{max\_degrees}]`, shift
    (rows and cols) :math:`\sim U[-\text{max\_shift}, \text{max\_shift}]` pixels, zoom
    :math:`s = e^{u}`, :math:`u \sim U[-\ln(1+\text{max\_zoom}), \ln(1+\text{max\_zoom})]`,
    shear angle :math:`\sim U[-\text{max\_shear}, \text{max\_shear}]` degrees.
    All strengths 0 give the identity.
    """
    batch, layout = to_batch(images)
    deg = _strength(max_degrees, "max_degrees", 360.0)
    sft = _strength(max_shift, "max_shift")
    zm = _strength(max_zoom, "max_zoom")
    shr = _strength(max_shear, "max_shear", 60.0)
    gen = as_rng(seed, rng)
    N = batch.shape[0]
    theta = gen.uniform(-deg, deg, N)
    t = gen.uniform(-sft, sft, (N, 2))
    s = np.exp(gen.uniform(-np.log1p(zm), np.log1p(zm), N))
    phi = gen.uniform(-shr, shr, N)
    out = warp_affine(batch, affine_matrix(theta, s, phi), t, mode, cval)
    return from_batch(out, layout)


def rotate(images, max_degrees, seed=None, rng=None, mode="constant", cval=0.0):
    """Rotate each image about its centre by an angle drawn in [-max_degrees, max_degrees]."""
    return random_affine(images, max_degrees=max_degrees, seed=seed, rng=rng, mode=mode, cval=cval)


def shift(images, max_shift, seed=None, rng=None, mode="constant", cval=0.0):
    """Translate each image by up to ``max_shift`` pixels along rows and columns."""
    return random_affine(images, max_shift=max_shift, seed=seed, rng=rng, mode=mode, cval=cval)


def zoom(images, max_zoom, seed=None, rng=None, mode="constant", cval=0.0):
    """Zoom each image in or out about its centre by a factor in [1/(1+z), 1+z]."""
    return random_affine(images, max_zoom=max_zoom, seed=seed, rng=rng, mode=mode, cval=cval)


def shear(images, max_shear, seed=None, rng=None, mode="constant", cval=0.0):
    """Slant each image by a shear angle in [-max_shear, max_shear] degrees."""
    return random_affine(images, max_shear=max_shear, seed=seed, rng=rng, mode=mode, cval=cval)


def random_crop(images, crop_fraction: float = 1.0, seed=None, rng=None):
    """Cut a random window of ``crop_fraction`` of the height and width, resized back.

    ``crop_fraction`` in (0, 1]; 1 keeps the whole image (identity). The window
    lies inside the image, so no padding is needed.
    """
    batch, layout = to_batch(images)
    if isinstance(crop_fraction, bool) or not isinstance(crop_fraction, numbers.Real) \
            or not 0 < crop_fraction <= 1:
        raise ValueError(f"crop_fraction must be in (0, 1] (1 = no crop), got {crop_fraction!r}.")
    f = float(crop_fraction)
    N, H, W, _ = batch.shape
    gen = as_rng(seed, rng)
    room = (1.0 - f) * np.array([H - 1, W - 1]) / 2.0
    t = gen.uniform(-1.0, 1.0, (N, 2)) * room
    out = warp_affine(batch, affine_matrix(0.0, 1.0 / f, 0.0), t, "nearest")
    return from_batch(out, layout)


def elastic(images, alpha: float, sigma: float = 3.0, seed=None, rng=None,
            mode: str = "constant", cval: float = 0.0):
    r"""Elastic distortion (Simard et al., 2003): a smooth random displacement field.

    Each pixel moves by :math:`\alpha\,(G_\sigma * u)` with :math:`u \sim U[-1, 1]` drawn
    per pixel and :math:`G_\sigma` a Gaussian blur of width ``sigma`` pixels;
    the field is rescaled so that its largest displacement is ``alpha`` pixels.
    ``alpha = 0`` is the identity. Uses :func:`scipy.ndimage.gaussian_filter`.
    """
    from scipy.ndimage import gaussian_filter

    batch, layout = to_batch(images)
    alpha = _strength(alpha, "alpha")
    sigma = _strength(sigma, "sigma")
    if sigma == 0:
        raise ValueError("sigma must be > 0 (the smoothness of the displacement field in pixels).")
    N, H, W, _ = batch.shape
    u = as_rng(seed, rng).uniform(-1.0, 1.0, (2, N, H, W))
    field = gaussian_filter(u, sigma=(0, 0, sigma, sigma), mode="reflect")
    peak = np.abs(field).max(axis=(2, 3), keepdims=True)
    field = alpha * field / np.where(peak > 0, peak, 1.0)
    rr, cc = np.meshgrid(np.arange(H, dtype=float), np.arange(W, dtype=float), indexing="ij")
    out = _sample(batch, rr + field[0], cc + field[1], _check_mode(mode), float(cval))
    return from_batch(out, layout)


def add_noise(images, std: float, seed=None, rng=None, clip=None):
    """Add Gaussian noise of standard deviation ``std`` (0 = identity); ``clip=(lo, hi)``."""
    batch, layout = to_batch(images)
    std = _strength(std, "std")
    out = batch + std * as_rng(seed, rng).standard_normal(batch.shape)
    return from_batch(_clip(out, clip), layout)


def brightness_contrast(images, max_brightness: float = 0.0, max_contrast: float = 0.0,
                        seed=None, rng=None, clip=None):
    r"""Random brightness offset and contrast factor per image.

    :math:`x' = \bar x + c\,(x - \bar x) + b` with :math:`b \sim U[-\text{max\_brightness},
    \text{max\_brightness}]` (in the images' units) and :math:`c \sim U[1 -
    \text{max\_contrast}, 1 + \text{max\_contrast}]`; :math:`\bar x` is the image's mean.
    """
    batch, layout = to_batch(images)
    mb = _strength(max_brightness, "max_brightness")
    mc = _strength(max_contrast, "max_contrast", 1.0)
    gen = as_rng(seed, rng)
    N = batch.shape[0]
    b = gen.uniform(-mb, mb, N)[:, None, None, None]
    c = gen.uniform(1.0 - mc, 1.0 + mc, N)[:, None, None, None]
    mean = batch.mean(axis=(1, 2, 3), keepdims=True)
    return from_batch(_clip(mean + c * (batch - mean) + b, clip), layout)
