"""News that repeats, as authors write it: a text or a list of texts in a consequence's reveal and a
response's text; an empty list and an unknown {placeholder} are errors at the place they are written;
the JSON Schema accepts both forms (tests/rules/fixtures/news.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from game.scenario import check_scenario_files
from game.scenario.schema import scenario_schema

FIXTURE = Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "news.toml"
TEXT = FIXTURE.read_text()


def problems(text: str) -> list:
    _, diagnostics = check_scenario_files({"news.toml": text}, "news.toml")
    return [d for d in diagnostics if d.severity == "error"]


def line_col(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle``'s first character in ``text``."""
    at = text.index(needle)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def test_the_fixture_loads_with_lists_and_plain_texts():
    sc, diagnostics = check_scenario_files({"news.toml": TEXT}, "news.toml")
    assert sc is not None, "\n".join(map(str, diagnostics))
    assert sc.consequence("quiet").reveal[2] == "More quiet progress in Port Aven ({times} rounds of it)."
    assert sc.consequence("plain").reveal == "The same paragraph, again."
    assert sc.actor("aven").responses[0].text == (
        "Port Aven takes note.",
        "Port Aven takes note again ({times} times now).",
    )


def test_an_empty_list_is_an_error_at_the_key():
    text = TEXT.replace('reveal = "The same paragraph, again."', "reveal = []")
    [error] = problems(text)
    assert "reveal is an empty list of texts" in error.message
    assert (error.line, error.col) == line_col(text, "[]")


def test_an_unknown_placeholder_is_an_error_inside_the_string_with_a_suggestion():
    text = TEXT.replace("({times} rounds of it)", "({time} rounds of it)")
    [error] = problems(text)
    assert error.message == "unknown placeholder {time}; this text may use only {times}"
    assert error.suggestion == "{times}"
    assert (error.line, error.col) == line_col(text, "{time}")
    assert str(error).startswith(f"news.toml:{error.line}:{error.col}: error: unknown placeholder {{time}}")


def test_placeholders_are_checked_in_plain_texts_outcomes_and_responses():
    text = (
        TEXT.replace("for the {times}. time", "for the {count}. time")
        .replace('text = "({times} so far.)"', 'text = "({tmes} so far.)"')
        .replace("again ({times} times now)", "again ({against} now)")
    )
    errors = problems(text)
    assert [e.message.split(";")[0] for e in errors] == [  # in file order: the response comes first
        "{against} is the name of the role a response is aimed at, and this one has no against",
        "unknown placeholder {count}",
        "unknown placeholder {tmes}",
    ]
    by_line = {e.line: e for e in errors}
    assert by_line[line_col(text, "{tmes}")[0]].suggestion == "{times}"
    assert by_line[line_col(text, "{count}")[0]].suggestion is None
    for e in errors:
        assert (e.line, e.col) in {line_col(text, n) for n in ("{tmes}", "{count}", "{against}")}


def test_against_is_known_in_a_response_with_against():
    text = TEXT.replace(
        'effects = { "noise" = 1 }\ntext = [',
        'against = "used(by=\'self\', within=1)"\neffects = { "noise" = 1 }\ntext = [',
    ).replace("again ({times} times now)", "again, with the {against} ({times} times now)")
    assert problems(text) == []


def test_other_braces_are_left_alone():
    assert problems(TEXT.replace("The same paragraph, again.", "A {} pair and { spaced } braces.")) == []


@pytest.mark.parametrize("value", ['"one text"', '["first", "second"]'])
def test_the_schema_accepts_a_text_or_a_list(value):
    jsonschema = pytest.importorskip("jsonschema")
    text = TEXT.replace('reveal = "The same paragraph, again."', f"reveal = {value}").replace(
        'text = ["Port Aven takes note.", "Port Aven takes note again ({times} times now)."]', f"text = {value}"
    )
    assert list(jsonschema.Draft7Validator(scenario_schema()).iter_errors(tomllib.loads(text))) == []


@pytest.mark.parametrize("value", ["[]", "3", "[1, 2]"])
def test_the_schema_refuses_an_empty_list_or_other_values(value):
    jsonschema = pytest.importorskip("jsonschema")
    data = tomllib.loads(TEXT.replace('reveal = "The same paragraph, again."', f"reveal = {value}"))
    assert list(jsonschema.Draft7Validator(scenario_schema()).iter_errors(data)) != []
    assert problems(TEXT.replace('reveal = "The same paragraph, again."', f"reveal = {value}")) != []
