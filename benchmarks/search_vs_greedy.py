"""The search bot against the greedy bot, role by role, on paired seeds.

Goal (issue 9, point 5): the ``search`` bot beats the ``greedy`` bot for
every role of every bundled scenario in mean score with the same opponents,
within 0.25 s per decision.

Run: python benchmarks/search_vs_greedy.py [--games N] [--seed S] [--jobs J]
     [--scenarios a,b] [--roles r,s] [--iterations I] [--horizon H] [--candidates K] [--caution Z] [--floor F]
     [--continuation forecast|menus]

100 paired seeds by default (about 11 minutes with --jobs 2 here): a paired game's difference has a
spread of two to three points (the two games draw chance apart once their orders differ), so at 30
seeds the 95% interval is about a point wide each way, and a role where search is ahead by a tenth of
a point came out behind in one run of 30 and ahead in the next.

For each role, game ``i`` is played twice with engine seed ``S+i``: once
with every seat greedy, once with that role's seat played by search and the
others greedy, each seat's bot seeded as ``demarche simulate`` seeds it, so
the search game is the game ``demarche simulate SCENARIO --seed S -n N
--bots greedy,ROLE=search`` plays as game ``i`` (and the greedy one the game
of ``--bots greedy``). The all-greedy games do not depend on the role, so
one set of them serves every role of a scenario.

Printed per scenario and role: the mean points of greedy and of search, the
mean paired difference with a 95% confidence interval (normal approximation
on the N paired differences), how many games each side scored the role's
maximum, how many paired games search won and lost with the two-sided sign
test's p-value (ties left out), and the median and 95th percentile time per search decision: the
wall time of ``choose`` in the process that plays it, and its CPU time (what
the wall time would be on an idle core; the machine's load average is
printed first, as other processes sharing the cores stretch the wall time).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.bots import SearchBot, make_bot  # noqa: E402
from game.rules.engine import apply, new_game  # noqa: E402
from game.rules.state import Resolve, Submit  # noqa: E402
from game.scenario import bundled_scenarios, load_scenario, resolve_scenario  # noqa: E402
from game.sim.runner import game_seed  # noqa: E402

_SCENARIOS: dict = {}


def _scenario(name: str):
    if name not in _SCENARIOS:
        _SCENARIOS[name] = load_scenario(resolve_scenario(name))
    return _SCENARIOS[name]


def play(
    name: str, role: str | None, index: int, seed: int, settings: dict
) -> tuple[tuple[int, ...], list[tuple[float, float]]]:
    """One game as ``game.sim.runner.play_game`` plays it, ``role`` (if any) seated with search:
    points, and (wall, CPU) seconds of each search decision."""
    sc = _scenario(name)
    s = game_seed(seed, index)
    bots = []
    for j, r in enumerate(sc.roles):
        bots.append(SearchBot(s * 1009 + j, **settings) if r.id == role else make_bot("greedy", s * 1009 + j))
    times: list[tuple[float, float]] = []
    state = new_game(sc, s)
    while state.outcome is None:
        for r, bot in zip(sc.roles, bots, strict=True):
            start, cpu = time.perf_counter(), time.process_time()
            orders = bot.choose(sc, state, r.id)
            if r.id == role:
                times.append((time.perf_counter() - start, time.process_time() - cpu))
            state, _ = apply(sc, state, Submit(r.id, orders))
        state, _ = apply(sc, state, Resolve())
    points = {x.role: x.points for x in state.outcome.scores}
    return tuple(points[r.id] for r in sc.roles), times


def _task(args):
    return args, play(*args)


def p95(sorted_values: list[float]) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(0.95 * len(sorted_values)))]


def sign_test(diffs: list[float]) -> tuple[int, int, float]:
    """Games search won and lost (ties left out), and the two-sided sign-test p-value of that split."""
    wins, losses = sum(d > 0 for d in diffs), sum(d < 0 for d in diffs)
    n = wins + losses
    if n == 0:
        return 0, 0, 1.0
    tail = sum(math.comb(n, k) for k in range(min(wins, losses) + 1)) / 2**n
    return wins, losses, min(1.0, 2 * tail)


def ci95(diffs: list[float]) -> tuple[float, float, float]:
    mean = statistics.fmean(diffs)
    if len(diffs) < 2:
        return mean, float("nan"), float("nan")
    half = 1.96 * statistics.stdev(diffs) / math.sqrt(len(diffs))
    return mean, mean - half, mean + half


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--games", type=int, default=100, help="paired seeds per role (default: 100)")
    p.add_argument("--seed", type=int, default=1000, help="game i uses seed SEED+i (default: 1000)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    p.add_argument("--scenarios", default="", help="comma-separated scenario ids (default: every bundled one)")
    p.add_argument("--roles", default="", help="comma-separated role ids to test (default: every role)")
    p.add_argument("--iterations", type=int, help="search: roll-outs per decision (default: the bot's)")
    p.add_argument("--horizon", type=int, help="search: rounds per roll-out (default: the bot's)")
    p.add_argument("--candidates", type=int, help="search: candidates per decision (default: the bot's)")
    p.add_argument("--caution", type=float, help="search: standard errors a deviation must clear (default: the bot's)")
    p.add_argument("--floor", type=float, help="search: points a deviation must clear (default: the bot's)")
    p.add_argument(
        "--continuation",
        choices=("forecast", "menus"),
        help="search: how roll-outs play later rounds (default: the bot's)",
    )
    args = p.parse_args()
    knobs = ("iterations", "horizon", "candidates", "caution", "floor", "continuation")
    settings = {k: v for k in knobs if (v := getattr(args, k)) is not None}
    names = [s for s in args.scenarios.split(",") if s] or [path.stem for path in bundled_scenarios()]
    wanted = {r for r in args.roles.split(",") if r}
    defaults = SearchBot()
    shown = {k: getattr(defaults, k) for k in knobs} | settings
    shown["horizon"] = shown["horizon"] or "to the end of the game"
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(
        f"{os.cpu_count()} CPUs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"{args.games} paired seeds per role from {args.seed}; jobs {args.jobs}"
    )
    print("search settings: " + ", ".join(f"{k} {v}" for k, v in shown.items()))

    tasks = []
    for name in names:
        sc = _scenario(name)
        roles = [r.id for r in sc.roles if not wanted or r.id in wanted]
        for i in range(args.games):
            tasks.append((name, None, i, args.seed, settings))
            tasks.extend((name, role, i, args.seed, settings) for role in roles)
    results: dict = {}
    start = time.perf_counter()
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for key, value in pool.map(_task, tasks, chunksize=1):
                results[key[:3]] = value
    else:
        for t in tasks:
            key, value = _task(t)
            results[key[:3]] = value
    elapsed = time.perf_counter() - start

    header = (
        f"{'scenario':<20}{'role':<13}{'max':>4}{'greedy':>8}{'search':>8}{'diff':>7}  {'95% CI':<16}"
        f"{'at max g/s':>11}{'won/lost':>9}{'sign p':>8}{'wall med':>9}{'p95':>7}{'cpu med':>9}{'p95':>7}"
    )
    print(header)
    print("-" * len(header))
    all_times: list[tuple[float, float]] = []
    verdicts = []
    for name in names:
        sc = _scenario(name)
        for j, r in enumerate(sc.roles):
            if wanted and r.id not in wanted:
                continue
            top = sum(max(0, o.points) for o in r.objectives)
            g = [results[(name, None, i)][0][j] for i in range(args.games)]
            s = [results[(name, r.id, i)][0][j] for i in range(args.games)]
            pairs = [t for i in range(args.games) for t in results[(name, r.id, i)][1]]
            all_times += pairs
            wall, cpu = sorted(w for w, _ in pairs), sorted(c for _, c in pairs)
            diffs = [b - a for a, b in zip(g, s, strict=True)]
            mean, low, high = ci95(diffs)
            wins, losses, p_sign = sign_test(diffs)
            g_top, s_top = sum(x == top for x in g), sum(x == top for x in s)
            ci = f"[{low:+.2f}, {high:+.2f}]"
            print(
                f"{name:<20}{r.id:<13}{top:>4}{statistics.fmean(g):>8.2f}{statistics.fmean(s):>8.2f}{mean:>+7.2f}  "
                f"{ci:<16}{g_top:>5}/{s_top:<5}{wins:>5}/{losses:<3}{p_sign:>8.3f}{statistics.median(wall):>9.3f}{p95(wall):>7.3f}{statistics.median(cpu):>9.3f}{p95(cpu):>7.3f}"
            )
            if g_top == args.games and s_top == args.games:
                verdicts.append(f"{name}/{r.id}: tie, both at the maximum in every game (greedy is pinned at max)")
            elif low > 0:
                verdicts.append(f"{name}/{r.id}: search better (CI above 0)")
            elif mean > 0:
                verdicts.append(f"{name}/{r.id}: search ahead, CI reaches 0")
            elif mean == 0:
                verdicts.append(f"{name}/{r.id}: equal means")
            else:
                verdicts.append(f"{name}/{r.id}: SEARCH BEHIND")
    print("-" * len(header))
    for label, k in (("wall", 0), ("CPU", 1)):
        ts = sorted(t[k] for t in all_times)
        print(
            f"per search decision, all roles, {label} time: median {statistics.median(ts):.3f} s, "
            f"95th percentile {p95(ts):.3f} s, max {ts[-1]:.3f} s"
        )
    print(f"({len(all_times)} decisions; goal: <= 0.25 s per decision); benchmark wall time {elapsed:.0f} s")
    for v in verdicts:
        print("  " + v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
