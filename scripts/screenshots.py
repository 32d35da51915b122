"""Take the screenshots of every screen from a real run of the game, at 1280x800 and at the minimum size.

Plays Red Lines with two humans and two bots through posted key presses and
mouse moves (the same input a person gives) and saves each screen as it comes:
the title, the scenario picker, the seating, a hand-over, a briefing, a turn of
talks and the talks, the orders (a card hovered, then an instrument aimed), the
card that opens a later turn, the news, the help, the end of the game. The
1280x800 set goes to docs/screenshots/, the minimum size's to
docs/screenshots/small/. Run:

    python scripts/screenshots.py            (SDL's dummy driver unless DISPLAY is set)
    python scripts/screenshots.py --lang fr  (the French board, playing the French tutorial: docs/screenshots/fr/)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("DEMARCHE_DATA_DIR", tempfile.mkdtemp(prefix="demarche-shots-"))

import pygame  # noqa: E402

from game.scenario import load_scenario, resolve_scenario  # noqa: E402
from game.session.hotseat import parse_seats  # noqa: E402
from game.ui.app import MIN_SIZE  # noqa: E402
from game.ui.run import build_app  # noqa: E402  (quiets pygame's banner first)

OUT = ROOT / "docs" / "screenshots"
END_SCREENS = ("ScoresScreen", "VerdictScreen", "DebriefScreen")


class Shots:
    def __init__(self, app, out: Path):
        self.app, self.out, self.taken = app, out, set()

    def step(self, n: int = 1) -> None:
        for _ in range(n):
            self.app.step(dt=0.05, wait=False)

    def key(self, k: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
        self.step(2)

    def move(self, pos) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.step(2)

    def save(self, name: str) -> None:
        if name in self.taken:
            return
        self.taken.add(name)
        self.step(12)  # motion settles, text boxes finish drawing
        self.out.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.app.window, str(self.out / f"{name}.png"))
        print(f"wrote {(self.out / f'{name}.png').relative_to(ROOT)}")


def menus(size, out: Path) -> None:
    """The title screen, the picker and the seating, reached by keys from the title."""
    app = build_app(size=size)
    s = Shots(app, out)
    s.save("title")
    s.key(pygame.K_RETURN)  # the title's first button: a new game
    s.save("picker")
    s.key(pygame.K_RETURN)
    s.save("seating")
    pygame.quit()


def load_screen(size, out: Path) -> None:
    """The Load screen, with the saves the game just played left behind (run after ``game``)."""
    app = build_app(size=size)
    s = Shots(app, out)
    centre = app.screen.load.rect.center
    for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION else {"button": 1}
        pygame.event.post(pygame.event.Event(kind, pos=centre, **extra))
        s.step(2)
    s.save("load")
    pygame.quit()


def game(size, out: Path, scenario_id: str = "red_lines") -> None:
    path = resolve_scenario(scenario_id)
    scenario = load_scenario(path)
    app = build_app(
        scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", scenario.role_ids), seed=4, size=size
    )
    s = Shots(app, out)
    for _ in range(600):
        screen = type(app.screen).__name__
        rnd = app.hotseat.state.round
        if screen == "HandoverScreen":
            s.save("handover")
            s.key(pygame.K_SPACE)
        elif screen == "BriefingScreen":
            s.save("briefing")
            s.key(pygame.K_RETURN)
        elif screen == "TalksScreen":
            s.save("talks-turn")
            if "talks" not in s.taken:
                s.key(pygame.K_t)
                s.save("talks")
                s.key(pygame.K_ESCAPE)
            s.key(pygame.K_RETURN)
        elif screen == "NewsScreen":
            s.key(pygame.K_SPACE)
            if rnd == 3:
                s.save("news")
            s.key(pygame.K_SPACE)
        elif screen == "OrdersScreen":
            if app.overlays and rnd == 3:
                s.save("results")
            while app.overlays:
                s.key(pygame.K_ESCAPE)
            if rnd == 3 and "board" not in s.taken:
                card = app.screen.hand.cards[4]
                s.move(card.rect.center)
                s.save("card")
                s.key(pygame.K_F1)
                s.save("help")
                s.key(pygame.K_ESCAPE)
                s.key(pygame.K_5)  # an instrument waiting for its target: ringed tokens, its effects
                s.key(pygame.K_TAB)
                aim = next(
                    h for h in app.screen.board.hits if h.kind == "actor" and h.ref in app.screen.highlight().targets
                )
                s.move(aim.rect.center)  # a target's tooltip: what aiming there does
                s.save("board")
                s.key(pygame.K_ESCAPE)
            s.key(pygame.K_2)
            if app.screen.pending:
                s.key(pygame.K_TAB)
                s.key(pygame.K_RETURN)
            s.key(pygame.K_RETURN)
            if app.overlays:
                s.key(pygame.K_RETURN)
        elif screen in END_SCREENS:
            s.save(screen.removesuffix("Screen").lower())
            if screen == "DebriefScreen":
                break
            s.key(pygame.K_RETURN)
        else:
            s.key(pygame.K_RETURN)
    pygame.quit()


def main(argv: list[str] | None = None) -> int:
    import argparse

    from game import i18n

    parser = argparse.ArgumentParser(description="Take the screenshots of every screen from a real run.")
    parser.add_argument("--lang", choices=i18n.available(), default="en", help="the board's language (default: en)")
    args = parser.parse_args(argv)
    i18n.set_language(args.lang)
    if args.lang == i18n.SOURCE:
        runs = [((1280, 800), OUT, "red_lines"), (MIN_SIZE, OUT / "small", "red_lines")]
    else:  # the board in that language, on the tutorial written in it
        runs = [((1280, 800), OUT / args.lang, f"tutorial_{args.lang}")]
    for size, out, scenario_id in runs:
        menus(size, out)
        game(size, out, scenario_id)
        load_screen(size, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
