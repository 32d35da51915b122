"""How the Load screen speaks of a save: who played, how far it got, when.

"Ana, Ben and 2 bots · round 3, after the round's results · last played today
14:03" reads at a glance; the file's UTC stamp and its seats' ids do not. Times
are the computer's own (local), to the minute, or to the second where a game's
autosaves, minutes apart or less, must be told apart.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ...session.slots import PHASES, SaveInfo, printable
from ...words import plural


def when(created: str, now: datetime | None = None, seconds: bool = False) -> str:
    """ "today 14:03", "yesterday 09:12", "3 Dec 14:03", "3 Dec 2025 14:03"; "" if the stamp cannot be read."""
    try:
        at = datetime.fromisoformat(created)
    except (TypeError, ValueError):
        return ""
    at = at.astimezone() if at.tzinfo is not None else at
    now = now or datetime.now(at.tzinfo)
    clock = at.strftime("%H:%M:%S" if seconds else "%H:%M")
    if at.date() == now.date():
        return f"today {clock}"
    if at.date() == (now - timedelta(days=1)).date():
        return f"yesterday {clock}"
    day = f"{at.day} {at.strftime('%b')}"
    return f"{day} {clock}" if at.year == now.year else f"{day} {at.year} {clock}"


def players(save: SaveInfo) -> str:
    """ "Ana, Ben and 2 bots", "Ana", "4 bots" ("" when the save does not say)."""
    names = [n for n in save.players.split(", ") if n]
    bots = plural(save.bots, "bot") if save.bots else ""
    if names and bots:
        return f"{', '.join(names)} and {bots}"
    return ", ".join(names) or bots


def progress(save: SaveInfo) -> str:
    """ "finished after round 8", "round 3, after a seat's orders"."""
    if save.over:
        return f"finished after round {save.round}"
    phase = PHASES.get(save.phase, save.phase)
    if save.by and save.phase in MOVES:
        phase = f"{save.by}'s {MOVES[save.phase]}"
    return f"round {save.round}" + (f", after {phase}" if phase else "")


MOVES = {"briefing": "briefing", "orders": "orders"}  # a phase that ends one person's turn


def joined(*parts: str) -> str:
    return printable(" · ".join(p for p in parts if p))


def broken(save: SaveInfo) -> str:
    """ "garbage.json: cannot be loaded (damaged save: not a readable save …)": the file, then why."""
    return printable(f"{save.path.name}: cannot be loaded ({save.error})")
