"""Voilà settings for the course, in one place for the app and for a hub.

A JupyterHub's single-user servers (Voilà as a server extension, pages at
``/user/NAME/voila/render/...``) get the same pages as the stand-alone app when
their environment has ``JUPYTER_CONFIG_PATH`` set to
``course.paths.app_server_config_dir()`` (a ``jupyter_server_config.py`` that
calls ``configure(c)``), e.g. in the hub's configuration::

    c.Spawner.environment["JUPYTER_CONFIG_PATH"] = str(app_server_config_dir())
    c.Spawner.default_url = "/voila/render/course/home.ipynb"

or with ``configure(c)`` in any Jupyter server configuration file.

What it sets:

- the ``course`` page template (``course/jupyter/voila/templates/course``; the
  folder is put on ``JUPYTER_PATH`` so Voilà finds it in any install);
- ``resources.course``: the template's texts in both languages and the course
  map, from ``data/`` (the template builds the lesson navigation from them);
- a prelaunch hook that removes the ``course-check`` cells (the automatic
  tests' assert cells) before anything runs, and a page-config hook that keeps
  MathJax from being fetched from a CDN (nothing leaves the machine);
- progressive rendering: the page shows at once and each cell's output as
  soon as it ran, so the first simulator is visible before the last quiz ran
  (measured in benchmarks/bench_app.py);
- in the stand-alone app, lesson kernels that prewarm (``lesson_kernel_dir``):
  while the page loads its scripts, the kernel already imports the widgets and
  reads the course data;
- no tracebacks in pages, and kernels whose page was closed are culled (in a
  hub's server this applies to JupyterLab's kernels too: a kernel no browser
  tab is connected to is shut down after two idle minutes).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from course.i18n import LANGUAGES, catalog, t
from course.paths import app_template_root, cache_dir
from course.progress.overview import course_map

TEMPLATE = "course"
CHECK_TAG = "course-check"
TEMPLATE_SEARCH_ROOT = app_template_root()
CULL_IDLE_SECONDS = 120  # a page closed this long ago no longer needs its kernel
CULL_INTERVAL_SECONDS = 30


def template_dir() -> Path:
    return TEMPLATE_SEARCH_ROOT / "voila" / "templates" / TEMPLATE


def drop_check_cells(_request: object = None, notebook: Any = None,
                     cwd: str | None = None) -> Any:
    """Voilà prelaunch hook: the notebook without its ``course-check`` cells."""
    notebook.cells = [cell for cell in notebook.cells
                      if CHECK_TAG not in cell.get("metadata", {}).get("tags", [])]
    return notebook


def no_remote_mathjax(page_config: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
    """Voilà page-config hook: no MathJax from a CDN (the course has no formulas).

    Under a Jupyter server (a hub's single-user server) Voilà configures MathJax
    and its page then loads it from cdnjs.cloudflare.com; only when both the URL
    and the configuration are empty (as in the stand-alone app) does the page
    load no MathJax at all, so no page asks the internet for anything."""
    page_config["fullMathjaxUrl"] = None
    page_config["mathjaxConfig"] = None
    return page_config


# Run by every lesson kernel as it starts (IPython's exec_lines); leaves no name behind.
PREWARM_LINE = "from course.ui.prewarm import prewarm; prewarm(); del prewarm"


def lesson_kernel_spec() -> dict[str, Any]:
    """The ``python3`` kernel spec of this Python, with ``PREWARM_LINE`` at start-up."""
    return {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 f"--IPKernelApp.exec_lines={PREWARM_LINE}"],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "metadata": {"debugger": True},
    }


def lesson_kernel_dir() -> Path | None:
    """A kernels folder whose ``python3`` spec prewarms, put first on the server's
    ``KernelSpecManager.kernel_dirs`` so that notebooks asking for ``python3`` get it.

    Written to the course's cache folder (it names this Python, so it cannot
    ship); ``None`` when that folder cannot be written, and kernels then start
    as usual, only without the head start."""
    folder = cache_dir() / "kernels"
    spec = folder / "python3" / "kernel.json"
    text = json.dumps(lesson_kernel_spec(), indent=1)
    try:
        if not spec.is_file() or spec.read_text(encoding="utf-8") != text:
            spec.parent.mkdir(parents=True, exist_ok=True)
            partial = spec.with_name(f"kernel.json.{os.getpid()}")
            partial.write_text(text, encoding="utf-8")
            partial.replace(spec)  # atomic: two apps starting at once both see a whole file
    except OSError:
        return None
    return folder


def kernel_dirs() -> list[str] | None:
    """``lesson_kernel_dir`` before the folders Jupyter searches anyway."""
    folder = lesson_kernel_dir()
    if folder is None:
        return None
    from jupyter_core.paths import jupyter_path

    return [str(folder), *jupyter_path("kernels")]


def template_texts(lang: str) -> dict[str, str]:
    """Every ``app.*`` text of one language, keyed without the prefix."""
    return {key.split(".", 1)[1]: text for key, text in catalog(lang).items()
            if key.startswith("app.")}


def template_resources() -> dict[str, Any]:
    """What the ``course`` template reads from ``resources.course``."""
    lessons = [{"stem": entry.stem, "number": entry.stem.split("_", 1)[0],
                "title": dict(entry.title)}
               for entry in course_map() if entry.status == "available"]
    return {"text": {lang: template_texts(lang) for lang in LANGUAGES},
            "lessons": lessons,
            "languages": {lang: t("common.language.name", lang) for lang in LANGUAGES}}


def ensure_template_path(environ: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Put the course's template folder first on ``JUPYTER_PATH`` (once)."""
    root = str(TEMPLATE_SEARCH_ROOT)
    current = [p for p in environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if root not in current:
        environ["JUPYTER_PATH"] = os.pathsep.join([root, *current])


def settings(*, progressive: bool = True, prewarm: bool = False
             ) -> dict[str, Mapping[str, Any]]:
    """The course's Voilà settings as a traitlets config mapping.

    ``prewarm`` (the stand-alone app) gives lesson kernels their head start. A
    hub's servers (``configure``) go without: there a class starts its kernels
    together, the CPU is scarcest just then, and a head start for one learner
    would be taken from the others (twenty prewarming kernels at once made the
    class benchmark's kernels miss their start-up window)."""
    dirs = kernel_dirs() if prewarm else None
    kernels = {"KernelSpecManager": {"kernel_dirs": dirs}} if dirs else {}
    return {
        **kernels,
        "VoilaConfiguration": {
            "template": TEMPLATE,
            "resources": {"course": template_resources()},
            "prelaunch_hook": drop_check_cells,
            "page_config_hook": no_remote_mathjax,
            "show_tracebacks": False,
            "progressive_rendering": progressive,
            # No code on the page: the code-highlighting styles and JupyterLab's
            # preview extension are not loaded either.
            "extension_denylist": ["jupyterlab_pygments", "@voila-dashboards/jupyterlab-preview"],
        },
        "MappingKernelManager": {
            "cull_idle_timeout": CULL_IDLE_SECONDS,
            "cull_interval": CULL_INTERVAL_SECONDS,
            "cull_connected": False,
        },
    }


def configure(c: Any, *, progressive: bool = True) -> None:
    """Apply the course's Voilà settings to a Jupyter config object ``c``."""
    ensure_template_path()
    for section, values in settings(progressive=progressive).items():
        for name, value in values.items():
            setattr(c[section], name, value)


__all__ = ["CHECK_TAG", "PREWARM_LINE", "TEMPLATE", "configure", "drop_check_cells",
           "ensure_template_path", "kernel_dirs", "lesson_kernel_dir", "lesson_kernel_spec",
           "settings", "template_dir", "template_resources", "template_texts"]
