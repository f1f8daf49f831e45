"""The results service: a JupyterHub-managed tornado app, graded on the server.

Run by the hub (``c.JupyterHub.services``, see ``course.hub.config``) as
``python -m course.hub.service``. It learns who calls from the hub
(``HubOAuthenticated``: a learner kernel's ``$JUPYTERHUB_API_TOKEN``, or an
instructor's browser through OAuth), so a body can never speak for another
learner. Routes, under the service prefix (``/services/course-results/``):

- ``POST api/answers``: a learner's rows (``course.hub.protocol``), graded from
  the bank and stored once per (learner, quiz, question, mode, attempt);
- ``GET api/answers``: the caller's own rows; ``?learner=NAME`` or ``?all=1``
  needs the instructors' scope (``READ_ALL_SCOPE``), else 403;
- ``GET api/releases``: the lessons whose answers the instructor released;
- ``GET dashboard`` (and the prefix itself), ``GET live``, ``POST release``,
  ``GET export.csv``: the instructors' live class dashboard (``course.hub.dashboard``);
- ``GET health``: no authentication, for start-up checks.

Errors are JSON ``{"error": code, "message": {"ja": ..., "en": ...}}`` for the API
and plain pages for the dashboard; no traceback leaves the service. Settings
come from the environment: ``COURSE_RESULTS_DB`` (a SQLite path, default
``course-results.sqlite``, or a ``postgresql://`` URL), the hub's
``JUPYTERHUB_SERVICE_URL`` / ``JUPYTERHUB_SERVICE_PREFIX``, and
``COURSE_RESULTS_BIND`` (the address to listen on, default the URL's host).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated, UserNotAllowed
from tornado import ioloop, web

from course.hub.dashboard import class_view, live_html, page_html
from course.hub.protocol import BodyError, OtherLearnerError, learner_id, parse_body, receive
from course.hub.storage import Incoming, Storage, open_storage
from course.i18n import LANGUAGES, both, normalize_language
from course.quiz.problems import Problem
from course.quiz.results_io import BANK_ID, to_csv
from course.workshop.banks import course_banks

SERVICE_NAME = "course-results"
READ_ALL_SCOPE = f"custom:{SERVICE_NAME}:read-all"
STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
       "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
TORNADO_BODY_LIMIT = 4 * 1024 * 1024  # beyond it tornado drops the connection; below, we say why
log = logging.getLogger("course.hub.service")


def all_banks() -> dict:
    """The course's banks, loaded once (the service grades with them)."""
    from course.quiz.bank import bank_paths

    return course_banks(p.stem for p in bank_paths() if BANK_ID.fullmatch(p.stem))


class Base(HubOAuthenticated, web.RequestHandler):
    """Who is calling (from the hub, asked without blocking) and safe responses."""

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("Cache-Control", "no-store")

    def check_xsrf_cookie(self) -> None:
        # Tornado checks XSRF before ``prepare`` asks the hub who is calling. A request
        # that carries a token header is not cookie-authenticated (a page on another
        # site cannot set that header), so only cookie sessions need the XSRF token.
        if self.request.headers.get("Authorization", "").startswith(("token ", "Bearer ")):
            return
        super().check_xsrf_cookie()

    @property
    def storage(self) -> Storage:
        return self.settings["storage"]

    async def prepare(self) -> None:
        if hasattr(self, "_hub_auth_user_cache"):
            return
        try:
            model = await self.hub_auth.get_user(self, sync=False)
        except web.HTTPError as exc:  # the hub cannot be asked just now
            log.warning("hub unavailable: %s", exc)
            self._hub_auth_user_cache = None
            self._hub_down = True
            return
        if not model:
            self._hub_auth_user_cache = None
            return
        try:
            self._hub_auth_user_cache = self.check_hub_user(model)
        except UserNotAllowed:
            self._hub_auth_user_cache = None

    @property
    def is_learner(self) -> bool:
        user = self.current_user
        return bool(user) and user.get("kind", "user") == "user"

    @property
    def reads_all(self) -> bool:
        user = self.current_user or {}
        return READ_ALL_SCOPE in set(user.get("scopes", ()))

    @property
    def learner(self) -> str:
        return learner_id(self.current_user["name"])

    def lang(self) -> str:
        try:
            return normalize_language(self.get_argument("lang", "ja"))
        except ValueError:
            return "ja"


