"""course_utils.train_batched: K networks trained together give what K separate ``train``
runs give (parameters, histories, stopping decisions), per-network arguments, bad inputs.

``train`` is the independent reference: every comparison runs it once per network with
that network's arguments. The requirement is agreement to 1e-10 (absolute, on
parameters and every history list); the implementation aims at the same bits.
"""
import copy
import dataclasses

import numpy as np
import pytest

from course_utils.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from course_utils.activations import INPLACE_ACTIVATIONS as _INPLACE
from course_utils.activations import INPLACE_OUTPUTS as _OUTPUT
from course_utils.data import load_diagonal_regions, one_hot
from course_utils.lessons.l2 import converged_callback
from course_utils.train import EarlyStopping, train
from course_utils.train_batched import train_batched

TOL = 1e-10
DIMS = [2, 20, 3, 1]
HISTORY = ("iterations", "cost", "data_cost", "train_accuracy", "dev_accuracy", "dev_cost",
           "weight_norm2")
SPLIT = load_diagonal_regions()
X, Y, XD, YD = SPLIT.X_train, SPLIT.Y_train, SPLIT.X_dev, SPLIT.Y_dev


def three_classes(X):
    """One-hot (3, m) labels: three bands across the diagonal."""
    s = X[0] + X[1]
    return one_hot(np.digitize(s, [-0.3, 0.3]), 3)


def assert_same(got, ref, tol=TOL):
    """One train_batched result against the train run of the same network."""
    assert list(got.params) == list(ref.params)
    for k in ref.params:
        np.testing.assert_allclose(got.params[k], ref.params[k], rtol=0, atol=tol, err_msg=k)
    for key in HISTORY:
        a, b = getattr(got.history, key), getattr(ref.history, key)
        assert len(a) == len(b), f"history.{key}: {len(a)} records, train has {len(b)}"
        np.testing.assert_allclose(a, b, rtol=0, atol=tol, err_msg=f"history.{key}")
    assert got.stop_reason == ref.stop_reason
    assert got.stopped_iteration == ref.stopped_iteration
    assert got.best_iteration == ref.best_iteration
    assert got.diverged == ref.diverged
    assert [i for i, _ in got.snapshots] == [i for i, _ in ref.snapshots]
    for (_, p), (_, q) in zip(got.snapshots, ref.snapshots):
        for k in q:
            np.testing.assert_allclose(p[k], q[k], rtol=0, atol=tol)


def per_network(k, per):
    """Network k's train(...) arguments from the per-network lists in ``per``."""
    names = {"seeds": "seed"}
    return {names.get(n, n): v[k] for n, v in per.items()}


def compare(Xt, Yt, dims, per, **shared):
    """train_batched with per-network lists ``per`` against one train run per network."""
    got = train_batched(Xt, Yt, dims, **per, **shared)
    K = len(next(iter(per.values())))
    assert isinstance(got, list) and len(got) == K
    refs = []
    for k in range(K):
        if shared.get("early_stopping") is not None:  # train changes its monitor: a fresh one each
            shared = {**shared, "early_stopping": dataclasses.replace(shared["early_stopping"])}
        refs.append(train(Xt, Yt, dims, **per_network(k, per), **shared))
    for g, r in zip(got, refs):
        assert_same(g, r)
    return got, refs


# ------------------------------------------------------------------ (a) equals K train runs
PER = {"seeds": [0, 1, 2, 3, 4], "lambd": [0.0, 0.7, 0.0, 2.0, 0.3],
       "learning_rate": [0.3, 0.1, 0.5, 0.2, 0.05],
       "keep_probs": [None, [0.8, 0.9], [1.0, 0.6], 0.7, [1.0, 1.0]]}


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
@pytest.mark.parametrize("dev", [False, True], ids=["no-dev", "dev"])
def test_equals_separate_train_runs(hidden, output, dev):
    Yt, Yd = (Y, YD) if output == "sigmoid" else (three_classes(X), three_classes(XD))
    dims = DIMS[:-1] + [Yt.shape[0]]
    got, refs = compare(X, Yt, dims, PER, hidden_activation=hidden, output_activation=output,
                        num_iterations=300, record_every=50,
                        **({"X_dev": XD, "Y_dev": Yd} if dev else {}))
    assert got[0].history.iterations == list(range(0, 301, 50))
    assert len(got[0].history.dev_cost) == (7 if dev else 0)
    # the networks really differ (else the comparison would prove little)
    assert len({round(r.history.cost[-1], 6) for r in refs}) == len(refs)


