"""Exercise checkers of notebook 05: the reference passes, each classic mistake is named."""
import numpy as np
import pytest

from course_utils.augment import columns_to_images, images_to_columns
from course_utils.exercises import augment as EA


def stub(*args, **kwargs):
    raise NotImplementedError("write your solution here")


# --------------------------------------------------------------------------- 05
def good_shift(image, dr, dc):
    return EA._shift_reference(image, dr, dc)


@pytest.mark.parametrize("fn, phrase", [
    (lambda image, dr, dc: np.roll(image, (dr, dc), axis=(0, 1)), "np.roll"),
    (lambda image, dr, dc: EA._shift_reference(image, dc, dr), "swapped rows and columns"),
    (lambda image, dr, dc: EA._shift_reference(image, -dr, -dc), "opposite direction"),
    (lambda image, dr, dc: image, "wrong result"),
])
def test_shift_mistakes(fn, phrase):
    fb = EA.check_shift_image(fn)
    assert not fb.passed and phrase in fb.message


def test_shift_reference_stub_and_crash():
    assert EA.check_shift_image(good_shift).passed
    assert EA.check_shift_image(stub).status == "not implemented"
    assert str(EA.check_shift_image(stub)).startswith("[TODO]")
    fb = EA.check_shift_image(lambda image, dr, dc: image[dr, dc, 0])
    assert not fb.passed and "raised" in fb.message


def good_sets(X_train, Y_train, X_dev, Y_dev, transform):
    new = images_to_columns(transform(columns_to_images(X_train)))
    return np.hstack([X_train, new]), np.hstack([Y_train, Y_train]), X_dev, Y_dev


@pytest.mark.parametrize("fn, phrase", [
    (lambda X_train, Y_train, X_dev, Y_dev, transform: EA._aug_dev(
        X_train, Y_train, X_dev, Y_dev, transform), "augmented the dev set"),
    (lambda X_train, Y_train, X_dev, Y_dev, transform: EA._aug_dev_replace(
        X_train, Y_train, X_dev, Y_dev, transform), "replaced the dev images"),
    (lambda X_train, Y_train, X_dev, Y_dev, transform: (
        images_to_columns(transform(columns_to_images(X_train))), Y_train, X_dev, Y_dev),
     "dropped the original"),
    (lambda X_train, Y_train, X_dev, Y_dev, transform: (
        good_sets(X_train, Y_train, X_dev, Y_dev, transform)[0],
        np.repeat(Y_train, 2, axis=1), X_dev, Y_dev), "np.repeat"),
    (lambda X_train, Y_train, X_dev, Y_dev, transform: (
        good_sets(X_train, Y_train, X_dev, Y_dev, transform)[0], Y_train, X_dev, Y_dev),
     "forgot to repeat the labels"),
    (lambda X_train, Y_train, X_dev, Y_dev, transform: (
        np.hstack([X_train, transform(columns_to_images(X_train)).reshape(X_train.shape)]),
        np.hstack([Y_train, Y_train]), X_dev, Y_dev), "lost their order"),
])
def test_augmented_sets_mistakes(fn, phrase):
    fb = EA.check_augmented_sets(fn)
    assert not fb.passed and phrase in fb.message, fb.message


def test_augmented_sets_reference_and_columns_mistake():
    assert EA.check_augmented_sets(good_sets).passed
    assert EA.check_augmented_sets(stub).status == "not implemented"
    # transforming the columns directly: the checker's transform refuses (64, m)
    fb = EA.check_augmented_sets(lambda X_train, Y_train, X_dev, Y_dev, transform: (
        np.hstack([X_train, transform(X_train)]), Y_train, X_dev, Y_dev))
    assert not fb.passed and "columns_to_images" in fb.message


RIGHT = {q: a for q, (a, _) in EA.LABEL_QUESTIONS.items()}


def test_label_preserving_quiz():
    assert EA.check_label_preserving(lambda: dict(RIGHT)).passed
    flip = dict(RIGHT, **{"flip a digit left-right": True})
    fb = EA.check_label_preserving(lambda: flip)
    assert not fb.passed and "flipping digits as label-preserving" in fb.message
    dev = dict(RIGHT, **{"apply the training augmentation to the dev set too": True})
    fb = EA.check_label_preserving(lambda: dev)
    assert "augment the dev set" in fb.message
    rot = dict(RIGHT, **{"rotate a digit by 180 degrees": True})
    assert "6 into a 9" in EA.check_label_preserving(lambda: rot).message
    two = dict(flip, **{"rotate a digit by 10 degrees": False})
    assert "1 more wrong" in EA.check_label_preserving(lambda: two).message
    assert "missing" in EA.check_label_preserving(lambda: {}).message
    assert "True or False" in EA.check_label_preserving(
        lambda: {q: "yes" for q in RIGHT}).message
    assert "return a dict" in EA.check_label_preserving(lambda: [1]).message
    assert EA.check_label_preserving(stub).status == "not implemented"
