"""What the board showed of a meter that a condition read.

A consequence's condition is checked in the middle of a round's resolution:
after the orders, before the crises' ongoing effects and the drift. Its trace
keeps the values it read at that moment, which no board ever showed (the board
shows a round's meters before its orders and after its resolution). The
debrief and the review cite instead the two values around the check that the
players saw: the meter at the end of the round before (at the start, for round
1) and at the end of the round itself. Those are the points of the meter
charts (``Replay.series``), so a cited value can always be found on a chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..i18n import _

Rows = Mapping[str, Sequence[int | None]]


def around(rows: Rows, path: str, round_no: int) -> tuple[int, int] | None:
    """(value at the end of round ``round_no`` - 1, value at its end) of the meter at ``path``;
    None when the series has no such meter or rounds (the check cannot be placed on the board)."""
    series = rows.get(path)
    if series is None or not 1 <= round_no < len(series):
        return None
    before, after = series[round_no - 1], series[round_no]
    if before is None or after is None:
        return None
    return before, after


def round_end(round_no: int) -> str:
    """ "the start" (round 0) or "the end of round 3": a point of the meter charts."""
    return _("the start") if round_no <= 0 else _("the end of round {n}").format(n=round_no)


def seen_text(before: int, after: int, round_no: int) -> str:
    """ "45 at the end of round 2, 41 at the end of round 3": a meter on the board either side of round
    ``round_no``, during whose resolution a condition read it."""
    if before == after:
        if round_no <= 1:
            return _("{value} at the start and at the end of round 1").format(value=after)
        return _("{value} at the end of rounds {before} and {n}").format(value=after, before=round_no - 1, n=round_no)
    # Translators: "45 at the end of round 2, 41 at the end of round 3"; {when_before} is "the start" or
    # "the end of round 2".
    return _("{before} at {when_before}, {after} at {when_after}").format(
        before=before, when_before=round_end(round_no - 1), after=after, when_after=round_end(round_no)
    )


def read_text(value: object, after: int, round_no: int) -> str:
    """The value the condition itself read, said as such, when the board never showed it ("" when it
    equals the value at the end of the round)."""
    if value == after:
        return ""
    return _("the condition read {value} partway through resolving round {n}").format(value=value, n=round_no)
