"""Checkers of the notebook-05 exercises (data augmentation), recognising the classic mistakes."""
from __future__ import annotations

import numpy as np

from ..augment.digits import columns_to_images, images_to_columns
from ..i18n import N_, _, ngettext
from .base import Feedback, check_function, not_implemented

__all__ = ["check_shift_image", "check_augmented_sets", "check_label_preserving",
           "LABEL_QUESTIONS"]


# --------------------------------------------------------------------------- exercise 1
def _shift_reference(image, dr, dc):
    H, W = image.shape
    out = np.zeros_like(image, dtype=float)
    if abs(dr) >= H or abs(dc) >= W:
        return out
    out[max(dr, 0):H + min(dr, 0), max(dc, 0):W + min(dc, 0)] = \
        image[max(-dr, 0):H - max(dr, 0), max(-dc, 0):W - max(dc, 0)]
    return out


def _shift_cases():
    rng = np.random.default_rng(5)
    img = rng.integers(1, 10, (5, 6)).astype(float)
    return [dict(image=img, dr=1, dc=2), dict(image=img, dr=-2, dc=1),
            dict(image=img, dr=0, dc=-3), dict(image=img, dr=0, dc=0),
            dict(image=img, dr=3, dc=-4)]


def check_shift_image(shift_image) -> Feedback:
    """Exercise: ``shift_image(image, dr, dc)`` moves the content ``dr`` rows down and ``dc``
    columns right; pixels that enter from outside are 0 (background); shape unchanged."""
    mistakes = [
        (N_("used np.roll: pixels pushed out on one side wrap around to the other"),
         lambda image, dr, dc: np.roll(image, (dr, dc), axis=(0, 1)),
         N_("A shifted digit must not reappear on the other side: fill the vacated rows/columns "
            "with 0 (start from np.zeros_like(image) and copy the overlapping block).")),
        (N_("swapped rows and columns (dr moves along columns)"),
         lambda image, dr, dc: _shift_reference(image, dc, dr),
         N_("Axis 0 is the row (vertical, dr), axis 1 the column (horizontal, dc).")),
        (N_("shifted in the opposite direction"),
         lambda image, dr, dc: _shift_reference(image, -dr, -dc),
         N_("Positive dr moves the content DOWN: out[r + dr, c + dc] = image[r, c].")),
    ]
    return check_function(N_("shift_image"), shift_image, _shift_cases(), _shift_reference,
                          mistakes, output_names=N_("shifted image"),
                          hint=N_("start from out = np.zeros_like(image) and copy "
                                            "the block that stays inside the image."))


# --------------------------------------------------------------------------- exercise 2
def shift_down(images):
    """The deterministic transform used by the checker: every digit one pixel down."""
    arr = np.asarray(images, dtype=float)
    if arr.ndim != 3:
        raise ValueError(_("transform expects images of shape (m, 8, 8), got {shape}; convert "
                           "columns with columns_to_images(X) first.").format(shape=arr.shape))
    out = np.zeros_like(arr)
    out[:, 1:] = arr[:, :-1]
    return out


def _sets_reference(X_train, Y_train, X_dev, Y_dev, transform):
    new = images_to_columns(transform(columns_to_images(X_train)))
    return np.hstack([X_train, new]), np.hstack([Y_train, Y_train]), X_dev, Y_dev


def _aug_dev(X_train, Y_train, X_dev, Y_dev, transform):
    Xa, Ya = _sets_reference(X_train, Y_train, X_dev, Y_dev, transform)[:2]
    Xd, Yd = _sets_reference(X_dev, Y_dev, X_dev, Y_dev, transform)[:2]
    return Xa, Ya, Xd, Yd


def _aug_dev_replace(X_train, Y_train, X_dev, Y_dev, transform):
    Xa, Ya = _sets_reference(X_train, Y_train, X_dev, Y_dev, transform)[:2]
    return Xa, Ya, images_to_columns(transform(columns_to_images(X_dev))), Y_dev


def _sets_cases():
    rng = np.random.default_rng(7)
    cases = []
    for m, md in ((4, 3), (6, 2)):
        labels, dlabels = rng.integers(0, 3, m), rng.integers(0, 3, md)
        cases.append(dict(X_train=rng.random((64, m)), Y_train=np.eye(3)[labels].T,
                          X_dev=rng.random((64, md)), Y_dev=np.eye(3)[dlabels].T,
                          transform=shift_down))
    return cases


