"""ipywidgets front ends. Each class builds ``.widget`` and keeps ``.result``.

Callbacks only read widget values, call one pure function from ``course.sim``
or ``course.quiz``, and show what it returned.
"""

from course.ui.selfcheck import SelfCheck

__all__ = ["SelfCheck"]
