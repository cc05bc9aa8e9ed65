"""Speed of one training iteration of course_utils vs scikit-learn and vs a bare NumPy loop.

Every slider of the course retrains a small network live, so the training loop
must cost little more than the arithmetic itself. This script measures, in one
run and on the same data, the time per full-batch gradient-descent iteration of

* ``course_utils.train.train`` (validated once, then a tight loop),
* scikit-learn's ``MLPClassifier`` doing the same full-batch SGD (no momentum,
  no regularization, no early stopping),
* a minimal hand-written NumPy loop (the floor: forward, backward, update, nothing else),

for the course's network [2, 20, 3, 1] on 200 points and for [64, 64, 10]
(softmax) on the 8x8 digits. Runs are interleaved and repeated; the median is
reported. Usage: ``python benchmarks/bench_core.py [--repeats 7]``.
"""
from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits, make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from course_utils.train import train


def bare_numpy(X, Y, dims, lr, iters, softmax):
    """The floor: the same network trained by the plainest NumPy code."""
    rng = np.random.default_rng(0)
    Ws = [rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])
          for l in range(1, len(dims))]
    bs = [np.zeros((d, 1)) for d in dims[1:]]
    m = X.shape[1]
    for _ in range(iters):
        As, Zs = [X], []
        for W, b in zip(Ws[:-1], bs[:-1]):
            Z = W @ As[-1] + b
            Zs.append(Z)
            As.append(np.maximum(Z, 0))
        Z = Ws[-1] @ As[-1] + bs[-1]
        if softmax:
            E = np.exp(Z - Z.max(axis=0))
            A = E / E.sum(axis=0)
        else:
            A = 1 / (1 + np.exp(-Z))
        dZ = A - Y
        for l in range(len(Ws) - 1, -1, -1):
            dW = dZ @ As[l].T / m
            db = dZ.sum(axis=1, keepdims=True) / m
            if l:
                dZ = (Ws[l].T @ dZ) * (Zs[l - 1] > 0)
            Ws[l] -= lr * dW
            bs[l] -= lr * db
    return Ws


def course(X, Y, dims, lr, iters, softmax):
    return train(X, Y, dims, learning_rate=lr, num_iterations=iters, record_every=iters,
                 output_activation="softmax" if softmax else "sigmoid")


def sklearn_mlp(X, Y, dims, lr, iters, softmax):
    clf = MLPClassifier(hidden_layer_sizes=tuple(dims[1:-1]), activation="relu", solver="sgd",
                        alpha=0.0, batch_size=X.shape[1], learning_rate_init=lr, momentum=0.0,
                        nesterovs_momentum=False, max_iter=iters, shuffle=False, tol=0.0,
                        n_iter_no_change=iters + 1, random_state=0)
    y = Y.argmax(axis=0) if softmax else Y.ravel()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X.T, y)
    return clf


def time_per_iter(fn, X, Y, dims, lr, iters, softmax):
    t0 = time.perf_counter()
    fn(X, Y, dims, lr, iters, softmax)
    return (time.perf_counter() - t0) / iters


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    Xm, ym = make_moons(200, noise=0.25, random_state=0)
    small = (Xm.T, ym.reshape(1, -1).astype(float), [2, 20, 3, 1], 0.3)
    digits = load_digits()
    Xd = digits.data.T / 16.0
    Yd = np.eye(10)[:, digits.target]
    large = (Xd, Yd, [64, 64, 10], 0.5)
    cases = {"[2,20,3,1] on 200 points": (small, False, 2000),
             "[64,64,10] softmax on 1797 digits": (large, True, 200)}
    impls = {"bare NumPy (floor)": bare_numpy, "course_utils.train": course,
             "sklearn MLPClassifier": sklearn_mlp}

    print(f"median over {args.repeats} interleaved repeats; time per iteration")
    for name, ((X, Y, dims, lr), softmax, iters) in cases.items():
        times = {k: [] for k in impls}
        for _ in range(args.repeats):
            for k, fn in impls.items():
                times[k].append(time_per_iter(fn, X, Y, dims, lr, iters, softmax))
        med = {k: float(np.median(v)) for k, v in times.items()}
        floor, ours, skl = med["bare NumPy (floor)"], med["course_utils.train"], \
            med["sklearn MLPClassifier"]
        print(f"\n{name} ({iters} iterations per run)")
        for k, v in med.items():
            print(f"  {k:<24} {v * 1e6:9.1f} us/iter")
        print(f"  course_utils / floor    {ours / floor:9.2f} x   (target <= 1.3)")
        print(f"  sklearn / course_utils  {skl / ours:9.2f} x   (target >= 2)")


if __name__ == "__main__":
    main()
