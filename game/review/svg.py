"""Inline SVG line charts for the HTML report: no scripts, no fonts to fetch.

A report is handed out, printed and opened offline years later, so charts are
plain SVG written into the page. Colour is never the only cue: every series
also has its own marker shape, and in a comparison run A is dashed with hollow
markers while run B is solid with filled ones. The palette is Okabe–Ito, which
stays distinguishable for the common forms of colour blindness; its yellow
comes last and is drawn with a dark outline so it still reads on white.

The SVG is written here, not in a template, and handed to the templates as
``Markup``: it is made only of numbers, fixed colours and shapes, and text
(titles, descriptions, axis names, tags) that goes through ``escape`` first.
"""

from __future__ import annotations

import math
from html import escape

from attrs import frozen
from markupsafe import Markup

from ..i18n import _

# Okabe–Ito, ordered so the strongest contrasts on white come first.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
MARKERS = ("circle", "square", "triangle", "diamond", "down", "cross", "plus", "star")
INK, GRID, MUTED = "#1b2a41", "#d9dee7", "#5b6577"


@frozen(kw_only=True)
class Line:
    """One series of a chart: its values (None where there is none) and how it is drawn."""

    label: str  # for the accessible description
    values: list[int | None]
    colour: str
    shape: str
    dashed: bool = False
    filled: bool = True
    tag: str = ""  # a direct label at the line's end


