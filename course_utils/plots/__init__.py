"""Matplotlib figures of the course (floor 4). Every function takes ``ax=None`` and returns the axes.

Shared building blocks live in :mod:`course_utils.plots.style` (palette,
``use_course_style``) and :mod:`course_utils.plots.common` (decision boundaries,
learning curves); each notebook's own figures live in a module named after its
topic (``plots.l2``, ``plots.dropout``, ...).
"""
__all__ = []
