r"""The lambd sweep of notebook 03 and its tables (floor 4, no matplotlib).

* :func:`lambd_sweep` trains one network per (lambd, seed) pair, all at once with
  :func:`course_utils.train_batched.train_batched`, each stopped on its own once its
  cost has converged (:func:`converged_callback`), or, unregularized, once one of its
  hidden layers is dead (:func:`dead_layer_callback`).
* :class:`SweepResult` holds the accuracies, weight norms and networks, and leaves the
  failed runs out of its means by the course's one rule,
  :func:`course_utils.metrics.is_collapsed`.
* :data:`COURSE_REFERENCE` and the table functions print the sweep beside the course
  assignment's reference results.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._checks import check_lambd, check_nonneg_int, check_positive_float
from ..metrics import is_collapsed, network_accuracy
from ..nn import forward_unchecked
from ..train_batched import train_batched

__all__ = ["converged_callback", "dead_layer_callback", "SweepResult", "lambd_sweep",
           "COURSE_REFERENCE", "format_sweep_table", "format_reference_table", "below"]

METRICS = ("train_acc", "dev_acc", "test_acc", "weight_norm", "iterations")

COURSE_REFERENCE = {0.0: (94.8, 91.5), 0.7: (93.8, 93.0)}
"""The course assignment's results (train %, test %) by lambd: network [2, 20, 3, 1],
learning rate 0.3, 30,000 iterations, one run on its own "football" data."""


def converged_callback(rtol: float = 1e-6):
    """A ``train`` callback that stops once the cost changed by less than ``rtol``
    (relative) between two records: the remaining iterations would not move it."""
    rtol = check_positive_float(rtol, "rtol")

    def callback(iteration, params, history):
        c = history.cost
        return len(c) >= 2 and abs(c[-2] - c[-1]) <= rtol * abs(c[-2])
    return callback


def dead_layer_callback(X, hidden_activation: str = "relu"):
    """A ``train`` callback that stops a run once some hidden layer outputs exactly 0 for
    every example of ``X`` (n_x, m), e.g. all its ReLU units dead.

    Without L2 such a run has failed for good: that layer and every layer below it get zero
    gradients (so the layer stays dead), and the layers above see a constant input, so the
    network answers the same for every example of ``X`` whatever the remaining iterations
    do (only the biases above still move, shifting that one answer). With L2 the
    decaying weights may revive a unit whose bias is positive: use it for lambd = 0 only.
    """
    X = np.asarray(X, dtype=float)

    def callback(iteration, params, history):
        _, caches = forward_unchecked(X, params, hidden_activation, "sigmoid")
        return any(not np.any(c.A) for c in caches[:-1])
    return callback


@dataclass
class SweepResult:
    """Networks trained for every (lambd, seed) pair; arrays have shape (n_lambd, n_seeds).

    ``weight_norm`` is :math:`\\sqrt{\\sum_l \\|W^{[l]}\\|_F^2}`; ``collapsed`` marks the
    failed runs (:func:`course_utils.metrics.is_collapsed` on the training set), which
    :meth:`mean_std` and :meth:`paired_change` leave out.
    """

    lambds: np.ndarray
    seeds: list
    train_acc: np.ndarray
    dev_acc: np.ndarray
    test_acc: np.ndarray
    weight_norm: np.ndarray
    iterations: np.ndarray
    collapsed: np.ndarray
    params: list = field(repr=False, default_factory=list)
    settings: dict = field(default_factory=dict)

    @property
    def kept(self) -> np.ndarray:
        """(n_lambd, n_seeds) bool: the runs that did not collapse."""
        return ~self.collapsed

    @property
    def n_dropped(self) -> int:
        """Number of runs left out (collapsed), over the whole sweep."""
        return int(self.collapsed.sum())

    def index(self, lambd: float) -> int:
        """Row of ``lambd`` in the sweep (ValueError if it was not swept)."""
        hit = np.flatnonzero(np.isclose(self.lambds, float(lambd), rtol=1e-9, atol=0))
        if hit.size == 0:
            raise ValueError(f"lambd = {lambd!r} is not in the sweep; its lambds are "
                             f"{self.lambds.tolist()}.")
        return int(hit[0])

    def _metric(self, metric: str) -> np.ndarray:
        if metric not in METRICS:
            raise ValueError(f"Unknown metric {metric!r}. Valid names: "
                             f"{', '.join(repr(m) for m in METRICS)}.")
        return getattr(self, metric).astype(float)

    def mean_std(self, metric: str):
        """Mean and std over the kept runs of each lambd: two (n_lambd,) arrays (NaN for a
        lambd whose runs all collapsed)."""
        a = np.where(self.kept, self._metric(metric), np.nan)
        n = self.kept.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.nansum(a, axis=1) / n
            std = np.sqrt(np.nansum((a - mean[:, None]) ** 2, axis=1) / n)
        return np.where(n > 0, mean, np.nan), np.where(n > 0, std, np.nan)

    def paired_change(self, metric: str, lambd: float, base: float = 0.0) -> np.ndarray:
        """``metric`` at ``lambd`` minus at ``base``, seed by seed, over the seeds whose
        runs at both values were kept: a 1-D array."""
        a, i, j = self._metric(metric), self.index(lambd), self.index(base)
        both = self.kept[i] & self.kept[j]
        return a[i, both] - a[j, both]

    def best_lambd(self) -> float:
        """The lambd with the highest mean dev accuracy (ties: the larger lambd, the
        simpler model)."""
        mean, _ = self.mean_std("dev_acc")
        best = np.flatnonzero(mean >= np.nanmax(mean) - 1e-12)
        return float(self.lambds[best[-1]])


def lambd_sweep(split, lambds, seeds=(0, 1, 2), layer_dims=(2, 20, 3, 1),
                hidden_activation: str = "relu", init: str = "xavier",
                learning_rate: float = 0.3, num_iterations: int = 30000,
                rtol: float | None = 1e-6, record_every: int = 1000,
                stop_dead: bool = False) -> SweepResult:
    """Train one network per (lambd, seed) pair, all together in one ``train_batched`` call.

    Network (lambd, seed) is the one ``train(split.X_train, split.Y_train, layer_dims,
    lambd=lambd, seed=seed, ...)`` gives, bit for bit.

    Parameters
    ----------
    split : a :class:`course_utils.data.Split` (train, dev and optionally test)
    lambds : sorted sequence of L2 strengths >= 0
    seeds : initialization seeds
    rtol : stop a regularized run (lambd > 0) once its cost changes by less than ``rtol``
        (relative) between two records; each network stops on its own (``None``: every
        run trains ``num_iterations``). Unregularized runs never stop on ``rtol``:
        their cost can rest on a plateau and fall again later, so a
        small change does not mean they have converged.
    stop_dead : stop an unregularized run at the first record where one of its hidden
        layers is dead on the training set (:func:`dead_layer_callback`): it has failed for
        good, answering the same for every training example from then on. Default False:
        they train ``num_iterations`` like the others.

    Returns
    -------
    SweepResult
    """
    lam = np.array([check_lambd(float(v)) for v in np.atleast_1d(lambds)])
    if lam.size == 0:
        raise ValueError("lambds must hold at least one value, e.g. [0, 0.1, 1].")
    seeds = [check_nonneg_int(s, "seed") for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. (0, 1, 2).")
    pairs = [(i, j) for i in range(lam.size) for j in range(len(seeds))]
    converged = None if rtol is None else converged_callback(rtol)
    dead = dead_layer_callback(split.X_train, hidden_activation) if stop_dead else None
    out = train_batched(split.X_train, split.Y_train, list(layer_dims),
                        seeds=[seeds[j] for _, j in pairs],
                        lambd=[float(lam[i]) for i, _ in pairs],
                        hidden_activation=hidden_activation, init=init,
                        learning_rate=learning_rate, num_iterations=num_iterations,
                        record_every=record_every,
                        callback=[dead if lam[i] == 0 else converged
                                  for i, _ in pairs])  # lambd = 0: no convergence stop
    runs = dict(zip(pairs, out))
    shape = (lam.size, len(seeds))
    tr, dv, te, wn, its = (np.zeros(shape) for _ in range(5))
    collapsed = np.zeros(shape, dtype=bool)
    params = [[None] * len(seeds) for _ in lam]
    for (i, j), r in runs.items():
        p = params[i][j] = r.params
        tr[i, j], dv[i, j] = (network_accuracy(p, X, Y, hidden_activation) for X, Y in
                              ((split.X_train, split.Y_train), (split.X_dev, split.Y_dev)))
        te[i, j] = np.nan if split.X_test is None else \
            network_accuracy(p, split.X_test, split.Y_test, hidden_activation)
        wn[i, j] = np.sqrt(r.history.weight_norm2[-1])
        its[i, j] = r.history.iterations[-1]
        collapsed[i, j] = is_collapsed(p, split.X_train, split.Y_train, hidden_activation)
    settings = dict(layer_dims=list(layer_dims), hidden_activation=hidden_activation, init=init,
                    learning_rate=learning_rate, num_iterations=num_iterations, rtol=rtol,
                    stop_dead=stop_dead)
    return SweepResult(lam, seeds, tr, dv, te, wn, its, collapsed, params, settings)


# --------------------------------------------------------------------------- tables
def _pct(mean, std) -> str:
    return f"{100 * mean:5.1f} ± {100 * std:3.1f}"


def format_sweep_table(sweep: SweepResult) -> str:
    """One line per lambd: mean ± std of the train and dev error (%) and ||W||_F over the
    kept runs, the number of kept runs, and a mark at the lowest mean dev error."""
    best = sweep.best_lambd()
    (tr, tr_s), (dv, dv_s) = sweep.mean_std("train_acc"), sweep.mean_std("dev_acc")
    wn, wn_s = sweep.mean_std("weight_norm")
    n = sweep.kept.sum(axis=1)
    lines = ["lambd | train error (%) | dev error (%) | ||W||_F      | runs kept"]
    for i, lv in enumerate(sweep.lambds):
        lines.append(f"{lv:5g} | {_pct(1 - tr[i], tr_s[i]):>15s} | {_pct(1 - dv[i], dv_s[i]):>13s}"
                     f" | {wn[i]:5.1f} ± {wn_s[i]:3.1f} | {n[i]} of {len(sweep.seeds)}"
                     + ("   <- lowest dev error" if lv == best else ""))
    return "\n".join(lines)


def format_reference_table(sweep: SweepResult, reference: dict | None = None,
                           extra=()) -> str:
    """The course's reference results beside ours (mean ± std over the kept runs).

    ``reference`` maps lambd to the course's (train %, test %) (default
    :data:`COURSE_REFERENCE`); ``extra`` lists further swept lambds to show.
    """
    reference = COURSE_REFERENCE if reference is None else reference
    stats = [sweep.mean_std(k) for k in ("train_acc", "dev_acc", "test_acc")]
    lines = ["setting            | course: train   test | ours: train       dev          test"]
    for lv in dict.fromkeys([*reference, *extra]):
        i = sweep.index(lv)
        name = "no regularization" if lv == 0 else f"L2, lambd = {lv:g}"
        course = (f"{reference[lv][0]:12.1f}% {reference[lv][1]:5.1f}%" if lv in reference
                  else " " * 20)
        ours = "  ".join(f"{_pct(mu[i], sd[i])}%" for mu, sd in stats)
        lines.append(f"{name:18s} | {course} | {ours}")
    return "\n".join(lines)


def below(value: float, bound: float) -> str:
    """A round-off figure printed the same on every machine: ``"below 1e-12"`` when
    ``|value| < bound``, else the value itself (``"3.2e-09"``)."""
    return f"below {bound:.0e}" if abs(value) < bound else f"{value:.1e}"
