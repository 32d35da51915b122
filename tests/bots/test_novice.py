"""The novice bot: a first-time player who reads the cards, never the hidden consequence rules."""

from __future__ import annotations

from pathlib import Path

from game.bots import GreedyBot, NoviceBot
from game.bots.novice import player_rules
from game.rules.observe import observe
from game.scenario import bundled_dir, load_scenario
from game.session.autoplay import play_round, seat_bots
from game.session.game import Game

# A hidden trap: a public statement costs half our legitimacy. The cards do not say so.
TRAP = """

[[consequences]]
id = "statement_backfires"
when = "used('public_statement', within=1) >= 1"
once = false
effects = { "legitimacy" = -40 }
reveal = "The statement backfires."
"""


def tutorial(tmp_path: Path, trap: bool):
    folder = tmp_path / ("trap" if trap else "plain")
    (folder / "library").mkdir(parents=True)
    text = (bundled_dir() / "tutorial.toml").read_text(encoding="utf-8")
    (folder / "tutorial.toml").write_text(text + (TRAP if trap else ""), encoding="utf-8")
    library = (bundled_dir() / "library" / "instruments.toml").read_text(encoding="utf-8")
    (folder / "library" / "instruments.toml").write_text(library, encoding="utf-8")
    return load_scenario(folder / "tutorial.toml")


def decisions(bot_class, scenario, states, seat="foreign"):
    return [bot_class(7).decide(scenario, observe(scenario, state, seat)) for state in states]


def test_the_novice_ignores_hidden_rules_the_greedy_bot_plays_with(tmp_path):
    plain, trapped = tutorial(tmp_path, False), tutorial(tmp_path, True)
    states = []
    for seed in range(6):
        game = Game(plain, {}, "", seed)
        bots = seat_bots(game, "random")
        for _ in range(plain.rounds - 1):
            states.append(game.state)
            play_round(game, bots)
    # The novice chooses exactly as if the trap were not there ...
    assert decisions(NoviceBot, trapped, states) == decisions(NoviceBot, plain, states)
    # ... while the greedy bot, reading the rules, steers round it.
    greedy_plain, greedy_trapped = decisions(GreedyBot, plain, states), decisions(GreedyBot, trapped, states)
    assert greedy_trapped != greedy_plain
    assert not any(o.instrument == "public_statement" for orders in greedy_trapped for o in orders)
    assert any(o.instrument == "public_statement" for orders in decisions(NoviceBot, trapped, states) for o in orders)


def test_player_rules_keep_what_the_board_shows(tmp_path):
    trapped = tutorial(tmp_path, True)
    rules = player_rules(trapped)
    assert rules is player_rules(trapped), "built once per scenario"
    assert [c.id for c in rules.consequences] == [c.id for c in trapped.consequences]
    assert all(not c.when.fn(None) for c in rules.consequences)
    assert all(c.round is None and c.when is None for c in rules.crises)
    assert rules.instruments == trapped.instruments and rules.roles == trapped.roles
    assert rules.end == trapped.end


def test_the_novice_learns_a_rule_once_it_has_seen_it_fire(tmp_path):
    """After the trap's reveal reaches it, the statement is a known risk: the novice stops making it."""
    trapped = tutorial(tmp_path, True)
    learnt_some = False
    for seed in range(8):
        game = Game(trapped, {}, "", seed)
        bots = seat_bots(game, {"foreign": "novice", "defence": "random"})
        while not game.state.over:
            seen = any(e.kind == "consequence" and e.ref == "statement_backfires" for e in game.state.events)
            before = len(game.state.history)
            play_round(game, bots)
            if seen:
                learnt_some = True
                mine = [p for p in game.state.history[before:] if p.role == "foreign"]
                assert not any(p.instrument == "public_statement" for p in mine), f"seed {seed}"
    assert learnt_some, "the trap fired in some game, so there was something to learn"
