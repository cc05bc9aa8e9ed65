"""course_utils.augment: shapes, identity at zero strength, determinism, labels, bad inputs."""
import numpy as np
import pytest

from course_utils import augment as A
from course_utils.augment import transforms as T

RNG = np.random.default_rng(0)
GRAY = RNG.random((9, 12))
COLOR = RNG.random((9, 12, 3))
BATCH = RNG.random((5, 8, 8))
CBATCH = RNG.random((4, 9, 12, 3))
LAYOUTS = [GRAY, COLOR, BATCH, CBATCH]

RANDOM = {
    "rotate": lambda im, **k: T.rotate(im, 20, **k),
    "shift": lambda im, **k: T.shift(im, 2.0, **k),
    "zoom": lambda im, **k: T.zoom(im, 0.3, **k),
    "shear": lambda im, **k: T.shear(im, 15, **k),
    "random_affine": lambda im, **k: T.random_affine(im, 10, 1, 0.1, 5, **k),
    "random_crop": lambda im, **k: T.random_crop(im, 0.7, **k),
    "elastic": lambda im, **k: T.elastic(im, 2.0, 2.0, **k),
    "add_noise": lambda im, **k: T.add_noise(im, 0.1, **k),
    "brightness_contrast": lambda im, **k: T.brightness_contrast(im, 0.2, 0.3, **k),
    "flip_horizontal": lambda im, **k: T.flip_horizontal(im, 0.5, **k),
}
IDENTITY = {
    "rotate": lambda im: T.rotate(im, 0, seed=1),
    "shift": lambda im: T.shift(im, 0, seed=1),
    "zoom": lambda im: T.zoom(im, 0, seed=1),
    "shear": lambda im: T.shear(im, 0, seed=1),
    "random_crop": lambda im: T.random_crop(im, 1.0, seed=1),
    "elastic": lambda im: T.elastic(im, 0.0, seed=1),
    "add_noise": lambda im: T.add_noise(im, 0.0, seed=1),
    "brightness_contrast": lambda im: T.brightness_contrast(im, 0, 0, seed=1),
    "flip_horizontal": lambda im: T.flip_horizontal(im, 0.0, seed=1),
    "flip_vertical": lambda im: T.flip_vertical(im, 0.0, seed=1),
}


@pytest.mark.parametrize("name", sorted(RANDOM))
@pytest.mark.parametrize("images", LAYOUTS, ids=["HW", "HWC", "NHW", "NHWC"])
def test_shape_preserved_and_deterministic(name, images):
    f = RANDOM[name]
    a, b, c = f(images, seed=3), f(images, seed=3), f(images, seed=4)
    assert a.shape == images.shape and a.dtype == np.float64
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c) or name == "flip_horizontal"
    assert np.all(np.isfinite(a))


@pytest.mark.parametrize("name", sorted(IDENTITY))
@pytest.mark.parametrize("images", LAYOUTS, ids=["HW", "HWC", "NHW", "NHWC"])
def test_identity_at_zero_strength(name, images):
    np.testing.assert_allclose(IDENTITY[name](images), images, atol=1e-12)


def test_inputs_not_mutated():
    x = BATCH.copy()
    for f in RANDOM.values():
        f(x, seed=0)
    np.testing.assert_array_equal(x, BATCH)


def test_flips_match_numpy():
    np.testing.assert_array_equal(T.flip_horizontal(COLOR), COLOR[:, ::-1])
    np.testing.assert_array_equal(T.flip_vertical(BATCH), BATCH[:, ::-1])
    # p = 0.5 flips some images of a batch, each either flipped or untouched
    out = T.flip_horizontal(RNG.random((40, 4, 4)), 0.5, seed=0)
    assert out.shape == (40, 4, 4)


