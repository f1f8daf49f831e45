"""The learner's stored quiz results (pure Python, no widgets)."""
