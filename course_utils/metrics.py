r"""What a trained network gets right: predictions, accuracy, error, weight norms (floor 3).

Every notebook measures networks the same way, so the measures live here once:

* :func:`predict_proba`, :func:`predict` and :func:`accuracy`, the checked
  functions a learner calls;
* :func:`proba_accuracy` and :func:`error_rate`, the fast versions the course's
  loops use (``error_rate = 1 - accuracy``, sigmoid or softmax output);
* :func:`is_collapsed`, the one rule for a failed run that sweeps leave out;
* :func:`weight_norm2`, :math:`\sum_l \|W^{[l]}\|_F^2`;
* :func:`grid_axes` and :func:`grid_proba`, a network evaluated on a regular
  grid over a 2-D input space (decision boundaries).

No dropout and no scaling at prediction time: inverted dropout already scaled
the activations during training.
"""
from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_choice, check_params, check_positive_int, check_XY
from .activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from .nn import forward, forward_unchecked

__all__ = ["predict_proba", "predict", "accuracy", "proba_accuracy", "proba_error",
           "network_accuracy", "error_rate", "is_collapsed", "weight_norm2", "grid_axes",
           "grid_proba"]


def predict_proba(X, params, hidden_activation: str = "relu",
                  output_activation: str = "sigmoid") -> np.ndarray:
    """Output probabilities ``AL`` (n_L, m), with no dropout (inference mode)."""
    return forward(X, params, hidden_activation, output_activation)[0]


def predict(X, params, hidden_activation: str = "relu", output_activation: str = "sigmoid",
            threshold: float = 0.5) -> np.ndarray:
    """Predicted labels, shape (1, m): 0/1 floats (sigmoid) or class indices (softmax)."""
    AL = predict_proba(X, params, hidden_activation, output_activation)
    if output_activation == "softmax":
        return AL.argmax(axis=0).reshape(1, -1)
    return (AL > threshold).astype(np.float64)


def accuracy(predictions, Y) -> float:
    """Fraction of correct predictions in [0, 1].

    Parameters
    ----------
    predictions : (1, m) labels from :func:`predict`
    Y : (1, m) binary labels, or (C, m) one-hot (compared with the class indices)
    """
    P = np.asarray(predictions)
    Ya = np.asarray(Y)
    if P.ndim != 2 or P.shape[0] != 1:
        raise ValueError(f"predictions must have shape (1, m), got {P.shape}; "
                         f"use predictions.reshape(1, -1).")
    if Ya.ndim != 2 or Ya.shape[1] != P.shape[1]:
        raise ValueError(f"Y must have shape (1, m) or (C, m) with m = {P.shape[1]}, "
                         f"got {Ya.shape}. Use Y.reshape(1, -1) for a label vector.")
    truth = Ya.argmax(axis=0)[None, :] if Ya.shape[0] > 1 else Ya
    return float(np.mean(P == truth))


def proba_accuracy(AL, Y) -> float:
    """Accuracy of output probabilities ``AL`` (n_L, m) against labels ``Y`` (n_L, m).

    Sigmoid (one row): ``AL > 0.5`` against ``Y > 0.5``; softmax: the argmax of
    each column. Fast: no validation (``AL`` comes from the network).
    """
    if AL.shape[0] == 1:
        return float(np.mean((AL > 0.5) == (Y > 0.5)))
    return float(np.mean(AL.argmax(axis=0) == Y.argmax(axis=0)))


def proba_error(AL, Y) -> float:
    """Error rate of output probabilities: the share of wrong predictions (see
    :func:`proba_accuracy`), counted directly so that it is exactly ``k / m``."""
    if AL.shape[0] == 1:
        return float(np.mean((AL > 0.5) != (Y > 0.5)))
    return float(np.mean(AL.argmax(axis=0) != Y.argmax(axis=0)))


def _network_output(params, X, Y, hidden_activation, output_activation):
    L = check_params(params)
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    check_choice(output_activation, OUTPUT_ACTIVATIONS, "output_activation")
    X, Y = check_XY(X, Y, n_features=params["W1"].shape[1],
                    n_classes=params[f"W{L}"].shape[0])
    return forward_unchecked(X, params, hidden_activation, output_activation)[0], Y