@pytest.mark.parametrize("hidden", ["sigmoid", "leaky_relu", "linear"])
def test_other_hidden_activations_equal_train(hidden):
    compare(X, Y, DIMS, {"seeds": [3, 4], "keep_probs": [[0.9, 0.8], None]},
            hidden_activation=hidden, learning_rate=0.2, num_iterations=120, record_every=40)


def test_every_per_network_argument_and_deeper_net():
    per = {"seeds": [5, 6, 7], "lambd": (0.1, 0.0, 1.0),
           "learning_rate": np.array([0.05, 0.1, 0.2]), "init_scale": [None, 0.5, 2.0],
           "keep_probs": [None, 0.8, [0.9, 0.7, 1.0]]}
    compare(X, Y, [2, 12, 6, 4, 1], per, init="xavier", num_iterations=200, record_every=30,
            X_dev=XD, Y_dev=YD)


def test_logistic_regression_without_hidden_layers():
    compare(X, Y, [2, 1], {"seeds": [0, 1], "lambd": [0.0, 1.0]}, learning_rate=0.5,
            num_iterations=100, record_every=25)


def test_inplace_kernels_give_the_registry_bits():
    """The stacked loop's activations equal ACTIVATIONS bit for bit (signs of zeros too),
    also when A overwrites Z and dZ overwrites dA, as the loop does."""
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((3, 4, 50)) * 30
    Z[0, 0, :7] = [0.0, -0.0, 1e-300, -1e-300, 700.0, -700.0, np.nan]
    dA = rng.standard_normal(Z.shape)
    dA[0, 1, :2] = [-0.0, 0.0]

    def same(a, b):
        return np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a),
                                                                      np.signbit(b))
    for name, (fwd, bwd, tmp_dtype) in _INPLACE.items():
        act = ACTIVATIONS[name]
        A_ref = act.forward(Z)
        dZ_ref = act.backward(dA, Z, A_ref)
        assert same(fwd(Z, np.empty_like(Z)), A_ref), name
        A = Z.copy()
        fwd(A, A)  # in place: A overwrites Z
        assert same(A, A_ref), name
        tmp = np.empty(Z.shape, dtype=tmp_dtype)
        assert same(bwd(dA, Z, A, np.empty_like(Z), tmp), dZ_ref), name
        dZ = dA.copy()
        bwd(dZ, np.full_like(Z, np.nan), A, dZ, tmp)  # reads A only; dZ overwrites dA
        assert same(dZ, dZ_ref), name
    for name, fwd in _OUTPUT.items():
        ref = np.stack([OUTPUT_ACTIVATIONS[name].forward(z) for z in Z])  # 2-D, one network each
        assert same(fwd(Z, np.empty_like(Z)), ref), name


# ------------------------------------------------------------------ (b) early stopping
@pytest.mark.parametrize("monitor", ["dev_cost", "dev_error"])
def test_early_stopping_per_network_matches_train(monitor):
    template = EarlyStopping(patience=4, monitor=monitor, restore_best=True)
    per = {"seeds": list(range(6)), "keep_probs": [None, 0.9] * 3}
    got, refs = compare(X, Y, DIMS, per, learning_rate=0.5, num_iterations=1500, record_every=25,
                        X_dev=XD, Y_dev=YD, early_stopping=template)
    stops = [r.stopped_iteration for r in refs]
    assert len(set(stops)) > 2, f"networks should stop at different times, got {stops}"
    assert sorted(stops)[-1] > sorted(stops)[-2], "the last one should train alone a while"
    assert any(r.stop_reason.startswith("early stopping") for r in refs)
    assert template.best_iteration is None and template.best_params is None  # a template


def test_early_stopping_without_restore():
    template = EarlyStopping(patience=2, min_delta=1e-3, restore_best=False)
    compare(X, Y, DIMS, {"seeds": [0, 1, 2]}, learning_rate=0.5, num_iterations=600,
            record_every=25, X_dev=XD, Y_dev=YD, early_stopping=template)


# ------------------------------------------------------------------ one training set per network
def _resamples(K, m=150):
    """K bootstrap resamples of the training set: (K, 2, m) and (K, 1, m)."""
    gen = np.random.default_rng(11)
    idx = [gen.integers(0, X.shape[1], m) for _ in range(K)]
    return np.stack([X[:, i] for i in idx]), np.stack([Y[:, i] for i in idx])


