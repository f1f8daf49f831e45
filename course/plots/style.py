"""The look every course plot shares: fonts with a Japanese fallback, and quiet glyph warnings."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import matplotlib

# Tried in order; the first ones installed follow DejaVu Sans as fallbacks for kana and kanji.
JAPANESE_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic",
                  "Source Han Sans JP", "BIZ UDGothic", "Hiragino Sans", "Yu Gothic",
                  "Meiryo", "TakaoGothic", "VL Gothic")


@lru_cache(maxsize=1)
def font_family() -> tuple[str, ...]:
    """DejaVu Sans for Latin text, then the installed Japanese fonts as fallback."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *[name for name in JAPANESE_FONTS if name in installed])


@contextmanager
def quiet_glyphs() -> Iterator[None]:
    """Without a Japanese font matplotlib warns once per missing glyph; the SVG keeps
    the text anyway and the browser draws it, so those warnings say nothing useful."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        yield


@contextmanager
def plot_style() -> Iterator[None]:
    """Course fonts, 9 pt, no top or right spines."""
    with quiet_glyphs(), matplotlib.rc_context({
            "font.family": list(font_family()), "font.size": 9,
            "axes.spines.top": False, "axes.spines.right": False}):
        yield


def svg_image_tag(svg: bytes | str, alt: str) -> str:
    """An SVG drawing as an ``<img>`` with alt text: a widget or notebook output
    that carries a chart this way gives screen readers a text alternative."""
    import base64
    import html

    data = base64.b64encode(svg.encode("utf-8") if isinstance(svg, str) else svg).decode("ascii")
    return (f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            f'style="max-width:100%;height:auto">')
