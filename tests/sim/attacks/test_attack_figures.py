"""Cited figures: Google 2019 (about Google accounts, not X) and SMS pumping."""

from __future__ import annotations

from course.facts.policy import policy
from course.i18n import has_text, t
from course.sim.attacks.attack_figures import (
    compare_with_google_2019,
    google_2019,
    sms_pumping_facts,
)
from course.sim.attacks.attack_runs import attack_matrix
from tests.helpers import cited

# domain_facts.md §5.4 table: blocked % for bots / bulk phishing / targeted attacks.
DOMAIN_FACTS_5_4 = {
    "recovery_phone": (100, 99, 66),
    "sms_code": (100, 96, 76),
    "on_device_prompt": (100, 99, 90),
    "security_key": (100, 100, 100),
}


def test_google_figures_match_the_checked_facts_and_carry_citation_and_caveat():
    study = google_2019()
    for key, figures in DOMAIN_FACTS_5_4.items():
        row = study.row(key)
        assert tuple(row.blocked_percent[c] for c in study.columns) == figures
    assert study.row("recovery_phone").up_to == ("automated_bots",)
    assert study.published == "2019-05-17" and study.provenance.status == "reported"
    assert "tripwire.com" in cited(study.provenance) and "zdnet.com" in cited(study.provenance)
    assert study.sample == {"hijacking_attempts": 350000, "users": 1200000, "challenge_types": 14}
    assert "Google" in study.caveat["ja"] and "X" in study.caveat["ja"]
    assert "not X" in study.caveat["en"]


def test_every_google_row_and_column_has_a_label_in_both_languages():
    study = google_2019()
    for lang in ("ja", "en"):
        assert all(has_text(f"attacks.google.row.{r.key}", lang) for r in study.rows)
        assert all(has_text(f"attacks.google.column.{c}", lang) for c in study.columns)
        assert "76" in t("attacks.google.comparison_note", lang)


def test_comparison_puts_simulated_outcomes_next_to_googles_rows():
    rows = {c.google_row: c for c in compare_with_google_2019(attack_matrix())}
    assert set(rows) == {"sms_code", "security_key"}
    assert rows["sms_code"].simulated_holds == {"sim_swap": False, "relay": False}
    assert rows["sms_code"].blocked_percent["targeted_attacks"] == 76
    assert rows["security_key"].simulated_holds == {"sim_swap": True, "relay": True}


def test_sms_pumping_facts_are_cited_and_the_60m_claim_is_marked_unconfirmed():
    facts = {p.key: p for p in sms_pumping_facts()}
    claim = facts["attacks.sms_pumping_cost_claim_usd_per_year"]
    assert claim.value == 60_000_000 and claim.status == "reported"
    assert "cybelangel.com" in cited(claim)  # "X ... never formally confirmed the figure"
    assert "正式に確認" in claim.note["ja"] and "never formally confirmed" in claim.note["en"]
    assert facts["attacks.sms_pumping_telcos_cut_off"].value == 390
    assert "recaptcha" in cited(facts["attacks.sms_pumping_definition"])
    assert all(p.sources and p.note for k, p in facts.items()
               if k != "attacks.sms_pumping_fraud_threshold_percent")
    assert "6,000万ドル" in t("attacks.sms_pumping.claim_unconfirmed", "ja")


def test_sim_swap_definition_cites_the_fcc():
    definition = policy("attacks.sim_swap_definition")
    assert definition.status == "documented" and "fcc.gov" in cited(definition)
