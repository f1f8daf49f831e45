"""Widget models each lesson sends to the page.

Every ipywidgets model the kernel creates is a message to the page and an object
the page builds, in JupyterLab, in the app and on a hub alike. Counted here for
the cells the app runs (``course-check`` cells left out), in this process and
without a kernel, each lesson in a fresh namespace. Layouts and styles are
counted apart: course.ui.lean shares them, and a rise in them means controls
made without it.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import Counter

from ipywidgets.widgets import widget as ipywidget

from course.app.voila_config import CHECK_TAG
from course.paths import notebooks_dir

SHARED_KINDS = ("Layout", "Style")  # Layout, HTMLStyle, ButtonStyle, DescriptionStyle...


def models_of(path) -> Counter:
    """The widget models the lesson's learner cells create, by class name."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"
            and CHECK_TAG not in cell.get("metadata", {}).get("tags", [])]
    before = set(ipywidget._instances)
    namespace: dict = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in code:
            exec(compile("".join(cell["source"]), str(path), "exec"), namespace)
    return Counter(type(ipywidget._instances[key]).__name__
                   for key in set(ipywidget._instances) - before)


def main() -> None:
    rows = []
    for path in sorted((notebooks_dir() / "ja").glob("[0-9][0-9]_*.ipynb")):
        models = models_of(path)
        shared = sum(n for kind, n in models.items() if kind.endswith(SHARED_KINDS))
        rows.append((path.stem[:2], sum(models.values()), shared))
    print("widget models per lesson (ja, learner cells; of them layouts and styles): "
          + ", ".join(f"{stem} {total} ({shared})" for stem, total, shared in rows), flush=True)
    print(f"  all lessons: {sum(r[1] for r in rows)} models, "
          f"{sum(r[2] for r in rows)} layouts and styles", flush=True)


if __name__ == "__main__":
    main()
