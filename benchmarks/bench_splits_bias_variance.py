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
from matplotlib.figure import Figure

from course_utils.widgets.base import render_png
from course_utils.widgets.bias_variance import decomposition_explorer, diagnosis_explorer
from course_utils.widgets.splits import split_explorer


def positions(slider, stride: int = 1):
    """Every position of a slider (every ``stride``-th), always with both extremes."""
    if hasattr(slider, "base"):                          # FloatLogSlider: exponents
        exps = np.arange(slider.min, slider.max + 1e-9, slider.step)[::stride]
        vals = [slider.base ** e for e in exps] + [slider.base ** slider.max]
    elif isinstance(slider.value, bool):
        return [not slider.value, slider.value]
    else:
        vals = list(np.arange(slider.min, slider.max + 1e-9, slider.step)[::stride])
        vals.append(slider.max)
    vals = [slider.base ** slider.min if hasattr(slider, "base") else slider.min] + vals
    return vals


def sweep(explorer, stride: int = 1):
    """Move every control through its positions.

    Returns the wall-clock durations of the updates (from ``Explorer.timings``) and
    their CPU times (``time.process_time``; less sensitive to a busy machine).
    """
    start = len(explorer.timings)
    cpu = []
    for name, w in explorer.controls.items():
        original = w.value
        for v in positions(w, stride) + [original]:
            if isinstance(w.value, int) and not isinstance(w.value, bool):
                v = int(round(v))
            if v == w.value:
                continue
            c0 = time.process_time()
            w.value = v
            cpu.append(time.process_time() - c0)
            assert explorer.error is None, f"{name}={v}: {explorer.error}"
    return np.asarray(explorer.timings[start:]), np.asarray(cpu)


def reference(figsize, dpi: int = 80, repeats: int = 30):
    """Median wall and CPU time to render a figure of ``figsize`` with one empty axes to PNG."""
    fig = Figure(figsize=figsize, layout="constrained")
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fig.clear()
        fig.subplots()
        render_png(fig, dpi)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return float(np.median(wall)), float(np.median(cpu))


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
        t, c = sweep(e, stride)
        ref, cref = reference(figsize)
        med, cmed = float(np.median(t)), float(np.median(c))
        print(f"{name:<26}{len(t):>8}{med:>8.3f}s{np.percentile(t, 90):>8.3f}s{t.max():>8.3f}s"
              f"{ref:>7.3f}s{med / ref:>7.1f}{cmed:>8.3f}s{np.percentile(c, 90):>8.3f}s"
              f"{cref:>8.3f}s{cmed / cref:>7.1f}   (built in {built:.2f} s)")


if __name__ == "__main__":
    main()
