"""Author text with terminal escape sequences is never printed raw by the demarche command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.terminal import REPLACEMENT, printable

FIXTURE = Path(__file__).resolve().parents[1] / "scenario" / "fixtures" / "valid"
# Clear the screen, retitle the window, recolour, a C1 CSI, a carriage return and a bidi override.
NASTY = "\\u001b[2J\\u001b]0;pwned\\u0007\\u001b[31mHarbour\\u009b1mTalks\\r\\u202e"
UNSAFE = ("\x1b", "\x07", "\x9b", "\r", "\u202e")


@pytest.fixture
def nasty(tmp_path) -> Path:
    folder = tmp_path / "s"
    shutil.copytree(FIXTURE, folder)
    path = folder / "harbour.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "Harbour Talks"', f'title = "{NASTY}"')
    text = text.replace('text = "Dock workers walk out."', f'text = "Dock {NASTY} workers"')
    text = text.replace('name = "Foreign Ministry"', f'name = "Foreign {NASTY}"')
    path.write_text(text, encoding="utf-8")
    return path


def output(capsys) -> str:
    out = capsys.readouterr()
    return out.out + out.err


def assert_clean(text: str) -> None:
    for ch in UNSAFE:
        assert ch not in text, f"{ch!r} printed raw"


def test_printable_keeps_text_and_newlines():
    assert printable("Line one\nline\ttwo — déjà vu") == "Line one\nline\ttwo — déjà vu"
    assert printable("a\x1b[2Jb\x1b]0;t\x07c\rd") == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}d"


def test_printable_replaces_only_what_the_pattern_names():
    # Neither a control nor a format character, though str.isprintable says False: kept.
    assert printable("a\u00a0b\u2028c") == "a\u00a0b\u2028c"
    assert printable("left\u2066right\u200f") == f"left{REPLACEMENT}right{REPLACEMENT}"
    assert printable("plain — déjà vu") == "plain — déjà vu"


def test_validate_prints_no_escape_sequence(nasty, capsys):
    assert main(["validate", str(nasty)]) == 0
    out = output(capsys)
    assert_clean(out)
    assert "Harbour" in out and "Talks" in out


def test_validate_snippet_of_an_error_line_prints_no_escape_sequence(nasty, capsys):
    text = nasty.read_text(encoding="utf-8").replace("rounds = 6", f'rounds = "{NASTY}"')
    nasty.write_text(text, encoding="utf-8")
    assert main(["validate", str(nasty)]) == 1
    out = output(capsys)
    assert_clean(out)
    assert "rounds must be a whole number" in out


def test_autoplay_and_replay_print_no_escape_sequence(nasty, capsys, tmp_path):
    save = tmp_path / "game.json"
    assert main(["autoplay", str(nasty), "--seed", "3", "--save", str(save)]) == 0
    out = output(capsys)
    assert_clean(out)
    assert "Harbour" in out and "Dock" in out and "Final scores" in out and "Foreign" in out
    assert main(["replay", str(save), "--scores"]) == 0
    out = output(capsys)
    assert_clean(out)
    assert "hash matches" in out and "Foreign" in out


def test_simulate_json_and_markdown_report_carry_no_raw_escapes(nasty, capsys, tmp_path):
    assert main(["simulate", str(nasty), "-n", "4", "--jobs", "1", "--json"]) == 0
    out = capsys.readouterr().out
    assert_clean(out)
    json.loads(out)  # still valid JSON
    save = tmp_path / "g.json"
    assert main(["autoplay", str(nasty), "--quiet", "--save", str(save)]) == 0
    capsys.readouterr()
    md = tmp_path / "g.md"
    assert main(["report", str(save), "--format", "md", "--out", str(md)]) == 0
    assert_clean(md.read_text(encoding="utf-8"))
