"""The engine of this working tree against a pinned git revision of the project: speed and identical games.

Goals (issue 9): random-bot games per second (red_lines, one core) at least
2x the pinned build's; a greedy-bot game (red_lines) at least 3x faster.

Both builds play the same file: by default the frozen copy of red_lines in
``tests/fixtures/scenarios`` (the bundled red_lines as it was at the pinned
revision), since the bundled one has been rebuilt since and the two builds
would otherwise play different rules. ``--scenario`` names another file or a
bundled id (then each build reads its own bundled copy).

The pinned revision (``BASELINE``: the project as it was before the issue 9
work; ``--baseline REV`` for another) is exported with ``git archive`` into a
temporary folder. The same workload script (``WORKLOAD``, public API only:
``load_scenario``, ``Game``, ``autoplay``) then runs in a fresh process for
each build, alternating (baseline, tree, baseline, tree, ...), each importing
``game`` from its own folder. Every run plays the same seeds, so the final
state hashes of both builds must be equal: the games are identical, and the
script says so. Each game is timed on its own and let go once hashed, outside its clock: a run that kept
its games would make the collector walk all of them, a cost of the benchmark (and of --games), not of a
game, which the issue's own measure (one game after another, none kept) did not have. The greedy games
run in a process of their own, as ``demarche autoplay --bots greedy`` runs them: after hundreds of random
games in the same process a greedy game took about 10% longer in this build and about 10% less in the
baseline (a process's heap and caches as the random games left them), which measured that history, not
the greedy bot.

Random-bot games are timed twice in the tree's build: recorded (``Game`` and
``autoplay``, every event written, as the board and ``demarche autoplay``
play) and headless, the way ``demarche simulate`` plays them in bulk
(``game.sim.runner.final_state``, with the tally of what each order moved, then
the game's ``game_record``: no seat reads the news, so no event is written).
Both rates are given against the baseline's recorded games, and the
headless games must be the recorded ones: seed by seed, the final state
hashed without its events (and without the causes pending consequences keep
for their events) is the same in every run of both builds.

``--instructions`` also counts, under valgrind, the instructions a random-bot game (recorded, and in the tree
headless too) and a greedy game execute in each build: ratios that do not move with the machine's load (time
ratios on a shared machine move by 10% and more from one run to the next). Each time ratio is also given run
by run (a run of the tree against the baseline's run just before it, their median and spread), which a
machine whose speed drifts over minutes moves less than the ratio of the two medians.

Run: python benchmarks/engine_vs_revision.py [--baseline REV] [--repeats 5] [--games 300] [--greedy-games 10]
     [--clock wall|cpu] [--instructions]   (cpu: CPU seconds of each run, steadier when other processes share the cores)
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, child_env, compile_package, instructions, load_average, median, timed_run

BASELINE = "b6f72430a4dc37763500243849680116e4463e63"  # main when the issue 9 work began
FROZEN = ROOT / "tests" / "fixtures" / "scenarios" / "red_lines.toml"  # the baseline's bundled red_lines
RANDOM_GOAL, GREEDY_GOAL = 2.0, 3.0

# What a run plays, shared by the timed runs and the counted ones (argv[1]: the scenario): a game to its
# final state, recorded (``Game`` and ``autoplay``) or headless (as ``demarche simulate`` plays it, the
# tree's build only: ``final_state`` with the orders' tally, then the game's record).
GAMES = r"""
import sys
from game.scenario import read_scenario_files, load_scenario_files, resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game

files, main = read_scenario_files(resolve_scenario(sys.argv[1]))
scenario = load_scenario_files(files, main)

def recorded(bots):
    return lambda seed: autoplay(Game(scenario, files, main, seed), bots).state

def headless(seed):
    from game.sim.runner import final_state, game_record

    bots, tally = ("random",) * len(scenario.roles), []
    state = final_state(scenario, seed, bots, tally)
    game_record(scenario, seed, seed, bots, state, tally)
    return state
