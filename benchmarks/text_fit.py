"""Text fitting on long author text: fit() and wrap() against one font.render of the same string.

fit() and wrap() find each cut by measuring prefixes (a doubling probe, then bisection), so a
label or line costs O(log n) font.size calls on short strings whatever the text's length; the
old code dropped one character per call. The ratio below is fit/wrap time over the time to
render the same string once: well under 1 means fitting costs less than drawing the raw text.

Goal: a 5,000-character name and a 200,000-character text fit and wrap within one frame
(16 ms) when only the shown lines are asked for (max_lines, as draw_wrapped does).

Run: python benchmarks/text_fit.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui import text  # noqa: E402

CASES = {
    "name, 1,000 chars": ("Federal Directorate of Lorem Ipsum " * 40)[:1000],
    "name, 5,000 chars": ("Federal Directorate of Lorem Ipsum " * 150)[:5000],
    "one word, 5,000 chars": "Xy" * 2500,
    "text, 200,000 chars": ("The coalition wavers; a minister resigns. " * 5000)[:200_000],
}


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    pygame.init()
    pygame.display.set_mode((320, 200))
    f = text.font(14, bold=True)
    # the work itself, not the caches the board keeps in front of it (a label seen again costs a lookup)
    fit, wrap = text._fit.__wrapped__, text._wrap.__wrapped__
    print(
        f"{'case':24} {'render':>9} {'fit':>9} {'ratio':>6} "
        f"{'wrap 6 ln':>10} {'ratio':>6} {'wrap all':>10} {'lines':>6}"
    )
    for name, words in CASES.items():
        render = best(lambda words=words: f.render(words, True, (255, 255, 255)), 3)
        fitted = best(lambda words=words: fit(words, f, 190))
        shown = best(lambda words=words: wrap(words, f, 300, 6))
        whole = best(lambda words=words: wrap(words, f, 300, None), 1)
        lines = len(wrap(words, f, 300, None))
        print(
            f"{name:24} {render * 1000:8.2f}ms {fitted * 1000:8.3f}ms {fitted / render:6.3f} "
            f"{shown * 1000:9.3f}ms {shown / render:6.3f} {whole * 1000:9.1f}ms {lines:6}"
        )
    pygame.quit()


if __name__ == "__main__":
    main()
