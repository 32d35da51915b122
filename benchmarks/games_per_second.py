"""Complete random-bot games per second, per bundled scenario, on one core.

Goal (issue: rules engine): at least 200 complete games per second for every
bundled scenario. Run: python benchmarks/games_per_second.py [--games N]

Each game is new_game + bots choosing legal orders + resolution to the end,
exactly what `demarche autoplay` does, minus printing. Scenario loading is
done once, outside the timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.scenario import bundled_scenarios, load_scenario_files, read_scenario_files  # noqa: E402
from game.session.autoplay import autoplay  # noqa: E402
from game.session.game import Game  # noqa: E402


def measure(path: Path, games: int, repeats: int) -> tuple[str, float, float]:
    files, main = read_scenario_files(path)
    scenario = load_scenario_files(files, main)
    rates = []
    rounds = 0
    for _ in range(repeats):
        start = time.perf_counter()
        for seed in range(games):
            game = Game(scenario, files, main, seed)
            autoplay(game)
            rounds += game.state.round
        rates.append(games / (time.perf_counter() - start))
    return scenario.id, statistics.median(rates), rounds / (games * repeats)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--games", type=int, default=300)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    print(
        f"{'scenario':<24}{'games/s':>10}{'avg rounds':>12}   (median of {args.repeats} x {args.games} games, 1 core)"
    )
    worst = float("inf")
    for path in bundled_scenarios():
        sid, rate, avg_rounds = measure(path, args.games, args.repeats)
        worst = min(worst, rate)
        print(f"{sid:<24}{rate:>10.0f}{avg_rounds:>12.1f}")
    print(f"slowest: {worst:.0f} games/s (goal: >= 200)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