@pytest.mark.parametrize("dev", [False, True], ids=["no-dev", "dev"])
def test_one_training_set_per_network_equals_train_on_each(dev):
    Xs, Ys = _resamples(4)
    per = {"seeds": [0, 1, 2, 3], "keep_probs": [None, 0.8, None, [0.9, 1.0]],
           "learning_rate": [0.1, 0.1, 5.0, 0.05]}   # network 2 diverges and leaves the stack
    shared = dict(hidden_activation="linear", num_iterations=200, record_every=20,
                  **({"X_dev": XD, "Y_dev": YD} if dev else {}))
    got = train_batched(Xs, Ys, DIMS, **per, **shared)
    for k in range(4):
        assert_same(got[k], train(Xs[k], Ys[k], DIMS, **per_network(k, per), **shared))
    assert [r.diverged for r in got] == [False, False, True, False]
    # the networks saw different data: the same seed on another resample ends elsewhere
    other = train(Xs[1], Ys[1], DIMS, seed=0, hidden_activation="linear", learning_rate=0.1,
                  num_iterations=200)
    assert not np.allclose(other.params["W1"], got[0].params["W1"])


def test_one_training_set_per_network_down_to_one_network():
    """Network 0 stops at iteration 40 (callback); network 1 trains on alone, on its own data."""
    Xs, Ys = _resamples(2)
    first = []

    def callback(it, params, hist):
        first.extend([] if first else [hist])   # network 0 is called first, at iteration 0
        return it == 40 and hist is first[0]
    got = train_batched(Xs, Ys, DIMS, seeds=[0, 1], learning_rate=[0.3, 0.1],
                        callback=callback, num_iterations=100, record_every=20)
    assert got[0].stopped_iteration == 40 and got[1].stopped_iteration == 100
    assert_same(got[1], train(Xs[1], Ys[1], DIMS, seed=1, learning_rate=0.1,
                              num_iterations=100, record_every=20))


@pytest.mark.parametrize("Xs, Ys, match", [
    ((3, 2, 150), (3, 150), r"Y must be \(K, n_L, m\) = \(3, n_L, 150\), got shape \(3, 150\)"),
    ((3, 2, 150), (2, 1, 150), r"got shape \(2, 1, 150\). Stack the labels"),
    ((3, 3, 150), (3, 1, 150), r"X\[0\]|n_x|features"),
    ((0, 2, 150), (0, 1, 150), r"X holds no training set"),
])
def test_bad_stacked_training_sets(Xs, Ys, match):
    gen = np.random.default_rng(0)
    with pytest.raises(ValueError, match=match):
        train_batched(gen.normal(size=Xs), (gen.random(Ys) > 0.5).astype(float), DIMS,
                      num_iterations=5)


def test_stacked_training_sets_and_seeds_must_agree_on_k():
    Xs, Ys = _resamples(3)
    with pytest.raises(ValueError, match=r"seeds has 2, X has 3"):
        train_batched(Xs, Ys, DIMS, seeds=[0, 1], num_iterations=5)


# ------------------------------------------------------------------ (c) divergence
def test_one_network_diverges_the_others_train_on():
    per = {"seeds": [0, 1, 2], "learning_rate": [0.1, 5.0, 0.05],
           "keep_probs": [0.9, None, [0.8, 1.0]]}
    got, refs = compare(X, Y, DIMS, per, hidden_activation="linear", num_iterations=200,
                        record_every=5, X_dev=XD, Y_dev=YD)
    assert [r.diverged for r in got] == [False, True, False]
    assert got[1].stop_reason.startswith("diverged: the cost became")
    assert all(np.isfinite(v).all() for r in got for v in r.params.values())
    assert got[0].stopped_iteration == got[2].stopped_iteration == 200


# ------------------------------------------------------------------ (d) callback
def test_a_callback_stops_networks_as_it_stops_train():
    got, refs = compare(X, Y, DIMS, {"seeds": [0, 0, 0], "learning_rate": [0.3, 1.0, 2.0]},
                        num_iterations=1500, record_every=50, callback=converged_callback(1e-4))
    assert [r.stop_reason for r in refs] == [g.stop_reason for g in got]
    assert any(r.stop_reason.startswith("stopped by the callback") for r in refs)
    assert any(r.stop_reason == "completed all iterations" for r in refs)


def test_one_callback_per_network_as_k_train_runs():
    """A list of callbacks gives network k its own, as train(..., callback=callback[k])."""
    cb = converged_callback(1e-4)
    got, refs = compare(X, Y, DIMS, {"seeds": [0, 0, 1], "learning_rate": [1.0, 1.0, 0.3],
                                     "callback": [cb, None, cb]},
                        num_iterations=1500, record_every=50)
    assert got[0].stop_reason.startswith("stopped by the callback")
    assert got[1].stop_reason == "completed all iterations"   # same network, no callback
    assert got[1].stopped_iteration == 1500 > got[0].stopped_iteration


