"""Notebook 02's lessons: the diagnosis by train/dev error; bias^2 + variance + noise."""
import numpy as np
import pytest

from course_utils.lessons.bias_variance import (
    LECTURE_CASES,
    decompose,
    diagnose,
    polynomial_bias_variance,
    quadrant_table,
    true_function,
)


# --------------------------------------------------------------------------- diagnose
@pytest.mark.parametrize("train, dev, bayes, label", [
    (0.01, 0.11, 0.0, "high variance"),
    (0.15, 0.16, 0.0, "high bias"),
    (0.15, 0.30, 0.0, "high bias and high variance"),
    (0.005, 0.01, 0.0, "low bias and low variance"),
    (0.15, 0.16, 0.15, "low bias and low variance"),
])
def test_diagnose_lecture_quadrants(train, dev, bayes, label):
    d = diagnose(train, dev, bayes)
    assert d.label == label
    assert d.avoidable_bias == pytest.approx(train - bayes)
    assert d.variance == pytest.approx(dev - train)


def test_diagnose_next_steps_follow_the_recipe():
    assert "bigger network" in diagnose(0.15, 0.16).next_step
    assert "more data" in diagnose(0.01, 0.11).next_step
    assert diagnose(0.15, 0.30).next_step.startswith("fix the bias first")
    assert "done" in diagnose(0.005, 0.01).next_step


def test_diagnose_avoidable_bias_is_not_train_error():
    d = diagnose(0.15, 0.16, 0.14)
    assert d.avoidable_bias == pytest.approx(0.01)
    assert not d.high_bias


def test_diagnose_tolerance():
    assert diagnose(0.0, 0.03, tolerance=0.05).label == "low bias and low variance"
    assert diagnose(0.0, 0.03, tolerance=0.01).label == "high variance"


@pytest.mark.parametrize("args, exc, match", [
    ((15, 16), ValueError, r"If you meant 15%, pass 0.15"),
    ((0.1, -0.1), ValueError, "dev_error must be an error rate in"),
    ((0.1, 0.2, float("nan")), ValueError, "bayes_error must be an error rate"),
    (("0.1", 0.2), TypeError, "train_error must be an error rate"),
    ((True, 0.2), TypeError, "train_error must be an error rate"),
])
def test_diagnose_bad_input(args, exc, match):
    with pytest.raises(exc, match=match):
        diagnose(*args)


def test_quadrant_table_lists_every_case():
    table = quadrant_table()
    lines = table.splitlines()
    assert len(lines) == 2 + len(LECTURE_CASES)
    assert lines[2].endswith("high variance")
    assert lines[-1].startswith("15% / 16%, Bayes 15%")
    assert lines[-1].endswith("low bias and low variance")


# --------------------------------------------------------------------------- decomposition
def test_decompose_on_known_predictions():
    f = np.array([0.0, 1.0])
    P = np.array([[1.0, 1.0], [3.0, 1.0]])  # mean (2, 1): bias^2 = (4 + 0)/2; var = (1 + 0)/2
    dec = decompose(P, f, 0.25)
    assert dec.bias2 == pytest.approx(2.0)
    assert dec.variance == pytest.approx(0.5)
    assert dec.noise == pytest.approx(0.25)
    assert dec.total == pytest.approx(2.75)
    assert dec.expected_error is None


def test_decompose_sum_matches_measured_error():
    rng = np.random.default_rng(1)
    f = np.linspace(-1, 1, 50)
    P = f + 0.3 + 0.5 * rng.standard_normal((4000, 50))
    Y = f + 0.2 * rng.standard_normal((4000, 50))
    dec = decompose(P, f, 0.04, Y)
    assert dec.bias2 == pytest.approx(0.09, rel=0.05)
    assert dec.variance == pytest.approx(0.25, rel=0.05)
    assert dec.expected_error == pytest.approx(dec.total, rel=0.02)


@pytest.mark.parametrize("args, match", [
    ((np.zeros((3, 4)), np.zeros(5), 0.1), "predictions has 4 test points"),
    ((np.zeros((1, 4)), np.zeros(4), 0.1), "at least 2 models"),
    ((np.zeros(4), np.zeros(4), 0.1), "predictions must be a 2-D array"),
    ((np.zeros((3, 4)), np.zeros(4), -1.0), "noise_var must be >= 0"),
    ((np.zeros((3, 4)), np.zeros(4), 0.1, np.zeros((2, 4))), "y_test must have the shape"),
])
def test_decompose_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        decompose(*args)


def test_polynomial_bias_variance_u_shape_and_sum():
    calls = []
    res = polynomial_bias_variance(range(11), n_sets=200, seed=3,
                                   callback=lambda i, n: calls.append((i, n)))
    assert calls[-1] == (11, 11)
    best = int(np.argmin(res["total"]))
    assert 0 < best < 10                                      # a U, not a monotone curve
    assert res["bias2"][0] > 5 * res["bias2"][best]           # underfit: bias dominates
    assert res["variance"][10] > 5 * res["variance"][best]    # overfit: variance dominates
    assert np.allclose(res["expected_error"], res["total"], rtol=0.05)
    assert np.allclose(res["noise"], 0.09)
    assert res["predictions"][3].shape == (200, 200)
    again = polynomial_bias_variance(range(11), n_sets=200, seed=3)
    assert np.array_equal(again["total"], res["total"])


@pytest.mark.parametrize("kwargs, match", [
    (dict(degrees=[]), "non-empty list"),
    (dict(degrees=[-1]), "non-empty list"),
    (dict(degrees=[30], n_train=30), "needs more than 30 training points"),
    (dict(degrees=[1], noise_std=-0.1), "noise_std must be a number >= 0"),
])
def test_polynomial_bias_variance_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        polynomial_bias_variance(**kwargs)


def test_true_function():
    assert true_function(0.5) == pytest.approx(1.0)
