"""What a facilitator may do to a running game, as steps of the engine.

Injects, schedule decisions, meter adjustments, notes and the adjudication
mode are actions in the log like any seat's orders, so a save replays them
exactly. Each step is a function of the engine's working state, which it
reaches only through ``WorkingState``: the few fields and helpers (``emit``,
``set_meter``, ``start_crisis``) a facilitator's action needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..i18n import N_, _
from .model import Crisis, Scenario
from .state import MODES, Adjust, Cause, Change, CrisisState, Inject, Note, Reschedule, SetMode

FACILITATOR_ONLY = "facilitator"

# The facilitator's log lines, always in English (the event log is hashed; see ``engine.ROUND_BEGINS``).
ADJUSTED = N_("Facilitator adjusted {meter} ({path}) by {delta:+d}: {reason}")
# Translators: {mode} is "rigid" or "semi-rigid", shown in its own words (MODE_NAMES).
MODE_SET = N_("Adjudication mode: {mode}.")
INJECT_SKIPPED = N_("Scheduled inject '{title}' (round {round}) skipped.")
INJECT_DEFERRED = N_("Scheduled inject '{title}' deferred from round {round} to round {new}.")
# The adjudication modes as a facilitator reads them.
MODE_NAMES = {"rigid": N_("rigid"), "semi-rigid": N_("semi-rigid")}


class IllegalAction(ValueError):
    """The action is not allowed in this state; the message says why."""


class WorkingState(Protocol):
    """The engine's mutable copy of one state, as the facilitator's steps see it."""

    sc: Scenario
    round: int
    mode: str
    meters: dict[str, int]
    crises: dict[str, CrisisState]
    schedule: list[int | None]

    def emit(
        self,
        kind: str,
        text: str,
        audience: str | tuple[str, ...] = ...,
        cause: Cause | None = ...,
        changes: Iterable[Change] = ...,
        ref: str = ...,
    ) -> None: ...

    def set_meter(self, path: str, value: int) -> Change: ...

    def start_crisis(self, crisis: Crisis, cause: Cause) -> None: ...


def inject(work: WorkingState, action: Inject) -> None:
    if not work.sc.has_crisis(action.crisis):
        raise IllegalAction(_("unknown crisis '{crisis}'").format(crisis=action.crisis))
    if action.crisis in work.crises:
        raise IllegalAction(_("that crisis has already broken"))
    crisis = work.sc.crisis(action.crisis)
    work.start_crisis(crisis, Cause("facilitator", "inject", work.round, note=action.reason))


def note(work: WorkingState, action: Note) -> None:
    if not action.text.strip():
        raise IllegalAction(_("a note needs some text"))
    if action.about is not None and not work.sc.has_actor(action.about) and not work.sc.has_role(action.about):
        raise IllegalAction(_("unknown actor or role '{id}'").format(id=action.about))
    work.emit("note", action.text, FACILITATOR_ONLY, Cause("facilitator", "note", work.round), ref=action.about or "")


def set_mode(work: WorkingState, action: SetMode) -> None:
    if action.mode not in MODES:
        raise IllegalAction(
            _("unknown adjudication mode '{mode}'; use {modes}").format(mode=action.mode, modes=" or ".join(MODES))
        )
    if action.mode != work.mode:
        work.mode = action.mode
        work.emit(
            "mode",
            MODE_SET.format(mode=action.mode),
            FACILITATOR_ONLY,
            Cause("facilitator", "mode", work.round),
            ref=action.mode,
        )


def reschedule(work: WorkingState, action: Reschedule) -> None:
    if not 0 <= action.index < len(work.sc.schedule):
        raise IllegalAction(_("no scheduled inject number {index}").format(index=action.index))
    item = work.sc.schedule[action.index]
    due = work.schedule[action.index]
    if due is None:
        raise IllegalAction(_("that scheduled inject has already been published or skipped"))
    cause = Cause("facilitator", action.op, work.round, note=action.reason)
    title = work.sc.crisis(item.crisis).title
    if action.op == "skip":
        work.schedule[action.index] = None
        work.emit(
            "schedule",
            INJECT_SKIPPED.format(title=title, round=due),
            FACILITATOR_ONLY,
            cause,
            ref=item.crisis,
        )
    elif action.op == "defer":
        new = due + action.rounds
        if action.rounds < 1 or new > work.sc.rounds:
            raise IllegalAction(_("defer by 1 to {n} rounds").format(n=work.sc.rounds - due))
        work.schedule[action.index] = new
        work.emit(
            "schedule",
            INJECT_DEFERRED.format(title=title, round=due, new=new),
            FACILITATOR_ONLY,
            cause,
            ref=item.crisis,
        )
    elif action.op == "publish":
        if item.crisis in work.crises:
            raise IllegalAction(_("that crisis has already broken"))
        work.schedule[action.index] = None
        work.start_crisis(work.sc.crisis(item.crisis), cause)
    else:
        raise IllegalAction(_("unknown schedule operation '{op}'; use publish, skip or defer").format(op=action.op))


def adjust(work: WorkingState, action: Adjust) -> None:
    if action.path not in work.sc.meters:
        raise IllegalAction(_("unknown meter '{path}'").format(path=action.path))
    if not action.reason.strip():
        raise IllegalAction(_("an adjustment needs a reason"))
    change = work.set_meter(action.path, work.meters[action.path] + action.delta)
    label = work.sc.meters[action.path].label
    work.emit(
        "adjust",
        ADJUSTED.format(meter=label, path=action.path, delta=action.delta, reason=action.reason),
        FACILITATOR_ONLY,
        Cause("facilitator", "adjust", work.round, note=action.reason),
        (change,),
        action.path,
    )
