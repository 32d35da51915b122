"""Who may see the whole of a game: one rule for the replay viewer, "continue
from here" and the full after-action review.

A finished game is an open book: the debrief is its point. An unfinished one
is still being played, and its full review would show every seat's private
orders and reasons, the hidden meters and the consequences on their way; a
player who quit to the title screen could read it all and resume the game with
no trace. So the full view of an unfinished game needs the facilitator's PIN,
and a game without a facilitator cannot be seen whole until it ends. One
role's own view (built from ``observe``) stays open: it shows nothing the role
did not see at the board.
"""

from __future__ import annotations

from ..i18n import N_, _
from . import control

OPEN, NEEDS_PIN, CLOSED = "open", "needs_pin", "closed"


class ReviewLocked(Exception):
    """The full view of this game may not be shown; the message says why."""


def review_lock(game, over: bool) -> str:
    """``OPEN`` (finished), ``NEEDS_PIN`` (unfinished, with a facilitator) or
    ``CLOSED`` (unfinished, no facilitator). ``game`` is a Game or a SaveData:
    anything with the save's ``meta``; ``over`` must come from the replayed log."""
    if over:
        return OPEN
    return NEEDS_PIN if control.has_facilitator(game) else CLOSED


# What may stay closed: ``closed_reason``'s ``what``.
FULL_REVIEW, REPLAY = N_("full review"), N_("replay")


def closed_reason(round: int, what: str = FULL_REVIEW) -> str:
    return _(
        "this game is not finished (it was saved in round {round}) and has no facilitator: its {what} would show "
        "every seat's private orders, the hidden meters and the consequences still on their way, so it opens only "
        "when the game has ended"
    ).format(round=round, what=_(what))


def check_review(game, over: bool, round: int, pin: str | None) -> None:
    """Return if the full view may be shown; otherwise raise ``ReviewLocked``
    (the CLI adds how to ask for a role's own view instead)."""
    lock = review_lock(game, over)
    if lock == OPEN:
        return
    if lock == CLOSED:
        raise ReviewLocked(closed_reason(round))
    if pin is None:
        raise ReviewLocked(
            _(
                "this game is not finished (it was saved in round {round}): its full review needs the facilitator's PIN"
            ).format(round=round)
        )
    if not control.check_pin(game, pin):
        raise ReviewLocked(_("that is not the facilitator's PIN for this game"))
