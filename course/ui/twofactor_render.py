"""HTML for the two-factor lab: pure results in, escaped markup out.

Kept apart from the widget classes so each piece (QR code, code check,
backup codes, attack table, walk-through, Google's figures) can be tested as
a string. Every verdict has a symbol and words; colour is never the only cue.
"""

from __future__ import annotations

import base64
from datetime import date

import segno

from course.facts.policy import Policy
from course.i18n import t
from course.sim.attacks.attack_figures import Comparison, GoogleStudy
from course.sim.attacks.attack_runs import ATTACKS, AttackMatrix
from course.sim.attacks.twofactor_attacks import Walkthrough
from course.sim.twofactor.methods import SmsRule
from course.sim.twofactor.twofactor_setup import SetupStep, TotpWindow
from course.ui.base import verdict
from course.ui.sources_view import badge_html, provenance_html
from course.ui.text import escape, status_html

STYLE = (
    "<style>"
    ".course-twofactor table{border-collapse:collapse;margin:.4em 0}"
    ".course-twofactor th,.course-twofactor td{border:1px solid #57606a;padding:.3em .5em;"
    "text-align:left;vertical-align:top}"
    ".course-twofactor caption{text-align:left;font-weight:bold;padding:.2em 0}"
    ".course-twofactor .course-code{font-family:monospace;font-size:120%;letter-spacing:.08em}"
    ".course-twofactor .course-qr{background:#fff;padding:8px;display:inline-block}"
    ".course-twofactor .course-note{margin:.3em 0}"
    "</style>"
)


QR_SCALE, QR_BORDER = 5, 4  # pixels per module; quiet zone of four modules (ISO/IEC 18004)


def qr_html(uri: str, alt: str, size_px: int = 265) -> str:
    """The otpauth URI as a standard QR code (black on white, 4-module quiet zone).

    Always a full QR code (never Micro QR, which authenticator apps cannot
    read) with error correction M, drawn as SVG so it stays sharp when zoomed.
    """
    qr = segno.make_qr(uri, error="m", boost_error=False)
    source = qr.svg_data_uri(scale=QR_SCALE, border=QR_BORDER, dark="#000000", light="#ffffff")
    return (f'<div class="course-qr"><img src="{escape(source)}" alt="{escape(alt)}" '
            f'width="{size_px}" height="{size_px}"></div>')


def note_html(text: str, badge: str = "") -> str:
    """A paragraph of explanation, optionally after a provenance badge."""
    return f'<p class="course-note">{badge}{" " if badge else ""}{escape(text)}</p>'


def notice_box(text: str) -> str:
    """A framed note that is part of the page, not an announcement (no live region)."""
    return f'<div class="course-status course-status-notice">{escape(text)}</div>'


def code_block(text: str) -> str:
    return f'<span class="course-code">{escape(text)}</span>'


def step_html(step: SetupStep, lang: str) -> str:
    """A flow step as a verdict, with the cause and fix when something went wrong."""
    html = verdict(step.accepted, step.text(lang), lang)
    advice = step.advice(lang)
    if advice:
        cause, fix = advice
        html += (f'<p class="course-note"><strong>{escape(t("ui_twofactor.common.why", lang))}'
                 f"</strong> {escape(cause)}<br><strong>"
                 f'{escape(t("ui_twofactor.common.fix", lang))}</strong> {escape(fix)}</p>')
    return html


def enrolment_html(step: SetupStep, lang: str, digits: int, period: int) -> str:
    """QR code with its alt text and the manual-entry key in groups of four."""
    values = {"issuer": step.issuer, "label": step.label}
    alt = t("ui_twofactor.setup.qr_alt", lang, **values)
    details = t("ui_twofactor.setup.manual_details", lang, digits=digits, period=period,
                **values)
    return (qr_html(step.uri, alt)
            + f'<p class="course-note">{escape(t("ui_twofactor.setup.manual_key", lang))} '
            + code_block(step.secret_groups) + "</p>"
            + f'<p class="course-note">{escape(details)}</p>')


