"""Replaying a game for the report: the final state and every round's meters.

The engine keeps only the current state; the review needs the situation after
each round to draw the meters over time, and needs to know what a facilitator's
override replaced. Replaying the log once gives both.
"""

from __future__ import annotations

from ..i18n import _
from ..rules.engine import apply, new_game, preview
from ..rules.model import Scenario, start_values
from ..rules.state import Resolve
from ..session.narrate import event_text
from .model import Override, Series


def _clean(text: str) -> str:
    return " ".join(str(text).split())


class Replay:
    """The game replayed once: the final state, each round's meters, and the
    facilitator's overrides matched to the proposals they replaced."""

    def __init__(self, scenario: Scenario, seed: int, actions):
        self.scenario = scenario
        state = new_game(scenario, seed)
        self.starts = {1: dict(state.meters)}  # round -> meters after that round's briefing
        self.overrides: list[Override] = []
        for action in actions:
            if isinstance(action, Resolve) and action.overrides:
                proposal = preview(scenario, state)
                round_no = state.round
                state, events = apply(scenario, state, action)
                self.overrides.extend(self._override(round_no, o, proposal, events) for o in action.overrides)
            else:
                state, _ = apply(scenario, state, action)
            if isinstance(action, Resolve) and not state.over:
                self.starts[state.round] = dict(state.meters)
        self.state = state

    def _override(self, round_no, override, proposal, events) -> Override:
        index, _, path = override.key.partition(":")
        i = int(index) if index.isdigit() else -1
        proposed = None
        if 0 <= i < len(proposal):
            proposed = next((c.after - c.before for c in proposal[i].changes if c.path == path), 0)
        event = events[i] if 0 <= i < len(events) else None
        sc = self.scenario
        return Override(
            round=round_no,
            key=override.key,
            path=path,
            label=sc.meter_label(path) if path in sc.meters else path,
            event=_clean(event_text(self.scenario, event)) if event else "",
            proposed=proposed,
            delta=override.delta,
            reason=_clean(override.reason),
        )

    def series(self) -> tuple[list[str], dict[str, Series]]:
        """Every meter's value at the start and at the end of each round.

        The end of round r is the state at the start of round r (after its
        briefing, refills included) with every change logged in round r
        applied in order; nothing else moves a meter.
        """
        sc, state = self.scenario, self.state
        # Translators: the points of the meter charts: the start, then the end of each round ("R1", "R2").
        axis = [_("Start")]
        rows: dict[str, Series] = {p: [v] for p, v in start_values(sc).items()}
        last = state.round if state.over else state.round - 1
        by_round: dict[int, list] = {}
        for e in state.events:
            by_round.setdefault(e.round, []).extend(e.changes)
        for r in range(1, last + 1):
            values = dict(self.starts.get(r, {}))
            for c in by_round.get(r, ()):
                values[c.path] = c.after
            axis.append(_("R{n}").format(n=r))
            for p in rows:
                rows[p].append(values.get(p))
        if not state.over:
            axis.append(_("R{n} (now)").format(n=state.round))
            for p in rows:
                rows[p].append(state.meters[p])
        return axis, rows
