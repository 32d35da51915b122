"""Fixtures for the scenario loader tests."""

from __future__ import annotations

import pytest

from game.scenario import read_scenario_files

from .support import VALID


@pytest.fixture
def valid_files() -> tuple[dict[str, str], str]:
    return read_scenario_files(VALID)
