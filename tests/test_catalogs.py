"""The Japanese and English catalogs carry the same texts."""

from __future__ import annotations

import pytest
import yaml

import course
from course.i18n import (
    LANGUAGES,
    UnknownLanguageError,
    catalog,
    catalog_dir,
    normalize_language,
    placeholders,
    t,
)
from tests.helpers import REPO


def test_both_languages_have_the_same_catalog_files():
    files = {lang: sorted(p.name for p in catalog_dir(lang).glob("*.yaml")) for lang in LANGUAGES}
    assert files["ja"] == files["en"]
    assert "common.yaml" in files["ja"]


def test_both_languages_have_the_same_keys():
    ja, en = catalog("ja"), catalog("en")
    assert sorted(set(ja) - set(en)) == []
    assert sorted(set(en) - set(ja)) == []


def test_every_text_has_the_same_placeholders_in_both_languages():
    ja, en = catalog("ja"), catalog("en")
    different = {k: (placeholders(ja[k]), placeholders(en[k]))
                 for k in ja if placeholders(ja[k]) != placeholders(en[k])}
    assert different == {}


def test_no_text_is_empty_and_japanese_texts_are_not_left_in_english():
    ja, en = catalog("ja"), catalog("en")
    assert [k for k, v in {**ja, **en}.items() if not v.strip()] == []
    # A Japanese text identical to its English one is usually an untranslated copy.
    same = [k for k in ja if ja[k] == en[k] and any(c.isalpha() for c in ja[k])]
    assert same == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_files_are_mappings_of_text(lang):
    for path in catalog_dir(lang).glob("*.yaml"):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(content, dict), path


def test_text_lookup_fills_placeholders_and_names_missing_keys():
    assert t("quiz.summary", "en", correct=1, total=2) == "So far: 1 of 2 correct"
    assert "2問中 1問" in t("quiz.summary", "ja", correct=1, total=2)
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        t("no.such.key", "en")


@pytest.mark.parametrize("given, expected", [
    ("ja", "ja"), ("JP", "ja"), ("日本語", "ja"), (" English ", "en"), ("en-US", "en"),
])
def test_language_names_people_type_are_understood(given, expected):
    assert normalize_language(given) == expected


@pytest.mark.parametrize("given", ["fr", "", None, 3, "ja; rm -rf"])
def test_unknown_language_is_refused_with_a_bilingual_message(given):
    with pytest.raises(UnknownLanguageError, match=r"'ja'.*'en'"):
        normalize_language(given)


def test_setup_keeps_the_language_and_explains_in_both_languages(capsys):
    course.set_language("en")
    assert course.setup("klingon") == "en"
    out = capsys.readouterr().out
    assert "klingon" in out and "言語" in out and "language" in out
    assert course.get_language() == "en"
    assert course.setup("JA") == "ja" and course.get_language() == "ja"


def test_a_counted_word_agrees_with_its_count():
    # "{n|code|codes}" picks the singular when n is 1 (issue #15.13: "1 more wrong codes").
    from course.i18n import fill
    assert fill("{n} more wrong {n|code|codes}", n=1) == "1 more wrong code"
    assert fill("{n} more wrong {n|code|codes}", n=2) == "2 more wrong codes"
    assert fill("{n} {n|hour|hours}", n="1") == "1 hour"
    assert fill("{n} {n|hour|hours}", n=1.5) == "1.5 hours"
    assert placeholders("{n} more {n|code|codes}") == {"n"}


def test_the_simulators_japanese_texts_use_x_s_own_label_for_two_factor():
    # X's Japanese label is 2要素認証 (domain_facts.md §9.6), not 二要素認証 or 2段階認証.
    texts = dict(catalog("ja"))
    for path in sorted((REPO / "data" / "errors").glob("*.yaml")):
        for code, entry in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            for part in ("message", "cause", "fix"):
                texts[f"{path.stem}.{code}.{part}"] = entry[part]["ja"]
    wrong = {k: v for k, v in texts.items()
             if "二要素認証" in v or "2段階認証" in v or "2 段階認証" in v}
    assert wrong == {}
