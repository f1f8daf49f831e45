"""``python -m course app`` and ``lab`` before any server runs: every fault a
learner can meet there is a message in their language and a non-zero exit,
never a traceback, and nothing saved is touched. (The app itself, served and
clicked through, is tested in tests/browser/test_app_lessons.py.)"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from course.app.voila_config import drop_check_cells, settings, template_resources
from course.commands import EXIT_BAD_INPUT, EXIT_FAILED, port_is_free
from course.commands.lab import lab_command, lab_settings_dir
from course.doctor import check_app, check_language_pack
from course.progress.preferences import FILE_NAME, PreferencesStore
from tests.helpers import REPO, run_course


@pytest.fixture
def taken_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]


def _shadow(tmp_path: Path, module: str) -> dict[str, str]:
    """An environment in which importing ``module`` fails, as if it were missing."""
    folder = tmp_path / "shadow" / module
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(f"raise ImportError('{module} is missing')\n",
                                        encoding="utf-8")
    return {"PYTHONPATH": str(tmp_path / "shadow")}


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_a_port_in_use_is_said_in_japanese_and_exits_non_zero(taken_port, tmp_path):
    assert not port_is_free(taken_port)
    result = run_course("app", "--lang", "ja", "--port", str(taken_port), "--no-browser")
    assert result.returncode == EXIT_FAILED, result.stdout + result.stderr
    assert f"ポート {taken_port} はほかのプログラムが使っています" in result.stderr
    assert f"http://127.0.0.1:{taken_port}/" in result.stderr
    _no_traceback(result)


def test_a_port_in_use_is_said_in_english_too(taken_port):
    result = run_course("app", "--lang", "en", "--port", str(taken_port), "--no-browser")
    assert result.returncode == EXIT_FAILED and f"Port {taken_port} is used" in result.stderr
    _no_traceback(result)


@pytest.mark.parametrize("port", ["0", "70000", "-5"])
def test_a_port_that_is_no_port_is_said_plainly(port):
    result = run_course("app", "--lang", "en", "--port", port, "--no-browser")
    assert result.returncode == EXIT_BAD_INPUT and "cannot be a port number" in result.stderr
    _no_traceback(result)


def test_missing_voila_is_a_message_with_the_fix(tmp_path):
    result = run_course("app", "--lang", "ja", "--no-browser", env=_shadow(tmp_path, "voila"))
    assert result.returncode == EXIT_FAILED
    assert "Voilà が入っていません" in result.stderr and "make app" in result.stderr
    _no_traceback(result)


def test_missing_notebooks_are_a_message(tmp_path):
    result = run_course("app", "--lang", "en", "--root", str(tmp_path / "nowhere"))
    assert result.returncode == EXIT_BAD_INPUT and "notebooks are missing" in result.stderr
    _no_traceback(result)


def test_an_unknown_language_is_refused_and_the_saved_choice_kept():
    PreferencesStore.default().set_language("en")
    result = run_course("app", "--lang", "klingon", "--no-browser")
    assert result.returncode == EXIT_BAD_INPUT and "klingon" in result.stderr
    assert PreferencesStore.default().language().language == "en"
    _no_traceback(result)


def test_the_language_given_is_remembered_for_the_home_page(taken_port):
    run_course("app", "--lang", "English", "--port", str(taken_port), "--no-browser")
    store = PreferencesStore.default()
    assert store.path.name == FILE_NAME and store.language().language == "en"


def test_lab_in_japanese_without_the_language_pack_says_how_to_fix_it(tmp_path):
    env = {**_shadow(tmp_path, "jupyterlab_language_pack_ja_JP"), "COURSE_LANG": "ja"}
    result = run_course("lab", "--lang", "ja", "--no-browser", env=env)
    assert result.returncode == EXIT_FAILED and "日本語言語パック" in result.stderr
    _no_traceback(result)


def test_lab_on_a_port_in_use_is_a_message(taken_port):
    result = run_course("lab", "--lang", "en", "--port", str(taken_port), "--no-browser",
                        env={"COURSE_LANG": "en"})
    assert result.returncode == EXIT_FAILED and f"Port {taken_port} is used" in result.stderr
    _no_traceback(result)


@pytest.mark.parametrize("lang, locale", [("ja", "ja_JP"), ("en", "en")])
def test_lab_shows_its_menus_in_the_course_language(lang, locale):
    command = lab_command(REPO / "notebooks", lang, open_browser=False)
    folder = lab_settings_dir(lang)
    assert f"--LabApp.app_settings_dir={folder}" in command
    overrides = json.loads((folder / "overrides.json").read_text(encoding="utf-8"))
    base = json.loads((folder.parents[1] / "overrides.json").read_text(encoding="utf-8"))
    assert overrides.pop("@jupyterlab/translation-extension:plugin") == {"locale": locale}
    assert overrides == base  # the course's other settings hold in both languages


def test_doctor_checks_what_app_mode_and_the_japanese_interface_need(tmp_path, monkeypatch):
    assert [c.status for c in check_app("en")] == ["ok", "ok"]
    assert [c.status for c in check_language_pack("ja")] == ["ok"]
    monkeypatch.syspath_prepend(str(tmp_path / "shadow"))
    _shadow(tmp_path, "jupyterlab_language_pack_ja_JP")
    monkeypatch.delitem(__import__("sys").modules, "jupyterlab_language_pack_ja_JP",
                        raising=False)
    failed = list(check_language_pack("ja"))
    assert failed[0].failed and "make lab" in failed[0].fix


def test_the_app_settings_hide_check_cells_and_carry_both_languages():
    cells = [{"cell_type": "code", "metadata": {"tags": ["course-check"]}, "source": "x"},
             {"cell_type": "code", "metadata": {}, "source": "SimulatedPhone()"}]
    notebook = type("Nb", (), {"cells": cells})()
    assert [c["source"] for c in drop_check_cells(None, notebook, "").cells] == [
        "SimulatedPhone()"]
    resources = template_resources()
    assert resources["text"]["ja"]["home"] == "コースの目次"
    assert resources["text"]["en"]["home"] == "Course home"
    assert resources["lessons"][0]["stem"] == "00_start_here"
    assert settings()["VoilaConfiguration"]["template"] == "course"
