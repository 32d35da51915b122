"""Start-up: each command imports what it needs and no more, with the same output.

The modules a command loads are checked in a fresh process (this test process
has imported everything already).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LOADED = "import json, sys\nprint(json.dumps(sorted(sys.modules)))\n"

AT_FIRST_FRAME = """import json, os, sys, pygame
_flip = pygame.display.flip
def _first_flip():
    _flip()
    print(json.dumps(sorted(sys.modules)))
    sys.stdout.flush()
    os._exit(0)
pygame.display.flip = _first_flip
from game.cli import main
main(["play"])
"""


def _modules(code: str, tmp_path, **env) -> set[str]:
    environ = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy", DEMARCHE_DATA_DIR=str(tmp_path), **env)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _under(modules: set[str], *packages: str) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)}


def test_validating_a_clean_file_loads_neither_the_location_index_nor_the_game(tmp_path):
    # the tutorial without its [[lessons]] (a lesson's bots are checked by name, which imports game.bots)
    text = (ROOT / "scenarios" / "tutorial.toml").read_text(encoding="utf-8")
    clean = tmp_path / "tutorial.toml"
    clean.write_text(text.split("\n[[lessons]]")[0] + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "scenarios" / "library", tmp_path / "library")
    code = f"from game.cli import main\nmain(['validate', {str(clean)!r}])\n" + LOADED
    loaded = _modules(code, tmp_path)
    assert "game.scenario.loader" in loaded  # it did validate
    assert not _under(loaded, "tree_sitter", "tree_sitter_toml", "game.scenario.locations"), (
        "the location index is for files with errors"
    )
    assert not _under(loaded, "game.bots", "game.session", "game.ui", "game.sim", "pygame", "importlib.metadata")
    assert not _under(loaded, "rich", "cattrs", "importlib.resources"), "a few lines of output, a strict converter"
    code = "from game.cli import main\nmain(['validate', 'scenarios/tutorial.toml'])\n" + LOADED
    loaded = _modules(code, tmp_path)  # with its lessons
    assert "game.bots" in loaded and not _under(loaded, "game.session", "game.ui", "game.sim", "pygame")


def test_validating_every_bundled_file_loads_no_bot_and_no_engine(tmp_path):
    # lessons name bots (checked by name: game.bots.policy), conditions count deals (evaluate.count_deals)
    files = sorted(str(p) for p in (ROOT / "scenarios").glob("*.toml")) + [
        str(ROOT / "scenarios/library/instruments.toml")
    ]
    code = f"from game.cli import main\nmain(['validate', *{files!r}])\n" + LOADED
    loaded = _modules(code, tmp_path)
    assert {"game.scenario.loader", "game.bots", "game.bots.policy"} <= loaded
    assert not _under(loaded, "game.bots.greedy", "game.bots.random_bot", "game.bots.search", "game.bots.novice"), (
        "a bot's name is read without its class"
    )
    assert not _under(loaded, "game.rules.engine", "game.rules.state", "game.rules.negotiation"), "no game is played"


def test_a_file_with_errors_still_gets_its_line_and_column(tmp_path, capsys):
    from game.cli import main

    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[scenario]\nid = "x"\ntitle = 3\n', encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:4:" in out and "title must be text in quotes" in out


def test_the_parser_is_built_without_reading_the_package_metadata(tmp_path):
    loaded = _modules("from game.cli import build_parser\nbuild_parser()\n" + LOADED, tmp_path)
    assert not _under(loaded, "importlib.metadata", "rich", "game.scenario")


def test_the_title_screen_is_drawn_before_the_game_modules_and_rich_are_loaded(tmp_path):
    loaded = _modules(AT_FIRST_FRAME, tmp_path)
    assert "game.ui.title_art" in loaded  # the title screen's art; its buttons come with pygame_gui, next
    early = _under(
        loaded,
        "pygame_gui",
        "game.ui.app",
        "game.ui.screens",
        "rich",
        "game.rules",
        "game.scenario",
        "game.session.game",
        "game.session.hotseat",
        "game.bots",
        "game.sim",
        "attrs",
        "cattrs",
    )
    assert not early, f"loaded before the first frame: {sorted(early)}"


def test_every_font_is_preloaded_once_the_first_frame_is_drawn():
    import warnings

    from game.ui.run import build_app
    from game.ui.theme import FONT_NAME, PRELOAD_SIZES, STYLES

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pygame_gui warns of a font used before it is loaded, or loaded twice
        app = build_app()
        fonts = app.manager.get_theme().get_font_dictionary()
        assert app.fonts_pending
        app.step(wait=False)
        assert not app.fonts_pending
        for size in PRELOAD_SIZES:
            for style in STYLES:
                assert fonts.check_font_preloaded(
                    fonts.create_font_id(size, FONT_NAME, style == "bold", style == "italic")
                )
        app.step(wait=False)  # nothing loaded twice


@pytest.mark.parametrize("first", ["seats", "preview"])
def test_a_first_screen_other_than_the_title_gets_every_font_before_it_is_built(first):
    import warnings

    from game.scenario import load_scenario, resolve_scenario
    from game.session.hotseat import parse_seats
    from game.ui.run import build_app

    path = resolve_scenario("tutorial")
    roles = load_scenario(path).role_ids
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if first == "seats":
            app = build_app(
                scenario_path=path, seats=parse_seats(",".join(f"{r}=P{i}" for i, r in enumerate(roles)), roles)
            )
        else:
            app = build_app(scenario_path=path, preview=roles[0])
        assert not app.fonts_pending
        app.step(wait=False)


def test_version_still_reads_the_installed_metadata(capsys):
    from game.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("demarche ")


def _subparsers(parser):
    import argparse

    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def test_a_command_alone_is_parsed_as_by_the_parser_of_every_command():
    from game.cli import COMMANDS, build_parser

    full = _subparsers(build_parser())
    assert tuple(full) == COMMANDS  # main builds only the command it is given, by this list
    for name in COMMANDS:
        alone = _subparsers(build_parser(only=name))
        assert list(alone) == [name]
        assert alone[name].format_help() == full[name].format_help()
        assert alone[name].format_usage() == full[name].format_usage()


@pytest.mark.parametrize("columns", [None, "60", "200", "0", "wide"])
def test_help_is_as_wide_as_argparse_makes_it(columns, monkeypatch):
    import argparse

    from game.cli import _HelpFormatter, build_parser

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _HelpFormatter("demarche")._width == argparse.HelpFormatter("demarche")._width
    assert isinstance(build_parser()._get_formatter(), _HelpFormatter)
