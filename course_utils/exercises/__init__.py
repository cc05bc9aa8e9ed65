"""Learner-facing exercise checkers (floor 5, no widget imports), one module per notebook.

Each checker takes the learner's function (or answer), runs it on small cases,
compares with a reference and, when it disagrees, with implementations of the
classic mistakes, so the feedback names the mistake and hints at the fix. Any
other wrong answer is explained by what differs (:mod:`.compare`: which part of
the result, expected against got, the case's inputs) or by a pattern that recurs
across exercises (:mod:`.patterns`: wrong layout, constant factor, arguments
changed in place; and, in :mod:`.base`, randomness not from the given generator).
A function that still raises ``NotImplementedError`` (the student edition's
stub) gets "not implemented yet" instead of a traceback. Every sentence goes
through gettext (:mod:`course_utils.i18n`).
"""
__all__ = []
