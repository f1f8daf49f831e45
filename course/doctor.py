"""Checks that tell a learner whether their setup can run the course.

Each check returns a ``Check`` with a status and, on failure, a fix in the
learner's language. ``python -m course doctor`` prints them line by line.
"""

from __future__ import annotations

import importlib
import importlib.metadata as metadata
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from course.i18n import LANGUAGES, catalog, placeholders, t
from course.paths import app_template_root

DISTRIBUTION = "x-phone-security-course"
MIN_PYTHON = (3, 10)
# Import names that differ from distribution names.
IMPORT_NAMES = {"pyyaml": "yaml", "ipykernel": "ipykernel", "jupyterlab": "jupyterlab",
                "jupyterlab-language-pack-ja-jp": "jupyterlab_language_pack_ja_JP"}
LANGUAGE_PACK = "jupyterlab_language_pack_ja_JP"  # what JupyterLab looks for (locale ja_JP)


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    status: str  # "ok", "fail" or "info"
    label: str
    detail: str = ""
    fix: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "fail"


def check_python(lang: str) -> Iterator[Check]:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] >= MIN_PYTHON:
        yield Check("ok", t("doctor.python", lang), version)
    else:
        yield Check("fail", t("doctor.python", lang), version, t("doctor.fix.python", lang))


def _requirements() -> list[tuple[str, str]]:
    """(name, specifier) of the course's runtime dependencies, from its metadata."""
    out = []
    for line in metadata.requires(DISTRIBUTION) or []:
        if "extra ==" in line:
            continue
        match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*(;.*)?$", line)
        if match:
            out.append((match.group(1), match.group(2).strip("() ")))
    return out


def _satisfies(version: str, spec: str) -> bool | None:
    try:
        from packaging.specifiers import SpecifierSet
    except ImportError:  # packaging itself missing: cannot judge, do not guess
        return None
    return SpecifierSet(spec).contains(version, prereleases=True) if spec else True


def check_packages(lang: str) -> Iterator[Check]:
    try:
        requirements = _requirements()
        own = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        yield Check("fail", t("doctor.course", lang), t("doctor.not_installed", lang),
                    t("doctor.fix.install", lang))
        return
    yield Check("ok", t("doctor.course", lang), own)
    for name, spec in requirements:
        label = t("doctor.package", lang, name=name)
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            yield Check("fail", label, t("doctor.not_installed", lang),
                        t("doctor.fix.install", lang))
            continue
        if _satisfies(version, spec) is False:
            yield Check("fail", label, t("doctor.wrong_version", lang, version=version, spec=spec),
                        t("doctor.fix.install", lang))
            continue
        module = IMPORT_NAMES.get(name.lower(), name.lower().replace("-", "_"))
        try:
            importlib.import_module(module)
        except Exception as exc:  # a broken install can raise anything on import
            yield Check("fail", label, f"{type(exc).__name__}: {exc}"[:200],
                        t("doctor.fix.install", lang))
            continue
        yield Check("ok", label, version)


def check_catalogs(lang: str) -> Iterator[Check]:
    label = t("doctor.catalogs", lang)
    try:
        texts = {code: catalog(code) for code in LANGUAGES}
    except Exception as exc:  # unreadable or malformed YAML
        problem = f"{type(exc).__name__}: {exc}"[:200]
        yield Check("fail", label, problem, t("doctor.fix.data", lang))
        return
    keys = [set(v) for v in texts.values()]
    same = all(k == keys[0] for k in keys) and all(
        placeholders(texts["ja"][k]) == placeholders(texts["en"][k]) for k in keys[0]
    )
    if same:
        yield Check("ok", label, t("doctor.texts", lang, count=len(keys[0])))
    else:
        yield Check("fail", label, t("doctor.catalogs_differ", lang), t("doctor.fix.data", lang))


def check_kernel(lang: str, timeout: float = 60.0) -> Iterator[Check]:
    """Start the notebooks' kernel and import the course in it, as a notebook would."""
    label = t("doctor.kernel", lang)
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from jupyter_client.manager import start_new_kernel
    except ImportError:
        yield Check("fail", label, t("doctor.not_installed", lang), t("doctor.fix.install", lang))
        return
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        yield Check("fail", label, t("doctor.no_kernel", lang), t("doctor.fix.kernel", lang))
        return
    manager = client = None
    try:
        manager, client = start_new_kernel(
            kernel_name="python3", startup_timeout=timeout,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        printed: list[str] = []
        reply = client.execute_interactive(
            "import sys, course, ipywidgets; print(sys.executable)", timeout=timeout,
            store_history=False,
            output_hook=lambda msg: printed.append(msg["content"].get("text", "")),
        )
        ok = reply["content"]["status"] == "ok"
    except Exception as exc:  # the kernel failing to start is exactly what we report
        problem = f"{type(exc).__name__}: {exc}"[:200]
        yield Check("fail", label, problem, t("doctor.fix.kernel", lang))
        return
    finally:
        if client is not None:
            client.stop_channels()
        if manager is not None:
            manager.shutdown_kernel(now=True)
    if ok:
        yield Check("ok", label, "".join(printed).strip() or spec.display_name)
    else:
        yield Check("fail", label, t("doctor.kernel_import", lang), t("doctor.fix.kernel", lang))


def check_app(lang: str) -> Iterator[Check]:
    """What ``python -m course app`` needs: Voilà and the course's page template."""
    label = t("doctor.app", lang)
    try:
        import voila
    except Exception as exc:  # missing, or broken on import
        detail = (t("doctor.not_installed", lang) if isinstance(exc, ImportError)
                  else f"{type(exc).__name__}: {exc}"[:200])
        yield Check("fail", label, detail, t("doctor.fix.app", lang))
    else:
        yield Check("ok", label, getattr(voila, "__version__", ""))
    template = app_template_root() / "voila" / "templates" / "course" / "index.html.j2"
    if template.is_file():
        yield Check("ok", t("doctor.app_template", lang), str(template.parent))
    else:
        yield Check("fail", t("doctor.app_template", lang), t("doctor.not_installed", lang),
                    t("doctor.fix.data", lang))


def check_language_pack(lang: str) -> Iterator[Check]:
    """The Japanese JupyterLab interface: the language pack and its menu texts."""
    label = t("doctor.language_pack", lang)
    try:
        pack = importlib.import_module(LANGUAGE_PACK)
    except Exception:  # missing, or broken on import
        yield Check("fail", label, t("doctor.not_installed", lang),
                    t("doctor.fix.language_pack", lang))
        return
    catalog_file = Path(pack.__file__ or ".").parent / "locale/ja_JP/LC_MESSAGES/jupyterlab.json"
    if catalog_file.is_file():
        yield Check("ok", label, metadata.version("jupyterlab-language-pack-ja-JP"))
    else:
        yield Check("fail", label, t("doctor.not_installed", lang),
                    t("doctor.fix.language_pack", lang))


def check_browser(lang: str) -> Iterator[Check]:
    """Only the maintainers' browser tests need chromium; a learner never does."""
    path = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )
    detail = path or t("doctor.browser_missing", lang)
    yield Check("info", t("doctor.browser", lang), detail)


CHECKS: tuple[Callable[[str], Iterator[Check]], ...] = (
    check_python, check_packages, check_catalogs, check_app, check_language_pack, check_kernel,
    check_browser,
)


def run_checks(lang: str, kernel: bool = True) -> Iterator[Check]:
    """Run every check in order; the kernel check is the slow one and optional."""
    for check in CHECKS:
        if check is check_kernel and not kernel:
            continue
        yield from check(lang)
