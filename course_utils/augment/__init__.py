"""Data augmentation (floor 2): image transforms and digit helpers.

- :mod:`.transforms`: pure, seeded, vectorized transforms of images (H, W[, C]) and
  batches (N, H, W[, C]): flips, rotation, shift, zoom, shear, crop, elastic
  distortion, noise, brightness/contrast.
- :mod:`.catalog`: the transforms by name with one strength knob (gallery, explorer).
- :mod:`.digits`: digit columns (64, m) <-> images (m, 8, 8); augmented training sets.

Notebook 05's experiments (dev accuracy with and without augmentation) are in
:mod:`course_utils.lessons.augment`.
"""
from .catalog import TRANSFORMS, TransformSpec, apply_transform, gallery, load_photo
from .digits import (
                     DIGIT_AUGMENTATIONS,
                     augment_columns,
                     columns_to_images,
                     images_to_columns,
                     jitter_digits,
)
from .transforms import (
                     add_noise,
                     affine_matrix,
                     brightness_contrast,
                     elastic,
                     flip_horizontal,
                     flip_vertical,
                     random_affine,
                     random_crop,
                     rotate,
                     shear,
                     shift,
                     warp_affine,
                     zoom,
)

__all__ = ["TRANSFORMS", "TransformSpec", "apply_transform", "gallery", "load_photo",
           "DIGIT_AUGMENTATIONS", "augment_columns", "columns_to_images", "images_to_columns",
           "jitter_digits", "add_noise", "affine_matrix", "brightness_contrast", "elastic",
           "flip_horizontal", "flip_vertical", "random_affine", "random_crop", "rotate", "shear",
           "shift", "warp_affine", "zoom"]
