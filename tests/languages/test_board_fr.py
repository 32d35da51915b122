"""The board's own parts speak French: the F1 help's three pages, the symbols' legend, the coach's tips
and the board's labels and tooltips hold no English word outside what the scenario's author wrote."""

from __future__ import annotations

import pygame
import pytest

from game import i18n
from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.ui import text
from game.ui.bubble import GOT_IT, NEVER
from game.ui.coach import CARD, CONFIRM, TARGET
from game.ui.help import CONCEPTS, KEYS, SYMBOLS, HelpOverlay
from game.ui.run import build_app

from ..ui.driver import Driver
from .english import author_strings, english_words, plain, without

pytestmark = pytest.mark.usefixtures("french")


def english_left(app, words: str, also=()) -> set[str]:
    """The English words of ``words`` once the scenario's own strings (and ``also``) are taken out."""
    scenario = app.hotseat.scenario
    return english_words(without(words, author_strings(scenario) | set(also)))


def orders_screen(size=(1280, 800)):
    path = resolve_scenario("tutorial")
    roles = Game.from_path(path).scenario.role_ids
    app = build_app(scenario_path=path, seats=parse_seats(f"{roles[0]}=Ana,{roles[1]}=Ben", roles), size=size)
    d = Driver(app)
    for _ in range(20):
        if d.screen_name == "OrdersScreen":
            d.frame()
            return app, d
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached the orders screen")


def test_the_help_pages_and_the_legend_are_french():
    app, d = orders_screen()
    screen_lines = [w for line in app.screen.help_lines() for w in line]  # the screen's own keys: not the board's
    d.key(pygame.K_F1)
    help_ = app.overlays[-1]
    assert isinstance(help_, HelpOverlay) and help_.tab == KEYS
    shown = plain(help_.page_text())
    assert "afficher ou masquer cette aide" in shown
    assert english_left(app, shown, screen_lines) == set()
    chrome = [b.text for b in help_.tab_buttons.values()] + [help_.close_button.text]
    chrome += [b.text for b in help_.toggles.values()] + [e.text for e in help_.elements if hasattr(e, "text")]
    assert english_left(app, " ".join(chrome)) == set(), chrome

    help_.show_tab(CONCEPTS)
    d.frame()
    shown = plain(help_.page_text())
    assert "Capital politique" in shown and "Une manche" in shown
    assert english_left(app, shown) == set()

    help_.show_tab(SYMBOLS)
    d.frame()
    legend = help_.legend.words()
    assert "société civile" in legend or "allié" in legend or "adversaire" in legend
    assert english_left(app, legend) == set()
    first_line = help_.legend.rows[0][1][0]
    assert first_line in text.DRAWN  # drawn, not only kept


def test_the_coach_tips_are_french():
    app, d = orders_screen()
    screen = app.screen
    coach = screen.coach
    said = []
    assert coach.step() == CARD
    said.append(coach.bubble)
    d.key(pygame.K_1)
    assert coach.step() == TARGET
    said.append(coach.bubble)
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    assert coach.step() == CONFIRM
    said.append(coach.bubble)
    for bubble in said:
        assert bubble is not None and bubble.counter.startswith("Astuce")
        words = " ".join([bubble.counter, bubble.heading, bubble.words, i18n._(GOT_IT), i18n._(NEVER)])
        assert english_left(app, words) == set(), words
    assert "Compris (Échap)" in text.DRAWN


def test_the_board_labels_and_tooltips_are_french():
    app, d = orders_screen()
    screen = app.screen
    d.frame()
    tips = [h.tip for h in screen.board.hits]
    assert tips and any("Notre camp" in t for t in tips)
    assert english_left(app, "\n".join(tips)) == set()
    drawn = "\n".join(text.DRAWN)
    assert "La situation" in drawn and "Crises et évolutions en cours" in drawn
    board_words = ["La situation", "Votre ministère", "Crises et évolutions en cours", "Manche 1 sur"]
    assert all(w in drawn for w in board_words), drawn


def test_pygame_gui_speaks_the_language_of_the_board():
    app, _d = orders_screen()
    assert app.manager.get_locale() == "fr"
