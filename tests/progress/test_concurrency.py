"""Several kernels writing to one progress file lose nothing, and a writer
killed mid-way keeps every answer it had confirmed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from course.progress.store import ProgressStore
from tests.helpers import REPO

WRITER = Path(__file__).with_name("writer.py")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.mark.slow
def test_eight_processes_writing_500_answers_each_leave_exactly_4000_rows(tmp_path):
    db = tmp_path / "progress.sqlite"
    ProgressStore(db).close()  # created once, as the first kernel would
    writers = [subprocess.Popen([sys.executable, str(WRITER), str(db), "500"], env=_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(8)]
    outputs = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0] * 8, [err for _, err in outputs]
    acknowledged = [int(line.split()[1]) for out, _ in outputs for line in out.splitlines()]
    assert len(acknowledged) == 4000
    rows = ProgressStore(db).rows(all_learners=True)
    assert len(rows) == 4000
    # The attempt numbers were handed out under the write lock: 1..4000, no gaps, no twins.
    assert sorted(r.attempt for r in rows) == list(range(1, 4001)) == sorted(acknowledged)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_a_writer_killed_mid_way_keeps_every_answer_it_confirmed(tmp_path):
    db = tmp_path / "progress.sqlite"
    writer = subprocess.Popen([sys.executable, str(WRITER), str(db), "1000000"], env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    confirmed = []
    assert writer.stdout is not None
    for line in writer.stdout:
        if line.startswith("ok "):
            confirmed.append(int(line.split()[1]))
        if len(confirmed) >= 300:
            break
    os.kill(writer.pid, signal.SIGKILL)  # no chance to clean up or commit anything else
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    store = ProgressStore(db)
    assert store.notice is None  # the file is intact, not moved aside
    stored = {r.attempt for r in store.rows("learner-shared")}
    assert set(confirmed) <= stored
    assert stored == set(range(1, len(stored) + 1))  # nothing half-written
