"""The news as event cards, good news not dressed as an alarm, and labels kept at the minimum size."""

from __future__ import annotations

import pygame
import pytest

from game.rules.state import Change, Event
from game.scenario import load_scenario, resolve_scenario
from game.session.hotseat import parse_seats
from game.session.narrate import tone
from game.ui import text as ui_text
from game.ui.news import grouped, item_html
from game.ui.run import build_app
from game.ui.screens.talks import recipient_spots

from .driver import Driver

RED_LINES = load_scenario(resolve_scenario("red_lines"))


def test_identical_items_of_a_round_are_one_card_with_their_count_and_all_their_changes():
    a = Event(2, "response", "Veyra recalls its ambassador.", changes=(Change("legitimacy", 50, 48),))
    b = Event(2, "response", "Veyra recalls its ambassador.", changes=(Change("stability", 54, 52),))
    c = Event(2, "consequence", "Something else.")
    d = Event(3, "response", "Veyra recalls its ambassador.")
    items = grouped([a, c, b, d])
    assert [(e.text, e.round, n) for e, n, _ in items] == [
        ("Veyra recalls its ambassador.", 2, 2),
        ("Something else.", 2, 1),
        ("Veyra recalls its ambassador.", 3, 1),
    ]
    card = item_html(RED_LINES, *items[0])
    assert "×2" in card and "50 › 48" in card and "54 › 52" in card


def test_a_crisis_that_is_good_news_reads_as_a_development():
    tones = {c.id: tone(RED_LINES, c.effects + c.ongoing, "foreign") for c in RED_LINES.crises}
    good = next(cid for cid, t in tones.items() if t == "good")
    bad = next(cid for cid, t in tones.items() if t == "bad")
    assert "Development" in item_html(RED_LINES, Event(2, "crisis_started", "x", ref=good))
    assert "Crisis" in item_html(RED_LINES, Event(2, "crisis_started", "x", ref=bad))


def news_screen(size):
    app = build_app(
        scenario_path=resolve_scenario("red_lines"),
        seats=parse_seats("foreign=Ana,defence=Ben", ("foreign", "defence")),
        seed=3,
        size=size,
    )
    d = Driver(app)
    for _ in range(80):
        if d.screen_name == "NewsScreen" and app.hotseat.state.active_crises() and not app.screen.revealed:
            return app, d
        if d.screen_name == "OrdersScreen":
            while app.overlays:
                d.key(pygame.K_ESCAPE)
            d.key(pygame.K_RETURN)
            if app.overlays:
                d.key(pygame.K_RETURN)
            continue
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("no news screen with a crisis to tell")


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_a_crisis_card_appears_with_its_news_item_not_before(size):
    app, d = news_screen(size)
    screen = app.screen
    crisis = next(e for e in screen.items if e.kind == "crisis_started")
    title = app.hotseat.scenario.crisis(crisis.ref).title
    d.text()
    assert crisis.ref not in screen.shown_crises()
    assert not any(title in s for s in ui_text.DRAWN), "the card is not on the board before its news"
    d.key(pygame.K_SPACE)  # show all
    d.text()
    assert crisis.ref in screen.shown_crises()
    assert any(title in s for s in ui_text.DRAWN), "once told, its card is there (at the minimum size too)"


def test_at_the_minimum_size_every_token_keeps_its_pressure():
    app, d = news_screen((1024, 700))
    d.text()
    drawn = " ".join(ui_text.DRAWN)
    for actor in app.hotseat.scenario.actors:
        assert f"{actor.kind.replace('_', ' ')} · Pressure" in drawn, actor.id


def test_recipient_toggles_wrap_rather_than_cut_a_name():
    assert recipient_spots([130, 190, 300, 170], 475) == [(0, 0, 130), (0, 138, 190), (1, 0, 300), (2, 0, 170)]
    assert recipient_spots([100, 100], 475) == [(0, 0, 100), (0, 108, 100)]
    assert recipient_spots([600], 475) == [(0, 0, 475)]
