"""The orders screen's frame time as a ratio to a bare pygame-ce loop drawing the same things.

The bare loop is what the screen would cost with nothing of Demarche around it: the same
window size, and each frame the very rects, circles, lines and polygons the orders screen drew
in that frame (recorded from one pass of the real screen), and the same strings rendered with
plain ``pygame.font`` calls (``Font.render`` then ``blit``, nothing cached), then a flip. The
real screen adds its widgets (pygame_gui), its layout, hit areas and tooltips; its text cache
(``game.ui.text``) is what lets it come close.

Both run in the same process, the mouse moving over the board and the hand every frame, in
alternating blocks (real, bare, real, bare...) so that load from other processes falls on both
alike; the medians of all frames are compared.

Goal: the real screen's median frame at most 1.2x the bare loop's.

Run: python benchmarks/orders_vs_bare.py [--frames 600] [--blocks 6]
(SDL's dummy video driver unless DISPLAY is set.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("DEMARCHE_DATA_DIR", "/tmp/demarche-bench")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from _timing import load_average  # noqa: E402

GOAL = 1.2
SHAPES = ("rect", "circle", "line", "lines", "polygon", "aaline")


def mouse_at(i: int, size: tuple[int, int]) -> tuple[int, int]:
    """Where the mouse is in frame ``i``: sweeping the board, the hand and the side column."""
    w, h = size
    return int((i * 37) % w), int(80 + (i * 53) % (h - 100))


def move_mouse(i: int, size) -> None:
    import pygame

    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=mouse_at(i, size), rel=(1, 1), buttons=(0, 0, 0)))


def record(app, frames: int) -> list[list[tuple]]:
    """What the orders screen draws in each of ``frames`` frames: shapes and strings, in order."""
    import pygame

    from game.ui import text

    ops: list[tuple] = []
    real_draw = text.draw
    real_shapes = {name: getattr(pygame.draw, name) for name in SHAPES}

    def shape(name):
        def recorded(surface, *args, **kwargs):
            if surface is app.window:
                ops.append((name, args, kwargs))
            return real_shapes[name](surface, *args, **kwargs)

        return recorded

    def drawn(surface, words, pos, size=15, colour=(232, 236, 242), bold=False, italic=False, anchor="topleft"):
        ops.append(("text", (words, pos, size, tuple(colour), bold, italic, anchor), {}))
        return real_draw(surface, words, pos, size, colour, bold, italic, anchor)

    out = []
    for name in SHAPES:
        setattr(pygame.draw, name, shape(name))
    text.draw = drawn
    try:
        for i in range(frames):
            ops = []
            move_mouse(i, app.size)
            app.step(dt=1 / 60, wait=False)
            out.append(ops)
    finally:
        text.draw = real_draw
        for name, fn in real_shapes.items():
            setattr(pygame.draw, name, fn)
    return out


def time_real(app, start: int, frames: int) -> list[float]:
    times = []
    for i in range(start, start + frames):
        move_mouse(i, app.size)
        app.step(dt=1 / 60, wait=False)
        times.append(app.frame_times[-1])
    return times


def time_bare(window, frames: list[list[tuple]], start: int, count: int) -> list[float]:
    """The same frames drawn by a plain pygame loop: fill, shapes, ``Font.render`` + ``blit``, flip."""
    import pygame

    from game.ui import palette
    from game.ui.text import FONT_FILES, FONTS

    fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}
    for ops in frames:  # loaded once, as any program does; the strings are rendered every frame
        for kind, args, _ in ops:
            if kind == "text" and args[2:3] + args[4:6] not in fonts:
                size, bold, italic = args[2], args[4], args[5]
                fonts[(size, bold, italic)] = pygame.font.Font(str(FONTS / FONT_FILES[(bold, italic)]), size)
    draw = {name: getattr(pygame.draw, name) for name in SHAPES}
    size = window.get_size()
    times = []
    for i in range(start, start + count):
        ops = frames[i % len(frames)]
        move_mouse(i, size)
        pygame.event.get()
        t0 = time.perf_counter()
        window.fill(palette.BG)
        for kind, args, kwargs in ops:
            if kind == "text":
                words, pos, fsize, colour, bold, italic, anchor = args
                image = fonts[(fsize, bold, italic)].render(words, True, colour)
                window.blit(image, image.get_rect(**{anchor: pos}))
            else:
                draw[kind](window, *args, **kwargs)
        pygame.display.flip()
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--frames", type=int, default=600, help="timed frames of each loop (default 600)")
    p.add_argument("--blocks", type=int, default=6, help="alternating blocks they are split into (default 6)")
    args = p.parse_args(argv)
    from board_frames import orders_app

    app = orders_app()
    block = max(1, args.frames // args.blocks)
    recorded = record(app, block * args.blocks)  # also the real screen's warm-up
    real: list[float] = []
    bare: list[float] = []
    for b in range(args.blocks):
        real += time_real(app, b * block, block)
        bare += time_bare(app.window, recorded, b * block, block)
    per_frame = statistics.mean(len(ops) for ops in recorded)
    strings = statistics.mean(sum(1 for kind, _, _ in ops if kind == "text") for ops in recorded)
    real_ms = statistics.median(real) * 1000
    bare_ms = statistics.median(bare) * 1000
    ratio = real_ms / bare_ms
    w, h = app.size
    driver = os.environ.get("SDL_VIDEODRIVER", "default")
    print(f"orders screen vs a bare pygame-ce loop; video driver {driver}; window {w}x{h}; {load_average()}")
    print(f"  each frame: {per_frame - strings:.0f} shapes and {strings:.0f} strings on average")
    print(f"  frames timed: {len(real)} of each, in {args.blocks} alternating blocks")
    print(f"  bare loop median:      {bare_ms:6.2f} ms")
    print(f"  orders screen median:  {real_ms:6.2f} ms")
    print(f"  ratio: {ratio:5.2f}x   (goal <= {GOAL:g}x: {'met' if ratio <= GOAL else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
