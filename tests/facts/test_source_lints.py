"""The sources rules, as lints over every file a learner can read.

A learner-facing file is a notebook, a data file or a README. The rules: every
URL is in the register (or a reserved example name, or X's own front door the
course teaches); every id cited exists and every register entry is cited;
documented facts rest on official sources; no quiz key rests only on a search
excerpt; no research note, section sign or data path reaches a learner; every
notebook's sources section is generated and fresh.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from course.commands import notebook_sources as N
from course.facts import source_lints as L
from course.facts.source_uses import FactRecord, counts, records, scopes
from course.facts.sources import register
from course.sim.numbers.fictional import ranges
from tests.helpers import REPO

LEARNER_NOTEBOOKS = N.learner_notebooks(REPO / "notebooks")
ALL_NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb"))
READMES = [REPO / "README.md", REPO / "README.ja.md"]
DATA_FILES = sorted(p for p in (REPO / "data").rglob("*.yaml") if p.name != "sources.yaml")
# Catalogs of the instructor's and maintainer's tools may name the file to fix.
TOOL_CATALOGS = {"cli.yaml", "doctor.yaml", "report.yaml", "workshop.yaml"}
# The shared before-stop check, word for word.
FORBIDDEN = re.compile(r"domain_facts|samonrye|babelserver|groups\.google|blogspot\.com"
                       r"|pages\.dev|duckduckgo\.com/\?|web\.archive\.org\./")


def _ids(paths):
    return [str(p.relative_to(REPO)) for p in paths]


def _markdown(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _strings(node, skip=("reasoning",)):
    """Every string a data file holds, except maintainer-only fields."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from _strings(value, skip)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, skip)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("path", ALL_NOTEBOOKS + READMES + DATA_FILES,
                         ids=_ids(ALL_NOTEBOOKS + READMES + DATA_FILES))
def test_every_url_a_learner_can_read_is_in_the_register(path):
    assert L.unregistered_urls(path.read_text(encoding="utf-8")) == []


def test_the_lint_catches_a_proxy_copy_and_a_search_url():
    text = ("see http://www.samonrye.com/prokzi/index.php?q=aHR0cHM6 and "
            "https://duckduckgo.com/?q=x+site%3Ax.com, but https://x-com-support.example/login "
            "and https://help.x.com are fine")
    assert L.unregistered_urls(text) == ["http://www.samonrye.com/prokzi/index.php?q=aHR0cHM6",
                                         "https://duckduckgo.com/?q=x+site%3Ax.com"]


@pytest.mark.parametrize("path", [p for p in [*DATA_FILES, *ALL_NOTEBOOKS, *READMES,
                                              *sorted((REPO / "course").rglob("*.py"))]],
                         ids=lambda p: str(p.relative_to(REPO)))
def test_the_shared_before_stop_check_finds_nothing(path):
    assert FORBIDDEN.findall(path.read_text(encoding="utf-8")) == []


def test_every_cited_id_exists_and_every_fact_keeps_the_status_rules():
    assert L.fact_problems() == []


def test_the_fact_rules_catch_a_documented_fact_on_a_news_article():
    bad = FactRecord("policies/x", ("a",), ("siliconrepublic-sms-2fa",), "documented")
    unknown = FactRecord("policies/x", ("b",), ("no-such-page",), "reported")
    assert len(L.fact_problems([bad, unknown])) == 2


def test_no_quiz_key_rests_only_on_a_search_excerpt():
    assert L.quiz_key_problems() == []
    excerpt_only = FactRecord("quizzes/03_sms_codes", ("questions", "q"),
                              ("x-help-password-reset-excerpt",), None)
    assert L.quiz_key_problems([excerpt_only]) != []


def test_every_register_entry_is_cited_by_data_or_by_a_notebook():
    cited_by_notebooks = {s for s, stems in N.notebooks_using().items() if stems}
    cited_by_readmes = {s for path in READMES for s in L.ids_cited_in(path.read_text("utf-8"))}
    assert L.unused_sources(cited_by_notebooks | cited_by_readmes) == []


