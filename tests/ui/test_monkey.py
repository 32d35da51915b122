"""5,000 random clicks and key presses across every screen, without an exception."""

import os
import random

import pygame
import pytest

from game.ui.run import build_app

from .driver import Driver

KEYS = [
    pygame.K_SPACE,
    pygame.K_RETURN,
    pygame.K_TAB,
    pygame.K_ESCAPE,
    pygame.K_BACKSPACE,
    pygame.K_b,
    pygame.K_F1,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_PAGEDOWN,
    pygame.K_a,
] + [pygame.K_1 + i for i in range(9)]


@pytest.mark.slow
def test_monkey_5000_events():
    rng = random.Random(int(os.environ.get("MONKEY_SEED", "20261122")))
    app = build_app()
    driver = Driver(app)
    screens = set()
    restarts = 0
    for i in range(5000):
        if not app.running:  # quit from the menu: start again, as a user would
            restarts += 1
            pygame.quit()
            app = build_app()
            driver = Driver(app)
        screens.add(driver.screen_name)
        w, h = app.size
        roll = rng.random()
        if roll < 0.45:
            key = rng.choice(KEYS)
            # Enter and Space move the game on; weight them so games get deep.
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        elif roll < 0.55:
            pygame.event.post(
                pygame.event.Event(
                    pygame.KEYDOWN, key=rng.choice([pygame.K_SPACE, pygame.K_RETURN]), mod=0, unicode="", scancode=0
                )
            )
        elif roll < 0.95:
            pos = (rng.randrange(w), rng.randrange(h))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        elif roll < 0.98:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-1, 1]), flipped=False))
        else:
            size = (rng.randrange(900, 1500), rng.randrange(600, 1000))
            pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        if i % 3 == 0:
            driver.frame()
    driver.frame()
    assert {"TitleScreen", "PickerScreen", "SeatsScreen"} <= screens
    assert screens & {"OrdersScreen", "NewsScreen", "HandoverScreen"}, f"the monkey never reached a game: {screens}"
