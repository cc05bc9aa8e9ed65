"""course_utils: the NumPy package behind the course on the practical side of training networks.

Read these first (the core, floors 1-3: the network a learner studies)
---------------------------------------------------------------------
- ``nn``: forward/backward pairs with named caches, the cost, inverted dropout
- ``train``: gradient descent with a history, early stopping, divergence checks
- ``gradcheck``: finite differences and the per-parameter gradient check
- ``activations``, ``initializers``: the registries ``ACTIVATIONS``, ``INITIALIZERS``
- ``metrics``: predict, accuracy, error rate, weight norms, grid evaluation
- ``data``, ``splits``, ``preprocessing``, ``augment``: datasets, train/dev/test
  splits, standardization, image transforms
- ``train_batched``: many networks of one architecture trained at once (sweeps)
- ``train_args``: the training arguments' checks that every training loop shares
- ``_checks``, ``i18n``: input validation; the language of learner-facing text

Everything else is the course's machinery, found under one key per notebook, the
same key in each subpackage: ``lessons/<key>`` (the experiments: numbers in,
numbers out), ``plots/<key>`` (figures), ``widgets/<key>`` (the explorers) and
``exercises/<key>`` (the checkers). ``tools/`` builds the student edition.

====  ==================================  ==================
 NN   notebook                            key
====  ==================================  ==================
 01   train / dev / test sets             ``splits``
 02   bias and variance                   ``bias_variance``
 03   L2 regularization                   ``l2``
 04   dropout                             ``dropout``
 05   data augmentation                   ``augment``
 06   early stopping                      ``early_stopping``
 07   normalizing inputs                  ``normalization``
 08   vanishing / exploding gradients     ``deep_signal``
 09   weight initialization               ``initialization``
 10   gradient checking                   ``gradcheck``
====  ==================================  ==================

Importing the package has no side effects beyond one check: a dependency older
than the course supports raises an ImportError that names it. Submodules are
imported where used, e.g. ``from course_utils.train import train``.
"""
from ._versions import check_versions as _check_versions

__all__ = ["__version__", "NOTEBOOK_KEYS"]
__version__ = "0.1.0"

_check_versions()  # a clear ImportError if a dependency is older than the course supports

NOTEBOOK_KEYS = {
    "01_train_dev_test_sets": "splits",
    "02_bias_variance": "bias_variance",
    "03_l2_regularization": "l2",
    "04_dropout": "dropout",
    "05_data_augmentation": "augment",
    "06_early_stopping": "early_stopping",
    "07_normalizing_inputs": "normalization",
    "08_vanishing_exploding_gradients": "deep_signal",
    "09_weight_initialization": "initialization",
    "10_gradient_checking": "gradcheck",
}
"""Notebook file name (without ``.ipynb``) -> its key in lessons/, plots/, widgets/, exercises/."""
