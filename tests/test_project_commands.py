"""The README's two commands, the Makefile behind them and CI agree."""

from __future__ import annotations

import os
import subprocess

from tests.helpers import REPO


def make_dry_run(target: str) -> str:
    result = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_readme_shows_the_two_commands_in_both_languages():
    for readme in ("README.md", "README.ja.md"):
        text = (REPO / readme).read_text(encoding="utf-8")
        assert "make lab" in text and "make test" in text, readme
        assert "environment.yml" in text, readme


def test_make_lab_runs_the_course_lab_command():
    assert "-m course lab" in make_dry_run("lab")


def test_make_test_runs_pytest_with_the_configured_options():
    assert "-m pytest" in make_dry_run("test")


def test_make_check_runs_every_test_but_the_real_browser_and_is_documented():
    assert '-m pytest -m "not browser"' in make_dry_run("check")
    for doc in ("README.md", "README.ja.md", "CONTRIBUTING.md"):
        assert "make check" in (REPO / doc).read_text(encoding="utf-8"), doc


def test_ci_installs_chromium_when_missing_requires_the_browser_and_runs_make_test():
    script = REPO / ".ci" / "run"
    assert os.access(script, os.X_OK)
    text = script.read_text()
    assert "apt-get install" in text and "chromium" in text
    assert "COURSE_REQUIRE_BROWSER=1" in text
    assert "make test" in text


def test_ci_runs_the_thorough_hypothesis_profile():
    from hypothesis import settings

    text = (REPO / ".ci" / "run").read_text()
    assert "HYPOTHESIS_PROFILE=ci" in text
    assert settings.get_profile("ci").max_examples > settings.get_profile("local").max_examples


def test_readme_notebook_tables_follow_the_course_map():
    import yaml

    course_map = yaml.safe_load((REPO / "data" / "course.yaml").read_text(encoding="utf-8"))
    status_words = {"en": {"available": "available", "planned": "planned"},
                    "ja": {"available": "公開中", "planned": "準備中"}}
    for readme, lang in (("README.md", "en"), ("README.ja.md", "ja")):
        rows = {line.split("|")[1].strip(" `"): line.split("|")[-2].strip()
                for line in (REPO / readme).read_text(encoding="utf-8").splitlines()
                if line.startswith("| `")}
        expected = {n["stem"]: status_words[lang][n["status"]] for n in course_map["notebooks"]}
        assert rows == expected, readme
