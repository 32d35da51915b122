"""The scenario's lookup tables are its own: every other module asks it (``Scenario.role``,
``has_instrument``, ``find_instrument``, ``derived`` ...) rather than reading ``Scenario._index``."""

from __future__ import annotations

import re
from pathlib import Path

import game
from game.scenario import bundled_scenarios, load_scenario

PACKAGE = Path(game.__file__).parent


def test_no_module_but_the_model_reads_the_scenario_index():
    readers = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "model.py" and re.search(r"\._index\b", path.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_an_unknown_instrument_is_found_as_none():
    red_lines = load_scenario(next(p for p in bundled_scenarios() if p.stem == "red_lines"))
    first = red_lines.instruments[0]
    assert red_lines.find_instrument(first.id) is first and red_lines.has_instrument(first.id)
    assert red_lines.find_instrument("no_such_instrument") is None
    assert not red_lines.has_instrument("no_such_instrument")
