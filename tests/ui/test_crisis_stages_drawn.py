"""A crisis that has escalated shows its stage's card on the board: title, text and tooltip."""

from pathlib import Path

import pygame
import pytest

from game.rules.engine import apply, new_game
from game.rules.observe import observe
from game.rules.state import Order, Resolve, Submit
from game.scenario import load_scenario
from game.ui import text as ui_text
from game.ui.board import Board

DYNAMICS = Path(__file__).parents[1] / "rules" / "fixtures" / "dynamics.toml"


@pytest.fixture(autouse=True)
def fonts():
    pygame.init()
    ui_text.font.cache_clear()  # fonts die with an earlier test's pygame.quit()
    yield
    pygame.quit()


def test_the_board_shows_the_stage_a_crisis_has_reached():
    sc = load_scenario(DYNAMICS)
    state = new_game(sc, 1)
    press = (Order("press", "veyra"),)
    for orders in (press, press, press):  # tension 40: the standoff breaks, then escalates to the blockade
        state, _ = apply(sc, state, Submit("foreign", orders))
        state, _ = apply(sc, state, Resolve())
    obs = observe(sc, state, "foreign")
    assert obs.stages == {"standoff": 1} and obs.active_crises == ("standoff",)
    board = Board(sc)
    surface = pygame.Surface((1280, 800))
    ui_text.DRAWN.clear()
    board.draw_crises(surface, pygame.Rect(900, 200, 360, 400), obs)
    assert "Blockade" in ui_text.DRAWN and "Standoff" not in ui_text.DRAWN
    (tip,) = [h.tip for h in board.hits if h.kind == "crisis"]
    assert tip.startswith("Blockade") and "becomes a blockade" in tip
    assert sc.crisis("standoff").face(0) == ("Standoff", "A standoff begins.")
