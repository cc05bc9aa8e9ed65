"""Update speed of the explorers of notebooks 01 and 02, over every slider position.

Each explorer is built once; then every control is moved through all its positions
(extremes included, via ``.value`` as a learner's slider would) and the duration of
each update (compute + summary + redraw to PNG) is taken from ``Explorer.timings``.
The reference, measured in the same run, is the cheapest possible redraw: rendering
a figure of the same size holding one empty axes. The ratio says how much our
drawing costs on top of matplotlib's fixed price. Target: median well under 0.3 s.

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


def sweep(explorer, stride: int = 1) -> np.ndarray:
    """Move every control through its positions; return the update durations (s)."""
    start = len(explorer.timings)
    for name, w in explorer.controls.items():
        original = w.value
        for v in positions(w, stride):
            if isinstance(w.value, int) and not isinstance(w.value, bool):
                v = int(round(v))
            w.value = v
            assert explorer.error is None, f"{name}={v}: {explorer.error}"
        w.value = original
    return np.asarray(explorer.timings[start:])


def reference(figsize, dpi: int = 80, repeats: int = 30) -> float:
    """Median time to render a figure of ``figsize`` with one empty axes to PNG."""
    fig = Figure(figsize=figsize, layout="constrained")
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fig.clear()
        fig.subplots()
        render_png(fig, dpi)
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every 4th slider position only")
    args = parser.parse_args()
    stride = 4 if args.quick else 1
    print(f"{'explorer':<28}{'updates':>8}{'median':>9}{'p90':>9}{'max':>9}"
          f"{'reference':>11}{'ratio':>7}")
    for name, build, figsize in (
            ("split (notebook 01)", split_explorer, (10, 3.4)),
            ("diagnosis (notebook 02)", diagnosis_explorer, (5.5, 3.4)),
            ("decomposition (nb 02)", lambda: decomposition_explorer(n_sets=300), (10, 3.6))):
        t0 = time.perf_counter()
        e = build()
        built = time.perf_counter() - t0
        t = sweep(e, stride)
        ref = reference(figsize)
        med = float(np.median(t))
        print(f"{name:<28}{len(t):>8}{med:>8.3f}s{np.percentile(t, 90):>8.3f}s{t.max():>8.3f}s"
              f"{ref:>10.3f}s{med / ref:>7.1f}   (built in {built:.2f} s)")


if __name__ == "__main__":
    main()