@pytest.mark.parametrize("callbacks, exc, match", [
    ([None], ValueError, r"callback has 1 entries, but 2 network\(s\) are trained"),
    ((None, "stop"), TypeError, r"callback\[1\] must be callable or None, got str"),
])
def test_bad_callback_lists(callbacks, exc, match):
    with pytest.raises(exc, match=match):
        train_batched(X, Y, DIMS, seeds=[0, 1], num_iterations=5, callback=callbacks)


def test_callback_sees_each_network_with_its_own_params_and_history():
    calls = []

    def cb(it, params, hist):  # stops the first network it sees, at iteration 40
        calls.append((it, params["W1"].shape, hist, hist.iterations[-1]))
        return it >= 40 and hist is calls[0][2]

    res = train_batched(X, Y, DIMS, seeds=[0, 1], num_iterations=100, record_every=20,
                        callback=cb)
    assert all(shape == (20, 2) and last == it for it, shape, _, last in calls)
    assert len({id(hist) for _, _, hist, _ in calls}) == 2
    assert [it for it, _, _, _ in calls] == [0, 0, 20, 20, 40, 40, 60, 80, 100]
    assert [r.stop_reason for r in res] == ["stopped by the callback at iteration 40",
                                            "completed all iterations"]
    assert res[0].history is calls[0][2] and res[0].history.iterations == [0, 20, 40]


# ------------------------------------------------------------------ (e) warm start, snapshots
def test_warm_start_and_snapshots():
    starts = [r.params for r in train_batched(X, Y, DIMS, seeds=[7, 8], num_iterations=50)]
    per = {"seeds": [1, 2], "params": starts, "lambd": [0.0, 0.5], "keep_probs": [[0.9, 0.8]] * 2}
    got, _ = compare(X, Y, DIMS, per, learning_rate=0.3, num_iterations=120, record_every=40,
                     keep_snapshots=True)
    assert [i for i, _ in got[0].snapshots] == [0, 40, 80, 120]
    # one shared warm-start dict: every network starts from a copy of it
    shared = train_batched(X, Y, DIMS, seeds=[3, 4], params=starts[0], num_iterations=60)
    for k, s in enumerate((3, 4)):
        assert_same(shared[k], train(X, Y, DIMS, seed=s, params=starts[0], num_iterations=60))


# ------------------------------------------------------------------ (f) K = 1
def test_single_network_equals_train():
    kw = dict(learning_rate=0.3, lambd=0.2, keep_probs=[0.9, 0.8], num_iterations=300,
              record_every=30, X_dev=XD, Y_dev=YD, keep_snapshots=True)
    got = train_batched(X, Y, DIMS, seeds=3, **kw)
    assert len(got) == 1
    assert_same(got[0], train(X, Y, DIMS, seed=3, **kw))


def test_shared_values_broadcast_to_every_network():
    """Single values, including a flat per-hidden-layer keep_probs list, are shared."""
    kw = dict(lambd=0.3, learning_rate=0.2, keep_probs=[0.9, 0.8], num_iterations=80,
              record_every=40)
    got = train_batched(X, Y, DIMS, seeds=[4, 5, 6], **kw)
    for g, s in zip(got, (4, 5, 6)):
        assert_same(g, train(X, Y, DIMS, seed=s, **kw))
    # the spellings the ambiguity error proposes mean what it says
    both = train_batched(X, Y, DIMS, seeds=[4, 5], **{**kw, "keep_probs": [[0.9, 0.8]] * 2})
    assert_same(both[1], got[1])


