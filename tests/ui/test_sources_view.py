"""The one renderer of sources: badges and source lines in the learner's language."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from course.facts.sources import Provenance, register
from course.ui.sources_view import (
    badge_html,
    badges_html,
    provenance_html,
    source_html,
    sources_details_html,
)
from tests.helpers import REPO


def test_a_documented_x_fact_and_a_documented_nist_fact_get_different_badges():
    x_fact = badges_html(Provenance("documented", ("x-help-2fa-2019",)), "ja")
    nist_fact = badges_html(Provenance("documented", ("nist-sp-800-63b",)), "ja")
    assert "X の公式情報" in x_fact and "X の公式情報" not in nist_fact
    assert "ほかの公的機関・標準" in nist_fact


def test_unverified_and_assumed_are_words_not_colours():
    html = badges_html(Provenance("assumed", (), True), "en")
    assert "course&#x27;s assumption" in html and "UNVERIFIED" in html
    assert "未確認" in badge_html("unverified", "ja")


def test_an_english_page_in_the_japanese_interface_is_named_in_japanese_too():
    html = source_html("x-help-update-phone-2018", "ja")
    assert "Twitter ヘルプセンター" in html and "アカウントの電話番号を変更する方法" in html
    assert "2018年9月18日のスナップショットで確認" in html
    assert 'href="https://help.twitter.com/en/managing-your-account/' in html
    assert 'href="https://web.archive.org/web/20180918010221/' in html
    assert "Web アーカイブのコピー" in html


def test_no_source_is_ever_said_to_have_been_checked_live_or_on_a_date():
    for entry in register().values():
        for lang in ("ja", "en"):
            html = source_html(entry, lang)
            assert "確認日" not in html and "checked on" not in html.lower()


def test_a_source_without_a_confirmed_address_is_not_a_link():
    html = source_html("google-2019-study", "en")
    assert "<a " not in html and "not confirmed" in html


def test_every_link_opens_a_register_address_in_a_new_tab_and_is_underlined():
    html = sources_details_html(list(register()), "en")
    addresses = {e.url for e in register().values()} | {e.snapshot for e in register().values()}
    for href in re.findall(r'href="([^"]+)"', html):
        assert href.replace("&amp;", "&") in addresses
    assert html.count('target="_blank"') == html.count("<a ")
    assert html.count("text-decoration:underline") == html.count("<a ")


def test_a_fact_without_sources_says_it_is_the_courses_own_choice():
    assert "コースが決めたこと" in provenance_html(Provenance("assumed"), "ja")
    assert "own choice" in provenance_html(Provenance("assumed"), "en")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_register_text_is_escaped(tmp_path, monkeypatch, lang):
    entry = {"publisher": {"ja": "<b>社</b>", "en": "<b>Co</b>"}, "lang": "en",
             "title": {"text": "<script>x</script>", "ja": "題"},
             "url": "https://example.org/a?b=1&c=2", "kind": "guide",
             "seen": {"how": "copy", "via": "stored", "date": "unknown"}}
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump({"odd": entry}), encoding="utf-8")
    shutil.copytree(REPO / "data" / "i18n", tmp_path / "i18n")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    html = source_html("odd", lang)
    assert "<script>" not in html and "<b>" not in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
