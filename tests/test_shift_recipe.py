"""Experiment helpers of notebooks 01 (shift.py) and 02 (recipe.py): behaviour and bad input."""
import numpy as np
import pytest

from course_utils.lessons.bias_variance_recipe import (bump_features, bumps_proba, farthest_mistakes, fit,
                                 fit_linear_with_bumps, measure, seconds_per_iteration,
                                 text_progress, width_sweep)
from course_utils.lessons.splits import (best_of_k, diagonal_sampler, draw_parts, error_rate, fit_error,
                                mismatch_experiment, perturb, random_configs,
                                selection_experiment)

LR = {"layer_dims": [2, 1], "learning_rate": 1.0, "num_iterations": 200}


# --------------------------------------------------------------------------- shift
def test_diagonal_sampler_is_seeded():
    X1, Y1 = diagonal_sampler(50, 3)
    X2, Y2 = diagonal_sampler(50, 3)
    assert X1.shape == (2, 50) and Y1.shape == (1, 50)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    assert not np.array_equal(X1, diagonal_sampler(50, 4)[0])


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
        assert c["layer_dims"][0] == 2 and 2 <= c["layer_dims"][1] <= 32
        assert 0.03 <= c["learning_rate"] <= 1 and 100 <= c["num_iterations"] <= 800
        assert c["lambd"] >= 0


def test_selection_experiment_and_best_of_k():
    calls = []
    r = selection_experiment(diagonal_sampler, n_configs=3, n_repeats=2, m_dev=30, m_test=100,
                             callback=lambda i, n: calls.append(i))
    assert r["dev"].shape == r["test"].shape == (2, 3) and calls == [1, 2]
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


# --------------------------------------------------------------------------- recipe
def test_fit_needs_layer_dims():
    X, Y = diagonal_sampler(20, 0)
    with pytest.raises(ValueError, match="config needs a 'layer_dims' entry"):
        fit(X, Y, {"learning_rate": 0.1})


def test_measure_single_set_and_fresh_sets():
    X, Y = diagonal_sampler(100, 0)
    Xd, Yd = diagonal_sampler(100, 1)
    r = measure(LR, (X, Y), Xd, Yd, range(2))
    assert r["train"].shape == (2,) and len(r["params"]) == 2
    assert r["train"][0] == r["train"][1]            # convex: the seed does not matter
    fresh = [diagonal_sampler(100, s) for s in (5, 6)]
    r2 = measure(LR, fresh, Xd, Yd, range(2))
    assert r2["train"][0] != r2["train"][1] or r2["dev"][0] != r2["dev"][1]
    with pytest.raises(ValueError, match="one training set per seed"):
        measure(LR, fresh, Xd, Yd, range(3))
    with pytest.raises(ValueError, match="seeds must name at least one seed"):
        measure(LR, (X, Y), Xd, Yd, [])


def test_width_sweep_shapes_and_l2_effect():
    sets = [diagonal_sampler(60, s) for s in range(2)]
    Xd, Yd = diagonal_sampler(300, 9)
    r = width_sweep([2, 16], [0.0, 3.0], sets, Xd, Yd, range(2), num_iterations=1500)
    assert r["dev"].shape == (2, 2, 2) and r["widths"].tolist() == [2, 16]
    # strong L2 keeps the wide network from fitting its 60 training points as closely
    assert r["train"][1, 1].mean() >= r["train"][0, 1].mean()


def test_seconds_per_iteration_grows_with_width():
    X, Y = diagonal_sampler(100, 0)
    small = seconds_per_iteration([2, 2, 2, 1], X, Y, n_iterations=50, repeats=3)
    big = seconds_per_iteration([2, 128, 128, 1], X, Y, n_iterations=50, repeats=3)
    assert 0 < small < big


def test_text_progress(capsys):
    cb = text_progress("work")
    cb(1, 2)
    cb(2, 2)
    out = capsys.readouterr().out
    assert "work: 1/2 #." in out and out.endswith("work: 2/2 ##\n")


def test_bump_features_and_model():
    X = np.array([[0.0, 1.0], [0.0, 0.0]])
    F = bump_features(X, np.array([[0.0], [0.0]]), 0.5)
    assert F.shape == (3, 2)
    assert F[2].tolist() == pytest.approx([1.0, np.exp(-2.0)])
    Xt, Yt = diagonal_sampler(200, 0)
    lin = fit(Xt, Yt, LR).params
    idx = farthest_mistakes(lin, Xt, Yt, 5)
    assert len(idx) == 5 and np.all((error_rate(lin, Xt[:, idx], Yt[:, idx])) == 1.0)
    C = Xt[:, idx]
    params = fit_linear_with_bumps(Xt, Yt, C, width=0.04)
    P = bumps_proba(params, Xt, C, 0.04)
    assert P.shape == (1, 200)
    assert np.mean((P > 0.5) != Yt) < error_rate(lin, Xt, Yt)   # the bumps fit noisy points


@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(centers=np.zeros((3, 1))), ValueError, "centers has shape"),
    (dict(width=0.0), ValueError, "width must be a finite number > 0"),
    (dict(width="wide"), TypeError, "width must be a positive number"),
])
def test_bump_features_bad_input(kwargs, exc, match):
    args = {"X": np.zeros((2, 4)), "centers": np.zeros((2, 1)), "width": 0.1} | kwargs
    with pytest.raises(exc, match=match):
        bump_features(**args)


def test_draw_parts_cuts_one_draw():
    parts = draw_parts(diagonal_sampler, (30, 20, 10), seed=4)
    X, Y = diagonal_sampler(60, 4)
    assert [p.shape[1] for p in parts] == [30, 30, 20, 20, 10, 10]
    assert np.array_equal(np.hstack(parts[0::2]), X) and np.array_equal(np.hstack(parts[1::2]), Y)
    with pytest.raises(ValueError, match=r"sizes\[i\] must be a positive integer"):
        draw_parts(diagonal_sampler, (30, 0), seed=4)


def test_measure_with_one_dev_set_per_seed():
    parts = [draw_parts(diagonal_sampler, (80, 300), seed=s) for s in range(2)]
    trains = [(p[0], p[1]) for p in parts]
    devs = [(p[2], p[3]) for p in parts]
    r = measure(LR, trains, devs, None, range(2))
    assert r["dev"].shape == (2,)
    assert r["dev"][0] == pytest.approx(error_rate(r["params"][0], *devs[0]))
    with pytest.raises(ValueError, match="one dev set per seed"):
        measure(LR, trains, devs[:1], None, range(2))
