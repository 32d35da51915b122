"""Start-up of the two commands people wait on, each as a ratio to a bare Python process doing the least.

1. ``demarche validate`` of every bundled file (the scenarios and the
   instrument library), against a bare ``python -c`` that loads the same files
   with ``tomllib``. Goal (issue 9): at most 3x.
2. Launch to first frame: ``demarche play`` (the title screen) up to the end of
   its first ``pygame.display.flip()``, against ``python -c "import pygame;
   pygame.display.set_mode(...); pygame.display.flip()"``. Goal: at most 2x.
   Both use SDL's dummy video driver unless --real-display. The game's
   process runs the real command (``game.cli.main(["play"])``: argument
   parsing, imports, window, manager, theme, title screen, first draw) with one
   change: ``pygame.display.flip`` is wrapped to end the process right after the
   first real flip, as the baseline ends after its flip. That first frame is
   the title screen's art (name, subtitle, keys line: ``game.ui.title_art``),
   drawn before pygame_gui loads; the buttons follow in the next frame with
   every other pixel unchanged (tests/ui/test_title_art.py checks both).

Runs alternate (baseline, game, baseline, game, ...) and the medians are
compared; wall-clock and CPU (user + system) ratios are both printed, with the
machine's load average: on a shared machine the CPU ratio is the steadier one,
and the ratio of the fastest runs shows what is left without the others' load.
The package's bytecode is compiled first, as an install has it.

``--optional`` validates copies of the bundled files instead, each scenario with an optional red
cell added (``[[roles]] optional = true``, a copy of its first role playing its first actor), as
the bundled scenarios are getting them: the loader then checks each file a second time without it.

``--instructions`` also runs the two validate commands once each under valgrind and compares the instructions
they execute: on a machine whose speed comes and goes, the one start-up figure that does not move with it.

Run: python benchmarks/startup.py [--runs 15] [--only validate|frame] [--optional] [--instructions]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, alternate, child_env, compile_package, instructions, load_average, median

VALIDATE_GOAL, FRAME_GOAL = 3.0, 2.0
SIZE = (1280, 800)  # the board's default window

BARE_TOML = "import sys, tomllib\nfor path in sys.argv[1:]:\n    with open(path, 'rb') as f:\n        tomllib.load(f)\n"
BARE_FRAME = f"import os, pygame\npygame.display.set_mode({SIZE})\npygame.display.flip()\nos._exit(0)\n"
GAME_FRAME = """import os, sys, pygame
_flip = pygame.display.flip
def _first_flip():
    _flip()
    os._exit(0)  # the first frame is on screen: stop here, as the baseline does
pygame.display.flip = _first_flip
from game.cli import main
sys.exit(main(["play"]))
sys.exit(3)  # never reached: main returned without drawing a frame
"""


def bundled_files() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from game.scenario import bundled_dir, bundled_scenarios

    return [str(p) for p in bundled_scenarios()] + [str(p) for p in sorted((bundled_dir() / "library").glob("*.toml"))]


def with_red_cell(text: str) -> str:
    """A scenario's text with an optional red cell added right after its first role: a copy of that
    role's ``[[roles]]`` table (and its objectives) with a new id, playing the file's first actor."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "[[roles]]")
    end = next(
        i
        for i in range(start + 1, len(lines))
        if lines[i].startswith("[") and not lines[i].startswith(("[[roles.", "[roles."))
    )
    actor = re.search(r'^\[\[actors\]\]\s*\nid = "([^"]+)"', text, re.M)
    block = "".join(lines[start:end])
    block = re.sub(
        r'^id = "([^"]+)"',
        r'id = "\1_red_cell"\noptional = true\nplays = "%s"' % actor.group(1),
        block,
        count=1,
        flags=re.M,
    )
    return "".join(lines[:end]) + block + "".join(lines[end:])


def optional_copies(files: list[str], into: str) -> list[str]:
    """Copies of ``files`` in ``into`` (library files under ``library/``), a red cell added to each scenario."""
    out = []
    for name in files:
        src = Path(name)
        library = src.parent.name == "library"
        dest = Path(into) / ("library" if library else "") / src.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if library:
            shutil.copyfile(src, dest)
        else:
            dest.write_text(with_red_cell(src.read_text(encoding="utf-8")), encoding="utf-8")
        out.append(str(dest))
    return out


