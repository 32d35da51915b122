"""Parallel efficiency of ``demarche simulate``: ``--jobs 2`` against ``--jobs 1`` on the same games.

Goal (issue 9): at least 85% efficiency on 2 cores for ``simulate -n 4000``,
where efficiency = t1 / (2 * t2) (1.0: twice as fast on two processes).

Each run is the command end to end in its own process (``python -m game
simulate SCENARIO -n N --jobs J --json``: start-up, loading, worker start-up,
every game, the report). Runs alternate (jobs 1, jobs 2, ...), and the medians
give the efficiency. The two reports must be byte for byte the same.

On a machine shared with other work, two processes cannot get two whole cores
whatever the program does; so the same run also measures the ceiling: a
fixed amount of pure CPU work done by one process, then split over two, with
the same formula. "Relative" is simulate's efficiency over that ceiling.

Run: python benchmarks/simulate_scaling.py [--games 4000] [--repeats 3] [--scenario red_lines] [--bots random]
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from _timing import ROOT, child_env, compile_package, load_average, median, timed_run

GOAL = 0.85
BURN = 12_000_000  # loop steps of the ceiling measurement: about as long as a few seconds of games


def burn(steps: int) -> int:
    """Pure CPU work, no memory traffic to speak of."""
    x = 0
    for i in range(steps):
        x = (x + i * i) % 1_000_003
    return x


def ceiling(steps: int) -> tuple[float, float]:
    """(one process doing ``steps``, two processes doing half each), in seconds."""
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(burn, [1, 1]))  # both workers started before the clock
        start = time.perf_counter()
        pool.submit(burn, steps).result()
        one = time.perf_counter() - start
        start = time.perf_counter()
        list(pool.map(burn, [steps // 2, steps - steps // 2]))
        two = time.perf_counter() - start
    return one, two


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--games", type=int, default=4000)
    p.add_argument("--repeats", type=int, default=3, help="runs of each (default: 3)")
    p.add_argument("--scenario", default="red_lines")
    p.add_argument("--bots", default="random")
    p.add_argument("--burn", type=int, default=BURN, help=f"loop steps of the ceiling measurement (default: {BURN:,})")
    args = p.parse_args()
    if args.games < 1 or args.repeats < 1:
        p.error("--games and --repeats must be at least 1")
    compile_package(ROOT)
    env = child_env(ROOT)
    print(f"simulate {args.scenario} -n {args.games} --bots {args.bots}; {load_average()} (before)")
    times: dict[int, list[float]] = {1: [], 2: []}
    burns: list[tuple[float, float]] = []
    outputs: dict[int, set[bytes]] = {1: set(), 2: set()}
    for _ in range(args.repeats):
        for jobs in (1, 2):
            cmd = [
                sys.executable,
                "-m",
                "game",
                "simulate",
                args.scenario,
                "-n",
                str(args.games),
                "--bots",
                args.bots,
                "--jobs",
                str(jobs),
                "--json",
            ]
            wall, _cpu, out = timed_run(cmd, cwd=ROOT, env=env)
            times[jobs].append(wall)
            outputs[jobs].add(out)
        burns.append(ceiling(args.burn))
    t1, t2 = median(times[1]), median(times[2])
    b1, b2 = median([b[0] for b in burns]), median([b[1] for b in burns])
    eff, top = t1 / (2 * t2), b1 / (2 * b2)
    same = len(outputs[1] | outputs[2]) == 1
    print(f"  --jobs 1: {t1:7.2f} s   ({', '.join(f'{t:.2f}' for t in times[1])})")
    print(f"  --jobs 2: {t2:7.2f} s   ({', '.join(f'{t:.2f}' for t in times[2])})")
    print(f"  efficiency t1/(2*t2): {eff:6.1%}   (goal >= {GOAL:.0%}: {'met' if eff >= GOAL else 'MISSED'})")
    print(f"  ceiling on this machine now (pure CPU work, 1 vs 2 processes): {top:6.1%}; relative: {eff / top:6.1%}")
    print(f"  reports of --jobs 1 and --jobs 2: {'identical' if same else 'DIFFERENT'}")
    print(f"{load_average()} (after)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
