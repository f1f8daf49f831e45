"""``python -m course doctor``: is this machine ready for the course?"""

from __future__ import annotations

import argparse

from course.commands import EXIT_FAILED, EXIT_OK
from course.doctor import run_checks
from course.i18n import t

MARKS = {"ok": "OK  ", "fail": "FAIL", "info": "INFO"}


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    parser = sub.add_parser("doctor", help=t("cli.doctor.help", lang),
                            description=t("cli.doctor.help", lang))
    parser.add_argument("--no-kernel", action="store_true", help=t("cli.doctor.no_kernel", lang))
    return parser


def run(args: argparse.Namespace, lang: str) -> int:
    failures = 0
    for check in run_checks(lang, kernel=not args.no_kernel):
        line = f"{MARKS[check.status]} {check.label}"
        if check.detail:
            line += f": {check.detail}"
        print(line, flush=True)
        if check.failed:
            failures += 1
            print(f"     → {t('doctor.fix_prefix', lang)} {check.fix}", flush=True)
    print(t("doctor.summary_fail" if failures else "doctor.summary_ok", lang, count=failures))
    return EXIT_FAILED if failures else EXIT_OK
