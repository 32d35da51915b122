"""How long locating errors takes in large hostile files: it must grow linearly with the file.

Each case is a copy of the bundled tutorial with one large thing added: a
one-line array of N entries (over the list limit, so it is an error to place)
plus one error elsewhere, a dotted key of N parts, and a one-line array of N
non-ASCII strings. For each N the time of ``check_scenario`` is printed next
to the time tomllib alone takes to parse the same text: a ratio that stays
flat as N grows means linear. (Before the fix, 50,000 entries took 33 s.)

Run: python benchmarks/hostile_locate.py [--sizes 10000,50000,150000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.scenario import bundled_dir, check_scenario  # noqa: E402

BASE = (bundled_dir() / "tutorial.toml").read_text(encoding="utf-8")


def cases(n: int) -> dict[str, str]:
    header = "[scenario]\n"
    return {
        "array + error": BASE.replace(header, header + "questions = [" + ", ".join(['"q"'] * n) + "]\n", 1).replace(
            "rounds = 4", "rounds = 1000", 1
        ),
        "non-ASCII array": BASE.replace(header, header + "questions = [" + ", ".join(['"déjà"'] * n) + "]\n", 1),
        "dotted key": BASE + "\n" + ".".join(["k"] * n) + " = 1\n",
    }


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,50000,150000")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(bundled_dir() / "library", folder / "library")
        print(f"{'case':<18}{'N':>9}{'check s':>10}{'tomllib s':>11}{'ratio':>8}  errors")
        for n in (int(x) for x in args.sizes.split(",")):
            for name, text in cases(n).items():
                path = folder / "case.toml"
                path.write_text(text, encoding="utf-8")
                diagnostics: list = []
                took = timed(lambda p=path, out=diagnostics: out.extend(check_scenario(p)))
                try:
                    parse = (
                        timed(lambda t=text: tomllib.loads(t)) if name != "dotted key" or n <= 2000 else float("nan")
                    )
                except tomllib.TOMLDecodeError:
                    parse = float("nan")
                errors = sum(1 for d in diagnostics if d.severity == "error")
                print(
                    f"{name:<18}{n:>9}{took:>10.3f}{parse:>11.3f}"
                    f"{took / parse if parse == parse else float('nan'):>8.1f}  {errors}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
