"""Update speed of the initialization explorer of notebook 09, over every control position.

The explorer is built once; then each control (init method, scale, activation,
depth) is moved through all its positions, extremes included, with the others at
their defaults, exactly as a learner's slider would (through ``.value``). Each
update (initialize, forward pass, 150 training iterations, summary, redraw to PNG)
is timed by ``Explorer.timings`` (wall) and ``time.process_time`` (CPU, which hardly
depends on the machine's load). Reference, measured in the same run: rendering a
figure of the same size with one empty axes (matplotlib's fixed price of a redraw).
Like the notebook, BLAS runs on one thread (the matrices are tiny).

Usage: ``python benchmarks/bench_init_explorer.py [--repeats 1]``
"""
from __future__ import annotations

import argparse
import time

import numpy as np
from matplotlib.figure import Figure
from threadpoolctl import threadpool_limits

from course_utils.widgets.base import render_png
from course_utils.widgets.initialization import init_explorer


def positions(w):
    """Every position of a control, extremes included."""
    if hasattr(w, "options"):
        return list(w.options)
    if hasattr(w, "base"):
        return [w.base ** e for e in np.arange(w.min, w.max + 1e-9, w.step)]
    return list(range(w.min, w.max + 1, w.step))


CPU = []
"""CPU time (``time.process_time``) of every update: unlike wall time it hardly
depends on what else runs on the machine."""


def sweep(explorer) -> dict:
    """Move every control through all its positions; wall durations (s) per control."""
    out = {}
    for name, w in explorer.controls.items():
        original = w.value
        start = len(explorer.timings)
        for v in positions(w):
            c0 = time.process_time()
            w.value = v
            CPU.append(time.process_time() - c0)
            assert explorer.error is None, f"{name}={v}: {explorer.error}"
        out[name] = np.asarray(explorer.timings[start:])
        w.value = original
    return out


def reference(figsize, dpi: int = 80, repeats: int = 20) -> float:
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
    parser.add_argument("--repeats", type=int, default=1, help="sweeps over all positions")
    args = parser.parse_args()
    with threadpool_limits(1):
        t0 = time.perf_counter()
        e = init_explorer()
        built = time.perf_counter() - t0
        per = {}
        for _ in range(args.repeats):
            for k, v in sweep(e).items():
                per[k] = np.concatenate([per.get(k, np.empty(0)), v])
        ref = reference((10, 5.2))
    allt = np.concatenate(list(per.values()))
    print(f"init explorer (notebook 09): built in {built:.2f} s; reference (empty figure "
          f"render) {1e3 * ref:.0f} ms")
    print(f"{'control':<12}{'updates':>8}{'median':>10}{'p90':>10}{'max':>10}{'ratio':>8}")
    for k, t in list(per.items()) + [("all", allt)]:
        print(f"{k:<12}{t.size:>8}{1e3 * np.median(t):>8.0f}ms{1e3 * np.percentile(t, 90):>8.0f}ms"
              f"{1e3 * t.max():>8.0f}ms{np.median(t) / ref:>8.1f}")
    cpu = np.asarray(CPU)
    print(f"CPU time per update (load-independent): median {1e3 * np.median(cpu):.0f} ms, "
          f"p90 {1e3 * np.percentile(cpu, 90):.0f} ms")
    print(f"target: median well under 300 ms -> wall {'OK' if np.median(allt) < 0.3 else 'TOO SLOW'}"
          f", CPU {'OK' if np.median(cpu) < 0.3 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
