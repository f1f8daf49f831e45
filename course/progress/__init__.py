"""The learner's stored quiz results (pure Python, no widgets).

``ProgressStore`` is the SQLite file; ``QuizSession`` grades, records,
resumes, releases and resets for one bank; ``summarize`` gives the per-quiz
totals ``python -m course progress`` prints.
"""

from course.progress.session import QuizSession, Submission
from course.progress.store import ProgressStore, RecordResult, default_path
from course.progress.summary import QuizProgress, summarize

__all__ = ["ProgressStore", "QuizProgress", "QuizSession", "RecordResult", "Submission",
           "default_path", "summarize"]
