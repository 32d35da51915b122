"""Drive the real app headless with posted input events, one frame per step."""

from __future__ import annotations

from pathlib import Path

import pygame

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


class Driver:
    def __init__(self, app):
        self.app = app

    @property
    def screen_name(self) -> str:
        return type(self.app.screen).__name__

    def frame(self, n: int = 1) -> None:
        for _ in range(n):
            self.app.step(dt=0.05, wait=False)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        self.frame()

    def click(self, pos) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.frame()
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        self.frame()
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frame(2)  # the widget's "pressed" event is handled on the next frame

    def click_element(self, element) -> None:
        self.click(element.rect.center)

    def text(self) -> str:
        self.frame()
        return self.app.frame_text()

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.frame()
        path = ARTIFACTS / f"{name}.png"
        pygame.image.save(self.app.window, str(path))
        return path
