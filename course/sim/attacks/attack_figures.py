"""Published figures the attack lessons cite, read from data with their sources.

* Google's 2019 study of which login challenges stopped account takeovers
  (``data/google_2019.yaml``). It is about Google accounts, not X, and the
  caveat travels with the numbers.
* SMS pumping / toll fraud, the reason reported for X's 2023 SMS change
  (``attacks.sms_pumping_*`` policies). Musk's $60M a year was never formally
  confirmed by X; the policy note says so.

``compare_with_google_2019`` puts the simulated outcomes next to Google's
figures for the methods both cover.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from course.facts.policy import Policy, all_policies
from course.facts.sources import Provenance, read_provenance
from course.i18n import LANGUAGES
from course.paths import data_path
from course.sim.attacks.attack_runs import AttackMatrix
from course.yaml_safe import safe_load


@dataclass(frozen=True)
class GoogleRow:
    key: str  # recovery_phone | sms_code | on_device_prompt | security_key
    blocked_percent: dict[str, int]
    course_method: str | None
    up_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoogleStudy:
    title: str
    publisher: str
    published: str
    provenance: Provenance
    caveat: dict[str, str]
    sample: dict[str, int]
    columns: tuple[str, ...]
    rows: tuple[GoogleRow, ...]

    def row(self, key: str) -> GoogleRow | None:
        return next((r for r in self.rows if r.key == key), None)


@lru_cache(maxsize=2)
def _load_google(path: str) -> GoogleStudy:
    with open(path, encoding="utf-8") as handle:
        raw: dict[str, Any] = safe_load(handle)
    study = raw["study"]
    rows = tuple(GoogleRow(key, {c: int(v) for c, v in entry["blocked_percent"].items()},
                           entry.get("course_method"), tuple(entry.get("up_to", ())))
                 for key, entry in raw["rows"].items())
    caveat = {lang: str(study["caveat"][lang]) for lang in LANGUAGES}
    sample = {k: int(study[k]) for k in ("hijacking_attempts", "users", "challenge_types")}
    provenance = read_provenance(study, "data/google_2019.yaml: study")
    return GoogleStudy(str(study["title"]), str(study["publisher"]), str(study["published"]),
                       provenance, caveat, sample, tuple(raw["columns"]), rows)


def google_2019() -> GoogleStudy:
    """The study's figures, citation and caveat."""
    return _load_google(str(data_path("google_2019.yaml")))


@dataclass(frozen=True)
class Comparison:
    """One of Google's challenges next to the simulated method it corresponds to."""

    google_row: str
    blocked_percent: dict[str, int]
    method: str
    simulated_holds: dict[str, bool]  # attack -> held in the simulation


def compare_with_google_2019(matrix: AttackMatrix) -> list[Comparison]:
    """Pair Google's rows with simulated outcomes for the same method.

    The two answer different questions: Google counts real attempts by
    attackers of varying skill; the simulation shows what a determined attacker
    can do. SMS codes stopped 76% of targeted attacks at Google, yet a relay
    gets through every time here, because that attacker always relays.
    """
    out = []
    for row in google_2019().rows:
        if row.course_method is None:
            continue
        outcomes = [o for o in matrix.outcomes if o.method == row.course_method and o.ok]
        if outcomes:
            out.append(Comparison(row.key, row.blocked_percent, row.course_method,
                                  {o.attack: o.held for o in outcomes}))
    return out


def sms_pumping_facts() -> tuple[Policy, ...]:
    """The SMS-pumping facts with status, source and (ja/en) notes, in file order."""
    return tuple(p for key, p in all_policies().items()
                 if key.startswith("attacks.sms_pumping"))
