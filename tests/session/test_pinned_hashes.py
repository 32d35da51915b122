"""Games are the same as they were: final state hashes recorded before the expression tree, pinned.

Any change to the engine, the bots or the expression compiler that alters a
game (a meter value, an event, the order of a trace) changes a hash here.
"""

from pathlib import Path

import pytest

from game.session.autoplay import autoplay
from game.session.game import Game

FROZEN = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"

# Keyed by the scenarios as they were bundled then (frozen in tests/fixtures/scenarios/).
PINNED = {
    ("neutral_mandate", "random", 1): "7e7718a4339f3d6bddb326d2081fc9150be53c027a5c3af958b4ffa9d5aabc15",
    ("red_lines", "random", 1): "5997fa4dc2477245a5637452f170b61efbca976c63aa6c98be4f5b858b09e9ed",
    ("red_lines", "random", 2): "18859f9263a3282c07e54993b9fe8e163d17d381dc99f3ef30f9741d35b919d7",
    ("sanctions_coalition", "random", 2): "66b3306f46f34ea63a90bf7249eb710165d8ba77b08202c0430f81c2cbed2be0",
    ("tutorial", "random", 1): "43faf0ae9ce5e73090145899659363b452296361cad7c7e5b3f6652189d8a26f",
    ("neutral_mandate", "greedy", 1): "6ace00f2c4e87029281ebeba57920bcdba2f552a1b91dda939618df57dbd904f",
    ("red_lines", "greedy", 1): "1118fa2a81dc0a667c8bd2b545d247d30a68599125fa2bfeaeba66f2c15910e9",
    ("sanctions_coalition", "greedy", 1): "394675380278d0abfabf9e1fd5f94f812b627d983ea83e1a074c07032dc0057c",
    ("tutorial", "greedy", 1): "2489f236023ad79aabc9e6afebf94eaeb8f0b554b14d1f95d9df78ba09587bd5",
}


@pytest.mark.parametrize(("scenario", "bots", "seed"), sorted(PINNED))
def test_final_hash_is_pinned(scenario, bots, seed):
    game = autoplay(Game.from_path(FROZEN / f"{scenario}.toml", seed), bots)
    assert game.state.over
    assert game.hash == PINNED[scenario, bots, seed]
