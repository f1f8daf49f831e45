"""Policies and facts the simulators use, read from ``data/policies/*.yaml``.

Every value carries where it comes from (``sources``: ids in the sources
register, data/sources.yaml) and whether X documents it or the simulator
assumes it (``status``), so the notebooks can label each number honestly. A
value is looked up as ``<file stem>.<name>``, e.g. ``sms.code_expiry_seconds``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from course.facts.sources import STATUSES, Provenance, Sourced, SourceError, read_provenance
from course.paths import data_dir
from course.yaml_safe import safe_load

__all__ = ["STATUSES", "Policy", "PolicyError", "all_policies", "policy", "value"]


@dataclass(frozen=True)
class Policy(Sourced):
    """One value with its provenance."""

    key: str
    value: Any
    provenance: Provenance
    note: dict[str, str] | None = None
    reasoning: str | None = None  # why the course holds this value (maintainers only)

    @property
    def sources(self) -> tuple[str, ...]:
        return self.provenance.sources

    @property
    def assumed(self) -> bool:
        return self.status == "assumed"


class PolicyError(ValueError):
    """A policy file that is missing a value or a valid status, or names an unknown source."""


def _load_file(path: Path) -> dict[str, Policy]:
    raw = safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise PolicyError(f"{path}: must be a mapping of name -> policy")
    out = {}
    for name, entry in raw.items():
        key = f"{path.stem}.{name}"
        if not isinstance(entry, dict) or "value" not in entry:
            raise PolicyError(f"{path}: {name}: needs a value")
        try:
            provenance = read_provenance(entry, f"{path}: {name}")
        except SourceError as error:
            raise PolicyError(str(error)) from None
        out[key] = Policy(key, entry["value"], provenance, entry.get("note"),
                          entry.get("reasoning"))
    return out


@lru_cache(maxsize=4)
def _load_all(directory: str) -> dict[str, Policy]:
    policies: dict[str, Policy] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        policies.update(_load_file(path))
    return policies


def all_policies() -> dict[str, Policy]:
    """Every policy the course declares."""
    return _load_all(str(data_dir() / "policies"))


def policy(key: str) -> Policy:
    """Return one policy by key (KeyError naming it when absent)."""
    try:
        return all_policies()[key]
    except KeyError:
        raise KeyError(f"no policy {key!r} in data/policies") from None


def value(key: str) -> Any:
    """Shortcut for ``policy(key).value``."""
    return policy(key).value
