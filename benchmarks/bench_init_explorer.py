"""Update speed of the initialization explorer of notebook 09, over every control position.

The explorer is built once; then each control (init method, scale, activation,
depth) is moved through all its positions, extremes included, with the others at
their defaults, exactly as a learner's slider would (through ``.value``). Each
update (initialize, forward pass, 150 training iterations, summary, one redraw of the
kept axes to PNG) is timed by ``Explorer.timings`` (wall) and ``time.process_time`` (CPU,
which hardly depends on the machine's load). Reference, measured in the same run:
rendering a figure of the same size with one empty axes (matplotlib's fixed price of a
redraw). BLAS runs on one thread, as in the test environment (the matrices are tiny).

Usage: ``python benchmarks/bench_init_explorer.py [--repeats 1]``
"""
from __future__ import annotations

import argparse
import time

import numpy as np
from _timing import UpdateTimer, render_reference, report_cpu_and_target
from threadpoolctl import threadpool_limits

from course_utils.widgets.initialization import init_explorer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1, help="sweeps over all positions")
    args = parser.parse_args()
    with threadpool_limits(1):
        t0 = time.perf_counter()
        e = init_explorer()
        built = time.perf_counter() - t0
        timer = UpdateTimer(e)
        per = {}
        for _ in range(args.repeats):
            for k, v in timer.sweep().items():
                per[k] = np.concatenate([per.get(k, np.empty(0)), v])
        ref = render_reference((10, 5.2))[0]
    allt = np.concatenate(list(per.values()))
    print(f"init explorer (notebook 09): built in {built:.2f} s; reference (empty figure "
          f"render) {1e3 * ref:.0f} ms")
    print(f"{'control':<12}{'updates':>8}{'median':>10}{'p90':>10}{'max':>10}{'ratio':>8}")
    for k, t in list(per.items()) + [("all", allt)]:
        print(f"{k:<12}{t.size:>8}{1e3 * np.median(t):>8.0f}ms{1e3 * np.percentile(t, 90):>8.0f}ms"
              f"{1e3 * t.max():>8.0f}ms{np.median(t) / ref:>8.1f}")
    report_cpu_and_target(allt, timer.cpu)


if __name__ == "__main__":
    main()
