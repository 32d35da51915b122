"""game.resources finds every kind of bundled file, in a checkout and in an installed layout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from game import resources
from game.ui.text import FONT_FILES

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_uses_the_repository_folders():
    assert resources.scenarios_dir() == ROOT / "scenarios"
    assert resources.assets_dir() == ROOT / "assets"


def test_scenarios_and_library():
    names = {p.name for p in resources.scenarios_dir().glob("*.toml")}
    assert {"tutorial.toml", "red_lines.toml", "sanctions_coalition.toml", "neutral_mandate.toml"} <= names
    library = resources.library_dir() / "instruments.toml"
    assert tomllib.loads(library.read_text(encoding="utf-8"))["instruments"]


@pytest.mark.parametrize("name", [resources.SCENARIO_SCHEMA, resources.LIBRARY_SCHEMA])
def test_schemas(name):
    schema = json.loads(resources.schema_file(name).read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-07")


def test_fonts_with_their_licence_and_theme():
    for name in FONT_FILES.values():
        assert (resources.fonts_dir() / name).read_bytes()[:4] == b"\x00\x01\x00\x00", name  # a TrueType file
    assert "SIL OPEN FONT LICENSE" in (resources.fonts_dir() / resources.FONT_LICENCE).read_text(encoding="utf-8")
    theme = json.loads(resources.theme_file().read_text(encoding="utf-8"))
    assert isinstance(theme, dict) and theme


def _fake_install(site: Path, with_data: bool) -> None:
    """The package as an install lays it out: game/ alone, its data inside game/data/ (or missing)."""
    shutil.copytree(ROOT / "game", site / "game", ignore=shutil.ignore_patterns("__pycache__"))
    if with_data:
        shutil.copytree(ROOT / "scenarios", site / "game" / "data" / "scenarios")
        shutil.copytree(ROOT / "assets", site / "game" / "data" / "assets")


def _run(site: Path, cwd: Path, *code_or_args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, *code_or_args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_an_installed_layout_uses_the_data_inside_the_package(tmp_path):
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    _fake_install(site, with_data=True)
    code = "from game import resources as r; print(r.scenarios_dir()); print(r.fonts_dir()); print(r.theme_file())"
    result = _run(site, elsewhere, "-c", code)
    assert result.returncode == 0, result.stderr
    data = site / "game" / "data"
    assert result.stdout.split() == [
        str(data / "scenarios"),
        str(data / "assets" / "fonts"),
        str(data / "assets" / "theme.json"),
    ]
    listed = _run(site, elsewhere, "-m", "game", "list")
    assert listed.returncode == 0 and "tutorial" in listed.stdout, listed.stderr


def test_an_install_without_its_data_says_so(tmp_path):
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    _fake_install(site, with_data=False)
    result = _run(site, elsewhere, "-m", "game", "list")
    assert result.returncode == 1
    assert "bundled 'scenarios' folder is missing" in result.stderr and "reinstall" in result.stderr
    assert "Traceback" not in result.stderr
