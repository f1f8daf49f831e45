# JupyterHub configuration for a workshop on one machine (up to about 50 learners).
# Step-by-step instructions: deploy/README.md (English) and deploy/README.ja.md (日本語).
#
# Every choice the course needs (the results service, scopes, workshop mode, the idle
# culler, memory limits, the learners' default page) is made by course.hub.config,
# the same code the trial hub (`python -m course hub`) and the tests run. Change the
# values below through environment variables or by editing this file.
import os
from pathlib import Path

from course.hub.config import DEFAULT_URL, HubSettings, configure


def _names(variable: str) -> tuple[str, ...]:
    return tuple(n for n in os.environ.get(variable, "").replace(",", " ").split() if n)


settings = HubSettings(
    # Where learners connect. Put the hub behind HTTPS (see README step 6) and keep
    # it on 127.0.0.1, or set COURSE_HUB_IP=0.0.0.0 with c.JupyterHub.ssl_cert/ssl_key.
    ip=os.environ.get("COURSE_HUB_IP", "127.0.0.1"),
    port=int(os.environ.get("COURSE_HUB_PORT", "8000")),
    data_dir=Path(os.environ.get("COURSE_HUB_DATA", "/srv/course-hub")),
    # SQLite (WAL) by default; a postgresql://user:password@host/db URL for PostgreSQL.
    results_db=os.environ.get("COURSE_RESULTS_DB") or None,
    # System users: each learner is a Unix user and cannot read another's files.
    # "systemd" adds enforced memory/CPU limits (pip install jupyterhub-systemdspawner).
    spawner=os.environ.get("COURSE_HUB_SPAWNER", "localprocess"),
    # NativeAuthenticator: learners sign up, the instructor approves them at
    # /hub/authorize. "shared-password": one password for the room (COURSE_HUB_PASSWORD).
    authenticator=os.environ.get("COURSE_HUB_AUTH", "native"),
    shared_password=os.environ.get("COURSE_HUB_PASSWORD") or None,
    allowed_users=_names("COURSE_HUB_LEARNERS"),
    admin_users=_names("COURSE_HUB_ADMINS"),
    instructors=_names("COURSE_HUB_INSTRUCTORS"),
    lang=os.environ.get("COURSE_LANG", "ja"),
    # The page a learner opens first: one value (app mode when the course has it).
    default_url=os.environ.get("COURSE_HUB_DEFAULT_URL", DEFAULT_URL),
    mem_limit=os.environ.get("COURSE_HUB_MEM_LIMIT", "1G"),
    cpu_limit=float(os.environ.get("COURSE_HUB_CPU_LIMIT", "1")),
    cull_idle_seconds=int(os.environ.get("COURSE_HUB_CULL_SECONDS", "3600")),
    # The hub creates each learner's Unix user on first start (useradd; systemd:
    # transient users). Set COURSE_HUB_CREATE_USERS=0 when you create them yourself.
    create_system_users=os.environ.get("COURSE_HUB_CREATE_USERS", "1") == "1",
)

c = get_config()  # noqa: F821
configure(c, settings)
