"""From round 2, a seat's first private screen of the round opens with what its own orders did last round:
its turn of talks where seats talk before orders (red_lines), else its orders (the tutorial); once a round."""

from __future__ import annotations

import pygame

from game.rules.observe import meter_visible
from game.scenario import resolve_scenario
from game.session.hotseat import parse_seats
from game.ui.run import build_app
from game.ui.screens.results import ResultsOverlay

from .driver import Driver

SEATS = "foreign=Ana,defence=Ben"


def to_screen(d, arrived, rounds=40):
    """On until ``arrived(d)``: the other seats' turns passed (their cards closed, no orders, done talking)."""
    for _ in range(rounds):
        if arrived(d):
            return
        if d.screen_name in ("OrdersScreen", "TalksScreen"):  # another seat's turn
            while d.app.overlays:
                d.key(pygame.K_ESCAPE)
            d.key(pygame.K_RETURN)  # no orders (or done talking)
            if d.app.overlays:  # confirm giving none
                d.key(pygame.K_RETURN)
            continue
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError(f"never arrived: at {d.screen_name}")


def to_orders(d, role):
    to_screen(d, lambda d: d.screen_name == "OrdersScreen" and d.app.hotseat.step.role == role)


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


def to_private_turn(d, role):
    """On to ``role``'s next private screen (its talks or its orders)."""
    to_screen(d, lambda d: d.screen_name in ("TalksScreen", "OrdersScreen") and d.app.hotseat.seat == role)


def second_turn(scenario="red_lines"):
    """The Foreign Ministry's first private screen of round 2, its card open."""
    app = build_app(scenario_path=resolve_scenario(scenario), seats=parse_seats(SEATS, ("foreign", "defence")), seed=3)
    d = Driver(app)
    order = play_first_round(d)
    to_private_turn(d, "foreign")
    assert app.hotseat.state.round == 2
    assert isinstance(app.overlays[-1], ResultsOverlay)
    return app, d, order


def test_the_card_lists_each_order_and_exactly_what_it_moved_that_the_seat_sees():
    app, d, order = second_turn()
    assert d.screen_name == "TalksScreen", "red_lines talks first: the seat reads its results before it talks"
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


def test_at_the_talks_enter_closes_it_and_it_does_not_open_again_at_the_orders():
    app, d, _ = second_turn()
    assert "OK, to the talks (Enter)" in d.text()
    d.key(pygame.K_RETURN)
    assert not app.overlays, "Enter only closes the card"
    assert d.screen_name == "TalksScreen" and app.hotseat.step.kind == "talks" and app.hotseat.seat == "foreign"
    to_orders(d, "foreign")
    assert app.hotseat.state.round == 2 and not app.overlays, "read once a round"


def test_without_talks_it_opens_the_orders_and_enter_confirms_nothing():
    app, d, _ = second_turn("tutorial")
    assert d.screen_name == "OrdersScreen" and "OK, to my orders (Enter)" in d.text()
    d.key(pygame.K_RETURN)
    assert not app.overlays and not app.screen.picks, "Enter only closes the card: it confirms nothing"
    assert d.screen_name == "OrdersScreen" and app.hotseat.step.role == "foreign"


def test_a_number_key_closes_the_card_and_picks_that_card():
    app, d, _ = second_turn("tutorial")
    d.key(pygame.K_1)
    d.frame()
    first = app.hotseat.scenario.role("foreign").instruments[0]
    assert not app.overlays
    assert app.screen.pending == first or [o.instrument for o in app.screen.picks] == [first]
