"""The scenario picker: the tutorial first, marked as the place to start."""

import pygame

from game.scenario import bundled_scenarios
from game.ui.run import build_app
from game.ui.screens.menus import START_HERE

from .driver import Driver


def picker():
    app = build_app()
    d = Driver(app)
    d.key(pygame.K_RETURN)  # New game
    assert d.screen_name == "PickerScreen"
    return app, d


def test_the_tutorial_is_listed_first_and_marked_as_the_place_to_start():
    app, d = picker()
    assert len(bundled_scenarios()) > 1 and sorted(bundled_scenarios())[0].stem != "tutorial", "not first by name"
    rows = [item["text"] for item in app.screen.list.item_list]
    assert rows[0] == f"Your First Démarche — {START_HERE}"
    assert not any(START_HERE in row for row in rows[1:]), "only the tutorial is marked"
    assert app.screen.list.item_list[0]["object_id"] == "#start_here"
    assert app.screen.selected == 0 and "New to Demarche? Start here" in d.text()
    d.key(pygame.K_DOWN)  # another scenario: no "start here" in its details
    assert app.screen.selected == 1 and "Start here" not in d.text()
    d.shot("picker_tutorial_first")


def test_the_tutorial_first_is_what_seat_the_players_opens():
    app, d = picker()
    d.key(pygame.K_RETURN)  # Seat the players
    assert d.screen_name == "SeatsScreen" and app.screen.scenario.id == "tutorial"


def test_a_preselected_scenario_keeps_its_place_below_the_tutorial():
    app = build_app(scenario_path=sorted(bundled_scenarios())[1])
    d = Driver(app)
    d.key(pygame.K_RETURN)
    chosen = app.screen.entries[app.screen.selected][1]
    assert app.screen.selected != 0 and chosen.id == "red_lines"
    assert app.screen.entries[0][1].id == "tutorial"
