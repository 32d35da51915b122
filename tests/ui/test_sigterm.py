"""SIGTERM ends a running board cleanly: exit code 0, no traceback, the autosave kept."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_board(data_dir: Path, seats: str) -> subprocess.Popen:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", DEMARCHE_DATA_DIR=str(data_dir))
    return subprocess.Popen(
        [sys.executable, "-m", "game", "play", "tutorial", "--seats", seats],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_autosave(proc: subprocess.Popen, data_dir: Path, timeout: float = 60) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # finished saves only: a file being written is a hidden temporary one, renamed when complete
        saves = list((data_dir / "saves").glob("[!.]*.json")) if (data_dir / "saves").exists() else []
        if saves:
            return saves
        assert proc.poll() is None, f"the board ended early: {proc.communicate()}"
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("the board never autosaved its first phase")


def test_sigterm_during_a_game_exits_with_0_and_keeps_the_autosave(tmp_path):
    data_dir = tmp_path / "data"
    proc = start_board(data_dir, "foreign=Ana,defence=Ben")
    try:
        saves = wait_for_autosave(proc, data_dir)
        time.sleep(1.0)  # into the main loop, idle on the first hand-over screen
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert all(p.exists() for p in saves)
