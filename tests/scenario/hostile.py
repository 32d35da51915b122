"""Helpers for the hostile-scenario tests: a copy of the harbour fixture with one change."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.scenario import check_scenario

from .support import VALID

BIG = "9" * 400  # a 400-digit number


def harbour_text() -> str:
    return VALID.read_text(encoding="utf-8")


def scenario_dir(tmp_path: Path) -> Path:
    """A folder holding the valid harbour scenario and its library."""
    folder = tmp_path / "scenario"
    shutil.copytree(VALID.parent, folder)
    return folder


def write_variant(tmp_path: Path, old: str, new: str, name: str = "harbour.toml") -> tuple[Path, str]:
    """The harbour scenario with ``old`` replaced by ``new`` (which must occur once)."""
    text = harbour_text()
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    folder = scenario_dir(tmp_path)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path, text


def errors(path: Path) -> list:
    return [d for d in check_scenario(path) if d.severity == "error"]


def position(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the first ``needle`` in ``text``, ``offset`` characters into it."""
    i = text.index(needle) + offset
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1
