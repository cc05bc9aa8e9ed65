"""The checkers of notebook 04 pass the right solutions and name each classic mistake."""
import numpy as np
import pytest

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
