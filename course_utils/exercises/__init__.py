"""Learner-facing exercise checkers (floor 3, no widget imports), one module per notebook.

Each checker takes the learner's function (or answer), runs it on small cases,
compares with a reference and, when it disagrees, with implementations of the
classic mistakes, so the feedback names the mistake and hints at the fix.
A function that still raises ``NotImplementedError`` (the student edition's
stub) gets "not implemented yet" instead of a traceback.
"""
__all__ = []
