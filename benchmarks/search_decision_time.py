"""What one search-bot decision costs, at fixed points of every bundled scenario, without other processes' noise.

Goal (issue 9, point 5): the ``search`` bot's default budget fits in 0.25 s per decision on this machine.

Run: python benchmarks/search_decision_time.py [--seed S] [--repeats K] [--scenarios a,b] [--iterations I]

Greedy bots play each scenario (engine seed ``S``) to the start of its first
round, of its middle round and of its last; there, every role's search
decision is timed ``K`` times, the same decision each time (the bot's
generator reset to the same seed, its caches warm from one untimed call),
and the fastest of the ``K`` CPU times counts: what the decision costs, not
what the machine's other work added to it (``search_vs_greedy.py`` times
every decision of whole games once, noise included). Printed: each
scenario's median and slowest decision, then the median, 90th percentile
and slowest over all of them, against the goal.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import load_average  # noqa: E402

from game.bots import SearchBot, make_bot  # noqa: E402
from game.rules.engine import apply, new_game  # noqa: E402
from game.rules.state import Resolve, Submit  # noqa: E402
from game.scenario import bundled_scenarios, load_scenario, resolve_scenario  # noqa: E402

GOAL = 0.25


def positions(scenario, seed: int):
    """The states at the start of the first, middle and last rounds of a game greedy bots play."""
    wanted = sorted({1, (scenario.rounds + 1) // 2, scenario.rounds})
    bots = {r.id: make_bot("greedy", seed * 1009 + j) for j, r in enumerate(scenario.roles)}
    state = new_game(scenario, seed)
    while state.outcome is None and wanted:
        if state.round == wanted[0]:
            wanted.pop(0)
            yield state
        for r in scenario.roles:
            state, _ = apply(scenario, state, Submit(r.id, bots[r.id].choose(scenario, state, r.id)))
        state, _ = apply(scenario, state, Resolve())


def decision_time(scenario, state, role: str, repeats: int, settings: dict) -> float:
    bot = SearchBot(7, **settings)
    bot.choose(scenario, state, role)  # compiles the heuristics, warms the caches
    best = float("inf")
    for _ in range(repeats):
        bot.rng = random.Random(7)  # the same decision again
        start = time.process_time()
        bot.choose(scenario, state, role)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=1000, help="engine seed of the greedy game (default: 1000)")
    p.add_argument("--repeats", type=int, default=3, help="timings of each decision; the fastest counts (default: 3)")
    p.add_argument("--scenarios", default="", help="comma-separated scenario ids (default: every bundled one)")
    p.add_argument("--iterations", type=int, help="search: roll-outs per decision (default: the bot's)")
    args = p.parse_args()
    settings = {} if args.iterations is None else {"iterations": args.iterations}
    names = [s for s in args.scenarios.split(",") if s] or [path.stem for path in bundled_scenarios()]
    print(f"{load_average()}; seed {args.seed}; fastest of {args.repeats} CPU timings per decision")
    print(f"search settings: iterations {settings.get('iterations', SearchBot().iterations)}")
    print(f"{'scenario':<22}{'rounds timed':<16}{'decisions':>10}{'median':>9}{'slowest':>9}")
    every: list[float] = []
    for name in names:
        sc = load_scenario(resolve_scenario(name))
        times, rounds = [], []
        for state in positions(sc, args.seed):
            rounds.append(state.round)
            times += [decision_time(sc, state, r.id, args.repeats, settings) for r in sc.roles]
        every += times
        timed = ", ".join(map(str, rounds))
        print(f"{name:<22}{timed:<16}{len(times):>10}{statistics.median(times):>9.3f}{max(times):>9.3f}")
    every.sort()
    p90 = every[min(len(every) - 1, int(0.9 * len(every)))]
    verdict = "met" if every[-1] <= GOAL else "MISSED"
    print(
        f"all {len(every)} decisions: median {statistics.median(every):.3f} s, 90th percentile {p90:.3f} s, "
        f"slowest {every[-1]:.3f} s   (goal: every decision <= {GOAL} s: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
