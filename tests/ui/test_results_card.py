"""Each orders turn from round 2 opens with what the seat's own orders did last round."""

from __future__ import annotations

import pygame

from game.rules.observe import meter_visible
from game.scenario import resolve_scenario
from game.session.hotseat import parse_seats
from game.ui.run import build_app
from game.ui.screens.results import ResultsOverlay

from .driver import Driver

SEATS = "foreign=Ana,defence=Ben"


def to_orders(d, role=None, rounds=40):
    for _ in range(rounds):
        if d.screen_name == "OrdersScreen" and (role is None or d.app.hotseat.step.role == role):
            return
        if d.screen_name == "OrdersScreen":  # another seat's turn: no orders
            while d.app.overlays:
                d.key(pygame.K_ESCAPE)
            d.key(pygame.K_RETURN)
            if d.app.overlays:
                d.key(pygame.K_RETURN)
            continue
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached the orders screen")


def play_first_round(d):
    """The Foreign Ministry aims its first instrument that needs a target at the first target."""
    app = d.app
    to_orders(d, "foreign")
    assert not app.overlays, "round 1 has nothing to report"
    role = app.hotseat.scenario.role("foreign")
    index = next(i for i, inst in enumerate(role.instruments) if app.hotseat.scenario.instrument(inst).targets)
    d.key(pygame.K_1 + index)
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    assert len(app.screen.picks) == 1
    order = app.screen.picks[0]
    d.key(pygame.K_RETURN)
    if app.overlays:
        d.key(pygame.K_RETURN)
    return order


def second_turn():
    """The Foreign Ministry's second orders turn, its card open."""
    app = build_app(
        scenario_path=resolve_scenario("red_lines"), seats=parse_seats(SEATS, ("foreign", "defence")), seed=3
    )
    d = Driver(app)
    play_first_round(d)
    to_orders(d, "foreign")
    assert isinstance(app.overlays[-1], ResultsOverlay)
    return app, d


def test_the_card_lists_each_order_and_exactly_what_it_moved_that_the_seat_sees():
    app = build_app(
        scenario_path=resolve_scenario("red_lines"), seats=parse_seats(SEATS, ("foreign", "defence")), seed=3
    )
    d = Driver(app)
    order = play_first_round(d)
    to_orders(d, "foreign")
    assert app.hotseat.state.round == 2
    card = app.overlays[-1]
    assert isinstance(card, ResultsOverlay)
    sc = app.hotseat.scenario
    event = next(
        e
        for e in app.hotseat.state.events
        if e.round == 1 and e.kind == "order" and e.cause.role == "foreign" and e.ref == order.instrument
    )
    seen = [c for c in event.changes if meter_visible(sc, c.path, "foreign") and not sc.meters[c.path].estimate]
    seen = [c for c in seen if c.path != "foreign.capital"]
    (result,) = card.results.orders
    assert (result.instrument, result.target) == (order.instrument, order.target)
    assert list(result.changes) == seen and seen, "every visible change, and only those"
    shown = " ".join(d.text().split())
    assert f"{sc.instrument(order.instrument).name} on {sc.name_of(order.target)}" in shown
    for c in seen:
        delta = c.after - c.before
        assert (f"+{delta}" if delta > 0 else f"−{-delta}") in shown
        assert f"{c.before} › {c.after}" not in shown, "the values around the order would tell of others' orders"
        assert f"now {app.screen.obs.meters[c.path]}" in shown


def test_enter_closes_it_and_a_cards_number_goes_straight_to_the_hand():
    app, d = second_turn()
    d.key(pygame.K_RETURN)
    assert not app.overlays and not app.screen.picks, "Enter only closes the card: it confirms nothing"
    assert d.screen_name == "OrdersScreen" and app.hotseat.step.role == "foreign"


def test_a_number_key_closes_the_card_and_picks_that_card():
    app, d = second_turn()
    d.key(pygame.K_1)
    d.frame()
    first = app.hotseat.scenario.role("foreign").instruments[0]
    assert not app.overlays
    assert app.screen.pending == first or [o.instrument for o in app.screen.picks] == [first]
