"""The ``used()`` counts of a game played round after round, moved on instead of counted again.

A round's consequence and end-of-round checks remember each ``used()`` count
they walk the history for, by its label (``evaluate.used``), since the history
and the round do not change while they run. The next round's counts differ
from those only by the orders that round adds and, for a count over the last
``within`` rounds, by the orders of the round that leaves that window. So
``RunningCounts`` keeps one round's counts and starts the next round's from
them, moving each by those orders, where the count's filters say exactly which
orders it counts (an instrument, signal or category, ``by`` a role, ``on`` an
actor: not ``by='self'`` or ``on='target'``, which depend on who asks).

It follows one line of play: a resolve whose state does not come from the
last one it saw (the same meters, as only submissions came between) starts
with no counts, as every resolve without it does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .evaluate import instrument_counts
from .model import Scenario
from .recall import _used_filters, used_calls

if TYPE_CHECKING:
    from .engine import _Work

PlayKey = tuple[str, str, "str | None"]


def _windows(scenario: Scenario) -> dict[str, int]:
    """label -> its window in rounds (0: the whole history), for every ``used()`` a round's checks may
    remember whose filters do not depend on who asks."""
    return {
        label: n.within or 0
        for label, n in scenario.derived(used_calls).items()
        if ("by", "self") not in n.filters and ("on", "target") not in n.filters
    }


def _counted_by(scenario: Scenario) -> dict[PlayKey, tuple[tuple[str, int], ...]]:
    """(role, instrument, target) -> ``counted_by``'s answer, filled in as orders are met."""
    return {}


def _widest_window(scenario: Scenario) -> int:
    return max(scenario.derived(_windows).values(), default=0)


def counted_by(scenario: Scenario, key: PlayKey) -> tuple[tuple[str, int], ...]:
    """The (label, window) of each count of ``_windows`` that an order ``key`` counts for: exactly those
    whose instrument, signal or category it has, by their role, on their target."""
    table = scenario.derived(_counted_by)
    found = table.get(key)
    if found is None:
        role, instrument, target = key
        inst = scenario.instrument(instrument)
        filters = scenario.derived(_used_filters)
        found = table[key] = tuple(
            (label, window)
            for label, window in scenario.derived(_windows).items()
            if instrument_counts(inst, filters[label])
            and filters[label].get("by", role) == role
            and filters[label].get("on", target) == target
        )
    return found


class RunningCounts:
    """One game's ``used()`` counts carried from each round's resolve to the next (see the module doc).

    Give the same one to every action of one game (``engine.apply(..., counts=...)``,
    ``engine.resolve_submitted``)."""

    __slots__ = ("meters", "round", "length", "counts", "rounds")

    def __init__(self) -> None:
        self.meters: dict[str, int] | None = None  # the working meters of the last resolve: its state's
        self.round = 0
        self.length = 0  # how many orders its history had
        self.counts: dict[str, int] = {}  # its counts, as its checks left them
        # round -> (window -> how many of that round's orders each count over that window counts), for the
        # rounds a window still spans
        self.rounds: dict[int, dict[int, dict[str, int]]] = {}

    def next_round(self, work: _Work) -> dict[str, int]:
        """The counts for ``work``'s consequence step to start from (and remember more in), kept for
        the resolve after it."""
        sc = work.sc
        history = work.history
        r = work.round
        widest = sc.derived(_widest_window)
        rounds = self.rounds
        last = self.counts
        start = self.length
        if work.state.meters is not self.meters or r != self.round + 1:  # another line of play: afresh
            last = {}
            rounds.clear()
            start = len(history)
            while start > 0 and r - history[start - 1].round <= widest:
                start -= 1
        for i in range(start, len(history)):  # each round's orders, once: this round's (or the window's)
            p = history[i]
            by_window = rounds.get(p.round)
            if by_window is None:
                by_window = rounds[p.round] = {}
            for label, window in counted_by(sc, (p.role, p.instrument, p.target)):
                tally = by_window.get(window)
                if tally is None:
                    tally = by_window[window] = {}
                tally[label] = tally.get(label, 0) + 1
        counts: dict[str, int] = {}
        if last:
            windows = sc.derived(_windows)
            counts = dict(last)
            for label in last.keys() - windows.keys():  # (a count that depends on who asks)
                del counts[label]
            for tally in rounds.get(r, {}).values():  # this round's orders are in every window
                for label, n in tally.items():
                    if label in counts:
                        counts[label] += n
            for k, by_window in rounds.items():  # the orders of round r - w leave a window of w rounds
                tally = by_window.get(r - k) if k < r else None
                if tally:
                    for label, n in tally.items():
                        if label in counts:
                            counts[label] -= n
        for old in [k for k in rounds if r - k >= widest]:  # no window reaches them again
            del rounds[old]
        self.meters = work.meters
        self.round = r
        self.length = len(history)
        self.counts = counts
        return counts
