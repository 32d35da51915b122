"""The set-up screen lists an optional seat as such, left out unless someone brings it in."""

from pathlib import Path

import pygame

from game.scenario import load_scenario_with_files
from game.scenario.variants import with_optional
from game.ui.run import build_app
from game.ui.screens.seats import LEFT_OUT, SeatsScreen

from .driver import Driver

RED_CELL = Path(__file__).parents[1] / "rules" / "fixtures" / "red_cell.toml"


def seats_screen(left_out: bool = False):
    scenario, files, main = load_scenario_with_files(RED_CELL)
    if left_out:  # the screen may be handed any variant of the file: it still lists every seat
        scenario = with_optional(scenario, [])
    app = build_app()
    d = Driver(app)
    d.frame()  # the title's first frame loads the other fonts, as before any player reaches the set-up
    app.show(SeatsScreen(app, scenario, files, main, RED_CELL))
    return app, d


def test_an_optional_seat_is_listed_as_such_and_left_out_by_default():
    app, d = seats_screen()
    shown = " ".join(d.text().split())
    assert "optional: red cell, playing Republic of Veyra" in shown
    assert app.screen.kinds == {"foreign": None, "defence": None, "cell": LEFT_OUT}
    cell = app.screen.groups["seat:cell"]
    assert [o.label for o in cell.options] == ["Human", "Bot", "Off"] and cell.chosen == LEFT_OUT
    assert "cell" not in app.screen.entries and "Not in this game" in d.text()
    d.shot("seats_optional_left_out")
    d.click_element(app.screen.start)
    game = app.hotseat.game
    assert game.scenario.role_ids == ("foreign", "defence") and game.scenario.left_out == ("cell",)
    assert set(app.hotseat.seats) == {"foreign", "defence"} and set(game.meta.seats) == {"foreign", "defence"}
    assert game.to_save().with_ == ()


def segment(app, key: str, label: str):
    group = app.screen.groups[key]
    return next(b for o, b in zip(group.options, group.buttons, strict=True) if o.label == label)


def test_the_toggle_brings_the_seat_in_as_a_person_or_a_bot():
    app, d = seats_screen(left_out=True)
    for label, expected in (("Bot", "greedy"), ("Off", LEFT_OUT), ("Human", None)):
        d.click_element(segment(app, "seat:cell", label))
        assert app.screen.kinds["cell"] == expected
    d.click_element(segment(app, "seat:cell", "Bot"))
    d.click_element(segment(app, "bot:cell", "Random"))
    assert app.screen.kinds["cell"] == "random"
    d.click_element(segment(app, "seat:cell", "Off"))
    d.click_element(segment(app, "seat:cell", "Bot"))
    assert app.screen.kinds["cell"] == "random", "the seat comes back with the kind of bot it had"
    d.click_element(segment(app, "seat:cell", "Human"))
    assert app.screen.entries["cell"].is_enabled
    app.screen.entries["cell"].set_text("Bo")
    d.shot("seats_optional_brought_in")
    d.click_element(app.screen.start)
    hs = app.hotseat
    assert hs.game.scenario.role_ids == ("foreign", "defence", "cell")
    assert hs.seats["cell"].name == "Bo" and hs.seats["cell"].human
    assert hs.game.to_save().with_ == ("cell",)
    assert "Pass the computer to" in d.text()


def test_an_ordinary_seat_is_never_left_out():
    app, d = seats_screen()
    assert [o.value for o in app.screen.groups["seat:defence"].options] == ["human", "bot"]
    app.screen.current = "seat:defence"
    for _ in range(3):  # the arrows stop at the group's end: Bot
        d.key(pygame.K_RIGHT)
    assert app.screen.kinds["defence"] == "greedy"


def test_play_file_lists_that_file_in_the_picker_with_its_optional_seat():
    app = build_app(scenario_path=RED_CELL)
    d = Driver(app)
    d.key(pygame.K_RETURN)  # New game
    assert d.screen_name == "PickerScreen"
    shown = " ".join(d.text().split())
    assert "Veyra cell</b> (optional: red cell, playing Republic of Veyra)" in shown
    assert "Players:</b> 1–3 (1–2 without the optional seat)" in shown
    d.key(pygame.K_RETURN)  # Seat the players
    assert d.screen_name == "SeatsScreen" and app.screen.kinds["cell"] == LEFT_OUT
    assert "suits 1–3 (1–2 without the optional seat) people" in " ".join(d.text().split())


def test_seats_on_the_command_line_bring_the_optional_seat_in_only_when_named():
    from game.scenario import load_scenario
    from game.session.hotseat import parse_seats

    full = load_scenario(RED_CELL)
    for spec, roles in (
        ("foreign=Ana", ("foreign", "defence")),
        ("foreign=Ana,cell=Bo", ("foreign", "defence", "cell")),
        ("foreign=Ana,cell=bot", ("foreign", "defence", "cell")),
    ):
        seats = parse_seats(spec, full.role_ids, full.optional_roles)
        app = build_app(scenario_path=RED_CELL, seats=seats)
        hs = app.hotseat
        assert hs.game.scenario.role_ids == roles, spec
        assert tuple(hs.seats) == roles and tuple(hs.game.meta.seats) == roles
        assert hs.game.to_save().with_ == roles[2:]
        pygame.quit()
