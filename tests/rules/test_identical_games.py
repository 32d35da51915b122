"""The engine plays the same games as the b6f72430 build did.

tests/fixtures/baseline_hashes.json holds the final state hashes that build
gave for ``autoplay`` of each scenario then bundled (frozen as they were in
tests/fixtures/scenarios/, so that rebuilding the bundled content does not
move the engine's pin) with seeds 1..20, random bots and greedy bots in every
seat. The engine's fast paths (vouched submissions,
the headless look-ahead) must not change a single one.
"""

import json
from pathlib import Path

import pytest

from game.scenario import bundled_scenarios, load_scenario_files, read_scenario_files
from game.session.autoplay import autoplay
from game.session.game import Game

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BASELINE = json.loads((FIXTURES / "baseline_hashes.json").read_text())
FROZEN = bundled_scenarios(FIXTURES / "scenarios")
SEEDS = range(1, 21)


def _hashes(path, bots):
    files, main = read_scenario_files(path)
    scenario = load_scenario_files(files, main)
    return scenario.id, [autoplay(Game(scenario, files, main, seed), bots).hash for seed in SEEDS]


def test_every_frozen_scenario_has_baseline_hashes():
    ids = {load_scenario_files(*read_scenario_files(p)).id for p in FROZEN}
    assert set(BASELINE) == {f"{i}/{bots}" for i in ids for bots in ("random", "greedy")}


@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.stem)
def test_random_bot_games_are_unchanged(path):
    sid, hashes = _hashes(path, "random")
    assert hashes == BASELINE[f"{sid}/random"]


@pytest.mark.slow
@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.stem)
def test_greedy_bot_games_are_unchanged(path):
    sid, hashes = _hashes(path, "greedy")
    assert hashes == BASELINE[f"{sid}/greedy"]
