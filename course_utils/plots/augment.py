"""Figures of notebook 05: augmentation galleries, digit grids and the accuracy-vs-size plot."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .style import COLORS, get_ax

__all__ = ["show_image", "plot_gallery", "plot_digit_rows", "plot_augmentation_gain",
           "plot_per_class", "plot_flip_pairs"]

KIND_STYLE = {
    "none": (COLORS["black"], "o", "-", "no augmentation"),
    "jitter": (COLORS["blue"], "s", "-", "jitter (rotation, shift, elastic)"),
    "hflip": (COLORS["vermillion"], "v", "--", "horizontal flip (NOT label-preserving)"),
}


def show_image(image, ax=None, title: str | None = None, vmax: float = 1.0):
    """Draw one image (H, W) grayscale (0 = white ink-free background for digits) or (H, W, 3)."""
    ax = get_ax(ax)
    img = np.asarray(image)
    if img.ndim == 2:
        ax.imshow(img, cmap="gray_r", vmin=0.0, vmax=vmax, interpolation="nearest")
    else:
        ax.imshow(np.clip(img, 0.0, 1.0), interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(title, fontsize=9)
    return ax


def plot_gallery(original, gallery: dict, strengths: dict | None = None, fig=None,
                 ncols: int = 4, title: str = "One photo, many training examples"):
    """Grid: the original photo, then one panel per transform (first sample of each).

    Parameters
    ----------
    original : (H, W, 3) ; gallery : ``{name: (n, H, W, 3)}`` from ``augment.gallery``
    strengths : optional ``{name: text}`` shown under each name
    Returns the array of axes.
    """
    n = len(gallery) + 1
    nrows = int(np.ceil(n / ncols))
    if fig is None:
        fig = plt.figure(figsize=(2.3 * ncols, 1.75 * nrows + 0.4), dpi=80)
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    show_image(original, axes[0], "original")
    for ax, (name, imgs) in zip(axes[1:], gallery.items()):
        label = name if not strengths or name not in strengths else f"{name}\n{strengths[name]}"
        show_image(imgs[0], ax, label)
    for ax in axes[n:]:
        ax.set_visible(False)
    fig.suptitle(title)
    return axes


def plot_digit_rows(rows: dict, fig=None, max_cols: int = 10, title: str | None = None):
    """One row of 8x8 digits per entry of ``rows`` = ``{row label: (k, 8, 8)}``."""
    names = list(rows)
    k = min(max_cols, max(len(v) for v in rows.values()))
    if fig is None:
        fig = plt.figure(figsize=(0.85 * k + 1.6, 0.95 * len(names) + 0.5))
    axes = np.array(fig.subplots(len(names), k, squeeze=False))
    for i, name in enumerate(names):
        for j in range(k):
            ax = axes[i, j]
            if j < len(rows[name]):
                show_image(rows[name][j], ax)
            else:
                ax.set_visible(False)
        axes[i, 0].set_ylabel(name, rotation=0, ha="right", va="center", fontsize=9)
    if title:
        fig.suptitle(title)
    return axes


def plot_augmentation_gain(result: dict, ax=None, title: str | None = None):
    """Dev accuracy (mean ± std over seeds) vs training-set size for each kind of augmentation.

    ``result`` comes from :func:`course_utils.lessons.augment.augmentation_experiment`.
    """
    ax = get_ax(ax, figsize=(6.4, 4.0))
    sizes = np.asarray(result["sizes"])
    n_seeds = len(result["seeds"])
    for k, (color, marker, ls, label) in KIND_STYLE.items():
        if k not in result["accuracy"]:
            continue
        acc = 100 * np.asarray(result["accuracy"][k])
        ax.errorbar(sizes, acc.mean(axis=1), yerr=acc.std(axis=1), color=color, marker=marker,
                    ls=ls, capsize=3, label=label)
    ax.set_xscale("log")
    ax.set_xticks(sizes)
    ax.set_xticklabels([str(s) for s in sizes])
    ax.minorticks_off()
    ax.set_xlabel("training examples (all 10 classes)")
    ax.set_ylabel("dev accuracy (%)")
    ax.legend(loc="lower right")
    ax.set_title(title or f"Digits: dev accuracy, mean ± std over {n_seeds} seeds")
    return ax


def plot_per_class(acc_clean, acc_flipped, ax=None, title: str | None = None):
    """Bars of per-class accuracy on clean and on horizontally flipped digits (10 classes)."""
    ax = get_ax(ax, figsize=(7.0, 3.4))
    c = np.arange(len(acc_clean))
    ax.bar(c - 0.2, 100 * np.asarray(acc_clean), 0.4, color=COLORS["blue"], label="dev digits")
    ax.bar(c + 0.2, 100 * np.asarray(acc_flipped), 0.4, color=COLORS["orange"], hatch="//",
           edgecolor="white", label="the same digits, flipped left-right")
    ax.set_xticks(c)
    ax.set_xlabel("true digit")
    ax.set_ylabel("accuracy (%)")
    ax.set_ylim(0, 128)
    ax.set_yticks([0, 20, 40, 60, 80, 100])
    ax.legend(loc="upper center", ncol=2)
    ax.set_title(title or "Accuracy per digit of a classifier trained on real digits")
    return ax


def plot_flip_pairs(images, labels, ax=None, title: str | None = None, gap: int = 2):
    """Digits (k, H, W) on the top row, their left-right mirror images below, white gaps."""
    ax = get_ax(ax)
    imgs = np.asarray(images, dtype=float)
    k, H, W = imgs.shape
    canvas = np.zeros((2 * H + gap, k * (W + gap) - gap))
    for j, im in enumerate(imgs):
        c = j * (W + gap)
        canvas[:H, c:c + W] = im
        canvas[H + gap:, c:c + W] = im[:, ::-1]
    ax.imshow(canvas, cmap="gray_r", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_xticks((W - 1) / 2 + (W + gap) * np.arange(k), [str(v) for v in labels])
    ax.set_yticks([(H - 1) / 2, H + gap + (H - 1) / 2], ["original", "flipped"])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title or "Digits and their mirror images")
    return ax
