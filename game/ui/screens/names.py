"""What the facilitator reads in place of the scenario's ids.

The control seat's drop-downs, toasts and log speak in meter labels and the
names of actors and teams, as the players read them. An id is an author's
handle, not a word a facilitator should have to decode; where two things share
a label, words (not ids) tell them apart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from ... import i18n
from ...i18n import N_, _
from ...session.narrate import event_text

if TYPE_CHECKING:
    from ...rules.model import Consequence, Scenario
    from ...rules.state import Event

ORDINALS = (
    N_("first"),
    N_("second"),
    N_("third"),
    N_("fourth"),
    N_("fifth"),
    N_("sixth"),
    N_("seventh"),
    N_("eighth"),
    N_("ninth"),
    N_("tenth"),
)
COUNTS = (
    N_("one"),
    N_("two"),
    N_("three"),
    N_("four"),
    N_("five"),
    N_("six"),
    N_("seven"),
    N_("eight"),
    N_("nine"),
    N_("ten"),
)
WHOLE_GAME = N_("(the whole game)")
# "Facilitator overrode: 3:veyra.trust by +1 (a softer reading)": the engine's log names a change by its key.
OVERRIDDEN = re.compile(r"\b\d+:(?P<path>[\w.]+) by (?P<delta>[+-]\d+) \(")


def _nth(i: int, n: int) -> str:
    if n <= len(COUNTS):
        # Translators: which of several things with the same name: "the second of three".
        return _("the {nth} of {count}").format(nth=_(ORDINALS[i]), count=_(COUNTS[n - 1]))
    return _("number {n} of {total}").format(n=i + 1, total=n)


def distinct(items: list[tuple[str, str | None, str]]) -> dict[str, str | None]:
    """``(label, id, kind)`` -> {label shown: id}, in order. A label two items share gets its kind
    in brackets ("Veyra (actor)", "Veyra (team)"); if that is shared too, its place among them."""
    labels = [label for label, _ident, _kind in items]
    kinds = [f"{label} ({kind})" for label, _ident, kind in items]
    out: dict[str, str | None] = {}
    for i, (label, ident, _kind) in enumerate(items):
        if labels.count(label) == 1:
            out[label] = ident
            continue
        shown = kinds[i]
        if kinds.count(shown) > 1:
            same = [j for j, k in enumerate(kinds) if k == shown]
            shown = f"{shown[:-1]}, {_nth(same.index(i), len(same))})"
        out[shown] = ident
    return out


def meter_choices(sc: Scenario) -> dict[str, str]:
    """Every meter as "Republic of Veyra: Trust in us", to its path."""
    items: list[tuple[str, str | None, str]] = []
    for path in sc.meters:
        owner, _dot, rest = path.partition(".")
        kind = (
            _("a team's meter")
            if rest and sc.has_role(owner)
            else _("an actor's meter")
            if rest
            else _("the whole table")
        )
        items.append((sc.meter_label(path), path, kind))
    return {label: path for label, path in distinct(items).items() if path is not None}


def about_choices(sc: Scenario) -> dict[str, str | None]:
    """What a note may be about: the whole game, an actor or a team, by name."""
    items: list[tuple[str, str | None, str]] = [(_(WHOLE_GAME), None, "")]
    actor, team = _("actor"), _("team")
    items += [(a.name, a.id, actor) for a in sc.actors]
    items += [(r.name, r.id, team) for r in sc.roles]
    return distinct(items)


def consequence_name(c: Consequence) -> str:
    """A consequence by its title, or by what it reveals when it has none."""
    if c.title:
        return c.title
    reveal = c.reveal if isinstance(c.reveal, str) else next(iter(c.reveal), "")
    first = " ".join(reveal.split()).split(". ")[0]
    if not first:
        return _("a consequence without a title")
    # Translators: the first words a consequence reveals, quoted, for one that has no title.
    return _("“{words}”").format(words=f"{first[:80]}{'…' if len(first) > 80 else ''}")


def readable(sc: Scenario, event: Event) -> Event:
    """``event`` with the facilitator's own log lines in names: the engine's adjustment line quotes
    the meter's path, its override line each change's key."""
    if i18n.language() != i18n.SOURCE:  # the engine's line read back into the language spoken
        said = event_text(sc, event)
        return event if said == event.text else attrs.evolve(event, text=said)
    words = event.text
    if event.kind == "adjust" and event.ref in sc.meters:
        words = words.replace(f"{sc.meters[event.ref].label} ({event.ref})", sc.meter_label(event.ref))
    elif event.kind == "adjudication":

        def named(m: re.Match) -> str:
            path = m["path"]
            label = sc.meter_label(path) if path in sc.meters else "a meter"
            return f"{label}: {m['delta']} instead ("

        words = OVERRIDDEN.sub(named, words)
    return event if words == event.text else attrs.evolve(event, text=words)


def note_subject(sc: Scenario, ref: str) -> str:
    """Who a note is about, by name."""
    if sc.has_actor(ref) or sc.has_role(ref):
        return sc.name_of(ref)
    return _("the game")
