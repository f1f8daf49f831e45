"""``python -m course app``: the course as an app (Voilà), no code on screen.

``make app`` runs this. It serves the notebooks folder on 127.0.0.1 and opens
the home page (the course map, the learner's progress, the language switch).
Every failure a learner can meet before the server runs (Voilà missing, the
port taken, the notebooks missing) is a message in their language and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.app import DEFAULT_PORT, HOME_NOTEBOOK
from course.commands import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    chosen_language,
    port_is_free,
)
from course.i18n import t
from course.paths import notebooks_dir
from course.progress.preferences import PreferencesStore


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("cli.app.help", lang)
    parser = sub.add_parser("app", help=text, description=text)
    parser.add_argument("--lang", default=None, help=t("cli.app.lang", lang))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=t("cli.app.port", lang, port=DEFAULT_PORT))
    parser.add_argument("--root", type=Path, default=None, help=t("cli.app.root", lang))
    parser.add_argument("--no-browser", action="store_true", help=t("cli.app.no_browser", lang))
    parser.add_argument("voila_args", nargs=argparse.REMAINDER, help=t("cli.app.extra", lang))
    return parser


def _fail(key: str, lang: str, code: int = EXIT_BAD_INPUT, **values: object) -> int:
    print(t(f"cli.app.{key}", lang, **values), file=sys.stderr, flush=True)
    return code


def run(args: argparse.Namespace, lang: str) -> int:
    preferences = PreferencesStore.default()
    if args.lang is not None:
        course_lang = chosen_language(args.lang, lang)
        if course_lang is None:
            return EXIT_BAD_INPUT
        preferences.set_language(course_lang)  # the home page opens in it
    else:
        course_lang = preferences.language().language or lang
    root = (args.root or notebooks_dir()).resolve()
    for needed in (root / HOME_NOTEBOOK, root / course_lang):
        if not needed.exists():
            return _fail("missing", course_lang, path=str(needed))
    if not 1 <= args.port <= 65535:  # said at once, before Voilà's 1.7 s import
        return _fail("bad_port", course_lang, port=args.port)
    try:
        from course.app.server import AppAddress, build_app
    except ImportError:  # Voilà (or a package it needs) is missing or broken
        return _fail("no_voila", course_lang, code=EXIT_FAILED)
    address = AppAddress(args.port)
    if not port_is_free(args.port):
        return _fail("port_in_use", course_lang, code=EXIT_FAILED, port=args.port,
                     url=address.url)
    extra = [a for a in args.voila_args if a != "--"]
    try:
        app = build_app(root, args.port, open_browser=not args.no_browser, extra=extra)
        from tornado.ioloop import IOLoop

        # Said once the server listens: the first thing its loop does.
        IOLoop.current().add_callback(
            print, t("cli.app.starting", course_lang, url=address.url), flush=True)
        app.start()
    except KeyboardInterrupt:
        return EXIT_OK
    except SystemExit as exc:  # Voilà exits when it could not listen after all
        if exc.code in (0, None):
            return EXIT_OK
        return _fail("failed", course_lang, code=EXIT_FAILED, detail=f"exit {exc.code}")
    except Exception as exc:  # anything else: a message, never a traceback
        return _fail("failed", course_lang, code=EXIT_FAILED, detail=type(exc).__name__)
    return EXIT_OK
