"""A French game through the window, from the title screen to the debrief and its written review:
every screen, card and message it shows is French (the French tutorial's author text is French too)."""

import os
from pathlib import Path

from game.rules.engine import play
from game.rules.hashing import state_hash
from game.scenario import bundled_scenarios, resolve_scenario
from game.session.game import Game
from game.ui.run import build_app
from game.ui.screens.menus import PickerScreen, TitleScreen
from game.ui.screens.seats import SeatsScreen

from ..ui.driver import Driver
from ..ui.test_play_through import PLAN, play_tutorial
from .english import english_words


def _allowed(scenario) -> set[str]:
    """Ids an author wrote that may show as they are (none of the French tutorial's names is English)."""
    words = set(scenario.role_ids) | {a.id for a in scenario.actors}
    return {w for each in words for w in each.replace("_", " ").split()}


def test_a_french_game_from_the_title_screen_to_the_debrief(french, data_dir):
    app = build_app()
    d = Driver(app)
    d.frame(2)
    scenario = Game.from_path(resolve_scenario("tutorial_fr")).scenario
    allowed = _allowed(scenario)
    seen: dict[str, set[str]] = {}

    # The picker lists every bundled scenario by its title, as its author wrote it (the others are English).
    titles = [Game.from_path(p).scenario.title for p in bundled_scenarios()]

    def look(driver: Driver) -> None:
        name = driver.screen_name + ("+" + type(app.overlays[-1]).__name__ if app.overlays else "")
        shown = driver.text()
        for title in titles:
            shown = shown.replace(title, "")
        left = english_words(shown, allowed)
        if left:
            seen.setdefault(name, set()).update(left)
        if name not in shots:
            shots.add(name)
            driver.shot(f"fr_{name}")

    shots: set[str] = set()
    assert isinstance(app.screen, TitleScreen)
    look(d)
    d.click_element(app.screen.new)
    assert isinstance(app.screen, PickerScreen)
    look(d)
    assert app.screen.entries[app.screen.selected][1].id == "tutorial_fr"
    d.click_element(app.screen.next)
    assert isinstance(app.screen, SeatsScreen)
    for role, name in zip(scenario.role_ids, ("Ana", "Ben"), strict=True):
        app.screen.entries[role].set_text(name)
    d.frame()
    look(d)
    d.click_element(app.screen.start)

    expected = play_tutorial(d, PLAN, look=look)
    assert d.screen_name in ("VerdictScreen", "DebriefScreen")
    look(d)
    if d.screen_name == "VerdictScreen":
        d.key(__import__("pygame").K_RETURN)
    assert d.screen_name == "DebriefScreen"
    look(d)
    assert seen == {}, "English on French screens:\n" + "\n".join(f"{k}: {sorted(v)}" for k, v in seen.items())

    # The same game as the engine plays it: the language changes no rule.
    game = app.hotseat.game
    assert game.state.over and list(game.actions) == expected
    assert state_hash(play(scenario, expected, game.seed)) == game.hash

    d.click_element(app.screen.review)
    reviews = list((Path(os.environ["DEMARCHE_DATA_DIR"]) / "saves").glob("tutorial_fr-*.html"))
    assert len(reviews) == 1
    html = reviews[0].read_text(encoding="utf-8")
    assert '<html lang="fr"' in html and "Bilan" in html
    assert "Bilan écrit" in d.text() or "bilan" in d.text().lower()
