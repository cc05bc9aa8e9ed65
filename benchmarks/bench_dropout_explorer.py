"""Slider-to-redraw time of the keep_prob explorer of notebook 04.

Every slider position of both hidden layers (0.3 to 1.0 in steps of 0.05, extremes
included) is visited once with an empty cache, so every update retrains the
network from scratch (the worst case: revisiting a setting is served from the
cache). For each update it records the time from ``slider.value = v`` to the new
PNG in ``explorer.image`` (the Explorer's own timing), and prints median and
p90 per slider and overall.

Reference measured in the same run: one plain training of the same network for
the same number of iterations without dropout and without drawing
(``course_utils.train.train``, no dev set), i.e. the cheapest possible retrain.
The ratio update / reference shows what dropout, the dev-set records and the
redraw add on top of it.

Usage: ``python benchmarks/bench_dropout_explorer.py [--iterations 1000] [--init xavier]``
(``--init he`` measures the explorer as notebook 04 used it before it took the course's
initialization; the update time does not depend on it).
"""
from __future__ import annotations

import argparse
import time

import numpy as np
from _timing import UpdateTimer, stats

from course_utils.train import train
from course_utils.widgets.dropout import KP_MAX, KP_MIN, KP_STEP, keep_prob_explorer


def load():
    try:
        from course_utils.data import load_diagonal_regions
        s = load_diagonal_regions()
        return s.X_train, s.Y_train, s.X_dev, s.Y_dev, "load_diagonal_regions()"
    except (FileNotFoundError, ValueError):
        from course_utils.data import make_diagonal_regions
        X, Y = make_diagonal_regions(600, seed=1)
        return X[:, :200], Y[:, :200], X[:, 200:400], Y[:, 200:400], \
            "make_diagonal_regions(600, seed=1) (shipped file missing)"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iterations", type=int, default=1000)
    ap.add_argument("--init", default="xavier", help="initialization (notebook 04: xavier)")
    args = ap.parse_args(argv)
    X, Y, Xd, Yd, source = load()
    values = [float(v) for v in np.round(np.arange(KP_MIN, KP_MAX + KP_STEP / 2, KP_STEP), 2)]
    e = keep_prob_explorer(X, Y, Xd, Yd, keep_probs=(1.0, 1.0), num_iterations=args.iterations,
                           init=args.init)
    timer = UpdateTimer(e)
    wall, cpu, ref_wall, ref_cpu = {}, {}, [], []
    for name in e.controls:
        e.cache.clear()
        start, cpu_start = len(e.timings), len(timer.cpu)
        # from the current 1.0 to 0.3, 0.35, ..., 1.0: every position once, extremes included
        for v in values:
            timer.set(e.controls[name], v)
            t, c = time.perf_counter(), time.process_time()
            train(X, Y, [2, 20, 3, 1], init=args.init, learning_rate=0.3,
                  num_iterations=args.iterations, record_every=args.iterations, seed=0)
            ref_wall.append(time.perf_counter() - t)
            ref_cpu.append(time.process_time() - c)
        wall[name] = np.array(e.timings[start:])
        cpu[name] = np.array(timer.cpu[cpu_start:])
    all_w = np.concatenate(list(wall.values()))
    all_c = np.concatenate(list(cpu.values()))
    print(f"data: {source}; init {args.init}; {args.iterations} iterations per retrain; "
          f"{len(values)} positions "
          f"per slider ({values[0]}..{values[-1]}), every update retrains (empty cache)")
    for name in wall:
        print(f"  {name}: wall {stats(wall[name])}; CPU median "
              f"{1e3 * np.median(cpu[name]):.0f} ms")
    print(f"all updates: wall {stats(all_w)}; CPU {stats(all_c)} (target: median < 300 ms)")
    print(f"reference (plain retrain, no dropout, no records, no drawing): wall median "
          f"{1e3 * np.median(ref_wall):.0f} ms, CPU median {1e3 * np.median(ref_cpu):.0f} ms; "
          f"ratio update/reference = {np.median(all_w) / np.median(ref_wall):.2f} (wall), "
          f"{np.median(all_c) / np.median(ref_cpu):.2f} (CPU)")
    e.controls["keep_prob_1"].value = 0.5
    n = len(e.timings)
    e.controls["keep_prob_1"].value = 0.55
    e.controls["keep_prob_1"].value = 0.5
    print(f"cached revisit (redraw only): {1e3 * e.timings[n + 1]:.0f} ms wall")
    print("(wall times include waiting for the CPU: on a shared, loaded machine compare the "
          "CPU times and the ratios)")


if __name__ == "__main__":
    main()
