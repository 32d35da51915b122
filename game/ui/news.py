"""The news as short event cards: a tag saying what kind of thing happened, the text, then what moved.

A round can hold the same line several times (three actors answering alike,
meters settling, a repeated response); listed one by one they bury the rest, so
identical items of a round are shown once, "×3", with their changes together.
Used by the news screen's reveal and by every screen's news log.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..rules.state import PUBLIC_SEAT
from ..session.narrate import changes_text, event_text, tone
from . import text

if TYPE_CHECKING:
    from ..rules.model import Scenario
    from ..rules.state import Change, Event

DIM = "#A0AABC"
TAGS = {  # kind -> (tag, colour); the tag looked up with ``_`` where shown
    "crisis_started": (N_("Crisis"), "#F0A070"),
    "crisis_escalated": (N_("Crisis escalates"), "#F0A070"),
    "crisis_ongoing": (N_("Crisis"), "#F0A070"),
    "crisis_ended": (N_("Crisis over"), DIM),
    "consequence": (N_("News"), "#56B4E9"),
    "response": (N_("Actor"), "#E69F00"),
    "order": (N_("Order"), "#E8ECF2"),
    "order_failed": (N_("Failed"), "#D55E00"),
    "drift": (N_("Settling"), DIM),
    "game_over": (N_("End"), "#F0E442"),
    "note": (N_("Facilitator"), "#CC79A7"),
}
GOOD = (N_("Development"), "#009E73")


def grouped(events: Iterable[Event]) -> list[tuple[Event, int, tuple[Change, ...]]]:
    """(first event, how many alike, all their changes) for each distinct item, in the order the first
    of each happened; items are alike when kind, text and audience are the same in the same round."""
    out: dict[tuple, list] = {}
    for e in events:
        if e.kind == "round":
            continue
        key = (e.round, e.kind, e.text, e.audience)
        if key in out:
            out[key][1] += 1
            out[key][2] += e.changes
        else:
            out[key] = [e, 1, tuple(e.changes)]
    return [(e, n, changes) for e, n, changes in out.values()]


def item_html(scenario: Scenario, event: Event, count: int = 1, changes: tuple[Change, ...] | None = None) -> str:
    """One event card: "<tag> text ×N" and, on its own line, the meters it moved."""
    tag, colour = TAGS.get(event.kind, ("", "#E8ECF2"))
    if event.kind in ("crisis_started", "crisis_escalated") and scenario.has_crisis(event.ref):
        crisis = scenario.crisis(event.ref)
        if tone(scenario, crisis.effects + crisis.ongoing, PUBLIC_SEAT) == "good":  # as everyone reads it
            tag, colour = GOOD
    tag = _(tag) if tag else ""
    if isinstance(event.audience, tuple):
        tag = _("Private · {tag}").format(tag=tag) if tag else _("Private")
    head = f"<font color='{colour}'><b>{escape(tag)}</b></font> " if tag else ""
    times = f" <b>×{count}</b>" if count > 1 else ""
    moved = changes_text(scenario, event.changes if changes is None else changes)
    tail = f"<br><font color='{DIM}' size=3>{text.plain(moved)}</font>" if moved else ""
    return f"{head}{text.plain(event_text(scenario, event))}{times}{tail}"


def news_html(scenario: Scenario, events: Iterable[Event], heading: str) -> str:
    """The news log: newest round first, each round's cards in the order they happened."""
    parts = [f"<b>{escape(heading)}</b><br>"]
    rounds: dict[int, list[Event]] = {}
    for e in events:
        if e.kind != "round":
            rounds.setdefault(e.round, []).append(e)
    for rnd in sorted(rounds, reverse=True):
        label = _("Round {n}").format(n=rnd)
        parts.append(f"<br><font color='{DIM}'><b>{label}</b></font><br>")
        for e, n, changes in grouped(rounds[rnd]):
            parts.append(item_html(scenario, e, n, changes) + "<br><br>")
    if len(parts) == 1:
        parts.append(_("Nothing yet."))
    return "".join(parts)
