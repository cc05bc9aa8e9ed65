"""Exercise checkers of notebook 02 recognise right answers and the classic mistakes, and
explain any other wrong answer by the part that differs."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

from course_utils.exercises.bias_variance import (
    check_bias_variance_terms,
    check_diagnosis_labels,
    check_gaps,
)


def stub(*args, **kwargs):
    raise NotImplementedError("write your code here")


# --------------------------------------------------------------------------- gaps / labels
@pytest.mark.parametrize("fn, status, phrase", [
    (lambda train_error, dev_error, bayes_error: (train_error - bayes_error,
                                                  dev_error - train_error),
     "passed", "correct"),
    (lambda train_error, dev_error, bayes_error: (train_error, dev_error - train_error),
     "failed", "ignoring the Bayes error"),
    (lambda train_error, dev_error, bayes_error: (dev_error - train_error,
                                                  train_error - bayes_error),
     "failed", "swapped"),
    (lambda train_error, dev_error, bayes_error: (train_error - bayes_error,
                                                  dev_error - bayes_error),
     "failed", "variance from the Bayes error"),
])
def test_check_gaps(fn, status, phrase):
    fb = check_gaps(fn)
    assert fb.status == status, str(fb)
    assert phrase in fb.message


def label(train_error, dev_error, bayes_error):
    hb, hv = train_error - bayes_error > 0.02, dev_error - train_error > 0.02
    if hb and hv:
        return "high bias and high variance"
    if hb:
        return "high bias"
    return "high variance" if hv else "low bias and low variance"


def test_check_diagnosis_labels():
    assert check_diagnosis_labels(label).passed
    fb = check_diagnosis_labels(lambda train_error, dev_error, bayes_error:
                                label(train_error, dev_error, 0.0))
    assert not fb.passed and "ignored the Bayes error" in fb.message
    fb = check_diagnosis_labels(lambda train_error, dev_error, bayes_error: "high bias")
    assert not fb.passed and "expected" in fb.message


# --------------------------------------------------------------------------- bias^2 / variance
def terms(predictions, f_true):
    fbar = predictions.mean(axis=0)
    return np.mean((fbar - f_true) ** 2), np.mean(predictions.var(axis=0))


@pytest.mark.parametrize("fn, status, phrase", [
    (terms, "passed", "correct"),
    (lambda predictions, f_true: (terms(predictions, f_true)[0],
                                  np.mean((predictions - f_true) ** 2)),
     "failed", "around the truth"),
    (lambda predictions, f_true: (np.mean(predictions.mean(0) - f_true),
                                  terms(predictions, f_true)[1]), "failed", "did not square"),
    (lambda predictions, f_true: (terms(predictions, f_true)[0],
                                  np.mean(predictions.var(axis=0, ddof=1))), "failed", "ddof=1"),
])
def test_check_bias_variance_terms(fn, status, phrase):
    fb = check_bias_variance_terms(fn)
    assert fb.status == status, str(fb)
    assert phrase in fb.message


# --------------------------------------------------------------------------- more of each
def gaps(train_error, dev_error, bayes_error):
    return train_error - bayes_error, dev_error - train_error


def test_stubs_are_todo():
    for checker in (check_gaps, check_diagnosis_labels, check_bias_variance_terms):
        fb = checker(stub)
        assert fb.status == "not implemented" and fb.message.startswith("not implemented yet")


def test_remaining_catalogued_mistakes_are_named():
    fb = check_gaps(lambda train_error, dev_error, bayes_error: (bayes_error - train_error,
                                                                 train_error - dev_error))
    assert "subtracted the wrong way round" in fb.message
    fb = check_diagnosis_labels(lambda train_error, dev_error, bayes_error: label(
        train_error, train_error + (dev_error - bayes_error), bayes_error))
    assert "variance against the Bayes error" in fb.message, fb.message
    fb = check_bias_variance_terms(lambda predictions, f_true: (
        float(np.mean(predictions.mean(axis=0) - f_true) ** 2), terms(predictions, f_true)[1]))
    assert "averaged over x before squaring" in fb.message
    fb = check_bias_variance_terms(lambda predictions, f_true: (
        float(np.mean((predictions.mean(axis=1) - f_true.mean()) ** 2)),
        float(np.mean(predictions.var(axis=1)))))
    assert "wrong axis" in fb.message


@pytest.mark.parametrize("fn, pattern", [
    (lambda train_error, dev_error, bayes_error: tuple(100 * g for g in gaps(
        train_error, dev_error, bayes_error)),
     r"in the returned value: on all 6 test cases every returned number is 100 times the "
     r"expected one \(percentages instead of fractions\?\)"),
    (lambda train_error, dev_error, bayes_error: np.array(gaps(train_error, dev_error,
                                                               bayes_error)),
     r"the values are right, but you returned an array of shape \(2,\) \(float64\) instead of a "
     r"tuple: return avoidable_bias, variance"),
    (lambda train_error, dev_error, bayes_error: (train_error - bayes_error,
                                                  abs(dev_error - train_error) + 0.01),
     r"^wrong result on test case 1, in element 2 of the returned tuple, variance: expected "
     r"0\.1, got 0\.11\. Inputs of test case 1: train_error = 0\.01; dev_error = 0\.11; "
     r"bayes_error = 0\.$"),
    (lambda train_error, dev_error, bayes_error: train_error - bayes_error,
     r"expected a tuple of 2 values \(avoidable_bias, variance\), got the number 0\.01"),
])
def test_gaps_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_gaps(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_gaps, fn)


def threshold_5(train_error, dev_error, bayes_error):
    """Gaps count as high above 5 points instead of 2."""
    hb, hv = train_error - bayes_error > 0.05, dev_error - train_error > 0.05
    return {(True, True): "high bias and high variance", (True, False): "high bias",
            (False, True): "high variance", (False, False): "low bias and low variance"}[hb, hv]


@pytest.mark.parametrize("fn, pattern", [
    (lambda train_error, dev_error, bayes_error: label(train_error, dev_error,
                                                       bayes_error).capitalize(),
     r"in the returned label: expected 'high variance', got 'High variance': the same words, "
     r"written differently"),
    (threshold_5, r"^wrong result on test case 6, in the returned label: expected 'high bias and "
                  r"high variance', got 'low bias and low variance'\. Inputs of test case 6: "
                  r"train_error = 0\.08; dev_error = 0\.1; bayes_error = 0\.05\.$"),
    (lambda train_error, dev_error, bayes_error: (label(train_error, dev_error, bayes_error),),
     r"in the returned label: expected the string 'high variance', got a tuple of 1 value"),
    (lambda train_error, dev_error, bayes_error: None,
     r"returned None \(did it forget the return statement\?\); expected the string"),
])
def test_labels_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_diagnosis_labels(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_diagnosis_labels, fn)


def centred_in_place(predictions, f_true):
    predictions -= predictions.mean(axis=0)
    return terms(predictions, f_true)


@pytest.mark.parametrize("fn, pattern", [
    (lambda predictions, f_true: terms(predictions, f_true)[::-1],
     r"the returned values are right but in another order: return them as \(bias2, variance\); "
     r"yours come as \(variance, bias2\)"),
    (lambda predictions, f_true: (terms(predictions, f_true)[0],
                                  np.mean(predictions.std(axis=0))),
     r"in element 2 of the returned tuple, variance: expected 0\.2101, got 0\.4557"),
    (lambda predictions, f_true: (np.sum((predictions.mean(0) - f_true) ** 2),
                                  terms(predictions, f_true)[1]),
     r"in element 1 of the returned tuple, bias2: expected 0\.03971, got 0\.4765"),
    (centred_in_place, r"in element 1 of the returned tuple, bias2: .* Your function also "
                       r"changed its argument predictions in place \(480 of 480 entries"),
])
def test_terms_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_bias_variance_terms(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_bias_variance_terms, fn)