def test_what_each_notebook_declares_in_metadata_exists_and_is_the_same_in_both_languages():
    for path in LEARNER_NOTEBOOKS:
        meta = N.load(path)["metadata"]["course"]
        declared = meta.get("sources", [])
        assert declared == "all" or all(s in register() for s in declared), path.name
        other = path.parent.parent / ("en" if path.parent.name == "ja" else "ja") / path.name
        assert meta.get("sources", []) == N.load(other)["metadata"]["course"].get(
            "sources", []), path.name


def test_every_widget_names_data_files_that_exist():
    import course.lessons as lessons

    known = scopes()
    for name in lessons.__all__:
        for scope in getattr(getattr(lessons, name), "SHOWS", ()):
            assert scope in known, (name, scope)


@pytest.mark.parametrize("path", LEARNER_NOTEBOOKS, ids=_ids(LEARNER_NOTEBOOKS))
def test_each_notebooks_sources_section_is_generated_and_fresh(path):
    assert N.stale([path]) == [], "run: python -m course sources --write-notebooks"
    text = _markdown(path)
    assert N.MARKER in text and "確認日" not in text and "checked 20" not in text


def test_a_hand_edited_section_is_found_stale(tmp_path):
    source = LEARNER_NOTEBOOKS[3]
    copy = tmp_path / source.name
    notebook = N.load(source)
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if N.HEADINGS["ja"] in text or N.HEADINGS["en"] in text:
            cell["source"] = N._lines_to_source(text + "\n- a line someone typed by hand")
    copy.write_text(N.dump(notebook), encoding="utf-8")
    assert N.stale([copy]) == [copy]
    assert N.write([copy]) == [copy] and N.stale([copy]) == []


def test_a_notebook_lists_its_quiz_bank_its_widgets_and_its_prose_sources():
    notebook = N.load(REPO / "notebooks" / "ja" / "03_sms_codes.ipynb")
    ids = N.notebook_source_ids(notebook)
    assert "x-help-2fa-2019" in ids  # quiz: sms-code-digits
    assert "google-recaptcha-sms-defense" in ids  # SimulatedPhone shows policies/sms
    assert "simplenetsecurity-2013-six-digits" in ids  # prose, declared in metadata
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_ids(ALL_NOTEBOOKS))
def test_no_research_note_or_section_sign_in_a_notebook(path):
    mentions = L.internal_mentions(_markdown(path))
    if path.parent.name == "instructor":  # instructors may be told which file to edit
        mentions = [m for m in mentions if not m.startswith("data/")]
    assert mentions == []


@pytest.mark.parametrize("path", DATA_FILES, ids=_ids(DATA_FILES))
def test_no_research_note_section_sign_or_data_path_in_learner_text(path):
    found = []
    for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
        mentions = L.internal_mentions(text)
        if path.name in TOOL_CATALOGS:
            mentions = [m for m in mentions if not m.startswith("data/")]
        found += mentions
    assert found == []


def test_no_fictional_range_id_reaches_a_learner():
    pattern = re.compile("|".join(re.escape(r.id) for r in ranges()))
    texts = [_markdown(p) for p in LEARNER_NOTEBOOKS]
    for path in (REPO / "data" / "i18n").rglob("*.yaml"):
        texts += list(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in (REPO / "data" / "quizzes").glob("*.yaml"):
        texts += list(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert [m for text in texts for m in pattern.findall(text)] == []


def test_the_counts_a_maintainer_reports_add_up():
    found = counts()
    assert found.sources == len(register()) == sum(found.by_kind.values())
    assert sum(found.by_how.values()) == found.sources
    assert "live" not in found.by_how
    assert found.facts + found.assumed_without_sources == len(records())
    assert found.only_third_party_copies <= found.only_copies <= found.facts
