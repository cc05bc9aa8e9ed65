"""Exercise checkers of notebook 05: the reference passes, each classic mistake is named."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

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
    def on_columns(X_train, Y_train, X_dev, Y_dev, transform):
        return np.hstack([X_train, transform(X_train)]), Y_train, X_dev, Y_dev
    fb = EA.check_augmented_sets(on_columns)
    assert not fb.passed and re.search(
        r"^your function raised ValueError: transform expects images of shape \(m, 8, 8\), got "
        r"\(64, 4\); convert columns with columns_to_images\(X\) first\. \(test case 1\)\.",
        fb.message), fb.message
    assert_translated(EA.check_augmented_sets, on_columns)


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


# --------------------------------------------------------------------------- further wrong answers
def shift_in_place(image, dr, dc):
    image[:] = EA._shift_reference(image, dr, dc)
    return image


def fill_with_ones(image, dr, dc):
    inside = EA._shift_reference(np.ones_like(image), dr, dc) == 1
    return np.where(inside, EA._shift_reference(image, dr, dc), 1.0)


@pytest.mark.parametrize("fn, pattern", [
    (lambda image, dr, dc: EA._shift_reference(image, dr, dc).T,
     r"in the returned shifted image: the values are right but transposed: expected shape "
     r"\(5, 6\), got \(6, 5\)"),
    (fill_with_ones, r"^wrong result on test case 1, in the returned shifted image: 14 of 30 "
                     r"entries differ; the first at \[0, 0\]: expected 0, got 1.* Inputs of test "
                     r"case 1: image: array of shape \(5, 6\); dr = 1; dc = 2\.$"),
    (shift_in_place, r"changed its argument image in place \(27 of 30 entries changed"),
    (lambda image, dr, dc: EA._shift_reference(image, dr + 1, dc),
     r"in the returned shifted image: 13 of 30 entries differ; the first at \[1, 2\]: "
     r"expected 7, got 0"),
    (lambda image, dr, dc: EA._shift_reference(image, dr, dc)[1:],
     r"in the returned shifted image: expected shape \(5, 6\), got shape \(4, 6\)"),
])
def test_shift_further_wrong_answers_name_the_part(fn, pattern):
    fb = EA.check_shift_image(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(EA.check_shift_image, fn)


def copies_first(X_train, Y_train, X_dev, Y_dev, transform):
    new = images_to_columns(transform(columns_to_images(X_train)))
    return np.hstack([new, X_train]), np.hstack([Y_train, Y_train]), X_dev, Y_dev


@pytest.mark.parametrize("fn, pattern", [
    (lambda X_train, Y_train, X_dev, Y_dev, transform: (good_sets(
        X_train, Y_train, X_dev, Y_dev, transform)[0].T,) + good_sets(
        X_train, Y_train, X_dev, Y_dev, transform)[1:],
     r"in element 1 of the returned tuple, X_train_aug: the values are right but transposed: "
     r"expected shape \(64, 8\), got \(8, 64\)"),
    (lambda X_train, Y_train, X_dev, Y_dev, transform: (np.vstack([X_train, images_to_columns(
        transform(columns_to_images(X_train)))]), np.hstack([Y_train, Y_train]), X_dev, Y_dev),
     r"in element 1 of the returned tuple, X_train_aug: expected shape \(64, 8\), got shape "
     r"\(128, 4\)"),
    (copies_first, r"in element 1 of the returned tuple, X_train_aug: the columns are right but "
                   r"in another order: the expected column 0 is your column 4"),
    (lambda X_train, Y_train, X_dev, Y_dev, transform: good_sets(
        X_train, Y_train, X_dev, Y_dev, transform)[:2],
     r"expected a tuple of 4 values \(X_train_aug, Y_train_aug, X_dev, Y_dev\), got a tuple of "
     r"2 values"),
    (lambda X_train, Y_train, X_dev, Y_dev, transform: good_sets(
        X_train, Y_train, X_dev, Y_dev, transform)[:2] + (X_dev[:, ::-1], Y_dev),
     r"in element 3 of the returned tuple, X_dev: the columns are right but in another order"),
])
def test_augmented_sets_further_wrong_answers_name_the_part(fn, pattern):
    fb = EA.check_augmented_sets(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(EA.check_augmented_sets, fn)


@pytest.mark.parametrize("answers, pattern", [
    (dict(RIGHT, **{"shift a digit by one pixel": False}),
     r"^'shift a digit by one pixel' is label-preserving\.$"),
    (dict(RIGHT, **{"flip a cat photo left-right (task: cat vs dog)": False}),
     r"^'flip a cat photo left-right \(task: cat vs dog\)' is label-preserving: a mirrored cat"),
    ({q: ("yes" if a else "no") for q, a in RIGHT.items()},
     r"answers must be True or False; check: 'shift a digit by one pixel'.* \(you answered "
     r"'yes'\)"),
    ({q: a for q, a in list(RIGHT.items())[1:]}, r"missing: 'shift a digit by one pixel'\.$"),
    (dict(RIGHT, **{"flip a digit left-right": True, "rotate a digit by 10 degrees": False,
                    "rotate a digit by 180 degrees": True}),
     r"^'rotate a digit by 10 degrees' is label-preserving\. \(2 more wrong answers\.\)$"),
])
def test_label_quiz_further_wrong_answers_name_the_question(answers, pattern):
    fb = EA.check_label_preserving(lambda: answers)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(EA.check_label_preserving, lambda: answers)


def test_stubs_are_todo_in_every_language():
    for checker in (EA.check_shift_image, EA.check_augmented_sets, EA.check_label_preserving):
        assert checker(stub).message.startswith("not implemented yet. Hint: ")
        assert_translated(checker, stub)
