"""Every bad input of the core raises a clear ValueError/TypeError and mutates nothing."""
import numpy as np
import pytest

from course_utils.gradcheck import (
    gradient_check,
    numerical_gradient,
    relative_difference,
    vector_to_params,
)
from course_utils.initializers import initialize_parameters
from course_utils.nn import compute_cost, forward, l2_penalty
from course_utils.train import EarlyStopping, train

RNG = np.random.default_rng(0)
X = RNG.standard_normal((2, 30))
Y = (RNG.random((1, 30)) > 0.5).astype(float)
DIMS = [2, 4, 3, 1]
X_nan = X.copy()
X_nan[0, 3] = np.nan
X_inf = X.copy()
X_inf[1, 0] = np.inf

TRAIN_CASES = [
    # (description, kwargs overriding (X, Y, layer_dims) and options, exception, message)
    ("X in sklearn layout", dict(X=X.T), ValueError, r"\(m, n_x\) layout; use X\.T"),
    ("Y of shape (m,)", dict(Y=Y.ravel()), ValueError, r"Use Y\.reshape\(1, -1\)"),
    ("Y of shape (m, 1)", dict(Y=Y.T), ValueError, r"Use Y\.reshape\(1, -1\)"),
    ("labels not 0/1", dict(Y=Y * 2 - 1), ValueError, r"only labels 0 and 1"),
    ("labels 1/2", dict(Y=Y + 1), ValueError, r"only labels 0 and 1"),
    ("NaN in X", dict(X=X_nan), ValueError, r"1 NaN or infinite values"),
    ("inf in X", dict(X=X_inf), ValueError, r"NaN or infinite"),
    ("empty X", dict(X=np.zeros((2, 0)), Y=np.zeros((1, 0))), ValueError, r"X is empty"),
    ("1-D X", dict(X=X[0]), ValueError, r"must be 2-D with shape \(n_x, m\)"),
    ("string X", dict(X="data"), TypeError, r"X must be a numeric array"),
    ("m mismatch", dict(Y=Y[:, :20]), ValueError, r"Y has 20 examples .* X has 30"),
    ("layer_dims not matching X", dict(layer_dims=[3, 4, 1]), ValueError,
     r"layer_dims\[0\] is 3"),
    ("layer_dims too short", dict(layer_dims=[2]), ValueError, r"at least an input and an output"),
    ("layer_dims with zero", dict(layer_dims=[2, 0, 1]), ValueError,
     r"layer_dims\[1\] must be a positive integer"),
    ("layer_dims a string", dict(layer_dims="2,4,1"), TypeError, r"list of layer sizes"),
    ("keep_prob 0", dict(keep_probs=[0.0, 0.5]), ValueError, r"keep_probs\[0\] = 0.0 is outside"),
    ("keep_prob above 1", dict(keep_probs=[1.5, 0.5]), ValueError, r"not a drop rate"),
    ("keep_prob negative", dict(keep_probs=-0.2), ValueError, r"outside \(0, 1\]"),
    ("keep_probs wrong length", dict(keep_probs=[0.5, 0.5, 0.5]), ValueError,
     r"one keep probability per hidden layer: 2 values, got 3"),
    ("keep_probs of strings", dict(keep_probs=["a", "b"]), TypeError, r"keep_probs must be"),
    ("negative lambd", dict(lambd=-0.1), ValueError, r"lambd must be a finite number >= 0"),
    ("nan lambd", dict(lambd=float("nan")), ValueError, r"lambd must be a finite number"),
    ("string lambd", dict(lambd="0.7"), TypeError, r"lambd must be a non-negative number"),
    ("unknown activation", dict(hidden_activation="relu6"), ValueError,
     r"Unknown hidden_activation 'relu6'. Valid names: 'relu', 'tanh'"),
    ("unknown output", dict(output_activation="linear"), ValueError,
     r"Unknown output_activation 'linear'. Valid names: 'sigmoid', 'softmax'"),
    ("unknown init", dict(init="kaiming"), ValueError, r"Unknown init method 'kaiming'"),
    ("sigmoid with 2 outputs", dict(layer_dims=[2, 4, 2], Y=np.vstack([Y, 1 - Y])),
     ValueError, r"sigmoid output needs layer_dims\[-1\] == 1"),
    ("softmax with 1 output", dict(output_activation="softmax"), ValueError,
     r"softmax output needs layer_dims\[-1\] >= 2"),
    ("not one-hot", dict(layer_dims=[2, 4, 2], output_activation="softmax",
                         Y=np.vstack([Y, Y])), ValueError, r"must be one-hot"),
    ("negative learning rate", dict(learning_rate=-0.1), ValueError,
     r"learning_rate must be a finite number > 0"),
    ("negative iterations", dict(num_iterations=-5), ValueError,
     r"num_iterations must be an integer >= 0"),
    ("record_every 0", dict(record_every=0), ValueError, r"record_every must be a positive"),
    ("batch_size 0", dict(batch_size=0), ValueError, r"batch_size must be a positive"),
    ("X_dev without Y_dev", dict(X_dev=X), ValueError, r"Pass both X_dev and Y_dev"),
    ("X_dev in sklearn layout", dict(X_dev=X.T, Y_dev=Y), ValueError,
     r"X_dev has shape \(30, 2\).*use X_dev\.T"),
    ("callback not callable", dict(callback=3), TypeError, r"callback must be callable"),
    ("early_stopping not an instance", dict(early_stopping=5, X_dev=X, Y_dev=Y), TypeError,
     r"EarlyStopping\(\.\.\.\) instance"),
    ("negative seed", dict(seed=-1), ValueError, r"seed must be a non-negative integer"),
    ("seed and rng", dict(seed=1, rng=np.random.default_rng(1)), ValueError,
     r"either seed or rng"),
    ("rng of wrong type", dict(rng=np.random.RandomState(0)), TypeError,
     r"numpy\.random\.Generator"),
]


