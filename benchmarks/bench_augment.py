"""Speed of the notebook-05 augmentation explorer over every transform and strength.

For each of the 10 transforms, the strength slider visits 0, 0.05, ..., 1 (21
positions, extremes included) and the seed slider its extremes 0 and 9; every
update recomputes three random copies of the photo (106 x 160 x 3) and redraws the
four-panel figure. Printed: median and 90th percentile per update (wall and CPU time),
overall and per transform, next to references measured in the same run: rendering a
figure of the same size with four static image axes (the floor of any image-based
explorer on this machine right now), and the naive full redraw that the explorer
avoids by blitting only the three changing images. Also the transforms alone (no
drawing), per batch of 3.

Usage: ``python benchmarks/bench_augment.py``.
"""
from __future__ import annotations

import time

import numpy as np
from _timing import UpdateTimer, load_average, naive_redraw, render_reference, stats
from threadpoolctl import threadpool_limits

from course_utils.augment import TRANSFORMS, apply_transform, load_photo
from course_utils.plots.augment import show_image
from course_utils.widgets.augment import augment_explorer


def main():
    threadpool_limits(1)
    photo = load_photo()
    e = augment_explorer(image=photo)
    timer = UpdateTimer(e)
    per = {}
    for name in TRANSFORMS:
        e.controls["transform"].value = name
        e.timings.clear()
        timer.visit_grid({"strength": [float(s) for s in np.round(np.linspace(0, 1, 21), 2)]})
        timer.visit_grid({"seed": (9, 0)})
        per[name] = np.array(e.timings)
    allt = np.concatenate(list(per.values()))
    blank = render_reference((10, 2.1), lambda fig: [show_image(photo, ax, "title")
                                                     for ax in fig.subplots(1, 4)],
                             repeats=15, layout=None, rebuild=False)[0]
    naive = naive_redraw(e, [e.compute(transform=name, strength=0.5, seed=0)
                             for name in list(TRANSFORMS)[:5]])

    print(f"augmentation explorer: {allt.size} updates (10 transforms x 21 strengths + seed "
          f"extremes), photo {photo.shape}")
    print(f"per update: {stats(allt)}; CPU {stats(timer.cpu)}")
    print(f"reference, same figure with 4 static images to PNG: {1000 * blank:.0f} ms -> "
          f"update / reference = {np.median(allt) / blank:.1f}x")
    print(f"reference, naive full redraw (new figure, draw 4 panels, render): "
          f"{1000 * naive:.0f} ms -> update / naive = {np.median(allt) / naive:.2f}x")
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

    print(load_average())


if __name__ == "__main__":
    main()
