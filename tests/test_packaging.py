"""A real build: the sdist, the wheel built from it, and that wheel installed away from the checkout.

``python -m build`` makes the sdist first and builds the wheel from it, so a file
the sdist lacks is missing from the wheel too. The installed copy must find its
bundled files inside itself, never through the checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DIST_NAME = PROJECT["name"].replace("-", "_")
VERSION = PROJECT["version"]


def bundled_files() -> list[str]:
    """Every file the package must carry, as the repository names it."""
    files = [
        *ROOT.glob("scenarios/*.toml"),
        *ROOT.glob("scenarios/*.schema.json"),
        *ROOT.glob("scenarios/library/*.toml"),
    ]
    files += [ROOT / "assets" / "theme.json", *ROOT.glob("assets/fonts/*.ttf"), ROOT / "assets" / "fonts" / "OFL.txt"]
    files += [*ROOT.glob("assets/sounds/*.wav"), ROOT / "assets" / "sounds" / "LICENSE.txt"]
    return sorted(str(p.relative_to(ROOT)) for p in files)


# Not the build's own work folders, the tests' output, nor the checkout's caches and virtual environment.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "*.py[cod]", "artifacts", ".pytest_cache",
    ".mypy_cache", ".ruff_cache", "demarche_game-*",
)  # fmt: skip


@pytest.fixture(scope="session")  # once per test process (each builds from its own copy of the source)
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel, built as a packager builds them, from a copy of the source: the build writes
    its work folders into the source tree, where the other tests, running meanwhile, must not meet them."""
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "demarche"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def wheel(dist: Path) -> Path:
    (path,) = dist.glob(f"{DIST_NAME}-{VERSION}-py3-none-any.whl")
    return path


def test_the_wheel_carries_every_bundled_file_and_module(dist):
    names = set(zipfile.ZipFile(wheel(dist)).namelist())
    assert len(bundled_files()) >= 15  # 4 scenarios, a library, 2 schemas, a theme, 4 fonts, 2 sounds, two licences
    for name in bundled_files():
        assert f"game/data/{name}" in names, name
    assert "game/scenario/scaffold.toml.in" in names
    templates = sorted(ROOT.glob("game/review/templates/*"))
    assert len(templates) >= 7  # the page, the full review, the role view, the comparison, their macros, the CSS
    for template in templates:
        assert str(template.relative_to(ROOT)) in names, (
            f"{template} is missing: add it to [tool.setuptools.package-data]"
        )
    for module in sorted(ROOT.glob("game/**/*.py")):
        assert str(module.relative_to(ROOT)) in names, (
            f"{module} is missing: add its package to [tool.setuptools] packages"
        )
    catalogues = sorted(ROOT.glob("game/locale/*/LC_MESSAGES/*.mo"))
    assert len(catalogues) >= 9  # French: the board, its screens, the session, the rules, validate, the review...
    for catalogue in catalogues:
        assert str(catalogue.relative_to(ROOT)) in names, f"{catalogue} is missing: see [tool.setuptools.package-data]"
    licences = f"{DIST_NAME}-{VERSION}.dist-info/licenses"
    assert {f"{licences}/LICENSE", f"{licences}/assets/fonts/OFL.txt", f"{licences}/assets/sounds/LICENSE.txt"} <= names


def test_the_wheels_metadata(dist):
    meta = zipfile.ZipFile(wheel(dist)).read(f"{DIST_NAME}-{VERSION}.dist-info/METADATA").decode()
    assert "Name: demarche-game\n" in meta and f"Version: {VERSION}\n" in meta
    assert "License-Expression: MIT AND OFL-1.1 AND CC0-1.0\n" in meta
    requires = re.findall(r"^Requires-Dist: (.*)$", meta, re.M)
    runtime = [r for r in requires if "extra ==" not in r]
    assert any(r.startswith("pygame-ce") for r in runtime) and any(r.startswith("jinja2") for r in runtime)
    assert not any(r.startswith("tomli-w") for r in runtime), "tomli-w is only used by the tests"
    assert any(r.startswith("tomli-w") and 'extra == "test"' in r for r in requires)


def test_the_sdist_holds_what_builds_the_wheel(dist):
    (sdist,) = dist.glob(f"{DIST_NAME}-{VERSION}.tar.gz")
    top = f"{DIST_NAME}-{VERSION}"
    names = set(tarfile.open(sdist).getnames())
    for name in ["pyproject.toml", "LICENSE", "README.md", *bundled_files(), "tests/conftest.py", "docs/format.md"]:
        assert f"{top}/{name}" in names, name


def test_the_installed_wheel_works_from_another_folder(dist, tmp_path, capsys):
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel(dist))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    env = {**os.environ, "PYTHONPATH": str(site), "SDL_VIDEODRIVER": "dummy"}

    def demarche(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "game", *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300
        )

    where = subprocess.run(
        [sys.executable, "-c", "import game; print(game.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(site), where.stdout + where.stderr
    script = subprocess.run(
        [str(site / "bin" / "demarche"), "--version"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert script.stdout.strip() == f"demarche {VERSION}", script.stderr

    listed = demarche("list")
    assert listed.returncode == 0, listed.stderr
    assert all(sid in listed.stdout for sid in ("tutorial", "red_lines", "sanctions_coalition", "neutral_mandate"))
    checked = demarche("validate", "red_lines", "tutorial")
    assert checked.returncode == 0 and "✓ red_lines" in checked.stdout, checked.stdout + checked.stderr

    from game.cli import main

    assert main(["autoplay", "tutorial", "--seed", "1", "--quiet"]) == 0
    expected = capsys.readouterr().out.strip()
    played = demarche("autoplay", "tutorial", "--seed", "1", "--quiet")
    assert played.stdout.strip() == expected and expected.startswith("Final state hash: "), played.stderr
    saved = demarche("autoplay", "tutorial", "--seed", "1", "--quiet", "--save", "g.json")
    reported = demarche("report", "g.json")  # the review's templates load from inside the installed package
    assert saved.returncode == reported.returncode == 0, saved.stderr + reported.stdout + reported.stderr
    assert "Consequences and their causes" in (elsewhere / "g.html").read_text(encoding="utf-8")
    french = subprocess.run(
        [sys.executable, "-m", "game", "validate", "nowhere.toml"],
        cwd=elsewhere,
        env={**env, "DEMARCHE_LANG": "fr"},
        capture_output=True,
        text=True,
    )  # the French catalogues load from inside the installed package
    assert "fichier introuvable" in french.stdout, french.stdout + french.stderr
    assert demarche("--lang", "fr", "--help").stdout.startswith("utilisation : demarche")

    made = demarche("new", "x.toml")
    assert made.returncode == 0, made.stderr
    assert (elsewhere / "library" / "instruments.toml").is_file() and (elsewhere / "demarche.schema.json").is_file()
    strict = demarche("validate", "--strict", "x.toml")
    assert strict.returncode == 0, strict.stdout + strict.stderr

    shot = demarche("play", "tutorial", "--preview", "foreign", "--screenshot", "out.png")
    assert shot.returncode == 0, shot.stderr
    assert (elsewhere / "out.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