def app_screen_html(step: SetupStep, lang: str, history: list[str]) -> str:
    """What the simulated phone app shows now, and the codes seen before."""
    html = ""
    if step.app_code:
        window = step.window
        seconds = window.seconds_left if window else 0
        code = f"{step.app_code[:3]} {step.app_code[3:]}"
        screen = t("ui_twofactor.setup.app_screen", lang, issuer=step.issuer, label=step.label)
        changes = t("ui_twofactor.setup.app_changes_in", lang, seconds=seconds)
        html += (f'<p class="course-note">{escape(screen)} {code_block(code)} '
                 f"{escape(changes)}</p>")
    if history:
        items = "".join(f"<li>{escape(line)}</li>" for line in history)
        html += (f'<p class="course-note">{escape(t("ui_twofactor.setup.app_history", lang))}'
                 f"</p><ul>{items}</ul>")
    return html


def backup_codes_html(codes: tuple[str, ...], lang: str) -> str:
    """The plain backup codes, with the shown-once warning and the unverified count."""
    items = "".join(f"<li>{code_block(c)}</li>" for c in codes)
    return (notice_box(t("twofactor.backup.shown_once", lang))
            + f"<ul>{items}</ul>"
            + f'<p class="course-note">{badge_html("unverified", lang)} '
            + f'{escape(t("twofactor.backup.count_unverified", lang))}</p>')


def timeline_text(window: TotpWindow, lang: str) -> str:
    """The timeline in words: the alt text of the figure and its caption."""
    parts = [t("ui_twofactor.timeline.now", lang, seconds=window.seconds_left)]
    for slot in window.slots:
        parts.append(t("ui_twofactor.timeline.slot", lang, offset=f"{slot.offset:+d}",
                       status=t(f"ui_twofactor.timeline.status.{slot.status}", lang)))
    return " ".join(parts)


def timeline_html(png: bytes, window: TotpWindow, lang: str) -> str:
    """The timeline figure as an image with alt text, and a legend in words below it."""
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    legend = "".join(
        f"<li>{escape(symbol)} {escape(t(f'ui_twofactor.timeline.status.{status}', lang))}</li>"
        for status, symbol in (("accepted", "\u2714"), ("used", "\u00d7"),
                               ("expired", "\u2013"), ("future", "\u2026")))
    return (f'<figure><img src="{source}" alt="{escape(timeline_text(window, lang))}" '
            f'style="max-width:100%">'
            f'<figcaption>{escape(t("ui_twofactor.timeline.caption", lang))}'
            f"<ul>{legend}</ul></figcaption></figure>")


# --- attacks ---------------------------------------------------------------------------

def _held_words(held: bool, lang: str) -> str:
    """"✔ Held" or "✘ Taken over": symbol and word, never colour alone."""
    key = "attacks.verdict.held" if held else "attacks.verdict.taken"
    return f"{'✔' if held else '✘'} {t(key, lang)}"


def outcome_cell(held: bool, reason: str, lang: str) -> str:
    return f"<td><strong>{escape(_held_words(held, lang))}</strong><br>{escape(reason)}</td>"


