"""The uncertainty keys in a file: ranges, outcome tables, estimate and sharpened_by.

Each mistake is reported at its file:line:col with a suggestion, and each way of writing them that
can never draw or hide anything is a lint warning at the key to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario import check_scenario_files, load_scenario

FIXTURE = Path(__file__).parents[1] / "rules" / "fixtures" / "uncertainty.toml"
TEXT = FIXTURE.read_text()


def where(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def diagnostics(text: str, lint: bool = False):
    _, found = check_scenario_files({"fog.toml": text}, "fog.toml", lint=lint)
    return found


def test_the_fixture_loads_clean_and_compiles_every_key():
    assert [d for d in diagnostics(TEXT, lint=True)] == []
    sc = load_scenario(FIXTURE)
    probe = sc.instrument("probe")
    assert [(e.path, e.span) for e in probe.effects] == [("tension", (1, 6)), ("target.resolve", (-4, 4))]
    assert probe.effects[0].value.fn(None) == 3.5  # analyses and bots read the middle
    assert [(o.weight, o.text) for o in probe.outcomes] == [
        (3.0, "The patrol passes quietly."),
        (1.0, "Shots are fired."),
    ]
    assert [len(o.effects) for o in sc.consequence("flare").outcomes] == [1, 2, 0]
    tension = sc.meters["tension"]
    assert (tension.estimate, tension.sharpened_by) == (12, "intel")
    assert sc.meters["rivalia.resolve"].estimate == 10 and sc.meters["calm"].estimate == 0


MISTAKES = [
    # (text replaced, replacement, where the error points, words of its message[, its suggestion])
    ("tension = [1, 6]", "tension = [6, 1]", "[6, 1]", ["low <= high", "[6, 1]"], "[1, 6]"),
    ("tension = [1, 6]", "tension = [1, 6, 9]", "[1, 6, 9]", ["a range of two whole numbers", "[low, high]"]),
    ("tension = [1, 6]", "tension = [1, 6.5]", "6.5]", ["must be a whole number"]),
    ("weight = 3\n", "weight = 0\n", "0\n", ["weight must be more than 0"]),
    (
        'sharpened_by = "intel"',
        'sharpened_by = "intl"',
        '"intl"',
        ["no role meter 'intl'", "role meters here: intel"],
        "intel",
    ),
    ("estimate = 12\n", "estimate = 0\n", "0\n", ["estimate", "must be 1 or more"]),
    ("estimate = 12\n", "", "sharpened_by", ["has no estimate", "add estimate = N"]),
    ('effects = { "self.intel" = [3, 5] }', 'effects = { "self.intel" = [3, "5"] }', '"5"', ["whole number"]),
]


@pytest.mark.parametrize(
    "old, new, at, words, suggestion", [(*m, None)[:5] for m in MISTAKES], ids=[m[1] for m in MISTAKES]
)
def test_each_mistake_is_reported_at_its_place(old, new, at, words, suggestion):
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    errors = [d for d in diagnostics(text) if d.severity == "error"]
    assert len(errors) == 1, "\n".join(map(str, errors))
    d = errors[0]
    start = text.index(new)
    i = text.index(at, start)
    assert (d.line, d.col) == (text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1), str(d)
    for word in words:
        assert word in d.message, f"{word!r} not in {d.message!r}"
    assert d.suggestion == suggestion


WARNINGS = [
    ('good = "low"\n', 'good = "low"\nvisibility = "facilitator"\n', "estimate = 12", ["no seat sees it"]),
    ("estimate = 10\n", "estimate = 100\n", "100\n", ["spans its whole range", "0..100"]),
    ("calm = [0, 2]", "calm = [2, 2]", "[2, 2]", ["always gives 2"]),
]


@pytest.mark.parametrize("old, new, at, words", WARNINGS, ids=["hidden", "whole range", "fixed range"])
def test_a_key_that_never_does_anything_is_warned_about(old, new, at, words, tmp_path):
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    found = diagnostics(text, lint=True)
    assert [d.severity for d in found] == ["warning"], "\n".join(map(str, found))
    d = found[0]
    assert (d.line, d.col) == where(text, at), str(d)
    for word in words:
        assert word in d.message


def test_an_outcome_table_of_one_is_warned_about():
    start = TEXT.index("[[instruments.outcomes]]\nweight = 1")
    end = TEXT.index('[[instruments]]\nid = "talk"')
    text = TEXT[:start] + TEXT[end:]  # probe keeps only its first outcome
    found = diagnostics(text, lint=True)
    assert len(found) == 1 and "one outcome always draws it" in found[0].message
    assert (found[0].line, found[0].col) == where(text, "outcomes]]")


def test_demarche_validate_prints_the_error_with_file_line_col(tmp_path, capsys):
    path = tmp_path / "fog.toml"
    path.write_text(TEXT.replace("tension = [1, 6]", "tension = [6, 1]"))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    line, col = where(path.read_text(), "[6, 1]")
    assert f"fog.toml:{line}:{col}: error: a range is [low, high] with low <= high" in out.out + out.err
