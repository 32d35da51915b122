"""The HTML report in a real browser: headless Chromium renders it offline, with no page errors.

The screenshot is kept in artifacts/screenshots/ for a person to look at. On a
machine without Chromium the test skips; CI installs Debian's chromium.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.review.report import write_report

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
PAGE_PROBLEM = re.compile(r"Uncaught|:CONSOLE|console\.(error|warn)", re.IGNORECASE)


def browser() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium installed: apt-get install chromium")


def screenshot(exe: str, page: Path, shot: Path, tmp_path: Path, height: int = 2000) -> str:
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        f"--screenshot={shot}",
        f"--window-size=1280,{height}",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return done.stderr


@pytest.mark.parametrize(
    "name,role,compare", [("report", None, False), ("report_role", "defence", False), ("report_compare", None, True)]
)
def test_chromium_renders_the_report_without_page_errors(saves, facilitated, tmp_path, name, role, compare):
    exe = browser()
    inputs = [saves["red_lines"][1], saves["red_lines"][2]] if compare else [facilitated]
    page = write_report(inputs, tmp_path / f"{name}.html", role=role)
    shot = SHOTS / f"{name}.png"
    stderr = screenshot(exe, page, shot, tmp_path)
    assert shot.exists() and shot.stat().st_size > 10_000, stderr[-2000:]
    problems = [line for line in stderr.splitlines() if PAGE_PROBLEM.search(line)]
    assert not problems, problems
