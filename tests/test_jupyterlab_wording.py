"""Every JupyterLab menu path and shortcut a lesson names exists, with that exact
wording, in the interface of the lesson's language.

What a learner is told to use is found in the notebooks, the quiz banks and the
catalogs of learner-facing text:

- a menu path is a chain of quoted names joined by arrows in a sentence that
  mentions the menu: メニューの「カーネル」→「…」 / **Kernel** → **…** in the menu;
- a shortcut is keys joined by "+": Shift + Enter, Ctrl + S, ⌘ + S.

English names are checked against JupyterLab's own labels (the msgids of the
Japanese language pack's catalog, which are JupyterLab's English source strings:
menu titles with their "menu" context), Japanese names against the pack's
translation of the English name in the paired text (the en notebook of the same
name, the en side of a bank or catalog entry), shortcuts against the key
bindings in JupyterLab's settings schemas.

Some items of JupyterLab's Kernel and Run menus are "semantic" commands whose
label JupyterLab composes from the labels of the commands they run: "Restart
Kernel…" and "Run All Cells" become "Restart Kernel and Run All Cells…" through
the message "%1 and %2" (in Japanese 「カーネルを再起動 と すべてのセルを実行…」, not the
notebook command's own 「カーネルを再起動してすべてのセルを実行…」). Such a label is
translated the way JupyterLab composes it. The real menus are checked in a
browser too (tests/browser/test_lab_japanese.py).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, load_notebook

QUOTED = r"(?:「[^」]+」|“[^”]+”|\"[^\"]+\"|\*\*[^*]+\*\*)"
CHAIN = re.compile(rf"{QUOTED}(?:\s*→\s*{QUOTED})+")
MENU_WORD = re.compile(r"メニュー|\bmenu\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[。.!?])\s+|(?<=。)|\n")
KEY = r"(?:Shift|Ctrl|Alt|⌘)"
SHORTCUT = re.compile(rf"(?:\b|(?=⌘)){KEY}(?:\s*\+\s*(?:{KEY}|[A-Z]\b|Enter\b))+")
# Terminal shortcuts (Ctrl+C to stop a server) are not JupyterLab's.
NOT_JUPYTERLAB = {"cli.yaml", "app.yaml", "doctor.yaml"}


def _pack_catalog() -> dict[str, str]:
    pack = pytest.importorskip("jupyterlab_language_pack_ja_JP")
    path = Path(pack.__file__).parent / "locale" / "ja_JP" / "LC_MESSAGES" / "jupyterlab.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value[0] for key, value in data.items() if key and value and value[0]}


CATALOG = _pack_catalog()
MENU_TITLES = {key.split("\x04", 1)[1]: value for key, value in CATALOG.items()
               if key.startswith("menu\x04")}


def composed(label: str) -> tuple[str, ...] | None:
    """The labels JupyterLab joins into ``label`` ("A and B…"), if it is such a
    composition of two catalog labels (JupyterLab's addSemanticCommand)."""
    ellipsis = label.endswith("…")
    bare = label.removesuffix("…")
    for index in (m.start() for m in re.finditer(" and ", bare)):
        first, last = bare[:index], bare[index + len(" and "):]
        if {first, first + "…"} & CATALOG.keys() and {last, last + "…"} & CATALOG.keys() \
                and (ellipsis or (first in CATALOG and last in CATALOG)):
            return first, last
    return None


def japanese(label: str) -> str:
    """What JupyterLab shows in Japanese for an English menu item label."""
    parts = composed(label)
    if parts is None:
        return CATALOG.get(label, f"?{label}")
    shown = []
    for part in parts:  # JupyterLab drops each part's "…" and puts one at the end
        key = part if part in CATALOG else part + "…"
        shown.append(CATALOG[key].removesuffix("…"))
    joined = CATALOG["%1 and %2"].replace("%1", shown[0]).replace("%2", shown[1])
    return joined + ("…" if label.endswith("…") else "")


def _names(chain: str) -> list[str]:
    return [re.sub(r"^(「|“|\"|\*\*)|(」|”|\"|\*\*)$", "", part.strip()).strip("*")
            for part in chain.split("→")]


def menu_paths(text: str) -> list[list[str]]:
    """Every arrow chain of quoted names in a sentence that mentions the menu."""
    found = []
    for sentence in SENTENCE_END.split(text):
        if MENU_WORD.search(sentence):
            found += [_names(m.group(0)) for m in CHAIN.finditer(sentence)]
    return found


def shortcuts(text: str) -> list[frozenset[str]]:
    """Every key combination named in a text, as a set of lower-case keys."""
    out = []
    for match in SHORTCUT.finditer(text):
        keys = [k.strip().lower() for k in match.group(0).split("+")]
        out.append(frozenset("cmd" if k == "⌘" else k for k in keys))
    return out


# ---------------------------------------------------------------- learner texts
def _notebook_text(path: Path) -> str:
    cells = load_notebook(path)["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _pairs(node: object, where: str) -> Iterator[tuple[str, str, str]]:
    """(where, ja, en) for every {ja: ..., en: ...} text in a YAML tree."""
    if isinstance(node, dict):
        if isinstance(node.get("ja"), str) and isinstance(node.get("en"), str):
            yield where, node["ja"], node["en"]
        for key, value in node.items():
            yield from _pairs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _pairs(value, f"{where}/{index}")


def _flatten(node: object, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(node, str):
        yield prefix, node


def paired_texts() -> list[tuple[str, str, str]]:
    """(where, Japanese text, English text) for everything a learner reads."""
    out = []
    for ja_path in sorted((REPO / "notebooks" / "ja").glob("*.ipynb")):
        en_path = REPO / "notebooks" / "en" / ja_path.name
        out.append((ja_path.name, _notebook_text(ja_path), _notebook_text(en_path)))
    for bank in sorted((REPO / "data" / "quizzes").glob("*.yaml")):
        out += _pairs(yaml.safe_load(bank.read_text(encoding="utf-8")), bank.name)
    for ja_file in sorted((REPO / "data" / "i18n" / "ja").glob("*.yaml")):
        if ja_file.name in NOT_JUPYTERLAB:
            continue
        en_file = REPO / "data" / "i18n" / "en" / ja_file.name
        en = dict(_flatten(yaml.safe_load(en_file.read_text(encoding="utf-8"))))
        for key, ja_text in _flatten(yaml.safe_load(ja_file.read_text(encoding="utf-8"))):
            out.append((f"{ja_file.name}:{key}", ja_text, en.get(key, "")))
    return out


PAIRED = paired_texts()
WITH_MENUS = [p for p in PAIRED if menu_paths(p[1]) or menu_paths(p[2])]


# ---------------------------------------------------------------- the checks
def test_the_extraction_finds_the_restart_path_of_the_start_notebook():
    start = next(p for p in PAIRED if p[0] == "00_start_here.ipynb")
    assert ["カーネル", "カーネルを再起動 と すべてのセルを実行…"] in menu_paths(start[1])
    restart_run_all = "カーネルを再起動 と すべてのセルを実行…"  # as JupyterLab composes it
    assert japanese("Restart Kernel and Run All Cells…") == restart_run_all
    assert japanese("Run All Cells") == "すべてのセルを実行"
    assert ["Kernel", "Restart Kernel and Run All Cells…"] in menu_paths(start[2])
    assert frozenset({"shift", "enter"}) in shortcuts(start[1])
    # and it ignores what is not a JupyterLab menu (X's own settings path)
    assert menu_paths("「設定とプライバシー」→「アカウント」と進みます。") == []


@pytest.mark.parametrize("where, ja, en", WITH_MENUS, ids=[p[0] for p in WITH_MENUS])
def test_english_menu_paths_use_jupyterlab_labels(where, ja, en):
    for path in menu_paths(en):
        title, *items = path
        assert title in MENU_TITLES, f"{where}: {title!r} is not a JupyterLab menu"
        for item in items:
            assert item in CATALOG or composed(item), (
                f"{where}: {item!r} is not a JupyterLab menu item")


@pytest.mark.parametrize("where, ja, en", WITH_MENUS, ids=[p[0] for p in WITH_MENUS])
def test_japanese_menu_paths_are_the_language_packs_wording(where, ja, en):
    expected = [[MENU_TITLES.get(title, f"?{title}"), *(japanese(i) for i in items)]
                for title, *items in menu_paths(en)]
    assert menu_paths(ja) == expected, where


def _bound_shortcuts() -> set[frozenset[str]]:
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    bound = set()
    for schema in schemas.rglob("*.json"):
        for entry in json.loads(schema.read_text(encoding="utf-8")).get(
                "jupyter.lab.shortcuts", []):
            for combo in entry.get("keys", []):
                keys = [k.lower() for k in combo.split()]
                if "accel" in keys:  # Ctrl on Windows and Linux, ⌘ on a Mac
                    bound.add(frozenset("ctrl" if k == "accel" else k for k in keys))
                    bound.add(frozenset("cmd" if k == "accel" else k for k in keys))
                else:
                    bound.add(frozenset(keys))
    return bound


def test_every_shortcut_a_learner_is_told_to_press_is_bound_in_jupyterlab():
    bound = _bound_shortcuts()
    assert frozenset({"shift", "enter"}) in bound  # the schemas were read
    named = {(where, keys) for where, ja, en in PAIRED for text in (ja, en)
             for keys in shortcuts(text)}
    assert named, "no shortcut found: the extraction is broken"
    unbound = sorted((where, "+".join(sorted(keys))) for where, keys in named if keys not in bound)
    assert unbound == []