"""

WORKLOAD = (
    GAMES
    + r"""
import hashlib, json, time
import attrs
import game
from game.rules.hashing import state_hash

games, greedy_games, CPU = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "cpu"
PART = sys.argv[5]  # "recorded" or "headless": the random-bot games; "greedy": the greedy games
clock = time.process_time if CPU else time.perf_counter

def play(game_of, seeds):
    # Each game is timed on its own and let go once hashed (after its clock: the hash is the check, not
    # the workload), so no game is timed while earlier ones are kept: the collector would walk them all.
    elapsed = 0.0
    digest = hashlib.sha256()
    rules = []
    for seed in seeds:
        start = clock()
        state = game_of(seed)
        elapsed += clock() - start
        digest.update(state_hash(state).encode())
        rules.append(rule_hash(state))
    return elapsed, digest.hexdigest(), rules

def rule_hash(state):
    # The final state without what only a recorded game writes: its events, and the cause each
    # pending consequence keeps for the event it will write (a headless resolve traces none).
    pending = tuple(attrs.evolve(p, cause=None) for p in state.pending)
    return state_hash(attrs.evolve(state, events=(), pending=pending))[:16]

out = {"file": game.__file__}
if PART != "greedy":
    play(recorded("random"), range(5))  # warm up: first calls, caches
    random_s, out["random_hash"], out["random_rules"] = play(recorded("random"), range(games))
    out["random_per_s"] = games / random_s
if PART == "headless":  # demarche simulate's path (game.sim.runner): random bots read no news, so no events
    play(headless, range(5))
    headless_s, _, out["headless_rules"] = play(headless, range(games))
    out["headless_per_s"] = games / headless_s
if PART == "greedy":  # in a process of its own: after hundreds of random games, a greedy game runs otherwise
    play(recorded("greedy"), range(999, 1000))  # warm up: the greedy bot's first import, calls and caches
    greedy_s, out["greedy_hash"], _ = play(recorded("greedy"), range(1000, 1000 + greedy_games))
    out["greedy_ms"] = greedy_s * 1000 / greedy_games
print(json.dumps(out))
"""
)


# ``--instructions``: N games of the scenario with these bots and nothing else (argv: scenario, bots, N),
# counted under valgrind.
COUNTED = (
    GAMES
    + r"""
import game.bots.greedy

first = 1000 if sys.argv[2] == "greedy" else 0  # the seeds the timed runs play
game_of = headless if sys.argv[2] == "headless" else recorded(sys.argv[2])
game_of(999)  # warmed up as the timed runs are, in the run of none too: first imports, calls and caches
for seed in range(first, first + int(sys.argv[3])):
    game_of(seed)
"""
)
COUNTED_RANDOM = 100  # random-bot games counted (under valgrind a game takes about a tenth of a second)


def counted_instructions(root: Path, args, bots: str, games: int) -> float:
    """Instructions per game of ``bots`` in ``root``'s build: ``games`` games counted, less a run of none (the
    start-up, the scenario's load and a game to warm up, which both runs share: the first game of a process
    imports the modules its path needs and fills its caches, a cost a run of thousands of games pays once)."""
    env = child_env(root)
    counted = [
        instructions([sys.executable, "-c", COUNTED, args.scenario, bots, str(n)], root, env) for n in (0, games)
    ]
    return (counted[1] - counted[0]) / games


def export(rev: str, into: Path) -> str:
    """Write revision ``rev`` of this repository into ``into``; return its full commit id."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True, text=True
    )
    if commit.returncode != 0:
        raise SystemExit(f"error: --baseline {rev}: not a commit of this repository")
    archive = subprocess.run(["git", "archive", commit.stdout.strip()], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return commit.stdout.strip()


def run(root: Path, args, part: str) -> dict:
    """One run of the workload in ``root``'s build, in a fresh process: ``part`` "recorded" (the random-bot
    games), "headless" (those, then the same seeds as ``simulate`` plays them) or "greedy" (the greedy games)."""
    _, _, out = timed_run(
        [sys.executable, "-c", WORKLOAD, args.scenario, str(args.games), str(args.greedy_games), args.clock, part],
        cwd=root,
        env=child_env(root),
    )
    result = json.loads(out.decode().strip().splitlines()[-1])
    if not Path(result["file"]).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"error: the run in {root} imported game from {result['file']}")
    return result


