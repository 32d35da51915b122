"""The JSON Schemas editors use: generated from spec.py, shipped, and really checking files."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import attrs
import pytest

from game.scenario import ScenarioError, bundled_dir, bundled_scenarios, spec, validate_file
from game.scenario.schema import (
    LIBRARY_SCHEMA_NAME,
    LIBRARY_SCHEMA_PATH,
    SCENARIO_SCHEMA_NAME,
    SCENARIO_SCHEMA_PATH,
    generated,
    library_schema,
    scenario_schema,
)

from .support import VALID

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extras: pip install -e '.[test]'")

LIBRARIES = sorted((bundled_dir() / "library").glob("*.toml"))
TUTORIAL = bundled_dir() / "tutorial.toml"


def errors(schema: dict, data: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- generated, shipped


def test_shipped_schemas_are_up_to_date():
    for path, text in generated().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run `python -m game.scenario.schema`"


def test_schemas_are_valid_draft_07():
    for schema in (scenario_schema(), library_schema()):
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(schema)


def _tables(schema: dict):
    yield schema
    yield from schema.get("definitions", {}).values()


def test_every_key_of_the_format_is_in_the_schema_with_its_description():
    definitions = scenario_schema()["definitions"] | library_schema()["definitions"]
    tops = {spec.ScenarioFile: scenario_schema(), spec.LibraryFile: library_schema()}
    classes = [v for v in vars(spec).values() if isinstance(v, type) and attrs.has(v)]
    for cls in classes:
        table = tops.get(cls) or definitions[cls.__name__]
        assert table["additionalProperties"] is False, cls.__name__
        assert list(table["properties"]) == [spec.toml_key(f) for f in attrs.fields(cls)], cls.__name__
        required = [spec.toml_key(f) for f in attrs.fields(cls) if f.default is attrs.NOTHING]
        assert table.get("required", []) == required, cls.__name__
        for field in attrs.fields(cls):
            assert table["properties"][spec.toml_key(field)]["description"] == field.metadata["doc"]
    for table in [*_tables(scenario_schema()), *_tables(library_schema())]:
        assert table["description"], "every table has a description"


def test_types_defaults_and_fixed_words():
    s = scenario_schema()
    d = s["definitions"]
    header = d["ScenarioHeader"]["properties"]
    assert header["rounds"]["type"] == "integer" and header["rounds"]["minimum"] == 1
    assert header["players"] == {
        **header["players"],
        "type": "array",
        "items": {"type": "integer"},
        "minItems": 2,
        "maxItems": 2,
    }
    assert header["include"]["default"] == [] and header["seed"]["default"] == 0
    assert d["RoleSpec"]["properties"]["instruments"]["default"] == ["*"]
    assert d["ActorSpec"]["properties"]["at"]["items"] == {"type": "number", "minimum": 0, "maximum": 1}
    assert d["ActorSpec"]["properties"]["meters"]["additionalProperties"] == {"type": "integer"}
    assert d["CrisisSpec"]["properties"]["chance"] == {
        **d["CrisisSpec"]["properties"]["chance"],
        "type": "number",
        "default": 1.0,
    }
    assert d["CrisisSpec"]["properties"]["inject"]["type"] == "boolean"
    assert d["InstrumentSpec"]["properties"]["effects"]["additionalProperties"] == {
        "anyOf": [
            {"type": ["number", "string"]},
            {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},  # a range [low, high]
        ]
    }
    assert d["InstrumentSpec"]["properties"]["category"]["enum"] == [
        "private",
        "public",
        "economic",
        "legal",
        "multilateral",
        "security",
        "humanitarian",
    ]
    assert d["InstrumentSpec"]["properties"]["visibility"]["enum"] == ["private", "public"]
    for meter in ("MeterSpec", "RoleMeterSpec"):
        word, roles = d[meter]["properties"]["visibility"]["anyOf"]
        assert word == {"type": "string", "enum": ["public", "facilitator", "hidden"]}
        assert roles["type"] == "array" and roles["items"]["type"] == "string" and roles["minItems"] == 1
        assert d[meter]["properties"]["good"]["enum"] == ["high", "low"]
    assert "refill" in d["RoleMeterSpec"]["properties"] and "refill" not in d["MeterSpec"]["properties"]
    assert s["properties"]["meters"]["additionalProperties"] == {"$ref": "#/definitions/MeterSpec"}
    assert s["properties"]["format"]["const"] == 1
    reveal = d["ConsequenceSpec"]["properties"]["reveal_to"]
    assert (
        reveal["default"] == "all"
        and reveal["anyOf"][0]["enum"] == ["all", "none"]
        and reveal["anyOf"][1]["type"] == "array"
    )


def test_cli_prints_the_schemas(capsys):
    from game.cli import main

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == scenario_schema()
    assert main(["schema", "--library"]) == 0
    assert json.loads(capsys.readouterr().out) == library_schema()


# --------------------------------------------------------------------------- the bundled files


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_bundled_scenario_points_at_the_schema_and_passes_it(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"#:schema ./{SCENARIO_SCHEMA_NAME}"
    assert lines[1].startswith("# ") and len(lines[1]) > 10, (
        "the scenario's own first comment follows the #:schema line"
    )
    assert (path.parent / SCENARIO_SCHEMA_NAME).resolve() == SCENARIO_SCHEMA_PATH.resolve()
    assert errors(scenario_schema(), read(path)) == []
    validate_file(path)  # the loader reads the directive as the comment it is


@pytest.mark.parametrize("path", LIBRARIES, ids=lambda p: p.stem)
def test_bundled_library_points_at_the_library_schema_and_passes_it(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"#:schema ../{LIBRARY_SCHEMA_NAME}"
    assert lines[1].startswith("# ")
    assert (path.parent / ".." / LIBRARY_SCHEMA_NAME).resolve() == LIBRARY_SCHEMA_PATH.resolve()
    assert errors(library_schema(), read(path)) == []
    assert errors(scenario_schema(), read(path)), "a library is not a scenario"


def test_the_loader_test_scenario_passes_the_schema_too():
    assert errors(scenario_schema(), read(VALID)) == []


# --------------------------------------------------------------------------- wrong files are rejected


def _set(path: tuple, value):
    def change(data: dict) -> None:
        *parents, last = path
        for key in parents:
            data = data[key]
        data[last] = value

    return change


WRONG = {
    "unknown top-level key": _set(("bogus",), 1),
    "unknown key in [scenario]": _set(("scenario", "rouns"), 4),
    "unknown key in a meter": _set(("meters", "legitimacy", "colour"), "red"),
    "refill on a global meter": _set(("meters", "legitimacy", "refill"), 3),
    "unknown key in [[roles]]": _set(("roles", 0, "ordres"), 2),
    "unknown key in an objective": _set(("roles", 0, "objectives", 0, "point"), 2),
    "unknown key in [end]": _set(("end", "lose_if"), "true"),
    "rounds in quotes": _set(("scenario", "rounds"), "4"),
    "rounds not whole": _set(("scenario", "rounds"), 2.5),
    "rounds zero": _set(("scenario", "rounds"), 0),
    "title a number": _set(("scenario", "title"), 5),
    "players one number": _set(("scenario", "players"), 2),
    "players three numbers": _set(("scenario", "players"), [1, 2, 3]),
    "include not a list": _set(("scenario", "include"), "library/instruments.toml"),
    "format 2": _set(("format",), 2),
    "meter visibility": _set(("meters", "legitimacy", "visibility"), "secret"),
    "meter good": _set(("meters", "legitimacy", "good"), "up"),
    "meter start text": _set(("meters", "legitimacy", "start"), "60"),
    "meter id with a dash": _set(("meters", "bad-name"), {"label": "X", "start": 1}),
    "role id with a space": _set(("roles", 0, "id"), "foreign ministry"),
    "orders zero": _set(("roles", 0, "orders"), 0),
    "instruments a word": _set(("roles", 0, "instruments"), "private"),
    "actor at three numbers": _set(("actors", 0, "at"), [0.1, 0.2, 0.3]),
    "actor at off the board": _set(("actors", 0, "at"), [0.1, 1.5]),
    "actor meter start a float": _set(("actors", 0, "meters", "trust"), 50.5),
    "instrument category": _set(("instruments",), [{"id": "x", "name": "X", "category": "sneaky", "text": "t"}]),
    "instrument visibility": _set(
        ("instruments",), [{"id": "x", "name": "X", "category": "private", "text": "t", "visibility": "hidden"}]
    ),
    "instrument missing text": _set(("instruments",), [{"id": "x", "name": "X", "category": "private"}]),
    "effect value true": _set(("crises", 0, "effects", "legitimacy"), True),
    "effect value a table": _set(("crises", 0, "effects", "corvane"), {"trust": 3}),
    "crisis chance 2": _set(("crises", 0, "chance"), 2),
    "inject in quotes": _set(("crises", 0, "inject"), "true"),
    "reveal_to a role name": _set(("consequences", 0, "reveal_to"), "foreign"),
    "reveal_to numbers": _set(("consequences", 0, "reveal_to"), [1]),
    "consequence once a number": _set(("consequences", 0, "once"), 1),
    "delay negative": _set(("consequences", 0, "delay"), -1),
    "roles a table": _set(("roles",), {"id": "foreign"}),
    "missing title": lambda data: data["scenario"].pop("title"),
}


@pytest.mark.parametrize("change", list(WRONG.values()), ids=list(WRONG))
def test_schema_rejects_wrong_files_the_loader_rejects_too(change, tmp_path):
    import tomli_w

    data = copy.deepcopy(read(TUTORIAL))
    assert errors(scenario_schema(), data) == []
    change(data)
    assert errors(scenario_schema(), data), "the schema let it through"
    # The schema never rejects what the loader accepts: each of these is an error for `demarche validate` as well.
    shutil.copytree(bundled_dir() / "library", tmp_path / "library")
    path = tmp_path / "wrong.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(ScenarioError):
        validate_file(path)


def test_reveal_to_accepts_all_none_and_role_lists():
    data = copy.deepcopy(read(TUTORIAL))
    for value in ("all", "none", ["foreign"], ["foreign", "defence"], []):
        data["consequences"][0]["reveal_to"] = value
        assert errors(scenario_schema(), data) == [], value


def test_library_schema_rejects_scenario_keys():
    data = read(LIBRARIES[0])
    assert errors(library_schema(), {**data, "roles": []})
    assert errors(library_schema(), {**data, "contract": {"meters": ["legitimacy"], "capital": True}})


# --------------------------------------------------------------------------- the linter CI runs


def _linter(name: str) -> str | None:
    """The linter on PATH, or installed beside this Python (a virtualenv not activated)."""
    found = shutil.which(name)
    if found:
        return found
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else None


# How each linter checks files against the schema their #:schema line names, with no network.
LINTERS = {
    "tombi": ["lint", "--offline"],
    "taplo": ["lint", "--no-auto-config"],
}


def _run_linter(name: str, files: list[Path]) -> subprocess.CompletedProcess:
    exe = _linter(name)
    if exe is None:
        pytest.skip(
            f"{name} is not installed (pip install {name}; tombi is in the test extras): "
            "the TOML linter check of the schema is skipped"
        )
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [exe, *LINTERS[name], *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=files[0].parent,
        env=env,
    )


@pytest.mark.parametrize("name", list(LINTERS))
def test_linter_passes_every_bundled_file(name):
    result = _run_linter(name, [*bundled_scenarios(), *LIBRARIES])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", list(LINTERS))
def test_linter_rejects_a_wrong_file(name, tmp_path):
    """Proof the #:schema line really checks: an unknown key and a wrong type fail the linter."""
    shutil.copy(SCENARIO_SCHEMA_PATH, tmp_path / SCENARIO_SCHEMA_NAME)
    good = tmp_path / "good.toml"
    good.write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    result = _run_linter(name, [good])
    assert result.returncode == 0, result.stdout + result.stderr
    text = TUTORIAL.read_text(encoding="utf-8")
    wrong = {
        "unknown key": text.replace("rounds = 4\n", "rounds = 4\nturns = 4\n", 1),
        "wrong type": text.replace("rounds = 4\n", 'rounds = "4"\n', 1),
        "unknown key in an actor": text.replace('kind = "ally"\n', 'kind = "ally"\nsize = 3\n', 1),
        "word not allowed": text + '\n[[instruments]]\nid = "x"\nname = "X"\ncategory = "sneaky"\ntext = "t"\n',
    }
    for what, changed in wrong.items():
        assert changed != text, what
        bad = tmp_path / "bad.toml"
        bad.write_text(changed, encoding="utf-8")
        result = _run_linter(name, [bad])
        assert result.returncode != 0, f"{name} accepted a file with a {what}:\n{result.stdout}{result.stderr}"
