"""The experiments of each notebook: numbers in, numbers out (floor 4, no matplotlib).

One module per notebook key (``splits``, ``bias_variance``, ``l2``, ...), plus
``<key>_<part>`` modules when a notebook needs more than one. A lesson imports
the core (floors 1-3) and never another notebook's lesson: what two notebooks
share lives in the core.
"""
__all__: list[str] = []
