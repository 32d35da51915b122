"""Shared helpers of the benchmarks: alternated subprocess runs, medians, the machine's load.

Every figure a benchmark prints is a ratio between a run of Demarche and a
baseline run on the same machine at the same time, alternated (A, B, A, B...)
so that load from other processes falls on both sides alike. Each run is
timed in wall-clock seconds and in CPU seconds (user + system, from the
kernel's accounting of the child), which other processes disturb less.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_average() -> str:
    """'1.23 1.10 0.98 on 2 CPUs': other processes sharing the cores slow every figure down."""
    if not hasattr(os, "getloadavg"):  # pragma: no cover - not Unix
        return f"load average unknown on {os.cpu_count()} CPUs"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(cmd: list[str], cwd: Path | str | None = None, env: dict | None = None) -> tuple[float, float, bytes]:
    """Run ``cmd`` to the end: (wall seconds, CPU seconds of the child, its stdout). A failure raises."""
    cpu0 = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    return wall, _children_cpu() - cpu0, proc.stdout


def alternate(
    runs: int, commands: dict[str, tuple[list[str], dict]], cwd: Path | str | None = None
) -> dict[str, dict[str, list[float]]]:
    """Run each named command ``runs`` times, in turn (A, B, A, B...); wall and CPU times per name."""
    out: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            wall, cpu, _ = timed_run(cmd, cwd, env)
            out[name]["wall"].append(wall)
            out[name]["cpu"].append(cpu)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)


def compile_package(root: Path) -> None:
    """Write the bytecode of ``root/game`` as an install does (``PYTHONDONTWRITEBYTECODE`` would
    otherwise make every run compile every module again, which no installed copy does)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(root / "game")], check=True, stdout=subprocess.DEVNULL
    )


def child_env(root: Path, **extra: str) -> dict:
    """The environment of a child that imports ``game`` from ``root`` (not from another checkout)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    env.update(extra)
    return env


def instructions(cmd: list[str], cwd: Path | str | None = None, env: dict | None = None) -> int:
    """The machine instructions ``cmd`` executes, counted by valgrind's callgrind (about 50 times slower than
    the command). Unlike a time, the count does not move with the machine's load: two counts of the same
    run differ by a fraction of a percent. ``RuntimeError`` if valgrind is missing or the command fails."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        raise RuntimeError("valgrind is not installed (apt-get install valgrind)")
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd], cwd=cwd, env=env, capture_output=True
    )
    found = re.search(rb"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        raise RuntimeError(f"{' '.join(cmd)} under valgrind failed ({proc.returncode}):\n{proc.stderr[-2000:]!r}")
    return int(found.group(1))
