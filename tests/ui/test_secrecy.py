"""Nothing private to one seat is ever on screen during another seat's turn,
on a hand-over screen, or on the public news; hidden meters never before the end."""

import html
import random

import pygame

from game.rules.model import PUBLIC
from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.ui import text as ui_text
from game.ui.run import build_app
from game.ui.text import reflow

from .driver import Driver


def secrets_by_role(scenario):
    out = {}
    for role in scenario.roles:
        chunks = [p[:80] for p in reflow(role.briefing)]
        chunks += [o.text for o in role.objectives]
        out[role.id] = [c for c in chunks if len(c) > 15]
    return out


def visible(chunk: str, screen: str) -> bool:
    flat = " ".join(screen.split())
    return chunk in flat or html.escape(chunk, quote=False) in flat


def test_no_seat_sees_another_seats_secrets_on_any_screen():
    path = resolve_scenario("red_lines")
    scenario = Game.from_path(path).scenario
    seats = parse_seats("foreign=Ana,defence=Ben,development=Cleo", scenario.role_ids)
    app = build_app(scenario_path=path, seats=seats, seed=11)
    driver = Driver(app)
    secrets = secrets_by_role(scenario)
    not_public = [m.label for m in scenario.global_meters + scenario.actor_meters if m.visibility != PUBLIC]
    rng = random.Random(3)
    checked = 0
    private_events: dict[str, list[str]] = {r: [] for r in scenario.role_ids}

    def check():
        nonlocal checked
        screen = driver.text()
        drawn = set(ui_text.DRAWN)
        hs = app.hotseat
        viewer = hs.step.role if app.screen.private else None
        for e in hs.state.events:  # learn every seat's private events as they happen
            if isinstance(e.audience, tuple) and len(e.audience) == 1:
                if e.text not in private_events[e.audience[0]]:
                    private_events[e.audience[0]].append(e.text)
        for role in scenario.role_ids:
            if role == viewer or hs.state.over:  # scores and debrief reveal everything
                continue
            for chunk in secrets[role] + private_events[role]:
                assert not visible(" ".join(chunk.split()), screen), f"{role}'s secret on {type(app.screen).__name__} (viewer {viewer}): {chunk[:60]}"
        if not hs.state.over:
            for label in not_public:
                assert label not in drawn, f"non-public meter '{label}' drawn on {type(app.screen).__name__}"
        checked += 1

    for _ in range(600):
        check()
        name = driver.screen_name
        if name in ("ScoresScreen", "DebriefScreen"):
            break
        if name == "HandoverScreen":
            driver.key(pygame.K_SPACE)
        elif name == "BriefingScreen":
            driver.key(pygame.K_RETURN)
        elif name == "NewsScreen":
            driver.key(pygame.K_SPACE)
            check()
            driver.key(pygame.K_SPACE)
        elif name == "OrdersScreen":
            for _ in range(2):
                driver.key(pygame.K_1 + rng.randrange(6))
                if app.screen.pending:  # waiting for a target: Tab to the first, Enter to aim
                    driver.key(pygame.K_TAB)
                    driver.key(pygame.K_RETURN)
                check()
            driver.key(pygame.K_b)  # the briefing overlay: own secrets only
            check()
            driver.key(pygame.K_b)
            driver.key(pygame.K_RETURN)
            if app.overlays:
                driver.key(pygame.K_RETURN)
    assert app.hotseat.state.over, "the game should have reached its end"
    assert checked > 100
    assert any(private_events.values()), "the game should have produced private events to hide"
