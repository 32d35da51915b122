"""The commands a newcomer runs right after installing: --version, list, validate ID, play --screenshot."""

from __future__ import annotations

from importlib import metadata

import pygame
import pytest

from game import DISTRIBUTION, resources
from game.cli import main
from game.ui.title_art import DEFAULT_SIZE


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def _version_output(capsys) -> str:
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    return capsys.readouterr().out.strip()


def test_version_comes_from_the_installed_metadata(capsys, monkeypatch):
    asked = []
    monkeypatch.setattr(metadata, "version", lambda name: asked.append(name) or "9.8.7")
    assert _version_output(capsys) == "demarche 9.8.7"
    assert asked == [DISTRIBUTION] == ["demarche-game"]


def test_version_without_metadata_says_so(capsys, monkeypatch):
    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    out = _version_output(capsys)
    assert out.startswith("demarche (version unknown") and "demarche-game" in out


def test_list_fails_when_it_finds_no_scenario(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "scenarios_dir", lambda: tmp_path)
    code, out = run(capsys, "list")
    assert code == 1
    assert f"no bundled scenarios found in {tmp_path}" in out and "reinstall" in out


def test_validate_takes_bundled_ids(capsys):
    code, out = run(capsys, "validate", "red_lines", "tutorial")
    assert code == 0, out
    assert "✓ red_lines: Red Lines, Open Channels" in out and "✓ tutorial: " in out


def test_validate_explains_an_unknown_id_and_a_missing_file(capsys, tmp_path):
    code, out = run(capsys, "validate", "red_line")
    assert code == 1
    assert "unknown scenario 'red_line' (did you mean 'red_lines'?)" in out and "✗ red_line" in out
    missing = tmp_path / "nope.toml"
    code, out = run(capsys, "validate", str(missing), "red_lines")
    assert code == 1
    assert f"{missing}:1:1: error: file not found" in out and "✓ red_lines" in out
    assert "Traceback" not in out


def test_validate_says_what_a_folder_or_a_dangling_link_is(capsys, tmp_path):
    folder = tmp_path / "x.toml"
    folder.mkdir()
    link = tmp_path / "gone.toml"
    link.symlink_to(tmp_path / "nowhere.toml")
    code, out = run(capsys, "validate", str(folder), str(link))
    assert code == 1
    assert f"{folder}:1:1: error: this is a folder, not a scenario file: name the .toml file in it" in out
    assert f"{link}:1:1: error: this link leads to no file" in out
    assert "Traceback" not in out


def test_play_screenshot_writes_the_seats_first_screen_and_exits(capsys, tmp_path):
    out = tmp_path / "foreign.png"
    code, printed = run(capsys, "play", "tutorial", "--preview", "foreign", "--screenshot", str(out))
    assert code == 0, printed
    assert f"wrote {out}" in printed
    pygame.init()
    picture = pygame.image.load(str(out))
    assert picture.get_size() == DEFAULT_SIZE
    width, height = DEFAULT_SIZE
    colours = {tuple(picture.get_at((x, y))) for x in range(0, width, 40) for y in range(0, height, 40)}
    assert len(colours) > 5, "the board was drawn, not a blank window"


def test_play_screenshot_refuses_bad_files(capsys, tmp_path):
    code, out = run(capsys, "play", "tutorial", "--screenshot", str(tmp_path / "shot.jpg"))
    assert code == 2 and "must end in .png" in out
    code, out = run(capsys, "play", "tutorial", "--screenshot", str(tmp_path / "nowhere" / "shot.png"))
    assert code == 1 and "no folder" in out
