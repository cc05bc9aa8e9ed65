"""Gradient-descent training loop with history, early stopping and divergence checks (floor 3).

:func:`train` validates everything once, then runs a tight loop over the
unchecked forward/backward functions of :mod:`course_utils.nn`. Every
``record_every`` iterations it records the cost (with and without the L2 term),
the train/dev accuracy, the dev cost and ``sum_l ||W_l||_F^2`` in a
:class:`History`, calls the optional ``callback``, checks for divergence
(inf/nan cost stops training with a clear reason) and updates the optional
:class:`EarlyStopping` monitor.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._checks import as_rng, check_nonneg_int
from .activations import ACTIVATIONS
from .initializers import initialize_parameters
from .metrics import proba_accuracy, weight_norm2
from .nn import cross_entropy_unchecked, dropout_backward, forward_unchecked
from .train_args import TrainSetup, check_start_params, check_train_args, copy_params

__all__ = ["History", "EarlyStopping", "TrainResult", "TrainSetup", "check_train_args",
           "check_start_params", "check_hooks", "train", "copy_params", "sgd_step"]


@dataclass
class History:
    """What was recorded every ``record_every`` iterations (lists of equal length).

    ``cost`` includes the L2 term, ``data_cost`` does not; with dropout both are
    measured on the dropped-out training pass (the noisy J). Accuracies are
    fractions in [0, 1], measured without dropout. Dev lists stay empty without a
    dev set. ``weight_norm2`` is ``sum_l ||W_l||_F^2``.
    """

    iterations: list = field(default_factory=list)
    cost: list = field(default_factory=list)
    data_cost: list = field(default_factory=list)
    train_accuracy: list = field(default_factory=list)
    dev_accuracy: list = field(default_factory=list)
    dev_cost: list = field(default_factory=list)
    weight_norm2: list = field(default_factory=list)

    def as_arrays(self) -> dict:
        """The history as a dict of 1-D float arrays."""
        return {k: np.asarray(v, dtype=float) for k, v in self.__dict__.items()}


@dataclass
class EarlyStopping:
    """Stop when the monitored dev quantity has not improved for ``patience`` records.

    Parameters
    ----------
    patience : int >= 0
        Records (not iterations) without an improvement larger than ``min_delta``
        before stopping.
    min_delta : float >= 0
        Smallest decrease that counts as an improvement.
    monitor : ``"dev_cost"`` or ``"dev_error"``
    restore_best : bool
        Put back the parameters of the best record when stopping (or at the end).
    """

    patience: int = 10
    min_delta: float = 0.0
    monitor: str = "dev_cost"
    restore_best: bool = True
    best_value: float = field(default=np.inf, init=False)
    best_iteration: int | None = field(default=None, init=False)
    best_params: dict | None = field(default=None, init=False)
    wait: int = field(default=0, init=False)

    def __post_init__(self):
        check_nonneg_int(self.patience, "patience")
        if not isinstance(self.min_delta, (int, float)) or not np.isfinite(self.min_delta) \
                or self.min_delta < 0:
            raise ValueError(f"min_delta must be a finite number >= 0, got {self.min_delta!r}.")
        if self.monitor not in ("dev_cost", "dev_error"):
            raise ValueError(f"Unknown monitor {self.monitor!r}. Valid names: 'dev_cost', "
                             f"'dev_error'.")

    def update(self, iteration: int, value: float, params: dict) -> bool:
        """Record one measurement; return True when training should stop."""
        if value < self.best_value - self.min_delta:
            self.best_value, self.best_iteration = float(value), int(iteration)
            self.best_params = copy_params(params)
            self.wait = 0
            return False
        self.wait += 1
        return self.wait > self.patience


@dataclass
class TrainResult:
    """Output of :func:`train`.

    ``params`` are the final parameters (the best ones when early stopping
    restored them; the last finite ones when training diverged). ``snapshots``
    is a list of ``(iteration, params)`` when ``keep_snapshots=True``.
    """

    params: dict
    history: History
    stop_reason: str
    stopped_iteration: int
    best_iteration: int | None = None
    diverged: bool = False
    snapshots: list = field(default_factory=list)


def check_hooks(early_stopping, callback, setup: TrainSetup) -> None:
    """Check a loop's ``early_stopping`` monitor and ``callback`` (shared by the trainers)."""
    if early_stopping is not None:
        if not isinstance(early_stopping, EarlyStopping):
            raise TypeError("early_stopping must be an EarlyStopping(...) instance, got "
                            f"{type(early_stopping).__name__}.")
        if not setup.has_dev:
            raise ValueError("early_stopping monitors the dev set: pass X_dev and Y_dev.")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable, got {type(callback).__name__}.")


