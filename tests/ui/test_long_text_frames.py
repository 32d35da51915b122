"""The board with absurdly long author text: every screen of a game still draws promptly."""

import shutil
import signal
import time
import tomllib
from pathlib import Path

import pygame
import pytest
import tomli_w

from game.scenario import load_scenario
from game.scenario.limits import MAX_TEXT
from game.session.hotseat import parse_seats
from game.ui.run import build_app

from .driver import Driver
from .test_play_through import PLAN, play_tutorial

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
NAME = ("Federal Directorate of Lorem Ipsum " * 150)[:5000]
WORD = "Xy" * 2500
# The longest text a scenario may hold (longer ones are refused at load; fit and wrap of
# 200,000 characters are tested on their own in test_text_fit.py).
HUGE = ("The coalition wavers; a minister resigns. " * 5000)[:MAX_TEXT]
HANG_GUARD = 240  # seconds for a whole game; before binary-search fitting one frame alone took longer


@pytest.fixture
def hang_guard():
    def hung(signum, frame):
        raise AssertionError(f"the board did not get through a game in {HANG_GUARD} s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def long_text_scenario(folder: Path) -> Path:
    """The tutorial with a 5,000-character actor name and word, and texts as long as the limit allows."""
    shutil.copytree(SCENARIOS / "library", folder / "library")
    library = tomllib.loads((folder / "library" / "instruments.toml").read_text(encoding="utf-8"))
    library["instruments"][0]["name"] = NAME
    (folder / "library" / "instruments.toml").write_text(tomli_w.dumps(library), encoding="utf-8")
    data = tomllib.loads((SCENARIOS / "tutorial.toml").read_text(encoding="utf-8"))
    data["scenario"]["title"] = NAME
    data["scenario"]["summary"] = HUGE
    data["actors"][0]["name"] = NAME
    data["actors"][1]["name"] = WORD
    for actor in data["actors"]:
        actor["summary"] = HUGE
    for role in data["roles"]:
        role["briefing"] = HUGE
    for crisis in data["crises"]:
        crisis["title"] = NAME
        crisis["text"] = HUGE
    for c in data["consequences"]:
        c["reveal"] = HUGE
        c["debrief"] = HUGE
    for table in ("meters", "actor_meters", "role_meters"):
        for meter in data[table].values():
            meter["text"] = HUGE
    path = folder / "long.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_game_with_5000_character_names_and_the_longest_texts_plays_through(tmp_path, hang_guard):
    path = long_text_scenario(tmp_path)
    scenario = load_scenario(path)
    assert scenario.actor("corvane").name == NAME
    app = build_app(scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", scenario.role_ids), seed=5)
    driver = Driver(app)
    seen = set()
    real_key = driver.key

    def key_and_hover(k, mod=0, unicode=""):
        # Hover every actor token and meter once per screen, so tooltips with long text draw too.
        name = driver.screen_name
        if name not in seen and hasattr(app.screen, "board"):
            seen.add(name)
            driver.frame()
            for hit in list(app.screen.board.hits):
                pygame.event.post(
                    pygame.event.Event(pygame.MOUSEMOTION, pos=hit.rect.center, rel=(0, 0), buttons=(0, 0, 0))
                )
                driver.frame()
        real_key(k, mod, unicode)

    driver.key = key_and_hover
    start = time.monotonic()
    play_tutorial(driver, PLAN)
    assert app.hotseat.game.state.over
    assert {"NewsScreen", "OrdersScreen"} <= seen
    assert driver.screen_name == "VerdictScreen" or driver.screen_name == "DebriefScreen"
    frames = app.frame_times
    print(f"game played in {time.monotonic() - start:.1f} s; slowest recent frame {max(frames) * 1000:.0f} ms")
    assert "…" in app.frame_text()
