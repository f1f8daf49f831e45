"""Fixtures for the hub tests: one real JupyterHub shared by the whole session.

On a learner's machine without jupyterhub (the ``hub`` extra) or PostgreSQL
these tests are skipped with a visible reason; in CI (``COURSE_REQUIRE_HUB=1``)
a missing piece fails, as ``COURSE_REQUIRE_BROWSER`` does for the browser tests.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub.hubserver import Hub, new_hub
from tests.hub.postgres import Postgres, postgres_problem, start_postgres

pytestmark = pytest.mark.hub
LEARNERS = ("alice", "bob", "carol")
INSTRUCTOR = "teacher"


def _missing_or_skip(problem: str | None, what: str) -> None:
    if problem is None:
        return
    if os.environ.get("COURSE_REQUIRE_HUB") == "1":
        pytest.fail(f"hub tests are required here, but {problem}")
    pytest.skip(f"{what} skipped: {problem}")


def hub_problem() -> str | None:
    """Why a hub cannot run here, or None."""
    try:
        import jupyterhub  # noqa: F401
        import tornado  # noqa: F401
    except ImportError:
        return "jupyterhub is not installed (pip install -e '.[hub]')"
    binaries = Path(sys.executable).parent
    for name in ("jupyterhub", "jupyterhub-singleuser", "configurable-http-proxy"):
        if not (binaries / name).exists() and shutil.which(name) is None:
            return f"{name} is missing (pip install -e '.[hub]')"
    return None


def require_hub() -> None:
    _missing_or_skip(hub_problem(), "hub test")


def require_postgres() -> None:
    _missing_or_skip(postgres_problem(), "PostgreSQL test")


# Package scope: the hub tests run on one worker, one after another (ONE_WORKER_UNITS
# in the root conftest.py), so one hub serves them all and stops when the last ends.
@pytest.fixture(scope="package")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """A running hub with three learners and an instructor, their servers started."""
    require_hub()
    server = new_hub(tmp_path_factory.mktemp("hub"))
    try:
        server.start(instructors=(INSTRUCTOR,))
        server.add_users([*LEARNERS, INSTRUCTOR, "mallory"])
        server.start_servers(list(LEARNERS))
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def postgres() -> Iterator[Postgres]:
    require_postgres()
    server = start_postgres()
    try:
        yield server
    finally:
        server.stop()
