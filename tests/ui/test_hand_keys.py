"""A hand of any size: grouped by category, every card reachable by keyboard alone."""

from __future__ import annotations

import pygame
import pytest

from game.scenario import resolve_scenario
from game.session.hotseat import parse_seats
from game.ui import text as ui_text
from game.ui.run import build_app

from .driver import Driver


def foreign_orders(size=(1280, 800)):
    app = build_app(
        scenario_path=resolve_scenario("red_lines"),
        seats=parse_seats("foreign=Ana,defence=Ben", ("foreign", "defence")),
        seed=2,
        size=size,
    )
    d = Driver(app)
    for _ in range(40):
        if d.screen_name == "OrdersScreen":
            return app, d
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached the orders screen")


def test_the_hand_is_grouped_by_category_under_a_heading_each():
    app, d = foreign_orders()
    sc, hand = app.hotseat.scenario, app.screen.hand
    categories = [sc.instrument(c.instrument).category for c in hand.cards]
    assert len(hand.cards) == len(app.screen.role.instruments) > 10
    runs = [c for i, c in enumerate(categories) if i == 0 or c != categories[i - 1]]
    assert len(runs) == len(set(categories)), "each category's cards sit together"
    assert [h.category for h in hand.headings] == runs
    for h in hand.headings:
        assert h.count == categories.count(h.category)
        first = hand.cards[categories.index(h.category)]
        assert h.rect.bottom <= first.rect.top, "the heading is above its first card"
    d.text()
    shown = [h for h in hand.headings if hand.area.contains(h.rect)]
    assert shown and all(f"{h.category.capitalize()} · {h.count}" in ui_text.DRAWN for h in shown)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_tab_and_the_arrows_reach_every_card_and_enter_picks_the_last(size):
    app, d = foreign_orders(size)
    screen = app.screen
    d.key(pygame.K_TAB)
    assert screen.hand.focus == 0, "Tab from nothing brings the keyboard into the hand"
    seen = {screen.hand.focused.instrument}
    for _ in range(len(screen.hand.cards) - 1):
        d.key(pygame.K_RIGHT)
        card = screen.hand.focused
        seen.add(card.instrument)
        assert screen.hand.area.contains(card.rect), "the focused card is scrolled into view"
    assert seen == set(screen.role.instruments), "every card, the 11th to the last included"
    last = screen.hand.focused.instrument
    d.key(pygame.K_RETURN)
    assert screen.pending == last or [o.instrument for o in screen.picks] == [last]


def test_up_and_down_move_by_rows_and_tab_leaves_the_hand_for_the_buttons():
    app, d = foreign_orders()
    screen = app.screen
    d.key(pygame.K_TAB)
    top = screen.hand.focused.rect
    d.key(pygame.K_DOWN)
    assert screen.hand.focused.rect.y > top.y
    d.key(pygame.K_UP)
    assert screen.hand.focused.rect.y == top.y
    d.key(pygame.K_TAB)
    assert screen.hand.focus is None and screen.focused() is not None, "Tab moves on to the buttons"


def test_number_keys_follow_the_cards_as_drawn():
    app, d = foreign_orders()
    screen = app.screen
    third = screen.hand.cards[2].instrument
    d.key(pygame.K_3)
    assert screen.pending == third or [o.instrument for o in screen.picks] == [third]
