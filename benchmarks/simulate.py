"""Throughput of `demarche simulate` (random bots) with one and with two processes, per bundled scenario.

Goal (issue: balance simulator): 10,000 random-bot games of any bundled
scenario in under a minute on two cores.

Run: python benchmarks/simulate.py [--games 10000] [--jobs 1,2] [--bots random]

Each measurement is ``game.sim.simulate`` end to end, as the command runs it
without printing: worker start-up, every game, and the report. The column
"10,000 games" is the measured time when --games is 10000, otherwise the
time extrapolated from the measured rate (marked "~"). The machine's load
average is printed first: other processes sharing the cores slow every
figure down.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.scenario import bundled_scenarios, load_scenario_with_files  # noqa: E402
from game.sim import parse_bot_spec, simulate  # noqa: E402

GOAL_GAMES, GOAL_SECONDS = 10_000, 60.0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--games", type=int, default=GOAL_GAMES)
    p.add_argument("--jobs", default="1,2", help="comma-separated process counts to measure (default: 1,2)")
    p.add_argument("--bots", default="random")
    args = p.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(
        f"{os.cpu_count()} CPUs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"{args.games} games per run; bots: {args.bots}"
    )
    print(f"{'scenario':<22}{'jobs':>5}{'games/s':>10}{'10,000 games':>15}")
    worst_two = 0.0
    for path in bundled_scenarios():
        sc, files, main_key = load_scenario_with_files(path)
        spec = parse_bot_spec(args.bots, sc.role_ids)
        for jobs in jobs_list:
            start = time.perf_counter()
            report = simulate(files, main_key, args.games, spec, None, jobs, scenario=sc)
            elapsed = time.perf_counter() - start
            assert report["games"] == args.games
            rate = args.games / elapsed
            ten_k = elapsed if args.games == GOAL_GAMES else GOAL_GAMES / rate
            mark = "" if args.games == GOAL_GAMES else "~"
            print(f"{sc.id:<22}{jobs:>5}{rate:>10.0f}{mark + f'{ten_k:.1f} s':>15}")
            if jobs == 2:
                worst_two = max(worst_two, ten_k)
    if 2 in jobs_list:
        verdict = "meets" if worst_two < GOAL_SECONDS else "MISSES"
        print(
            f"slowest scenario, 2 processes: {worst_two:.1f} s for {GOAL_GAMES:,} games "
            f"({verdict} the goal of < {GOAL_SECONDS:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
