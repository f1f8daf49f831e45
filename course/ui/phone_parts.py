"""HTML pieces the phone simulators share: problems with their fix, notes, badges.

Every problem is shown with a symbol and a word for its severity (never colour
alone), its message, why it happened and what to do, and a badge saying
whether the rule behind it is documented by X, reported, or the simulator's
assumption. Messages X itself shows (as reported) are marked as such.
"""

from __future__ import annotations

from collections.abc import Iterable

from course.i18n import t
from course.sim.core.problems import Problem
from course.ui.sources_view import provenance_html
from course.ui.text import escape


def problem_html(problem: Problem, lang: str) -> str:
    """One problem: severity word and symbol, message, cause, fix and provenance."""
    entry = problem.entry()
    severity = problem.severity.value
    said_by = (f' <span class="course-phone-said">{escape(t("ui_phone.common.x_shows", lang))}'
               "</span>" if entry.shown_by_x else "")
    return (
        f'<div class="course-phone-problem course-phone-{escape(severity)}">'
        f"<p><strong>{escape(t(f'ui_phone.common.severity.{severity}', lang))}</strong> "
        f"{escape(problem.text('message', lang))}{said_by} "
        f"{provenance_html(entry.provenance, lang)}</p>"
        f"<p>{escape(t('ui_phone.common.cause', lang))} {escape(problem.text('cause', lang))}</p>"
        f"<p>{escape(t('ui_phone.common.fix', lang))} {escape(problem.text('fix', lang))}</p>"
        "</div>"
    )


def problems_html(problems: Iterable[Problem], lang: str) -> str:
    return "".join(problem_html(p, lang) for p in problems)


def paragraphs(texts: Iterable[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


_SCOPE = (".course-phone", ".course-settings-flow", ".course-sms-lab")
STYLE_RULES = (
    ",".join(f"{scope} .widget-html-content" for scope in _SCOPE)
    + "{line-height:1.45}"
    + ",".join(f"{scope} .widget-html-content p" for scope in _SCOPE)
    + "{margin:.25em 0}"
    ".course-phone-problem{margin:.3em 0;padding:.2em .6em;border-left:4px solid #57606a}"
    ".course-phone-error{border-left-color:#cf222e}"
    ".course-phone-warning{border-left-color:#9a6700}"
    ".course-phone-problem p{margin:.15em 0}"
    ".course-phone-crumbs ol{list-style:none;display:flex;flex-wrap:wrap;padding:0;margin:0}"
    ".course-phone-crumbs li+li::before{content:'›';padding:0 .4em}"
    ".course-phone-crumbs [aria-current]{font-weight:bold}"
    ".course-phone-screen{border:1px solid #57606a;border-radius:.5em;padding:.5em}"
    ".course-phone-device{border:2px solid #24292f;border-radius:1em;padding:.6em}"
    ".course-phone-inbox{list-style:none;padding:0;margin:.2em 0}"
    ".course-phone-pair{gap:1rem}"
    ".course-simulator .widget-hbox{gap:.3rem}"
    ".course-phone-inbox li{border:1px solid #8c959f;border-radius:.4em;padding:.3em;"
    "margin:.2em 0}"
)
