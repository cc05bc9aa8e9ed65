"""Notebook 05's lessons: digit training with and without augmentation, paired over seeds."""
import numpy as np
import pytest

from course_utils.lessons.augment import (
    augmentation_experiment,
    dev_augmentation_effect,
    digit_accuracy,
    per_class_accuracy,
    sample_per_class,
    train_digits,
    train_digits_many,
)


@pytest.fixture(scope="module")
def digits():
    from course_utils.data import load_digits
    X, y = load_digits()
    return X, y


def test_sample_per_class(digits):
    _, y = digits
    idx = sample_per_class(y, 3, seed=0)
    assert idx.size == 30 and np.unique(idx).size == 30
    assert np.all(np.bincount(y[idx]) == 3)
    np.testing.assert_array_equal(idx, sample_per_class(y, 3, seed=0))
    with pytest.raises(ValueError, match="fewer than n_per_class"):
        sample_per_class(y[:20], 5)
    with pytest.raises(ValueError, match=r"shape \(m,\)"):
        sample_per_class(y.reshape(1, -1), 2)


def test_train_digits_deterministic_and_learns(digits):
    X, y = digits
    Y = np.eye(10)[y].T
    idx = sample_per_class(y, 5, seed=1)
    p1 = train_digits(X[:, idx], Y[:, idx], augment="jitter", num_iterations=120, seed=0)
    p2 = train_digits(X[:, idx], Y[:, idx], augment="jitter", num_iterations=120, seed=0)
    assert all(np.array_equal(p1[k], p2[k]) for k in p1)
    p0 = train_digits(X[:, idx], Y[:, idx], augment="none", num_iterations=120, seed=0)
    assert not np.array_equal(p0["W1"], p1["W1"])
    assert digit_accuracy(p1, X, Y) > 0.5  # far above chance (10%) after 120 iterations
    per = per_class_accuracy(p1, X, y)
    assert per.shape == (10,) and np.all((per >= 0) & (per <= 1))
    with pytest.raises(ValueError, match="Unknown augment 'vflip'"):
        train_digits(X[:, idx], Y[:, idx], augment="vflip")


def _train_digits_reference(X, Y, augment, seed, num_iterations, refresh_every=50):
    """Online augmentation written with the single-network train (the independent reference)."""
    from course_utils.augment.digits import (
        DIGIT_AUGMENTATIONS,
        columns_to_images,
        images_to_columns,
    )
    from course_utils.train import train
    kw = dict(output_activation="softmax", learning_rate=0.5, seed=seed)
    dims = [64, 32, Y.shape[0]]
    if augment == "none":
        return train(X, Y, dims, num_iterations=num_iterations, **kw).params
    gen, images, params, done = np.random.default_rng([seed, 7]), columns_to_images(X), None, 0
    while done < num_iterations:
        steps = min(refresh_every, num_iterations - done)
        X2 = np.hstack([X, images_to_columns(DIGIT_AUGMENTATIONS[augment](images, rng=gen))])
        params = train(X2, np.tile(Y, (1, 2)), dims, num_iterations=steps, params=params,
                       **kw).params
        done += steps
    return params


@pytest.mark.parametrize("augment", ["none", "jitter", "hflip"])
def test_train_digits_many_equals_one_train_per_seed(digits, augment):
    X, y = digits
    Y = np.eye(10)[y].T
    idx = [sample_per_class(y, 3, seed=s) for s in (0, 1, 2)]
    got = train_digits_many([X[:, i] for i in idx], [Y[:, i] for i in idx], augment, [4, 5, 6],
                            num_iterations=120)
    for params, i, seed in zip(got, idx, (4, 5, 6)):
        ref = _train_digits_reference(X[:, i], Y[:, i], augment, seed, 120)
        for k in ref:
            np.testing.assert_allclose(params[k], ref[k], rtol=0, atol=1e-10, err_msg=k)
    assert not np.allclose(got[0]["W1"], got[1]["W1"])
    with pytest.raises(ValueError, match="one seed and one Y per training set"):
        train_digits_many([X[:, idx[0]]], [Y[:, idx[0]]], "none", [0, 1])


def test_augmentation_experiment_shapes_and_pairing(digits):
    X, y = digits
    Y = np.eye(10)[y].T
    res = augmentation_experiment(X[:, :1000], y[:1000], X[:, 1000:1200], Y[:, 1000:1200],
                                  sizes_per_class=(2, 3), seeds=[0, 1],
                                  kinds=("none", "hflip"), num_iterations=60)
    assert list(res["sizes"]) == [20, 30] and res["kinds"] == ("none", "hflip")
    for k in ("none", "hflip"):
        a = res["accuracy"][k]
        assert a.shape == (2, 2) and np.all((a > 0) & (a <= 1))
    with pytest.raises(ValueError, match="Unknown kind 'rot'"):
        augmentation_experiment(X, y, X, Y, kinds=("rot",))
    with pytest.raises(ValueError, match="seeds must be a non-empty list"):
        augmentation_experiment(X, y, X, Y, seeds=[])


def test_dev_augmentation_effect(digits):
    X, y = digits
    Y = np.eye(10)[y].T
    eff = dev_augmentation_effect(X[:, :1000], y[:1000], X[:, 1000:1300], Y[:, 1000:1300],
                                  X[:, 1300:1600], Y[:, 1300:1600], n_per_class=5, seeds=[0],
                                  kinds=("none",), num_iterations=200)
    d = eff["none"]
    assert set(d) == {"dev", "dev_augmented", "test"}
    # jittering the dev set changes what it measures: lower accuracy than the clean dev set
    assert d["dev_augmented"][0] < d["dev"][0] - 0.05
