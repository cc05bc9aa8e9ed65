"""course_utils: the NumPy core of the course on the practical side of training deep networks.

Numeric floors (never import matplotlib or ipywidgets):

- ``_checks``: input validation shared by everything
- ``data``, ``preprocessing``: datasets, splits, standardization
- ``activations``, ``initializers``, ``nn``: the network, forward/backward with caches
- ``train``, ``gradcheck``: gradient descent with history; finite-difference checks

Importing the package has no side effects: submodules are imported where used,
e.g. ``from course_utils.train import train``.
"""
__all__ = ["__version__"]
__version__ = "0.1.0"
