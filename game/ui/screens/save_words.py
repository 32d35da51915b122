"""How the Load screen speaks of a save: who played, how far it got, when.

"Ana, Ben and 2 bots · round 3, after the round's results · last played today
14:03" reads at a glance; the file's UTC stamp and its seats' ids do not. Times
are the computer's own (local), to the minute, or to the second where a game's
autosaves, minutes apart or less, must be told apart.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ...i18n import N_, _, ngettext
from ...session.slots import PHASES, SaveInfo, printable


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
        return _("today {clock}").format(clock=clock)
    if at.date() == (now - timedelta(days=1)).date():
        return _("yesterday {clock}").format(clock=clock)
    month = _(MONTHS[at.month - 1])
    if at.year == now.year:
        return _("{day} {month} {clock}").format(day=at.day, month=month, clock=clock)
    return _("{day} {month} {year} {clock}").format(day=at.day, month=month, year=at.year, clock=clock)


# The months as ``%b`` writes them in English (whatever the computer's locale), looked up where shown.
MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def players(save: SaveInfo) -> str:
    """ "Ana, Ben and 2 bots", "Ana", "4 bots" ("" when the save does not say)."""
    names = [n for n in save.players.split(", ") if n]
    bots = ngettext("{n} bot", "{n} bots", save.bots).format(n=save.bots) if save.bots else ""
    if names and bots:
        return _("{names} and {bots}").format(names=", ".join(names), bots=bots)
    return ", ".join(names) or bots


def progress(save: SaveInfo) -> str:
    """ "finished after round 8", "round 3, after a seat's orders"."""
    if save.over:
        return _("finished after round {round}").format(round=save.round)
    if save.by and save.phase in MOVES:
        return _(MOVES[save.phase]).format(round=save.round, name=save.by)
    phase = _(PHASES.get(save.phase, save.phase)) if save.phase else ""
    if not phase:
        return _("round {round}").format(round=save.round)
    return _("round {round}, after {phase}").format(round=save.round, phase=phase)


# A phase that ends one person's turn, said with their name.
MOVES = {
    "briefing": N_("round {round}, after {name}'s briefing"),
    "orders": N_("round {round}, after {name}'s orders"),
}
# ``session.slots.PHASES``, marked here for this screen's catalogue ("round 3, after <phase>").
_PHASE_WORDS = {
    "setup": N_("set-up"),
    "briefing": N_("a briefing"),
    "orders": N_("a seat's orders"),
    "talks": N_("a seat's talks"),
    "resolution": N_("the round's results"),
}


def joined(*parts: str) -> str:
    return printable(" · ".join(p for p in parts if p))


def broken(save: SaveInfo) -> str:
    """ "garbage.json: cannot be loaded (damaged save: not a readable save …)": the file, then why."""
    return printable(_("{file}: cannot be loaded ({reason})").format(file=save.path.name, reason=save.error))
