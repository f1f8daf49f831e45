"""pyproject.toml is the single source of dependencies; environment.yml mirrors it."""

from __future__ import annotations

import re
import sys

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from tests.helpers import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


def pyproject_requirements() -> dict[str, SpecifierSet]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + [line for extra in project["optional-dependencies"].values()
                                       for line in extra]
    return {canonicalize_name(r.name): r.specifier for r in map(Requirement, lines)}


def conda_requirements() -> dict[str, SpecifierSet]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    out = {}
    for entry in env["dependencies"]:
        if not isinstance(entry, str):
            continue
        match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", entry.strip())
        name, spec = match.group(1), match.group(2).replace(" ", "")
        if name in ("python", "pip"):
            continue
        out[canonicalize_name(name)] = SpecifierSet(spec)
    return out


def test_environment_yml_lists_the_same_packages_as_pyproject():
    pip, conda = pyproject_requirements(), conda_requirements()
    assert sorted(set(pip) - set(conda)) == [], "in pyproject.toml but not in environment.yml"
    assert sorted(set(conda) - set(pip)) == [], "in environment.yml but not in pyproject.toml"


def test_environment_yml_uses_the_same_version_specifiers():
    pip, conda = pyproject_requirements(), conda_requirements()
    different = {name: (str(pip[name]), str(conda[name]))
                 for name in pip if name in conda and pip[name] != conda[name]}
    assert different == {}


def test_environment_yml_installs_the_course_itself_and_pins_python():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_sections = [e["pip"] for e in env["dependencies"] if isinstance(e, dict) and "pip" in e]
    assert pip_sections, "environment.yml has no pip section installing the course"
    assert any(line.replace("--editable", "-e").split() == ["-e", "."]
               for line in pip_sections[0])
    python = next(e for e in env["dependencies"] if isinstance(e, str) and e.startswith("python"))
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert SpecifierSet(python.split(None, 1)[1].replace(" ", "")) == SpecifierSet(requires)


def test_phonenumbers_is_pinned_to_a_release_that_knows_060_mobile():
    spec = pyproject_requirements()["phonenumbers"]
    assert "9.0.31" not in spec and "9.0.43" in spec


def test_jsonschema_does_not_build_the_iri_parsers_on_import():
    """Every Jupyter server, Voila and hub process imports jsonschema's format
    checkers; from jsonschema 4.25 they import rfc3987-syntax, which compiles about
    38 parsers on import (1.3 s of CPU per process here). pyproject.toml keeps
    jsonschema below 4.25 for that reason: this fails if a change lets it back in."""
    import jsonschema._format  # noqa: F401

    assert "rfc3987_syntax" not in sys.modules