def test_rotation_by_90_is_rot90_and_shift_by_integer_is_exact():
    sq = RNG.random((7, 7))
    np.testing.assert_allclose(T.warp_affine(sq, A.affine_matrix(90)), np.rot90(sq), atol=1e-12)
    moved = T.warp_affine(sq, np.eye(2), shifts=(1, 2))
    np.testing.assert_allclose(moved[1:, 2:], sq[:-1, :-2], atol=1e-12)
    assert np.all(moved[0] == 0) and np.all(moved[:, :2] == 0)


def test_random_angles_within_range_rotate_a_bar():
    bar = np.zeros((21, 21))
    bar[10, 3:18] = 1.0  # horizontal bar
    out = T.rotate(np.repeat(bar[None], 50, 0), 30, seed=0)
    # the bar's mass stays (mostly) inside the image and it is never vertical
    assert np.all(out[:, 0:3, 10].sum(axis=1) < 0.5)


def test_noise_and_brightness_statistics_and_clip():
    x = np.full((200, 16, 16), 0.5)
    noisy = T.add_noise(x, 0.1, seed=0)
    assert abs(noisy.std() - 0.1) < 0.005 and abs(noisy.mean() - 0.5) < 0.005
    clipped = T.add_noise(x, 1.0, seed=0, clip=(0, 1))
    assert clipped.min() == 0.0 and clipped.max() == 1.0
    bc = T.brightness_contrast(x, 0.2, 0.0, seed=0)
    shifts = bc.mean(axis=(1, 2)) - 0.5
    assert np.all(np.abs(shifts) <= 0.2) and shifts.std() > 0.05


def test_elastic_moves_at_most_alpha_pixels():
    ramp = np.tile(np.arange(20.0), (20, 1))  # value = column index
    out = T.elastic(ramp, 1.5, 3.0, seed=0, mode="nearest")
    assert np.max(np.abs(out - ramp)) <= 1.5 + 1e-9
    assert np.max(np.abs(out - ramp)) > 0.5


def test_digit_columns_round_trip_and_layout():
    X = RNG.random((64, 7))
    imgs = A.columns_to_images(X)
    assert imgs.shape == (7, 8, 8)
    np.testing.assert_array_equal(imgs[2].ravel(), X[:, 2])
    np.testing.assert_array_equal(A.images_to_columns(imgs), X)


def test_augment_columns_keeps_labels_aligned():
    X = RNG.random((64, 6))
    labels = np.arange(6) % 3
    Y = np.eye(3)[labels].T
    Xa, Ya = A.augment_columns(X, Y, 2, seed=0, max_degrees=0.0, max_shift=0.0, elastic_alpha=0.0)
    assert Xa.shape == (64, 18) and Ya.shape == (3, 18)
    np.testing.assert_allclose(Xa[:, :6], X)
    np.testing.assert_allclose(Xa[:, 6:12], X, atol=1e-12)  # zero strength: copies equal originals
    np.testing.assert_array_equal(Ya.argmax(0), np.tile(labels, 3))
    Xb, _ = A.augment_columns(X, Y, 2, seed=0)
    Xc, _ = A.augment_columns(X, Y, 2, seed=0)
    np.testing.assert_array_equal(Xb, Xc)
    Xf, Yf = A.augment_columns(X, Y, 1, kind="hflip")
    np.testing.assert_array_equal(Xf[:, 6:].T.reshape(6, 8, 8), X.T.reshape(6, 8, 8)[:, :, ::-1])
    np.testing.assert_array_equal(Yf[:, 6:], Y)
    X0, Y0 = A.augment_columns(X, Y, 0)
    np.testing.assert_array_equal(X0, X)


