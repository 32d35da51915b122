"""Saves written by an earlier build still replay to the same final state.

The files in tests/fixtures/saves/ were written by ``demarche autoplay ... --save``
at revision b6f72430 (before the engine's fast paths): random and greedy bots,
a finished game, an unfinished one (``--rounds 3``) and one with a facilitator
seat. Replaying one runs every action through the engine again, validating
each submission from scratch, so a change that alters any game (or refuses
an action an older build accepted) fails here.
"""

import json
from pathlib import Path

import pytest

from game.rules.hashing import state_hash
from game.session.game import Game

SAVES = Path(__file__).resolve().parents[1] / "fixtures" / "saves"

# The final hashes the b6f72430 build printed when it wrote each save.
RECORDED = {
    "red_lines_random_3.json": "6205554fbf8ee2d0cec1b41a690fc51d36957b48de404cbce9ae49bbadf09dde",
    "red_lines_greedy_7.json": "357e9be1d870e27eef711ca3040d35e2332c9aff162c691e5005b34f78f58058",
    "tutorial_greedy_11.json": "04442aca052ed801233422ab9a0ffbca3752e23ded7ee70ae5f57ee55e27a661",
    "sanctions_coalition_random_5_round3.json": "75abc60eafca6daa1239d9410fc54db5e5f358550403cd7cfefd1e0a12f75aa9",
    "neutral_mandate_greedy_2.json": "2979f05eb6918155103881d81399afaecc0cce4789fe357a0ebe662cac837d0c",
}


def test_every_fixture_has_its_recorded_hash():
    assert sorted(p.name for p in SAVES.glob("*.json")) == sorted(RECORDED)


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_old_save_replays_to_its_recorded_hash(name):
    path = SAVES / name
    assert json.loads(path.read_text())["final_hash"] == RECORDED[name]
    game = Game.load(path)
    assert state_hash(game.state) == RECORDED[name]
    assert game.hash == RECORDED[name]
    assert game.actions, "a replayed save keeps its action log"


def test_unfinished_old_save_resumes_where_it_stopped():
    game = Game.load(SAVES / "sanctions_coalition_random_5_round3.json")
    assert not game.state.over
    assert game.state.round == 4
