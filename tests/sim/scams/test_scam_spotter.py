"""The scam spotter's deck, grading, rounds and the contact checker."""

from __future__ import annotations

import random
import re

import phonenumbers
import pytest
import yaml

from course.facts.policy import policy
from course.i18n import LANGUAGES, catalog
from course.paths import data_path
from course.sim.scams import scam_spotter as scams
from course.sim.scams.scam_spotter import (
    CHOICES,
    Round,
    answer,
    check_contact,
    judge,
    load_deck,
    new_round,
    summarize,
)

DECK = load_deck()
FICTIONAL = [re.compile(r["pattern"]) for r in yaml.safe_load(
    data_path("fictional_numbers.yaml").read_text(encoding="utf-8"))["ranges"]]
PHONE_LIKE = re.compile(r"\+?\d[\d\- ]{8,}\d")
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", "example.com", "example.org",
                     "example.net")


def card_texts(card_id: str) -> list[str]:
    """Everything a card shows, in every language (data/scams.yaml and the catalogs)."""
    sender = DECK.card(card_id).sender
    return [text for lang in LANGUAGES for key, text in catalog(lang).items()
            if key.startswith(f"scams.card.{card_id}.")] + ([sender] if sender else [])


# --- the deck ---------------------------------------------------------------------------

def test_the_deck_has_ten_to_fourteen_cards_with_scams_and_genuine_ones():
    verdicts = [card.verdict for card in DECK.cards]
    assert 10 <= len(DECK.cards) <= 14
    assert verdicts.count("genuine") >= 3 and verdicts.count("scam") >= 6


def test_the_cards_cover_the_scams_the_lesson_names():
    cues = {cue for card in DECK.cards if card.verdict == "scam" for cue in card.cues}
    assert {"phone_support_claim", "asks_for_code", "asks_for_money", "lookalike_domain",
            "promises_outcome"} <= cues
    genuine = {cue for card in DECK.cards if card.verdict == "genuine" for cue in card.cues}
    assert {"you_requested_it", "official_place"} <= genuine
    # The two genuine cards the issue asks for: a code you requested, and help.x.com.
    assert "help.x.com" in " ".join(card_texts("help_center_form"))
    assert DECK.card("requested_code_sms").verdict == "genuine"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_card_has_its_texts_feedback_for_each_choice_and_a_note_per_cue(lang):
    texts = catalog(lang)
    for card in DECK.cards:
        for part in ("context", "body"):
            assert texts[f"scams.card.{card.id}.{part}"].strip(), (card.id, part)
        # A sender is either the same in every language (data) or translated, never both.
        assert (card.sender is None) == (f"scams.card.{card.id}.sender" in texts), card.id
        assert card.text("sender", lang).strip()
        for choice in CHOICES:
            assert texts[f"scams.card.{card.id}.feedback.{choice}"].strip(), (card.id, choice)
        notes = {k.rsplit(".", 1)[1] for k in texts if k.startswith(f"scams.card.{card.id}.cues.")}
        assert notes == set(card.cues), card.id
        assert texts[f"scams.channel.{card.channel}"]


def test_every_cue_points_one_way_and_carries_a_source():
    for cue in DECK.cues.values():
        assert cue.signal in CHOICES
        assert cue.provenance.status in ("documented", "reported", "assumed")
        assert cue.provenance.problems() == [], cue.id
        for lang in LANGUAGES:
            assert cue.name(lang) and cue.why(lang)
    # Scam cards are decided by scam cues, genuine cards by genuine ones.
    for card in DECK.cards:
        assert {DECK.cues[c].signal for c in card.cues} == {card.verdict}, card.id


def test_no_phone_support_is_labelled_reported_from_the_policy():
    cue = DECK.cues["phone_support_claim"].provenance
    phone = policy("states.phone_support")
    assert phone.value is False and cue.status == phone.status == "reported"
    assert cue.sources == phone.sources


def test_what_the_facts_file_leaves_unverified_is_marked_so():
    assert DECK.cues["sms_from_personal_number"].provenance.unverified
    assert DECK.cues["asks_nothing_back"].provenance.unverified
    for card_id in ("requested_code_sms", "reset_code_email", "help_center_form"):
        assert any(s.unverified for s in DECK.card(card_id).facts), card_id
    for card_id in ("requested_code_sms", "reset_code_email"):
        assert "未確認" in catalog("ja")[f"scams.card.{card_id}.context"]
        assert "unverified" in catalog("en")[f"scams.card.{card_id}.context"]