def network_accuracy(params, X, Y, hidden_activation: str = "relu",
                     output_activation: str = "sigmoid") -> float:
    """Fraction of examples a network classifies correctly, in [0, 1] (exactly ``k / m``).

    Parameters
    ----------
    params : dict of a network whose first layer takes ``X``
    X : (n_x, m) ; Y : (1, m) binary labels, or (C, m) one-hot for softmax
    """
    return proba_accuracy(*_network_output(params, X, Y, hidden_activation, output_activation))


def error_rate(params, X, Y, hidden_activation: str = "relu",
               output_activation: str = "sigmoid") -> float:
    """Fraction of misclassified examples, in [0, 1] (exactly ``k / m``).

    Parameters
    ----------
    params : dict of a network whose first layer takes ``X``
    X : (n_x, m) ; Y : (1, m) binary labels, or (C, m) one-hot for softmax
    """
    return proba_error(*_network_output(params, X, Y, hidden_activation, output_activation))


def is_collapsed(params, X, Y, hidden_activation: str = "relu",
                 tolerance: float = 0.01) -> bool:
    """The course's one rule for a failed training run (sigmoid output).

    A run failed ("collapsed") when its network predicts one class for every
    column of ``X``, or when its accuracy on ``(X, Y)`` is within ``tolerance`` of
    always answering the majority class: e.g. a ReLU network whose hidden units
    all died at the first steps. Sweeps report such runs separately instead of
    averaging them in.

    Parameters
    ----------
    X : (n_x, m) ; Y : (1, m), usually the training set
    tolerance : accuracy margin above the majority share that still counts as failed
    """
    check_params(params)
    X, Y = check_XY(X, Y, n_features=params["W1"].shape[1], n_classes=1)
    pred = forward_unchecked(X, params, hidden_activation, "sigmoid")[0] > 0.5
    majority = max(float(np.mean(Y)), 1.0 - float(np.mean(Y)))
    acc = float(np.mean(pred == (Y > 0.5)))
    return bool(pred.all() or not pred.any() or acc <= majority + tolerance)


def weight_norm2(params) -> float:
    r""":math:`\sum_l \|W^{[l]}\|_F^2` of a parameter dict (the biases are not counted)."""
    return float(sum(np.sum(np.asarray(v) ** 2) for k, v in params.items() if k.startswith("W")))


def grid_axes(X, resolution: int = 200, margin: float = 0.25):
    """The two axes of a regular grid covering 2-D points ``X`` (2, m) with a margin.

    Returns ``(xs, ys)``, each of length ``resolution``, from ``min - margin`` to
    ``max + margin`` of each feature.
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m) (two features in rows) to draw a grid, "
                         f"got shape {X.shape}.")
    resolution = check_positive_int(resolution, "resolution")
    lo, hi = X.min(axis=1) - margin, X.max(axis=1) + margin
    return np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)


def grid_proba(params, xs, ys, hidden_activation: str = "relu",
               output_activation: str = "sigmoid", logits: bool = False) -> np.ndarray:
    """Network output on the grid ``xs`` x ``ys``: shape ``(len(ys), len(xs))``.

    For a sigmoid output the value is ``P(y = 1)`` (the logit ``z^{[L]}`` with
    ``logits=True``); for softmax, the predicted class index. Rows follow ``ys``
    and columns ``xs``, as ``imshow``/``contourf`` expect. Fast: ``params`` are
    not validated.
    """
    gx, gy = np.meshgrid(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    pts = np.vstack([gx.ravel(), gy.ravel()])
    with np.errstate(over="ignore", invalid="ignore"):
        AL, caches = forward_unchecked(pts, params, hidden_activation, output_activation)
    if logits:
        out = caches[-1].Z[0]
    else:
        out = AL[0] if AL.shape[0] == 1 else AL.argmax(axis=0).astype(float)
    return out.reshape(gx.shape)
