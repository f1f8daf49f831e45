"""Write a small notebook into the test server's folder, as a learner would
type it: used to open one simulator at a time in the real browser."""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path

# How the course's notebooks mark their hidden assert cells (CONTRIBUTING.md).
CHECK_CELL_METADATA = {"tags": ["course-check"], "jupyter": {"source_hidden": True}}


def write_notebook(root: Path, name: str, cells: list[str],
                   check_cells: Collection[int] = ()) -> str:
    """Write code ``cells`` to ``root/scratch/name.ipynb``; return its path for the URL.

    The cells whose indices are in ``check_cells`` are written as hidden
    ``course-check`` cells, the way the course's notebooks hold their asserts.
    """
    folder = root / "scratch"
    folder.mkdir(exist_ok=True)
    notebook = {
        "cells": [{"cell_type": "code", "id": f"c{i}",
                   "metadata": dict(CHECK_CELL_METADATA) if i in check_cells else {},
                   "source": source, "outputs": [], "execution_count": None}
                  for i, source in enumerate(cells)],
        "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)",
                                    "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    (folder / f"{name}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return f"scratch/{name}.ipynb"
