"""What a facilitator may do to a running game, as steps of the engine.

Injects, schedule decisions, meter adjustments, notes and the adjudication
mode are actions in the log like any seat's orders, so a save replays them
exactly. ``FacilitatorSteps`` is mixed into the engine's working state; it
only uses that state's helpers (``emit``, ``set_meter``, ``start_crisis``).
"""

from __future__ import annotations

from .state import MODES, Adjust, Cause, Inject, Note, Reschedule, SetMode

FACILITATOR_ONLY = "facilitator"


class IllegalAction(ValueError):
    """The action is not allowed in this state; the message says why."""


class FacilitatorSteps:
    def inject(self, action: Inject) -> None:
        if not self.sc.has_crisis(action.crisis):
            raise IllegalAction(f"unknown crisis '{action.crisis}'")
        if action.crisis in self.crises:
            raise IllegalAction("that crisis has already broken")
        crisis = self.sc.crisis(action.crisis)
        self.start_crisis(crisis, Cause("facilitator", "inject", self.round, note=action.reason))

    def note(self, action: Note) -> None:
        if not action.text.strip():
            raise IllegalAction("a note needs some text")
        if action.about is not None and not self.sc.has_actor(action.about) and not self.sc.has_role(action.about):
            raise IllegalAction(f"unknown actor or role '{action.about}'")
        self.emit(
            "note", action.text, FACILITATOR_ONLY, Cause("facilitator", "note", self.round), ref=action.about or ""
        )

    def set_mode(self, action: SetMode) -> None:
        if action.mode not in MODES:
            raise IllegalAction(f"unknown adjudication mode '{action.mode}'; use {' or '.join(MODES)}")
        if action.mode != self.mode:
            self.mode = action.mode
            self.emit(
                "mode",
                f"Adjudication mode: {action.mode}.",
                FACILITATOR_ONLY,
                Cause("facilitator", "mode", self.round),
                ref=action.mode,
            )

    def reschedule(self, action: Reschedule) -> None:
        if not 0 <= action.index < len(self.sc.schedule):
            raise IllegalAction(f"no scheduled inject number {action.index}")
        item = self.sc.schedule[action.index]
        due = self.schedule[action.index]
        if due is None:
            raise IllegalAction("that scheduled inject has already been published or skipped")
        cause = Cause("facilitator", action.op, self.round, note=action.reason)
        title = self.sc.crisis(item.crisis).title
        if action.op == "skip":
            self.schedule[action.index] = None
            self.emit(
                "schedule",
                f"Scheduled inject '{title}' (round {due}) skipped.",
                FACILITATOR_ONLY,
                cause,
                ref=item.crisis,
            )
        elif action.op == "defer":
            new = due + action.rounds
            if action.rounds < 1 or new > self.sc.rounds:
                raise IllegalAction(f"defer by 1 to {self.sc.rounds - due} rounds")
            self.schedule[action.index] = new
            self.emit(
                "schedule",
                f"Scheduled inject '{title}' deferred from round {due} to round {new}.",
                FACILITATOR_ONLY,
                cause,
                ref=item.crisis,
            )
        elif action.op == "publish":
            if item.crisis in self.crises:
                raise IllegalAction("that crisis has already broken")
            self.schedule[action.index] = None
            self.start_crisis(self.sc.crisis(item.crisis), cause)
        else:
            raise IllegalAction(f"unknown schedule operation '{action.op}'; use publish, skip or defer")

    def adjust(self, action: Adjust) -> None:
        if action.path not in self.sc.meters:
            raise IllegalAction(f"unknown meter '{action.path}'")
        if not action.reason.strip():
            raise IllegalAction("an adjustment needs a reason")
        change = self.set_meter(action.path, self.meters[action.path] + action.delta)
        label = self.sc.meters[action.path].label
        self.emit(
            "adjust",
            f"Facilitator adjusted {label} ({action.path}) by {action.delta:+d}: {action.reason}",
            FACILITATOR_ONLY,
            Cause("facilitator", "adjust", self.round, note=action.reason),
            (change,),
            action.path,
        )
