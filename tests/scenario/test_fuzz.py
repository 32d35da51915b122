"""Random damage to the bundled scenarios: the loader answers with a scenario or a ScenarioError.

Never another exception, never a hang: byte flips, deleted, duplicated and
swapped lines, huge numbers, deep nesting and long dotted keys are applied to
real scenario text. And whatever still validates plays a few rounds with
random bots without raising.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.rules.expr import MAX_NUMBER
from game.scenario import ScenarioError, bundled_dir, bundled_scenarios, check_scenario, check_scenario_files
from game.session.autoplay import play_round, seat_bots
from game.session.game import Game

LIBRARY_KEY = "library/instruments.toml"
LIBRARY = (bundled_dir() / "library" / "instruments.toml").read_text(encoding="utf-8")
SCENARIOS = {p.name: p.read_text(encoding="utf-8") for p in bundled_scenarios()}
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
# Lines where any number is allowed: effect amounts and expressions.
FREE = re.compile(r"^\s*(?:effects|ongoing|when|requires|ends_when|lose_when|\"[\w.]+\")\s*=.*$", re.M)

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

odd_chars = st.sampled_from(
    list("\x00\x1b\x7f\n\r\t\"'[]{}=.,#\\9-") + ["é", "\u202e", "\ufeff", "nan", "inf", "1e400", '"""', "[[", "]]"]
)
huge = st.sampled_from(
    [
        "9" * 400,
        "9" * 5000,
        "0x" + "f" * 5000,
        "1" + "0" * 30,
        "-" + "9" * 50,
        "1e400",
        "nan",
        "-inf",
        "1000000001",
        "4294967296",
        "0.0000000001",
    ]
)


def mutations():
    """One mutation: (kind, where in [0, 1), what)."""
    where = st.floats(0, 1, exclude_max=True)
    return st.one_of(
        st.tuples(st.just("char"), where, odd_chars),
        st.tuples(st.just("delete_line"), where, st.just("")),
        st.tuples(st.just("duplicate_line"), where, st.just("")),
        st.tuples(st.just("swap_lines"), where, st.floats(0, 1, exclude_max=True).map(str)),
        st.tuples(st.just("number"), where, huge),
        st.tuples(st.just("nest"), where, st.integers(1, 3000).map(lambda d: "x = " + "[" * d + "]" * d)),
        st.tuples(st.just("nest"), where, st.integers(1, 400).map(lambda d: "x = " + "{a = " * d + "1" + "}" * d)),
        st.tuples(st.just("nest"), where, st.integers(2, 5000).map(lambda d: ".".join(["k"] * d) + " = 1")),
        st.tuples(st.just("nest"), where, st.integers(2, 300).map(lambda d: "[" + ".".join(["t"] * d) + "]")),
    )


def mutate(text: str, kind: str, where: float, what: str) -> str:
    lines = text.split("\n")
    k = int(where * len(lines))
    if kind == "char":
        i = int(where * len(text))
        return text[:i] + what + text[i + 1 :]
    if kind == "delete_line":
        del lines[k]
    elif kind == "duplicate_line":
        lines.insert(k, lines[k])
    elif kind == "swap_lines":
        j = int(float(what) * len(lines))
        lines[k], lines[j] = lines[j], lines[k]
    elif kind in ("number", "free_number"):
        spans = [m.span() for m in FREE.finditer(text)] if kind == "free_number" else [(0, len(text))]
        numbers = [m for a, b in spans for m in NUMBER.finditer(text, a, b)]
        if numbers:
            m = numbers[int(where * len(numbers))]
            return text[: m.start()] + what + text[m.end() :]
    elif kind == "nest":
        lines.insert(k, what)
    return "\n".join(lines)


@FUZZ
@given(st.sampled_from(sorted(SCENARIOS)), st.booleans(), st.lists(mutations(), min_size=1, max_size=4))
def test_damaged_text_loads_or_is_a_scenario_error(name, in_library, changes):
    files = {name: SCENARIOS[name], LIBRARY_KEY: LIBRARY}
    target = LIBRARY_KEY if in_library else name
    for change in changes:
        files[target] = mutate(files[target], *change)
    try:
        scenario, diagnostics = check_scenario_files(files, name, lint=True)
    except ScenarioError:
        return
    assert scenario is not None or any(d.severity == "error" for d in diagnostics)
    for d in diagnostics:
        assert d.line >= 1 and d.col >= 1


@pytest.mark.parametrize("depth", [600, 994, 3000])
@pytest.mark.parametrize("opening", ["[", "{a = "])
def test_values_nested_too_deep_are_an_error_at_their_line(depth, opening):
    """Deeper than the reader's copy of them follows (the fuzz test met 994 nested arrays), or than tomli."""
    closing = "]" if opening == "[" else "}"
    text = SCENARIOS["tutorial.toml"] + "\nx = " + opening * depth + ("" if opening == "[" else "1") + closing * depth
    _, diagnostics = check_scenario_files({"tutorial.toml": text, LIBRARY_KEY: LIBRARY}, "tutorial.toml")
    (deep,) = [d for d in diagnostics if "nested too deeply" in d.message]
    assert deep.severity == "error" and (deep.line, deep.col) == (text.count("\n") + 1, 5)


_TMP = tempfile.TemporaryDirectory(prefix="demarche-fuzz-")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=6))
def test_flipped_bytes_on_disk_give_diagnostics(flips):
    """Bytes, not characters: invalid UTF-8 and NUL bytes included."""
    folder = Path(_TMP.name)
    (folder / "library").mkdir(exist_ok=True)
    (folder / LIBRARY_KEY).write_text(LIBRARY, encoding="utf-8")
    data = bytearray(SCENARIOS["tutorial.toml"].encode("utf-8"))
    for where, byte in flips:
        data[int(where * len(data))] = byte
    path = folder / "tutorial.toml"
    path.write_bytes(bytes(data))
    for d in check_scenario(path, lint=True):  # never raises: every problem is a diagnostic
        assert d.line >= 1 and d.col >= 1


bounded_numbers = st.one_of(
    st.integers(-MAX_NUMBER, MAX_NUMBER),
    st.sampled_from([0, 1, -1, MAX_NUMBER, -MAX_NUMBER, 100, 1_000_000]),
    st.floats(-1000, 1000).map(lambda x: round(x, 3)),
).map(str)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SCENARIOS)),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), bounded_numbers), min_size=1, max_size=8),
    st.integers(0, 2**32),
)
def test_whatever_validates_plays_with_random_bots(name, changes, seed):
    """Effect amounts and numbers inside expressions changed to anything within the limits."""
    files = {name: SCENARIOS[name], LIBRARY_KEY: LIBRARY}
    for where, number in changes:
        files[name] = mutate(files[name], "free_number", where, number)
        files[LIBRARY_KEY] = mutate(files[LIBRARY_KEY], "free_number", (where + 0.5) % 1, number)
    scenario, _ = check_scenario_files(files, name)
    if scenario is None:
        return
    game = Game(scenario, files, name, seed)
    bots = seat_bots(game, "random")
    for _ in range(3):
        if game.state.over:
            break
        play_round(game, bots)
    for path, meter in scenario.meters.items():
        assert meter.min <= game.state.meters[path] <= meter.max
