"""A meter over the rounds, drawn with pygame: the verdict's line charts.

One chart is one meter, so its title names the line and colour carries
nothing alone. The value is written by each point where it changes (and by the
first and last), hovering a round shows its value, the axes say what they are
(the rounds along the bottom, 0 for the start; the meter's scale up the side)
and an arrow by the title says which way is good. Text is never smaller than
12 px, and a long title wraps rather than being cut.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame

from ..i18n import _
from . import palette, text

TITLE, SMALL = 14, 12  # px: the title, and every other piece of text
PAD = 10
MAX_TITLE_LINES = 3
STEPS = (1, 2, 5)  # tick steps, times a power of ten: whole numbers, as meters are


@dataclass(frozen=True)
class ChartPoint:
    """One drawn point: the round it stands for, its value and where it is, and the hover area of its
    round (the whole height of the plot, so a round is easy to point at)."""

    index: int
    axis: str
    value: int
    centre: tuple[int, int]
    area: pygame.Rect
    tip: str
    labelled: bool


@dataclass
class MeterChart:
    """A meter's values over ``axis`` ("Start", "R1", ...), with its bounds and good direction."""

    title: str
    axis: Sequence[str]
    values: Sequence[int | None]
    bounds: tuple[int, int]
    good: str = "high"
    note: str = ""  # after the good direction: "hidden in play"
    points: list[ChartPoint] = field(default_factory=list)  # filled by ``draw``
    rect: pygame.Rect = field(default_factory=pygame.Rect)
    tick_gap: float = 0.0  # px between two labels of the scale, as drawn

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Draw the chart inside ``rect`` and record its points."""
        self.rect, self.points = pygame.Rect(rect), []
        pygame.draw.rect(surface, palette.PANEL, rect, border_radius=8)
        pygame.draw.rect(surface, palette.BORDER, rect, 1, border_radius=8)
        inner = rect.inflate(-2 * PAD, -2 * PAD)
        y = self._title(surface, inner)
        y = self._direction(surface, inner, y) + 2
        values = [v for v in self.values if v is not None]
        if not values:
            text.draw(surface, _("No values recorded."), (inner.x, y), SMALL, palette.TEXT_DIM)
            return
        small = text.font(SMALL)
        gap = small.get_linesize()
        top = y + gap + 2  # room for a value written above the highest point
        height = max(24, inner.bottom - 2 * gap - 4 - top)
        # As many steps of the scale as its labels have room for, one above the other (four at most).
        lo, hi, step = scale(min(values), max(values), *self.bounds, steps=max(1, min(4, height // (gap + 8))))
        ticks = list(range(lo, hi + 1, step))
        left = inner.x + max(small.size(str(t))[0] for t in ticks) + 8
        right = inner.right - small.size(str(values[-1]))[0] // 2 - 2
        plot = pygame.Rect(left, top, max(10, right - left), height)
        self.tick_gap = plot.h * step / ((hi - lo) or 1) if len(ticks) > 1 else float(plot.h)
        self._grid(surface, plot, ticks, lo, hi)
        self._axis(surface, plot)
        self._line(surface, plot, lo, hi)

    # pieces ------------------------------------------------------------------
    def _title(self, surface: pygame.Surface, inner: pygame.Rect) -> int:
        f = text.font(TITLE, bold=True)
        lines = text.wrap(self.title, f, inner.w)
        if len(lines) > MAX_TITLE_LINES:
            lines = lines[: MAX_TITLE_LINES - 1] + [text.fit(" ".join(lines[MAX_TITLE_LINES - 1 :]), f, inner.w)]
        y = inner.y
        for line in lines:
            text.draw(surface, line, (inner.x, y), TITLE, palette.TEXT, bold=True)
            y += f.get_linesize()
        return y

    def _direction(self, surface: pygame.Surface, inner: pygame.Rect, y: int) -> int:
        """An arrow and "higher is better" (or lower), then the note, wrapped: the way the meter is good."""
        f = text.font(SMALL)
        h = f.get_linesize()
        up = self.good != "low"
        mid, x = y + h // 2, inner.x + 5
        tip, base = (mid - 5, mid + 4) if up else (mid + 5, mid - 4)
        pygame.draw.polygon(surface, palette.GOOD, [(x, tip), (x - 5, base), (x + 5, base)])
        words = (_("higher is better") if up else _("lower is better")) + (f" · {self.note}" if self.note else "")
        for line in text.wrap(words, f, inner.w - 14, max_lines=2):
            text.draw(surface, line, (inner.x + 14, y), SMALL, palette.TEXT_DIM)
            y += h
        return y

    def _grid(self, surface: pygame.Surface, plot: pygame.Rect, ticks: list[int], lo: int, hi: int) -> None:
        for t in ticks:
            ty = _y(plot, t, lo, hi)
            pygame.draw.line(surface, palette.BOARD_GRID, (plot.x, ty), (plot.right, ty))
            text.draw(surface, str(t), (plot.x - 8, ty), SMALL, palette.TEXT_DIM, anchor="midright")

    def _axis(self, surface: pygame.Surface, plot: pygame.Rect) -> None:
        """The rounds along the bottom (0 for the start), as many as fit, and what they are."""
        f = text.font(SMALL)
        pygame.draw.line(surface, palette.BORDER, plot.bottomleft, plot.bottomright)
        shown_right = plot.x - 10**6
        n = len(self.axis)
        for i in range(n):
            label = str(i)
            w = f.size(label)[0]
            left = _x(plot, i, n) - w // 2
            if left < shown_right + 6 and i != n - 1:
                continue  # no room: the hover says it
            text.draw(surface, label, (left, plot.bottom + 2), SMALL, palette.TEXT_DIM)
            shown_right = left + w
        caption = text.fit(_("end of round (0: the start)"), f, self.rect.w - 2 * PAD)
        at = (plot.centerx, plot.bottom + 2 + f.get_linesize())
        text.draw(surface, caption, at, SMALL, palette.TEXT_DIM, anchor="midtop")

    def _line(self, surface: pygame.Surface, plot: pygame.Rect, lo: int, hi: int) -> None:
        n = len(self.axis)
        centres = [None if v is None else (_x(plot, i, n), _y(plot, v, lo, hi)) for i, v in enumerate(self.values)]
        run: list[tuple[int, int]] = []
        for c in [*centres, None]:
            if c is not None:
                run.append(c)
                continue
            if len(run) > 1:
                pygame.draw.lines(surface, palette.SKY, False, run, 2)
            run = []
        spacing = plot.w / max(1, n - 1)
        half = max(4, int(spacing / 2))
        drawn = [i for i, c in enumerate(centres) if c is not None]
        # The line's end is placed first, so that its value is always written; then the others, in order.
        order = drawn[-1:] + drawn[:-1]
        taken: list[pygame.Rect] = []
        placed = {i: self._place(plot, i, centres[i], taken) for i in order if self._wants_label(i)}
        for i in drawn:
            v, c = self.values[i], centres[i]
            if v is None or c is None:
                continue
            pygame.draw.circle(surface, palette.SKY, c, 4)
            pygame.draw.circle(surface, palette.BG, c, 4, 1)
            at = placed.get(i)
            if at is not None:
                text.draw(surface, str(v), at, SMALL, palette.TEXT, bold=i == drawn[-1])
            area = pygame.Rect(c[0] - half, plot.y - 4, 2 * half, plot.h + 8)
            self.points.append(ChartPoint(i, self.axis[i], v, c, area, self._tip(i, v), at is not None))

    def _wants_label(self, i: int) -> bool:
        """The last value, and each that differs from the one before (a flat run says its value once: at
        its start, or at the line's end for a run that lasts to the end)."""
        values, last = self.values, len(self.values) - 1
        if i == last:
            return True
        starts = i == 0 or values[i] != values[i - 1]
        return starts and any(v != values[i] for v in values[i + 1 :])

    def _place(self, plot: pygame.Rect, i: int, c, taken: list[pygame.Rect]) -> tuple[int, int] | None:
        """Where the value of point ``i`` is written: above it at a peak, below it in a dip, on the other
        side where the plot's edge leaves no room; None where it would cover another (the hover says it)."""
        v = self.values[i]
        if v is None:
            return None
        w, h = text.font(SMALL, bold=True).size(str(v))
        near = [x for j in (i - 1, i + 1) if 0 <= j < len(self.values) and (x := self.values[j]) is not None]
        above = not near or v >= sum(near) / len(near)
        x = min(max(c[0] - w // 2, plot.x + 2), plot.right - w + 6)  # clear of the scale on the left
        for side in (above, not above):
            y = c[1] - 5 - h if side else c[1] + 4
            box = pygame.Rect(x, y, w, h).inflate(8, -2)  # a little air between two values
            if plot.y - h - 6 <= y and y + h <= plot.bottom + 2 and box.collidelist(taken) < 0:
                taken.append(box)
                return x, y
        return None

    def _tip(self, i: int, v: int) -> str:
        when = _("At the start") if i == 0 else _("At the end of round {n}").format(n=i)
        return f"{self.title}\n" + _("{when}: {value}").format(when=when, value=v)

    def point_at(self, pos) -> ChartPoint | None:
        """The round under ``pos`` (its nearest point), for the hover."""
        hits = [p for p in self.points if p.area.collidepoint(pos)]
        return min(hits, key=lambda p: abs(p.centre[0] - pos[0]), default=None)


def scale(lo: int, hi: int, bound_lo: int, bound_hi: int, steps: int = 4) -> tuple[int, int, int]:
    """(bottom, top, step) of an axis around the values ``lo``..``hi`` in whole round steps (1, 2, 5, 10,
    20, ...; about ``steps`` of them), kept inside the meter's bounds."""
    if hi - lo < 4:
        lo, hi = max(bound_lo, lo - 2), min(bound_hi, hi + 2)
    raw = max(1.0, (hi - lo) / max(1, steps))
    power = 10 ** math.floor(math.log10(raw))
    candidates = [s * power * k for k in (1, 10, 100) for s in STEPS if s * power * k >= raw]
    for step in candidates:  # the smallest step whose rounded-out range still has at most ``steps`` steps
        bottom = max(bound_lo, math.floor(lo / step) * step)
        top = min(bound_hi, math.ceil(hi / step) * step)
        if (top - bottom) / step <= max(1, steps) or step == candidates[-1]:
            break
    return int(bottom), int(max(top, bottom + step)), int(step)


def _x(plot: pygame.Rect, i: int, n: int) -> int:
    return plot.x + round(plot.w * i / max(1, n - 1))


def _y(plot: pygame.Rect, v: float, lo: int, hi: int) -> int:
    return plot.bottom - round(plot.h * (v - lo) / ((hi - lo) or 1))
