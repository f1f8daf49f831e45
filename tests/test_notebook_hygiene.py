"""Committed notebooks are clean, paired in both languages and follow the skeleton."""

from __future__ import annotations

import re

import pytest
import yaml

from course.paths import data_path
from tests.helpers import REPO, dirty_parts, load_notebook, notebook_paths

LEARNER_NOTEBOOKS = [p for p in notebook_paths() if p.parent.name in ("ja", "en")]
COURSE_MAP = yaml.safe_load(data_path("course.yaml").read_text(encoding="utf-8"))["notebooks"]
SKELETON = {
    "ja": ["学習目標", "目安の時間", "まとめ", "出典"],
    "en": ["objectives", "Estimated time", "Key points", "Sources"],
}


def _ids(paths):
    return [str(p.relative_to(REPO)) for p in paths]


@pytest.mark.parametrize("path", notebook_paths(), ids=_ids(notebook_paths()))
def test_notebook_is_committed_without_outputs_counts_or_widget_state(path):
    assert dirty_parts(load_notebook(path)) == []


def test_hygiene_check_catches_outputs_counts_and_widget_state():
    dirty = {"metadata": {"widgets": {"state": {}}}, "cells": [
        {"cell_type": "code", "id": "a", "outputs": [{"output_type": "stream"}],
         "execution_count": None},
        {"cell_type": "code", "id": "b", "outputs": [], "execution_count": 3},
        {"cell_type": "markdown", "id": "c", "source": ""},
    ]}
    assert dirty_parts(dirty) == [
        "saved widget state in metadata", "outputs in cell a", "execution count in cell b",
    ]


def test_every_notebook_exists_in_both_languages():
    ja = {p.name for p in (REPO / "notebooks" / "ja").glob("*.ipynb")}
    en = {p.name for p in (REPO / "notebooks" / "en").glob("*.ipynb")}
    assert ja == en
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name) for name in ja)


def test_course_map_and_notebook_files_agree():
    available = {n["stem"] for n in COURSE_MAP if n["status"] == "available"}
    present = {p.stem for p in (REPO / "notebooks" / "ja").glob("*.ipynb")}
    assert available == present
    assert [n["stem"] for n in COURSE_MAP] == sorted(n["stem"] for n in COURSE_MAP)


@pytest.mark.parametrize("path", LEARNER_NOTEBOOKS, ids=_ids(LEARNER_NOTEBOOKS))
def test_notebook_metadata_declares_stem_language_minutes_and_objectives(path):
    meta = load_notebook(path)["metadata"]["course"]
    assert meta["stem"] == path.stem and meta["lang"] == path.parent.name
    entry = next(n for n in COURSE_MAP if n["stem"] == path.stem)
    assert (meta["teaching_minutes"], meta["exercise_minutes"]) == (
        entry["teaching_minutes"], entry["exercise_minutes"])
    assert meta["objectives"] and all(re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", o)
                                      for o in meta["objectives"])


@pytest.mark.parametrize("path", LEARNER_NOTEBOOKS, ids=_ids(LEARNER_NOTEBOOKS))
def test_notebook_follows_the_skeleton(path):
    nb = load_notebook(path)
    lang = path.parent.name
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for heading in SKELETON[lang]:
        assert heading in text, f"{path.name} lacks {heading!r}"
    objectives = nb["metadata"]["course"]["objectives"]
    first = "".join(nb["cells"][0]["source"])
    stated = [line for line in first.splitlines() if line.startswith("- ")]
    assert len(stated) == len(objectives), "one stated objective per objective id"
    first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert f'setup("{lang}")' in "".join(first_code["source"])


def test_ja_and_en_notebooks_have_the_same_code_cells_and_section_count():
    for ja_path in (REPO / "notebooks" / "ja").glob("*.ipynb"):
        ja = load_notebook(ja_path)
        en = load_notebook(REPO / "notebooks" / "en" / ja_path.name)

        def shape(nb):
            return [(c["cell_type"], c["metadata"].get("tags", [])) for c in nb["cells"]]

        def sections(nb):
            return sum(line.startswith("## ") for c in nb["cells"] if c["cell_type"] == "markdown"
                       for line in "".join(c["source"]).splitlines())

        assert shape(ja) == shape(en), ja_path.name
        assert sections(ja) == sections(en), ja_path.name


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_start_here_lists_every_planned_notebook(lang):
    nb = load_notebook(REPO / "notebooks" / lang / "00_start_here.ipynb")
    text = "\n".join("".join(c["source"]) for c in nb["cells"])
    for entry in COURSE_MAP:
        assert entry["stem"] in text and entry["title"][lang] in text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_course_map_links_every_available_notebook(lang):
    nb = load_notebook(REPO / "notebooks" / lang / "00_start_here.ipynb")
    text = "\n".join("".join(c["source"]) for c in nb["cells"])
    for entry in COURSE_MAP:
        if entry["status"] == "available":
            assert f"[`{entry['stem']}`]({entry['stem']}.ipynb)" in text
            assert (REPO / "notebooks" / lang / f"{entry['stem']}.ipynb").exists()
