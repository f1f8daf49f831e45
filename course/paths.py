"""Where the course finds its data files.

In a source checkout (``pip install -e .``) the catalogs live in the
repository's ``data/`` folder; a built wheel carries them as ``course/_data``
(and the notebooks as ``course/_notebooks``).
``COURSE_DATA_DIR`` overrides both (used by tests that need a broken catalog).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def data_dir() -> Path:
    """Return the directory that holds the course's data catalogs."""
    override = os.environ.get("COURSE_DATA_DIR")
    if override:
        return Path(override)
    bundled = PACKAGE_DIR / "_data"
    if bundled.is_dir():
        return bundled
    return REPO_DIR / "data"


def data_path(*parts: str) -> Path:
    """Return a path inside the data directory."""
    return data_dir().joinpath(*parts)


def app_template_root() -> Path:
    """The ``JUPYTER_PATH`` entry under which Voilà finds ``voila/templates/course``."""
    return PACKAGE_DIR / "jupyter"


def app_server_config_dir() -> Path:
    """A folder for ``JUPYTER_CONFIG_PATH``: a Jupyter server that reads it serves the
    course's app pages (a JupyterHub learner's server, for example)."""
    return PACKAGE_DIR / "app" / "server-config"


def cache_dir() -> Path:
    """Where the course keeps what it can always rebuild (never the learner's
    progress): the user's cache folder, or ``COURSE_CACHE_DIR`` (tests)."""
    override = os.environ.get("COURSE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("x-phone-course"))


def notebooks_dir() -> Path:
    """Return the course's notebooks folder: the repository's in a source checkout,
    else the copy a built wheel carries (``pip install .``) as ``course/_notebooks``."""
    checkout = REPO_DIR / "notebooks"
    bundled = PACKAGE_DIR / "_notebooks"
    if not checkout.is_dir() and bundled.is_dir():
        return bundled
    return checkout
