"""Is each bundled scenario a contest that teaches? The figures the scenarios are balanced to, checked.

For each scenario (default: every bundled one) this plays ``-n`` games with
greedy bots in every seat and the same seeds with novice bots
(``simulate --bots greedy --versus novice``), then the scenario's lessons on
paired seeds (``simulate --lessons``), and prints a line per figure with the
goal it is held to and ✓ or ✗:

- every role wins 15-65% of greedy games (the tutorial: 15-90%, a first game
  that is not a certain win);
- shared losses in 3-35% of greedy games (the tutorial: at most 35%);
- no meter (budgets refilled each round aside) ends at a bound in more than
  25% of greedy games;
- no dominant instrument;
- greedy outscores novice by at least 15% of each role's possible points;
- at least six lessons (two for the tutorial), each holding.

A scenario with optional seats (a red cell) is played a second time with
every optional seat in, held to the first four figures (the balance of the
table with the counterpart played by a seat).

Run:

    python scripts/contest.py [SCENARIO ...] [-n 200] [--lesson-games 200] [--jobs 2]

It exits 1 when a figure misses its goal. The goals are the project's for its
bundled scenarios, not rules every scenario must follow.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.scenario import bundled_scenarios, load_scenario_files, read_scenario_files, resolve_scenario  # noqa: E402
from game.sim import BotSpec, default_jobs, simulate  # noqa: E402
from game.sim.lessons import check_lessons  # noqa: E402

PINNED = 0.25
SKILL = 0.15


class Goals(NamedTuple):
    win: tuple[float, float]
    shared_loss: tuple[float, float]
    lessons: int


SEED_GOALS = Goals(win=(0.15, 0.65), shared_loss=(0.03, 0.35), lessons=6)
TUTORIAL_GOALS = Goals(win=(0.15, 0.90), shared_loss=(0.0, 0.35), lessons=2)


def span(goal: tuple[float, float]) -> str:
    return f"{goal[0]:.0%}-{goal[1]:.0%}"


def figures(path: Path, n: int, lesson_games: int, jobs: int, with_: tuple[str, ...] = ()) -> list[tuple[bool, str]]:
    """(met, line) for every figure of one scenario; with ``with_`` (optional seats brought in), the
    balance figures only."""
    files, main = read_scenario_files(path)
    scenario = load_scenario_files(files, main)
    greedy, novice = BotSpec(mix=("greedy",)), BotSpec(mix=("novice",))
    versus = None if with_ else novice
    report = simulate(files, main, n, greedy, jobs=jobs, scenario=scenario, versus=versus, with_=with_)
    goals = TUTORIAL_GOALS if scenario.id == "tutorial" else SEED_GOALS
    win_goal, loss_goal = goals.win, goals.shared_loss
    rows: list[tuple[bool, str]] = []
    for j, role in enumerate(report["roles"]):
        win = role["win_rate"]
        rows.append((win_goal[0] <= win <= win_goal[1], f"{role['id']}: greedy wins {win:.0%} (goal {span(win_goal)})"))
        if with_:
            continue
        vs = report["versus"]["roles"][j]
        share = vs["gap_share"]
        rows.append(
            (
                share is not None and share >= SKILL,
                f"{role['id']}: greedy {vs['mean']:.2f} vs novice {vs['mean_versus']:.2f} of {vs['possible']}, "
                f"gap {'-' if share is None else f'{share:+.0%}'} of possible "
                f"(interval {vs['ci_low']:+.2f}..{vs['ci_high']:+.2f}; novice wins {vs['win_rate_versus']:.0%}; "
                "goal >= +15%)",
            )
        )
    loss = report["shared_loss_rate"]
    rows.append(
        (
            loss_goal[0] <= loss <= loss_goal[1],
            f"shared loss {loss:.0%} with greedy"
            + ("" if with_ else f", {report['versus']['shared_loss_rate']:.0%} with novice")
            + f" (goal {span(loss_goal)} with greedy)",
        )
    )
    refilled = {p for p, m in scenario.meters.items() if m.refill is not None}
    pinned = [m for m in report["meters"] if m["id"] not in refilled and m["final_at_bound_rate"] > PINNED]
    worst = max((m for m in report["meters"] if m["id"] not in refilled), key=lambda m: m["final_at_bound_rate"])
    listed = ", ".join(f"{m['id']} {m['final_at_bound_rate']:.0%}" for m in pinned) or "none"
    most = f"{worst['id']} {worst['final_at_bound_rate']:.0%}"
    rows.append((not pinned, f"meters at a bound in over 25% of games: {listed} (most: {most})"))
    dominant = [w["message"] for w in report["warnings"] if w["kind"] == "dominant_instrument"]
    rows.append((not dominant, "dominant instruments: " + ("; ".join(dominant) or "none")))
    if with_:
        return rows
    wanted = goals.lessons
    rows.append((len(scenario.lessons) >= wanted, f"{len(scenario.lessons)} lessons (goal >= {wanted})"))
    if scenario.lessons:
        checked = check_lessons(scenario, files, main, lesson_games, scenario.seed, jobs)
        for lesson in checked["lessons"]:
            rows.append(
                (
                    lesson["holds"],
                    f"lesson {lesson['id']} ({lesson['role']}): {lesson['difference']:+.2f} "
                    f"[{lesson['ci_low']:+.2f}, {lesson['ci_high']:+.2f}], margin {lesson['margin']:g}",
                )
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*", help="bundled ids or files (default: every bundled scenario)")
    parser.add_argument("-n", type=int, default=200, help="greedy and novice games each (default 200)")
    parser.add_argument("--lesson-games", type=int, default=200, help="paired games per side of a lesson")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args(argv)
    paths = [resolve_scenario(s) for s in args.scenarios] or bundled_scenarios()
    missed = 0
    for path in paths:
        optional = load_scenario_files(*read_scenario_files(path)).optional_roles
        for with_ in ((), optional) if optional else ((),):
            print(f"== {path.stem}" + (f" with {', '.join(with_)}" if with_ else ""))
            for met, line in figures(path, args.n, args.lesson_games, args.jobs, with_):
                missed += not met
                print(f"  {'✓' if met else '✗'} {line}")
    print(f"{missed} figure{'s' if missed != 1 else ''} missed" if missed else "every figure met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
