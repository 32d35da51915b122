"""docs/authoring.md builds a scenario step by step; every step's whole file must work as written.

Each full-file block in the guide is a ```toml fence right after an HTML
comment ``<!-- step: N -->``. Every one is written to a fresh folder beside a
copy of the shared instrument library (and of the JSON Schema its
``#:schema`` line names, if any), then loaded, checked for design-flaw
warnings, and played to the end by bots on a few seeds. The step numbers must
run 1, 2, 3, ... with no gaps, so an author can follow the guide in order.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from game.scenario import load_scenario, validate_file
from game.session.autoplay import autoplay
from game.session.game import Game

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"
SCENARIOS = ROOT / "scenarios"
SEEDS = (1, 2, 3)

MARKER = re.compile(r"<!--\s*step:\s*(\d+)\s*-->")
BLOCK = re.compile(r"<!--\s*step:\s*(\d+)\s*-->[ \t]*\n(?:[ \t]*\n)*```toml\n(.*?)\n```", re.S)
SCHEMA_LINE = re.compile(r"^#:schema\s+(\S+)\s*$", re.M)


def marked_blocks() -> list[tuple[int, str]]:
    return [(int(n), body + "\n") for n, body in BLOCK.findall(GUIDE.read_text(encoding="utf-8"))]


STEPS = marked_blocks()


def write_step(tmp_path: Path, text: str) -> Path:
    """The step's file in its own folder, with what it refers to beside it."""
    shutil.copytree(SCENARIOS / "library", tmp_path / "library")
    for ref in SCHEMA_LINE.findall(text):
        source = (SCENARIOS / ref).resolve()
        assert source.is_file(), f"the #:schema line names {ref}, which scenarios/ does not have"
        target = tmp_path / ref
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    path = tmp_path / "winter_exemption.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_marker_is_followed_by_a_toml_block():
    text = GUIDE.read_text(encoding="utf-8")
    markers = [int(n) for n in MARKER.findall(text)]
    assert markers, "docs/authoring.md has no <!-- step: N --> markers"
    assert [n for n, _ in STEPS] == markers, "every <!-- step: N --> must be followed directly by a ```toml block"


def test_steps_are_numbered_consecutively_from_one():
    numbers = [n for n, _ in STEPS]
    assert numbers == list(range(1, len(numbers) + 1)), f"step numbers must run 1, 2, 3, ...: found {numbers}"
    assert len(numbers) >= 9, "the guide builds its scenario in nine steps"


@pytest.mark.parametrize(("step", "text"), STEPS, ids=[f"step{n}" for n, _ in STEPS])
def test_step_validates_and_plays_to_the_end(tmp_path, step, text):
    path = write_step(tmp_path, text)
    scenario = load_scenario(path)
    assert scenario.id == "winter_exemption"
    checked = validate_file(path)
    warnings = [str(d) for d in getattr(checked, "warnings", ())]
    assert not warnings, f"step {step} has design-flaw warnings:\n" + "\n".join(warnings)
    for seed in SEEDS:
        game = autoplay(Game.from_path(path, seed))
        assert game.state.over, f"step {step}, seed {seed}: the game did not reach its end"
        assert game.state.outcome is not None


def test_each_step_builds_on_the_one_before():
    """The guide adds to one file: what a step declares, the next still has."""
    previous: dict | None = None
    for step, text in STEPS:
        data = tomllib.loads(text)
        if previous is not None:
            for table in ("meters", "actor_meters", "role_meters"):
                assert set(previous.get(table, {})) <= set(data.get(table, {})), f"step {step} dropped a {table} entry"
            for table in ("roles", "actors", "crises", "consequences"):
                before = {entry["id"] for entry in previous.get(table, [])}
                after = {entry["id"] for entry in data.get(table, [])}
                assert before <= after, f"step {step} dropped {sorted(before - after)} from {table}"
        previous = data


def test_the_final_step_matches_the_editor_schema(tmp_path):
    """Step 9 adds the #:schema line; the file it names must accept the finished scenario."""
    jsonschema = pytest.importorskip("jsonschema")
    import json

    with_schema = [(step, text) for step, text in STEPS if SCHEMA_LINE.search(text)]
    assert with_schema, "the guide's editor step should show the #:schema line in a full file"
    for step, text in with_schema:
        assert text.startswith("#:schema "), f"step {step}: the #:schema line must be the first line of the file"
        ref = SCHEMA_LINE.search(text).group(1)
        schema = json.loads((SCENARIOS / ref).read_text(encoding="utf-8"))
        jsonschema.validate(tomllib.loads(text), schema)
