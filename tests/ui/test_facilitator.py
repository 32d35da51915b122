"""The facilitator's seat on the board: PIN, control screen, injects, adjustments,
notes, semi-rigid review, pause, and reasons typed by a player."""

import re

import pygame

from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.ui.run import build_app
from game.ui.screens.flow import start_game
from game.ui.screens.names import distinct
from game.ui.screens.pin import PinOverlay

from .driver import Driver

PIN = "4321"
ID_MARK = re.compile(r"\[[\w.]+\]")  # "Our legitimacy [legitimacy]"


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


def test_wrong_pin_keeps_the_control_seat_closed_and_its_dialog_open():
    app, d = exercise()
    assert d.screen_name == "HandoverScreen"
    assert "Facilitator (F9)" in d.text()
    step = app.hotseat.step
    open_control(d, "0000")
    pin = app.overlays[-1]
    assert isinstance(pin, PinOverlay) and d.screen_name == "HandoverScreen"
    assert "not the facilitator's PIN" in d.text() and pin.entry.get_text() == "", "said in the dialog, entry cleared"
    d.shot("pin_wrong")
    d.key(pygame.K_SPACE)  # on the hand-over, Space would start the next seat's turn
    d.key(pygame.K_RETURN)  # an empty PIN: refused too, in the dialog
    assert app.overlays == [pin] and d.screen_name == "HandoverScreen" and app.hotseat.step == step
    assert "Type the PIN first" in d.text()
    d.key(pygame.K_ESCAPE)
    assert not app.overlays and d.screen_name == "HandoverScreen"
    open_control(d, "1234")
    d.click_element(app.overlays[-1].cancel)  # Cancel, by mouse
    assert not app.overlays and app.hotseat.step == step
    open_control(d, "1111")
    type_text(d, app.overlays[-1].entry, PIN)  # the right PIN in the same dialog
    d.key(pygame.K_RETURN)
    assert d.screen_name == "FacilitatorScreen"


def test_the_control_seat_shows_names_never_ids():
    app, d = exercise()
    sc = app.hotseat.scenario
    ids = {*sc.meters, *(a.id for a in sc.actors), *(r.id for r in sc.roles)}
    open_control(d)
    d.click_element(app.screen.tab_buttons["Adjust"])
    screen = app.screen
    d.click_element(screen.meter_menu)  # open the drop-down: its items are on screen
    items = [o[0] if isinstance(o, tuple) else o for o in screen.meter_menu.options_list]
    assert len(items) == len(sc.meters) and "Republic of Veyra: Trust in us" in items and "Our legitimacy" in items
    assert not [i for i in items if ID_MARK.search(i) or i in ids], items
    assert "Republic of Veyra: Pressure to change course" in d.text()
    d.click_element(screen.meter_menu)  # and closed again
    choice = "Our legitimacy"
    type_text(d, screen.delta, "-7")
    type_text(d, screen.reason, "A riot the scenario does not model")
    d.click_element(screen.apply_button)
    assert app.toast_text == "Adjusted Our legitimacy by -7"
    assert app.screen.meter_menu.selected_option[0] == choice, "the meter stays chosen"
    shown = " ".join(d.text().split())
    assert "Facilitator adjusted Our legitimacy by -7: A riot" in shown and "(legitimacy)" not in shown

    d.click_element(app.screen.tab_buttons["Notes"])
    about = [o[0] if isinstance(o, tuple) else o for o in app.screen.about_menu.options_list]
    assert "Republic of Veyra" in about and "Foreign Ministry" in about
    assert not [i for i in about if ID_MARK.search(i) or i in ids], about
    app.screen.about_menu.selected_option = ("Republic of Veyra", "Republic of Veyra")
    type_text(d, app.screen.note_entry, "The envoy left early")
    d.click_element(app.screen.note_button)
    note = next(e for e in app.hotseat.state.events if e.kind == "note")
    assert note.ref == "veyra" and "Round 1 — Republic of Veyra: The envoy left early" in d.text()

    d.click_element(app.screen.tab_buttons["Injects"])
    crisis, button = next(iter(app.screen.inject_buttons.items()))
    d.click_element(button)
    assert app.toast_text == f"Started: {sc.crisis(crisis).title}"
    words = set(re.findall(r"[\w.]+", d.text()))
    assert not words & {p for p in sc.meters if "." in p}, "no meter path on screen"


def test_labels_two_things_share_are_told_apart_in_words():
    shown = distinct([("Trust", "a.trust", "actor"), ("Trust", "r.trust", "team"), ("Mood", "mood", "x")])
    assert shown == {"Trust (actor)": "a.trust", "Trust (team)": "r.trust", "Mood": "mood"}
    same = distinct([("Veyra", "v1", "actor"), ("Veyra", "v2", "actor")])
    assert list(same) == ["Veyra (actor, the first of two)", "Veyra (actor, the second of two)"]


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
    d.frame(20)  # Enter publishes once the review has been on screen a moment
    d.key(pygame.K_RETURN)  # accept and publish
    assert app.hotseat.state.round == 2
    assert any(e.kind == "adjudication" and "never delivered" in e.text for e in app.hotseat.state.events)
    assert any(p.reasons == ("Quiet first, loud later",) for p in app.hotseat.state.history)
