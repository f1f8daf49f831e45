"""Notebooks reach the package through one door, ``course.lessons``.

So a newcomer who moves code between layers never edits a notebook, and a
learner's cells read the same way in every lesson.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import course.lessons as lessons

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").rglob("*.ipynb"))


def _course_imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for every import of a ``course`` module in a notebook's code cells."""
    found = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "course":
                found.append((node.module, [a.name for a in node.names]))
            elif isinstance(node, ast.Import):
                found += [(a.name, []) for a in node.names if a.name.split(".")[0] == "course"]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebooks_import_the_course_only_from_course_lessons(path: Path):
    imports = _course_imports(path)
    assert imports, "a notebook with no course import teaches nothing interactive"
    assert [m for m, _ in imports if m != "course.lessons"] == []
    missing = {n for _, names in imports for n in names} - set(lessons.__all__)
    assert missing == set()


def test_every_name_in_course_lessons_resolves():
    for name in lessons.__all__:
        assert getattr(lessons, name) is not None


def test_importing_course_lessons_loads_no_heavy_module():
    code = ("import sys, course.lessons; "
            "print(sorted({'ipywidgets', 'pandas', 'matplotlib'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no 'Nope'"):
        lessons.Nope  # noqa: B018
