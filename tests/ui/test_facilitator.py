"""The facilitator's seat on the board: PIN, control screen, injects, adjustments,
notes, semi-rigid review, pause, and reasons typed by a player."""

import pygame

from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.ui.run import build_app
from game.ui.screens.flow import start_game

from .driver import Driver

PIN = "4321"


def exercise():
    path = resolve_scenario("red_lines")
    scenario = Game.from_path(path).scenario
    from game.scenario import load_scenario_with_files

    scenario, files, main = load_scenario_with_files(path)
    app = build_app()
    start_game(app, scenario, files, main, parse_seats("foreign=Ana,defence=Ben", scenario.role_ids), pin=PIN)
    return app, Driver(app)


def type_text(d, entry, value):
    entry.focus()
    entry.set_text(value)
    d.frame()


def open_control(d, pin=PIN):
    d.key(pygame.K_F9)
    assert d.app.overlays
    type_text(d, d.app.overlays[-1].entry, pin)
    d.key(pygame.K_RETURN)


def test_wrong_pin_keeps_the_control_seat_closed():
    app, d = exercise()
    assert d.screen_name == "HandoverScreen"
    assert "Facilitator (F9)" in d.text()
    open_control(d, "0000")
    assert d.screen_name == "HandoverScreen"
    assert "not the facilitator's PIN" in d.text()


def test_control_seat_steers_and_everything_is_logged():
    app, d = exercise()
    open_control(d)
    assert d.screen_name == "FacilitatorScreen"
    screen = app.screen
    assert "Intelligence sharing" in d.text()
    hidden = [
        m.label
        for m in app.hotseat.scenario.global_meters + app.hotseat.scenario.actor_meters
        if m.visibility != "public"
    ]
    assert any(label in d.text() for label in hidden), "the facilitator sees non-public meters"
    d.shot("facilitator_overview")

    d.click_element(screen.tab_buttons["Adjust"])
    screen = app.screen
    type_text(d, screen.delta, "-7")
    type_text(d, screen.reason, "A riot the scenario does not model")
    d.click_element(screen.apply_button)
    assert any(e.kind == "adjust" and "riot" in e.text for e in app.hotseat.state.events)
    d.shot("facilitator_adjust")

    d.click_element(app.screen.tab_buttons["Notes"])
    type_text(d, app.screen.note_entry, "Defence hesitates to speak up")
    d.click_element(app.screen.note_button)
    assert any(e.kind == "note" for e in app.hotseat.state.events)
    assert "Defence hesitates to speak up" in d.text()

    d.click_element(app.screen.tab_buttons["Injects"])
    d.shot("facilitator_injects")
    crisis, button = next(iter(app.screen.inject_buttons.items()))
    d.click_element(button)
    assert crisis in app.hotseat.state.active_crises()

    d.click_element(app.screen.tab_buttons["Mode"])
    d.click_element(app.screen.mode_button)
    assert app.hotseat.state.mode == "semi-rigid"

    d.click_element(app.screen.pause)
    assert d.screen_name == "PauseScreen"
    screen_text = d.text()
    assert "Paused" in screen_text and "Intelligence sharing" not in screen_text
    d.shot("pause")
    d.key(pygame.K_RETURN)  # Resume asks for the PIN
    type_text(d, app.overlays[-1].entry, PIN)
    d.key(pygame.K_RETURN)
    assert d.screen_name == "FacilitatorScreen"
    d.key(pygame.K_ESCAPE)
    assert d.screen_name == "HandoverScreen"

    saved = Game.load(
        sorted(
            (d.app.hotseat.game and __import__("game.session.slots", fromlist=["x"]).saves_dir()).glob(
                "autosave-*.json"
            )
        )[-1]
    )
    assert saved.hash == app.hotseat.game.hash, "facilitator actions replay exactly from the autosave"


def test_semi_rigid_review_and_player_reasons():
    app, d = exercise()
    open_control(d)
    d.click_element(app.screen.tab_buttons["Mode"])
    d.click_element(app.screen.mode_button)
    d.key(pygame.K_ESCAPE)
    for _ in range(30):
        name = d.screen_name
        if name == "ReviewHandoverScreen":
            break
        if name == "HandoverScreen":
            d.key(pygame.K_SPACE)
        elif name == "TalksScreen":
            d.key(pygame.K_RETURN)
        elif name == "BriefingScreen":
            d.key(pygame.K_RETURN)
        elif name == "NewsScreen":
            d.key(pygame.K_SPACE)
            d.key(pygame.K_SPACE)
        elif name == "OrdersScreen":
            d.key(pygame.K_1)
            if app.screen.pending:
                d.key(pygame.K_TAB)
                d.key(pygame.K_RETURN)
            if app.screen.picks and app.hotseat.step.role == "foreign":
                d.click_element(app.screen.why_buttons[0])
                type_text(d, app.overlays[-1].entries[0], "Quiet first, loud later")
                d.key(pygame.K_RETURN)
                assert app.screen.picks[0].reasons == ("Quiet first, loud later",)
                d.shot("orders_with_reasons")
            d.key(pygame.K_RETURN)
            if app.overlays:
                d.key(pygame.K_RETURN)
    assert d.screen_name == "ReviewHandoverScreen" and app.hotseat.state.round == 1
    d.key(pygame.K_SPACE)
    type_text(d, app.overlays[-1].entry, PIN)
    d.key(pygame.K_RETURN)
    assert d.screen_name == "ReviewScreen"
    d.shot("facilitator_review")
    review = app.screen
    slot = review.list.slots[0]
    d.click_element(slot.buttons["override"])
    type_text(d, app.overlays[-1].amount, "0")
    type_text(d, app.overlays[-1].reason, "the demarche was never delivered")
    d.key(pygame.K_RETURN)
    assert slot.row.key in app.screen.overrides
    d.key(pygame.K_RETURN)  # accept and publish
    assert app.hotseat.state.round == 2
    assert any(e.kind == "adjudication" and "never delivered" in e.text for e in app.hotseat.state.events)
    assert any(p.reasons == ("Quiet first, loud later",) for p in app.hotseat.state.history)
