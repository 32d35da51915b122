"""The semi-rigid review's proposal, grouped as the facilitator reads it.

The engine proposes a round as a list of events, each with the meters it moved.
The facilitator asks "who did what, and what did it do?": so the events are
grouped under who caused them (a seat, an actor, the consequences, the crises),
each event is a heading, and each meter it moved is a row under it, named as
the players read it. A row the facilitator overrode stays in its place, with
what was proposed and what the facilitator set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Collection

from attrs import frozen

from ...i18n import N_, _
from ...rules.engine import ORDER
from ...rules.state import Change
from ...session.narrate import ARROW, event_text

if TYPE_CHECKING:
    from ...rules.model import Scenario
    from ...rules.state import Event, Override


# The bands that name no party: their events' headings say what happened on their own.
GROUPS = (N_("Consequences"), N_("Crises"), N_("Between rounds"), N_("Deals"), N_("Other results"))
FIXED_NOTE = N_(
    "(These cannot be overridden here: to correct one, adjust the meter from the control seat (F9, Adjust) "
    "once the round is published.)"
)


@frozen
class Row:
    """One meter one event moves. ``now`` is the change as it stands (None: an override left the
    meter where it was); ``proposed`` the engine's change before the facilitator's override."""

    key: str
    label: str
    now: Change | None
    proposed: Change | None = None
    override: Override | None = None

    def words(self) -> str:
        """ "Cohesion: 55 › 59 (+4)", or for an override
        "Cohesion: proposed +4 (55 › 59), you set +1 (55 › 56): a softer reading"."""
        if self.override is None:
            return _("{meter}: {change}").format(meter=self.label, change=moved(self.now))
        was = (
            _("proposed {change}").format(change=moved(self.proposed, first=False))
            if self.proposed
            else _("proposed no change")
        )
        now = moved(self.now, self.override.delta, first=False)
        return _("{meter}: {was}, you set {now}: {reason}").format(
            meter=self.label, was=was, now=now, reason=self.override.reason
        )


@frozen
class Item:
    """One event with changes: a heading (what happened), more of its text, and its rows; ``fixed``
    when the engine cannot replace its changes (they have no Override button)."""

    title: str
    detail: str
    rows: tuple[Row, ...]
    fixed: bool = False


@frozen
class Band:
    """The events one party caused, in the order they happened."""

    who: str
    items: tuple[Item, ...]


@frozen
class Anchor:
    """Where an override was made: the events up to its own and the next (kind and ref), and its
    heading. An override names its change by the event's place in the round, so it still means the
    same change only while the events before it are the same; an override that leaves its event
    with no change at all removes that event (the engine reports only what moved), and the next
    takes its place."""

    place: int
    prefix: tuple[tuple[str, str], ...]
    heading: tuple[str, str, str]  # who, title, detail

    @staticmethod
    def of(place: int, events: tuple[Event, ...], heading: tuple[str, str, str]) -> Anchor:
        return Anchor(place, tuple((e.kind, e.ref) for e in events[: place + 2]), heading)

    def holds(self, events: tuple[Event, ...]) -> bool:
        now = tuple((e.kind, e.ref) for e in events[: self.place + 1])
        if now[: self.place] != self.prefix[: self.place]:
            return False
        return self.vanished(events) or now[self.place :] == self.prefix[self.place : self.place + 1]

    def vanished(self, events: tuple[Event, ...]) -> bool:
        """Its event is gone: the one after it (or the end of the round) is in its place."""
        i = self.place
        here = (events[i].kind, events[i].ref) if i < len(events) else None
        if here == self.prefix[i]:
            return False
        after = self.prefix[i + 1] if i + 1 < len(self.prefix) else None
        return here == after or here is None or events[i].kind == "adjudication"


def signed(delta: int) -> str:
    return f"{delta:+d}" if delta else "0"


def moved(change: Change | None, delta: int | None = None, first: bool = True) -> str:
    """ "55 › 59 (+4)", or "+4 (55 › 59)" when ``first`` is False; "0 (no change)" for none."""
    if change is None:
        return _("{delta} (no change)").format(delta=signed(delta or 0))
    amount = signed(change.after - change.before if delta is None else delta)
    values = f"{change.before}{ARROW}{change.after}"
    return f"{values} ({amount})" if first else f"{amount} ({values})"


def event_key(index: int, path: str) -> str:
    """How an ``Override`` names a change: the event's place in the round and the meter."""
    return f"{index}:{path}"


