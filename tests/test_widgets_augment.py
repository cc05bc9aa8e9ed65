"""Augmentation explorer: every transform, strength and seed extreme works and changes the
display."""
import numpy as np
import pytest

from course_utils.augment import TRANSFORMS, gallery, load_photo
from course_utils.plots.augment import (
    plot_augmentation_gain,
    plot_digit_rows,
    plot_flip_pairs,
    plot_gallery,
    plot_per_class,
)
from course_utils.widgets.augment import augment_compute, augment_explorer

PHOTO = load_photo(step=8)


@pytest.fixture(scope="module")
def explorer():
    return augment_explorer(image=PHOTO)


def test_compute_is_pure_and_scales_strength():
    a = augment_compute("rotation", 0.5, 3, PHOTO)
    b = augment_compute("rotation", 0.5, 3, PHOTO)
    np.testing.assert_array_equal(a["images"], b["images"])
    assert a["strength"] == pytest.approx(0.5 * TRANSFORMS["rotation"].max_strength)
    assert a["images"].shape == (3,) + PHOTO.shape
    zero = augment_compute("elastic", 0.0, 0, PHOTO)
    assert zero["change"] < 1e-12
    assert augment_compute("horizontal flip", 1.0, 0, PHOTO)["preserves_digit_label"] is False


@pytest.mark.parametrize("name", list(TRANSFORMS))
def test_every_transform_at_extremes(explorer, name):
    explorer.controls["transform"].value = name
    for strength, seed in ((0.0, 9), (1.0, 0), (0.5, 9)):
        for control, value in (("strength", strength), ("seed", seed)):
            explorer.controls[control].value = value
            assert explorer.error is None, explorer.error
            assert explorer.result["transform"] == name
            assert name in explorer.summary_text
            assert f"{explorer.result['strength']:.3g}" in explorer.summary_text
            assert bytes(explorer.image.value).startswith(b"\x89PNG")
    explorer.controls["strength"].value = 0.0
    img0 = bytes(explorer.image.value)
    explorer.controls["strength"].value = 1.0
    assert bytes(explorer.image.value) != img0  # a visible change at full strength
    assert explorer.result["change"] > 0.0


def test_summary_names_label_rule(explorer):
    explorer.controls["transform"].value = "horizontal flip"
    assert "changes a digit's meaning" in explorer.summary_text
    explorer.controls["transform"].value = "shift"
    assert "keeps a digit's label" in explorer.summary_text


@pytest.mark.parametrize("args, match", [
    (("blur", 0.5, 0), "Unknown transform 'blur'"),
    (("rotation", 1.5, 0), r"strength must be a fraction in \[0, 1\]"),
    (("rotation", True, 0), "strength must be a fraction"),
])
def test_compute_bad_inputs(args, match):
    with pytest.raises(ValueError, match=match):
        augment_compute(*args, PHOTO)


def test_plots_return_axes_with_titles():
    g = gallery(PHOTO, names=["rotation", "noise"], seed=0)
    axes = plot_gallery(PHOTO, g, {"rotation": "15"})
    assert axes[0].get_title() == "original" and "rotation" in axes[1].get_title()
    imgs = np.random.default_rng(0).random((3, 8, 8))
    axes = plot_digit_rows({"a": imgs, "b": imgs[:2]}, title="t")
    assert axes.shape == (2, 3) and not axes[1, 2].get_visible()
    res = {"sizes": np.array([20, 50]), "seeds": np.arange(3),
           "accuracy": {"none": np.full((2, 3), 0.8), "jitter": np.full((2, 3), 0.85)}}
    ax = plot_augmentation_gain(res)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and ax.get_legend()
    ax = plot_per_class(np.ones(10), np.zeros(10))
    assert ax.get_title() and ax.get_legend() and ax.get_xlabel() == "true digit"
    ax = plot_flip_pairs(imgs, [1, 2, 3])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2", "3"]
