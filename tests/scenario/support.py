"""Paths and helpers shared by the scenario loader tests."""

from __future__ import annotations

from pathlib import Path

from game.scenario import check_scenario

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid" / "harbour.toml"
ERRORS = FIXTURES / "errors"


def errors_in(name: str) -> list:
    """The error diagnostics of an error fixture (warnings left out)."""
    return [d for d in check_scenario(ERRORS / name) if d.severity == "error"]


def only_error(name: str):
    errors = errors_in(name)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]