def merged(changes: tuple[Change, ...]) -> dict[str, Change]:
    """One change per meter (an event that moves a meter twice moved it from the first before to
    the last after; one override replaces both)."""
    out: dict[str, Change] = {}
    for c in changes:
        first = out.get(c.path)
        out[c.path] = c if first is None else Change(c.path, first.before, c.after)
    return out


def who_and_what(sc: Scenario, seat_label: Callable[[str], str], event: Event) -> tuple[str, str, str]:
    """(who caused it, a heading, more text) for one event of the proposal."""
    words = " ".join(event_text(sc, event).split())
    cause = event.cause
    if event.kind in ("order", "order_failed") and cause is not None and cause.role:
        # The engine's line starts with the role's name as its template puts it ("Name: ", "Nom : ").
        prefix = _(ORDER).split("{instrument}")[0].format(role=sc.role(cause.role).name)
        what = words[len(prefix) :] if words.startswith(prefix) else words
        failed = event.kind == "order_failed"
        return (
            seat_label(cause.role),
            (_("Order failed: {what}") if failed else _("Order: {what}")).format(what=what),
            "",
        )
    if event.kind == "response" and cause is not None:
        actor = cause.ref.partition(".")[0]
        who = sc.name_of(actor) if sc.has_actor(actor) else _("The other actors")
        if cause.role and sc.has_role(cause.role):
            return who, _("Response to {seat}: {what}").format(seat=sc.role(cause.role).name, what=words), ""
        return who, _("Response: {what}").format(what=words), ""
    if event.kind == "consequence":
        c = sc.consequence(event.ref) if event.ref else None
        title = c.title if c is not None and c.title else _("A consequence")
        return _("Consequences"), _("Consequence: {title}").format(title=title), "" if words == title else words
    if event.kind.startswith("crisis"):
        title, _colon, rest = words.partition(": ")
        return _("Crises"), _("Crisis: {title}").format(title=title), rest
    if event.kind == "drift":
        return _("Between rounds"), _("Drift: {what}").format(what=words), ""
    if event.kind.startswith("deal"):
        return _("Deals"), words, ""
    return _("Other results"), words, ""


def bands(
    sc: Scenario,
    seat_label: Callable[[str], str],
    events: tuple[Event, ...],
    overrides: dict[str, Override],
    proposed: dict[str, Change | None],
    fixed: Collection[int] = (),
    anchors: dict[str, Anchor] | None = None,
) -> list[Band]:
    """The proposal ``events`` (with ``overrides`` applied) grouped by who caused them; ``proposed``
    holds, for each overridden key, the change the engine had proposed; ``fixed`` the events whose
    changes cannot be overridden; ``anchors`` where each override was made, so an event an override
    emptied keeps its heading and its row."""
    out: list[tuple[str, list[Item]]] = []
    anchors = anchors or {}

    def add(who: str, item: Item) -> None:
        if out and out[-1][0] == who:
            out[-1][1].append(item)
        else:
            out.append((who, [item]))

    def row(key: str, now: Change | None) -> Row:
        override = overrides.get(key)
        return Row(key, sc.meter_label(key.partition(":")[2]), now, proposed.get(key) if override else None, override)

    gone: dict[int, list[str]] = {}
    for key, anchor in anchors.items():
        if key in overrides and anchor.vanished(events):
            gone.setdefault(anchor.place, []).append(key)
    for i in range(len(events) + 1):
        if i in gone:
            who, title, detail = anchors[gone[i][0]].heading
            add(who, Item(title, detail, tuple(row(key, None) for key in gone[i])))
        if i == len(events):
            break
        changes = merged(events[i].changes)
        mine = [k for k in overrides if k.partition(":")[0] == str(i) and k not in gone.get(i, ())]
        paths = list(changes) + [p for p in (k.partition(":")[2] for k in mine) if p not in changes]
        if not paths:
            continue
        who, title, detail = who_and_what(sc, seat_label, events[i])
        if i in fixed:
            note = _(FIXED_NOTE)
            detail = f"{detail} {note}".strip()
        add(who, Item(title, detail, tuple(row(event_key(i, p), changes.get(p)) for p in paths), i in fixed))
    return [Band(who, tuple(items)) for who, items in out]
