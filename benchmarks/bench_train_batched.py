"""Speed of course_utils.train_batched against K sequential course_utils.train runs.

The notebooks' sweeps train the same small network once per seed / lambd /
keep_prob. This script measures, in one run and on the same data (the shipped
diagonal-regions split, 200 training points, network [2, 20, 3, 1]), the wall
time of

* K sequential ``train(...)`` runs (the reference), and
* one ``train_batched(...)`` run of the same K networks,

for K = 1, 5, 16, 35 (each network with its own seed and lambd), with one BLAS
thread. Runs are interleaved and repeated; the median is reported as
microseconds per network-iteration, with the speed-up (sequential / batched).
Wall times depend on what else runs on the machine, so the load average is
printed and the CPU time of this process is shown too. Targets: K = 1 no slower
than ``train``, K = 16 at least 3x faster.

``--notebooks`` instead runs nbval on each notebook separately and prints each
one's top-to-bottom time (pass or fail, it is a timing), and its own time: the
wall time minus the start-up of nbval on an empty notebook, measured in the same run.

Run from the repository root:
  .venv/bin/python benchmarks/bench_train_batched.py [--iterations 2000] [--repeats 5]
                                                     [--keep-prob 0.8] [--notebooks]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from course_utils.data import load_diagonal_regions
from course_utils.train import train
from course_utils.train_batched import train_batched

ROOT = Path(__file__).resolve().parents[1]
DIMS = [2, 20, 3, 1]
KS = (1, 5, 16, 35)


def settings(K, keep_prob):
    """Per-network arguments of a realistic sweep: seeds 0..K-1, lambd from 0 to 1."""
    return {"seeds": list(range(K)), "lambd": list(np.linspace(0.0, 1.0, K)),
            "keep_probs": None if keep_prob is None else [[keep_prob] * (len(DIMS) - 2)] * K}


def sequential(X, Y, K, iters, keep_prob):
    per = settings(K, keep_prob)
    for k in range(K):
        train(X, Y, DIMS, learning_rate=0.3, num_iterations=iters, seed=per["seeds"][k],
              lambd=per["lambd"][k],
              keep_probs=None if keep_prob is None else per["keep_probs"][k])


def batched(X, Y, K, iters, keep_prob):
    train_batched(X, Y, DIMS, learning_rate=0.3, num_iterations=iters, **settings(K, keep_prob))


def timed(fn, *args):
    w0, c0 = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - w0, time.process_time() - c0


def bench_training(args):
    split = load_diagonal_regions()
    X, Y = split.X_train, split.Y_train
    it = args.iterations
    print(f"load average of the machine (1, 5, 15 min): {os.getloadavg()} "
          f"on {os.cpu_count()} cores")
    print(f"network {DIMS}, m = {X.shape[1]}, {it} iterations per network, learning_rate 0.3, "
          f"lambd 0..1, keep_prob {args.keep_prob or 1.0}, record_every 100, one BLAS thread; "
          f"median of {args.repeats} interleaved repeats")
    times = {(K, impl): [] for K in KS for impl in ("seq", "bat")}
    with threadpool_limits(1):
        batched(X, Y, 2, 10, args.keep_prob)  # warm up imports and caches
        for _ in range(args.repeats):
            for K in KS:
                times[K, "seq"].append(timed(sequential, X, Y, K, it, args.keep_prob))
                times[K, "bat"].append(timed(batched, X, Y, K, it, args.keep_prob))
    print(f"\n{'K':>3} | {'sequential train':>17} | {'train_batched':>14} | {'speed-up':>8} "
          f"| {'speed-up (CPU time)':>19}")
    print(f"{'':>3} | {'us/net-iter':>17} | {'us/net-iter':>14} | {'wall':>8} | {'':>19}")
    for K in KS:
        seq, bat = np.median(times[K, "seq"], axis=0), np.median(times[K, "bat"], axis=0)
        print(f"{K:>3} | {seq[0] / (K * it) * 1e6:17.1f} | {bat[0] / (K * it) * 1e6:14.1f} "
              f"| {seq[0] / bat[0]:7.2f}x | {seq[1] / bat[1]:18.2f}x")
    print("\ntargets: K = 1 speed-up >= 1.0 (no slower than train); K = 16 speed-up >= 3")
    print(f"load average after: {os.getloadavg()}")


def bench_notebooks():
    """nbval on each notebook on its own; prints its top-to-bottom time and outcome.

    The reference, measured in the same run: nbval on a notebook with one empty cell, i.e.
    the start-up every run pays (Python, pytest, nbval with nbformat, the kernel, shutdown)
    that a learner's Run All in JupyterLab does not (the kernel is already running). Each
    notebook's own time is its wall time minus that start-up.
    """
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"load average of the machine (1, 5, 15 min): {os.getloadavg()} "
          f"on {os.cpu_count()} cores")
    empty = ROOT / "test-artifacts" / "bench-empty-notebook.ipynb"
    empty.parent.mkdir(exist_ok=True)
    empty.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": 1, "id": "empty", "metadata": {},
                   "outputs": [], "source": ["pass"]}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                    "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5}))
    startup = min(_nbval(empty)[0] for _ in range(2))
    empty.unlink()
    print(f"{'start-up (an empty notebook, best of 2)':<40} {startup:7.1f} s wall")
    total = total_cpu = 0.0
    for nb in notebooks:
        dt, cpu, outcome = _nbval(nb)
        total += dt
        total_cpu += cpu
        print(f"{nb.name:<40} {dt:7.1f} s wall {cpu:7.1f} s CPU  {outcome}; "
              f"own time {dt - startup:5.1f} s", flush=True)
    print(f"{'total':<40} {total:7.1f} s wall {total_cpu:7.1f} s CPU; "
          f"own time {total - len(notebooks) * startup:5.1f} s")
    print("(CPU: pytest, its kernel and their children, user + system; own time: wall time "
          "minus the start-up above)")


def _nbval(nb: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of nbval on one notebook, and its outcome."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
           "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
           "tests/nbval_sanitize.cfg", str(nb.relative_to(ROOT))]
    t0, c0 = time.perf_counter(), _children_cpu()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    dt, cpu = time.perf_counter() - t0, _children_cpu() - c0
    return dt, cpu, "pass" if proc.returncode == 0 else f"FAIL (exit {proc.returncode})"


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes (and their waited-for children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep-prob", type=float, default=None,
                        help="inverted dropout on both hidden layers (default: none)")
    parser.add_argument("--notebooks", action="store_true",
                        help="time nbval on each notebook instead of the training benchmark")
    args = parser.parse_args()
    if args.notebooks:
        bench_notebooks()
    else:
        bench_training(args)


if __name__ == "__main__":
    main()
