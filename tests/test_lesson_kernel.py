"""App kernels prewarm: a ``python3`` kernel started by the app's servers has the
lesson widgets imported and the course data read before its first cell, leaves
no name in the learner's namespace, and a cache folder that cannot be written
only means kernels start as usual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.app import voila_config
from course.app.voila_config import PREWARM_LINE, kernel_dirs, lesson_kernel_dir, settings
from course.ui.prewarm import lesson_of


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_spec_runs_this_python_with_the_prewarm_line(cache):
    folder = lesson_kernel_dir()
    spec = json.loads((folder / "python3" / "kernel.json").read_text(encoding="utf-8"))
    assert folder == cache / "kernels"
    assert spec["argv"][:3] == [sys.executable, "-m", "ipykernel_launcher"]
    assert f"--IPKernelApp.exec_lines={PREWARM_LINE}" in spec["argv"]
    assert settings(prewarm=True)["KernelSpecManager"]["kernel_dirs"][0] == str(folder)
    assert "KernelSpecManager" not in settings()  # a hub's servers: no head start
    assert kernel_dirs()[0] == str(folder) and len(kernel_dirs()) > 1  # the usual ones after


def test_a_stale_spec_is_rewritten(cache):
    spec = lesson_kernel_dir() / "python3" / "kernel.json"
    spec.write_text('{"argv": ["/old/python"]}', encoding="utf-8")
    lesson_kernel_dir()
    assert json.loads(spec.read_text(encoding="utf-8"))["argv"][0] == sys.executable
    assert [p.name for p in spec.parent.iterdir()] == ["kernel.json"]  # no partial file left


def test_an_unwritable_cache_leaves_kernels_as_they_were(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(blocker / "cache"))
    assert lesson_kernel_dir() is None and kernel_dirs() is None
    assert "KernelSpecManager" not in settings(prewarm=True)
    assert settings(prewarm=True)["VoilaConfiguration"]["template"] == "course"


def test_a_kernel_from_the_spec_is_warm_before_its_first_cell(cache):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    specs = KernelSpecManager(kernel_dirs=kernel_dirs())
    assert specs.get_kernel_spec("python3").argv[0] == sys.executable
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    printed: list[dict] = []
    try:
        reply = client.execute_interactive(
            "import sys\n"
            "from course.facts.sources import _register\n"
            "print(sorted(m for m in ('course.ui.review', 'course.ui.simulated_phone',"
            " 'course.ui.closing_quiz') if m in sys.modules),"
            " _register.cache_info().currsize, 'prewarm' in dir())",
            timeout=60, output_hook=printed.append)
        assert reply["content"]["status"] == "ok"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    text = "".join(m["content"].get("text", "") for m in printed
                   if m["msg_type"] == "stream")
    assert text.strip() == ("['course.ui.closing_quiz', 'course.ui.review', "
                            "'course.ui.simulated_phone'] 1 False")


def test_a_failing_prewarm_is_silent_and_the_lesson_reports_it_itself(tmp_path):
    # A broken sources register: prewarm gives up quietly (no output, no error);
    # the lesson's own cells meet the same problem and explain it to the learner.
    data = tmp_path / "data"
    data.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "from course.ui.prewarm import prewarm; prewarm(); print('ok')"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "COURSE_DATA_DIR": str(data)})
    assert result.returncode == 0 and result.stdout == "ok\n" and result.stderr == ""


def test_voila_config_names_the_prewarm_module_that_exists():
    module, _, rest = PREWARM_LINE.partition(" import ")
    assert module == "from course.ui.prewarm" and rest.startswith("prewarm;")
    assert voila_config.lesson_kernel_spec()["language"] == "python"


@pytest.mark.parametrize(("url", "stem"), [
    ("http://127.0.0.1:8866/voila/render/ja/03_sms_codes.ipynb", "03_sms_codes"),
    ("http://127.0.0.1:8866/user/a/voila/render/course/en/06_two.ipynb?x=1", "06_two"),
    ("http://127.0.0.1:8866/voila/render/ja/00%5Fstart_here.ipynb", "00_start_here"),
    ("http://127.0.0.1:8866/voila/tree/ja", None),
    (None, None),
])
def test_the_lesson_is_read_from_the_page_url(url, stem):
    assert lesson_of(url) == stem


def test_prewarm_reads_the_lessons_bank_and_those_its_review_draws_from(monkeypatch):
    from course.ui import prewarm as module

    read: list[str] = []
    monkeypatch.setattr("course.quiz.bank.load_bank", read.append)
    module.prewarm({"VOILA_REQUEST_URL": "http://h/voila/render/ja/04_errors_and_accounts_"
                                         "per_number.ipynb"})
    assert read == ["01_why_a_phone_number", "02_adding_a_number", "03_sms_codes",
                    "04_errors_and_accounts_per_number"]
    read.clear()
    module.prewarm({})  # not a Voilà page: no bank is guessed
    assert read == []
