"""Speed of the notebook-05 augmentation explorer over every transform and strength.

For each of the 10 transforms, the strength slider visits 0, 0.05, ..., 1 (21
positions, extremes included) and the seed slider its extremes 0 and 9; every
update recomputes three random copies of the photo (106 x 160 x 3) and redraws the
four-panel figure. Printed: median and 90th percentile per update, overall and per
transform, next to a reference measured in the same run: rendering a blank figure
of the same size with four image axes (the floor of any image-based explorer on
this machine right now), and the naive full redraw that the explorer avoids by blitting
only the three changing images. Also the transforms alone (no drawing), per batch of 3.

Usage: ``python benchmarks/bench_augment.py``.
"""
from __future__ import annotations

import os
import time

import numpy as np
from matplotlib.figure import Figure
from threadpoolctl import threadpool_limits

from course_utils.augment import TRANSFORMS, apply_transform, load_photo
from course_utils.plots.augment import show_image
from course_utils.widgets.augment import augment_explorer
from course_utils.widgets.base import render_png


def main():
    threadpool_limits(1)
    photo = load_photo()
    e = augment_explorer(image=photo)
    per = {}
    for name in TRANSFORMS:
        e.controls["transform"].value = name
        e.timings.clear()
        for s in np.round(np.linspace(0, 1, 21), 2):
            e.controls["strength"].value = float(s)
            assert e.error is None, e.error
        for seed in (9, 0):
            e.controls["seed"].value = seed
        per[name] = np.array(e.timings)
    allt = np.concatenate(list(per.values()))

    blank = []
    fig = Figure(figsize=(10, 2.1))
    axes = fig.subplots(1, 4)
    for ax in axes:
        show_image(photo, ax, "title")
    for _ in range(15):
        t0 = time.perf_counter()
        render_png(fig, 80)
        blank.append(time.perf_counter() - t0)
    blank = np.median(blank)

    naive = []
    for name in list(TRANSFORMS)[:5]:
        r = e.compute(transform=name, strength=0.5, seed=0)
        t0 = time.perf_counter()
        f = Figure(figsize=(10, 2.1))
        e.draw(r, f)
        render_png(f, 80)
        naive.append(time.perf_counter() - t0)
    naive = np.median(naive)

    print(f"augmentation explorer: {allt.size} updates (10 transforms x 21 strengths + seed "
          f"extremes), photo {photo.shape}")
    print(f"per update: median {1000 * np.median(allt):.0f} ms, p90 "
          f"{1000 * np.percentile(allt, 90):.0f} ms, max {1000 * allt.max():.0f} ms")
    print(f"reference, same figure with 4 static images to PNG: {1000 * blank:.0f} ms -> "
          f"update / reference = {np.median(allt) / blank:.1f}x")
    print(f"reference, naive full redraw (clear, draw 4 panels, render): {1000 * naive:.0f} ms "
          f"-> update / naive = {np.median(allt) / naive:.2f}x")
    batch = np.repeat(photo[None], 3, axis=0)
    print(f"{'transform':<22}{'update median':>15}{'p90':>8}{'transform only':>16}")
    for name, t in per.items():
        spec = TRANSFORMS[name]
        tt = []
        for _ in range(5):
            t0 = time.perf_counter()
            apply_transform(batch, name, spec.max_strength, seed=0)
            tt.append(time.perf_counter() - t0)
        print(f"{name:<22}{1000 * np.median(t):>12.0f} ms{1000 * np.percentile(t, 90):>5.0f} ms"
              f"{1000 * np.median(tt):>13.1f} ms")

    print(f"load average (1 min) during the run: {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