def test_every_phone_number_on_a_card_is_fictional():
    found = 0
    for card in DECK.cards:
        for text in card_texts(card.id):
            for candidate in PHONE_LIKE.findall(text):
                number = phonenumbers.parse(candidate, "JP")
                digits = f"{number.country_code}{number.national_number}"
                assert any(p.fullmatch(digits) for p in FICTIONAL), (card.id, candidate)
                found += 1
    assert found >= 4  # the fake support line, the SMS senders and the caller


def test_every_domain_on_a_card_is_x_or_reserved_and_handles_cannot_exist():
    hosts = set()
    for card in DECK.cards:
        for text in card_texts(card.id):
            hosts.update(re.findall(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", text.lower()))
            for handle in re.findall(r"(?<![\w.])@[A-Za-z0-9_]+", text):
                assert len(handle) - 1 > 15, handle  # longer than X allows: nobody has it
    hosts = {h for h in hosts if not re.fullmatch(r"[\d.,]+", h)}
    assert hosts
    for host in hosts:
        assert host in ("x.com", "help.x.com") or host.endswith(RESERVED_SUFFIXES), host


# --- judging one card -------------------------------------------------------------------

def test_a_right_judgement_lists_the_cues_spotted_and_missed():
    graded = judge("sms_reply_with_code", "scam", ["asks_for_code", "urgency_threat"])
    assert graded.correct and graded.verdict == "scam" and graded.answered
    assert graded.spotted == ("asks_for_code", "urgency_threat")
    assert graded.missed == ("sms_from_personal_number", "impersonation")
    assert graded.extra == ()
    assert graded.feedback == {lang: catalog(lang)["scams.card.sms_reply_with_code.feedback.scam"]
                               for lang in LANGUAGES}
    check = graded.cues[0]
    assert check.here["ja"] and check.why["en"] and check.provenance.problems() == []


def test_a_wrong_judgement_gets_the_feedback_for_that_choice_and_extra_cues_are_named():
    graded = judge("requested_code_sms", "scam", ["asks_for_code"])
    assert not graded.correct and graded.verdict == "genuine"
    assert graded.feedback["en"].startswith("Caution is good")
    assert graded.missed == ("you_requested_it", "asks_nothing_back")
    assert graded.extra == ("asks_for_code",)
    assert graded.message("ja") == graded.feedback["ja"]


def test_choices_are_read_case_blind_and_a_single_cue_name_is_understood():
    assert judge("in_app_lock_screen", " Genuine ", "official_place").spotted == (
        "official_place",)


@pytest.mark.parametrize("card, choice, spotted, code", [
    ("nope", "scam", (), "scam_unknown_card"),
    (None, "scam", (), "scam_unknown_card"),
    (42, "scam", (), "scam_unknown_card"),
    ("x" * 10_000, "scam", (), "scam_unknown_card"),
    ("dm_unfreeze_fee", None, (), "scam_no_choice"),
    ("dm_unfreeze_fee", "  ", (), "scam_no_choice"),
    ("dm_unfreeze_fee", "maybe", (), "scam_bad_choice"),
    ("dm_unfreeze_fee", 1, (), "scam_bad_choice"),
    ("dm_unfreeze_fee", "scam", ["vibes"], "scam_bad_cues"),
    ("dm_unfreeze_fee", "scam", [3], "scam_bad_cues"),
    ("dm_unfreeze_fee", "scam", {"asks_for_money": True}, "scam_bad_cues"),
    ("dm_unfreeze_fee", "scam", 7, "scam_bad_cues"),
    ("dm_unfreeze_fee", "scam", ["asks_for_money"] * 100, "scam_bad_cues"),
])
def test_bad_input_is_a_problem_in_both_languages_not_an_exception(card, choice, spotted, code):
    graded = judge(card, choice, spotted)
    assert graded.problem.code == code and not graded.correct and not graded.answered
    assert all(graded.messages().values())
    assert graded.messages()["ja"] != graded.messages()["en"]


# --- a round ------------------------------------------------------------------------------

def test_a_round_goes_through_the_deck_in_teaching_order_with_a_running_score():
    round_ = new_round()
    assert round_.order == tuple(c.id for c in DECK.cards) and round_.current == DECK.cards[0]
    step = answer(round_, None)
    assert step.round is round_ and step.judgement.problem.code == "scam_no_choice"
    for index, card in enumerate(DECK.cards):
        choice = card.verdict if index % 2 == 0 else ("genuine" if card.verdict == "scam"
                                                       else "scam")
        step = answer(round_, choice)
        round_ = step.round
        assert round_.position == index + 1 and step.judgement.card_id == card.id
        assert (step.summary is not None) == (index == len(DECK.cards) - 1)
    assert round_.finished and round_.current is None
    assert round_.correct == (len(DECK.cards) + 1) // 2
    summary = step.summary
    assert summary.correct == round_.correct and summary.total == len(DECK.cards)
    assert summary.wrong_cards == tuple(c.id for i, c in enumerate(DECK.cards) if i % 2)
    assert "13枚中" in summary.text("ja") and not summary.perfect
    late = answer(round_, "scam")
    assert late.judgement.problem.code == "scam_round_finished" and late.round is round_


def test_the_summary_ranks_the_most_missed_cues_first():
    round_ = new_round(cards=["sms_reply_with_code", "reply_fake_support_account",
                              "phone_call_security"])
    for _ in range(3):
        round_ = answer(round_, "scam").round
    ranked = summarize(round_).missed_cues
    assert ranked[0] == ("asks_for_code", 3) and ranked[1] == ("impersonation", 3)
    assert dict(ranked)["phone_support_claim"] == 1


def test_a_perfect_round_says_so():
    round_ = new_round(cards=["in_app_lock_screen", "phone_call_security"])
    round_ = answer(round_, "genuine", ["official_place"]).round
    step = answer(round_, "scam", ["phone_support_claim", "asks_for_code", "impersonation"])
    assert step.summary.perfect and step.summary.missed_cues == ()
    assert "全問正解" in step.summary.text("ja") and "All correct" in step.summary.text("en")


def test_an_injected_random_source_shuffles_reproducibly():
    first = new_round(random.Random(7)).order
    assert first == new_round(random.Random(7)).order
    assert sorted(first) == sorted(c.id for c in DECK.cards)
    assert first != new_round().order


def test_unknown_or_repeated_card_ids_are_left_out_of_a_round():
    assert new_round(cards=["dm_unfreeze_fee", "nope", "dm_unfreeze_fee", 3]).order == (
        "dm_unfreeze_fee",)
    assert Round(()).finished


# --- checking a number or link ---------------------------------------------------------------

@pytest.mark.parametrize("text, kinds", [
    ("https://x-com-support.example/login", [("x-com-support.example", "lookalike")]),
    ("詳しくはx-com-support.example/loginへ", [("x-com-support.example", "lookalike")]),
    ("security@x-com-support.example", [("x-com-support.example", "lookalike")]),
    ("https://x.com.verify.example/a", [("x.com.verify.example", "lookalike")]),
    ("mytwitterhelp.test", [("mytwitterhelp.test", "lookalike")]),
    ("help.x.com", [("help.x.com", "official")]),
    ("ｈｔｔｐｓ：／／ｘ．ｃｏｍ", [("x.com", "official")]),
    ("x.com:443/login", [("x.com", "official")]),
    ("twіtter.com", [("twіtter.com", "mixed_script")]),  # Cyrillic і
    ("www.example.org。", [("www.example.org", "other")]),
    # Issue #15.1: the host is what a browser would open, not the text after the last "@".
    ("https://x-support.example/reset?email=sakura@x.com",
     [("x-support.example", "lookalike")]),
    ("https://x-support.example/login#@x.com", [("x-support.example", "lookalike")]),
    ("https://evil.example/@x.com", [("evil.example", "other")]),
    ("evil.example/@x.com", [("evil.example", "other")]),
    ("https://x.com@evil.example/", [("evil.example", "other")]),
    ("https://evil.example\\@x.com", [("evil.example", "other")]),  # "\\" is a "/"
    ("https://x.com:pass@evil.example:8443/x.com", [("evil.example", "other")]),
    ("https://user@help.x.com:8443/a?b=c#d", [("help.x.com", "official")]),
    ("HTTPS://X.COM/", [("x.com", "official")]),
    ("見て https://x.com.", [("x.com", "official")]),
    ("https://xn--twtter-qvf.com/login", [("twіtter.com", "mixed_script")]),  # IDN
    ("https://x.com.evil.example/", [("x.com.evil.example", "lookalike")]),
])
def test_domains_are_classified(text, kinds):
    checked = check_contact(text)
    assert checked.problem is None and checked.numbers == 0
    assert [(h.host, h.kind) for h in checked.hosts] == kinds
    assert ("lookalike_domain" in checked.cues) == any(k != "official" for _, k in kinds)


def test_a_phone_number_is_counted_but_never_repeated():
    checked = check_contact("X(旧Twitter)公式サポート ☎ 03-1869-0042")
    assert checked.numbers == 1 and checked.cues == ("phone_support_claim",)
    for lang in LANGUAGES:
        shown = " ".join((checked.message(lang), *checked.findings(lang)))
        assert "1869" not in shown and "0042" not in shown


def test_x_own_domain_alone_finds_no_warning_but_never_says_safe():
    checked = check_contact("https://help.x.com")
    assert checked.warnings == 0 and checked.cues == ()
    assert "証明" in checked.message("ja") and "does not prove" in checked.message("en")


@pytest.mark.parametrize("text, code", [
    ("", "scam_contact_empty"),
    (" \n\t\x00 ", "scam_contact_empty"),
    ("x" * (scams.MAX_CONTACT_CHARS + 1), "scam_contact_too_long"),
    (None, "scam_contact_bad_type"),
    (["03-1869-0042"], "scam_contact_bad_type"),
    ("こんにちは 😀", "scam_contact_nothing_found"),
    ("コード482913", "scam_contact_nothing_found"),
])
def test_contact_check_problems_come_with_text_in_both_languages(text, code):
    checked = check_contact(text)
    assert checked.problem.code == code and checked.warnings == 0
    assert all(checked.messages().values())


@pytest.mark.parametrize("card", ["lookalike_login_link", "premium_sms_fee_link",
                                  "sms_reply_with_code"])
def test_a_card_whose_sender_claims_to_be_x_keys_the_impersonation_cue(card):
    # Issue #15.12: ticking "impersonates X" on "X Security <...>" or 【X】 was reported as
    # a sign the card does not have, while 【X運営】 on another card was keyed.
    judged = judge(card, "scam", ["impersonation"])
    assert judged.correct and judged.extra == () and "impersonation" in judged.spotted
    note = next(c for c in judged.cues if c.cue == "impersonation").here
    assert note["ja"] and note["en"]


def test_the_money_cue_explains_every_card_that_carries_it():
    # The premium card's "asks for money" explanation talked about appeal fees only.
    carriers = [c.id for c in load_deck().cards if "asks_for_money" in c.cues]
    assert "premium_sms_fee_link" in carriers and "dm_unfreeze_fee" in carriers
    why = judge("premium_sms_fee_link", "scam").cues
    why = next(c for c in why if c.cue == "asks_for_money").why
    assert "Premium" in why["en"] and "Premium" in why["ja"]
    assert "appeal" in why["en"] and "異議申し立て" in why["ja"]


@pytest.mark.parametrize("text, numbers, hosts", [
    # Digits inside a link are part of the link, not a phone number to warn about.
    ("https://x.com/sakura_demo/status/1234567890123", 0, [("x.com", "official")]),
    ("https://x-com-support.example/verify?tel=09001234567", 0,
     [("x-com-support.example", "lookalike")]),
    # A link to a bare IP address is a link (and not X's), not "nothing found".
    ("http://192.0.2.10/login", 0, [("192.0.2.10", "other")]),
    ("https://[2001:db8::1]/x.com", 0, [("2001:db8::1", "other")]),
    ("☎ 090-0274-3391 https://x.com", 1, [("x.com", "official")]),
])
def test_numbers_inside_links_and_ip_links_are_read_as_a_browser_would(text, numbers, hosts):
    checked = check_contact(text)
    assert checked.problem is None and checked.numbers == numbers
    assert [(h.host, h.kind) for h in checked.hosts] == hosts
