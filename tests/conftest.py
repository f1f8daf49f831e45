"""Shared test setup: every test runs with the course language reset to ja
and with a private progress folder, so no test touches a learner's files.

Hypothesis profiles, chosen with ``HYPOTHESIS_PROFILE``: ``ci`` (what
``.ci/run`` sets) runs every property test with the example count written in
the test; ``local`` (the default) runs a quarter of them, for quick loops.
Tests write their count as ``examples(n)`` (tests/helpers.py). Neither profile
has a deadline: speed is measured in benchmarks/, never asserted in tests.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

import course
from tests.helpers import CI_MAX_EXAMPLES

settings.register_profile("ci", max_examples=CI_MAX_EXAMPLES, deadline=None, print_blob=True,
                          database=None)
settings.register_profile("local", max_examples=CI_MAX_EXAMPLES // 4, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "local"))


@pytest.fixture(autouse=True)
def _course_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path_factory.mktemp("progress")))
    course.set_language("ja")
    yield
    course.set_language("ja")
