"""How long `demarche validate` takes on each bundled scenario (and the library).

Authors run validate after every edit, and F5 reloads a scenario mid-game, so
it should feel instant. Prints the median of several runs of the same work the
command does (read, parse, structure, check, compile, lint), in process.

Run: python benchmarks/validate_time.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.scenario import bundled_dir, bundled_scenarios  # noqa: E402
from game.scenario.loader import validate_file  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=9)
    args = p.parse_args()
    files = list(bundled_scenarios()) + sorted((bundled_dir() / "library").glob("*.toml"))
    validate_file(files[0])  # warm up imports and the parser
    print(f"{'file':<40}{'median ms':>10}{'max ms':>10}   ({args.runs} runs each, with lint)")
    worst = 0.0
    for path in files:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            validate_file(path)
            times.append((time.perf_counter() - start) * 1000)
        worst = max(worst, statistics.median(times))
        print(f"{str(path.relative_to(bundled_dir())):<40}{statistics.median(times):>10.1f}{max(times):>10.1f}")
    print(f"slowest median: {worst:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
