"""Speed of the notebook-06 scrubber: one update per recorded iteration (all slider positions).

The scrubber replays snapshots recorded once during training, so an update is a
cached forward pass on an 80x80 grid plus a redraw of the changing artists. This
script builds the notebook's explorer (seed-0 run: [2, 35, 35, 1], tanh, 8,000
iterations, a snapshot every 50, patience 10 as in the notebook), moves the
slider through every recorded iteration (first, last and all in between, in a
shuffled order), and prints the median and
90th percentile per update (wall and CPU time), next to two references measured in
the same run:

* ``blank``: rendering an empty figure of the same size with two axes to PNG (the
  floor of any image-based explorer on this machine right now);
* ``full redraw``: the same update done the naive way (a new figure, everything drawn
  again), which is what the draw-once design avoids.

Usage: ``python benchmarks/bench_scrubber.py [--repeats 1]``.
"""
from __future__ import annotations

import argparse
import time

import numpy as np
from _timing import UpdateTimer, load_average, naive_redraw, render_reference, stats
from threadpoolctl import threadpool_limits

from course_utils.data import load_diagonal_regions
from course_utils.train import train
from course_utils.widgets.early_stopping import scrubber_explorer


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=1, help="passes over all slider positions")
    args = ap.parse_args()
    threadpool_limits(1)
    data = load_diagonal_regions()
    t0 = time.perf_counter()
    run = train(data.X_train, data.Y_train, [2, 35, 35, 1], hidden_activation="tanh",
                init="xavier", learning_rate=0.5, num_iterations=8000, X_dev=data.X_dev,
                Y_dev=data.Y_dev, record_every=50, keep_snapshots=True, seed=0)
    t_train = time.perf_counter() - t0
    t0 = time.perf_counter()
    e = scrubber_explorer(run, data.X_train, data.Y_train, patience=10, hidden_activation="tanh")
    t_build = time.perf_counter() - t0
    slider = e.controls["iteration"]
    options = list(slider.options)
    order = np.random.default_rng(0).permutation(len(options))
    e.timings.clear()
    timer = UpdateTimer(e)
    for _ in range(args.repeats):
        timer.visit_grid({"iteration": [options[i] for i in order]})
    upd = np.array(e.timings)
    blank = render_reference((10, 3.8), lambda fig: fig.subplots(1, 2), repeats=15,
                             layout=None, rebuild=False)[0]
    naive = naive_redraw(e, [e.compute(iteration=options[i]) for i in order[:15]])

    med = np.median(upd)
    print(f"scrubber: {len(upd)} updates over {len(options)} positions "
          f"(iterations {options[0]}..{options[-1]}); training once {t_train:.2f} s, "
          f"building the explorer {t_build:.2f} s")
    print(f"per update: {stats(upd)}; CPU {stats(timer.cpu)}")
    print(f"reference, blank 2-axes figure to PNG: {1000 * blank:.0f} ms "
          f"-> update / blank = {med / blank:.1f}x")
    print(f"reference, naive full redraw: {1000 * naive:.0f} ms -> update / naive = "
          f"{med / naive:.2f}x")
    print(f"retraining instead of scrubbing would cost ~{t_train * 1000 / 2:.0f} ms per move "
          f"(half a run on average)")
    print(load_average())


if __name__ == "__main__":
    main()
