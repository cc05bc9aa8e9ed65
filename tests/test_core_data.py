"""Tests of course_utils.data: toy sets, shipped dataset, digits, one-hot, splits, fresh draws."""
import hashlib
import math
import shutil

import numpy as np
import pytest
import sklearn.datasets
from sklearn.model_selection import train_test_split

from course_utils import data, splits
from course_utils.data import (
    diagonal_sampler,
    draw_parts,
    labels_from_one_hot,
    load_diagonal_regions,
    load_digits,
    make_circles,
    make_diagonal_regions,
    make_moons,
    one_hot,
)
from course_utils.splits import Split, train_dev_test_split


def _binary(m=50, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(3, m))
    Y = (rng.random((1, m)) < 0.3).astype(float)
    return X, Y


# --------------------------------------------------------------------------- toy sets
@pytest.mark.parametrize("maker, sk, kwargs", [
    (make_moons, sklearn.datasets.make_moons, {"noise": 0.2}),
    (make_circles, sklearn.datasets.make_circles, {"noise": 0.05, "factor": 0.5}),
])
def test_toy_sets_layout_and_match_sklearn(maker, sk, kwargs):
    X, Y = maker(n_samples=123, seed=7, **kwargs)
    assert X.shape == (2, 123) and Y.shape == (1, 123)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert set(np.unique(Y)) == {0.0, 1.0}
    Xs, ys = sk(n_samples=123, random_state=7, **kwargs)
    np.testing.assert_array_equal(X, Xs.T)
    np.testing.assert_array_equal(Y[0], ys)


@pytest.mark.parametrize("maker", [make_moons, make_circles, make_diagonal_regions])
def test_generators_deterministic_by_seed_and_rng(maker):
    a = maker(seed=3)
    b = maker(seed=3)
    c = maker(seed=4)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])
    r1 = maker(rng=np.random.default_rng(5))
    r2 = maker(rng=np.random.default_rng(5))
    np.testing.assert_array_equal(r1[0], r2[0])
    state = np.random.get_state()[1].copy()
    maker(seed=1)
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # global RNG untouched


