"""Finding bundled scenarios by id, and turning a command-line argument into a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import (
    UnknownScenarioError,
    bundled_dir,
    bundled_ids,
    bundled_scenarios,
    resolve_scenario,
)

from .support import VALID


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "instruments.toml").write_text("format = 1\n", encoding="utf-8")
    (tmp_path / "red_lines.toml").write_text('format = 1\n[scenario]\nid = "red_lines"\n', encoding="utf-8")
    (tmp_path / "coalition_file.toml").write_text('format = 1\n[scenario]\nid = "coalition"\n', encoding="utf-8")
    (tmp_path / "broken.toml").write_text("format = \n", encoding="utf-8")
    return tmp_path


def test_bundled_folder_is_the_repository_scenarios_folder():
    assert bundled_dir() == Path(__file__).resolve().parents[2] / "scenarios"
    assert all(p.parent == bundled_dir() and p.suffix == ".toml" for p in bundled_scenarios())


def test_bundled_scenarios_are_the_top_level_files(folder):
    assert [p.name for p in bundled_scenarios(folder)] == ["broken.toml", "coalition_file.toml", "red_lines.toml"]
    assert sorted(bundled_ids(folder)) == ["broken", "coalition", "red_lines"]


def test_resolve_by_id_by_file_name_and_by_path(folder):
    assert resolve_scenario("red_lines", folder) == folder / "red_lines.toml"
    assert resolve_scenario("coalition", folder) == folder / "coalition_file.toml"
    assert resolve_scenario("coalition_file", folder) == folder / "coalition_file.toml"
    assert resolve_scenario(str(VALID), folder) == VALID


def test_unknown_id_lists_the_ids_with_a_suggestion(folder):
    with pytest.raises(UnknownScenarioError) as info:
        resolve_scenario("red_line", folder)
    message = str(info.value)
    assert (
        message
        == "unknown scenario 'red_line' (did you mean 'red_lines'?); bundled scenarios: broken, coalition, red_lines"
    )
    assert info.value.suggestion == "red_lines"


def test_missing_path_says_so(folder):
    with pytest.raises(UnknownScenarioError) as info:
        resolve_scenario("somewhere/mine.toml", folder)
    assert str(info.value).startswith("no scenario file 'somewhere/mine.toml'")
