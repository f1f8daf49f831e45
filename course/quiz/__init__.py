"""The quiz engine: question banks as data, pure and deterministic grading.

No ipywidgets, IPython or matplotlib here; the widget lives in ``course.ui``.
"""

from course.quiz.bank import BankError, load_bank
from course.quiz.grading import Grade, grade
from course.quiz.model import Bank, Option, Question

__all__ = ["Bank", "BankError", "Grade", "Option", "Question", "grade", "load_bank"]