def attack_table_html(matrix: AttackMatrix, lang: str) -> str:
    """Every method against SIM swap and the relay, with the reason from the deciding step."""
    if matrix.problem:
        return verdict(False, matrix.problem.text("message", lang), lang)
    head = "".join(f'<th scope="col">{escape(t(f"attacks.attack.{a}", lang))}</th>'
                   for a in ATTACKS)
    rows = []
    for row in matrix.rows(lang):
        cells = "".join(outcome_cell(bool(row[a]), str(row[f"{a}_reason"]), lang)
                        for a in ATTACKS if a in row)
        rows.append(f'<tr><th scope="row">{escape(str(row["label"]))}</th>{cells}</tr>')
    caption = escape(t("ui_twofactor.compare.table_caption", lang))
    method = escape(t("ui_twofactor.compare.col_method", lang))
    return (f"<table><caption>{caption}</caption><thead><tr><th scope=\"col\">{method}</th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def walkthrough_html(walk: Walkthrough, lang: str) -> str:
    """The steps shown so far, as an ordered list, and the verdict at the end."""
    if walk.problem:
        return verdict(False, walk.text(lang), lang)
    items = []
    for step in walk.steps:
        line = t("ui_twofactor.walk.step_line", lang, at=f"{step.at:g}",
                 actor=t(f"attacks.actor.{step.actor}", lang), text=step.text(lang))
        items.append(f"<li>{escape(line)}</li>")
    html = f'<p class="course-note">{escape(walk.text(lang))}</p>'
    if items:
        html += f"<ol>{''.join(items)}</ol>"
    if walk.finished:
        symbol = "✔" if walk.outcome.held else "✘"
        html += status_html(f"{symbol} {walk.verdict(lang)}",
                            kind="ok" if walk.outcome.held else "error")
    return html


def policy_line(item: Policy, lang: str) -> str:
    """A policy's note in the learner's language, its badges and its sources."""
    note = (item.note or {}).get(lang, "")
    return f"<li>{escape(note)} {provenance_html(item.provenance, lang)}</li>"


def sms_rule_html(rule: SmsRule, subscriber: object, on_date: object, lang: str) -> str:
    """The answer of ``sms_two_factor_available`` for the chosen account and day."""
    if rule.problem:
        return verdict(False, rule.text(lang), lang)
    who = t(f"ui_twofactor.sms.who.{'subscriber' if subscriber is True else 'free'}", lang)
    day = on_date.isoformat() if isinstance(on_date, date) else str(on_date)
    answer = "open" if rule.can_enrol else "grace" if rule.can_keep_using else "closed"
    summary = t(f"ui_twofactor.sms.answer.{answer}", lang, who=who, day=day)
    return status_html(f"{summary} {rule.text(lang)}", kind="info")


def _percent(value: int, up_to: bool, lang: str) -> str:
    return t("ui_twofactor.google.up_to" if up_to else "ui_twofactor.google.percent", lang,
             value=value)


def google_html(study: GoogleStudy, comparisons: list[Comparison], lang: str) -> str:
    """Google's 2019 figures with their caveat, and the simulation's answer beside them."""
    simulated = {c.google_row: c for c in comparisons}
    head = "".join(f'<th scope="col">{escape(t(f"attacks.google.column.{c}", lang))}</th>'
                   for c in study.columns)
    rows = []
    for row in study.rows:
        cells = "".join(f"<td>{escape(_percent(row.blocked_percent[c], c in row.up_to, lang))}"
                        "</td>" for c in study.columns)
        match = simulated.get(row.key)
        held = (" / ".join(f"{t(f'attacks.attack.{a}', lang)}: {_held_words(ok, lang)}"
                          for a, ok in match.simulated_holds.items())
                if match else t("ui_twofactor.google.no_match", lang))
        rows.append(f'<tr><th scope="row">{escape(t(f"attacks.google.row.{row.key}", lang))}'
                    f"</th>{cells}<td>{escape(held)}</td></tr>")
    sample = t("ui_twofactor.google.sample", lang,
               attempts=f"{study.sample['hijacking_attempts']:,}",
               users=f"{study.sample['users']:,}", published=study.published)
    return (f"<table><caption>{escape(t('attacks.google.title', lang))}</caption><thead><tr>"
            f'<th scope="col">{escape(t("ui_twofactor.google.challenge", lang))}</th>{head}'
            f'<th scope="col">{escape(t("ui_twofactor.google.simulated", lang))}</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            + notice_box(study.caveat[lang])
            + f'<p class="course-note">{escape(sample)} '
            + f"{provenance_html(study.provenance, lang)}</p>"
            + f'<p class="course-note">{escape(t("attacks.google.comparison_note", lang))}</p>')
