"""The debrief screen tells a consequence that fired several times once, with each firing and its
cause under it (tests/rules/fixtures/news.toml)."""

from __future__ import annotations

from pathlib import Path

from game.rules.state import Order, Resolve, Submit
from game.session.game import Game
from game.session.hotseat import HotSeat
from game.ui.screens.endgame import debrief_html

FIXTURE = Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "news.toml"


def test_a_repeated_consequence_is_told_once_with_each_firing():
    game = Game.from_path(FIXTURE, seed=1)
    for name in ["talk", "talk", "wait", "talk", "talk", "wait"]:
        game.do(Submit("foreign", (Order(name),)))
        game.do(Resolve())
    assert game.state.over
    page = debrief_html(HotSeat(game))
    assert page.count("Quiet progress in Port Aven</b>") == 1
    assert "<b>Rounds 1, 2, 4, 5: Quiet progress in Port Aven</b>" in page
    assert page.count("Fired 4 times: rounds 1, 2, 4, 5.") == 3
    assert page.count("<b>Lesson:</b> Private talks build up, round by round.") == 1
    quiet = page[page.index("Rounds 1, 2, 4, 5: Quiet progress") : page.index("Rounds 1, 2, 4, 5: Rumours")]
    for n, news in ((1, "Quiet progress in Port Aven."), (4, "More quiet progress in Port Aven (3 rounds of it).")):
        at = quiet.index(f"<b>Round {n}.</b> ")
        assert quiet[at:].split("<b>Round ")[1].count(news) == 1, "each firing with its own news"
    assert quiet.count("<i>Why:</i> its condition held in round") == 4
    assert quiet.count("Round 4: Foreign Ministry — Quiet talks") == 1
    # The same news every time is told once, above the firings.
    plain = page[page.index("Rounds 1, 2, 4, 5: Same again") :]
    assert plain.count("The same paragraph, again.") == 1
