"""Shared test setup: every test runs with the course language reset to ja
and with a private progress folder, so no test touches a learner's files."""

from __future__ import annotations

import pytest

import course


@pytest.fixture(autouse=True)
def _course_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path_factory.mktemp("progress")))
    course.set_language("ja")
    yield
    course.set_language("ja")
