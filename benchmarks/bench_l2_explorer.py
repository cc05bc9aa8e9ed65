"""Benchmark of the lambd explorer of notebook 03 (course_utils.widgets.l2).

Prints the slider-to-redraw time (compute + summary + PNG render) per update over
every slider position, extremes included, and the "no regularization" checkbox:
median and p90 on the first visit of each position (cold: warm-start training +
draw) and on a second pass (memoized: draw only). The reference, measured in the
same run, is what a naive explorer would do per update: retrain the network from
scratch with the sweep's settings (up to 30,000 iterations, stopped at
convergence) -- the ratio says how much faster the explorer is. Wall times depend on
what else runs on the machine, so the load average is printed and the CPU time of this
process per update is shown too.

Run from the repository root:  .venv/bin/python benchmarks/bench_l2_explorer.py
"""
from __future__ import annotations

import time

import numpy as np
from _timing import UpdateTimer, load_average, positions, stats

from course_utils.data import load_diagonal_regions
from course_utils.lessons.l2 import lambd_sweep
from course_utils.widgets.base import render_png
from course_utils.widgets.l2 import lambd_explorer

LAMBDS = [0, 0.1, 0.3, 0.7, 1, 3, 10]  # the notebook's sweep grid


def main():
    split = load_diagonal_regions()
    t0 = time.perf_counter()
    sweep = lambd_sweep(split, LAMBDS, seeds=[0], rtol=5e-4)
    t_sweep = time.perf_counter() - t0
    t0 = time.perf_counter()
    ex = lambd_explorer(split, sweep)
    t_build = time.perf_counter() - t0
    lambds = positions(ex.controls["lambd"])
    timer = UpdateTimer(ex)

    def visit():
        n0, c0 = len(ex.timings), len(timer.cpu)
        timer.visit_grid({"lambd": lambds})
        timer.visit_grid({"no_regularization": [True, False]})
        return ex.timings[n0:], timer.cpu[c0:]

    ex.compute.cache.clear()  # start cold: no position computed yet
    cold, cold_cpu = visit()
    warm, warm_cpu = visit()
    # reference: naive retrain from scratch (same settings as the sweep), 3 lambds
    ref = []
    for lam in (0.01, 0.5, 5.0):
        t0 = time.perf_counter()
        lambd_sweep(split, [lam], seeds=[0], rtol=5e-4)
        ref.append(time.perf_counter() - t0)
    # draw-only reference: one redraw of an already computed result
    draw = []
    for _ in range(5):
        t0 = time.perf_counter()
        ex.fig.clear()
        ex.draw(ex.result, ex.fig)
        ex.image.value = render_png(ex.fig, ex.dpi)
        draw.append(time.perf_counter() - t0)
    print(load_average())
    print(f"sweep for the explorer (7 lambds, 1 seed): {t_sweep:.2f} s; build: {t_build:.2f} s")
    print(f"slider positions: {len(lambds)} (lambd 1e-3 .. 10) + checkbox on/off")
    print(f"cold updates (warm-start train + draw): {stats(cold)}")
    print(f"   same, CPU time of this process:       {stats(cold_cpu)}")
    print(f"memoized updates (draw only):           {stats(warm)}")
    print(f"   same, CPU time of this process:       {stats(warm_cpu)}")
    print(f"redraw alone:                            {stats(draw)}")
    print(f"reference, retrain from scratch:         {stats(ref)}")
    print(f"ratio cold median / retrain median:      {np.median(cold) / np.median(ref):.3f}")
    print(f"ratio memoized median / retrain median:  {np.median(warm) / np.median(ref):.3f}")


if __name__ == "__main__":
    main()
