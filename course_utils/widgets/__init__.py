"""ipywidgets explorers (floor 5), one module per notebook topic (``widgets.l2``, ...).

Every explorer is an :class:`course_utils.widgets.base.Explorer`: a pure,
separately tested ``compute`` function, a ``draw`` function that renders the
result into a matplotlib figure shown as a PNG image widget, and a text
``summary`` (an HTML widget) that tests can read after setting ``slider.value``.
A :class:`course_utils.widgets.base.BlitExplorer` redraws only the artists that
change (the augmentation and early-stopping explorers).
"""
__all__ = []
