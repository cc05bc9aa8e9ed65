"""Train many networks of one architecture at once: sweeps over seeds, lambd, keep_probs (floor 3).

The notebooks' sweeps train one small network once per seed, lambd, keep_prob
or learning rate; each gradient step of :func:`course_utils.train.train` on such
a network costs mostly NumPy's per-call overhead, not arithmetic.
:func:`train_batched` trains K networks together: layer ``l``'s weights are
stacked into one array of shape ``(K, n_l, n_{l-1})``, so one ``np.matmul`` and
one elementwise operation serve every network.

Network k's result is that of ``train(...)`` with its own arguments: it draws its
initialization and dropout masks from its own ``np.random.default_rng(seed_k)``
in ``train``'s order, takes ``train``'s gradient steps (``sgd_step``: ``alpha/m``
folded into ``dZ``, L2 as weight decay), records the same :class:`History`, and
stops on its own (early stopping, divergence, callback), after which it leaves
the stack while the others go on.

:func:`course_utils.train.train` stays the readable single-network reference
that learners study; this module is the sweep engine. Full batch only:
mini-batch training uses ``train``.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from .activations import INPLACE_OUTPUTS, inplace_activation
from .metrics import proba_accuracy, weight_norm2
from .nn import cross_entropy_unchecked
from .train import (
    EarlyStopping,
    History,
    TrainResult,
    check_hooks,
    reason_callback,
    reason_diverged,
    reason_early_stopping,
    reason_restored,
)
from .train_args import NetArgs, check_batched_args, copy_params

__all__ = ["train_batched"]


def train_batched(X, Y, layer_dims, *, seeds=0, hidden_activation: str = "relu",
                  output_activation: str = "sigmoid", init: str = "he", init_scale=None,
                  learning_rate=0.01, num_iterations: int = 1000, lambd=0.0, keep_probs=None,
                  X_dev=None, Y_dev=None, record_every: int = 100,
                  early_stopping: EarlyStopping | None = None, callback=None,
                  keep_snapshots: bool = False, params=None) -> list[TrainResult]:
    """Train K networks of one architecture together by full-batch gradient descent.

    Network ``k`` gets exactly what ``train(X, Y, layer_dims, seed=seeds[k],
    lambd=lambd[k], learning_rate=learning_rate[k], keep_probs=keep_probs[k],
    init_scale=init_scale[k], params=params[k], ...)`` would give.

    Parameters
    ----------
    X : (n_x, m) ; Y : (1, m) binary or (C, m) one-hot
        Shared by all networks; or ``X`` of shape ``(K, n_x, m)`` and ``Y`` ``(K, n_L,
        m)``: one training set per network (same size ``m``), e.g. each seed's own
        resample or augmented copy. The dev set is always shared.
    layer_dims : ``[n_x, n_1, ..., n_L]``, shared by all networks
    seeds : int or sequence of K ints
        Network k's ``train`` seed: its initialization and dropout masks.
    hidden_activation, output_activation, init : as in ``train`` (shared)
    init_scale : None, a number, or a sequence of K of them
    learning_rate : alpha > 0, or a sequence of K of them
    num_iterations, record_every : as in ``train`` (shared)
    lambd : L2 strength >= 0, or a sequence of K of them
    keep_probs : dropout keep probabilities (see Notes for the rule)
    X_dev, Y_dev : optional dev set ``(n_x, m_dev)``, ``(n_L, m_dev)``
    early_stopping : an :class:`EarlyStopping` used as a template: every network
        gets a fresh copy with the same settings (the template is not changed).
    callback : ``callback(iteration, params_k, history_k)`` called at each record
        of each network; True stops that network. ``params_k`` holds *views* of
        the stacked weights: copy them (``copy_params``) to keep them. A list or
        tuple of K callables (or None entries) gives each network its own, as K
        ``train(..., callback=callback[k])`` runs would.
    keep_snapshots : store ``(iteration, params)`` at each record
    params : None, one warm-start dict (each network starts from a copy), or a
        sequence of K dicts (or None entries)

    Returns
    -------
    list of K :class:`TrainResult`, in network order, each with its own history.

    Notes
    -----
    Per-network arguments (``seeds``, ``lambd``, ``learning_rate``,
    ``init_scale``, ``keep_probs``, ``params``) take a single value shared by
    all networks or a list/tuple/range/array of K values; K is their common
    length (1 if all are single values); different lengths raise ValueError.

    ``keep_probs`` needs care, since ``train`` already takes a list (one value
    per hidden layer, ``n_hidden = len(layer_dims) - 2``):

    * None or a number: shared by every network (every hidden layer);
    * a flat list of numbers: one per hidden layer, shared (``train``'s meaning);
    * a list containing lists, tuples, arrays or None, or a 2-D array ``(K,
      n_hidden)``: one ``train``-style spec per network, e.g.
      ``[[0.8, 0.8], [0.5, 0.5]]`` or ``[None, 0.8, 0.5]``;
    * a flat list whose length is both ``n_hidden`` and the K of the other
      per-network arguments (K > 1) is ambiguous and raises ValueError.

    Memory: three arrays of ``K * n_l * m`` floats per hidden layer (six with
    dropout), plus one per layer and data set for the records.
    """
    setup, args = check_batched_args(
        X, Y, layer_dims, seeds=seeds, hidden_activation=hidden_activation,
        output_activation=output_activation, init=init, init_scale=init_scale,
        learning_rate=learning_rate, num_iterations=num_iterations, lambd=lambd,
        keep_probs=keep_probs, X_dev=X_dev, Y_dev=Y_dev, record_every=record_every,
        params=params)
    per_net = isinstance(callback, (list, tuple))
    check_hooks(early_stopping, None if per_net else callback, setup)
    callbacks = _callbacks(callback, len(args)) if per_net else [callback] * len(args)
    nets = [_Net(a, None if early_stopping is None else dataclasses.replace(early_stopping), cb)
            for a, cb in zip(args, callbacks)]  # a fresh early-stopping monitor for each network
    return _Stack(setup, nets).run(keep_snapshots)


def _callbacks(callbacks, K):
    """Check one callback (or None) per network."""
    if len(callbacks) != K:
        raise ValueError(f"callback has {len(callbacks)} entries, but {K} network(s) are "
                         f"trained: give one callable (or None) per network, or a single "
                         f"callable shared by all.")
    for k, cb in enumerate(callbacks):
        if cb is not None and not callable(cb):
            raise TypeError(f"callback[{k}] must be callable or None, got {type(cb).__name__}.")
    return list(callbacks)


class _Net:
    """One network's settings, generator, history and (once it stopped) result."""

    def __init__(self, args: NetArgs, es, callback=None):
        self.seed, self.lr, self.lambd, self.kp = args.seed, args.learning_rate, args.lambd, \
            args.keep_probs
        self.gen, self.start, self.keys, self.es = args.gen, args.start, list(args.start), es
        self.hist, self.snapshots, self.result = History(), [], None
        self.last_good, self.callback = None, callback


class _Buffers:
    """Preallocated arrays of one pass over the stacked networks and m columns.

    ``Z[h]``, ``A[h]`` (before dropout), ``D[h]`` (after dropout), ``R[h]`` (uniform
    draws), ``M[h]`` (masks), ``dZ[h]``, ``dA[h]``, ``T[h]``: lead + (n_{h+1}, m);
    ``gW[h]``: lead + (n_{h+1}, n_h); ``gb[h]``: lead + (n_{h+1}, 1); ``lead`` is
    ``(K,)``, or ``()`` for a single network (plain 2-D arrays, as in ``train``).
    With ``share``, the hidden layers' ``A`` is ``Z`` and ``dZ`` is ``dA`` (see above).
    """

    def __init__(self, dims, lead, m, share, drop_layers=(), backward=False, tmp_dtype=float):
        shapes = [lead + (n, m) for n in dims[1:]]
        self.Z = [np.empty(s) for s in shapes]
        self.A = [Z if share and h < len(shapes) - 1 else np.empty(Z.shape)
                  for h, Z in enumerate(self.Z)]
        self.R = {h: np.zeros(shapes[h]) for h in drop_layers}
        self.M = {h: np.empty(shapes[h], dtype=bool) for h in drop_layers}
        self.D = {h: np.empty(shapes[h]) for h in drop_layers}
        if backward:
            self.dA = [np.empty(s) for s in shapes[:-1]]
            self.dZ = (self.dA if share else [np.empty(s) for s in shapes[:-1]]) + \
                [np.empty(shapes[-1])]
            self.T = [np.empty(s, dtype=tmp_dtype) for s in shapes[:-1]]
            self.gW = [np.empty(lead + (n, n_prev)) for n_prev, n in zip(dims, dims[1:])]
            self.gb = [np.empty(lead + (n, 1)) for n in dims[1:]]


class _Stack:
    """The networks still training, stacked: ``Ws[h]`` lead + (n_{h+1}, n_h), ``bs[h]``
    lead + (n_{h+1}, 1), with ``lead = (K,)`` (or ``()`` when one network is left)."""

    def __init__(self, setup, nets):
        self.s, self.nets, self.all = setup, list(nets), list(nets)
        self.L = len(setup.dims) - 1
        self.g, self.dg, self.tmp_dtype, self.share = inplace_activation(setup.hidden)
        self.out = INPLACE_OUTPUTS[setup.output]
        self.Ws = [np.stack([n.start[f"W{l}"] for n in nets]) for l in range(1, self.L + 1)]
        self.bs = [np.stack([n.start[f"b{l}"] for n in nets]) for l in range(1, self.L + 1)]
        self.per_data = setup.X.ndim == 3  # one training set per network: X (K, n_x, m)
        self.X, self.Y = setup.X, setup.Y
        self._derive()

    def _derive(self):
        """Per-network constants (columns) and buffers for the networks in the stack."""
        s, nets, K, m = self.s, self.nets, len(self.nets), self.s.X.shape[-1]
        if K == 1 and self.Ws[0].ndim == 3:  # one network: plain 2-D arrays, as in train
            self.Ws, self.bs = [W[0] for W in self.Ws], [b[0] for b in self.bs]
            if self.per_data:
                self.X, self.Y = self.X[0], self.Y[0]
        self.lead = () if K == 1 else (K,)
        def col(vals):  # one value per network, broadcast over (n, m); a float for one network
            return np.array(vals, dtype=float).reshape(K, 1, 1) if self.lead else float(vals[0])

        self.scale = col([n.lr / m for n in nets])
        self.decay = col([1.0 - n.lr * n.lambd / m for n in nets]) \
            if any(n.lambd for n in nets) else None
        self.kp, self.draws = {}, {}
        for h in range(self.L - 1):
            rows = [(j, n.gen) for j, n in enumerate(nets) if n.kp is not None and n.kp[h] < 1.0]
            if rows:
                self.kp[h] = col([1.0 if n.kp is None else n.kp[h] for n in nets])
                self.draws[h] = rows
        self.work = _Buffers(s.dims, self.lead, m, self.share, self.kp, True, self.tmp_dtype)
        self.clean = _Buffers(s.dims, self.lead, m, self.share) if self.kp else None
        self.dev = _Buffers(s.dims, self.lead, s.X_dev.shape[1], self.share) \
            if s.has_dev else None

    def row(self, a, j):
        """Network ``j``'s slice of a stacked array."""
        return a[j] if self.lead else a

    def forward(self, X, buf, drop=False):
        """Output ``AL`` lead + (n_L, m) of every network; fills ``buf``."""
        A = X
        for h in range(self.L):
            Z = np.matmul(self.Ws[h], A, out=buf.Z[h])
            Z += self.bs[h]
            if h == self.L - 1:
                return self.out(Z, buf.A[h])
            A = self.g(Z, buf.A[h])
            if drop and h in self.kp:
                R = buf.R[h]
                for j, gen in self.draws[h]:
                    gen.random(out=self.row(R, j))
                A = np.multiply(A, np.less(R, self.kp[h], out=buf.M[h]), out=buf.D[h])
                A /= self.kp[h]

    def step(self, AL):
        """One gradient step of every network, in place: ``train``'s ``sgd_step`` stacked."""
        w, Y = self.work, self.Y
        dZ = np.subtract(AL, Y, out=w.dZ[-1])
        dZ *= self.scale
        for h in range(self.L - 1, -1, -1):
            W = self.Ws[h]
            if h:
                dA = np.matmul(W.swapaxes(-1, -2), dZ, out=w.dA[h - 1])
            if self.decay is not None:
                W *= self.decay
            A_prev = self.X if h == 0 else w.D[h - 1] if h - 1 in self.kp else w.A[h - 1]
            W -= np.matmul(dZ, A_prev.swapaxes(-1, -2), out=w.gW[h])
            self.bs[h] -= np.add.reduce(dZ, axis=-1, keepdims=True, out=w.gb[h])
            if h:
                if h - 1 in self.kp:
                    dA *= w.M[h - 1]
                    dA /= self.kp[h - 1]
                dZ = self.dg(dA, w.Z[h - 1], w.A[h - 1], w.dZ[h - 1], w.T[h - 1])

    def view(self, j):
        """Network ``j``'s parameters as a dict of views (its own key order)."""
        return {k: self.row((self.Ws if k[0] == "W" else self.bs)[int(k[1:]) - 1], j)
                for k in self.nets[j].keys}

    def run(self, keep_snapshots):
        s = self.s
        for n in self.nets:
            n.last_good = copy_params(n.start)
            n.start = None
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for it in range(s.num_iterations + 1):
                AL = self.forward(self.X, self.work, drop=True)
                if it % s.record_every == 0 or it == s.num_iterations:
                    self._record(it, AL, keep_snapshots)
                if it == s.num_iterations:
                    for j, n in enumerate(self.nets):
                        if n.result is None:
                            _finish(n, "completed all iterations", it, copy_params(self.view(j)))
                    break
                if all(n.result is not None for n in self.nets):
                    break
                # The networks that stopped have their results; this step's caches still hold
                # them, so they take the step too (harmlessly) and are dropped after it.
                self.step(AL)
                self._compact()
        return [n.result for n in self.all]

    def _compact(self):
        """Drop the networks that stopped from the stack (new buffers for the smaller K)."""
        keep = [j for j, n in enumerate(self.nets) if n.result is None]
        if len(keep) < len(self.nets):
            self.nets = [self.nets[j] for j in keep]
            self.Ws = [W[keep] for W in self.Ws]
            self.bs = [b[keep] for b in self.bs]
            if self.per_data:
                self.X, self.Y = self.X[keep], self.Y[keep]
            self._derive()

    def _record(self, it, AL, keep_snapshots):
        """Record each network's history as ``train`` does; store the results of those that stop."""
        s, m = self.s, self.s.X.shape[-1]
        A_train = AL if self.clean is None else self.forward(self.X, self.clean)
        A_dev = None if self.dev is None else self.forward(s.X_dev, self.dev)
        for j, n in enumerate(self.nets):
            hist, params = n.hist, self.view(j)
            Y = self.row(self.Y, j) if self.per_data else self.Y
            data = cross_entropy_unchecked(self.row(self.work.Z[-1], j), Y, s.output)
            w2 = weight_norm2(params)
            hist.iterations.append(it)
            hist.data_cost.append(data)
            hist.cost.append(data + (n.lambd / (2 * m) * w2 if n.lambd else 0.0))
            hist.weight_norm2.append(w2)
            if not np.isfinite(hist.cost[-1]) or not np.isfinite(w2):
                reason = reason_diverged(hist, it, n.lr)
                for key in ("iterations", "cost", "data_cost", "weight_norm2"):
                    getattr(hist, key).pop()
                _finish(n, reason, it, n.last_good, diverged=True)
                continue
            n.last_good = copy_params(params)
            hist.train_accuracy.append(proba_accuracy(self.row(A_train, j), Y))
            if A_dev is not None:
                hist.dev_accuracy.append(proba_accuracy(self.row(A_dev, j), s.Y_dev))
                hist.dev_cost.append(cross_entropy_unchecked(self.row(self.dev.Z[-1], j),
                                                             s.Y_dev, s.output))
            if keep_snapshots:
                n.snapshots.append((it, n.last_good))
            if n.callback is not None and n.callback(it, params, hist):
                _finish(n, reason_callback(it), it, copy_params(params))
            elif n.es is not None:
                es = n.es
                value = hist.dev_cost[-1] if es.monitor == "dev_cost" \
                    else 1.0 - hist.dev_accuracy[-1]
                if es.update(it, value, params):
                    _finish(n, reason_early_stopping(es, it), it, copy_params(params))


def _finish(net, reason, it, params, diverged=False):
    """Store network ``net``'s :class:`TrainResult` (restoring its best parameters as ``train``)."""
    es, best = net.es, None
    if es is not None and es.best_params is not None:
        best = es.best_iteration
        if es.restore_best and not diverged:
            params = copy_params(es.best_params)
            reason += reason_restored(best)
    net.result = TrainResult(params, net.hist, reason, it, best, diverged, net.snapshots)
