"""The board's screens speak French: the title screen, the scenario picker, the seats' set-up and the Load
screen (its saves' words too) hold no English word outside what a scenario's author wrote, and their keys'
help is French as well."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game import i18n
from game.scenario import bundled_scenarios, load_scenario_with_files, resolve_scenario
from game.session import slots
from game.ui.run import build_app
from game.ui.screens.load import LoadScreen
from game.ui.screens.menus import PickerScreen
from game.ui.screens.seats import SeatsScreen

from ..ui.driver import Driver
from ..ui.test_load_screen import play
from .english import author_strings, english_words, without

RED_CELL = Path(__file__).parents[1] / "rules" / "fixtures" / "red_cell.toml"  # a scenario with an optional seat


pytestmark = pytest.mark.usefixtures("french")


def english_left(words: str, scenarios=(), also=()) -> set[str]:
    """The English words of ``words`` once the scenarios' own strings (and ``also``) are taken out."""
    strings = set(also)
    for scenario in scenarios:
        strings |= author_strings(scenario)
    return english_words(without(words, strings))


def help_words(screen) -> str:
    return " ".join(w for line in screen.help_lines() for w in line)


def bundled() -> list:
    return [load_scenario_with_files(p)[0] for p in bundled_scenarios()]


def test_the_title_screen_is_french():
    app = build_app()
    d = Driver(app)
    d.frame(2)
    assert type(app.screen).__name__ == "TitleScreen"
    shown = d.text()
    assert "Nouvelle partie" in shown and "Charger une partie" in shown and "Quitter" in shown
    tips = " ".join(e.tool_tip_text or "" for e in app.screen.focusables)
    assert english_left(shown + " " + tips) == set()


def test_the_scenario_picker_is_french():
    app = build_app()
    d = Driver(app)
    d.frame()
    app.show(PickerScreen(app))
    d.frame(2)
    shown = d.text()
    assert "Choisir un scénario" in shown and "débutez ici" in shown
    assert english_left(shown, bundled()) == set()
    # A French player's first game is the French tutorial, chosen and first in the list.
    label, chosen = app.screen.entries[app.screen.selected]
    assert app.screen.selected == 0 and chosen.id == "tutorial_fr" and "débutez ici" in label
    # A scenario in another language says which.
    assert "Your First Démarche · anglais" in [label for label, _sc in app.screen.entries]


@pytest.mark.parametrize("source", ["tutorial", "red_lines", RED_CELL])
def test_the_seats_set_up_is_french(source):
    path = source if isinstance(source, Path) else resolve_scenario(source)
    scenario, files, main = load_scenario_with_files(path)
    app = build_app(size=(1280, 800))
    d = Driver(app)
    d.frame()
    app.show(SeatsScreen(app, scenario, files, main, path))
    d.frame(2)
    screen = app.screen
    shown = d.text()
    assert "Placer les joueurs" in shown and "Lancer la partie" in shown
    tips = " ".join(b.tool_tip_text or "" for group in screen.groups.values() for b in group.buttons)
    hints = " ".join(e.placeholder_text for e in screen.entries.values())
    assert "Nom du joueur" in hints
    assert english_left(" ".join((shown, tips, hints, help_words(screen))), [scenario, screen.scenario]) == set()


def test_the_seats_set_up_with_the_facilitator_and_bots_is_french():
    path = resolve_scenario("tutorial")
    scenario, files, main = load_scenario_with_files(path)
    app = build_app(size=(1024, 700))
    d = Driver(app)
    d.frame()
    app.show(SeatsScreen(app, scenario, files, main, path))
    d.frame()
    screen = app.screen
    screen.choose(screen.groups["facilitator"], True)
    role = scenario.role_ids[0]
    screen.choose(screen.groups[f"seat:{role}"], "bot")
    d.frame(2)
    shown = d.text()
    assert "Glouton" in shown and "Oui" in shown
    assert screen.pin_entry is not None and screen.pin_entry.placeholder_text == "PIN, 4 chiffres ou plus"
    assert english_left(shown, [scenario, screen.scenario]) == set()


def test_the_load_screen_and_its_saves_words_are_french():
    ana = play(["Ana"], 5, 6)  # stopped in its second round
    play(["Bo", "Cy"], 3, 200)  # played to its end: "terminée après la manche …"
    slots.save_named(ana, "plus-tard")
    (slots.saves_dir() / "abime.json").write_text("{ not a save")
    app = build_app(size=(1280, 800))
    d = Driver(app)
    d.frame()
    screen = app.route.saves()
    d.frame()
    screen.expanded.add(screen.listing.games[0].key)  # a game's autosaves open beneath it
    screen.relay()
    d.key(pygame.K_DOWN)
    shown = d.text()
    assert isinstance(app.screen, LoadScreen)
    rows = " ".join(line.words for row in screen.box.rows for line in row.lines)  # those scrolled away too
    for words in ("Charger une partie", "Parties enregistrées", "Impossible à charger", "sauvegardes auto", "manche"):
        assert words in shown + rows, words
    tips = " ".join(b.tool_tip_text or "" for b in screen.focusables)
    # The players' names and the files', and why a file cannot be read (the save's own reader says it).
    names = {"Ana", "Bo", "Cy", "plus-tard", "abime.json"} | {save.error for save in screen.listing.broken}
    left = english_left(" ".join((shown, rows, tips, help_words(screen))), bundled(), names)
    assert left == set()


def test_an_empty_load_screen_is_french():
    app = build_app()
    d = Driver(app)
    d.frame()
    app.route.saves()
    shown = d.text()
    assert "Aucune partie enregistrée" in " ".join(line.words for row in app.screen.box.rows for line in row.lines)
    assert english_left(shown) == set()


def test_the_english_screens_are_unchanged_after_french():
    i18n.set_language("en")
    app = build_app()
    d = Driver(app)
    d.frame(2)
    shown = d.text()
    assert "New game" in shown and "Load game" in shown and "Quit" in shown
