"""The "How the game works" page of the F1 help: the ideas a first game leans on, in a few lines each.

A new player meets trust, pressure, capital, crises and consequences on the board before anyone
has said what they are. The words here follow the rules as the engine runs them (a round's steps,
capital paid and refilled, consequences checked after resolution and fired after their delay), and
name the scenario's own meters where the seat looking may see them: ``shown`` is the set of meter
ids the screen behind the help shows, so a meter private to another seat is never named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from . import text

if TYPE_CHECKING:
    from ..rules.model import Meter, Scenario


def _visible(meters: tuple[Meter, ...], meter_id: str, shown: set[str] | None) -> Meter | None:
    """The scenario's meter ``meter_id`` if the seat looking may see it (public, or on its screen)."""
    m = next((m for m in meters if m.id == meter_id), None)
    if m is None:
        return None
    return m if m.visibility == "public" or (shown is not None and meter_id in shown) else None


def _here(m: Meter | None) -> str:
    """The scenario's own words for a meter, after the general ones: "" when it has none to add."""
    if m is None:
        return ""
    label = text.plain(m.label)
    if m.text:
        return " " + _("In this game: “{label}”, {text}").format(label=label, text=text.plain(m.text))
    return " " + _("In this game: “{label}”.").format(label=label)


def concepts_html(scenario: Scenario | None = None, shown: set[str] | None = None) -> str:
    """The page as a text box's HTML; ``scenario`` (when a game is open) names its meters."""
    trust = _visible(scenario.actor_meters, "trust", shown) if scenario else None
    pressure = _visible(scenario.actor_meters, "pressure", shown) if scenario else None
    capital = next((m for m in scenario.role_meters if m.id == "capital"), None) if scenario else None
    refill = (
        _("In this game it is restored to {n} at the start of every round.").format(n=capital.refill)
        if capital is not None and capital.refill is not None
        else _("It is restored at the start of every round when the scenario says so.")
    )
    parts = [
        (
            _("A round"),
            _(
                "Every seat chooses its orders in private: instruments from its hand, most of them aimed at an "
                "actor on the board. Confirm locks them in and hands the computer on to the next seat. When every "
                "seat has confirmed, all the orders resolve together, the actors may answer, hidden consequences are "
                "checked, the crises move on, and the news tells each seat what it may know. Your objectives "
                "(B, your briefing) are scored after the last round."
            ),
        ),
        (
            _("Trust"),
            _(
                "How far an actor trusts us: the number on the line from our side to the actor's token. Some "
                "instruments work only on an actor that still trusts us; the card then says why it cannot be used."
            )
            + _here(trust),
        ),
        (
            _("Pressure"),
            _("How hard we are pushing an actor to change course, written under its token (“Pressure 10”).")
            + _here(pressure),
        ),
        (
            _("Political capital"),
            _(
                "What your seat can spend on its orders. Every instrument costs capital (its card says how much), "
                "and you cannot choose instruments that cost more than you have left. {refill} It is private: only "
                "your seat and the facilitator see it, under “Your ministry”."
            ).format(refill=refill),
        ),
        (
            _("Public and private instruments"),
            _(
                "A public instrument is announced in the news: every seat, and the world of the game, learns who "
                "did it. A private one is known only to you and the facilitator; the other seats may see its "
                "effects on the board but not who caused them. Each card says which it is."
            ),
        ),
        (
            _("Consequences"),
            _(
                "Hidden rules of the scenario read what every seat did and fire when their conditions hold, often "
                "rounds later, and sometimes for some seats' eyes only. Nothing on the board warns you: the news "
                "reports one when it fires (marked “News:”). The after-action review shows which orders caused "
                "each."
            ),
        ),
        (
            _("Crises"),
            _(
                "A crisis breaks at a set round or when the situation calls for it, and appears under “Active "
                "crises and developments” (hover it for its text; a green one is good news on balance). It "
                "changes the meters when it breaks and every round while it lasts, may escalate to a worse stage, "
                "and ends when its condition is met or its time runs out. "
                "Crisis news is public."
            ),
        ),
        (
            _("Estimates"),
            _(
                "A range such as 40–55 instead of a number is an estimate: the true value is hidden somewhere in "
                "it. Some seats' instruments or meters narrow it."
            ),
        ),
    ]
    if scenario is not None and scenario.negotiation.mode != "off":
        parts.append(
            (
                _("Talks"),
                _(
                    "Seats may write to each other in private and propose deals: what one will play for what the "
                    "other plays. Only the seats in them and the facilitator read them; the news says who kept a "
                    "deal."
                ),
            )
        )
    return "<br><br>".join(f"<b>{head}</b><br>{body}" for head, body in parts)