def report(name: str, goal: float, times: dict, base: str, game: str) -> bool:
    """Print medians and ratios; True when the wall-clock ratio meets the goal."""
    bw, gw = median(times[base]["wall"]), median(times[game]["wall"])
    bc, gc = median(times[base]["cpu"]), median(times[game]["cpu"])
    ok = gw / bw <= goal
    print(f"{name}")
    print(f"  baseline: {bw * 1000:7.1f} ms wall {bc * 1000:7.1f} ms CPU   ({base})")
    print(f"  demarche: {gw * 1000:7.1f} ms wall {gc * 1000:7.1f} ms CPU   ({game})")
    print(f"  ratio:    {gw / bw:7.2f}x wall {gc / bc:7.2f}x CPU   (goal <= {goal:g}x: {'met' if ok else 'MISSED'})")
    fastest = {side: (min(times[side]["wall"]), min(times[side]["cpu"])) for side in (base, game)}
    print(  # the fastest run of each side: what is left when the machine's other work is not in the way
        f"  fastest:  {fastest[game][0] / fastest[base][0]:7.2f}x wall {fastest[game][1] / fastest[base][1]:7.2f}x CPU"
    )
    return ok


def measure_validate(runs: int, optional: bool) -> bool:
    with tempfile.TemporaryDirectory() as copies:
        files = optional_copies(bundled_files(), copies) if optional else bundled_files()
        return _measure_validate(runs, files, " (copies, an optional red cell in each scenario)" if optional else "")


def count_validate(files: list[str]) -> bool:
    """The same two commands, once each under valgrind: the ratio of the instructions they execute."""
    env = child_env(ROOT)
    base = instructions([sys.executable, "-c", BARE_TOML, *files], ROOT, env)
    game = instructions([sys.executable, "-m", "game", "validate", *files], ROOT, env)
    ok = game / base <= VALIDATE_GOAL
    print(f"validate of the {len(files)} bundled files, instructions executed (valgrind)")
    print(f"  baseline: {base / 1e6:7.0f} M   (tomllib)")
    print(f"  demarche: {game / 1e6:7.0f} M   (validate)")
    print(f"  ratio:    {game / base:7.2f}x   (goal <= {VALIDATE_GOAL:g}x: {'met' if ok else 'MISSED'})")
    return ok


def _measure_validate(runs: int, files: list[str], what: str) -> bool:
    env = child_env(ROOT)
    times = alternate(
        runs,
        {
            "tomllib": ([sys.executable, "-c", BARE_TOML, *files], env),
            "validate": ([sys.executable, "-m", "game", "validate", *files], env),
        },
        cwd=ROOT,
    )
    return report(
        f"validate of the {len(files)} bundled files{what} (median of {runs})",
        VALIDATE_GOAL,
        times,
        "tomllib",
        "validate",
    )


def measure_frame(runs: int, real_display: bool) -> bool:
    with tempfile.TemporaryDirectory() as data:
        extra = {"DEMARCHE_DATA_DIR": data}
        if not real_display:
            extra["SDL_VIDEODRIVER"] = "dummy"
        env = child_env(ROOT, **extra)
        times = alternate(
            runs,
            {
                "set_mode + flip": ([sys.executable, "-c", BARE_FRAME], env),
                "play, first frame": ([sys.executable, "-c", GAME_FRAME], env),
            },
            cwd=ROOT,
        )
    driver = "the real display" if real_display else "SDL's dummy video driver"
    return report(
        f"launch to first frame, {driver} (median of {runs})", FRAME_GOAL, times, "set_mode + flip", "play, first frame"
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=15, help="runs of each side (default: 15)")
    p.add_argument("--only", choices=("validate", "frame"), help="measure one of the two")
    p.add_argument(
        "--optional", action="store_true", help="validate copies with an optional red cell added to each scenario"
    )
    p.add_argument(
        "--real-display", action="store_true", help="open real windows (needs a display) instead of the dummy driver"
    )
    p.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions validate and its baseline execute (valgrind): a figure the machine's "
        "load does not move",
    )
    args = p.parse_args()
    if args.runs < 1:
        p.error("--runs must be at least 1")
    compile_package(ROOT)
    print(f"Python {sys.version.split()[0]}; {load_average()} (before)")
    ok = True
    if args.only in (None, "validate"):
        ok &= measure_validate(args.runs, args.optional)
        if args.instructions:
            ok &= count_validate(bundled_files())
    if args.only in (None, "frame"):
        ok &= measure_frame(args.runs, args.real_display)
    print(f"{load_average()} (after)")
    print("all start-up goals met" if ok else "some start-up goal MISSED")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    sys.exit(main())
