"""``python -m course sources [--stale DAYS] [--id ID] [--lang L] [--write-notebooks] [--check]``.

For maintainers: every source in the register with how and when it was seen,
and what rests on it (facts, quiz questions, notebooks), so that when X
changes a page you know what to re-check. ``--stale DAYS`` keeps the sources
whose copy is older than DAYS days or undated; ``--write-notebooks`` rewrites
the notebooks' sources sections; ``--check`` runs the honesty rules and fails
when one breaks or a section is stale. Bad arguments print a message in the
chosen language and exit with 2; no traceback reaches the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta

from course.commands import chosen_language
from course.commands.notebook_sources import notebooks_using, stale, write
from course.facts.source_lints import (
    fact_problems,
    ids_cited_in,
    quiz_key_problems,
    unused_sources,
)
from course.facts.source_uses import FactRecord, counts, uses
from course.facts.sources import Source, plain_text, register
from course.i18n import t
from course.paths import notebooks_dir

EXIT_BAD_INPUT = 2
MAX_DAYS = 100 * 366


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("sources.cli.help", lang)
    parser = sub.add_parser("sources", help=text, description=text)
    parser.add_argument("--stale", default=None, metavar="DAYS",
                        help=t("sources.cli.stale", lang))
    parser.add_argument("--id", default=None, metavar="ID", help=t("sources.cli.id", lang))
    parser.add_argument("--lang", default=None, help=t("sources.cli.lang", lang))
    parser.add_argument("--write-notebooks", action="store_true",
                        help=t("sources.cli.write", lang))
    parser.add_argument("--check", action="store_true", help=t("sources.cli.check", lang))
    return parser


def _days(raw: str | None) -> int | str | None:
    """None (no filter), a number of days, or "bad"."""
    if raw is None:
        return None
    text = raw.strip()
    if not text.isdigit() or len(text) > 6 or int(text) > MAX_DAYS:
        return "bad"
    return int(text)


def seen_on(entry: Source) -> date | None:
    """The earliest day the copy can be from (None when undated)."""
    if entry.seen.date == "unknown":
        return None
    parts = [int(p) for p in entry.seen.date.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def is_stale(entry: Source, days: int, today: date) -> bool:
    """Undated copies are always due for a re-check."""
    seen = seen_on(entry)
    return seen is None or seen < today - timedelta(days=days)


def _what_rests(found: list[FactRecord], lang: str) -> list[str]:
    facts = [r.label for r in found if not r.is_question]
    questions = [r.label.split(": ", 1)[1] for r in found if r.is_question]
    lines = []
    if facts:
        lines.append("  " + t("sources.cli.facts", lang, count=len(facts)) + " "
                     + ", ".join(facts))
    if questions:
        lines.append("  " + t("sources.cli.questions", lang, count=len(questions)) + " "
                     + ", ".join(questions))
    return lines


def _summary(lang: str) -> list[str]:
    found = counts()
    kinds = ", ".join(f"{t(f'sources.kind.{k}', lang)} {n}" for k, n in
                      sorted(found.by_kind.items(), key=lambda kv: -kv[1]))
    hows = ", ".join(f"{k} {n}" for k, n in sorted(found.by_how.items(), key=lambda kv: -kv[1]))
    return [t("sources.cli.summary", lang, total=found.sources, facts=found.facts,
              assumed=found.assumed_without_sources),
            t("sources.cli.by_kind", lang, kinds=kinds),
            t("sources.cli.by_how", lang, hows=hows),
            t("sources.cli.weak", lang, excerpts=found.only_excerpts, copies=found.only_copies,
              third=found.only_third_party_copies, unconfirmed=found.unconfirmed_addresses)]


def _check(lang: str) -> int:
    problems = fact_problems() + quiz_key_problems()
    used = {s for s, stems in notebooks_using().items() if stems}
    for readme in ("README.md", "README.ja.md"):
        path = notebooks_dir().parent / readme
        if path.exists():
            used |= ids_cited_in(path.read_text(encoding="utf-8"))
    problems += [t("sources.cli.unused", lang, id=s) for s in unused_sources(used)]
    problems += [t("sources.cli.stale_notebook", lang, path=str(p)) for p in stale()]
    for line in problems:
        print(line)
    print(t("sources.cli.check_ok" if not problems else "sources.cli.check_failed", lang,
            count=len(problems)))
    return 0 if not problems else 1


def run(args: argparse.Namespace, lang: str, today: date | None = None) -> int:
    try:
        return _run(args, lang, today)
    except BrokenPipeError:  # `python -m course sources | head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter exit quiet
        return 0


def _run(args: argparse.Namespace, lang: str, today: date | None) -> int:
    chosen = chosen_language(args.lang, lang)
    if chosen is None:
        return EXIT_BAD_INPUT
    lang = chosen
    days = _days(args.stale)
    if days == "bad":
        print(t("sources.cli.bad_days", lang, given=str(args.stale)[:40]), file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.id is not None and args.id not in register():
        print(t("sources.cli.unknown_id", lang, given=str(args.id)[:60]), file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.write_notebooks:
        changed = write()
        for path in changed:
            print(t("sources.cli.written", lang, path=str(path)))
        print(t("sources.cli.written_count", lang, count=len(changed)))
        return 0
    if args.check:
        return _check(lang)
    today = today or date.today()
    rests, stems = uses(), notebooks_using()
    chosen_ids = [args.id] if args.id else sorted(register())
    if isinstance(days, int):
        chosen_ids = [i for i in chosen_ids if is_stale(register()[i], days, today)]
    print("\n".join(_summary(lang)))
    print()
    if isinstance(days, int):
        print(t("sources.cli.stale_heading", lang, days=days, count=len(chosen_ids)))
    for source_id in chosen_ids:
        print(f"{source_id}: {plain_text(register()[source_id], lang)}")
        for line in _what_rests(rests.get(source_id, []), lang):
            print(line)
        notebooks = stems.get(source_id, [])
        print("  " + t("sources.cli.notebooks", lang, count=len(notebooks)) + " "
              + (", ".join(notebooks) or "-"))
    return 0
