"""Update speed of the gradient-check explorer of notebook 10, over every control position.

The explorer is built once (it precomputes the numerical gradient for every epsilon
of the slider and both lambdas, since it does not depend on the planted bug); then
epsilon is moved through all 23 positions for every planted bug and both lambdas,
extremes included. Each update (buggy backprop, per-block report, summary, and a
blitted redraw: the axes are drawn once, an update redraws the bars, curves, epsilon
marker and title) is timed by ``Explorer.timings`` (wall) and by ``time.process_time``
(CPU, which hardly depends on the machine's load). Reference, measured in the same run:
rendering a figure of the same size with one empty axes; and, for scale, one full
``gradient_check`` of the same network (what an update would cost without the cache).

Usage: ``python benchmarks/bench_gradcheck_explorer.py``
"""
from __future__ import annotations

import time

import numpy as np
from _timing import UpdateTimer, render_reference, report_cpu_and_target
from threadpoolctl import threadpool_limits

from course_utils.gradcheck import gradient_check
from course_utils.lessons.gradcheck import small_problem
from course_utils.widgets.gradcheck import EPSILON_GRID, LAMBDAS, gradcheck_explorer


def main() -> None:
    with threadpool_limits(1):
        t0 = time.perf_counter()
        e = gradcheck_explorer()
        built = time.perf_counter() - t0
        timer = UpdateTimer(e)
        start = len(e.timings)
        for lam in LAMBDAS:
            e.controls["lambd"].value = lam
            for bug in e.controls["bug"].options:
                e.controls["bug"].value = bug
                for eps in EPSILON_GRID:
                    timer.set(e.controls["epsilon"], float(eps))
        t = np.asarray(e.timings[start:])
        ref = render_reference((10, 3.6))[0]
        X, Y, p = small_problem()
        t0 = time.perf_counter()
        gradient_check(X, Y, p, hidden_activation="tanh")
        one_check = time.perf_counter() - t0
    print(f"gradcheck explorer (notebook 10): built in {built:.2f} s; reference (empty figure "
          f"render) {1e3 * ref:.0f} ms; one uncached gradient_check {1e3 * one_check:.0f} ms")
    print(f"{'updates':>8}{'median':>10}{'p90':>10}{'max':>10}{'ratio':>8}")
    print(f"{t.size:>8}{1e3 * np.median(t):>8.0f}ms{1e3 * np.percentile(t, 90):>8.0f}ms"
          f"{1e3 * t.max():>8.0f}ms{np.median(t) / ref:>8.1f}")
    report_cpu_and_target(t, timer.cpu)


if __name__ == "__main__":
    main()
