"""Matplotlib figures of the course (floor 5). Every function takes ``ax=None`` and returns the
axes.

Shared building blocks live in :mod:`course_utils.plots.style` (palette,
``use_course_style``, ``log_ticks``) and :mod:`course_utils.plots.common` (decision
boundaries, the explorers' boundary image, learning and cost curves); each
notebook's own figures live in a module named after its key (``plots.l2``,
``plots.dropout``, ...).
"""
__all__ = []