@pytest.mark.parametrize("desc,override,exc,match", TRAIN_CASES, ids=[c[0] for c in TRAIN_CASES])
def test_train_rejects_bad_input_and_mutates_nothing(desc, override, exc, match):
    kw = dict(X=X, Y=Y, layer_dims=DIMS, num_iterations=5)
    kw.update(override)
    arrays = {k: v.copy() for k, v in kw.items() if isinstance(v, np.ndarray)}
    with pytest.raises(exc, match=match):
        train(kw.pop("X"), kw.pop("Y"), kw.pop("layer_dims"), **kw)
    for k, v in arrays.items():
        got = override.get(k, {"X": X, "Y": Y}.get(k))
        np.testing.assert_array_equal(got, v)


def test_error_messages_name_argument_given_and_fix():
    with pytest.raises(ValueError) as info:
        train(X.T, Y, DIMS)
    msg = str(info.value)
    assert "X has shape (30, 2)" in msg and "(2, m)" in msg and "X.T" in msg


PARAMS = initialize_parameters(DIMS, seed=0)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: forward(X, {"W1": 1}), ValueError, r"keys W1, b1, \.\.\., WL, bL"),
    (lambda: forward(X, [1, 2]), TypeError, r"params must be a dict"),
    (lambda: forward(X, PARAMS, masks=[np.ones((4, 30), bool), np.ones((3, 30), bool)]),
     ValueError, r"masks were given without keep_probs"),
    (lambda: forward(X, PARAMS, keep_probs=[0.5, 0.5], masks=[np.ones((4, 30), bool)]),
     ValueError, r"one mask per hidden layer \(2\), got 1"),
    (lambda: forward(X, PARAMS, keep_probs=[0.5, 0.5],
                     masks=[np.ones((4, 29), bool), np.ones((3, 30), bool)]),
     ValueError, r"masks\[0\] has shape \(4, 29\), expected \(4, 30\)"),
    (lambda: compute_cost(np.zeros((1, 30)), Y, lambd=0.5), ValueError, r"needs params"),
    (lambda: l2_penalty(PARAMS, 0.1, 0), ValueError, r"m must be the number of training"),
    (lambda: initialize_parameters([2, 3], "he", scale=-1), ValueError, r"scale must be"),
    (lambda: gradient_check(X, Y, PARAMS, epsilon=0), ValueError, r"epsilon must be"),
    (lambda: numerical_gradient(lambda t: 0.0, np.zeros(3), method="central"), ValueError,
     r"Unknown method 'central'"),
    (lambda: vector_to_params(np.zeros(5), [("W1", (2, 2)), ("b1", (2, 1))]), ValueError,
     r"theta has 5 entries but spec describes 6"),
    (lambda: relative_difference(np.zeros(3), np.zeros(4)), ValueError, r"same number"),
    (lambda: EarlyStopping(patience=-1), ValueError, r"patience must be an integer >= 0"),
    (lambda: EarlyStopping(min_delta=-0.1), ValueError, r"min_delta must be"),
    (lambda: EarlyStopping(monitor="dev_loss"), ValueError, r"Unknown monitor 'dev_loss'"),
])
def test_core_functions_reject_bad_input(call, exc, match):
    before = {k: v.copy() for k, v in PARAMS.items()}
    with pytest.raises(exc, match=match):
        call()
    for k in PARAMS:
        np.testing.assert_array_equal(PARAMS[k], before[k])