def headless_differences(base: list[dict], tree: list[dict]) -> list[int]:
    """The seeds whose final state without events differs between any two runs: the baseline's
    recorded games and the tree's recorded and headless games (all must be the same games)."""
    lists = [r["random_rules"] for r in base + tree] + [r["headless_rules"] for r in tree]
    return [seed for seed, hashes in enumerate(zip(*lists, strict=True)) if len(set(hashes)) != 1]


def floored(ratio: float) -> str:
    """A ratio to two decimals, rounded down: one just short of its goal never prints as the goal (1.997: 1.99)."""
    return f"{math.floor(ratio * 100 + 1e-9) / 100:.2f}"  # (the 1e-9: 2.3 * 100 is 229.99999999999997)


def against_goal(ratio: float, goal: float) -> str:
    """Whether ``ratio`` reaches ``goal``, as the figures' lines end."""
    return f"(goal >= {goal:g}x: {'met' if ratio >= goal else 'MISSED'})"


def paired_ratio(base: list[dict], tree: list[dict], base_key: str, tree_key: str) -> str:
    """The ratios run by run (``tree[i][tree_key] / base[i][base_key]``, the two runs next to each other in
    time), their median and spread: a machine whose speed drifts moves both runs of a pair alike."""
    ratios = sorted(t[tree_key] / b[base_key] for b, t in zip(base, tree, strict=True))
    return f"run by run {floored(median(ratios))}x ({floored(ratios[0])}-{floored(ratios[-1])})"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--baseline",
        default=BASELINE,
        metavar="REV",
        help=f"the git revision to compare with (default: {BASELINE[:10]})",
    )
    p.add_argument("--repeats", type=int, default=5, help="runs of each build, alternated (default: 5)")
    p.add_argument("--games", type=int, default=300, help="random-bot games per run (default: 300)")
    p.add_argument("--greedy-games", type=int, default=10, help="greedy-bot games per run (default: 10)")
    p.add_argument(
        "--scenario",
        default=str(FROZEN),
        help="a scenario file both builds play, or a bundled id each build reads from its own copy "
        "(default: the frozen red_lines the baseline bundled)",
    )
    p.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="time the games in wall-clock seconds (default) or in the CPU seconds of the process, "
        "which other processes on a busy machine disturb less",
    )
    p.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions a random-bot and a greedy game execute in each build (valgrind, about 50 "
        "times slower): ratios the machine's load does not move",
    )
    args = p.parse_args()
    if min(args.repeats, args.games, args.greedy_games) < 1:
        p.error("--repeats, --games and --greedy-games must be at least 1")
    with tempfile.TemporaryDirectory(prefix="demarche-baseline-") as tmp:
        base_root = Path(tmp)
        commit = export(args.baseline, base_root)
        for root in (base_root, ROOT):
            compile_package(root)
        print(f"baseline {commit[:10]} vs this working tree; {args.scenario}; {load_average()} (before)")
        results: dict[str, list[dict]] = {"baseline": [], "tree": []}
        for _ in range(args.repeats):
            results["baseline"].append(run(base_root, args, "recorded"))
            results["tree"].append(run(ROOT, args, "headless"))
            results["baseline"][-1].update(run(base_root, args, "greedy"))
            results["tree"][-1].update(run(ROOT, args, "greedy"))
        counts = None
        if args.instructions:
            random_games = min(args.games, COUNTED_RANDOM)
            base_random = counted_instructions(base_root, args, "random", random_games)
            counts = {
                ("random", random_games): (base_random, counted_instructions(ROOT, args, "random", random_games)),
                # the baseline had no headless path: its recorded games are what simulate played
                ("headless", random_games): (base_random, counted_instructions(ROOT, args, "headless", random_games)),
                ("greedy", args.greedy_games): (
                    counted_instructions(base_root, args, "greedy", args.greedy_games),
                    counted_instructions(ROOT, args, "greedy", args.greedy_games),
                ),
            }
    base, tree = results["baseline"], results["tree"]
    b_rate, t_rate = median([r["random_per_s"] for r in base]), median([r["random_per_s"] for r in tree])
    h_rate = median([r["headless_per_s"] for r in tree])
    b_ms, t_ms = median([r["greedy_ms"] for r in base]), median([r["greedy_ms"] for r in tree])
    print(f"random bots, games/s (median of {args.repeats} x {args.games} games, one core, {args.clock} clock):")
    for label, rate, key in (
        ("recorded games (Game + autoplay, events written)", t_rate, "random_per_s"),
        ("headless games (demarche simulate: final_state and game_record)", h_rate, "headless_per_s"),
    ):
        paired = paired_ratio(base, tree, "random_per_s", key)
        print(f"  {label}, against the baseline's recorded games:")
        print(
            f"  baseline {b_rate:8.0f}   tree {rate:8.0f}   ratio {floored(rate / b_rate):>5}x   "
            f"{against_goal(rate / b_rate, RANDOM_GOAL)}; {paired}"
        )
    print(f"greedy bots, ms per game (median of {args.repeats} x {args.greedy_games} games, {args.clock} clock):")
    print(
        f"  baseline {b_ms:8.1f}   tree {t_ms:8.1f}   ratio {floored(b_ms / t_ms):>5}x faster   "
        f"{against_goal(b_ms / t_ms, GREEDY_GOAL)}; " + paired_ratio(tree, base, "greedy_ms", "greedy_ms")
    )
    if counts is not None:
        for (bots, games), (b_count, t_count) in counts.items():
            ratio = b_count / t_count
            goal = GREEDY_GOAL if bots == "greedy" else RANDOM_GOAL
            if bots == "headless":
                head = f"random bots, headless (demarche simulate's path), instructions per game ({games} games"
                head += " counted by valgrind; the baseline's are its recorded games):"
            else:
                what = "recorded games (Game + autoplay)" if bots == "random" else "games"
                head = f"{bots} bots, instructions per game ({games} {what} counted by valgrind in each build):"
            print(head)
            print(
                f"  baseline {b_count / 1e6:7.1f}M   tree {t_count / 1e6:7.1f}M   ratio {floored(ratio):>5}x fewer   "
                + against_goal(ratio, goal)
            )
    same = True
    for kind, games in (("random", args.games), ("greedy", args.greedy_games)):
        hashes = {r[f"{kind}_hash"] for r in base + tree}
        same &= len(hashes) == 1
        seeds = f"seeds 0..{games - 1}" if kind == "random" else f"seeds 1000..{999 + games}"
        verdict = "identical games in both builds" if len(hashes) == 1 else "DIFFERENT games: the final hashes differ"
        shown = ", ".join(sorted(h[:16] for h in hashes))
        print(f"{kind} bots, {seeds}: {verdict} (digest of the final hashes: {shown})")
    differ = headless_differences(base, tree)
    same &= not differ
    if differ:
        print(
            f"random bots, headless: DIFFERENT games: {len(differ)} of {args.games} seeds end in another state "
            f"without events than the baseline's recorded game (first: seed {differ[0]})"
        )
    else:
        print(
            f"random bots, seeds 0..{args.games - 1}: identical games headless in the tree and recorded in the "
            "baseline (each final state hashed without its events, seed by seed)"
        )
    print(f"{load_average()} (after)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
