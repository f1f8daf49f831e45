"""The sources register: its schema, the honesty rules and the words a reader sees."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from course.facts import sources as S
from course.facts.sources import (
    Provenance,
    SourceError,
    load_register,
    noncanonical_reason,
    plain_text,
    register,
    seen_text,
    title_text,
)
from tests.helpers import examples

GOOD = {
    "publisher": {"ja": "X ヘルプセンター", "en": "X Help Center"},
    "lang": "en",
    "title": {"text": "How to add a phone number", "ja": "電話番号を追加する方法"},
    "url": "https://help.x.com/en/managing-your-account/how-to-add-a-phone-number",
    "kind": "x_official",
    "seen": {"how": "copy", "via": "stored", "date": "unknown"},
}


def _write(tmp_path, **entries):
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def test_the_course_register_loads_and_every_entry_is_checked():
    entries = register()
    assert len(entries) >= 50
    assert all(e.kind in S.KINDS and e.seen.how in S.SEEN_HOW for e in entries.values())


def test_nothing_in_the_register_claims_a_live_check():
    assert [e.id for e in register().values() if e.seen.how == "live"] == []


def test_a_good_entry_loads(tmp_path):
    loaded = load_register(_write(tmp_path, **{"x-add": GOOD}))
    assert loaded["x-add"].official and loaded["x-add"].url_confirmed


@pytest.mark.parametrize("change, message", [
    ({"url": "http://help.x.com/en/a"}, "not https"),
    ({"url": "https://help.x.com./en/a"}, "dot"),
    ({"url": "https://www.samonrye.com/prokzi/index.php?q=aHR0cHM6Ly9oZWxwLnR3aXR0ZXIuY29t"},
     "proxy"),
    ({"url": "https://babelserver.org/distort?url=https://help.twitter.com/en/a"}, "proxy"),
    ({"url": "https://web.archive.org/web/20180918010221/https://help.x.com/en/a"}, "archive"),
    ({"url": "https://groups.google.com/g/x/c/y"}, "copy"),
    ({"url": "https://someone.blogspot.com/2023/01/x.html"}, "mirror"),
    ({"url": "https://duckduckgo.com/?q=x"}, "search"),
    ({"url": "https://x.pages.dev/posts/y"}, "mirror"),
    ({"kind": "blog"}, "kind"),
    ({"seen": {"how": "copy", "date": "unknown"}}, "via"),
    ({"seen": {"how": "excerpt", "via": "stored", "date": "unknown"}}, "via"),
    ({"seen": {"how": "copy", "via": "stored", "date": "last week"}}, "YYYY"),
    ({"seen": {"how": "snapshot", "date": "2018-09-18"}}, "snapshot"),
    ({"snapshot": "https://web.archive.org./web/20180918010221/https://help.x.com/en/a"},
     "snapshot"),
    ({"title": {"ja": "題"}}, "title needs en"),
    ({"publisher": {"ja": "X"}}, "publisher"),
    ({"source": "free text"}, "unknown fields"),
])
def test_a_broken_entry_is_refused_with_the_reason(tmp_path, change, message):
    with pytest.raises(SourceError, match=message):
        load_register(_write(tmp_path, **{"x-add": {**GOOD, **change}}))


def test_a_snapshot_must_be_of_the_canonical_address(tmp_path):
    entry = {**GOOD, "seen": {"how": "snapshot", "date": "2018-09-18"},
             "snapshot": "https://web.archive.org/web/20180918010221/" + GOOD["url"]}
    assert load_register(_write(tmp_path, a=entry))["a"].snapshot
    entry["snapshot"] = "https://web.archive.org/web/20180918010221/https://help.x.com/other"
    with pytest.raises(SourceError, match="snapshot"):
        load_register(_write(tmp_path, a=entry))


def test_an_id_is_lower_case_words(tmp_path):
    with pytest.raises(SourceError, match="not an id"):
        load_register(_write(tmp_path, **{"X_Help": GOOD}))


@pytest.mark.parametrize("url", [
    "https://help.x.com/en/managing-your-account/how-to-use-passkey",
    "https://www.soumu.go.jp/main_sosiki/joho_tsusin/top/tel_number/m2m.html",
    "https://github.com/google/libphonenumber/blob/master/FAQ.md",
])
def test_publishers_own_addresses_are_canonical(url):
    assert noncanonical_reason(url) is None


def test_documented_needs_an_official_source_seen_as_more_than_an_excerpt():
    assert Provenance("documented", ("x-help-2fa-2019",)).problems() == []
    assert Provenance("documented", ("siliconrepublic-sms-2fa",)).problems()
    assert Provenance("documented", ("x-help-password-reset-excerpt",)).problems()
    assert Provenance("documented", ("google-2019-study",)).problems()  # address unconfirmed
    assert Provenance("reported", ()).problems()
    assert Provenance("assumed", ()).problems() == []
    assert Provenance("reported", ("no-such-source",)).problems()


def test_badges_follow_status_and_kind_the_same_way_everywhere():
    assert Provenance("documented", ("x-help-2fa-2019",)).badges == ("x_official",)
    # NIST and MIC are official, but they are not X
    assert Provenance("documented", ("nist-sp-800-63b",)).badges == ("other_official",)
    assert Provenance("documented", ("mic-m2m",)).badges == ("other_official",)
    assert Provenance("reported", ("cliqindia-reset",)).badges == ("news_guide",)
    assert Provenance("assumed", ("nist-sp-800-63b",), True).badges == ("assumed", "unverified")


def test_how_a_source_was_seen_is_said_honestly_in_both_languages():
    snapshot = register()["x-help-2fa-2019"]
    assert seen_text(snapshot, "ja") == (
        "Web アーカイブ(Wayback Machine)の2019年12月31日のスナップショットで確認")
    assert seen_text(snapshot, "en") == "seen as a Wayback Machine snapshot of 31 Dec 2019"
    excerpt = register()["x-help-password-reset-excerpt"]
    assert "抜粋だけ" in seen_text(excerpt, "ja") and "日付不明" in seen_text(excerpt, "ja")
    assert seen_text(excerpt, "en") == "seen only as a search-result excerpt (date unknown)"
    for lang in ("ja", "en"):
        assert "確認日" not in plain_text(snapshot, lang) and "checked on" not in plain_text(
            snapshot, lang)


def test_titles_keep_their_own_language_and_add_the_translation():
    english_page = register()["x-help-2fa-2019"]
    assert title_text(english_page, "en") == '"How to use two-factor authentication"'
    assert title_text(english_page, "ja") == (
        "「How to use two-factor authentication」(2要素認証の使い方)")
    untitled = register()["x-help-discoverability-tr"]
    assert "未確認" in title_text(untitled, "ja") and "not seen" in title_text(untitled, "en")


def test_a_source_without_a_confirmed_address_has_no_link_and_says_so():
    entry = register()["google-2019-study"]
    assert entry.link is None
    assert "not confirmed" in plain_text(entry, "en")
    assert "未確認" in plain_text(entry, "ja")


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=400))
def test_the_url_rules_never_raise_on_any_text(text):
    from course.facts.source_lints import internal_mentions, unregistered_urls

    assert isinstance(unregistered_urls(text), list)
    assert isinstance(internal_mentions(text), list)
    for url in re.findall(r"https?://\S+", text):
        reason = noncanonical_reason(url)
        assert reason is None or isinstance(reason, str)


@settings(max_examples=examples(100), deadline=None)
@given(st.one_of(st.none(), st.text(max_size=300), st.integers(), st.lists(st.text())),
       st.sampled_from([None, "all", "x_official", "news_guide", "nonsense"]),
       st.sampled_from([None, "all", "copy", "excerpt", "nonsense"]))
def test_selecting_sources_never_raises(text, group, how):
    found = S.select_sources(group, how, text)
    assert all(entry.id in register() for entry in found)