# ------------------------------------------------------------------ (g) bad inputs
BAD = [
    ({"seeds": [0, 1, 2], "lambd": [0.0, 1.0]}, ValueError,
     r"same length K .*seeds has 3, lambd has 2"),
    ({"seeds": [0, 1], "keep_probs": [[0.8, 0.8], [0.5, 0.5], None]}, ValueError,
     r"seeds has 2, keep_probs has 3"),
    ({"lambd": [0.1, -1.0]}, ValueError, r"lambd\[1\] must be a finite number >= 0"),
    ({"lambd": [0.1, "big"]}, TypeError, r"lambd\[1\] must be a non-negative number"),
    ({"lambd": -1.0}, ValueError, r"lambd must be a finite number >= 0"),
    ({"learning_rate": [0.1, 0.0]}, ValueError, r"learning_rate\[1\] must be a finite number > 0"),
    ({"seeds": [0, 1], "keep_probs": [0.8, 0.5]}, ValueError,
     r"ambiguous.*\[\[0\.8, 0\.5\]\] \* 2.*\[\[0\.8, 0\.8\], \[0\.5, 0\.5\]\]"),
    ({"keep_probs": [1.0, 0.8, 0.5]}, ValueError,
     r"one keep probability per hidden layer.*one value per network write "
     r"keep_probs=\[\[1\.0, 1\.0\], \[0\.8, 0\.8\], \[0\.5, 0\.5\]\]"),
    ({"keep_probs": [[0.8, 0.8], [0.5]]}, ValueError,
     r"keep_probs\[1\] must have one keep probability per hidden layer"),
    ({"keep_probs": [None, [0.0, 0.5]]}, ValueError, r"keep_probs\[1\]\[0\] = 0.0 is outside"),
    ({"seeds": [0, -1]}, ValueError, r"seeds\[1\] must be a non-negative integer"),
    ({"seeds": 1.5}, ValueError, r"seeds must be a non-negative integer.*seeds=range\(5\)"),
    ({"seeds": []}, ValueError, r"seeds is empty"),
    ({"init_scale": [1.0, -2.0]}, ValueError, r"init_scale\[1\]: scale must be a finite number"),
    ({"params": "not a dict"}, TypeError, r"params\[1\]: params must be a dict"),
    ({"params": "one key"}, ValueError, r"params\[1\]: params must have keys W1, b1"),
    ({"X": "transposed"}, ValueError, r"scikit-learn's \(m, n_x\) layout; use X.T"),
    ({"Y": "flat"}, ValueError, r"Y.reshape\(1, -1\)"),
    ({"early_stopping": EarlyStopping()}, ValueError, r"early_stopping monitors the dev set"),
    ({"early_stopping": 5, "X_dev": XD, "Y_dev": YD}, TypeError,
     r"early_stopping must be an EarlyStopping"),
    ({"callback": "stop"}, TypeError, r"callback must be callable"),
    ({"hidden_activation": "swish"}, ValueError, r"Unknown hidden_activation 'swish'"),
    ({"batch_size": 32}, TypeError, r"batch_size"),
]


@pytest.mark.parametrize("kwargs, exc, match", BAD, ids=[m[:30] for _, _, m in BAD])
def test_bad_inputs_raise_clear_errors_and_modify_nothing(kwargs, exc, match):
    Xa, Ya = X.copy(), Y.copy()
    start = train_batched(X, Y, DIMS, num_iterations=0)[0].params
    kwargs = dict(kwargs)
    if kwargs.get("X") == "transposed":
        kwargs["X"] = Xa.T
    if kwargs.get("Y") == "flat":
        kwargs["Y"] = Ya.ravel()
    if kwargs.get("params") == "not a dict":  # a list of K warm starts, the second one bad
        kwargs["params"] = [start, "W1"]
    if kwargs.get("params") == "one key":
        kwargs["params"] = [start, {"W1": np.ones((3, 2))}]
    call = {"X": Xa, "Y": Ya, "params": None, **kwargs}
    snapshot = copy.deepcopy(call)
    with pytest.raises(exc, match=match):
        train_batched(call.pop("X"), call.pop("Y"), DIMS, num_iterations=5, **call)
    call = {"X": Xa, "Y": Ya, "params": None, **kwargs}
    for name, before in snapshot.items():
        after = call[name]
        if isinstance(before, np.ndarray):
            np.testing.assert_array_equal(after, before)
        elif name == "params" and before is not None:
            for b, a in zip(before, after):
                assert type(a) is type(b)
                if isinstance(b, dict):
                    assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in b)
                else:
                    assert a == b
        elif isinstance(before, (list, float, int, str)) or before is None:
            assert after == before, name
    np.testing.assert_array_equal(Xa, X)
    np.testing.assert_array_equal(Ya, Y)


def test_params_error_names_the_network():
    good = train_batched(X, Y, DIMS, num_iterations=0)[0].params
    with pytest.raises(ValueError, match=r"params\[1\]: params do not match layer_dims"):
        train_batched(X, Y, [2, 20, 3, 1], params=[good, train_batched(
            X, Y, [2, 5, 1], num_iterations=0)[0].params])


# ------------------------------------------------------------------ (h) determinism
def test_two_calls_are_bit_identical():
    kw = dict(seeds=[0, 1, 2], lambd=[0.0, 0.5, 0.1], keep_probs=[None, 0.8, [0.9, 0.7]],
              num_iterations=150, record_every=50, X_dev=XD, Y_dev=YD)
    a, b = train_batched(X, Y, DIMS, **kw), train_batched(X, Y, DIMS, **kw)
    for ra, rb in zip(a, b):
        for k in ra.params:
            assert np.array_equal(ra.params[k], rb.params[k])
        assert ra.history == rb.history
