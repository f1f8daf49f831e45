"""Small helpers to put catalog and bank text into widgets safely."""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """Escape text for an HTML widget: bank and catalog text is never markup."""
    return html.escape(text, quote=True)


def status_html(text: str, *, kind: str = "info") -> str:
    """Wrap a message in a live region so screen readers announce it.

    ``kind`` only picks a CSS class; the meaning is always in the words and
    symbols of ``text`` itself, never in colour alone.
    """
    return (
        f'<div class="course-status course-status-{escape(kind)}" role="status" '
        f'aria-live="polite">{escape(text)}</div>'
    )

