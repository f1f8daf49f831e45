"""The stand-alone app: Voilà serving the course's notebooks folder on 127.0.0.1.

One learner on one computer: every page shares one progress folder and one
pseudonym (Voilà has no user identity), so many learners belong on a
JupyterHub, never on one app. Compared with plain ``voila``:

- ``/`` leads to the home page (``voila/render/home.ipynb``), not a file list;
- every page sets Jupyter's ``_xsrf`` cookie, so the page's unload beacon can
  shut its kernel down when the learner moves on (Voilà's own cookie-less
  beacon is refused), and idle kernels of closed pages are culled as well;
- the course's template, texts and hidden test cells (``voila_config``).

Importing this module imports Voilà: call it only after checking Voilà is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from traitlets.config import Config
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from course.app import HOME_NOTEBOOK, HOST, RENDER_PREFIX
from course.app.voila_config import ensure_template_path, settings


class CourseRenderHandler(TornadoVoilaHandler):
    """Voilà's page handler that also sets the ``_xsrf`` cookie."""

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        self.xsrf_token  # noqa: B018 - reading it sets the cookie the unload beacon sends


class CourseVoila(Voila):
    """Voilà with the course's home page at ``/`` and kernels that end with their page."""

    def init_handlers(self) -> list:
        handlers = []
        for spec in super().init_handlers():
            if len(spec) >= 2 and spec[1] is TornadoVoilaHandler:
                spec = (spec[0], CourseRenderHandler, *spec[2:])
            handlers.append(spec)
        home = url_path_join(self.server_url, RENDER_PREFIX, HOME_NOTEBOOK)
        return [(self.server_url, RedirectHandler, {"url": home, "permanent": False}),
                *handlers]


@dataclass(frozen=True)
class AppAddress:
    """Where the app listens and where a browser should go."""

    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"


def build_app(root: Path, port: int, *, open_browser: bool, progressive: bool = True,
              extra: list[str] | None = None) -> CourseVoila:
    """A configured, initialized app serving ``root`` (not yet listening)."""
    ensure_template_path()
    app = CourseVoila(config=Config(settings(progressive=progressive, prewarm=True)))
    app.initialize([
        str(root), f"--port={port}", f"--Voila.ip={HOST}", "--Voila.port_retries=0",
        f"--Voila.open_browser={open_browser}", "--Voila.log_level=ERROR",
        *(extra or []),
    ])
    return app


__all__ = ["AppAddress", "CourseVoila", "build_app"]
