"""Sources as a learner sees them: the one renderer every widget uses.

A fact shows its badges (X's own page / other official body / news or guide /
course's assumption / unverified), and a fold-out list of the sources it rests
on: publisher, title in its own language with the course's translation, a link
to the publisher's own address, the kind of source and how and when the
research saw it (never "checked on": nothing was checked live). The words come
from ``course.facts.sources``, so a widget, a notebook's sources section and
``python -m course sources`` say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable

from course.facts.sources import Provenance, Source, badge_label, source, source_lines
from course.i18n import resolve_language, t
from course.ui.text import escape

# Links are underlined so they never stand out by colour alone.
_LINK = ('<a href="{url}" target="_blank" rel="noopener noreferrer" '
         'style="text-decoration:underline">{text}</a>')


def _link(url: str, text: str) -> str:
    return _LINK.format(url=escape(url), text=escape(text))


def badge_html(badge: str, lang: str | None = None) -> str:
    """One badge on its own (e.g. "course's assumption" above a simulator)."""
    return (f'<span class="course-badge course-badge-{escape(badge)}">'
            f"{escape(badge_label(badge, resolve_language(lang)))}</span>")


def badges_html(provenance: Provenance, lang: str | None = None) -> str:
    """The badges of one fact, each a visible word (never colour alone)."""
    return " ".join(badge_html(b, lang) for b in provenance.badges)


def source_html(entry: Source | str, lang: str | None = None) -> str:
    """One source: who, what (linked), what kind, and how and when it was seen."""
    lang = resolve_language(lang)
    found = source(entry) if isinstance(entry, str) else entry
    lines = source_lines(found, lang)
    title = _link(lines.link, lines.title) if lines.link else escape(lines.title)
    out = f"{escape(lines.publisher)} {title} [{escape(lines.kind)}] — {escape(lines.seen)}"
    if lines.unconfirmed:
        out += f" — {escape(lines.unconfirmed)}"
    if lines.snapshot:
        out += f" ({_link(lines.snapshot, t('sources.snapshot_link', lang))})"
    if lines.note:
        out += f"<br><small>{escape(lines.note)}</small>"
    return out


def sources_list_html(ids: Iterable[str], lang: str | None = None) -> str:
    """The sources of a fact as a list; the course's own choice when there are none."""
    lang = resolve_language(lang)
    unique = list(dict.fromkeys(ids))
    if not unique:
        return f"<p>{escape(t('sources.none', lang))}</p>"
    return "<ul>" + "".join(f"<li>{source_html(s, lang)}</li>" for s in unique) + "</ul>"


def sources_details_html(ids: Iterable[str], lang: str | None = None,
                         summary: str | None = None) -> str:
    """The sources folded away under a summary line (出典 / Sources)."""
    lang = resolve_language(lang)
    label = summary or t("sources.summary_label", lang)
    return (f'<details class="course-sources"><summary>{escape(label)}</summary>'
            f"{sources_list_html(ids, lang)}</details>")


def provenance_html(provenance: Provenance, lang: str | None = None,
                    summary: str | None = None) -> str:
    """Badges, then the fold-out list of sources: how every widget shows a fact."""
    return (badges_html(provenance, lang)
            + sources_details_html(provenance.sources, lang, summary))
