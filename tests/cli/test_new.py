"""`demarche new`: a scenario that validates and plays as written, or a copy of one; never overwriting."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import bundled_dir, bundled_ids, load_scenario, validate_file
from game.scenario.schema import LIBRARY_SCHEMA_NAME, SCENARIO_SCHEMA_NAME, library_schema, scenario_schema
from game.session.autoplay import autoplay
from game.session.game import Game

LIBRARY = bundled_dir() / "library" / "instruments.toml"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def plays_to_the_end(path: Path) -> None:
    for seed in (1, 2):
        assert autoplay(Game.from_path(path, seed)).state.over


def schema_errors(schema: dict, path: Path) -> list:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extras")
    return list(jsonschema.Draft7Validator(schema).iter_errors(tomllib.loads(path.read_text(encoding="utf-8"))))


# --------------------------------------------------------------------------- the template


def test_new_writes_a_commented_scenario_that_validates_and_plays(capsys, tmp_path):
    path = tmp_path / "my-crisis.toml"
    code, out = run(capsys, "new", path)
    assert code == 0, out
    scenario = load_scenario(path)
    assert scenario.id == "my_crisis" and scenario.title == "My Crisis"
    assert (len(scenario.roles), len(scenario.actors), scenario.rounds) == (2, 3, 4)
    plays_to_the_end(path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"#:schema ./{SCENARIO_SCHEMA_NAME}"
    assert "docs/format.md" in text and "docs/authoring.md" in text
    # A comment before every section says what to change.
    for header in (
        "[scenario]",
        "[meters.legitimacy]",
        "[actor_meters.trust]",
        "[role_meters.capital]",
        "[[roles]]",
        "[[roles.objectives]]",
        "[[actors]]",
        "[[crises]]",
        "[[consequences]]",
        "[end]",
    ):
        at = (
            lines.index(header)
            if header in lines
            else next(i for i, line in enumerate(lines) if line.startswith(header))
        )
        before = lines[:at]
        assert any(line.startswith("# ") for line in before[-12:]), f"no comment explains {header}"
    # What it refers to by a relative path is beside it, and said so.
    library = tmp_path / "library" / "instruments.toml"
    assert library.read_text(encoding="utf-8") == LIBRARY.read_text(encoding="utf-8")
    assert (tmp_path / SCENARIO_SCHEMA_NAME).is_file() and (tmp_path / LIBRARY_SCHEMA_NAME).is_file()
    assert "library/instruments.toml" in out and "copied" in out
    assert str(path) in out
    assert f"demarche validate {path}" in out and f"demarche play {path}" in out


def test_new_scenario_and_its_library_pass_their_schemas(capsys, tmp_path):
    path = tmp_path / "draft.toml"
    assert run(capsys, "new", path)[0] == 0
    assert schema_errors(scenario_schema(), path) == []
    assert schema_errors(library_schema(), tmp_path / "library" / "instruments.toml") == []


def test_new_in_a_folder_with_a_library_keeps_it(capsys, tmp_path):
    (tmp_path / "library").mkdir()
    own = tmp_path / "library" / "instruments.toml"
    shutil.copy(LIBRARY, own)
    with own.open("a", encoding="utf-8") as f:
        f.write("\n# my own note\n")
    code, out = run(capsys, "new", tmp_path / "second.toml")
    assert code == 0, out
    assert own.read_text(encoding="utf-8").endswith("# my own note\n")
    assert "kept" in out


def test_new_makes_missing_folders_and_a_valid_id(capsys, tmp_path):
    path = tmp_path / "a" / "b" / "2025 talks.toml"
    code, out = run(capsys, "new", path)
    assert code == 0, out
    scenario = load_scenario(path)
    assert scenario.id == "s_2025_talks"
    assert (tmp_path / "a" / "b" / "library" / "instruments.toml").is_file()


def test_new_does_not_take_a_bundled_id(capsys, tmp_path):
    assert run(capsys, "new", tmp_path / "tutorial.toml")[0] == 0
    assert load_scenario(tmp_path / "tutorial.toml").id == "tutorial_new"


# --------------------------------------------------------------------------- --from


@pytest.mark.parametrize("ident", sorted(bundled_ids()))
def test_new_from_each_bundled_scenario(capsys, tmp_path, ident):
    path = tmp_path / "copy.toml"
    code, out = run(capsys, "new", path, "--from", ident)
    assert code == 0, out
    scenario = load_scenario(path)
    original = load_scenario(bundled_ids()[ident])
    assert scenario.id == "copy" != original.id
    assert scenario.title == original.title + " (copy)"
    assert (len(scenario.roles), len(scenario.actors), len(scenario.consequences)) == (
        len(original.roles),
        len(original.actors),
        len(original.consequences),
    )
    plays_to_the_end(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"#:schema ./{SCENARIO_SCHEMA_NAME}"
    assert f"'{ident}'" in lines[1] and "copy" in lines[1]
    assert sum(line.startswith("#:schema") for line in lines) == 1
    original_text = bundled_ids()[ident].read_text(encoding="utf-8")
    assert original_text.splitlines()[1] in lines, "the scenario's own first comment is kept"
    assert schema_errors(scenario_schema(), path) == []


def test_new_from_a_path_with_the_same_name_gets_a_copy_id(capsys, tmp_path):
    first = tmp_path / "one" / "mine.toml"
    assert run(capsys, "new", first)[0] == 0
    second = tmp_path / "two" / "mine.toml"
    code, out = run(capsys, "new", second, "--from", first)
    assert code == 0, out
    assert load_scenario(second).id == "mine_copy"
    assert str(first) in second.read_text(encoding="utf-8").splitlines()[1]
    plays_to_the_end(second)


def test_new_from_an_unknown_scenario_exits_1(capsys, tmp_path):
    code, out = run(capsys, "new", tmp_path / "x.toml", "--from", "tutorail")
    assert code == 1
    assert "did you mean 'tutorial'" in out and "Traceback" not in out
    assert not (tmp_path / "x.toml").exists()


def test_new_from_a_library_is_refused(capsys, tmp_path):
    code, out = run(capsys, "new", tmp_path / "x.toml", "--from", LIBRARY)
    assert code == 1
    assert "not a scenario" in out
    assert not (tmp_path / "x.toml").exists()


# --------------------------------------------------------------------------- never overwrite


def test_new_refuses_to_overwrite(capsys, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("# my work\n", encoding="utf-8")
    for extra in ([], ["--from", "tutorial"]):
        code, out = run(capsys, "new", path, *extra)
        assert code == 1
        assert "already exists" in out and "--force" in out
        assert path.read_text(encoding="utf-8") == "# my work\n"
    assert not (tmp_path / "library").exists()
    code, out = run(capsys, "new", path, "--force")
    assert code == 0, out
    validate_file(path)


def test_new_refuses_to_copy_a_file_onto_itself(capsys, tmp_path):
    path = tmp_path / "mine.toml"
    assert run(capsys, "new", path)[0] == 0
    before = path.read_text(encoding="utf-8")
    code, out = run(capsys, "new", path, "--from", path, "--force")
    assert code == 1 and "copying from" in out
    assert path.read_text(encoding="utf-8") == before


def test_new_usage_errors_exit_2(capsys, tmp_path):
    for argv in (
        ["new"],
        ["new", "a.toml", "b.toml"],
        ["new", "a.toml", "--bogus"],
        ["new", "a.toml", "--from"],
        ["schema", "extra"],
    ):
        with pytest.raises(SystemExit) as e:
            main(argv)
        assert e.value.code == 2, argv
    code, out = run(capsys, "new", tmp_path / "notes.txt")
    assert code == 2 and ".toml" in out
    assert not (tmp_path / "notes.txt").exists()
    (tmp_path / "folder.toml").mkdir()
    code, out = run(capsys, "new", tmp_path / "folder.toml")
    assert code == 1 and "folder" in out
