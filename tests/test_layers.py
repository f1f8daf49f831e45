"""The layer rules of CONTRIBUTING.md, checked on the source.

Each package of ``course`` may import only the layers listed for it, and the
subject groups of ``course.sim`` form a hierarchy (a group imports only groups
below it), so a newcomer can read the code from the bottom up. Imports inside a
function count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "course"

BASE = {"course", "paths", "yaml_safe", "i18n", "glossary", "problems"}
# Which top-level parts of ``course`` each part may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "paths": set(),
    "yaml_safe": set(),
    "i18n": {"paths", "yaml_safe"},
    "glossary": {"paths", "yaml_safe", "i18n"},
    "problems": {"paths", "yaml_safe", "i18n"},
    "doctor": {"paths", "yaml_safe", "i18n"},
    "facts": {"paths", "yaml_safe", "i18n"},
    "sim": BASE | {"facts"},
    "quiz": BASE | {"facts"},
    "progress": BASE | {"facts", "quiz", "sim"},
    "workshop": BASE | {"facts", "quiz", "progress", "plots"},
    "plots": BASE | {"facts", "quiz", "sim"},
    "ui": BASE | {"facts", "sim", "quiz", "progress", "plots"},
    "hub": BASE | {"facts", "quiz", "progress", "workshop"},
    "lessons": BASE | {"facts", "sim", "quiz", "progress", "plots", "ui", "workshop"},
    "app": BASE | {"facts", "sim", "quiz", "progress"},  # Voilà settings and the app server
    "commands": BASE | {"facts", "sim", "quiz", "progress", "plots", "workshop", "doctor",
                        "ui", "lessons", "hub", "app"},
    "cli": BASE | {"commands", "doctor"},
    "__main__": {"cli"},
}

# course.sim's subject groups, bottom first; a group may import only earlier levels.
SIM_LEVELS: list[set[str]] = [
    {"core"},
    {"numbers"},
    {"sms"},
    {"accounts"},
    {"twofactor", "recovery", "discoverability", "scams"},
    {"attacks"},
]


def _part(module: str) -> str | None:
    """The top-level part of ``course`` a dotted module belongs to."""
    parts = module.split(".")
    if parts[0] != "course":
        return None
    return parts[1] if len(parts) > 1 else "course"


def _is_part(name: str) -> bool:
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name / "__init__.py").exists()


def _imports(path: Path) -> list[str]:
    """Every ``course...`` module a file imports, at any depth of the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "course":  # a submodule, or an attribute of course/__init__
                found += [f"course.{a.name}" if _is_part(a.name) else "course"
                          for a in node.names]
            elif node.module.startswith("course."):
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("course.")]
    return found


def _owner(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py") if relative.parts[0] != "__init__.py" \
        else "course"


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_part_of_the_package_has_a_rule():
    parts = {_owner(p) for p in _sources()} - {"course"}
    assert sorted(parts - set(ALLOWED)) == []


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_the_layers_below_it(path: Path):
    owner = _owner(path)
    # course/__init__.py is the cheap entry point: it may import i18n only.
    allowed = {"i18n"} if owner == "course" else ALLOWED[owner] | {owner}
    wrong = [m for m in _imports(path) if _part(m) not in allowed and m != "course"]
    assert wrong == [], f"{owner} may import only {sorted(allowed)}"


def _sim_group(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["course", "sim"] else None


def test_the_sim_groups_are_the_declared_ones():
    groups = {p.name for p in (PACKAGE / "sim").iterdir() if (p / "__init__.py").exists()}
    assert groups == set().union(*SIM_LEVELS)
    assert sorted(p.name for p in (PACKAGE / "sim").glob("*.py")) == ["__init__.py"]


@pytest.mark.parametrize("path", sorted((PACKAGE / "sim").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_sim_groups_form_a_hierarchy(path: Path):
    group = path.relative_to(PACKAGE / "sim").parts[0]
    if group == "__init__.py":
        return
    level = next(i for i, names in enumerate(SIM_LEVELS) if group in names)
    allowed = set().union(*SIM_LEVELS[:level]) | {group}
    wrong = [m for m in _imports(path) if (g := _sim_group(m)) and g not in allowed]
    assert wrong == [], f"course.sim.{group} may import only {sorted(allowed)}"


def test_the_rules_catch_a_wrong_import(tmp_path: Path):
    """The scanner sees lazy imports and the from-course form, so the rules can fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from course.ui import base\n    from course import quiz, t\n",
                   encoding="utf-8")
    assert _imports(bad) == ["course.ui", "course.quiz", "course"]