def train(X, Y, layer_dims, *, hidden_activation: str = "relu",
          output_activation: str = "sigmoid", init: str = "he", init_scale: float | None = None,
          learning_rate: float = 0.01, num_iterations: int = 1000, lambd: float = 0.0,
          keep_probs=None, batch_size: int | None = None, X_dev=None, Y_dev=None,
          record_every: int = 100, early_stopping: EarlyStopping | None = None,
          callback=None, keep_snapshots: bool = False, params: dict | None = None,
          seed: int | None = None, rng: np.random.Generator | None = None) -> TrainResult:
    """Train a fully connected network by (mini-batch) gradient descent.

    Parameters
    ----------
    X : (n_x, m) ; Y : (1, m) binary or (C, m) one-hot
    layer_dims : ``[n_x, n_1, ..., n_L]``
    hidden_activation, output_activation : keys of ``ACTIVATIONS`` / ``OUTPUT_ACTIVATIONS``
    init, init_scale : initialization (see :func:`course_utils.nn.initialize_parameters`)
    learning_rate : alpha > 0
    num_iterations : number of gradient steps (one per mini-batch)
    lambd : L2 strength >= 0
    keep_probs : inverted-dropout keep probabilities, one per hidden layer (or one number)
    batch_size : mini-batch size; ``None`` = full batch
    X_dev, Y_dev : optional dev set ``(n_x, m_dev)``, ``(1, m_dev)``
    record_every : record the history every this many iterations (and at the last one)
    early_stopping : an :class:`EarlyStopping` (needs a dev set)
    callback : ``callback(iteration, params, history)`` called at each record;
        return True to stop training.
    keep_snapshots : store a copy of the parameters at each record
    params : warm start from these parameters (copied; ``init`` is then unused)
    seed, rng : randomness of the initialization, the dropout masks and the
        mini-batch order (``seed=0`` by default).

    Returns
    -------
    TrainResult
    """
    setup = check_train_args(X, Y, layer_dims, hidden_activation=hidden_activation,
                             output_activation=output_activation, init=init,
                             learning_rate=learning_rate, num_iterations=num_iterations,
                             lambd=lambd, keep_probs=keep_probs, batch_size=batch_size,
                             X_dev=X_dev, Y_dev=Y_dev, record_every=record_every)
    check_hooks(early_stopping, callback, setup)
    gen = as_rng(seed, rng)
    if params is None:
        params = initialize_parameters(setup.dims, init, init_scale, rng=gen)
    else:
        params = check_start_params(params, setup.dims)
    return _loop(setup, params, early_stopping, callback, keep_snapshots, gen)


def sgd_step(AL, Y, caches, params, hidden_activation: str, learning_rate: float,
             lambd: float = 0.0) -> None:
    """One gradient-descent update of ``params`` **in place**, fused with backprop.

    Same arithmetic as ``nn.backward`` followed by ``W -= alpha * dW`` and
    ``b -= alpha * db``, but cheaper: ``alpha / m`` is folded into ``dZ`` once, and
    the L2 term is applied as weight decay, ``W <- (1 - alpha*lambd/m) W - alpha*dW``
    (the identity of the L2 notebook). Each ``dA_prev = W.T @ dZ`` is computed
    before its ``W`` is updated. No validation: the caller (``train``) checked.

    Parameters
    ----------
    AL : (n_L, m) ; Y : (n_L, m)
    caches : from ``nn.forward`` with ``params`` (they reference the same W arrays)
    """
    m = AL.shape[1]
    dgdz = ACTIVATIONS[hidden_activation].backward
    decay = 1.0 - learning_rate * lambd / m
    dZ = (AL - Y) * (learning_rate / m)
    for l in range(len(caches), 0, -1):
        cache = caches[l - 1]
        W = cache.W
        dA_prev = W.T @ dZ if l > 1 else None
        if lambd:
            W *= decay
        W -= dZ @ cache.A_prev.T
        params[f"b{l}"] -= dZ.sum(axis=1, keepdims=True)
        if l > 1:
            prev = caches[l - 2]
            dZ = dgdz(dropout_backward(dA_prev, prev), prev.Z, prev.A)


