"""Unit tests of course_utils.lessons.bias_variance (precision, split, diagnosis, decomposition)."""
import math

import numpy as np
import pytest

from course_utils.lessons.bias_variance import (LECTURE_CASES, Z_95, ci_half_width, decompose, diagnose,
                                      dev_size_needed, polynomial_bias_variance, quadrant_table,
                                      recommend_split, standard_error, true_function)


# --------------------------------------------------------------------------- precision
def test_standard_error_formula():
    assert standard_error(0.9, 100) == pytest.approx(0.03)
    assert standard_error(0.5, 10_000) == pytest.approx(0.005)
    assert standard_error(1.0, 50) == 0.0


def test_ci_half_width_matches_simulation():
    """The 95% interval covers the true accuracy about 95% of the time."""
    rng = np.random.default_rng(0)
    p, n = 0.9, 400
    measured = rng.binomial(n, p, size=20_000) / n
    hw = ci_half_width(p, n)
    assert hw == pytest.approx(Z_95 * math.sqrt(p * (1 - p) / n))
    coverage = np.mean(np.abs(measured - p) <= hw)
    assert 0.93 < coverage < 0.97


def test_dev_size_needed_is_smallest_sufficient():
    n = dev_size_needed(0.005, 0.9)
    assert n == 13_830
    assert ci_half_width(0.9, n) <= 0.005 < ci_half_width(0.9, n - 1)


@pytest.mark.parametrize("m, fractions, rule", [
    (10_000, (0.6, 0.2, 0.2), "small data: 60/20/20"),
    (1_000_000, (0.9723, 0.01383, 0.01383), "big data: 98/1/1"),
    (100_000_000, (0.9997, 0.0001383, 0.0001383), "very big data: 99.5/0.25/0.25"),
])
def test_recommend_split_small_and_big(m, fractions, rule):
    rec = recommend_split(m)
    assert rec.n_train + rec.n_dev + rec.n_test == m
    assert rec.fractions == pytest.approx(fractions, rel=1e-3)
    assert rec.rule == rule
    assert rec.capped == (m == 10_000)


def test_recommend_split_without_test_set_is_70_30():
    rec = recommend_split(1000, with_test=False, max_dev_fraction=0.3)
    assert (rec.n_train, rec.n_dev, rec.n_test) == (700, 300, 0)
    assert rec.rule == "small data, no test set: 70/30"
    assert "70/300/0" not in rec.describe() and "700/300/0" in rec.describe()


def test_recommend_split_other_caps_are_named_honestly():
    rec = recommend_split(1000, max_dev_fraction=0.3)
    assert (rec.n_train, rec.n_dev, rec.n_test) == (400, 300, 300)
    assert rec.rule == "small data: dev share capped at 30%"


def test_dev_share_shrinks_but_dev_size_stays_for_big_data():
    sizes = [recommend_split(m).n_dev for m in (10 ** 6, 10 ** 7, 10 ** 8)]
    assert sizes[0] == sizes[1] == sizes[2]
    shares = [recommend_split(m).fractions[1] for m in (10 ** 6, 10 ** 7, 10 ** 8)]
    assert shares[0] > shares[1] > shares[2]


@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(m=2), ValueError, "at least 3"),
    (dict(m=0), ValueError, "m must be a number of examples"),
    (dict(m=10.5), ValueError, "whole number"),
    (dict(m="1000"), ValueError, "m must be a number of examples"),
    (dict(m=1000, target_half_width=0), ValueError, "half_width must be in"),
    (dict(m=1000, p=1.5), ValueError, "p must be in"),
    (dict(m=1000, with_test="yes"), TypeError, "with_test must be True or False"),
    (dict(m=1000, max_dev_fraction=0.6), ValueError, "too little to train"),
])
def test_recommend_split_bad_input(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        recommend_split(**kwargs)


def test_standard_error_bad_input():
    with pytest.raises(ValueError, match="p must be in"):
        standard_error(90, 100)
    with pytest.raises(ValueError, match="n must be a number of examples"):
        standard_error(0.9, 0)


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