class ApiHandler(Base):
    def fail(self, status: int, code: str, problem: Problem | None = None) -> None:
        message = problem.text if problem is not None else both(f"hub.problem.{code}")
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": code, "message": message}, ensure_ascii=False))

    def identified(self) -> bool:
        if getattr(self, "_hub_down", False):
            self.fail(503, "hub_unavailable")
            return False
        if not self.is_learner:
            self.fail(403, "no_identity")
            return False
        return True

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        code = "server_error" if status_code >= 500 else "bad_request"
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": code, "message": both(f"hub.problem.{code}")},
                               ensure_ascii=False))


class GroupWriter:
    """Writes answers in one transaction per moment, off the event loop.

    Requests arriving while a write is in flight wait for the next one, so a
    class posting at once shares commits (PostgreSQL's fsync is paid once per
    group, not per answer) and the service keeps taking requests meanwhile.

    A storage whose write is cheaper than a trip to a thread
    (``writes_inline``: SQLite in WAL mode commits without an fsync, about
    0.3 ms for a lesson's answers) is written on the event loop itself: on a
    busy server each wake-up of a thread and of the loop waits for a CPU, and
    those two waits were most of a submit's time (median 54 ms of a 75 ms
    request in the class benchmark, for 0.3 ms of work).
    """

    def __init__(self, storage: Storage):
        self.storage = storage
        self.pending: list[tuple[list[Incoming], asyncio.Future]] = []
        self.task: asyncio.Task | None = None

    async def add(self, rows: list[Incoming]) -> list[str]:
        if self.storage.writes_inline:
            return self.storage.add(rows)
        future = asyncio.get_running_loop().create_future()
        self.pending.append((rows, future))
        if self.task is None or self.task.done():
            self.task = asyncio.ensure_future(self._drain())
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self.pending:
            group, self.pending = self.pending, []
            rows = [row for part, _ in group for row in part]
            try:
                statuses = await loop.run_in_executor(None, self.storage.add, rows)
            except Exception as exc:  # the database failed: every waiting request hears it
                for _, future in group:
                    future.set_exception(exc)
                continue
            start = 0
            for part, future in group:
                future.set_result(statuses[start:start + len(part)])
                start += len(part)


class AnswersHandler(ApiHandler):
    async def post(self) -> None:
        if not self.identified():
            return
        learner = self.learner
        try:
            raws = parse_body(self.request.body)
            received = [receive(raw, learner, self.settings["banks"]) for raw in raws]
        except OtherLearnerError as exc:
            return self.fail(403, "other_learner", exc.problem)
        except BodyError as exc:
            return self.fail(400, exc.problem.code, exc.problem)
        good = [r for r in received if r.ok]
        statuses = iter(await self.settings["writer"].add(
            [Incoming(r.row, r.claimed_score, r.regraded, r.invalid) for r in good]))
        results = []
        for r in received:
            if r.ok:
                results.append({"status": next(statuses), "score": r.row.score,
                                "regraded": r.regraded, "invalid": r.invalid})
            else:
                results.append({"status": "refused", "error": r.problem.code,
                                "message": r.problem.text})
        self.write({"learner": learner, "results": results,
                    "released": sorted(self.storage.releases())})

    def get(self) -> None:
        if not self.identified():
            return
        wanted = self.get_argument("learner", None)
        everyone = self.get_argument("all", "") in ("1", "true")
        if (everyone or (wanted is not None and learner_id(wanted) != self.learner)) \
                and not self.reads_all:
            return self.fail(403, "not_yours")
        learner = None if everyone else (learner_id(wanted) if wanted else self.learner)
        rows = [s.row.as_dict() | {"regraded": s.regraded, "invalid": s.invalid}
                for s in self.storage.rows(learner)]
        self.write({"rows": rows})


class ReleasesHandler(ApiHandler):
    def get(self) -> None:
        if not self.identified():
            return
        self.write({"released": sorted(self.storage.releases())})


class HealthHandler(web.RequestHandler):
    def get(self) -> None:
        self.write({"ok": True})


