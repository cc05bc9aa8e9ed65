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

Usage: ``python benchmarks/bench_dropout_explorer.py [--iterations 1500]``
"""
from __future__ import annotations

import argparse
import time

import numpy as np

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
    ap.add_argument("--iterations", type=int, default=1500)
    args = ap.parse_args(argv)
    X, Y, Xd, Yd, source = load()
    values = np.round(np.arange(KP_MIN, KP_MAX + KP_STEP / 2, KP_STEP), 2)
    e = keep_prob_explorer(X, Y, Xd, Yd, keep_probs=(1.0, 1.0), num_iterations=args.iterations)
    e.timings.clear()
    per_slider = {}
    ref = []
    for name in e.controls:
        e.cache.clear()
        start = len(e.timings)
        for v in values[::-1]:  # from 1.0 down to 0.3; both extremes included
            if e.controls[name].value == v:
                e.controls[name].value = round(v - KP_STEP, 2)  # force a change
            e.controls[name].value = float(v)
            assert e.error is None, e.error
            t = time.perf_counter()
            train(X, Y, [2, 20, 3, 1], learning_rate=0.3, num_iterations=args.iterations,
                  record_every=args.iterations, seed=0)
            ref.append(time.perf_counter() - t)
        per_slider[name] = np.array(e.timings[start:])
        e.controls[name].value = 1.0
    all_t = np.concatenate(list(per_slider.values()))
    ref = np.array(ref)
    print(f"data: {source}; {args.iterations} iterations per retrain; "
          f"{len(values)} positions per slider ({values[0]}..{values[-1]})")
    for name, t in per_slider.items():
        print(f"  {name}: {len(t)} updates, median {1e3 * np.median(t):.0f} ms, "
              f"p90 {1e3 * np.percentile(t, 90):.0f} ms, max {1e3 * t.max():.0f} ms")
    print(f"all updates: median {1e3 * np.median(all_t):.0f} ms, "
          f"p90 {1e3 * np.percentile(all_t, 90):.0f} ms (target: median < 300 ms)")
    print(f"reference (plain retrain, no dropout, no drawing): median "
          f"{1e3 * np.median(ref):.0f} ms; ratio update/reference = "
          f"{np.median(all_t) / np.median(ref):.2f}")
    e.cache.clear()
    e.timings.clear()
    e.controls["keep_prob_1"].value = 0.5
    e.controls["keep_prob_1"].value = 0.55
    e.controls["keep_prob_1"].value = 0.5
    print(f"cached revisit: {1e3 * e.timings[-1]:.0f} ms (vs {1e3 * e.timings[0]:.0f} ms "
          f"to train)")


if __name__ == "__main__":
    main()
