"""course_utils.lessons.normalization_one_scale (notebook 07, section 4): raw, centered and
standardized inputs that already share one range."""
import numpy as np
import pytest

from course_utils.data import load_digits, one_hot, train_dev_test_split
from course_utils.lessons.normalization_one_scale import (
    VARIANTS,
    one_scale_experiment,
    scale_variants,
)


def test_scale_variants_use_the_training_statistics():
    rng = np.random.default_rng(0)
    Xt = rng.random((3, 50)) * [[1.0], [5.0], [0.0]]      # the third feature is constant 0
    Xo = rng.random((3, 7))
    v = scale_variants(Xt, Xo)
    assert tuple(v) == VARIANTS
    assert np.array_equal(v["raw"][0], Xt) and np.array_equal(v["raw"][1], Xo)
    mu, sd = Xt.mean(axis=1, keepdims=True), Xt.std(axis=1, keepdims=True)
    assert np.allclose(v["centered only"][1], Xo - mu)
    assert np.allclose(v["standardized"][1][:2], ((Xo - mu)[:2] / sd[:2]))
    assert np.allclose(v["standardized"][1][2], Xo[2])    # constant feature: divisor 1
    assert np.allclose(v["standardized"][0].std(axis=1)[:2], 1.0)


@pytest.fixture(scope="module")
def small_run():
    X, y = load_digits()
    d = train_dev_test_split(X, one_hot(y), (0.6, 0.2, 0.2), seed=0, stratify=True)
    res = one_scale_experiment(d.X_train, d.Y_train, d.X_dev, d.Y_dev, n_per_class=3,
                               data_seeds=range(2), seeds=range(2), num_iterations=30)
    return res, d


def test_one_scale_experiment_shapes_and_statistics(small_run):
    res, d = small_run
    assert set(res["accuracy"]) == set(VARIANTS)
    assert all(a.shape == (2, 2) and np.all((a >= 0) & (a <= 1)) for a in res["accuracy"].values())
    assert res["m_train"] == 30
    assert res["zeros"]["raw"] > res["zeros"]["centered only"] == res["zeros"]["standardized"]
    assert res["largest"]["raw"] <= 1.0 < res["largest"]["standardized"]
    assert 0 < res["near_constant"] <= 64 and res["max_gain"] > 1


def test_one_scale_experiment_is_deterministic(small_run):
    res, d = small_run
    again = one_scale_experiment(d.X_train, d.Y_train, d.X_dev, d.Y_dev, n_per_class=3,
                                 data_seeds=range(2), seeds=range(2), num_iterations=30)
    assert all(np.array_equal(res["accuracy"][v], again["accuracy"][v]) for v in VARIANTS)


def test_one_scale_experiment_errors(small_run):
    _, d = small_run
    with pytest.raises(ValueError, match="fewer than n_per_class=500"):
        one_scale_experiment(d.X_train, d.Y_train, d.X_dev, d.Y_dev, n_per_class=500)
    with pytest.raises(ValueError, match="at least one seed"):
        one_scale_experiment(d.X_train, d.Y_train, d.X_dev, d.Y_dev, seeds=[])
    with pytest.raises(ValueError, match="n_per_class"):
        one_scale_experiment(d.X_train, d.Y_train, d.X_dev, d.Y_dev, n_per_class=0)
