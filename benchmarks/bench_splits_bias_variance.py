"""Update speed of the explorers of notebooks 01 and 02, over every slider position.

Each explorer is built once; then every control is moved through all its positions
(extremes included, via ``.value`` as a learner's slider would) and the duration of
each update (compute + summary + redraw to PNG) is taken from ``Explorer.timings``.
The reference, measured in the same run, is the cheapest possible redraw: rendering
a figure of the same size holding one empty axes. The ratio says how much our
drawing costs on top of matplotlib's fixed price. CPU times (``time.process_time``)
are printed next to wall times: on a machine shared with other jobs the wall time
grows with the load, the CPU time much less. Target: median well under 0.3 s.

Usage: ``python benchmarks/bench_splits_bias_variance.py [--quick]``
"""
from __future__ import annotations

import argparse
import time

import numpy as np
from _timing import UpdateTimer, render_reference

from course_utils.widgets.bias_variance import decomposition_explorer, diagnosis_explorer
from course_utils.widgets.splits import split_explorer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every 4th slider position only")
    args = parser.parse_args()
    stride = 4 if args.quick else 1
    print(f"{'explorer':<26}{'updates':>8}{'median':>9}{'p90':>9}{'max':>9}{'ref':>8}"
          f"{'ratio':>7}{'CPU med':>9}{'CPU p90':>9}{'CPU ref':>9}{'ratio':>7}")
    for name, build, figsize in (
            ("split (nb 01)", split_explorer, (10, 3.4)),
            ("diagnosis (nb 02)", diagnosis_explorer, (5.5, 3.4)),
            ("decomposition (nb 02)", lambda: decomposition_explorer(n_sets=300), (10, 3.6))):
        t0 = time.perf_counter()
        e = build()
        built = time.perf_counter() - t0
        timer = UpdateTimer(e)
        t = np.concatenate(list(timer.sweep(stride).values()))
        c = np.asarray(timer.cpu)
        ref, cref = render_reference(figsize, repeats=30)
        med, cmed = float(np.median(t)), float(np.median(c))
        print(f"{name:<26}{len(t):>8}{med:>8.3f}s{np.percentile(t, 90):>8.3f}s{t.max():>8.3f}s"
              f"{ref:>7.3f}s{med / ref:>7.1f}{cmed:>8.3f}s{np.percentile(c, 90):>8.3f}s"
              f"{cref:>8.3f}s{cmed / cref:>7.1f}   (built in {built:.2f} s)")


if __name__ == "__main__":
    main()