@pytest.mark.parametrize("maker, kwargs, exc, match", [
    (make_moons, {"n_samples": 0}, ValueError, "n_samples must be a positive integer"),
    (make_moons, {"n_samples": 10.5}, ValueError, "n_samples must be a positive integer"),
    (make_moons, {"noise": -0.1}, ValueError, "noise must be a finite number >= 0"),
    (make_moons, {"noise": "high"}, TypeError, "noise must be a number >= 0"),
    (make_moons, {"seed": -1}, ValueError, "seed must be a non-negative integer"),
    (make_moons, {"seed": 1, "rng": np.random.default_rng(1)}, ValueError, "not both"),
    (make_moons, {"rng": 3}, TypeError, "rng must be a numpy.random.Generator"),
    (make_circles, {"factor": 1.0}, ValueError, r"factor must be in \(0, 1\)"),
    (make_circles, {"factor": 0.0}, ValueError, r"factor must be in \(0, 1\)"),
    (make_diagonal_regions, {"n_samples": 5}, ValueError, "n_samples must be at least 10"),
    (make_diagonal_regions, {"n_pockets": 0}, ValueError, "n_pockets must be a positive"),
    (make_diagonal_regions, {"n_pockets": 51}, ValueError, "n_pockets must be at most 50"),
    (make_diagonal_regions, {"pocket_radius": 0.5}, ValueError, r"pocket_radius must be in \(0, "),
    (make_diagonal_regions, {"pocket_radius": 0.0}, ValueError, r"pocket_radius must be in \(0, "),
    (make_diagonal_regions, {"pocket_share": 0.6}, ValueError, r"pocket_share must be in \[0, 0.5"),
    (make_diagonal_regions, {"pocket_flip": 1.5}, ValueError, r"pocket_flip must be in \[0, 1\]"),
    (make_diagonal_regions, {"curvature": 2}, ValueError, r"curvature must be in \[-1, 1\]"),
    (make_diagonal_regions, {"curvature": None}, TypeError, "curvature must be a number"),
    (make_diagonal_regions, {"noise": float("nan")}, ValueError, "noise must be a finite"),
])
def test_generator_errors(maker, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        maker(**kwargs)


def test_diagonal_regions_shape_range_and_noise_structure():
    X, Y = make_diagonal_regions(n_samples=3000, seed=1)
    assert X.shape == (2, 3000) and Y.shape == (1, 3000)
    assert np.all(np.abs(X) < 0.9)
    assert 0.3 < Y.mean() < 0.7
    # The labels follow the diagonal boundary for most points, not all (label noise).
    side = (data._diagonal_score(X, 0.3) > 0).astype(float)
    agree = np.mean(side == Y)
    assert 0.9 < agree < 0.99
    # Without pockets and boundary noise the boundary explains every label.
    X0, Y0 = make_diagonal_regions(n_samples=500, noise=0.0, pocket_share=0.0, seed=2)
    np.testing.assert_array_equal((data._diagonal_score(X0, 0.3) > 0).astype(float), Y0[0])


def test_diagonal_regions_noise_is_concentrated_in_pockets():
    X, Y = make_diagonal_regions(n_samples=6000, noise=0.0, pocket_share=0.1, pocket_flip=0.4,
                                 seed=3)
    wrong = (data._diagonal_score(X, 0.3) > 0).astype(float) != Y
    # ~4% of all labels are wrong (10% of points in pockets, 40% of those flipped) ...
    assert 0.02 < wrong.mean() < 0.06
    # ... and the wrong points are clustered: their nearest wrong neighbour is much closer
    # than for uniformly scattered points.
    W = X[:, wrong[0]]
    d = np.sqrt(((W[:, :, None] - W[:, None, :]) ** 2).sum(axis=0))
    np.fill_diagonal(d, np.inf)
    uniform = 0.5 * 1.5 / np.sqrt(W.shape[1])  # mean NN distance of a Poisson process
    assert np.median(d.min(axis=1)) < 0.3 * uniform


# --------------------------------------------------------------------------- shipped file
def test_load_diagonal_regions_fixed_copy():
    s = load_diagonal_regions()
    assert isinstance(s, Split)
    assert s.sizes == (200, 200, 200)
    for X, Y in ((s.X_train, s.Y_train), (s.X_dev, s.Y_dev), (s.X_test, s.Y_test)):
        assert X.shape == (2, 200) and Y.shape == (1, 200)
        assert X.dtype == np.float64
        assert set(np.unique(Y)) <= {0.0, 1.0}
        assert np.all(np.abs(X) < 0.9)
    digest = hashlib.sha256((data.DATA_DIR / data.DIAGONAL_REGIONS_FILE).read_bytes()).hexdigest()
    assert digest == data.DIAGONAL_REGIONS_SHA256


def test_load_diagonal_regions_matches_generator():
    """The shipped file is exactly what data/make_datasets.py produces."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_datasets",
                                                  data.DATA_DIR / "make_datasets.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    s = load_diagonal_regions()
    X, Y = make_diagonal_regions(n_samples=600, seed=mod.DIAGONAL_SEED)
    np.testing.assert_array_equal(np.concatenate([s.X_train, s.X_dev, s.X_test], axis=1), X)
    np.testing.assert_array_equal(np.concatenate([s.Y_train, s.Y_dev, s.Y_test], axis=1), Y)


def test_load_diagonal_regions_checksum_mismatch(monkeypatch):
    monkeypatch.setattr(data, "DIAGONAL_REGIONS_SHA256", "0" * 64)
    with pytest.raises(ValueError, match=r"Checksum mismatch.*python data/make_datasets.py"):
        load_diagonal_regions()


def test_load_diagonal_regions_corrupted_copy(tmp_path, monkeypatch):
    src = data.DATA_DIR / data.DIAGONAL_REGIONS_FILE
    dst = tmp_path / data.DIAGONAL_REGIONS_FILE
    shutil.copy(src, dst)
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    assert load_diagonal_regions().sizes == (200, 200, 200)  # intact copy loads
    raw = bytearray(dst.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    dst.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match=r"Checksum mismatch.*pip install -e \."):
        load_diagonal_regions()


def test_load_diagonal_regions_missing_file(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match=r"not found.*python data/make_datasets.py"):
        load_diagonal_regions()


# --------------------------------------------------------------------------- digits, labels
def test_load_digits():
    X, y = load_digits()
    assert X.shape == (64, 1797) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    assert y.dtype == np.int64 and set(np.unique(y)) == set(range(10))
    raw = sklearn.datasets.load_digits()
    np.testing.assert_array_equal(X[:, 5].reshape(8, 8), raw.images[5] / 16)
    X3, y3 = load_digits(n_class=3)
    assert set(np.unique(y3)) == {0, 1, 2} and X3.shape == (64, y3.size)


@pytest.mark.parametrize("n_class", [0, 1, 11, 2.5, True, "10"])
def test_load_digits_errors(n_class):
    with pytest.raises(ValueError, match="n_class must be an integer from 2 to 10"):
        load_digits(n_class)


def test_one_hot_roundtrip():
    y = np.array([2, 0, 1, 2])
    Y = one_hot(y)
    np.testing.assert_array_equal(Y, [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])
    assert Y.dtype == np.float64
    np.testing.assert_array_equal(one_hot(y.reshape(1, -1), n_classes=5).sum(axis=1),
                                  [1, 1, 2, 0, 0])
    np.testing.assert_array_equal(labels_from_one_hot(Y), y)
    np.testing.assert_array_equal(labels_from_one_hot(np.array([[0.0, 1.0, 1.0]])), [0, 1, 1])
    assert labels_from_one_hot(Y).dtype == np.int64


@pytest.mark.parametrize("labels, n_classes, exc, match", [
    ([0, 1, 3], 3, ValueError, "labels contain class 3 but n_classes is 3"),
    ([0, -1], None, ValueError, "integer class labels >= 0"),
    ([0, 1.5], None, ValueError, "integer class labels >= 0"),
    ([[0, 1], [1, 0]], None, ValueError, r"shape \(m,\) or \(1, m\)"),
    ([], None, ValueError, "labels is empty"),
    ("abc", None, TypeError, "labels must be a numeric array"),
    ([0, 1], 0, ValueError, "n_classes must be a positive integer"),
])
def test_one_hot_errors(labels, n_classes, exc, match):
    with pytest.raises(exc, match=match):
        one_hot(labels, n_classes)


def test_labels_from_one_hot_errors():
    with pytest.raises(ValueError, match="must be one-hot"):
        labels_from_one_hot(np.array([[1.0, 1.0], [1.0, 0.0]]))
    with pytest.raises(ValueError, match=r"Use Y.reshape\(1, -1\)"):
        labels_from_one_hot(np.array([0.0, 1.0]))


# --------------------------------------------------------------------------- splits
@pytest.mark.parametrize("m", [5, 10, 37, 100, 101, 999])
@pytest.mark.parametrize("dev", [0.1, 0.2, 0.25, 0.3, 1 / 3])
def test_two_way_sizes_match_sklearn(m, dev):
    X, Y = _binary(m)
    s = train_dev_test_split(X, Y, (1 - dev, dev))
    a, b = train_test_split(np.arange(m), test_size=dev, random_state=0)
    assert s.sizes == (len(a), len(b), 0)
    assert s.X_test is None and s.Y_test is None


@pytest.mark.parametrize("m, ratios, sizes", [
    (100, (0.6, 0.2, 0.2), (60, 20, 20)),
    (10, (0.6, 0.2, 0.2), (6, 2, 2)),
    (7, (0.6, 0.2, 0.2), (3, 2, 2)),  # held-out parts rounded up (ceil)
    (1000, (0.98, 0.01, 0.01), (980, 10, 10)),
    (50, (0.8, 0.2, 0.0), (40, 10, 0)),
])
def test_three_way_sizes(m, ratios, sizes):
    X, Y = _binary(m)
    assert train_dev_test_split(X, Y, ratios).sizes == sizes


@pytest.mark.parametrize("stratify", [False, True])
def test_split_partitions_columns_and_keeps_alignment(stratify):
    m = 97
    X = np.vstack([np.arange(m, dtype=float), -np.arange(m, dtype=float)])
    Y = (np.arange(m) % 3 == 0).astype(float).reshape(1, -1)
    s = train_dev_test_split(X, Y, seed=4, stratify=stratify)
    ids = np.concatenate([s.X_train[0], s.X_dev[0], s.X_test[0]])
    assert sorted(ids.tolist()) == list(range(m))  # none lost, none duplicated
    for Xp, Yp in ((s.X_train, s.Y_train), (s.X_dev, s.Y_dev), (s.X_test, s.Y_test)):
        idx = Xp[0].astype(int)
        np.testing.assert_array_equal(Xp[1], -idx)
        np.testing.assert_array_equal(Yp[0], (idx % 3 == 0).astype(float))
    assert sum(s.sizes) == m


def test_split_deterministic_by_seed_and_shuffles():
    X, Y = _binary(60)
    a = train_dev_test_split(X, Y, seed=1)
    b = train_dev_test_split(X, Y, seed=1)
    c = train_dev_test_split(X, Y, seed=2)
    d = train_dev_test_split(X, Y, rng=np.random.default_rng(1))
    e = train_dev_test_split(X, Y, rng=np.random.default_rng(1))
    for p, q in zip(a, b):
        np.testing.assert_array_equal(p, q)
    for p, q in zip(d, e):
        np.testing.assert_array_equal(p, q)
    assert not np.array_equal(a.X_train, c.X_train)
    assert not np.array_equal(a.X_train, X[:, :36])  # shuffled
    n = train_dev_test_split(X, Y, shuffle=False)
    np.testing.assert_array_equal(n.X_train, X[:, :36])
    np.testing.assert_array_equal(n.X_dev, X[:, 36:48])
    np.testing.assert_array_equal(n.Y_test, Y[:, 48:])


def test_split_returns_copies():
    X, Y = _binary(20)
    s = train_dev_test_split(X, Y)
    X0 = X.copy()
    s.X_train[:] = 99.0
    np.testing.assert_array_equal(X, X0)


def _class_counts(Y):
    return np.bincount(labels_from_one_hot(Y) if Y.shape[0] > 1 else Y[0].astype(int),
                       minlength=max(Y.shape[0], 2))


@pytest.mark.parametrize("seed", range(5))
def test_stratified_binary_keeps_proportions(seed):
    rng = np.random.default_rng(seed)
    m = int(rng.integers(40, 400))
    X = rng.normal(size=(2, m))
    Y = (rng.random((1, m)) < rng.uniform(0.05, 0.5)).astype(float)
    Y[0, :2] = [0, 1]
    total = _class_counts(Y)
    s = train_dev_test_split(X, Y, (0.5, 0.3, 0.2), seed=seed, stratify=True)
    for Yp in (s.Y_train, s.Y_dev, s.Y_test):
        expected = total * Yp.shape[1] / m
        assert np.all(np.abs(_class_counts(Yp) - expected) < 1), (_class_counts(Yp), expected)


def test_stratified_one_hot_and_integer_labels():
    X, y = load_digits()
    X, y = X[:, :500], y[:500]
    total = np.bincount(y, minlength=10)
    for Y in (one_hot(y, 10), y.reshape(1, -1).astype(float)):
        s = train_dev_test_split(X, Y, (0.6, 0.2, 0.2), seed=0, stratify=True)
        assert s.sizes == (300, 100, 100)
        for Yp in (s.Y_train, s.Y_dev, s.Y_test):
            labels = labels_from_one_hot(Yp) if Yp.shape[0] > 1 else Yp[0].astype(int)
            counts = np.bincount(labels, minlength=10)
            assert np.all(np.abs(counts - total * Yp.shape[1] / 500) < 1)
    # An unstratified split of a small imbalanced set typically misses the proportions.
    Y = np.zeros((1, 40))
    Y[0, :4] = 1
    X = np.arange(40.0).reshape(1, -1)
    misses = sum(train_dev_test_split(X, Y, (0.5, 0.5), seed=k).Y_dev.sum() != 2
                 for k in range(20))
    assert misses > 5
    assert all(train_dev_test_split(X, Y, (0.5, 0.5), seed=k, stratify=True).Y_dev.sum() == 2
               for k in range(20))


def test_controlled_round_exact_margins():
    rng = np.random.default_rng(0)
    for _ in range(300):
        counts = rng.integers(1, 60, size=rng.integers(2, 8))
        m = counts.sum()
        cuts = np.sort(rng.choice(np.arange(1, m), size=2, replace=False))
        sizes = np.diff(np.concatenate([[0], cuts, [m]]))
        table = splits._controlled_round(counts, sizes)
        np.testing.assert_array_equal(table.sum(axis=1), counts)
        np.testing.assert_array_equal(table.sum(axis=0), sizes)
        assert np.all(np.abs(table - np.outer(counts, sizes) / m) < 1)


def test_split_accepts_lists():
    s = train_dev_test_split([[1.0, 2.0, 3.0, 4.0, 5.0]], [[0, 1, 0, 1, 1]], (0.6, 0.4))
    assert s.sizes == (3, 2, 0)


BAD_RATIOS = [
    ((60, 20, 20), ValueError, r"fractions summing to 1; did you mean \(0\.6, 0\.2, 0\.2\)\?"),
    ((70, 30), ValueError, r"did you mean \(0\.7, 0\.3\)\?"),
    ((0.6, 0.2, 0.1), ValueError, r"must be fractions summing to 1, got .*sum 0\.9"),
    ((0.7, 0.4), ValueError, r"summing to 1.*sum 1\.1"),
    ((0.8, -0.1, 0.3), ValueError, r"the dev ratio must be a finite number > 0"),
    ((1.2, 0.1, -0.3), ValueError, r"the test ratio must be a finite number >= 0"),
    ((0.0, 0.5, 0.5), ValueError, r"the train ratio must be a finite number > 0"),
    ((1.0, 0.0), ValueError, r"the dev ratio must be a finite number > 0"),
    ((0.5, float("nan"), 0.5), ValueError, r"the dev ratio must be a finite"),
    ((1.0,), ValueError, r"2 entries \(train, dev\) or 3"),
    ((0.25, 0.25, 0.25, 0.25), ValueError, r"2 entries \(train, dev\) or 3"),
    (0.8, TypeError, r"ratios must be a tuple of 2 or 3 fractions"),
    ("0.6,0.2,0.2", TypeError, r"ratios must be a tuple"),
    ((0.6, "0.2", 0.2), TypeError, r"ratios must contain numbers"),
    ((True, 0.0), TypeError, r"ratios must contain numbers"),
]


@pytest.mark.parametrize("ratios, exc, match", BAD_RATIOS)
def test_split_bad_ratios(ratios, exc, match):
    X, Y = _binary(30)
    with pytest.raises(exc, match=match):
        train_dev_test_split(X, Y, ratios)


@pytest.mark.parametrize("m, ratios, need", [
    (2, (0.6, 0.2, 0.2), 3),
    (1, (0.5, 0.5), 2),
    (3, (0.1, 0.45, 0.45), 11),
])
def test_split_too_few_examples(m, ratios, need):
    X, Y = _binary(m)
    with pytest.raises(ValueError, match=rf"Too few examples: m = {m}.*at least {need} examples"):
        train_dev_test_split(X, Y, ratios)
    # ... and that many are indeed enough.
    X, Y = _binary(need)
    assert min(train_dev_test_split(X, Y, ratios).sizes[:len(ratios)]) >= 1


def _bad_inputs():
    X, Y = _binary(30)
    Xn = X.copy()
    Xn[1, 4] = np.nan
    return [
        (X, Y[0], ValueError, r"Y must have shape \(1, m\).*Use Y.reshape\(1, -1\)"),
        (X, Y.T, ValueError, r"column of labels.*Use Y.reshape\(1, -1\)"),
        (X, Y[:, :20], ValueError, r"Y has 20 examples \(columns\) but X has 30"),
        (X, Y * 0.5, ValueError, r"only labels 0 and 1"),
        (X, np.array([[1.0, 1.0] * 15, [0.0, 1.0] * 15]), ValueError, "must be one-hot"),
        (X.T, Y, ValueError, r"scikit-learn's \(m, n_x\) layout. Use X.T"),
        (Xn, Y, ValueError, r"X contains 1 NaN or infinite values"),
        (X[0], Y, ValueError, r"X must be 2-D with shape \(n_x, m\)"),
        ("X", Y, TypeError, r"X must be a numeric array"),
        (X, None, TypeError, r"Y must be a numeric array"),
        (X, [["a"] * 30], TypeError, r"Y must be a numeric array"),
    ]


@pytest.mark.parametrize("X, Y, exc, match", _bad_inputs())
def test_split_bad_inputs_and_no_mutation(X, Y, exc, match):
    X0 = np.array(X, copy=True) if not isinstance(X, str) else X
    Y0 = None if Y is None else np.array(Y, copy=True)
    with pytest.raises(exc, match=match):
        train_dev_test_split(X, Y)
    if not isinstance(X, str):
        np.testing.assert_array_equal(X, X0)
    if Y is not None:
        np.testing.assert_array_equal(np.asarray(Y), Y0)


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"stratify": True, "shuffle": False}, ValueError, "stratify=True needs shuffle=True"),
    ({"stratify": "yes"}, TypeError, "stratify and shuffle must be True or False"),
    ({"shuffle": 1}, TypeError, "stratify and shuffle must be True or False"),
    ({"seed": -3}, ValueError, "seed must be a non-negative integer"),
    ({"seed": 1, "rng": np.random.default_rng(0)}, ValueError, "not both"),
    ({"rng": "rng"}, TypeError, "rng must be a numpy.random.Generator"),
])
def test_split_bad_options(kwargs, exc, match):
    X, Y = _binary(30)
    with pytest.raises(exc, match=match):
        train_dev_test_split(X, Y, **kwargs)


def test_split_sizes_property_two_way():
    X, Y = _binary(10)
    s = train_dev_test_split(X, Y, (0.7, 0.3))
    assert s.sizes == (7, 3, 0)
    assert isinstance(s, tuple) and len(s) == 6
    assert s.sizes[0] == math.floor(0.7 * 10)


# --------------------------------------------------------------------------- shift
def test_diagonal_sampler_is_seeded():
    X1, Y1 = diagonal_sampler(50, 3)
    X2, Y2 = diagonal_sampler(50, 3)
    assert X1.shape == (2, 50) and Y1.shape == (1, 50)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    assert not np.array_equal(X1, diagonal_sampler(50, 4)[0])


def test_draw_parts_cuts_one_draw():
    parts = draw_parts(diagonal_sampler, (30, 20, 10), seed=4)
    X, Y = diagonal_sampler(60, 4)
    assert [p.shape[1] for p in parts] == [30, 30, 20, 20, 10, 10]
    assert np.array_equal(np.hstack(parts[0::2]), X) and np.array_equal(np.hstack(parts[1::2]), Y)
    with pytest.raises(ValueError, match=r"sizes\[i\] must be a positive integer"):
        draw_parts(diagonal_sampler, (30, 0), seed=4)
