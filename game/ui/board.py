"""The board: actors as tokens, trust lines, meter tracks, crisis cards.

Drawn from an ``Observation`` only, so the board can never show what the seat
in front of it may not see. ``Board.draw`` returns hit areas so screens can
turn hovers into tooltips and clicks into targets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import pygame

from ..i18n import _, ngettext
from . import look, palette, text

if TYPE_CHECKING:  # for annotations only: the title screen opens without the rules modules (nor attrs)
    from ..rules.model import Scenario
    from ..rules.observe import Observation
    from .motion import Motion


@dataclass(slots=True)
class Hit:
    rect: pygame.Rect
    kind: str  # actor | meter | crisis | round | side
    ref: str
    tip: str


@dataclass(slots=True)
class Highlight:
    targets: frozenset = frozenset()  # actor ids that can be clicked now
    chosen: frozenset = frozenset()  # actor ids already targeted this turn
    focus: str | None = None  # actor id focused with the keyboard


@dataclass(slots=True)
class Board:
    scenario: Scenario
    hits: list[Hit] = field(default_factory=list)
    motion: Motion | None = None  # bars slide to new values and changed tokens pulse (set by the screen)

    # geometry -----------------------------------------------------------------
    def token_centre(self, area: pygame.Rect, actor) -> tuple[int, int]:
        x, y = actor.at
        pad_x, pad_top, pad_bottom = 80, 40, 96
        inner = pygame.Rect(area.x + pad_x, area.y + pad_top, area.w - 2 * pad_x, area.h - pad_top - pad_bottom)
        return int(inner.x + x * inner.w), int(inner.y + y * inner.h)

    def side_rect(self, area: pygame.Rect) -> pygame.Rect:
        r = pygame.Rect(0, 0, min(area.w - 40, 520), 44)
        r.midbottom = (area.centerx, area.bottom - 12)
        return r

    # drawing -----------------------------------------------------------------
    def draw_area(
        self,
        surface: pygame.Surface,
        area: pygame.Rect,
        obs: Observation,
        hl: Highlight | None = None,
        meters: dict | None = None,
    ) -> None:
        """The map: our side at the bottom, lines to every actor, the tokens."""
        hl = hl or Highlight()
        meters = obs.meters if meters is None else meters
        self.compact = area.h < 420 or look.percent() != look.DEFAULT  # (a larger text: two lines a token)
        sc = self.scenario
        pygame.draw.rect(surface, palette.BOARD, area, border_radius=10)
        for i in range(1, 8):
            x = area.x + area.w * i // 8
            pygame.draw.line(surface, palette.BOARD_GRID, (x, area.y + 8), (x, area.bottom - 8))
        for i in range(1, 5):
            y = area.y + area.h * i // 5
            pygame.draw.line(surface, palette.BOARD_GRID, (area.x + 8, y), (area.right - 8, y))

        side = self.side_rect(area)
        labels = []
        trust_meter = next((m for m in sc.actor_meters if m.id == "trust"), None)
        bands = obs.bands
        for actor in sc.actors:
            centre = self.token_centre(area, actor)
            path = f"{actor.id}.trust"
            if trust_meter is None or (path not in meters and path not in bands):
                continue
            value = meters[path] if path in meters else _middle(bands[path])
            shown = str(value) if path in meters else _band_text(bands[path])
            colour = palette.level(value, trust_meter.min, trust_meter.max, trust_meter.good == "high")
            t = (value - trust_meter.min) / max(1, trust_meter.max - trust_meter.min)
            width = 2 + int(4 * t)
            start = (side.centerx + (centre[0] - side.centerx) * 0.25, side.top)
            _line(surface, colour, start, centre, width, dashed=t < 0.34)
            if path in meters:
                said = _("{label}, {actor}: {value} of {most}.").format(
                    label=trust_meter.label, actor=actor.name, value=value, most=trust_meter.max
                )
            else:
                said = _("{label}, {actor}: {estimate}").format(
                    label=trust_meter.label, actor=actor.name, estimate=_band_tip(bands[path], trust_meter)
                )
            tip = f"{said} {trust_meter.text}"
            labels.append((shown, colour, actor, tip.strip(), start, centre))

        pygame.draw.rect(surface, palette.PANEL_LIGHT, side, border_radius=8)
        pygame.draw.rect(surface, palette.BORDER, side, 1, border_radius=8)
        ours = [r for r in sc.roles if r.plays is None]  # a seat that plays an actor (a red cell) is not our side
        names = " · ".join(r.name for r in ours)
        f = text.font(14, bold=True)
        label = _("Our side: {names}").format(names=names)
        if text.fit(label, f, side.w - 20) != label:
            label = _("Our side: {n} ministries (hover for names)").format(n=len(ours))
        text.draw(surface, text.fit(label, f, side.w - 20), side.center, 14, palette.TEXT, bold=True, anchor="center")
        self.hits.append(
            Hit(
                side,
                "side",
                "",
                _("Our side: {names}.").format(names=names)
                + "\n\n"
                + _(
                    "Each line runs from us to an actor; its number is how far that actor trusts us, and it is "
                    "dashed when trust is low."
                ),
            )
        )

        meters = _with_bands(meters, bands)  # labels and tooltips read an estimate as its band's text
        plates = self.label_plates(area, meters)
        for actor in sc.actors:
            self._token(surface, area, actor, meters, hl, plates[actor.id])
        r = 26
        under = [side, *plates.values()] + [  # what a number on a line must not cover: our side, names, tokens
            pygame.Rect(x - r, y - r, 2 * r, 2 * r) for x, y in (self.token_centre(area, a) for a in sc.actors)
        ]
        for value, colour, actor, tip, start, end in labels:  # on top, so tokens never hide them
            size = text.font(13, bold=True).size(str(value))
            box = pygame.Rect(0, 0, size[0] + 12, size[1] + 2)

            def cover(t: float, box=box, start=start, end=end) -> tuple[int, float]:
                box.center = (int(start[0] + (end[0] - start[0]) * t), int(start[1] + (end[1] - start[1]) * t))
                return sum(box.clip(u).w * box.clip(u).h for u in under), abs(t - 0.5)

            # Along its line to where it covers least (the middle where nothing is in the way): on a small
            # board an actor's name and meters lie across its neighbours' lines.
            cover(min((0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1), key=cover))
            under.append(box.copy())  # (and the next number not over this one)
            pygame.draw.rect(surface, palette.BOARD, box, border_radius=8)
            pygame.draw.rect(surface, colour, box, 1, border_radius=8)
            text.draw(surface, str(value), box.center, 13, colour, bold=True, anchor="center")
            self.hits.append(
                Hit(
                    box,
                    "line",
                    actor.id,
                    tip,
                )
            )

    compact: bool = False  # a small board: a token's meters on its kind's line
    dense: bool = False  # a short situation column: tighter meter rows

    def _label_lines(self, actor, meters) -> list[tuple[str, int, bool]]:
        """The text under a token: name, kind, and its other public meters."""
        parts = [
            f"{m.label.split()[0]} {_shown(meters[f'{actor.id}.{m.id}'])}"
            for m in self.scenario.actor_meters
            if f"{actor.id}.{m.id}" in meters and m.id != "trust"
        ]
        size = 13 if self.compact else 14
        lines = [
            (text.fit(actor.name, text.font(size, bold=True), look.px(170 if self.compact else 190)), size, True),
            (palette.kind_name(actor.kind), 12, False),
        ]
        if parts and not self.compact:
            lines.append((text.fit("  ".join(parts), text.font(12), look.px(200)), 12, False))
        elif parts:  # a small board: the meters share the kind's line, so none is lost
            kind = palette.kind_name(actor.kind)
            lines[1] = (text.fit(f"{kind} · {'  '.join(parts)}", text.font(12), look.px(200)), 12, False)
        return lines

    def label_plates(self, area: pygame.Rect, meters) -> dict[str, pygame.Rect]:
        """Where each token's label goes: below it, or above when below would
        cover another token or label (small windows, crowded maps)."""
        radius = 26
        centres = {a.id: self.token_centre(area, a) for a in self.scenario.actors}
        tokens = [
            pygame.Rect(x - radius - 4, y - radius - 4, 2 * radius + 8, 2 * radius + 8) for x, y in centres.values()
        ]
        placed: dict[str, pygame.Rect] = {}
        for actor in self.scenario.actors:
            cx, cy = centres[actor.id]
            lines = self._label_lines(actor, meters)
            w = min(look.px(210), max(text.font(size, bold).size(t)[0] for t, size, bold in lines) + 14)
            h = sum(text.font(size, bold).get_linesize() for _, size, bold in lines) + 4
            below = pygame.Rect(0, 0, w, h)
            below.midtop = (cx, cy + radius + 3)
            above = below.copy()
            above.midbottom = (cx, cy - radius - 3)
            mine = tokens[list(centres).index(actor.id)]

            def clash(r, mine=mine):
                return (
                    any(r.colliderect(t) for t in tokens if t is not mine)
                    or any(r.colliderect(p) for p in placed.values())
                    or not area.contains(r)
                )

            if look.percent() == look.DEFAULT:
                placed[actor.id] = above if clash(below) and not clash(above) else below
                continue
            # a larger text: also beside the token, else where it covers least of the others
            right = below.copy()
            right.midleft = (cx + radius + 4, cy)
            left = below.copy()
            left.midright = (cx - radius - 4, cy)
            spots = [below, above, right, left]

            def covered(r, mine=mine):
                others = [t for t in tokens if t is not mine] + list(placed.values())
                outside = r.w * r.h - r.clip(area).w * r.clip(area).h
                return sum(r.clip(o).w * r.clip(o).h for o in others) + 4 * outside

            placed[actor.id] = next((r for r in spots if not clash(r)), min(spots, key=covered))
        return placed

    def _token(self, surface, area, actor, meters, hl: Highlight, plate: pygame.Rect) -> None:
        sc = self.scenario
        cx, cy = self.token_centre(area, actor)
        radius = 26
        kind_colour = palette.KIND.get(actor.kind, palette.TEXT_DIM)
        if self.motion is not None:
            self.motion.draw_pulse(surface, actor.id, (cx, cy), radius)
        if actor.id in hl.targets:
            pygame.draw.circle(surface, palette.SKY, (cx, cy), radius + 9, 3)
            if actor.id == hl.focus:
                pygame.draw.circle(surface, (255, 255, 255), (cx, cy), radius + 14, 4)
                aim = _("Enter: aim here")
                tag = text.font(12, bold=True).size(aim)
                box = pygame.Rect(0, 0, tag[0] + 12, tag[1] + 4)
                box.midbottom = (cx, cy - radius - 16) if plate.top > cy else (cx, cy + radius + 16 + box.h)
                pygame.draw.rect(surface, (255, 255, 255), box, border_radius=6)
                text.draw(surface, aim, box.center, 12, (20, 20, 24), bold=True, anchor="center")
        if actor.id in hl.chosen:
            pygame.draw.circle(surface, palette.GREEN, (cx, cy), radius + 5, 2)
        pygame.draw.circle(surface, palette.PANEL, (cx, cy), radius)
        pygame.draw.circle(surface, kind_colour, (cx, cy), radius, 4)
        initials = (
            "".join(w[0] for w in actor.name.replace("of ", "").split()[:2] if w[:1].isalpha()).upper()
            or actor.id[:2].upper()
        )
        text.draw(surface, initials, (cx, cy), 17, palette.TEXT, bold=True, anchor="center")
        surface.blit(_backdrop(plate.size), plate)
        y = plate.top + 1
        colours = [palette.TEXT, kind_colour, palette.TEXT_DIM]
        for (line, size, bold), colour in zip(self._label_lines(actor, meters), colours, strict=False):
            r = text.draw(surface, line, (plate.centerx, y), size, colour, bold=bold, anchor="midtop")
            y = r.bottom
        hit = plate.union(pygame.Rect(cx - radius - 2, cy - radius - 2, 2 * radius + 4, 2 * radius + 4))
        lines = [f"{actor.name} ({palette.kind_name(actor.kind)})"]
        if actor.summary:
            lines.append(actor.summary)
        for m in sc.actor_meters:
            path = f"{actor.id}.{m.id}"
            if path in meters:
                shown = meters[path]
                if isinstance(shown, tuple):
                    shown = _("{band} (an estimate: the true value is hidden)").format(band=_band_text(shown))
                said = _("{label}: {value} (range {lo}–{hi})").format(label=m.label, value=shown, lo=m.min, hi=m.max)
                lines.append(said + (" — " + m.text if m.text else ""))
        if actor.id in hl.targets:
            lines.append(_("Click to aim the chosen instrument here."))
        self.hits.append(Hit(hit, "actor", actor.id, "\n\n".join(lines)))

    def meters_height(self, obs: Observation, area_h: int) -> int:
        """The height ``draw_meters`` will take in a column ``area_h`` tall (the news log is placed under it)."""
        dense = area_h < 700
        shown = [m for m in self.scenario.global_meters if m.id in obs.bands or m.id in obs.meters]
        own = [p for p in _with_bands(obs.meters, obs.bands) if self.scenario.has_role(p.split(".")[0])]
        h = look.px(24 if dense else 26) + len(shown) * look.px(29 if dense else 36)
        return h + (look.px(26) + len(own) * look.px(21 if dense else 24) if own else 0)

    def draw_meters(self, surface, area: pygame.Rect, obs: Observation, meters: dict | None = None) -> int:
        """Global meters as labelled tracks; returns the height used."""
        meters = obs.meters if meters is None else meters
        self.dense = area.h < 700  # a short window: tighter rows, so the crises keep their room
        y = area.y
        text.draw(surface, _("The situation"), (area.x, y), 16, palette.TEXT, bold=True)
        y += look.px(24 if self.dense else 26)
        for m in self.scenario.global_meters:
            if m.id in obs.bands:
                y = self._band_track(surface, area, m, obs.bands[m.id], y)
                continue
            if m.id not in meters:
                continue
            value = meters[m.id]
            colour = palette.level(value, m.min, m.max, m.good == "high")
            label_w = area.w - look.px(70)
            text.draw(surface, text.fit(m.label, text.font(14), label_w), (area.x, y), 14, palette.TEXT)
            text.draw(surface, str(value), (area.right, y), 14, colour, bold=True, anchor="topright")
            _shape(
                surface,
                palette.level_symbol(value, m.min, m.max, m.good == "high"),
                (area.right - look.px(44), y + look.px(10)),
                colour,
            )
            bar = pygame.Rect(area.x, y + look.px(19 if self.dense else 22), area.w, 6 if self.dense else 8)
            pygame.draw.rect(surface, palette.PANEL_LIGHT, bar, border_radius=4)
            shown = value if self.motion is None else self.motion.value(m.id, value)  # the label says the value
            t = (shown - m.min) / max(1, m.max - m.min)
            fill = bar.copy()
            fill.w = max(4, int(bar.w * t))
            pygame.draw.rect(surface, colour, fill, border_radius=4)
            direction = _("higher is better") if m.good == "high" else _("lower is better")
            tip = _("{label}: {value} (range {lo}–{hi}; {direction}).").format(
                label=m.label, value=value, lo=m.min, hi=m.max, direction=direction
            )
            if m.text:
                tip += "\n\n" + m.text
            if m.visibility != "public":
                tip += "\n\n" + _("Visible to you only (the facilitator / this role).")
            self.hits.append(Hit(pygame.Rect(area.x, y, area.w, look.px(32)), "meter", m.id, tip))
            y += look.px(29 if self.dense else 36)
        own = [(p, v) for p, v in _with_bands(meters, obs.bands).items() if self.scenario.has_role(p.split(".")[0])]
        if own:
            y += 4
            text.draw(
                surface,
                _("Ministries") if obs.seat == "facilitator" else _("Your ministry"),
                (area.x, y),
                14,
                palette.TEXT_DIM,
                bold=True,
            )
            y += look.px(22)
            for path, value in own:
                m = self.scenario.meters[path]
                label = self.scenario.meter_label(path) if obs.seat == "facilitator" else m.label
                text.draw(surface, text.fit(label, text.font(14), area.w - look.px(60)), (area.x, y), 14, palette.TEXT)
                text.draw(surface, _shown(value), (area.right, y), 14, palette.SKY, bold=True, anchor="topright")
                said = _band_tip(value, m) if isinstance(value, tuple) else f"{value}."
                tip = _("{label}: {said} Private to your seat.").format(label=m.label, said=said)
                tip += f"\n\n{m.text}" if m.text else ""
                if m.refill is not None:
                    tip += "\n\n" + _("Restored to {n} at the start of every round.").format(n=m.refill)
                self.hits.append(Hit(pygame.Rect(area.x, y, area.w, look.px(22)), "meter", path, tip))
                y += look.px(21 if self.dense else 24)
        return y - area.y

    def _band_track(self, surface, area: pygame.Rect, m, band: tuple[int, int], y: int) -> int:
        """A global meter seen as an estimate: the band drawn on its track, never a value."""
        lo, hi = band
        colour = palette.level(_middle(band), m.min, m.max, m.good == "high")
        text.draw(surface, text.fit(m.label, text.font(14), area.w - look.px(90)), (area.x, y), 14, palette.TEXT)
        text.draw(surface, _band_text(band), (area.right, y), 14, colour, bold=True, anchor="topright")
        bar = pygame.Rect(area.x, y + look.px(19 if self.dense else 22), area.w, 6 if self.dense else 8)
        pygame.draw.rect(surface, palette.PANEL_LIGHT, bar, border_radius=4)
        span = max(1, m.max - m.min)
        left = bar.x + int(bar.w * (lo - m.min) / span)
        right = bar.x + int(bar.w * (hi - m.min) / span)
        shade = pygame.Rect(left, bar.y - 2, max(6, right - left), bar.h + 4)
        pygame.draw.rect(surface, colour, shade, 2, border_radius=4)  # an outline: somewhere in here
        inner = shade.inflate(-6, -6)
        if inner.w > 0 and inner.h > 0:
            pygame.draw.rect(surface, colour, inner, border_radius=2)
        direction = _("higher is better") if m.good == "high" else _("lower is better")
        tip = _("{label}: {estimate} (range {lo}–{hi}; {direction}).").format(
            label=m.label, estimate=_band_tip(band, m), lo=m.min, hi=m.max, direction=direction
        )
        if m.sharpened_by:
            by = next((r.label for r in self.scenario.role_meters if r.id == m.sharpened_by), m.sharpened_by)
            tip += "\n\n" + _("Your {meter} narrows it: each point of it takes a point off the band.").format(meter=by)
        if m.text:
            tip += "\n\n" + m.text
        self.hits.append(Hit(pygame.Rect(area.x, y, area.w, look.px(32)), "meter", m.id, tip))
        return y + look.px(29 if self.dense else 36)

    def draw_crises(self, surface, area: pygame.Rect, obs: Observation, shown: tuple[str, ...] | None = None) -> int:
        """The active crises as cards (``shown``: those the screen has revealed so far). A crisis whose
        declared effects are good news for the seat is drawn as a development, not an alarm."""
        from ..session.narrate import tone

        crises = obs.active_crises if shown is None else shown
        y = area.y
        heading = text.fit(_("Active crises and developments"), text.font(16, bold=True), area.w)
        text.draw(surface, heading, (area.x, y), 16, palette.TEXT, bold=True)
        y += max(23, text.font(16, bold=True).get_linesize() + 2)
        if not crises:
            text.draw(surface, _("None at the moment."), (area.x, y), 14, palette.TEXT_DIM, italic=True)
            return y + 24 - area.y
        faces = {c: self.scenario.crisis(c).face(obs.stages.get(c, 0)) for c in crises}  # its stage's card
        room = area.bottom - y
        # each card's text as far as the room allows, shared evenly (a lone crisis is read whole)
        most = max(54, (room - 36 * len(crises)) // len(crises))
        heights = {c: min(text.wrapped_height(faces[c][1], area.w - 24, 13, max_height=most), most) for c in crises}
        compact = sum(36 + h for h in heights.values()) > room  # not enough room: titles only, details on hover
        for cid in crises:
            title, body = faces[cid]
            crisis = self.scenario.crisis(cid)
            good = tone(self.scenario, crisis.effects + crisis.ongoing, obs.seat) == "good"
            edge, fill = (palette.GREEN, (30, 54, 46)) if good else (palette.VERMILION, (58, 40, 34))
            body_h = 0 if compact else heights[cid]
            card = pygame.Rect(area.x, y, area.w, (26 if compact else 30) + body_h)
            if card.bottom > area.bottom:
                n = len(crises)
                every = ngettext("{n} crisis in all", "{n} crises in all", n).format(n=n)
                text.draw(surface, every, (area.x, y), 13, palette.TEXT_DIM)
                break
            pygame.draw.rect(surface, fill, card, border_radius=8)
            pygame.draw.rect(surface, edge, card, 2, border_radius=8)
            _shape(surface, "▲" if good else "!", (card.x + 14, card.y + 14), edge)
            text.draw(
                surface,
                text.fit(title, text.font(14, bold=True), card.w - 40),
                (card.x + 28, card.y + 5),
                14,
                palette.TEXT,
                bold=True,
            )
            if not compact:
                text.draw_wrapped(
                    surface,
                    body,
                    pygame.Rect(card.x + 12, card.y + 28, card.w - 24, body_h),
                    13,
                    palette.TEXT_DIM,
                )
            kind = _("A development, good news on balance") if good else _("A crisis")
            self.hits.append(Hit(card, "crisis", cid, f"{title}\n\n{' '.join(body.split())}\n\n{kind}."))
            y = card.bottom + 6
        return y - area.y

    def draw_round_track(self, surface, area: pygame.Rect, obs: Observation) -> int:
        """The rounds as squares at the right of ``area``, "Round 3 of 8" before them; where it begins."""
        n = obs.rounds
        size = look.px(22)
        gap = look.px(6)
        total = n * size + (n - 1) * gap
        x = area.right - total
        for i in range(1, n + 1):
            r = pygame.Rect(x, area.centery - size // 2, size, size)
            if i < obs.round or (obs.outcome is not None and i <= obs.round):
                pygame.draw.rect(surface, palette.BLUE, r, border_radius=5)
            elif i == obs.round:
                pygame.draw.rect(surface, palette.YELLOW, r, border_radius=5)
            else:
                pygame.draw.rect(surface, palette.PANEL_LIGHT, r, 1, border_radius=5)
            colour = (20, 20, 20) if i == obs.round and obs.outcome is None else palette.TEXT
            text.draw(surface, str(i), r.center, 12, colour, bold=True, anchor="center")
            x += size + gap
        label = _("Round {n} of {total}").format(n=obs.round, total=n) if obs.outcome is None else _("Game over")
        drawn = text.draw(
            surface, label, (area.right - total - 12, area.centery), 15, palette.TEXT, bold=True, anchor="midright"
        )
        self.hits.append(
            Hit(
                pygame.Rect(area.right - total, area.y, total, area.h),
                "round",
                "",
                _("{label}. Filled squares are rounds already played.").format(label=label),
            )
        )
        return drawn.left

    def hit_at(self, pos) -> Hit | None:
        for hit in reversed(self.hits):
            if hit.rect.collidepoint(pos):
                return hit
        return None


@lru_cache(maxsize=64)
def _backdrop(size: tuple[int, int]) -> pygame.Surface:
    """The see-through plate under a token's label: made once per size, not for every token every frame."""
    plate = pygame.Surface(size, pygame.SRCALPHA)
    plate.fill((*palette.BOARD, 215))
    return plate


