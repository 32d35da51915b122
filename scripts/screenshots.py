"""Take the README's screenshots from a real run of the game.

Plays Red Lines with two humans and two bots through posted key presses (the
same input a person gives), and saves the board during an orders turn, the
news, and the debrief into docs/screenshots/. Run:

    python scripts/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("DEMARCHE_DATA_DIR", tempfile.mkdtemp(prefix="demarche-shots-"))

import pygame  # noqa: E402

from game.scenario import load_scenario, resolve_scenario  # noqa: E402
from game.session.hotseat import parse_seats  # noqa: E402
from game.ui.run import build_app  # noqa: E402  (quiets pygame's banner first)

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    path = resolve_scenario("red_lines")
    scenario = load_scenario(path)
    app = build_app(
        scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", scenario.role_ids), seed=4, size=(1280, 800)
    )

    def key(k):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
        app.step(dt=0.05, wait=False)

    def save(name):
        for _ in range(3):
            app.step(dt=0.05, wait=False)
        pygame.image.save(app.window, str(OUT / f"{name}.png"))
        print(f"wrote docs/screenshots/{name}.png")

    taken = set()
    for _ in range(400):
        screen = type(app.screen).__name__
        rnd = app.hotseat.state.round
        if screen == "HandoverScreen":
            key(pygame.K_SPACE)
        elif screen == "BriefingScreen":
            key(pygame.K_RETURN)
        elif screen == "NewsScreen":
            key(pygame.K_SPACE)
            if rnd == 3 and "news" not in taken:
                taken.add("news")
                save("news")
            key(pygame.K_SPACE)
        elif screen == "OrdersScreen":
            key(pygame.K_2)
            key(pygame.K_TAB)
            key(pygame.K_RETURN)
            if rnd == 3 and "board" not in taken:
                taken.add("board")
                key(pygame.K_5)  # an instrument waiting for its target: ringed tokens
                key(pygame.K_TAB)
                pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(640, 120), rel=(0, 0), buttons=(0, 0, 0)))
                save("board")
                key(pygame.K_ESCAPE)
            key(pygame.K_RETURN)
            if app.overlays:
                key(pygame.K_RETURN)
        elif screen == "ScoresScreen":
            save("scores")
            key(pygame.K_RETURN)
        elif screen == "DebriefScreen":
            save("debrief")
            break
    pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
