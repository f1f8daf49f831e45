"""What a learner sees of a lesson's structure: one-line widget cells, a setup
cell that is collapsed and shows nothing, no internal ids, the next lesson and
the course home as real links (relative, so JupyterLab and the app both follow
them), and quick checks that name a part of the bank, not question ids."""

from __future__ import annotations

import ast
import re

import pytest
import yaml
from IPython.core.formatters import DisplayFormatter

import course
from course.paths import data_path
from course.quiz.bank import load_bank
from tests.helpers import REPO, load_notebook

COURSE_MAP = yaml.safe_load(data_path("course.yaml").read_text(encoding="utf-8"))["notebooks"]
AVAILABLE = [n["stem"] for n in COURSE_MAP if n["status"] == "available"]
LESSONS = [REPO / "notebooks" / lang / f"{stem}.ipynb" for stem in AVAILABLE
           for lang in ("ja", "en")]
IDS = [f"{p.parent.name}/{p.stem}" for p in LESSONS]


def _cells(path, kind):
    nb = load_notebook(path)
    return [c for c in nb["cells"] if c["cell_type"] == kind
            and "course-check" not in c["metadata"].get("tags", [])]


def _source(cell) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_the_setup_cell_is_collapsed_and_every_widget_cell_is_one_call(path):
    setup_cell, *widget_cells = _cells(path, "code")
    assert setup_cell["metadata"].get("jupyter", {}).get("source_hidden") is True
    assert f'setup("{path.parent.name}")' in _source(setup_cell)
    for cell in widget_cells:
        source = _source(cell)
        assert "\n" not in source.strip(), source
        tree = ast.parse(source)
        assert len(tree.body) == 1 and isinstance(tree.body[0].value, ast.Call), source


def test_setup_shows_nothing_as_a_cells_last_value():
    chosen = course.setup("en")
    assert chosen == "en" and DisplayFormatter().format(chosen) == ({}, {})


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_no_objective_or_question_id_is_shown_to_the_learner(path):
    nb = load_notebook(path)
    shown = "\n".join(_source(c) for c in _cells(path, "markdown") + _cells(path, "code"))
    hidden = list(nb["metadata"]["course"]["objectives"])
    hidden += [q.id for q in load_bank(path.stem).questions if len(q.id) > 6]
    assert [i for i in hidden if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", shown)] == []


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_the_next_lesson_and_the_course_home_are_links(path):
    text = "\n".join(_source(c) for c in _cells(path, "markdown"))
    index = AVAILABLE.index(path.stem)
    if index + 1 < len(AVAILABLE):
        assert f"]({AVAILABLE[index + 1]}.ipynb)" in text
    assert "](../home.ipynb)" in text
    assert (REPO / "notebooks" / "home.ipynb").is_file()


@pytest.mark.parametrize("stem", AVAILABLE)
def test_quick_checks_name_every_part_of_the_bank_in_order(stem):
    for lang in ("ja", "en"):
        calls = re.findall(rf'SelfCheck\("{stem}", part=(\d+)\)',
                           "\n".join(_source(c) for c in _cells(
                               REPO / "notebooks" / lang / f"{stem}.ipynb", "code")))
        parts = load_bank(stem).self_checks
        assert [int(n) for n in calls] == list(range(1, len(parts) + 1)), lang
