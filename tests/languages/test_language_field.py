"""``[scenario] language``: the BCP 47 tag of the author's text, "en" unless a scenario says otherwise.

It is metadata: a tag that is not well formed is an error at its place (with the tag meant as the
suggestion), and the tag changes nothing in a game. The French tutorial, which declares ``"fr"``, plays
exactly the English tutorial's game: the same orders, meters and events, only their texts differ.
"""

import json
import re
import shutil

import pytest

from game.cli import main
from game.rules.hashing import state_hash, to_data
from game.scenario import ScenarioError, bundled_dir, load_scenario, resolve_scenario
from game.scenario.language import is_rtl, well_formed
from game.session.autoplay import autoplay
from game.session.game import Game

TUTORIAL = bundled_dir() / "tutorial.toml"


def with_language(tmp_path, line: str | None):
    """The English tutorial with ``line`` added under ``[scenario]`` (its library beside it)."""
    shutil.copytree(bundled_dir() / "library", tmp_path / "library", dirs_exist_ok=True)
    text = TUTORIAL.read_text(encoding="utf-8")
    if line is not None:
        text = text.replace('id = "tutorial"\n', f'id = "tutorial"\n{line}\n', 1)
    path = tmp_path / "tutorial.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_scenario_without_the_key_is_in_english():
    assert load_scenario(TUTORIAL).language == "en"
    for sid in ("red_lines", "sanctions_coalition", "neutral_mandate"):
        assert load_scenario(resolve_scenario(sid)).language == "en"
    assert load_scenario(resolve_scenario("tutorial_fr")).language == "fr"


@pytest.mark.parametrize("tag", ["en", "fr", "ar", "he", "zh-Hans", "pt-BR", "sr-Latn-RS", "es-419", "fr-CA-x-quebec"])
def test_well_formed_tags_load(tmp_path, tag):
    assert load_scenario(with_language(tmp_path, f'language = "{tag}"')).language == tag


@pytest.mark.parametrize(
    "tag, meant",
    [
        ("fr_FR", "fr-FR"),
        ("French", "fr"),
        ("français", "fr"),
        ("fr_FR.UTF-8", "fr-FR"),
        ("zh Hans", "zh-Hans"),
        ("-fr", "fr"),
    ],
)
def test_a_tag_that_is_not_well_formed_is_an_error_at_its_place_with_a_suggestion(tmp_path, tag, meant):
    path = with_language(tmp_path, f'language = "{tag}"')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    [error] = caught.value.errors
    line = path.read_text(encoding="utf-8").splitlines().index(f'language = "{tag}"') + 1
    assert (error.line, error.col) == (line, len('language = "'))
    assert "BCP 47" in error.message and repr(tag) in error.message
    assert error.suggestion == meant
    assert str(error).startswith(f"{path}:{line}:12: error: ")


@pytest.mark.parametrize("tag", ["", "f", "english language", "fr--FR", "x", "Klingon"])
def test_nonsense_is_refused_without_a_guess(tmp_path, tag):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(with_language(tmp_path, f'language = "{tag}"'))
    assert [e.suggestion for e in caught.value.errors] == [None]


def test_the_tag_must_be_a_string(tmp_path):
    with pytest.raises(ScenarioError, match="language"):
        load_scenario(with_language(tmp_path, "language = 1"))


def test_right_to_left_scripts_are_told_apart():
    assert all(is_rtl(t) for t in ("ar", "he", "fa", "ur", "ar-EG", "pa-Arab", "yi"))
    assert not any(is_rtl(t) for t in ("en", "fr", "zh-Hans", "az-Latn", "ku-Latn"))


def test_the_schema_and_the_format_reference_describe_it():
    schema = json.loads((bundled_dir() / "demarche.schema.json").read_text(encoding="utf-8"))
    prop = schema["definitions"]["ScenarioHeader"]["properties"]["language"]
    assert prop["type"] == "string" and prop["default"] == "en" and "BCP 47" in prop["description"]
    pattern = re.compile(prop["pattern"])
    assert all(pattern.match(t) for t in ("fr", "zh-Hans", "pt-BR")) and not pattern.match("fr_FR")
    assert all(well_formed(t) == bool(pattern.match(t)) for t in ("fr", "fr_FR", "French", "zh-Hans", "x"))
    docs = (bundled_dir().parent / "docs" / "format.md").read_text(encoding="utf-8")
    assert "| `language` |" in docs and "BCP 47" in docs


def test_the_tag_is_metadata_and_changes_no_game(tmp_path):
    english = autoplay(Game.from_path(TUTORIAL, 7), "greedy")
    (tmp_path / "fr").mkdir()
    declared = autoplay(Game.from_path(with_language(tmp_path / "fr", 'language = "fr"'), 7), "greedy")
    assert state_hash(declared.state) == state_hash(english.state)


def _without_text(data):
    if isinstance(data, dict):
        return {k: _without_text(v) for k, v in data.items() if k not in ("text", "note", "reasons")}
    if isinstance(data, list):
        return [_without_text(v) for v in data]
    return data


@pytest.mark.parametrize("bots, seed", [("random", 1), ("greedy", 2), ("novice", 3), ("random", 4)])
def test_the_french_tutorial_plays_the_english_tutorials_game(bots, seed):
    """Same rules, ids and numbers: every order, meter and event is the same; only the texts (which the state
    hash reads, so the two hashes differ) are in French."""
    en = autoplay(Game.from_path(TUTORIAL, seed), bots).state
    fr = autoplay(Game.from_path(resolve_scenario("tutorial_fr"), seed), bots).state
    assert _without_text(to_data(fr)) == _without_text(to_data(en))
    assert fr.meters == en.meters and fr.outcome.scores == en.outcome.scores


def test_the_french_tutorial_validates_strictly(capsys):
    code = main(["validate", "--strict", str(bundled_dir() / "tutorial_fr.toml")])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    assert "warning" not in (out.out + out.err).lower()
