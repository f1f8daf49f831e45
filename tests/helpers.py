"""Small helpers shared by tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CI_MAX_EXAMPLES = 100  # the ci hypothesis profile's default (tests/conftest.py)


def examples(ci_count: int) -> int:
    """``max_examples`` for a property test: ``ci_count`` under the ``ci``
    hypothesis profile, the loaded profile's share of it otherwise (a quarter
    with ``local``), never fewer than five."""
    from hypothesis import settings

    share = settings().max_examples / CI_MAX_EXAMPLES
    return max(min(ci_count, 5), round(ci_count * share))


def run_course(*args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """Run ``python -m course ...`` in a subprocess and return the completed process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "course", *args], capture_output=True, text=True,
        env=full_env, timeout=timeout, cwd=REPO,
    )


def notebook_paths() -> list[Path]:
    """Every committed notebook."""
    return sorted(p for p in (REPO / "notebooks").rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def load_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def dirty_parts(nb: dict) -> list[str]:
    """What a committed notebook must not carry: outputs, counts, widget state."""
    problems = []
    if "widgets" in nb.get("metadata", {}):
        problems.append("saved widget state in metadata")
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"outputs in cell {cell.get('id')}")
        if cell.get("execution_count") is not None:
            problems.append(f"execution count in cell {cell.get('id')}")
    return problems


def cited(ids) -> str:
    """The addresses of the register sources ``ids`` (a Provenance's or a record's), joined:
    lets a test say which publisher a fact rests on."""
    from course.facts.sources import source

    ids = getattr(ids, "sources", ids)
    return " ".join(source(i).url or source(i).id for i in ids)
