"""``python -m course``: help, doctor, and the lab command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course.commands.lab import lab_command
from course.doctor import Check, check_catalogs, check_python
from course.paths import data_dir
from tests.helpers import run_course


def test_help_lists_every_command_in_english():
    result = run_course("--help", env={"COURSE_LANG": "en"})
    assert result.returncode == 0
    for command in ("doctor", "lab"):
        assert command in result.stdout
    assert "Open JupyterLab" in result.stdout


def test_help_speaks_japanese_when_asked():
    result = run_course("--help", env={"COURSE_LANG": "ja"})
    assert result.returncode == 0 and "JupyterLab を開き" in result.stdout


def test_doctor_reports_ok_line_by_line_and_exits_zero():
    result = run_course("doctor", "--no-kernel", env={"COURSE_LANG": "en"})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("OK   Python version")
    assert any(line.startswith("OK   Package phonenumbers: 9.0.43") for line in lines)
    assert "Everything is ready" in lines[-1]


@pytest.mark.slow
def test_doctor_starts_the_kernel_and_imports_the_course_in_it():
    result = run_course("doctor", env={"COURSE_LANG": "en"}, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    kernel = next(line for line in result.stdout.splitlines() if "Jupyter kernel" in line)
    assert kernel.startswith("OK") and "python" in kernel


def test_doctor_fails_with_a_fix_in_japanese_when_the_texts_are_broken(tmp_path: Path):
    broken = tmp_path / "data"
    shutil.copytree(data_dir(), broken)
    (broken / "i18n" / "en" / "quiz.yaml").write_text("check: [unclosed\n", encoding="utf-8")
    # The ja catalog stays readable, so the report itself can still be written.
    result = run_course("doctor", "--no-kernel",
                        env={"COURSE_LANG": "ja", "COURSE_DATA_DIR": str(broken)})
    assert result.returncode == 1
    fail = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert fail and "文章データ" in fail[0]
    assert "直し方" in result.stdout and "Traceback" not in result.stderr


def test_doctor_checks_are_structured():
    assert all(isinstance(c, Check) and c.status == "ok" for c in check_python("en"))
    assert [c.status for c in check_catalogs("en")] == ["ok"]


def test_lab_command_binds_to_loopback_and_opens_the_start_notebook(tmp_path: Path):
    command = lab_command(tmp_path, "en", port=8899, open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--LabApp.default_url=/lab/tree/en/00_start_here.ipynb" in command
    assert "--ServerApp.port=8899" in command and f"--ServerApp.root_dir={tmp_path}" in command
    assert command[1:3] == ["-m", "jupyterlab"]


def test_lab_refuses_an_unknown_language_and_a_missing_notebook(tmp_path: Path):
    result = run_course("lab", "--lang", "fr", "--no-browser", env={"COURSE_LANG": "en"})
    assert result.returncode == 2 and "'ja'" in result.stderr
    result = run_course("lab", "--root", str(tmp_path), "--no-browser", env={"COURSE_LANG": "en"})
    assert result.returncode == 2 and "start notebook is missing" in result.stderr
