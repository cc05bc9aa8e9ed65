"""Tests of course_utils.preprocessing: Standardizer and standardize."""
import numpy as np
import pytest
from sklearn.preprocessing import StandardScaler

from course_utils.preprocessing import Standardizer, standardize


def _sets(seed=0):
    rng = np.random.default_rng(seed)
    scales = np.array([[1.0], [100.0], [0.01], [5.0]])
    shifts = np.array([[0.0], [-50.0], [3.0], [1e3]])
    X_train = rng.normal(size=(4, 80)) * scales + shifts
    X_dev = rng.normal(size=(4, 30)) * scales * 2 + shifts + 1
    return X_train, X_dev


def test_matches_sklearn_standard_scaler():
    X_train, X_dev = _sets()
    sk = StandardScaler().fit(X_train.T)
    s = Standardizer().fit(X_train)
    np.testing.assert_allclose(s.transform(X_train), sk.transform(X_train.T).T, rtol=0, atol=1e-12)
    np.testing.assert_allclose(s.transform(X_dev), sk.transform(X_dev.T).T, rtol=0, atol=1e-12)
    np.testing.assert_allclose(s.mean_[:, 0], sk.mean_, rtol=1e-14)
    np.testing.assert_allclose(s.std_[:, 0], sk.scale_, rtol=1e-13)
    assert s.mean_.shape == (4, 1) and s.std_.shape == (4, 1) and s.scale_.shape == (4, 1)


def test_train_is_centred_and_unit_std():
    X_train, _ = _sets(1)
    Z = Standardizer().fit_transform(X_train)
    np.testing.assert_allclose(Z.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=1), 1.0, atol=1e-12)


def test_std_uses_ddof0_not_variance():
    X = np.array([[1.0, 3.0, 5.0, 7.0], [10.0, 10.0, 30.0, 30.0]])
    s = Standardizer().fit(X)
    np.testing.assert_allclose(s.std_[:, 0], [np.sqrt(5.0), 10.0])
    np.testing.assert_allclose(s.transform(X)[1], [-1, -1, 1, 1])


def test_dev_and_test_use_training_statistics():
    X_train, X_dev = _sets(2)
    s = Standardizer().fit(X_train)
    Z_dev = s.transform(X_dev)
    np.testing.assert_allclose(Z_dev, (X_dev - X_train.mean(axis=1, keepdims=True))
                               / X_train.std(axis=1, keepdims=True), atol=1e-12)
    # The dev set, shifted and scaled differently, is NOT centred by the training statistics.
    assert np.all(np.abs(Z_dev.mean(axis=1)) > 1e-3)
    # Fitting on train does not change when the dev set is transformed.
    mean0 = s.mean_.copy()
    s.transform(X_dev * 100)
    np.testing.assert_array_equal(s.mean_, mean0)
    tr, dv, te = standardize(X_train, X_dev, X_dev[:, :5])
    np.testing.assert_allclose(tr, s.transform(X_train), atol=0)
    np.testing.assert_allclose(dv, Z_dev, atol=0)
    np.testing.assert_allclose(te, Z_dev[:, :5], atol=0)
    assert len(standardize(X_train)) == 1


def test_constant_feature_gets_scale_one_like_sklearn():
    X = np.vstack([np.full(10, 0.1), np.arange(10.0), np.full(10, -3.0)])
    s = Standardizer().fit(X)
    np.testing.assert_array_equal(s.scale_[[0, 2], 0], [1.0, 1.0])
    np.testing.assert_array_equal(s.std_[[0, 2], 0], [0.0, 0.0])
    Z = s.transform(X)
    assert np.all(np.isfinite(Z))
    np.testing.assert_allclose(Z[[0, 2]], 0.0, atol=1e-15)
    sk = StandardScaler().fit(X.T)
    np.testing.assert_allclose(Z, sk.transform(X.T).T, atol=1e-12)
    np.testing.assert_allclose(s.scale_[:, 0], sk.scale_, rtol=1e-13)


def test_inverse_transform_roundtrip():
    X_train, X_dev = _sets(3)
    s = Standardizer().fit(X_train)
    np.testing.assert_allclose(s.inverse_transform(s.transform(X_dev)), X_dev,
                               rtol=1e-12, atol=1e-9)


def test_transform_never_mutates_input():
    X_train, X_dev = _sets(4)
    X0, D0 = X_train.copy(), X_dev.copy()
    s = Standardizer()
    Z = s.fit_transform(X_train)
    s.transform(X_dev)
    s.inverse_transform(X_dev)
    standardize(X_train, X_dev)
    np.testing.assert_array_equal(X_train, X0)
    np.testing.assert_array_equal(X_dev, D0)
    assert not np.shares_memory(Z, X_train)


def test_accepts_lists_and_ints():
    s = Standardizer().fit([[1, 2, 3], [4, 4, 4]])
    Z = s.transform([[2, 2], [4, 5]])
    assert Z.dtype == np.float64 and Z.shape == (2, 2)
    assert "n_features_=2" in repr(s) and "not fitted" in repr(Standardizer())


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_use_before_fit(method):
    with pytest.raises(ValueError, match=r"not fitted yet: call fit\(X_train\)"):
        getattr(Standardizer(), method)(np.ones((2, 3)))


def test_feature_count_mismatch_names_both_counts():
    s = Standardizer().fit(np.random.default_rng(0).normal(size=(3, 20)))
    with pytest.raises(ValueError, match=r"X has 5 features \(rows\) but the Standardizer was "
                                         r"fitted on 3 features"):
        s.transform(np.ones((5, 4)))
    with pytest.raises(ValueError, match=r"fitted on 3 features.*\(m, n_x\) layout; use X.T"):
        s.transform(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"fitted on 3 features"):
        s.inverse_transform(np.ones((2, 4)))


@pytest.mark.parametrize("X, exc, match", [
    (np.array([1.0, 2.0, 3.0]), ValueError, r"X must be 2-D with shape \(n_x, m\)"),
    (np.array([[1.0, np.nan], [0.0, 1.0]]), ValueError, r"X contains 1 NaN or infinite"),
    (np.array([[1.0, np.inf], [0.0, 1.0]]), ValueError, r"X contains 1 NaN or infinite"),
    (np.empty((2, 0)), ValueError, r"X is empty"),
    ("data", TypeError, r"X must be a numeric array"),
    (None, TypeError, r"X must be a numeric array"),
    ([["a", "b"]], TypeError, r"X must be a numeric array"),
])
def test_bad_inputs(X, exc, match):
    with pytest.raises(exc, match=match):
        Standardizer().fit(X)
    s = Standardizer().fit(np.ones((2, 3)) * [[1.0], [2.0]])
    with pytest.raises(exc, match=match):
        s.transform(X)


def test_failed_fit_keeps_previous_state():
    X_train, _ = _sets(5)
    s = Standardizer().fit(X_train)
    mean0, scale0 = s.mean_.copy(), s.scale_.copy()
    bad = X_train.copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        s.fit(bad)
    np.testing.assert_array_equal(s.mean_, mean0)
    np.testing.assert_array_equal(s.scale_, scale0)
    assert np.isnan(bad[0, 0])


def test_standardize_names_the_bad_set():
    X_train, X_dev = _sets(6)
    with pytest.raises(ValueError, match=r"others\[1\]: X has 2 features"):
        standardize(X_train, X_dev, X_dev[:2])
    with pytest.raises(TypeError, match=r"others\[0\]: X must be a numeric array"):
        standardize(X_train, "dev")