def style(i: int) -> tuple[str, str]:
    """Colour and marker shape of the ``i``-th series; shapes cycle out of step with colours."""
    return PALETTE[i % len(PALETTE)], MARKERS[(i + i // len(PALETTE)) % len(MARKERS)]


def marker(shape: str, x: float, y: float, colour: str, filled: bool = True, r: float = 4.0) -> str:
    fill = colour if filled else "#ffffff"
    stroke = "#333333" if colour == "#F0E442" else colour
    common = f'fill="{fill}" stroke="{stroke}" stroke-width="1.6"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}/>'
    if shape == "square":
        s = r * 0.9
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {common}/>'
    if shape in ("triangle", "down"):
        d = 1 if shape == "triangle" else -1
        pts = [(x, y - d * r * 1.15), (x - r, y + d * r * 0.75), (x + r, y + d * r * 0.75)]
    elif shape == "diamond":
        pts = [(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)]
    elif shape == "star":
        pts = []
        for k in range(10):
            a = -math.pi / 2 + k * math.pi / 5
            rr = r * 1.25 if k % 2 == 0 else r * 0.55
            pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
    else:  # cross and plus: strokes, drawn thicker so they read at small sizes
        arm = r * 0.9
        if shape == "plus":
            strokes = f"M{x - arm:.1f},{y:.1f}H{x + arm:.1f}M{x:.1f},{y - arm:.1f}V{y + arm:.1f}"
        else:
            strokes = (
                f"M{x - arm:.1f},{y - arm:.1f}L{x + arm:.1f},{y + arm:.1f}"
                f"M{x - arm:.1f},{y + arm:.1f}L{x + arm:.1f},{y - arm:.1f}"
            )
        return f'<path d="{strokes}" stroke="{stroke}" stroke-width="2.4" fill="none"/>'
    p = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
    return f'<polygon points="{p}" {common}/>'


def swatch(colour: str, shape: str, dashed: bool = False, filled: bool = True) -> Markup:
    """A legend key: a short line in the series' dash style with its marker."""
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    return Markup(
        f'<svg class="key" width="34" height="14" viewBox="0 0 34 14" aria-hidden="true">'
        f'<line x1="1" y1="7" x2="33" y2="7" stroke="{colour}" '
        f'stroke-width="2"{dash}/>{marker(shape, 17, 7, colour, filled, 3.6)}</svg>'
    )


def nice_range(lo: float, hi: float, bound_lo: float, bound_hi: float) -> tuple[float, float, float]:
    """An axis range around the data with round ticks, kept inside the meters' declared bounds."""
    if hi - lo < 1:
        lo, hi = lo - 2, hi + 2
    span = hi - lo
    raw = span / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    lo = max(bound_lo, math.floor((lo - span * 0.05) / step) * step)
    hi = min(bound_hi, math.ceil((hi + span * 0.05) / step) * step)
    if hi <= lo:
        hi = lo + step
    return lo, hi, step


def line_chart(
    axis: list[str], series: list[Line], bounds: tuple[float, float], title: str, width: int = 480, height: int = 210
) -> Markup:
    """One chart of ``series`` over ``axis``; empty if there is no value to draw."""
    values = [v for s in series for v in s.values if v is not None]
    if not values:
        return Markup("")
    lo, hi, step = nice_range(min(values), max(values), *bounds)
    tagged = any(s.tag for s in series)
    left, right, top, bottom = 34, 24 if tagged else 12, 10, 26
    pw, ph = width - left - right, height - top - bottom
    n = max(len(axis), 2)

    def px(i: int) -> float:
        return left + pw * i / (n - 1)

    def py(v: float) -> float:
        return top + ph * (1 - (v - lo) / (hi - lo))

    desc = "; ".join(f"{s.label}: " + ", ".join("–" if v is None else str(v) for v in s.values) for s in series)
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    tick = lo
    while tick <= hi + 1e-9:
        y = py(tick)
        label = f"{tick:g}"
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="{MUTED}">{label}</text>'
        )
        tick += step
    every = max(1, math.ceil(len(axis) / 12))
    for i, name in enumerate(axis):
        x = px(i)
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ph}" stroke="{GRID}" stroke-width="0.6" '
            'stroke-dasharray="2 3"/>'
        )
        if i % every == 0 or i == len(axis) - 1:
            out.append(
                f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" font-size="11" '
                f'fill="{MUTED}">{escape(name)}</text>'
            )
    out.append(
        f'<line x1="{left}" y1="{top + ph}" x2="{width - right}" y2="{top + ph}" stroke="{INK}" stroke-width="1"/>'
    )
    for s in series:
        colour = s.colour
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        run: list[str] = []
        runs = []
        for i, v in enumerate(s.values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{px(i):.1f},{py(v):.1f}")
        if run:
            runs.append(run)
        for r in runs:
            out.append(
                f'<polyline points="{" ".join(r)}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-linejoin="round"{dash}/>'
            )
        for i, v in enumerate(s.values):
            if v is not None:
                out.append(marker(s.shape, px(i), py(v), colour, s.filled))
    tags: list[tuple[float, float, str, str]] = []
    for s in series:
        last = next(((i, v) for i, v in reversed(list(enumerate(s.values))) if v is not None), None)
        if s.tag and last:
            tags.append((py(last[1]) + 4, px(last[0]) + 7, s.tag, s.colour))
    tags.sort()
    for k in range(1, len(tags)):  # keep direct labels from overlapping
        if tags[k][0] - tags[k - 1][0] < 11:
            tags[k] = (tags[k - 1][0] + 11, *tags[k][1:])
    for y, x, tag, colour in tags:
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" font-weight="700" '
            f'fill="{"#333333" if colour == "#F0E442" else colour}">{escape(tag)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def lag_strip(rounds: int, held: int, fired: int, order_rounds: list[int], width: int = 300) -> Markup:
    """A small strip of the game's rounds: where the causing orders were (squares),
    where the condition held (hollow circle) and where the consequence fired
    (diamond), with a key beside it so the shapes explain themselves."""
    return lags_strip(rounds, [(held, fired)], order_rounds, width)


def lags_strip(rounds: int, lags: list[tuple[int, int]], order_rounds: list[int], width: int = 300) -> Markup:
    """``lag_strip`` for a consequence that fired several times: each (round its condition held, round it
    fired) of ``lags`` on one strip, with the orders that caused any of them."""
    n = max(rounds, *(r for lag in lags for r in lag), 1)
    left, right = 14, 14
    step = (width - left - right) / max(n - 1, 1)
    full = width + 250

    def x(r: int) -> float:
        return left + (r - 1) * step

    if len(lags) == 1:
        label = _("Condition held in round {held}; fired in round {fired}").format(held=lags[0][0], fired=lags[0][1])
    else:
        each = ", ".join(_("{fired} (condition held in round {held})").format(fired=f, held=h) for h, f in lags)
        label = _("Fired in rounds {rounds}").format(rounds=each)
    out = [
        f'<svg class="lag" viewBox="0 0 {full} 40" width="{full}" height="40" role="img" aria-label="{escape(label)}">',
        f'<line x1="{x(1):.1f}" y1="16" x2="{x(n):.1f}" y2="16" stroke="{GRID}" stroke-width="2"/>',
    ]
    for r in range(1, n + 1):
        name = escape(_("R{n}").format(n=r))
        out.append(f'<text x="{x(r):.1f}" y="37" text-anchor="middle" font-size="10" fill="{MUTED}">{name}</text>')
        out.append(f'<circle cx="{x(r):.1f}" cy="16" r="2" fill="{GRID}"/>')
    for held, fired in lags:
        if fired != held:
            out.append(
                f'<line x1="{x(held):.1f}" y1="16" x2="{x(fired):.1f}" y2="16" stroke="{INK}" stroke-width="2" '
                'stroke-dasharray="4 3"/>'
            )
    for r in sorted(set(order_rounds)):
        out.append(f'<rect x="{x(r) - 3:.1f}" y="3" width="6" height="6" fill="{PALETTE[2]}"/>')
    for held in sorted({h for h, _f in lags}):
        out.append(marker("circle", x(held), 16, PALETTE[0], False, 5))
    for fired in sorted({f for _h, f in lags}):
        out.append(marker("diamond", x(fired), 16, PALETTE[1], True, 5))
    k = width + 16
    causing, held_word, fired_word = escape(_("causing order")), escape(_("condition held")), escape(_("fired"))
    out.append(
        f'<rect x="{k - 3}" y="3" width="6" height="6" fill="{PALETTE[2]}"/><text x="{k + 8}" y="10" '
        f'font-size="10.5" fill="{MUTED}">{causing}</text>'
    )
    out.append(
        marker("circle", k + 92, 7, PALETTE[0], False, 4)
        + f'<text x="{k + 100}" y="10" font-size="10.5" fill="{MUTED}">{held_word}</text>'
    )
    out.append(
        marker("diamond", k + 2, 26, PALETTE[1], True, 4)
        + f'<text x="{k + 10}" y="29.5" font-size="10.5" fill="{MUTED}">{fired_word}</text>'
    )
    out.append("</svg>")
    return Markup("".join(out))
