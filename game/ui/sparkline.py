"""A meter's history in a tooltip: a small line chart of the values a seat saw, round by round.

The situation panel shows a meter's value now; whether it is rising or sinking,
and since when, used to be found only in the review after the game. Hovering a
meter draws its history (``game.rules.observe.seen_history``) under the tip.
"""

from __future__ import annotations

import pygame

from ..i18n import _
from . import palette, text
from .board import draw_tooltip

CHART_H = 92  # the chart under a tip: the line, the round labels and the margins


def round_labels(count: int, over: bool) -> list[str]:
    """The x-axis: "Start", "R1", ..., and "Now" for the value during a round under way."""
    # Translators: "R3", round 3, under a point of a meter's small chart (as short as can be).
    labels = [_("Start")] + [_("R{n}").format(n=r) for r in range(1, count)]
    if not over and count > 1:
        labels[-1] = _("Now")
    return labels


def history_line(values: tuple[int, ...], over: bool) -> str:
    """The same history in words, for a tooltip without room for a chart (and for screen readers of
    the frame's text): "Start 50 · R1 52 · Now 47"."""
    return " · ".join(f"{label} {v}" for label, v in zip(round_labels(len(values), over), values, strict=True))


def draw_history_tip(
    surface: pygame.Surface, tip: str, pos, values: tuple[int, ...], lo: int, hi: int, good_high: bool, over: bool
) -> None:
    """``tip`` with the chart of ``values`` (on the meter's range ``lo``..``hi``) under it."""
    box = draw_tooltip(surface, tip, pos, 380, below=CHART_H)
    area = pygame.Rect(box.x + 12, box.bottom - CHART_H, box.w - 24, CHART_H - 10)
    draw_sparkline(surface, area, values, lo, hi, good_high, over)


def draw_sparkline(
    surface: pygame.Surface, area: pygame.Rect, values: tuple[int, ...], lo: int, hi: int, good_high: bool, over: bool
) -> None:
    labels = round_labels(len(values), over)
    plot = pygame.Rect(area.x + 18, area.y + 20, area.w - 36, area.h - 40)  # room for the labels
    pygame.draw.rect(surface, palette.PANEL, plot.inflate(8, 8), border_radius=4)
    span = max(1, hi - lo)
    n = len(values)

    def point(i: int, v: int) -> tuple[int, int]:
        x = plot.x + (plot.w * i // (n - 1) if n > 1 else plot.w // 2)
        return x, plot.bottom - int(plot.h * (v - lo) / span)

    points = [point(i, v) for i, v in enumerate(values)]
    if len(points) > 1:
        pygame.draw.lines(surface, palette.SKY, False, points, 2)
    step = max(1, (n + 7) // 8)  # at most about eight labels, always the first and the last
    for i, ((x, y), v) in enumerate(zip(points, values, strict=True)):
        colour = palette.level(v, lo, hi, good_high)
        pygame.draw.circle(surface, colour, (x, y), 4)
        if i % step == 0 or i == n - 1:
            text.draw(surface, str(v), (x, y - 6), 12, palette.TEXT, anchor="midbottom")
            text.draw(surface, labels[i], (x, plot.bottom + 6), 12, palette.TEXT_DIM, anchor="midtop")