def test_catalog_gallery_and_photo():
    photo = A.load_photo(step=8)
    assert photo.shape == (53, 80, 3) and 0 <= photo.min() and photo.max() <= 1
    g = A.gallery(photo, n_samples=2, seed=0)
    assert set(g) == set(A.TRANSFORMS)
    for name, imgs in g.items():
        assert imgs.shape == (2,) + photo.shape, name
        assert np.all(np.isfinite(imgs))
    for name, spec in A.TRANSFORMS.items():
        ident = 1.0 if name == "random crop" else 0.0
        out = A.apply_transform(photo, name, 0.0, seed=0)
        np.testing.assert_allclose(out, photo, atol=1e-12, err_msg=name)
        A.apply_transform(photo, name, spec.max_strength, seed=0)  # extreme works
        del ident
    assert not A.TRANSFORMS["horizontal flip"].preserves_digit_label
    assert A.TRANSFORMS["rotation"].preserves_digit_label


@pytest.mark.parametrize("call, exc, match", [
    (lambda: T.rotate(np.zeros((2, 3, 4, 5, 6)), 10), ValueError, r"must be \(H, W\)"),
    (lambda: T.rotate(np.zeros(5), 10), ValueError, r"\(H, W\), \(H, W, C\)"),
    (lambda: T.rotate(np.zeros((1, 4)), 10), ValueError, "at least 2x2"),
    (lambda: T.rotate(np.full((4, 4), np.nan), 10), ValueError, "NaN or infinite"),
    (lambda: T.rotate("image", 10), TypeError, "numeric array"),
    (lambda: T.rotate(GRAY, -5), ValueError, r"max_degrees must be a finite number in \[0, 360\]"),
    (lambda: T.rotate(GRAY, "10"), TypeError, "max_degrees must be a number"),
    (lambda: T.add_noise(GRAY, np.inf), ValueError, "std must be a finite number >= 0"),
    (lambda: T.add_noise(GRAY, 0.1, clip=(1, 0)), ValueError, "low < high"),
    (lambda: T.add_noise(GRAY, 0.1, clip=5), TypeError, "pair"),
    (lambda: T.random_crop(GRAY, 0.0), ValueError, r"crop_fraction must be in \(0, 1\]"),
    (lambda: T.flip_horizontal(GRAY, 1.5), ValueError, r"p must be a finite number in \[0, 1\]"),
    (lambda: T.brightness_contrast(GRAY, 0, 2.0), ValueError, "max_contrast"),
    (lambda: T.elastic(GRAY, 1.0, 0.0), ValueError, "sigma must be > 0"),
    (lambda: T.shift(GRAY, 1, mode="wrap"), ValueError, "Unknown mode 'wrap'. Valid names"),
    (lambda: T.rotate(GRAY, 1, seed=-1), ValueError, "non-negative integer"),
    (lambda: T.warp_affine(BATCH, np.eye(3)), ValueError, r"matrices must have shape \(2, 2\)"),
    (lambda: A.columns_to_images(np.zeros((10, 64))), ValueError, r"use X\.T"),
    (lambda: A.columns_to_images(np.zeros((63, 4))), ValueError, "H\\*W = 64 rows"),
    (lambda: A.columns_to_images(np.zeros((64, 4)), shape=(8,)), ValueError, "pair of image sizes"),
    (lambda: A.images_to_columns(np.zeros((8, 8))), ValueError, r"batch \(m, H, W\)"),
    (lambda: A.augment_columns(np.zeros((64, 3)), np.eye(3), -1), ValueError, "n_copies"),
    (lambda: A.augment_columns(np.zeros((64, 3)), np.eye(3), 1, kind="vflip"), ValueError,
     "Unknown kind 'vflip'"),
    (lambda: A.augment_columns(np.zeros((64, 3)), np.eye(4), 1), ValueError, "same m"),
    (lambda: A.apply_transform(GRAY, "blur", 1.0), ValueError, "Unknown transform 'blur'"),
    (lambda: A.apply_transform(GRAY, "rotation", 400), ValueError, r"must be in \[0, 180\]"),
    (lambda: A.load_photo("cat.jpg"), ValueError, "Unknown photo"),
    (lambda: A.load_photo(step=0), ValueError, "step must be a positive integer"),
    (lambda: A.gallery(BATCH), ValueError, "must be one image"),
])
def test_bad_inputs(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
