"""course.workshop is pure like course.sim and course.quiz: no widgets, IPython or matplotlib,
and importing it loads no pandas (the analysis loads it only when it runs)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

MODULES = ["course.workshop", "course.workshop.schedule", "course.workshop.notes",
           "course.workshop.class_results", "course.quiz.fictional_class",
           "course.commands.schedule"]


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=120)


def test_workshop_modules_import_without_widgets_ipython_matplotlib_or_pandas():
    result = run_python(f"""
        import sys
        for name in ("ipywidgets", "IPython", "matplotlib"):
            sys.modules[name] = None  # any import of it now raises ImportError
        import importlib
        for module in {MODULES!r}:
            importlib.import_module(module)
        print("pandas" in sys.modules)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_schedule_and_a_class_analysis_run_with_the_widget_stack_blocked(tmp_path):
    result = run_python(f"""
        import sys
        for name in ("ipywidgets", "IPython", "matplotlib"):
            sys.modules[name] = None
        from course.workshop.schedule import build_schedule
        from course.workshop.class_results import load_class_results, write_demo_class
        assert build_schedule("10:00").ok
        write_demo_class({str(tmp_path)!r}, learners=5)
        print(load_class_results({str(tmp_path)!r}).ok)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