def check_augmented_sets(make_augmented_sets) -> Feedback:
    """Exercise: ``make_augmented_sets(X_train, Y_train, X_dev, Y_dev, transform)`` returns
    ``(X_train_aug, Y_train_aug, X_dev, Y_dev)``: the training set followed by one
    transformed copy of it (labels repeated in the same order); dev untouched."""
    def t(f):
        return lambda **c: f(**c)
    mistakes = [
        (N_("augmented the dev set too"), t(_aug_dev),
         N_("Never augment dev/test: they must measure accuracy on real, untouched examples. "
            "Return X_dev and Y_dev unchanged.")),
        (N_("replaced the dev images by transformed ones"), t(_aug_dev_replace),
         N_("The dev set must stay as it is; only the training set is augmented.")),
        (N_("kept only the transformed copies and dropped the original training examples"),
         lambda **c: (images_to_columns(c["transform"](columns_to_images(c["X_train"]))),
                      c["Y_train"], c["X_dev"], c["Y_dev"]),
         N_("Keep the originals: X_train_aug = np.hstack([X_train, X_new]).")),
        (N_("repeated the labels with np.repeat, so copies and labels are misaligned"),
         lambda **c: (_sets_reference(**c)[0], np.repeat(c["Y_train"], 2, axis=1),
                      c["X_dev"], c["Y_dev"]),
         N_("Column j of the copy has the label of column j of the original: "
            "Y_train_aug = np.hstack([Y_train, Y_train]).")),
        (N_("forgot to repeat the labels for the new copies"),
         lambda **c: (_sets_reference(**c)[0], c["Y_train"], c["X_dev"], c["Y_dev"]),
         N_("Every new column of X needs its label: Y_train_aug = np.hstack([Y_train, Y_train]).")),
        (N_("transformed the training images but lost their order when converting back"),
         lambda **c: (np.hstack([c["X_train"], c["transform"](columns_to_images(
             c["X_train"])).reshape(c["X_train"].shape)]), _sets_reference(**c)[1],
             c["X_dev"], c["Y_dev"]),
         N_("Convert back with images_to_columns (it transposes (m, 64) to (64, m)).")),
    ]
    return check_function(N_("make_augmented_sets"), make_augmented_sets, _sets_cases(),
                          _sets_reference, mistakes,
                          output_names=("X_train_aug", "Y_train_aug", "X_dev", "Y_dev"),
                          hint=N_("images_to_columns(transform(columns_to_images(X_train))) gives "
                                  "the new columns; stack them after the originals."))


# --------------------------------------------------------------------------- exercise 3
LABEL_QUESTIONS = {
    N_("shift a digit by one pixel"): (True, ""),
    N_("rotate a digit by 10 degrees"): (True, ""),
    N_("flip a digit left-right"): (False, N_(
        "a mirrored 2, 3, 5 or 7 is not that digit any more (section 5: accuracy on flipped "
        "3s, 5s, 6s, 7s is ~0%)")),
    N_("rotate a digit by 180 degrees"): (False, N_("180 degrees turns a 6 into a 9")),
    N_("add mild pixel noise to a digit"): (True, ""),
    N_("flip a cat photo left-right (task: cat vs dog)"): (True, N_(
        "a mirrored cat is still a cat: for photos of animals the flip is the classic "
        "label-preserving augmentation")),
    N_("apply the training augmentation to the dev set too"): (False, N_(
        "dev must measure accuracy on real data; augmenting it changes what it measures "
        "(section 5: an augmented dev set underestimated test accuracy by ~27 points)")),
}
"""Question -> (correct answer: may this be used as label-preserving augmentation?, why).

The questions are the keys of the learner's answer dict, so they stay as written;
feedback shows them (and the reasons) in the language in use.
"""


def check_label_preserving(answer_fn) -> Feedback:
    """Exercise: ``answer_fn()`` returns ``{question: True/False}`` for :data:`LABEL_QUESTIONS`."""
    name = N_("label-preserving or not")
    try:
        answers = answer_fn() if callable(answer_fn) else answer_fn
    except NotImplementedError:
        return not_implemented(name, N_("answer True or False for every question."))
    if not isinstance(answers, dict):
        return Feedback(name, "failed", _("return a dict {{question: True/False}}, got {type}."
                                          ).format(type=type(answers).__name__))
    missing = [q for q in LABEL_QUESTIONS if q not in answers]
    if missing:
        return Feedback(name, "failed", _("answer every question; missing: {questions}.").format(
            questions=_quoted(missing)))
    bad = [q for q in LABEL_QUESTIONS if not isinstance(answers[q], (bool, np.bool_))]
    if bad:
        return Feedback(name, "failed", _("answers must be True or False; check: {questions} "
                                          "(you answered {answer!r}).").format(
            questions=_quoted(bad), answer=answers[bad[0]]))
    wrong = [q for q, (truth, _why) in LABEL_QUESTIONS.items() if bool(answers[q]) != truth]
    if not wrong:
        return Feedback(name, "passed", _("all {n} answers are right.").format(
            n=len(LABEL_QUESTIONS)))
    q = wrong[0]
    truth, why = LABEL_QUESTIONS[q]
    if q == "flip a digit left-right":
        msg = _("it looks like you treat flipping digits as label-preserving: {why}.")
    elif q.startswith("apply the training augmentation"):
        msg = _("it looks like you would augment the dev set: {why}.")
    elif truth:
        msg = _("'{question}' is label-preserving: {why}.") if why else \
            _("'{question}' is label-preserving.")
    else:
        msg = _("'{question}' is NOT label-preserving: {why}.") if why else \
            _("'{question}' is NOT label-preserving.")
    msg = msg.format(question=_(q), why=_(why) if why else "")
    if len(wrong) > 1:
        msg += " " + ngettext("({n} more wrong answer.)", "({n} more wrong answers.)",
                              len(wrong) - 1).format(n=len(wrong) - 1)
    return Feedback(name, "failed", msg)


def _quoted(questions) -> str:
    return ", ".join(f"'{_(q)}'" for q in questions)
