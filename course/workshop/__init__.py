"""Pure helpers for instructors: the workshop schedule and the per-notebook notes.

No widgets, no plotting: the instructor notebooks and ``python -m course
schedule`` display what these functions return.
"""
