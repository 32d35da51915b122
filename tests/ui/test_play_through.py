"""A whole tutorial game played through the window with posted key presses."""

import os
from pathlib import Path

import pygame
import pytest

from game.rules.engine import play
from game.rules.hashing import state_hash
from game.rules.orders import orders_problem, targets_for
from game.rules.state import Order, Resolve, Submit
from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.ui.hand import grouped
from game.ui.run import build_app

from .driver import Driver


def hand_order(scenario, role_id):
    """The role's instruments as its hand shows them (grouped by category): the number keys' order."""
    return grouped(scenario.role(role_id).instruments, lambda i: scenario.instrument(i).category)


def expected_orders(scenario, state, role_id, picks):
    """What pressing the number keys ``picks`` (then Tab and Enter: the leftmost ringed token) should order."""
    cards = hand_order(scenario, role_id)
    chosen = []
    for index in picks:
        inst = scenario.instrument(cards[index])
        if inst.targets:
            leftmost = sorted(targets_for(scenario, inst), key=lambda a: scenario.actor(a).at)
            ok = [
                t
                for t in leftmost
                if orders_problem(scenario, state, role_id, tuple(chosen) + (Order(inst.id, t),)) is None
            ]
            if ok:
                chosen.append(Order(inst.id, ok[0]))
        elif orders_problem(scenario, state, role_id, tuple(chosen) + (Order(inst.id),)) is None:
            chosen.append(Order(inst.id))
    return tuple(chosen)


def play_tutorial(driver, plan, screenshots=False, stop_after_round=None, look=None, prefix="tutorial"):
    """Answer every screen until the debrief; ``plan[role]`` lists number-key indexes per round.
    ``look(driver)`` is called on every screen (and the results card) before it is answered."""
    app = driver.app
    expected = []
    seen = set()
    for _ in range(300):
        name = driver.screen_name
        hs = app.hotseat
        if look is not None:
            look(driver)
        if screenshots and name not in seen:
            seen.add(name)
            driver.shot(f"{prefix}_{name}")
        if name == "HandoverScreen":
            driver.key(pygame.K_SPACE)
        elif name == "BriefingScreen":
            driver.key(pygame.K_RETURN)
        elif name == "NewsScreen":
            if stop_after_round is not None and hs.state.round > stop_after_round:
                return expected
            driver.key(pygame.K_SPACE)
            driver.key(pygame.K_SPACE)
        elif name == "OrdersScreen":
            role = hs.step.role
            picks = plan[role][(hs.state.round - 1) % len(plan[role])]
            want = expected_orders(hs.scenario, hs.state, role, picks)
            while app.overlays:  # from round 2, the card of what the seat's orders did opens the turn
                driver.key(pygame.K_ESCAPE)
            for index in picks:
                driver.key(pygame.K_1 + index)
                if hs.scenario.instrument(hand_order(hs.scenario, role)[index]).targets:
                    driver.key(pygame.K_TAB)
                    driver.key(pygame.K_RETURN)
            if screenshots and "orders_chosen" not in seen:
                seen.add("orders_chosen")
                driver.shot(f"{prefix}_OrdersScreen_chosen")
            driver.key(pygame.K_RETURN)
            if app.overlays:  # "confirm with no orders?"
                driver.key(pygame.K_RETURN)
            expected.append(Submit(role, want))
            if len([a for a in expected if isinstance(a, Submit)]) % 2 == 0:  # both seats have confirmed
                expected.append(Resolve())
        elif name in ("VerdictScreen", "DebriefScreen"):
            if screenshots and name == "VerdictScreen":
                driver.key(pygame.K_RETURN)
                driver.shot(f"{prefix}_DebriefScreen")
            return expected
        else:
            raise AssertionError(f"unexpected screen {name}")
    raise AssertionError("the game did not end")


PLAN = {"foreign": [(0, 2), (1,), (0, 3), (4, 0)], "defence": [(0,), (2, 1), (), (3,)]}


def new_app(seed=5):
    path = resolve_scenario("tutorial")
    game = Game.from_path(path)
    seats = parse_seats("foreign=Ana,defence=Ben", game.scenario.role_ids)
    return build_app(scenario_path=path, seats=seats, seed=seed), game.scenario


def test_pygame_is_the_community_edition():
    assert getattr(pygame, "IS_CE", False), "another package replaced pygame-ce with pygame"


def test_tutorial_played_through_the_window_matches_the_engine():
    app, scenario = new_app()
    driver = Driver(app)
    expected = play_tutorial(driver, PLAN, screenshots=True)
    game = app.hotseat.game
    assert game.state.over
    assert list(game.actions) == expected
    assert any(a.orders for a in expected if isinstance(a, Submit)), "the plan should have produced orders"
    assert state_hash(play(scenario, expected, 5)) == game.hash
    assert driver.screen_name == "DebriefScreen"
    driver.click_element(app.screen.review)
    reviews = list((Path(os.environ["DEMARCHE_DATA_DIR"]) / "saves").glob("tutorial-*.html"))
    assert len(reviews) == 1 and "After-action review" in reviews[0].read_text()
    assert "Review written" in driver.text()


@pytest.mark.slow  # a whole game through the window, saved, quit and loaded (about 7 s)
def test_save_quit_load_continue_gives_the_same_final_hash(data_dir):
    app, _ = new_app()
    full = play_tutorial(Driver(app), PLAN)
    final_hash = app.hotseat.game.hash

    app, _ = new_app()
    driver = Driver(app)
    play_tutorial(driver, PLAN, stop_after_round=2)
    assert driver.screen_name == "NewsScreen" and app.hotseat.state.round == 3
    from game.session.slots import list_saves

    newest = list_saves()[0]
    assert newest.round == 3 and newest.autosave
    pygame.quit()

    app = build_app(load=newest.path)
    driver = Driver(app)
    assert driver.screen_name == "NewsScreen"
    rest = play_tutorial(driver, PLAN)
    assert app.hotseat.game.hash == final_hash
    assert list(app.hotseat.game.actions)[-len(rest) :] == rest
    assert len(app.hotseat.game.actions) == len(full)
