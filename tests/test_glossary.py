"""The glossary is complete in both languages and searchable in either."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from course.glossary import lookup, terms
from course.i18n import LANGUAGES
from course.ui.glossary import GlossaryLookup
from tests.helpers import REPO, examples, load_notebook


def test_every_term_has_a_word_and_a_definition_in_both_languages():
    assert len(terms()) >= 20
    assert len({t.id for t in terms()}) == len(terms())
    for term in terms():
        for lang in LANGUAGES:
            assert term.term[lang].strip() and term.definition[lang].strip(), term.id


def test_lookup_ignores_width_and_case_and_works_in_both_languages():
    assert lookup("ＳＭＳ")[0].id == "sms"
    assert "suspended" in [t.id for t in lookup("凍結")]
    assert "suspended" in [t.id for t in lookup("Suspension")]
    assert lookup("") == [] and lookup(None) == [] and lookup("zzz-no-such") == []


@settings(max_examples=examples(200), deadline=None)
@given(st.one_of(st.text(), st.none(), st.integers()))
def test_lookup_never_raises(query):
    assert isinstance(lookup(query), list)


def test_glossary_widget_filters_and_says_how_many(tmp_path):
    lookup_widget = GlossaryLookup("ja")
    assert len(lookup_widget.result) == len(terms())
    lookup_widget.query.value = "passkey"
    assert [t.id for t in lookup_widget.result] == ["passkey"]
    assert "パスキー" in lookup_widget.table.value and "1件" in lookup_widget.status.value
    lookup_widget.query.value = "<script>"
    assert lookup_widget.result == [] and "<script>" not in lookup_widget.status.value
    assert lookup_widget.last_error is None


def _notebook_text(lang: str, stem: str) -> str:
    nb = load_notebook(REPO / "notebooks" / lang / f"{stem}.ipynb")
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_notebooks_use_glossary_terms_consistently_across_languages():
    """Where an English notebook uses a term, its Japanese twin uses the Japanese term."""
    missing = []
    for path in sorted((REPO / "notebooks" / "en").glob("*.ipynb")):
        en_text = _notebook_text("en", path.stem).casefold()
        ja_text = _notebook_text("ja", path.stem)
        for term in terms():
            used = any(re.search(rf"\b{re.escape(w.casefold())}\b", en_text)
                       for w in term.wordings("en"))
            if used and not any(
                w in ja_text for w in term.wordings("ja")
            ):
                missing.append((path.stem, term.id))
    assert missing == []