# --------------------------------------------------------------------------- stop reasons
# The sentences of TrainResult.stop_reason, shared with course_utils.train_batched.
def reason_diverged(hist: History, it: int, learning_rate: float) -> str:
    """Why training stopped when the cost of record ``it`` (last in ``hist``) is inf/nan."""
    kept = hist.iterations[-2] if len(hist.iterations) > 1 else 0
    return (f"diverged: the cost became {hist.cost[-1]} at iteration {it} (exploding weights "
            f"or too large a learning rate, alpha = {learning_rate}); parameters of iteration "
            f"{kept} kept")


def reason_callback(it: int) -> str:
    return f"stopped by the callback at iteration {it}"


def reason_early_stopping(es: EarlyStopping, it: int) -> str:
    return (f"early stopping at iteration {it}: {es.monitor} did not improve by more than "
            f"{es.min_delta} for {es.patience} records; best {es.monitor} "
            f"{es.best_value:.4g} at iteration {es.best_iteration}")


def reason_restored(best: int) -> str:
    return f"; restored the parameters of iteration {best}"


def _loop(setup: TrainSetup, params, es, callback, keep_snapshots, gen):
    X, Y, X_dev, Y_dev = setup.X, setup.Y, setup.X_dev, setup.Y_dev
    hidden, output, lr, lambd = setup.hidden, setup.output, setup.learning_rate, setup.lambd
    kp, batch_size, record_every = setup.keep_probs, setup.batch_size, setup.record_every
    num_iterations = setup.num_iterations
    hist = History()
    snapshots = []
    m = X.shape[1]
    order, pos = None, m
    last_good = copy_params(params)
    reason, diverged, it = "completed all iterations", False, 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for it in range(num_iterations + 1):
            if batch_size is None:
                Xb, Yb = X, Y
            else:
                if pos >= m:
                    order, pos = gen.permutation(m), 0
                idx = order[pos:pos + batch_size]
                pos += batch_size
                Xb, Yb = X[:, idx], Y[:, idx]
            AL, caches = forward_unchecked(Xb, params, hidden, output, kp, gen)
            if it % record_every == 0 or it == num_iterations:
                data = cross_entropy_unchecked(caches[-1].Z, Yb, output)
                w2 = weight_norm2(params)
                hist.iterations.append(it)
                hist.data_cost.append(data)
                hist.cost.append(data + (lambd / (2 * Xb.shape[1]) * w2 if lambd else 0.0))
                hist.weight_norm2.append(w2)
                if not np.isfinite(hist.cost[-1]) or not np.isfinite(w2):
                    reason = reason_diverged(hist, it, lr)
                    diverged = True
                    for key in ("iterations", "cost", "data_cost", "weight_norm2"):
                        getattr(hist, key).pop()
                    params = last_good
                    break
                last_good = copy_params(params)
                A_train = AL if kp is None and batch_size is None else \
                    forward_unchecked(X, params, hidden, output)[0]
                hist.train_accuracy.append(proba_accuracy(A_train, Y))
                if X_dev is not None:
                    A_dev, dcache = forward_unchecked(X_dev, params, hidden, output)
                    hist.dev_accuracy.append(proba_accuracy(A_dev, Y_dev))
                    hist.dev_cost.append(cross_entropy_unchecked(dcache[-1].Z, Y_dev, output))
                if keep_snapshots:
                    snapshots.append((it, last_good))
                if callback is not None and callback(it, params, hist):
                    reason = reason_callback(it)
                    break
                if es is not None:
                    value = hist.dev_cost[-1] if es.monitor == "dev_cost" \
                        else 1.0 - hist.dev_accuracy[-1]
                    if es.update(it, value, params):
                        reason = reason_early_stopping(es, it)
                        break
            if it == num_iterations:
                break
            sgd_step(AL, Yb, caches, params, hidden, lr, lambd)
    best = None
    if es is not None and es.best_params is not None:
        best = es.best_iteration
        if es.restore_best and not diverged:
            params = copy_params(es.best_params)
            reason += reason_restored(best)
    return TrainResult(params, hist, reason, it, best, diverged, snapshots)
