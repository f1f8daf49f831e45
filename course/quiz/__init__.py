"""The quiz engine: question banks as data, pure and deterministic grading.

No ipywidgets, IPython or matplotlib here; the widget lives in ``course.ui``
and the learner's stored answers in ``course.progress``.
"""

from course.quiz.bank import BankError, bank_paths, load_bank, load_bank_file
from course.quiz.gift import GiftExport, to_gift
from course.quiz.grading import Grade, Part, grade, move
from course.quiz.model import TYPES, Bank, Choice, Item, NumericRule, Option, Prompt, Question
from course.quiz.problems import Problem
from course.quiz.results_io import FIELDS as RESULT_FIELDS
from course.quiz.results_io import LoadedFile, ResultRow, parse_results, read_results
from course.quiz.shuffle import Arrangement, arrange, seed_for

__all__ = [
    "RESULT_FIELDS", "TYPES", "Arrangement", "Bank", "BankError", "Choice", "GiftExport",
    "Grade", "Item", "LoadedFile", "NumericRule", "Option", "Part", "Problem", "Prompt",
    "Question", "ResultRow", "arrange", "bank_paths", "grade", "load_bank", "load_bank_file",
    "move", "parse_results", "read_results", "seed_for", "to_gift",
]
