"""ipywidgets front ends. Each class builds ``.widget`` and keeps ``.result``.

Callbacks only read widget values, call one pure function from ``course.sim``,
``course.quiz`` or ``course.progress``, and show what it returned.
"""

from course.ui.quiz import Quiz
from course.ui.selfcheck import SelfCheck

__all__ = ["Quiz", "SelfCheck"]
