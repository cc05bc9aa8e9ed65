"""Notebook 02's basic-recipe experiments: remedies, the width sweep with and without L2, bumps."""
import numpy as np
import pytest

from course_utils.data import diagonal_sampler, draw_parts
from course_utils.lessons.bias_variance_recipe import (
    bump_features,
    bumps_proba,
    farthest_mistakes,
    fit,
    fit_linear_with_bumps,
    measure,
    seconds_per_iteration,
    text_progress,
    width_sweep,
)
from course_utils.metrics import error_rate
from course_utils.train import train

LR = {"layer_dims": [2, 1], "learning_rate": 1.0, "num_iterations": 200}


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


def test_measure_on_one_set_trains_the_seeds_together_bit_for_bit():
    X, Y = diagonal_sampler(100, 0)
    Xd, Yd = diagonal_sampler(100, 1)
    cfg = {"layer_dims": [2, 6, 1], "learning_rate": 0.5, "num_iterations": 300}
    r = measure(cfg, (X, Y), Xd, Yd, [3, 7])
    for seed, params in zip([3, 7], r["params"]):
        ref = train(X, Y, [2, 6, 1], learning_rate=0.5, num_iterations=300, seed=seed).params
        assert all(np.array_equal(ref[k], params[k]) for k in ref)
    assert r["collapsed"].dtype == bool and r["collapsed"].shape == (2,)


def test_width_sweep_shapes_and_l2_effect():
    sets = [diagonal_sampler(60, s) for s in range(2)]
    Xd, Yd = diagonal_sampler(300, 9)
    calls = []
    r = width_sweep([2, 16], [0.0, 3.0], sets, Xd, Yd, range(2), num_iterations=1500,
                    callback=lambda i, n: calls.append(i))
    assert r["dev"].shape == r["collapsed"].shape == (2, 2, 2) and r["widths"].tolist() == [2, 16]
    assert calls == [1, 2]
    # strong L2 keeps the wide network from fitting its 60 training points as closely
    assert r["train"][1, 1].mean() >= r["train"][0, 1].mean()
    # the lambdas of one width and set train together, bit-identical to separate runs
    ref = train(*sets[1], [2, 16, 16, 1], learning_rate=0.5, num_iterations=1500, lambd=3.0,
                seed=1).params
    assert r["dev"][1, 1, 1] == error_rate(ref, Xd, Yd)
    with pytest.raises(ValueError, match="non-empty"):
        width_sweep([], [0.0], sets, Xd, Yd, range(2))


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


def test_measure_with_one_dev_set_per_seed():
    parts = [draw_parts(diagonal_sampler, (80, 300), seed=s) for s in range(2)]
    trains = [(p[0], p[1]) for p in parts]
    devs = [(p[2], p[3]) for p in parts]
    r = measure(LR, trains, devs, None, range(2))
    assert r["dev"].shape == (2,)
    assert r["dev"][0] == pytest.approx(error_rate(r["params"][0], *devs[0]))
    with pytest.raises(ValueError, match="one dev set per seed"):
        measure(LR, trains, devs[:1], None, range(2))
