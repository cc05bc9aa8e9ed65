"""Tests of the exercise checkers of notebook 03 (course_utils.exercises.l2): the reference
passes, every classic mistake is recognised and named, stubs get [TODO], errors become feedback."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

from course_utils.exercises import l2 as E
from course_utils.nn import compute_cost, initialize_parameters


def _stub(*args, **kwargs):
    raise NotImplementedError("write your code here")


# --------------------------------------------------------------------------- 1. cost
def test_cost_reference_passes_and_matches_the_core():
    assert E.check_compute_cost_with_regularization(E.ref_compute_cost_with_regularization).passed
    # the reference agrees with course_utils.nn.compute_cost (computed from the logits)
    p = initialize_parameters([3, 4, 1], "xavier", seed=1)
    Z = np.random.default_rng(0).normal(size=(1, 9))
    Y = (np.random.default_rng(1).random((1, 9)) < 0.5).astype(float)
    AL = 1 / (1 + np.exp(-Z))
    assert E.ref_compute_cost_with_regularization(AL, Y, p, 0.7) == pytest.approx(
        compute_cost(Z, Y, p, 0.7), rel=1e-12)


@pytest.mark.parametrize("wrong, words", [
    (E._cost_with_b, "regularized the biases"),
    (E._cost_no_m, "forgot the 1/m"),
    (E._cost_no_half, "forgot the 1/2"),
    (E._cost_not_squared, "not its square"),
    (E._cost_broadcast, "broadcasts to an (m, m) matrix"),
    (E._cost_data_only, "only the cross-entropy"),
    (E._cost_reg_only, "only the L2 term"),
])
def test_cost_mistakes_are_named(wrong, words):
    fb = E.check_compute_cost_with_regularization(wrong)
    assert fb.status == "failed" and words in fb.message, fb.message


def test_cost_learner_style_mistakes():
    # a learner's version of the (m, m) bug: labels flattened and the log transposed
    def transposed(AL, Y, parameters, lambd):
        m = Y.shape[1]
        logprobs = np.multiply(-np.log(AL).T, Y) - np.multiply(np.log(1 - AL).T, 1 - Y)
        return float(np.sum(logprobs) / m + lambd / (2 * m) * sum(
            np.sum(np.square(v)) for k, v in parameters.items() if k[0] == "W"))
    assert "(m, m)" in E.check_compute_cost_with_regularization(transposed).message

    def as_array(AL, Y, parameters, lambd):
        return np.array([[E.ref_compute_cost_with_regularization(AL, Y, parameters, lambd)]])
    fb = E.check_compute_cost_with_regularization(as_array)
    assert not fb.passed and "shape (1, 1)" in fb.message and "float(" in fb.message

    def as_array_no_m(AL, Y, parameters, lambd):
        return np.array([E._cost_no_m(AL, Y, parameters, lambd)])
    assert "forgot the 1/m" in E.check_compute_cost_with_regularization(as_array_no_m).message


def test_cost_stub_and_crash():
    fb = E.check_compute_cost_with_regularization(_stub)
    assert fb.status == "not implemented" and str(fb).startswith("[TODO]")

    def crash(AL, Y, parameters, lambd):
        return parameters["W9"]
    fb = E.check_compute_cost_with_regularization(crash)
    assert fb.status == "failed" and "KeyError" in fb.message


def test_cost_unknown_wrong_answer():
    fb = E.check_compute_cost_with_regularization(lambda AL, Y, parameters, lambd: 42.0)
    assert fb.status == "failed" and "wrong result on test case 1" in fb.message


# --------------------------------------------------------------------------- 2. gradients
def test_gradients_reference_passes_and_leaves_inputs_alone():
    assert E.check_add_l2_gradients(E.ref_add_l2_gradients).passed
    case = E._grad_cases()[0]
    before = {k: v.copy() for k, v in case["grads"].items()}
    out = E.ref_add_l2_gradients(**case)
    assert all(np.array_equal(case["grads"][k], before[k]) for k in before)
    assert np.array_equal(out["db1"], before["db1"])


@pytest.mark.parametrize("i, words", [
    (0, "added (lambd/m) b to db"), (1, "forgot the 1/m"), (2, "lambd/(2m)"),
    (3, "2 lambd/m"), (4, "L1's gradient"), (5, "subtracted"),
])
def test_gradient_mistakes_are_named(i, words):
    fb = E.check_add_l2_gradients(E._GRAD_MISTAKES[i][1])
    assert fb.status == "failed" and words in fb.message, fb.message


def test_gradient_missing_keys_and_stub():
    def only_w(grads, parameters, lambd, m):
        return {k: v for k, v in E.ref_add_l2_gradients(grads, parameters, lambd, m).items()
                if k.startswith("dW")}
    fb = E.check_add_l2_gradients(only_w)
    assert fb.status == "failed" and "the keys db1, db2 are missing" in fb.message, fb.message
    assert E.check_add_l2_gradients(_stub).status == "not implemented"


# --------------------------------------------------------------------------- 3. weight decay
def test_weight_decay_reference_matches_l2_step():
    c = E._wd_cases()[0]
    l2_step = c["W"] - c["learning_rate"] * (c["dW_data"] + c["lambd"] / c["m"] * c["W"])
    np.testing.assert_allclose(E.ref_weight_decay_update(**c), l2_step, rtol=0, atol=1e-15)
    assert E.check_weight_decay_update(E.ref_weight_decay_update).passed


@pytest.mark.parametrize("wrong, words", [
    (E._wd_no_alpha, "left the learning rate out"), (E._wd_no_m, "left m out"),
    (E._wd_after, "after the step"), (E._wd_plus, "grew W"), (E._wd_no_decay, "without decay"),
])
def test_weight_decay_mistakes_are_named(wrong, words):
    fb = E.check_weight_decay_update(wrong)
    assert fb.status == "failed" and words in fb.message, fb.message


def test_weight_decay_shape_message():
    fb = E.check_weight_decay_update(lambda W, dW_data, learning_rate, lambd, m: W.T)
    assert fb.status == "failed", fb.message
    assert "expected shape (3, 2), got shape (2, 3)" in fb.message, fb.message


# --------------------------------------------------------------------------- further wrong answers
def _ce(AL, Y):
    return E._cross_entropy_from_proba(AL, Y)


@pytest.mark.parametrize("fn, pattern", [
    (lambda AL, Y, parameters, lambd: 2 * E.ref_compute_cost_with_regularization(
        AL, Y, parameters, lambd),
     r"in the returned cost: on all 3 test cases your result is 2 times the expected one"),
    (lambda AL, Y, parameters, lambd: _ce(AL, Y) + lambd / (2 * Y.shape[1]) * np.sum(
        parameters["W1"] ** 2),
     r"^wrong result on test case 1, in the returned cost: expected 0\.6364, got 0\.6262\. "
     r"Inputs of test case 1: AL: array of shape \(1, 5\); Y: array of shape \(1, 5\); "
     r"parameters: dict of W1 \(2, 3\), b1 \(2, 1\), W2 \(1, 2\), b2 \(1, 1\); lambd = 0\.1\.$"),
    (lambda AL, Y, parameters, lambd: (_ce(AL, Y), E._cost_reg_only(AL, Y, parameters, lambd)),
     r"in the returned cost: expected the number 0\.6364, got a tuple of 2 values"),
    (lambda AL, Y, parameters, lambd: None, r"returned None"),
])
def test_cost_further_wrong_answers_name_the_part(fn, pattern):
    fb = E.check_compute_cost_with_regularization(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(E.check_compute_cost_with_regularization, fn)


def grads_in_place(grads, parameters, lambd, m):
    for key, W in parameters.items():
        if key.startswith("W"):
            grads["d" + key] += lambd / m * W
    return grads


def grads_shallow_copy(grads, parameters, lambd, m):
    out = dict(grads)  # a new dict, but the same arrays: += still changes the caller's
    for key, W in parameters.items():
        if key.startswith("W"):
            out["d" + key] += lambd / m * W
    return out


@pytest.mark.parametrize("fn, pattern", [
    (grads_in_place, r"^the result is right, but your function changed its argument "
                     r"grads\['dW1'\] in place \(6 of 6 entries changed"),
    (grads_shallow_copy, r"changed its argument grads\['dW1'\] in place"),
    (lambda grads, parameters, lambd, m: {**grads, "dW1": grads["dW1"] + lambd / m
                                          * parameters["W1"]},
     r"in the returned grads\['dW2'\]: 2 of 2 entries differ; the first at \[0, 0\]: expected "
     r"-1\.369, got -1\.373"),
    (lambda grads, parameters, lambd, m: {**E.ref_add_l2_gradients(grads, parameters, lambd, m),
                                          "lambd": lambd},
     r"in the returned grads: the key lambd is not expected"),
    (lambda grads, parameters, lambd, m: {k[1:]: v for k, v in E.ref_add_l2_gradients(
        grads, parameters, lambd, m).items()},
     r"the keys dW1, db1, dW2, db2 are missing; the keys W1, b1, W2, b2 are not expected"),
])
def test_gradients_further_wrong_answers_name_the_part(fn, pattern):
    fb = E.check_add_l2_gradients(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(E.check_add_l2_gradients, fn)


def decay_in_place(W, dW_data, learning_rate, lambd, m):
    W *= 1 - learning_rate * lambd / m
    W -= learning_rate * dW_data
    return W


@pytest.mark.parametrize("fn, pattern", [
    (lambda W, dW_data, learning_rate, lambd, m: E.ref_weight_decay_update(
        W, dW_data, learning_rate, lambd, m).T,
     r"in the returned W_new: the values are right but transposed: expected shape \(3, 2\), got "
     r"\(2, 3\)"),
    (lambda W, dW_data, learning_rate, lambd, m: (1 - learning_rate * lambd / m) * W
     + learning_rate * dW_data,
     r"in the returned W_new: 6 of 6 entries differ; the first at \[0, 0\]: expected 1\.028, "
     r"got 0\.3385; the largest difference is 0\.7494, at \[1, 1\]"),
    (decay_in_place, r"changed its argument W in place \(6 of 6 entries changed"),
    (lambda W, dW_data, learning_rate, lambd, m: 0.5 * E.ref_weight_decay_update(
        W, dW_data, learning_rate, lambd, m),
     r"in the returned W_new: every entry is 0\.5 times the expected one"),
])
def test_weight_decay_further_wrong_answers_name_the_part(fn, pattern):
    fb = E.check_weight_decay_update(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(E.check_weight_decay_update, fn)


@pytest.mark.parametrize("mistakes, checker", [
    (E._COST_MISTAKES, E.check_compute_cost_with_regularization),
    (E._GRAD_MISTAKES, E.check_add_l2_gradients),
    (E._WD_MISTAKES, E.check_weight_decay_update),
])
def test_every_catalogued_mistake_is_named_in_every_language(mistakes, checker):
    for description, wrong, fix in mistakes:
        fb = checker(wrong)
        assert fb.message == f"it looks like you {description}. {fix}", fb.message
        assert_translated(checker, wrong)
    assert checker(_stub).message.startswith("not implemented yet")
