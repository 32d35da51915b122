"""The benchmark scripts run and print their figures (tiny sizes: this checks they work, not how fast)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"


def run(script: str, *args: str, timeout: int = 300) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy")
    out = subprocess.run(
        [sys.executable, str(BENCH / script), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def test_startup_prints_both_ratios_against_their_baselines():
    out = run("startup.py", "--runs", "1")
    assert re.search(r"validate of the \d+ bundled files", out) and "launch to first frame" in out
    ratios = re.findall(r"ratio:\s+([\d.]+)x wall\s+([\d.]+)x CPU", out)
    assert len(ratios) == 2 and all(float(w) > 0 and float(c) > 0 for w, c in ratios)
    assert "load average" in out


def test_simulate_scaling_gives_an_efficiency_and_identical_reports():
    out = run("simulate_scaling.py", "--games", "12", "--repeats", "1", "--scenario", "tutorial", "--burn", "200000")
    assert re.search(r"efficiency t1/\(2\*t2\):\s+[\d.]+%", out)
    assert "ceiling on this machine" in out
    assert "reports of --jobs 1 and --jobs 2: identical" in out


def test_orders_vs_bare_times_both_loops_and_says_whether_the_goal_is_met():
    out = run("orders_vs_bare.py", "--frames", "20", "--blocks", "2")
    medians = re.findall(r"(bare loop|orders screen) median:\s+([\d.]+) ms", out)
    assert [name for name, _ in medians] == ["bare loop", "orders screen"] and all(float(ms) > 0 for _, ms in medians)
    assert re.search(r"each frame: [1-9]\d* shapes and [1-9]\d* strings", out)
    assert re.search(r"ratio:\s+[\d.]+x\s+\(goal <= 1.2x: (met|MISSED)\)", out)


def _has_baseline() -> bool:
    if shutil.which("git") is None or shutil.which("tar") is None:
        return False
    sys.path.insert(0, str(BENCH))
    try:
        from engine_vs_revision import BASELINE
    finally:
        sys.path.remove(str(BENCH))
    return (
        subprocess.run(["git", "cat-file", "-e", f"{BASELINE}^{{commit}}"], cwd=ROOT, capture_output=True).returncode
        == 0
    )


@pytest.mark.skipif(not _has_baseline(), reason="needs the git history with the pinned baseline revision")
def test_engine_vs_revision_runs_both_builds_and_finds_the_same_games():
    # the frozen copy of the tutorial, the same file for both builds (the bundled one may be rebuilt since)
    frozen = str(ROOT / "tests" / "fixtures" / "scenarios" / "tutorial.toml")
    out = run("engine_vs_revision.py", "--repeats", "1", "--games", "3", "--greedy-games", "1", "--scenario", frozen)
    ratio = r"\n\s+baseline\s+[\d.]+\s+tree\s+[\d.]+\s+ratio\s+[\d.]+x"
    assert re.search(r"random bots, games/s.*\n\s+recorded games.*" + ratio + r".*\n\s+headless games.*" + ratio, out)
    assert re.search(r"greedy bots, ms per game.*" + ratio + " faster", out)
    assert out.count("identical games in both builds") == 2
    assert "seeds 0..2: identical games headless in the tree and recorded in the baseline" in out


def _bench_module():
    sys.path.insert(0, str(BENCH))
    try:
        import engine_vs_revision
    finally:
        sys.path.remove(str(BENCH))
    return engine_vs_revision


def test_engine_vs_revision_names_each_seed_whose_headless_game_differs():
    differences = _bench_module().headless_differences
    base = [{"random_rules": ["a", "b", "c"]}]
    tree = [{"random_rules": ["a", "b", "c"], "headless_rules": ["a", "b", "c"]}]
    assert differences(base, tree) == []
    tree.append({"random_rules": ["a", "b", "c"], "headless_rules": ["a", "x", "c"]})
    assert differences(base, tree) == [1]
    base.append({"random_rules": ["a", "b", "y"]})
    assert differences(base, tree) == [1, 2]


def test_engine_vs_revision_pairs_each_run_with_the_baselines_run_next_to_it():
    paired = _bench_module().paired_ratio
    base = [{"rate": 100.0}, {"rate": 200.0}, {"rate": 100.0}]  # the machine ran twice as fast in the second pair
    tree = [{"rate": 200.0}, {"rate": 400.0}, {"rate": 300.0}]
    assert paired(base, tree, "rate", "rate") == "run by run 2.00x (2.00-3.00)"
    assert paired(tree, base, "rate", "rate") == "run by run 0.50x (0.33-0.50)"


def test_engine_vs_revision_never_prints_a_ratio_short_of_its_goal_as_the_goal():
    floored = _bench_module().floored
    assert floored(1.997) == "1.99"  # rounded, it would read 2.00 beside "MISSED"
    assert floored(2.3) == "2.30" and floored(3.0) == "3.00" and floored(12.345) == "12.34"


def test_engine_vs_revision_refuses_an_unknown_revision():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, str(BENCH / "engine_vs_revision.py"), "--baseline", "no-such-rev", "--repeats", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0 and "not a commit of this repository" in out.stderr + out.stdout


@pytest.mark.parametrize(
    "script,args",
    [
        ("games_per_second.py", ["--games", "2", "--repeats", "1"]),
        ("validate_time.py", ["--runs", "1"]),
        ("simulate.py", ["--games", "8", "--jobs", "1,2"]),
    ],
)
def test_the_older_benchmarks_still_run(script, args):
    assert run(script, *args).strip()


def test_contest_script_checks_every_figure_and_fails_a_scenario_that_misses_them():
    # The tutorial as frozen for the engine's pins: a certain win for greedy bots, no lessons, so figures miss.
    frozen = ROOT / "tests" / "fixtures" / "scenarios" / "tutorial.toml"
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy")
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "contest.py"), str(frozen), "-n", "4", "--jobs", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "== tutorial"
    assert "  ✗ foreign: greedy wins 100% (goal 15%-90%)" in lines
    assert any(line.startswith("  ✓ defence: greedy 3.00 vs novice 0.00 of 3, gap +100%") for line in lines)
    assert "  ✗ 0 lessons (goal >= 2)" in lines
    assert re.fullmatch(r"\d+ figures missed", lines[-1])


def test_search_decision_time_times_every_role_at_three_points_of_the_game():
    out = run("search_decision_time.py", "--scenarios", "tutorial", "--repeats", "1", "--iterations", "4")
    row = re.search(r"^tutorial\s+1, 2, 4\s+(\d+)\s+([\d.]+)\s+([\d.]+)$", out, re.M)
    assert row and int(row.group(1)) == 6, out  # two roles at three rounds
    assert re.search(r"all 6 decisions: median [\d.]+ s, .*slowest [\d.]+ s .*goal: every decision <= 0.25 s", out)


def test_search_vs_greedy_pairs_the_games_and_gives_a_verdict_per_role():
    out = run("search_vs_greedy.py", "--scenarios", "tutorial", "--games", "2", "--iterations", "4")
    assert re.search(r"^tutorial\s+foreign\s+3\s+[\d.]+\s+[\d.]+\s+[+-][\d.]+", out, re.M), out
    assert "tutorial/foreign: " in out and "tutorial/defence: " in out
