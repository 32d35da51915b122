"""What a save keeps beside the game itself: the board's bookkeeping.

Who sits at each role, which seats have read their briefing, how far the news
has been read, the facilitator's salted PIN, a what-if game's parent, where F5
reloads the scenario from. None of it changes the game's state or its hash.

``GameMeta`` is written as the save's ``meta`` object. A field that is None is
absent from the file; the others are written in the order they were first set
(or read), so a save reads back and writes out byte for byte as the board has
always written it. Keys this version does not know (a newer version's) are
kept, in their place. ``savecheck.check_meta`` has checked a save's object
before ``from_json`` reads it.
"""

from __future__ import annotations

from typing import Any, Literal

from attrs import Attribute, define, field, fields, frozen

FINAL: Literal["final"] = "final"  # news_round once the last round's results have been read

Json = dict[str, Any]


@frozen
class SeatMeta:
    """One role's seat: a person's name, or the bot that plays it."""

    name: str = ""
    bot: str | None = None  # None: a human sits here

    def to_json(self) -> Json:
        return {"name": self.name, "bot": self.bot}

    @classmethod
    def from_json(cls, data: Json) -> SeatMeta:
        bot = data.get("bot", "random")  # a seat that names no bot was played by one
        return cls(data.get("name", ""), bot)


@frozen
class PinMeta:
    """The facilitator's PIN, salted and hashed (``session.control``)."""

    salt: str
    pin: str

    def to_json(self) -> Json:
        return {"salt": self.salt, "pin": self.pin}


@frozen
class ParentMeta:
    """Where a what-if game branched off: the parent save's file name and final
    hash, the round it branched at and the actions it kept."""

    file: str | None = None
    final_hash: str | None = None
    round: int | None = None
    actions: int | None = None

    def to_json(self) -> Json:
        return {f.name: getattr(self, f.name) for f in fields(ParentMeta) if getattr(self, f.name) is not None}


def _remember(meta: GameMeta, attribute: Attribute, value: Any) -> Any:
    """Keep the order fields are first set in (None unsets one), as the file will list them."""
    if attribute.name in _KEYS:
        if value is None:
            if attribute.name in meta._order:
                meta._order.remove(attribute.name)
        elif attribute.name not in meta._order:
            meta._order.append(attribute.name)
    return value


@define(on_setattr=_remember)
class GameMeta:
    title: str | None = None  # the scenario's title, for the Load screen
    source: str | None = None  # the scenario file F5 reloads
    preview: str | None = None  # the role an author previews (such a game is never saved)
    phase: str | None = None  # the phase the last autosave ended
    game_id: str | None = None  # one game's identity across its autosaves
    seats: dict[str, SeatMeta] | None = None
    briefed: list[str] | None = None  # human seats that have read their briefing
    talked: list[str] | None = None  # seats whose turn of talks this round is over ("step" talks)
    talked_round: int | None = None  # the round ``talked`` is about
    talks_read: dict[str, int] | None = None  # per seat, the last message number it has read
    news_round: int | Literal["final"] | None = None  # the round whose news has been read
    news_index: int | None = None  # how many of the state's events the news has shown
    facilitator: PinMeta | None = None
    parent: ParentMeta | None = None
    extra: dict[str, Any] = field(factory=dict)  # keys of a newer version, kept as they are
    _order: list[str] = field(factory=list)

    def __attrs_post_init__(self) -> None:
        # Fields given to the constructor come first, in the order they are declared.
        self._order.extend(k for k in _KEYS_IN_ORDER if getattr(self, k) is not None and k not in self._order)

    @property
    def read_news(self) -> int:
        return self.news_index or 0

    def to_json(self) -> Json:
        out: Json = {}
        for key in self._order:
            if key in self.extra:
                out[key] = self.extra[key]
                continue
            value = getattr(self, key)
            if isinstance(value, (SeatMeta, PinMeta, ParentMeta)):
                value = value.to_json()
            elif key == "seats":
                value = {role: seat.to_json() for role, seat in value.items()}
            elif isinstance(value, (list, dict)):
                value = type(value)(value)
            out[key] = value
        return out

    @classmethod
    def from_json(cls, data: Json) -> GameMeta:
        known: dict[str, Any] = {}
        extra: Json = {}
        for key, value in data.items():
            if key not in _KEYS or value is None:  # null is no value: kept as it is, read as absent
                extra[key] = value
            elif key == "seats":
                known[key] = {role: SeatMeta.from_json(seat) for role, seat in value.items()}
            elif key == "facilitator":
                known[key] = PinMeta(value["salt"], value["pin"])
            elif key == "parent":
                known[key] = ParentMeta(**{f.name: value.get(f.name) for f in fields(ParentMeta)})
            elif key in ("briefed", "talked"):
                known[key] = list(value)
            elif key == "talks_read":
                known[key] = dict(value)
            else:
                known[key] = value
        return cls(**known, extra=extra, order=list(data))

    def copy(self) -> GameMeta:
        """An independent copy: a branch or a reloaded game changes its own."""
        return GameMeta.from_json(self.to_json())


_KEYS_IN_ORDER = tuple(f.name for f in fields(GameMeta) if f.name not in ("extra", "_order"))
_KEYS = frozenset(_KEYS_IN_ORDER)
