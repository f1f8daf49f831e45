"""The pure layers never need the widget or plotting stack, and ``import
course`` stays cheap. Each check runs in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

PURE_PACKAGES = ["course.facts", "course.sim", "course.quiz", "course.progress"]
FORBIDDEN = ["ipywidgets", "IPython", "matplotlib"]


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=120)


def _submodules(package: str) -> list[str]:
    import importlib
    import pkgutil

    module = importlib.import_module(package)
    return [package] + [f"{package}.{m.name}" for m in pkgutil.walk_packages(module.__path__)]


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_layer_imports_with_widgets_ipython_and_matplotlib_unimportable(package):
    modules = _submodules(package)
    result = run_python(f"""
        import sys
        for name in {FORBIDDEN!r}:
            sys.modules[name] = None  # any import of it now raises ImportError
        import importlib
        for module in {modules!r}:
            importlib.import_module(module)
        print("imported", len({modules!r}))
    """)
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout


def test_import_course_loads_no_pandas_matplotlib_or_ipywidgets():
    result = run_python("""
        import sys
        import course
        heavy = [m for m in ("pandas", "matplotlib", "ipywidgets", "numpy", "IPython")
                 if m in sys.modules]
        print(heavy)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_boundary_check_itself_catches_a_forbidden_import():
    # Guard against a test that cannot fail: a module that imports ipywidgets
    # must fail under the same setup.
    result = run_python(f"""
        import sys
        for name in {FORBIDDEN!r}:
            sys.modules[name] = None
        import course.ui
    """)
    assert result.returncode != 0
    assert "ModuleNotFoundError" in result.stderr or "ImportError" in result.stderr
