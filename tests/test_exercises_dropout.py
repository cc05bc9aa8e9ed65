"""The checkers of notebook 04 pass the right solutions and name each classic mistake."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

from course_utils.exercises import dropout as ex


# --------------------------------------------------------------------------- 1. forward
def good_forward(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    A = A * D
    A = A / keep_prob
    return A, D


def test_forward_passes_a_correct_solution():
    fb = ex.check_dropout_forward(good_forward)
    assert fb.passed, str(fb)
    assert str(fb).startswith("[PASSED]")


def test_forward_stub_is_todo_not_traceback():
    def stub(A, keep_prob, rng):
        raise NotImplementedError("write your code")

    fb = ex.check_dropout_forward(stub)
    assert fb.status == "not implemented"
    assert str(fb).startswith("[TODO] Exercise 1 (dropout forward): not implemented yet.")


@pytest.mark.parametrize("wrong, phrase", [
    (lambda A, keep_prob, rng: (A * (rng.random(A.shape) > keep_prob) / keep_prob,
                                rng.random(A.shape) > keep_prob), None),
    (lambda A, keep_prob, rng: (lambda D: (A * D, D))(rng.random(A.shape) < keep_prob),
     "forgot to divide by keep_prob"),
    (lambda A, keep_prob, rng: (lambda D: (A * D / (1 - keep_prob), D))(
        rng.random(A.shape) < keep_prob), "divided by 1 - keep_prob"),
    (lambda A, keep_prob, rng: (lambda D: (A * D / keep_prob, D))(
        rng.random(A.shape) > keep_prob), "`rng.random(A.shape) > keep_prob`"),
    (lambda A, keep_prob, rng: (lambda D: (A * D / keep_prob, D))(rng.random(A.shape)),
     "random numbers themselves"),
])
def test_forward_mistakes_are_named(wrong, phrase):
    fb = ex.check_dropout_forward(wrong)
    assert not fb.passed
    if phrase is None:  # draws two masks: wrong, but matches no single known mistake
        assert "drew a different amount of random numbers from rng" in fb.message, fb.message
    else:
        assert phrase in fb.message, fb.message


def test_forward_crash_becomes_feedback():
    fb = ex.check_dropout_forward(lambda A, keep_prob, rng: A @ A)
    assert fb.status == "failed" and "raised ValueError" in fb.message


# --------------------------------------------------------------------------- 2. backward
def test_backward_passes_and_names_mistakes():
    assert ex.check_dropout_backward(lambda dA_drop, D, keep_prob: dA_drop * D / keep_prob)
    cases = {
        "forgot to divide by keep_prob": lambda dA_drop, D, keep_prob: dA_drop * D,
        "forgot the mask": lambda dA_drop, D, keep_prob: dA_drop / keep_prob,
        "divided by 1 - keep_prob": lambda dA_drop, D, keep_prob: dA_drop * D / (1 - keep_prob),
        "multiplied by keep_prob": lambda dA_drop, D, keep_prob: dA_drop * D * keep_prob,
        "unchanged": lambda dA_drop, D, keep_prob: dA_drop,
    }
    for phrase, fn in cases.items():
        fb = ex.check_dropout_backward(fn)
        assert not fb.passed and phrase in fb.message, (phrase, fb.message)


def test_backward_wrong_shape_is_reported():
    fb = ex.check_dropout_backward(lambda dA_drop, D, keep_prob: dA_drop.T)
    assert not fb.passed and "expected shape (4, 6), got shape (6, 4)" in fb.message, fb.message


# --------------------------------------------------------------------------- 3. full forward
def good_full(X, params, keep_probs, rng, training=True):
    L = len(params) // 2
    A = X
    for l in range(1, L):
        A = np.maximum(0, params[f"W{l}"] @ A + params[f"b{l}"])
        if training:
            D = rng.random(A.shape) < keep_probs[l - 1]
            A = A * D / keep_probs[l - 1]
    Z = params[f"W{L}"] @ A + params[f"b{L}"]
    return 1 / (1 + np.exp(-Z))


def test_full_forward_passes_a_correct_solution():
    fb = ex.check_forward_with_dropout(good_full)
    assert fb.passed, str(fb)


def test_full_forward_names_test_time_dropout():
    def wrong(X, params, keep_probs, rng, training=True):
        return good_full(X, params, keep_probs, rng, True)

    fb = ex.check_forward_with_dropout(wrong)
    assert "applied dropout at test time" in fb.message


def test_full_forward_names_reused_mask_and_missing_division_and_test_scaling():
    def one_mask(X, params, keep_probs, rng, training=True):
        L = len(params) // 2
        A, D = X, None
        for l in range(1, L):
            A = np.maximum(0, params[f"W{l}"] @ A + params[f"b{l}"])
            if training:
                D = rng.random(A.shape) < keep_probs[l - 1] if D is None else D
                A = A * D / keep_probs[l - 1]
        return 1 / (1 + np.exp(-(params[f"W{L}"] @ A + params[f"b{L}"])))

    def no_div(X, params, keep_probs, rng, training=True):
        L = len(params) // 2
        A = X
        for l in range(1, L):
            A = np.maximum(0, params[f"W{l}"] @ A + params[f"b{l}"])
            if training:
                A = A * (rng.random(A.shape) < keep_probs[l - 1])
        return 1 / (1 + np.exp(-(params[f"W{L}"] @ A + params[f"b{L}"])))

    def scaled_at_test(X, params, keep_probs, rng, training=True):
        if training:
            return good_full(X, params, keep_probs, rng, True)
        L = len(params) // 2
        A = X
        for l in range(1, L):
            A = np.maximum(0, params[f"W{l}"] @ A + params[f"b{l}"]) * keep_probs[l - 1]
        return 1 / (1 + np.exp(-(params[f"W{L}"] @ A + params[f"b{L}"])))

    assert "reused the first layer's mask" in ex.check_forward_with_dropout(one_mask).message
    assert "forgot to divide by keep_prob" in ex.check_forward_with_dropout(no_div).message
    assert "scaled the activations by keep_prob at test time" in \
        ex.check_forward_with_dropout(scaled_at_test).message


def test_checker_cases_are_not_corrupted_by_a_mutating_learner():
    def mutating(X, params, keep_probs, rng, training=True):
        params["W1"] *= 0
        return good_full(X, params, keep_probs, rng, training)

    assert not ex.check_forward_with_dropout(mutating).passed
    assert ex.check_forward_with_dropout(good_full).passed


# --------------------------------------------------------------------------- further wrong answers
def forward_in_place(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    A *= D
    A /= keep_prob
    return A, D


def forward_two_draws(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    return A * (rng.random(A.shape) < keep_prob) / keep_prob, D


@pytest.mark.parametrize("wrong, pattern", [
    (lambda A, keep_prob, rng: (lambda D: (A * D / 0.5, D))(rng.random(A.shape) < 0.5),
     r"^wrong result on test case 1, in element 1 of the returned tuple, A_drop: 20 of 24 "
     r"entries differ; the first at \[0, 0\]: expected 0\.432, got 0\.6912; the largest "
     r"difference is 1\.618, at \[3, 4\]\. Also different: element 2 of the returned tuple, the "
     r"mask D\. Inputs of test case 1: A: array of shape \(4, 6\); keep_prob = 0\.8; rng: a "
     r"numpy Generator\.$"),
    (lambda A, keep_prob, rng: good_forward(A, keep_prob, np.random.default_rng()),
     r"returned different results in two calls on copies of the same inputs \(test case 1\), "
     r"with the generator rng in the same state"),
    (lambda A, keep_prob, rng: good_forward(A, keep_prob, np.random.default_rng(0)),
     r"did not draw from the generator rng that it was given"),
    (forward_two_draws, r"drew a different amount of random numbers from rng.* Draw exactly one "
                        r"rng\.random\(A\.shape\)"),
    (lambda A, keep_prob, rng: good_forward(A, keep_prob, rng) + (keep_prob,),
     r"in the returned value: expected a tuple of 2 values \(A_drop, the mask D\), got a tuple "
     r"of 3 values"),
    (lambda A, keep_prob, rng: good_forward(A, keep_prob, rng)[::-1],
     r"the returned values are right but in another order: return them as \(A_drop, the mask "
     r"D\); yours come as \(the mask D, A_drop\)"),
    (lambda A, keep_prob, rng: (lambda r: (2 * r[0], r[1]))(good_forward(A, keep_prob, rng)),
     r"in element 1 of the returned tuple, A_drop: every entry is 2 times the expected one"),
    (forward_in_place, r"^the result is right, but your function changed its argument A in place "
                       r"\(24 of 24 entries changed"),
    (lambda A, keep_prob, rng: None, r"returned None"),
])
def test_forward_further_wrong_answers_name_the_part(wrong, pattern):
    fb = ex.check_dropout_forward(wrong)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(ex.check_dropout_forward, wrong)


def backward_in_place(dA_drop, D, keep_prob):
    dA_drop *= D
    dA_drop /= keep_prob
    return dA_drop


@pytest.mark.parametrize("wrong, pattern", [
    (lambda dA_drop, D, keep_prob: (dA_drop * D / keep_prob).T,
     r"in the returned dA: the values are right but transposed: expected shape \(4, 6\), got "
     r"\(6, 4\)"),
    (lambda dA_drop, D, keep_prob: (dA_drop * D / keep_prob).ravel(),
     r"in the returned dA: the values are right and in the right order, but the shape is "
     r"\(24,\) instead of \(4, 6\)"),
    (lambda dA_drop, D, keep_prob: dA_drop * D / keep_prob ** 2,
     r"in the returned dA: every entry is 1\.25 times the expected one \(that is 1 / "
     r"keep_prob\)"),
    (lambda dA_drop, D, keep_prob: -dA_drop * D / keep_prob,
     r"in the returned dA: every entry has the right size but the opposite sign"),
    (lambda dA_drop, D, keep_prob: dA_drop * ~D / keep_prob,
     r"in the returned dA: 24 of 24 entries differ; the first at \[0, 0\]: expected 0\.4485, "
     r"got 0"),
    (backward_in_place, r"changed its argument dA_drop in place"),
])
def test_backward_further_wrong_answers_name_the_part(wrong, pattern):
    fb = ex.check_dropout_backward(wrong)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(ex.check_dropout_backward, wrong)


def full_without_relu(X, params, keep_probs, rng, training=True):
    L = len(params) // 2
    A = X
    for l in range(1, L):
        A = params[f"W{l}"] @ A + params[f"b{l}"]
        if training:
            A = A * (rng.random(A.shape) < keep_probs[l - 1]) / keep_probs[l - 1]
    return 1 / (1 + np.exp(-(params[f"W{L}"] @ A + params[f"b{L}"])))


def full_output_dropout(X, params, keep_probs, rng, training=True):
    AL = good_full(X, params, keep_probs, rng, training)
    if training:
        AL = AL * (rng.random(AL.shape) < keep_probs[-1]) / keep_probs[-1]
    return AL


def full_masks_at_test_time(X, params, keep_probs, rng, training=True):
    """Right in training; at test time masks without the division (a plain-dropout habit)."""
    if training:
        return good_full(X, params, keep_probs, rng, training)
    L = len(params) // 2
    A = X
    for l in range(1, L):
        A = np.maximum(0, params[f"W{l}"] @ A + params[f"b{l}"])
        A = A * (rng.random(A.shape) < keep_probs[l - 1])
    return 1 / (1 + np.exp(-(params[f"W{L}"] @ A + params[f"b{L}"])))


@pytest.mark.parametrize("wrong, pattern", [
    (lambda X, params, keep_probs, rng, training=True: good_full(
        X, params, keep_probs, rng, training).ravel(),
     r"in the returned AL: the values are right, but the shape is \(8,\) instead of \(1, 8\): a "
     r"1-D array broadcasts against \(1, 8\) into a square matrix"),
    (lambda X, params, keep_probs, rng, training=True: good_full(
        X, params, keep_probs, np.random.default_rng(), training),
     r"returned different results in two calls .* Draw every random number from the argument "
     r"rng\. Inputs of test case 1: X: array of shape \(3, 8\); params: dict of W1 \(5, 3\)"),
    (lambda X, params, keep_probs, rng, training=True: good_full(
        X, params, keep_probs, np.random.default_rng(0), training),
     r"did not draw from the generator rng"),
    (full_without_relu, r"^wrong result on test case 1, in the returned AL: 7 of 8 entries "
                        r"differ; the first at \[0, 0\]: expected 0\.5023, got 0\.6277"),
    (full_output_dropout, r"drew a different amount of random numbers from rng.* Draw one mask "
                          r"per hidden layer"),
    (full_masks_at_test_time, r"the expected solution draws no random numbers in test case 2, "
                              r"but your function drew some from rng: look for a draw that "
                              r"should only happen under a condition \(such as if training:\)"),
])
def test_full_forward_further_wrong_answers_name_the_part(wrong, pattern):
    fb = ex.check_forward_with_dropout(wrong)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(ex.check_forward_with_dropout, wrong)


@pytest.mark.parametrize("mistakes, checker", [
    (ex._FORWARD_MISTAKES, ex.check_dropout_forward),
    (ex._BACKWARD_MISTAKES, ex.check_dropout_backward),
    (ex._FULL_MISTAKES, ex.check_forward_with_dropout),
])
def test_every_catalogued_mistake_is_named_in_every_language(mistakes, checker):
    for description, wrong, fix in mistakes:
        fb = checker(wrong)
        assert fb.message == f"it looks like you {description}. {fix}", fb.message
        assert_translated(checker, wrong)


def test_stubs_are_todo():
    def stub(*args, **kwargs):
        raise NotImplementedError
    for checker in (ex.check_dropout_forward, ex.check_dropout_backward,
                    ex.check_forward_with_dropout):
        assert checker(stub).message.startswith("not implemented yet. Hint: ")
