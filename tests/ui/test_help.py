"""F1: keys, how the game works and the board's symbols, on tabs that scroll and close by mouse and key."""

from html import escape

import pygame
import pytest

from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.ui import palette
from game.ui.help import CONCEPTS, KEYS, SYMBOLS, HelpOverlay
from game.ui.legend import meter_thirds
from game.ui.run import build_app

from .driver import Driver

SIZES = [(1280, 800), (1024, 700)]  # the default window and the smallest (app.MIN_SIZE)


def orders_screen(scenario="tutorial", size=(1280, 800)):
    path = resolve_scenario(scenario)
    roles = Game.from_path(path).scenario.role_ids
    app = build_app(scenario_path=path, seats=parse_seats(f"{roles[0]}=Ana,{roles[1]}=Ben", roles), size=size)
    d = Driver(app)
    for _ in range(20):
        if d.screen_name == "OrdersScreen":
            return app, d
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached the orders screen")


def open_help(d) -> HelpOverlay:
    d.key(pygame.K_F1)
    help_ = d.app.overlays[-1]
    assert isinstance(help_, HelpOverlay)
    return help_


def flat(words: str) -> str:
    return " ".join(words.split()).lower()


def test_the_concepts_page_explains_what_a_first_game_leans_on():
    app, d = orders_screen()
    help_ = open_help(d)
    d.click_element(help_.tab_buttons[CONCEPTS])
    assert help_.tab == CONCEPTS
    page = flat(help_.page_text())
    for concept in ("trust", "pressure", "political capital", "consequences", "crises", "public and private"):
        assert f"<b>{concept}" in page, concept
    assert "rounds later" in page  # a consequence is hidden and late
    capital = app.hotseat.scenario.role_meters[0]
    assert f"restored to {capital.refill} at the start of every round" in page
    assert "how far this actor trusts us" in page  # the scenario's own words for its trust meter
    assert "talks" not in page  # the tutorial has no negotiation
    d.click_element(help_.close_button)
    assert not app.overlays


def test_the_symbols_page_says_what_the_board_draws():
    app, d = orders_screen()
    help_ = open_help(d)
    d.key(pygame.K_LEFT)  # Keys -> Symbols, around the end
    assert help_.tab == SYMBOLS
    page = flat(help_.page_text())
    middle, top = meter_thirds()
    # the thresholds are the ones the board's marks change at
    assert palette.level_symbol(top, 0, 100) == "▲" and palette.level_symbol(top - 1, 0, 100) == "●"
    assert palette.level_symbol(middle, 0, 100) == "●" and palette.level_symbol(middle - 1, 0, 100) == "▼"
    assert f"from {top}%" in page and f"below {middle}%" in page
    trust = next(m for m in app.hotseat.scenario.actor_meters if m.id == "trust")
    assert f"its number is that actor's “{trust.label.lower()}”" in page
    assert "“pressure 10” is its pressure to change course" in page
    assert "estimate" in page and "dashed" in page and "enter: aim here" in page
    for letter, _ in palette.CATEGORY.values():
        assert f" {letter.lower()} " in page
    kinds = {a.kind for a in app.hotseat.scenario.actors}
    assert all(k.replace("_", " ") in page for k in kinds)
    assert "first word of their name" in flat(d.text())  # drawn, not only kept


@pytest.mark.parametrize("size", SIZES)
def test_every_page_fits_the_window_and_scrolls_to_its_end(size):
    app, d = orders_screen(size=size)
    help_ = open_help(d)
    w, h = app.size
    assert pygame.Rect(0, 0, w, h).contains(help_.rect)
    for tab in (KEYS, CONCEPTS, SYMBOLS):
        help_.show_tab(tab)
        d.frame()
        assert all(help_.rect.contains(e.rect) for e in help_.elements), tab
        assert help_.close_button.visible
    legend = help_.legend
    assert legend.content_h > legend.area.h, "the symbols page should be longer than the overlay at this size"
    last = legend.rows[-1][1][-1]
    assert last not in d.text()
    d.key(pygame.K_END)
    assert legend.scroll == legend.content_h - legend.area.h
    assert last in d.text()
    d.key(pygame.K_HOME)
    assert legend.scroll == 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False))
    d.frame()
    assert legend.scroll > 0
    help_.show_tab(CONCEPTS)
    d.frame()
    bar = help_.page.scroll_bar
    assert bar is not None and bar.start_percentage == 0
    d.key(pygame.K_END)
    d.frame(3)
    assert bar.start_percentage > 0.3


@pytest.mark.parametrize("key", [pygame.K_ESCAPE, pygame.K_F1])
def test_help_closes_by_key_and_tabs_move_with_tab(key):
    app, d = orders_screen()
    help_ = open_help(d)
    assert help_.tab == KEYS
    assert all(f"<b>{escape(k)}</b>" in help_.page_text() for k, _ in app.screen.help_lines())  # the screen's too
    d.key(pygame.K_TAB)
    assert help_.tab == CONCEPTS
    d.key(pygame.K_TAB, pygame.KMOD_SHIFT)
    assert help_.tab == KEYS
    d.key(key)
    assert not app.overlays and d.screen_name == "OrdersScreen"


def test_help_on_the_title_screen_explains_without_a_game():
    app = build_app()
    d = Driver(app)
    help_ = open_help(d)
    for tab in (CONCEPTS, SYMBOLS):
        d.click_element(help_.tab_buttons[tab])
        assert "trust" in flat(help_.page_text())
    d.click_element(help_.close_button)
    assert not app.overlays


def test_talks_are_explained_where_the_scenario_has_them():
    app, d = orders_screen("red_lines")
    help_ = open_help(d)
    help_.show_tab(CONCEPTS)
    assert "<b>talks</b>" in flat(help_.page_text())
