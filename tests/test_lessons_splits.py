"""Notebook 01's lessons: dev-set precision, split rules, mismatched dev sets, dev overuse."""
import math

import numpy as np
import pytest

from course_utils.data import diagonal_sampler
from course_utils.lessons.bias_variance_recipe import (
    fit,
)
from course_utils.lessons.splits import (
    Z_95,
    best_of_k,
    ci_half_width,
    dev_size_needed,
    fit_configs,
    fit_error,
    mismatch_experiment,
    perturb,
    random_configs,
    recommend_split,
    selection_experiment,
    standard_error,
)
from course_utils.metrics import error_rate
from course_utils.train import train


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


LR = {"layer_dims": [2, 1], "learning_rate": 1.0, "num_iterations": 200}


def test_perturb_adds_offset_and_noise():
    X = np.zeros((2, 20000))
    P = perturb(X, noise_std=0.5, offset=(1.0, -2.0), seed=0)
    assert P.mean(axis=1) == pytest.approx([1.0, -2.0], abs=0.02)
    assert P.std(axis=1) == pytest.approx([0.5, 0.5], rel=0.03)
    assert np.array_equal(perturb(X, 0.5, seed=1), perturb(X, 0.5, seed=1))
    assert np.array_equal(perturb(X[:, :5]), X[:, :5])


@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(noise_std=-1), ValueError, "noise_std must be a finite number >= 0"),
    (dict(offset=(1.0, 2.0, 3.0)), ValueError, "offset must have one value per feature"),
    (dict(X=np.zeros(5)), ValueError, "X must be 2-D"),
])
def test_perturb_bad_input(kwargs, exc, match):
    args = {"X": np.zeros((2, 5))} | kwargs
    with pytest.raises(exc, match=match):
        perturb(**args)


def test_error_rate_and_fit_error():
    X, Y = diagonal_sampler(200, 0)
    params = fit(X, Y, LR).params
    e = error_rate(params, X, Y)
    assert 0 < e < 0.2
    assert fit_error(X, Y, [(X, Y)], LR) == [pytest.approx(e)]


def test_mismatched_dev_is_misleading_matched_is_not():
    r = mismatch_experiment(diagonal_sampler, [LR], noise_std=0.2, n_repeats=3, seed=1)
    assert r["dev_A"].shape == (3, 1)
    gap_mis = np.mean(r["mismatched"]["test"] - r["mismatched"]["dev"])
    gap_match = np.mean(r["matched"]["test"] - r["matched"]["dev"])
    assert gap_mis > 0.04 and abs(gap_match) < 0.03


def test_mismatch_experiment_bad_input():
    with pytest.raises(ValueError, match="candidates must be a non-empty list"):
        mismatch_experiment(diagonal_sampler, [])


def test_random_configs_reproducible_and_in_range():
    a, b = random_configs(10, seed=2), random_configs(10, seed=2)
    assert a == b and a != random_configs(10, seed=3)
    for c in a:
        assert c["layer_dims"][0] == 2 and c["layer_dims"][1] in (2, 4, 8, 16, 32)
        assert 0.03 <= c["learning_rate"] <= 1 and 100 <= c["num_iterations"] <= 800
        assert c["lambd"] >= 0


def test_fit_configs_matches_one_train_run_per_config():
    """Configurations of one width train together, each stopping after its own iterations."""
    X, Y = diagonal_sampler(80, 0)
    Xd, Yd = diagonal_sampler(60, 1)
    configs = random_configs(6, seed=4)
    err = fit_configs(X, Y, configs, range(10, 16), [(X, Y), (Xd, Yd)])
    assert err.shape == (6, 2)
    for j, cfg in enumerate(configs):
        c = dict(cfg)
        dims = c.pop("layer_dims")
        ref = train(X, Y, dims, seed=10 + j, **c).params
        assert err[j].tolist() == [error_rate(ref, X, Y), error_rate(ref, Xd, Yd)]
    with pytest.raises(ValueError, match="one seed per configuration"):
        fit_configs(X, Y, configs, range(5), [(X, Y)])
    bad = [dict(configs[0], num_iterations=150)]
    with pytest.raises(ValueError, match="multiple of 100"):
        fit_configs(X, Y, bad, [0], [(X, Y)])


def test_selection_experiment_and_best_of_k():
    calls = []
    r = selection_experiment(diagonal_sampler, n_configs=3, n_repeats=2, m_dev=30, m_test=100,
                             callback=lambda i, n: calls.append(i))
    assert r["dev"].shape == r["test"].shape == (2, 3) and calls == [1, 2]
    assert "dev_large" not in r
    r2 = selection_experiment(diagonal_sampler, n_configs=3, n_repeats=2, m_dev=30, m_test=100,
                              m_dev_large=200)
    assert r2["dev_large"].shape == (2, 3)
    dev = np.array([[0.3, 0.1, 0.2], [0.1, 0.4, 0.0]])
    test = np.array([[0.3, 0.25, 0.2], [0.15, 0.4, 0.1]])
    d, t = best_of_k(dev, test, 2)
    assert d.tolist() == [0.1, 0.1] and t.tolist() == [0.25, 0.15]
    d, t = best_of_k(dev, test, 3)
    assert d.tolist() == [0.1, 0.0] and t.tolist() == [0.25, 0.1]


@pytest.mark.parametrize("args, match", [
    ((np.zeros((2, 3)), np.zeros((2, 4)), 1), "same shape"),
    ((np.zeros(3), np.zeros(3), 1), "same shape"),
    ((np.zeros((2, 3)), np.zeros((2, 3)), 4), "k = 4 is more than the 3"),
    ((np.zeros((2, 3)), np.zeros((2, 3)), 0), "k must be a positive integer"),
])
def test_best_of_k_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        best_of_k(*args)
