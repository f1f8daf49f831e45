"""deploy/: the single-machine configuration loads and says what the course needs; the
Kubernetes values agree with it (service, scopes, ports, workshop mode)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import yaml

from course.hub.config import DEFAULT_URL, READ_ALL_SCOPE, SERVICE_NAME
from tests.helpers import REPO

DEPLOY = REPO / "deploy"


def _config(monkeypatch, **env: str):
    traitlets = pytest.importorskip("traitlets.config")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = traitlets.Config()
    runpy.run_path(str(DEPLOY / "jupyterhub_config.py"),
                   init_globals={"get_config": lambda: config})
    return config


def test_the_single_machine_config_isolates_learners_and_runs_the_results_service(monkeypatch):
    c = _config(monkeypatch, COURSE_HUB_INSTRUCTORS="sato,tanaka", COURSE_HUB_DATA="/srv/x")
    assert c.JupyterHub.spawner_class == "localprocess"  # system users
    assert c.JupyterHub.authenticator_class == "nativeauthenticator.NativeAuthenticator"
    assert c.NativeAuthenticator.open_signup is False
    assert c.JupyterHub.ip == "127.0.0.1" and c.JupyterHub.cleanup_servers is False
    services = {s["name"]: s for s in c.JupyterHub.services}
    assert set(services) == {SERVICE_NAME, "idle-culler"}
    assert services[SERVICE_NAME]["environment"]["COURSE_RESULTS_DB"] == \
        "/srv/x/course-results.sqlite"
    assert "--timeout=3600" in services["idle-culler"]["command"]
    assert c.JupyterHub.load_groups == {"instructors": {"users": ["sato", "tanaka"]}}
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert READ_ALL_SCOPE in roles["course-instructor"]["scopes"]
    assert READ_ALL_SCOPE not in roles["user"]["scopes"]
    assert f"access:services!service={SERVICE_NAME}" in c.Spawner.server_token_scopes
    assert c.Spawner.environment["COURSE_QUIZ_MODE"] == "workshop"
    assert c.Spawner.default_url == DEFAULT_URL and c.Spawner.mem_limit == "1G"
    app_config = Path(c.Spawner.environment["JUPYTER_CONFIG_PATH"])
    assert (app_config / "jupyter_server_config.py").is_file()
    assert c.Spawner.pre_spawn_hook.__name__ == "prepare_learner"  # makes the Unix user


def test_a_shared_password_and_postgresql_are_one_variable_each(monkeypatch):
    c = _config(monkeypatch, COURSE_HUB_AUTH="shared-password",
                COURSE_HUB_PASSWORD="room-password-2026", COURSE_HUB_LEARNERS="a1 a2",
                COURSE_RESULTS_DB="postgresql://results@db/course")
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.Authenticator.allowed_users == {"a1", "a2"}
    service = next(s for s in c.JupyterHub.services if s["name"] == SERVICE_NAME)
    assert service["environment"]["COURSE_RESULTS_DB"] == "postgresql://results@db/course"


def test_the_kubernetes_values_agree_with_the_single_machine_setup():
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    service = values["hub"]["services"][SERVICE_NAME]
    assert service["command"] == ["python3", "-m", "course.hub.service"]
    assert service["oauth_client_allowed_scopes"] == [READ_ALL_SCOPE]
    port = int(service["url"].rsplit(":", 1)[1])
    env = values["singleuser"]["extraEnv"]
    assert env["COURSE_RESULTS_URL"] == f"http://hub:{port}/services/{SERVICE_NAME}/"
    assert env["COURSE_QUIZ_MODE"] == "workshop"
    assert values["hub"]["service"]["extraPorts"][0]["port"] == port
    assert READ_ALL_SCOPE in values["hub"]["loadRoles"]["course-instructor"]["scopes"]
    assert READ_ALL_SCOPE in values["hub"]["extraConfig"]["course"]
    assert values["singleuser"]["defaultUrl"] == DEFAULT_URL
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text()
    assert "AS singleuser" in dockerfile and "AS hub" in dockerfile and "[hub]" in dockerfile
    assert "JUPYTER_CONFIG_PATH=/opt/course-app-config" in dockerfile  # the app's settings