class DashboardBase(Base):
    """Instructors only: a browser logs in through the hub (OAuth), then needs the scope."""

    def allowed(self) -> bool:
        if self.current_user is None:
            if getattr(self, "_hub_down", False):
                raise web.HTTPError(503)
            self.redirect(self.get_login_url())
            return False
        if not self.reads_all:
            raise web.HTTPError(403)
        return True

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        key = {403: "not_instructor", 503: "hub_unavailable"}.get(status_code, "server_error")
        lang = self.lang()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        from course.hub.dashboard import e

        self.finish(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                    f"<title>{status_code}</title></head><body><main><h1>{status_code}</h1>"
                    f"<p>{e(both(f'hub.problem.{key}')[lang])}</p></main></body></html>")

    def view_html(self, lang: str) -> tuple[str, str]:
        """The live part for the current data (cached per data version and language)."""
        version = self.storage.version()
        cache = self.settings["cache"]
        key = (version, lang)
        if cache.get("version") != version:
            stored = self.storage.rows()
            cache.clear()
            cache["version"] = version
            cache["view"] = class_view([s.row for s in stored], self.storage.releases(),
                                       [s.row for s in stored if s.regraded],
                                       self.settings["grade_cache"])
        if key not in cache:
            cache[key] = live_html(cache["view"], lang, "{xsrf}")
        html = cache[key].replace("{xsrf}", self.xsrf_form_html())
        return html, f"{version[0]}-{version[1]}"


class DashboardHandler(DashboardBase):
    def get(self) -> None:
        if not self.allowed():
            return
        lang = self.lang()
        live, version = self.view_html(lang)
        token = self.xsrf_token
        token = token.decode() if isinstance(token, bytes) else str(token)
        self.write(page_html(live, lang, version, self.settings["prefix"], token))


class LiveHandler(DashboardBase):
    def get(self) -> None:
        if not self.allowed():
            return
        live, version = self.view_html(self.lang())
        self.set_header("X-Class-Version", version)
        if self.get_argument("since", "") == version:
            self.set_status(204)
            return
        self.write(live)


class ReleaseHandler(DashboardBase):
    def post(self) -> None:
        if not self.allowed():
            return
        quiz = self.get_argument("quiz", "")
        if quiz not in self.settings["banks"]:
            raise web.HTTPError(400)
        self.storage.release(quiz, self.current_user["name"])
        self.redirect(f"{self.settings['prefix']}dashboard?lang={self.lang()}")


class ExportHandler(DashboardBase):
    def get(self) -> None:
        if not self.allowed():
            return
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="class-results.csv"')
        self.write(to_csv(s.row for s in self.storage.rows()))


def make_app(storage: Storage, prefix: str, banks: dict | None = None) -> web.Application:
    """The tornado application (tests build it around their own storage)."""
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    routes = [
        (prefix + "api/answers", AnswersHandler),
        (prefix + "api/releases", ReleasesHandler),
        (prefix + "health", HealthHandler),
        (prefix, DashboardHandler),
        (prefix + "dashboard", DashboardHandler),
        (prefix + "live", LiveHandler),
        (prefix + "release", ReleaseHandler),
        (prefix + "export.csv", ExportHandler),
        (prefix + "oauth_callback", HubOAuthCallbackHandler),
        (prefix + r"static/(dashboard\.(?:js|css))", web.StaticFileHandler, {"path": str(STATIC)}),
    ]
    return web.Application(
        routes, storage=storage, prefix=prefix, banks=banks if banks is not None else all_banks(),
        cache={}, grade_cache={}, writer=GroupWriter(storage), cookie_secret=os.urandom(32),
        xsrf_cookies=True)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="[course-results %(asctime)s] %(message)s")
    url = os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101")
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    db = os.environ.get("COURSE_RESULTS_DB", "course-results.sqlite")
    try:
        storage = open_storage(db)
    except Exception as exc:  # a wrong URL or an unreachable server: say it, exit non-zero
        print(f"course-results: cannot open the results database: {exc}", file=sys.stderr)
        return 1
    parsed = urlparse(url)
    app = make_app(storage, prefix)
    # On Kubernetes the service URL names the hub's Service ("http://hub:10101"):
    # COURSE_RESULTS_BIND=0.0.0.0 binds every interface of the hub pod instead.
    bind = os.environ.get("COURSE_RESULTS_BIND") or parsed.hostname or "127.0.0.1"
    server = app.listen(parsed.port or 80, bind, xheaders=True,
                        max_body_size=TORNADO_BODY_LIMIT)
    loop = ioloop.IOLoop.current()

    def stop(*_: object) -> None:
        loop.add_callback_from_signal(loop.stop)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("serving %s at %s (database: %s, languages: %s)", prefix, url,
             "postgresql" if db.startswith("postgres") else db, "/".join(LANGUAGES))
    loop.start()
    server.stop()
    storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
