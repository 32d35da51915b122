"""Who came out where: the seats ranked by their scores, and each seat's objectives met and missed.

The ranking is drawn line by line (a place, the seat, its points), so that it
reads at a glance above the longer list of objectives, which scrolls in a text
box with the values each objective was judged on. On a shared loss no seat
scores, so no places are given: the seats are listed, every one at 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pygame

from ..i18n import N_, _
from ..rules.state import Outcome, Score
from ..rules.timing import timing_text
from . import palette, text

SIZE = 15  # px of a seat's line
HEADING = 17
ROW_GAP = 6
NO_SCORES = N_("None: everyone loses together, and no seat scores.")  # looked up where shown


@dataclass(frozen=True)
class Standing:
    """One seat's line of the ranking: its place (None on a shared loss), who sat there, its points."""

    place: int | None
    role: str
    seat: str  # "Ana (Foreign Ministry)", "Development and Treasury (bot)"
    points: int
    possible: int
    tied: bool


def ranked(outcome: Outcome) -> list[tuple[int, Score]]:
    """(place, score) from the most points down; seats with equal points share a place, in seat order."""
    scores = sorted(outcome.scores, key=lambda s: -s.points)
    out: list[tuple[int, Score]] = []
    for i, score in enumerate(scores):
        place = out[-1][0] if out and out[-1][1].points == score.points else i + 1
        out.append((place, score))
    return out


def seat_name(hotseat, role_id: str) -> str:
    """ "Ana (Foreign Ministry)", or the role's name and "(bot)" for a seat a bot played."""
    seat = hotseat.seats.get(role_id)
    return hotseat.seat_label(role_id) + (" " + _("(bot)") if seat is not None and not seat.human else "")


def standings(hotseat) -> list[Standing]:
    outcome = hotseat.state.outcome
    places = ranked(outcome)
    counts = [p for p, _ in places]
    return [
        Standing(
            None if outcome.lost else place,
            score.role,
            seat_name(hotseat, score.role),
            score.points,
            score.possible,
            not outcome.lost and counts.count(place) > 1,
        )
        for place, score in places
    ]


# --------------------------------------------------------------------------- the ranking, drawn


def _rows(lines: list[Standing], width: int) -> list[tuple[Standing, list[str], str]]:
    """Each standing with its seat's lines (wrapped beside its place and points) and its points' words."""
    f, bold = text.font(SIZE), text.font(SIZE, bold=True)
    place_w = bold.size("10.")[0] + 8
    out = []
    for s in lines:
        score = _("{points} of {possible}").format(points=s.points, possible=s.possible)
        room = width - (place_w if s.place is not None else 0) - bold.size(score)[0] - 14
        seat = s.seat + (" " + _("(tied)") if s.tied else "")
        out.append((s, text.wrap(seat, f, max(40, room)), score))
    return out


def standings_height(lines: list[Standing], width: int, lost: bool) -> int:
    step = text.font(SIZE).get_linesize()
    rows = _rows(lines, width)
    note = text.wrapped_height(_(NO_SCORES), width, SIZE) + 2 if lost else 0
    return 16 + HEADING + 10 + note + sum(len(seat) * step + ROW_GAP for _, seat, _ in rows)


def draw_standings(surface: pygame.Surface, rect: pygame.Rect, lines: list[Standing], lost: bool) -> None:
    """The ranking inside ``rect``: a heading, then one seat a line, best first."""
    pygame.draw.rect(surface, palette.PANEL, rect, border_radius=8)
    pygame.draw.rect(surface, palette.BORDER, rect, 1, border_radius=8)
    inner = rect.inflate(-24, -16)
    bold = text.font(SIZE, bold=True)
    step = text.font(SIZE).get_linesize()
    place_w = bold.size("10.")[0] + 8
    y = inner.y
    text.draw(surface, _("Ranking"), (inner.x, y), HEADING, palette.TEXT, bold=True)
    y += HEADING + 10
    if lost:
        y += text.draw_wrapped(surface, _(NO_SCORES), pygame.Rect(inner.x, y, inner.w, 200), SIZE, palette.TEXT_DIM)
        y += 2
    for s, seat, score in _rows(lines, inner.w):
        x = inner.x
        if s.place is not None:
            text.draw(surface, f"{s.place}.", (x, y), SIZE, palette.YELLOW if s.place == 1 else palette.TEXT, bold=True)
            x += place_w
        for i, line in enumerate(seat):
            text.draw(surface, line, (x, y + i * step), SIZE, palette.TEXT)
        text.draw(surface, score, (inner.right, y), SIZE, palette.TEXT, bold=True, anchor="topright")
        y += len(seat) * step + ROW_GAP


# --------------------------------------------------------------------------- the objectives


def final_values(scenario, role_id: str, objective, meters) -> str:
    """ " — at the end: Halvard Federation: Pressure 15": what the objective was judged on."""
    shown = []
    for path in sorted(objective.when.reads):
        full = f"{role_id}.{path[5:]}" if path.startswith("self.") else path
        if full in meters:
            shown.append(f"{scenario.meter_label(full)} {meters[full]}")
    if not shown:
        return ""
    said = _("— at the end: {values}").format(values=escape("; ".join(shown)))
    return f" <font color='#A0AABC'>{said}</font>"


def _timing(objective) -> str:
    """ "; by round 4" for a timed objective, "" for one judged after the last round."""
    when = timing_text(objective)
    return f"; {when}" if when else ""


def objectives_html(hotseat) -> str:
    """Each seat, in the ranking's order, with its objectives met and missed and the values they were
    judged on (the game is over: the debrief's view, everything revealed)."""
    sc = hotseat.scenario
    view = hotseat.debrief_view()
    heading, met, missed = _("Objectives"), _("Met"), _("Missed")
    parts = [f"<font size=4><b>{heading}</b></font><br>"]
    for _place, score in ranked(view.outcome):
        role = sc.role(score.role)
        names = {o.id: o for o in role.objectives}
        points = _("{points} of {possible}").format(points=score.points, possible=score.possible)
        parts.append(f"<br><b>{escape(seat_name(hotseat, role.id))}</b> — {points}")
        for oid in score.met:
            parts.append(
                f"<br>&nbsp;&nbsp;<font color='#56B4E9'><b>{met}</b></font> — {escape(names[oid].text)} "
                f"({names[oid].points}{_timing(names[oid])}){final_values(sc, role.id, names[oid], view.meters)}"
            )
        credit = dict(score.partial)
        for oid in score.missed:
            partial = "; " + _("partial credit {n}").format(n=credit[oid]) if oid in credit else ""
            got = _timing(names[oid]) + partial
            parts.append(
                f"<br>&nbsp;&nbsp;<font color='#E69F00'><b>{missed}</b></font> — {escape(names[oid].text)} "
                f"({names[oid].points}{got}){final_values(sc, role.id, names[oid], view.meters)}"
            )
        parts.append("<br>")
    return "".join(parts)
