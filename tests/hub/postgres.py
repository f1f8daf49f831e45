"""A throwaway PostgreSQL server on loopback, started and stopped by a test or benchmark.

Uses Debian's binaries (``/usr/lib/postgresql/<version>/bin``). PostgreSQL
refuses to run as root, so as root the server runs as the ``postgres`` user
(or ``nobody``) through ``runuser``; as anyone else it runs as that user.
``postgres_problem()`` says why it cannot start here (for a visible skip).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.browser.lab import free_port


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _run_as() -> str | None:
    """The user the server runs as when we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return None


def postgres_problem() -> str | None:
    """Why a PostgreSQL server cannot be started here, or None."""
    if _bin_dir() is None:
        return "PostgreSQL is not installed (Debian: apt-get install postgresql)"
    if os.geteuid() == 0 and (_run_as() is None or shutil.which("runuser") is None):
        return "running as root without a postgres/nobody user and runuser"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[hub]')"
    return None


@dataclass
class Postgres:
    data: Path
    port: int
    user: str | None
    bin: Path

    @property
    def url(self) -> str:
        return f"postgresql://course@127.0.0.1:{self.port}/course"

    def _cmd(self, *args: str) -> list[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        return ["runuser", "-u", self.user, "--", *command] if self.user else command

    def stop(self) -> None:
        subprocess.run(self._cmd("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w",
                                 "stop"), capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.data.parent, ignore_errors=True)


def start_postgres(durable: bool = False, timeout: float = 60) -> Postgres:
    """initdb, start on a free loopback port, create user and database ``course``.

    ``durable=False`` turns fsync off (tests); benchmarks keep the defaults.
    """
    bin_dir = _bin_dir()
    assert bin_dir is not None
    user = _run_as()
    root = Path(tempfile.mkdtemp(prefix="course-pg-"))
    data = root / "data"
    data.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        os.chmod(root, 0o755)
        os.chown(data, entry.pw_uid, entry.pw_gid)
    server = Postgres(data, free_port(), user, bin_dir)
    subprocess.run(server._cmd("initdb", "-D", str(data), "-U", "course", "--auth=trust",
                               "-E", "UTF8", "--no-sync"),
                   capture_output=True, timeout=timeout, check=True)
    options = (f"-p {server.port} -c listen_addresses=127.0.0.1 -k {data} "
               f"-c max_connections=50{'' if durable else ' -c fsync=off'}")
    subprocess.run(server._cmd("pg_ctl", "-D", str(data), "-o", options, "-l",
                               str(data / "server.log"), "-w", "-t", str(int(timeout)),
                               "start"), capture_output=True, timeout=timeout + 10, check=True)
    deadline = time.monotonic() + timeout
    import psycopg

    while True:
        try:
            with psycopg.connect(f"postgresql://course@127.0.0.1:{server.port}/postgres",
                                 autocommit=True) as conn:
                conn.execute("CREATE DATABASE course")
            return server
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                server.stop()
                raise
            time.sleep(0.2)