def _line(surface, colour, start, end, width: int, dashed: bool) -> None:
    if not dashed:
        pygame.draw.line(surface, colour, start, end, width)
        return
    length = math.dist(start, end)
    if length == 0:
        return
    dx, dy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    pos = 0.0
    while pos < length:
        seg = min(10, length - pos)
        a = (start[0] + dx * pos, start[1] + dy * pos)
        b = (start[0] + dx * (pos + seg), start[1] + dy * (pos + seg))
        pygame.draw.line(surface, colour, a, b, width)
        pos += 18


def _shape(surface, symbol: str, centre, colour, r: int = 7) -> None:
    """Shapes that repeat what colour says: ▲ good, ● middling, ▼ bad, ! alert."""
    x, y = centre
    if symbol == "▲":
        pygame.draw.polygon(surface, colour, [(x, y - r), (x - r, y + r - 2), (x + r, y + r - 2)])
    elif symbol == "▼":
        pygame.draw.polygon(surface, colour, [(x - r, y - r + 2), (x + r, y - r + 2), (x, y + r)])
    elif symbol == "!":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)], 2)
        pygame.draw.line(surface, colour, (x, y - 2), (x, y + 3), 2)
        pygame.draw.circle(surface, colour, (x, y + r - 2), 1)
    else:
        pygame.draw.circle(surface, colour, (x, y), r - 1)


