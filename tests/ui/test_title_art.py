"""The board's first frame is the title screen's art, shown before pygame_gui loads; the title screen then
draws the same pixels under its buttons, and input given meanwhile is not lost."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame

from game.ui import title_art
from game.ui.run import build_app

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh process: the test process has imported pygame_gui long ago.
FIRST_FRAME = """
import json, sys, pygame
shots = []
_flip = pygame.display.flip
def flip():
    _flip()
    shots.append((pygame.image.tobytes(pygame.display.get_surface(), "RGB"), "pygame_gui" in sys.modules))
pygame.display.flip = flip
from game.ui.run import build_app
app = build_app()
app.step(dt=0.05, wait=False)
first, gui_at_first = shots[0]
second, _ = shots[-1]
buttons = [list(e.rect) for e in app.screen.elements]
size = list(app.window.get_size())
moved = [
    i for i in range(0, len(first), 3)
    if first[i:i + 3] != second[i:i + 3]
    and not any(pygame.Rect(r).collidepoint((i // 3) % size[0], (i // 3) // size[0]) for r in buttons)
]
print(json.dumps({"frames": len(shots), "gui_at_first": gui_at_first, "moved": len(moved), "buttons": len(buttons)}))
"""


def test_first_frame_is_the_title_art_before_pygame_gui_and_nothing_moves_after():
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["frames"] >= 2
    assert result["gui_at_first"] is False  # the art needs pygame alone
    assert result["buttons"] == 3
    assert result["moved"] == 0  # outside the buttons, the title screen is the first frame pixel for pixel


def test_title_screen_draws_the_art_it_showed_first():
    app = build_app()
    app.step(dt=0.05, wait=False)
    shown = app.frame_text()
    assert title_art.TITLE in shown and title_art.SUBTITLE in shown and title_art.KEYS in shown


def test_input_given_during_the_first_frame_is_not_lost():
    title_art.first_frame()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    app = build_app()  # pygame_gui and the screens load with the key press still queued
    for _ in range(3):
        app.step(dt=0.05, wait=False)
    assert type(app.screen).__name__ == "PickerScreen"  # Enter on the focused "New game"


def test_narrow_window_shortens_the_art_with_an_ellipsis():
    from game.ui import text

    title_art.open_window()
    text.DRAWN.clear()
    title_art.draw(pygame.Surface((300, 700)), (300, 700))
    assert any(line.endswith("…") and line.startswith("A hot-seat") for line in text.DRAWN)
