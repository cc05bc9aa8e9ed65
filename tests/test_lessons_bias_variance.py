"""Notebook 02's lessons: the diagnosis by train/dev error; bias^2 + variance + noise."""
import numpy as np
import pytest

from course_utils.data import make_diagonal_regions
from course_utils.lessons.bias_variance import (
    LECTURE_CASES,
    bayes_error,
    boundary_error,
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
    ((np.zeros((3, 4)), np.zeros(4)), "give noise_var"),
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
    # noise measured from 200 repeated labels at each of 200 points: 4 standard errors
    assert np.allclose(res["noise"], 0.09, atol=4 * 0.09 * np.sqrt(2 / 199 / 200))
    assert res["noise_std"] == 0.3
    assert res["predictions"][3].shape == (200, 200)
    again = polynomial_bias_variance(range(11), n_sets=200, seed=3)
    assert np.array_equal(again["total"], res["total"])


def test_decompose_measures_the_noise_from_repeated_labels():
    rng = np.random.default_rng(2)
    f = np.linspace(-1, 1, 40)
    P = np.tile(f, (3000, 1))                                    # perfect models
    Y = f + 0.5 * rng.standard_normal((3000, 40))
    dec = decompose(P, f, None, Y)
    assert dec.noise == pytest.approx(np.mean(Y.var(axis=0, ddof=1)))
    assert dec.noise == pytest.approx(0.25, rel=0.02)
    assert dec.bias2 == pytest.approx(0, abs=1e-20) and dec.variance == pytest.approx(0, abs=1e-20)
    assert dec.expected_error == pytest.approx(dec.noise, rel=0.01)


def test_polynomial_designs_even_is_stable_uniform_is_not():
    """Evenly spread inputs: the degree-10 variance of independent batches agrees; independent
    uniform inputs leave gaps, and rare wild fits make it change by orders of magnitude."""
    var = {d: [polynomial_bias_variance([10], n_sets=300, design=d, seed=s)["variance"][0]
               for s in range(3)] for d in ("even", "uniform")}
    assert max(var["even"]) / min(var["even"]) < 2
    assert max(var["uniform"]) > 100 * max(var["even"])
    low = polynomial_bias_variance([10], n_sets=300, seed=0)
    assert low["bias2"][0] < 0.01                       # degree 10 can follow sin(pi x)


@pytest.mark.parametrize("kwargs, match", [
    (dict(degrees=[]), "non-empty list"),
    (dict(degrees=[-1]), "non-empty list"),
    (dict(degrees=[30], n_train=30), "needs more than 30 training points"),
    (dict(degrees=[1], noise_std=-0.1), "noise_std must be a number >= 0"),
    (dict(degrees=[1], design="random"), "design must be one of"),
    (dict(degrees=[1], n_sets=1), "n_sets must be at least 2"),
])
def test_polynomial_bias_variance_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        polynomial_bias_variance(**kwargs)


def test_true_function():
    assert true_function(0.5) == pytest.approx(1.0)


# --------------------------------------------------------------------------- Bayes error
def test_boundary_error_is_the_share_of_noisy_labels():
    X, Y = make_diagonal_regions(5000, pocket_share=0.0, noise=0.0, seed=1)
    assert boundary_error(X, Y) == 0.0                  # no noise: the boundary is perfect
    assert boundary_error(X, 1 - Y) == 1.0
    X, Y = make_diagonal_regions(20000, noise=0.0, seed=1)
    assert boundary_error(X, Y) == pytest.approx(0.15 * 0.4, abs=0.01)   # pockets x flips


def test_bayes_error_of_the_course_data():
    b = bayes_error()
    assert b == bayes_error()                           # deterministic
    assert 0.06 < b < 0.07                              # 6% from the pockets, a little more
    assert bayes_error(curvature=1.0, m=50_000) == pytest.approx(b, abs=0.005)


def test_boundary_error_bad_input():
    with pytest.raises(ValueError, match="Y must have shape"):
        boundary_error(np.zeros((2, 5)), np.zeros(5))