TIP_MAX = 1200  # characters of a tooltip; the rest of a long author text is cut


def draw_tooltip(surface: pygame.Surface, tip: str, pos, max_width: int = 340, below: int = 0) -> pygame.Rect:
    """A tooltip box near ``pos``, kept inside the window; a long tip is cut with an ellipsis.
    ``below``: pixels kept free under the text (for a chart the caller draws); the box is returned."""
    f = text.font(14)
    line_h = f.get_linesize()
    room = max(1, (surface.get_height() - 32 - below) // line_h)
    lines = []
    for para in text.clip(tip, TIP_MAX).split("\n\n"):
        for row in para.split("\n"):  # a single line break starts a line: a list's items
            lines += text.wrap(row, f, max_width - 20, max_lines=room + 1)
        lines.append("")
        if len(lines) > room:
            lines = lines[: room - 1] + [text.fit(lines[room - 1] + " …", f, max_width - 20), ""]
            break
    lines = lines[:-1]
    w = min(max_width, max((f.size(line)[0] for line in lines), default=0) + 22)
    if below:
        w = max_width
    h = len(lines) * line_h + 16 + below
    sw, sh = surface.get_size()
    x = min(pos[0] + 16, sw - w - 8)
    y = pos[1] + 20 if pos[1] + 20 + h < sh - 8 else max(8, pos[1] - h - 10)
    box = pygame.Rect(x, y, w, h)
    pygame.draw.rect(surface, (16, 20, 32), box, border_radius=6)
    pygame.draw.rect(surface, palette.SKY, box, 1, border_radius=6)
    for i, line in enumerate(lines):
        text.draw(surface, line, (box.x + 11, box.y + 8 + i * line_h), 14, palette.TEXT)
    return box


def _middle(band: tuple[int, int]) -> int:
    return (band[0] + band[1]) // 2


def _band_text(band: tuple[int, int]) -> str:
    return f"{band[0]}–{band[1]}"


def _band_tip(band: tuple[int, int], m=None) -> str:
    return _("somewhere between {lo} and {hi}: an estimate, the true value is hidden.").format(lo=band[0], hi=band[1])


def _shown(value) -> str:
    """A meter as a label shows it: its value, or an estimate's band."""
    return _band_text(value) if isinstance(value, tuple) else str(value)


def _with_bands(meters: dict, bands: dict) -> dict:
    """``meters`` with each estimated meter's band (lo, hi) where its value would be."""
    if not bands:
        return meters
    return {**meters, **bands}
