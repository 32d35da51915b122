"""Files written to break the loader: each gets one clean, located error (or plays safely).

Every case starts from the valid harbour fixture and changes one thing, so the
expected line and column are computed from the very text that is checked.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from game.scenario import ScenarioError, bundled_dir, check_scenario, load_scenario, read_scenario_files
from game.scenario.limits import MAX_FILE_BYTES, MAX_FILES, MAX_INCLUDE_DEPTH
from game.session.autoplay import autoplay
from game.session.game import Game

from .hostile import BIG, errors, position, scenario_dir, write_variant

EFFECT = '"portia.access" = "max(1, portia.pressure / 10)"'
INCLUDE = 'include = ["library/instruments.toml"]'
BIG_MESSAGE = "the number 999999... (400 digits) is too large; numbers in a scenario go up to 1,000,000,000"


def only(path: Path):
    found = errors(path)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


# --------------------------------------------------------------------------- huge numbers


@pytest.mark.parametrize("expr", [f"{BIG} * 0.5", f"{BIG} / 3", f"portia.trust - {BIG}"])
def test_huge_number_in_an_effect_is_refused_where_it_is_written(tmp_path, expr):
    path, text = write_variant(tmp_path, EFFECT, f'"portia.access" = "{expr}"')
    d = only(path)
    assert (d.line, d.col) == position(text, BIG)
    assert d.message == BIG_MESSAGE


def test_huge_number_in_a_condition_is_refused(tmp_path):
    path, text = write_variant(tmp_path, 'lose_when = "stability <= 0"', f'lose_when = "stability * {BIG} / 3 <= 0"')
    d = only(path)
    assert (d.line, d.col) == position(text, BIG)
    assert d.message == BIG_MESSAGE


def test_huge_number_in_an_effect_table_is_refused(tmp_path):
    path, text = write_variant(tmp_path, '"stability" = -10 }', f'"stability" = -{BIG} }}')
    d = only(path)
    assert (d.line, d.col) == position(text, "-" + BIG)
    assert d.message.startswith(
        "stability must be between -1,000,000,000 and 1,000,000,000, not a number with 400 digits"
    )


def test_a_number_of_5000_digits_in_a_table(tmp_path):
    """Python refuses to convert it at all; the loader says where it is."""
    path, text = write_variant(tmp_path, "start = 60", "start = " + "9" * 5000)
    d = only(path)
    assert (d.line, d.col) == position(text, "9" * 5000)
    assert d.message == "this number has thousands of digits; numbers in a scenario go up to 1,000,000,000"


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_chance_that_is_not_a_finite_number_is_refused(tmp_path, value):
    path, text = write_variant(tmp_path, "chance = 0.5", f"chance = {value}")
    d = only(path)
    assert (d.line, d.col) == position(text, f"chance = {value}", 9)
    assert d.message == f"chance must be a finite number, not {float(value)}"


def test_largest_allowed_numbers_play_without_overflow(tmp_path):
    """Numbers at the limit, multiplied and divided (by zero too): clamped, never an error."""
    top = "1000000000"
    huge = f"{top} * {top} * {top} / 0.001 - portia.trust / (portia.trust - portia.trust)"
    path, _ = write_variant(
        tmp_path,
        '"portia.access" = -5, "stability" = -3',
        f'"portia.access" = "{huge}", "stability" = "-{top} * {top} * 1.5"',
    )
    scenario = load_scenario(path)
    game = autoplay(Game(scenario, *read_scenario_files(path), seed=3))
    assert game.state.over
    strike = [e for e in game.state.events if e.kind == "crisis_started" and "strike" in e.text.lower()]
    assert strike, [e.kind for e in game.state.events]
    changes = {c.path: c.after for c in strike[0].changes}
    assert changes["portia.access"] == 100 and changes["stability"] == 0  # pinned to max and min
    for meter_path, m in scenario.meters.items():
        assert m.min <= game.state.meters[meter_path] <= m.max


# --------------------------------------------------------------------------- within=


def test_within_with_a_400_digit_number(tmp_path):
    path, text = write_variant(tmp_path, "within=2)", f"within={BIG})")
    d = only(path)
    assert (d.line, d.col) == position(text, BIG)
    assert d.message == BIG_MESSAGE


def test_within_longer_than_any_game(tmp_path):
    path, text = write_variant(tmp_path, "within=2)", "within=101)")
    d = only(path)
    assert (d.line, d.col) == position(text, "within=101")
    assert d.message == "within=101 is more rounds than a scenario can have; the limit is 100"


# --------------------------------------------------------------------------- NUL, deep keys


def test_nul_in_an_include_path(tmp_path):
    path, text = write_variant(tmp_path, INCLUDE, 'include = ["library/instruments.toml\\u0000"]')
    d = only(path)
    assert (d.line, d.col) == position(text, '"library/instruments.toml\\u0000"')
    assert (
        d.message
        == 'include path contains a NUL character; write a plain relative path such as "library/instruments.toml"'
    )


def test_nul_byte_in_the_file(tmp_path):
    path, text = write_variant(tmp_path, 'summary = "Two', 'summary = "T\x00wo')
    d = only(path)
    assert (d.line, d.col) == position(text, "\x00")
    assert d.message == "the file contains a NUL character (byte 0), which a TOML file may not; remove it"


def test_dotted_key_of_a_thousand_parts(tmp_path):
    key = ".".join(["a"] * 1000)
    path, text = write_variant(tmp_path, "[end]\n", f"[end]\n{key} = 1\n")
    d = only(path)
    assert (d.line, d.col) == position(text, key)
    assert d.message == "this dotted key has more than 16 parts (a.b.c...); tables nest at most 16 deep"


def test_dotted_key_of_a_hundred_thousand_parts_is_refused_quickly(tmp_path):
    key = ".".join(["a"] * 100_000)
    path, text = write_variant(tmp_path, "[end]\n", f"[end]\n{key} = 1\n")
    start = time.perf_counter()
    d = only(path)
    assert time.perf_counter() - start < 30  # a hang guard only; benchmarks/hostile_locate.py measures speed
    assert (d.line, d.col) == position(text, key)


def test_dotted_key_inside_a_string_is_only_text(tmp_path):
    words = ".".join(["w"] * 40)
    path, _ = write_variant(
        tmp_path, 'lose_text = "The region slides into conflict."', f'lose_text = """\n{words} = 1\n"""'
    )
    assert errors(path) == []


def test_nesting_deeper_than_the_limit(tmp_path):
    value = "[" * 20 + "1" + "]" * 20
    path, text = write_variant(tmp_path, "[end]\n", f"[end]\nx = {value}\n")
    d = only(path)
    assert (d.line, d.col) == position(text, value, 14)  # the list at depth 16: end, x and 14 lists in
    assert d.message == "tables and lists are nested more than 16 deep here (see Limits in docs/format.md)"


# --------------------------------------------------------------------------- includes


def test_include_of_dev_zero_is_refused_without_reading_it(tmp_path):
    entry = "../" * 30 + "dev/zero"
    path, text = write_variant(tmp_path, INCLUDE, f'include = ["library/instruments.toml", "{entry}"]')
    d = only(path)
    assert (d.line, d.col) == position(text, f'"{entry}"')
    assert d.message == (
        f"include '{entry}' leads outside the scenario's folder; an include must stay in the folder of the scenario "
        "(or a folder below it) or in Demarche's bundled library"
    )


@pytest.mark.skipif(
    not hasattr(os, "symlink") or not Path("/dev/zero").exists(), reason="needs symbolic links and /dev/zero"
)
def test_symlink_to_dev_zero_is_refused(tmp_path):
    path, text = write_variant(tmp_path, INCLUDE, 'include = ["library/instruments.toml", "zero.toml"]')
    (path.parent / "zero.toml").symlink_to("/dev/zero")
    d = only(path)
    assert (d.line, d.col) == position(text, '"zero.toml"')
    assert d.message.startswith("include 'zero.toml' leads outside the scenario's folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_include_of_a_pipe_is_refused_without_blocking(tmp_path):
    path, text = write_variant(tmp_path, INCLUDE, 'include = ["library/instruments.toml", "pipe.toml"]')
    os.mkfifo(path.parent / "pipe.toml")
    d = only(path)
    assert (d.line, d.col) == position(text, '"pipe.toml"')
    assert (
        d.message
        == "include 'pipe.toml' is not a regular file (a device, a pipe or a socket); only TOML files can be read"
    )


def test_include_of_a_folder_is_refused(tmp_path):
    path, text = write_variant(tmp_path, INCLUDE, 'include = ["library/instruments.toml", "library"]')
    d = only(path)
    assert (d.line, d.col) == position(text, '"library"]')
    assert d.message == "include 'library' is a folder, not a file"


def test_include_larger_than_the_limit_is_refused(tmp_path):
    path, text = write_variant(tmp_path, INCLUDE, 'include = ["library/instruments.toml", "big.toml"]')
    (path.parent / "big.toml").write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    d = only(path)
    assert (d.line, d.col) == position(text, '"big.toml"')
    assert d.message == "include 'big.toml' is larger than 2,000,000 bytes, the limit for a scenario file"


def test_scenario_file_larger_than_the_limit(tmp_path):
    path, _ = write_variant(tmp_path, "[end]\n", "[end]\n# " + "x" * MAX_FILE_BYTES + "\n")
    d = only(path)
    assert (d.line, d.col) == (1, 1)
    assert d.message == "the scenario file is larger than 2,000,000 bytes, the limit for a scenario file"


SECRET = 'secret_key = "THE-FIRST-LINE-OF-A-PRIVATE-FILE"\n'


def test_dotdot_include_outside_the_folder_is_refused_and_never_quoted(tmp_path, capsys):
    from game.cli import main

    (tmp_path / "private.toml").write_text(SECRET)
    path, text = write_variant(tmp_path, INCLUDE, 'include = ["library/instruments.toml", "../private.toml"]')
    d = only(path)
    assert (d.line, d.col) == position(text, '"../private.toml"')
    assert d.message.startswith("include '../private.toml' leads outside the scenario's folder")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert "THE-FIRST-LINE" not in out.out + out.err
    assert f"{path}:{d.line}:{d.col}: error: include '../private.toml' leads outside" in out.out


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_out_of_the_folder_is_refused_and_never_quoted(tmp_path, capsys):
    from game.cli import main

    (tmp_path / "private.toml").write_text(SECRET)
    path, text = write_variant(tmp_path, INCLUDE, 'include = ["library/instruments.toml", "lib2.toml"]')
    (path.parent / "lib2.toml").symlink_to(tmp_path / "private.toml")
    d = only(path)
    assert (d.line, d.col) == position(text, '"lib2.toml"')
    assert d.message.startswith("include 'lib2.toml' leads outside the scenario's folder")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert "THE-FIRST-LINE" not in out.out + out.err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_inside_the_folder_is_followed(tmp_path):
    path, _ = write_variant(tmp_path, INCLUDE, 'include = ["linked.toml"]')
    (path.parent / "linked.toml").symlink_to(path.parent / "library" / "instruments.toml")
    assert errors(path) == []


def test_the_bundled_library_may_be_included_from_anywhere(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    library = bundled_dir() / "library" / "instruments.toml"
    entry = Path(os.path.relpath(library, folder)).as_posix()
    text = (
        (bundled_dir() / "tutorial.toml")
        .read_text(encoding="utf-8")
        .replace('"library/instruments.toml"', f'"{entry}"')
    )
    (folder / "tutorial.toml").write_text(text, encoding="utf-8")
    assert [d for d in check_scenario(folder / "tutorial.toml") if d.severity == "error"] == []


def test_too_many_included_files(tmp_path):
    folder = scenario_dir(tmp_path)
    names = [f"lib{i}.toml" for i in range(MAX_FILES - 1)]  # with the library: an include list at its limit
    for name in names:
        (folder / name).write_text("format = 1\n")
    text = (
        (folder / "harbour.toml")
        .read_text()
        .replace(INCLUDE, "include = [" + ", ".join(f'"{n}"' for n in ["library/instruments.toml", *names]) + "]")
    )
    (folder / "harbour.toml").write_text(text)
    d = only(folder / "harbour.toml")
    last = names[MAX_FILES - 2]  # the main file, the library and 30 more make 32: the 31st is one too many
    assert (d.line, d.col) == position(text, f'"{last}"')
    assert d.message == "a scenario and its includes may have at most 32 files; this include is one too many"


def test_includes_nested_too_deep(tmp_path):
    folder = scenario_dir(tmp_path)
    for i in range(MAX_INCLUDE_DEPTH + 1):
        (folder / f"deep{i}.toml").write_text(f'format = 1\ninclude = ["deep{i + 1}.toml"]\n')
    (folder / f"deep{MAX_INCLUDE_DEPTH + 1}.toml").write_text("format = 1\n")
    text = (
        (folder / "harbour.toml").read_text().replace(INCLUDE, 'include = ["library/instruments.toml", "deep0.toml"]')
    )
    (folder / "harbour.toml").write_text(text)
    found = errors(folder / "harbour.toml")
    assert [(Path(d.file).name, d.line, d.col) for d in found] == [(f"deep{MAX_INCLUDE_DEPTH - 2}.toml", 2, 12)]
    assert found[0].message == "includes are nested more than 8 deep (a library including a library ...)"


# --------------------------------------------------------------------------- sizes


def test_rounds_beyond_the_limit(tmp_path):
    path, text = write_variant(tmp_path, "rounds = 6", "rounds = 1000000000000")
    d = only(path)
    assert (d.line, d.col) == position(text, "1000000000000")
    assert d.message == "rounds must be at most 100, not 1,000,000,000,000 (see Limits in docs/format.md)"


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("orders = 2", "orders = 11", "11", "orders must be at most 10, not 11 (see Limits in docs/format.md)"),
        ("delay = 1", "delay = 5000", "5000", "delay must be at most 100, not 5,000 (see Limits in docs/format.md)"),
        (
            "max = 10",
            "max = 10000000",
            "10000000",
            "max must be between -1,000,000 and 1,000,000, not 10,000,000 (see Limits in docs/format.md)",
        ),
        (
            "points = 3",
            "points = -2000000",
            "-2000000",
            "points must be between -1,000,000 and 1,000,000, not -2,000,000 (see Limits in docs/format.md)",
        ),
        (
            'id = "portia"',
            'id = "' + "p" * 65 + '"',
            '"ppp',
            "id is 65 characters long; the limit for characters of an id is 64 (see Limits in docs/format.md)",
        ),
        (
            'summary = "Two',
            'summary = "' + "x" * 20_001 + "Two",
            '"xxx',
            "summary is 20,050 characters long; the limit for characters of any text is 20,000 "
            "(see Limits in docs/format.md)",
        ),
        (
            "[meters.legitimacy]",
            "[meters." + "m" * 65 + "]",
            "[meters.mmm",
            "a key of 65 characters; the limit for characters of a meter's name is 64 (see Limits in docs/format.md)",
        ),
    ],
)
def test_values_beyond_a_limit(tmp_path, old, new, needle, message):
    path, text = write_variant(tmp_path, old, new)
    d = only(path)
    assert (d.line, d.col) == position(text, needle)
    assert d.message == message


def test_too_many_roles(tmp_path):
    extra = "".join(f'\n[[roles]]\nid = "r{i}"\nname = "R{i}"\n' for i in range(11))
    path, text = write_variant(tmp_path, '[[actors]]\nid = "portia"', extra + '\n[[actors]]\nid = "portia"')
    d = only(path)
    assert (d.line, d.col) == position(text, '[[roles]]\nid = "r10"')  # the 13th role
    assert d.message == "[[roles]] has 13 entries; the limit for roles is 12 (see Limits in docs/format.md)"


def test_one_line_array_of_50000_entries_locates_every_error(tmp_path):
    """The location index is linear: a 50,000-entry line and an error elsewhere, both placed exactly."""
    entries = ", ".join(['"When?"'] * 50_000)
    path, text = write_variant(tmp_path, 'debrief = ["When did pressure cost you trust?"]', f"debrief = [{entries}]")
    text = text.replace("seed = 42", "seed = 5000000000")
    path.write_text(text)
    start = time.perf_counter()
    found = errors(path)
    assert time.perf_counter() - start < 60  # a hang guard only; benchmarks/hostile_locate.py measures speed
    assert [(d.line, d.col) for d in found] == [
        position(text, "5000000000"),
        position(text, '"When?"', 1000 * len('"When?", ')),
    ]
    assert (
        found[0].message
        == "seed must be between -1,000,000,000 and 1,000,000,000, not 5,000,000,000 (see Limits in docs/format.md)"
    )
    assert found[1].message == (
        "'scenario.debrief' has 50,000 entries; the limit for entries of any other list or table is 1,000 "
        "(see Limits in docs/format.md)"
    )


def test_a_huge_save_text_is_refused_like_a_file():
    from game.scenario import load_scenario_files

    with pytest.raises(ScenarioError) as caught:
        load_scenario_files({"s.toml": "# " + "x" * MAX_FILE_BYTES}, "s.toml")
    assert [(d.line, d.col, d.message) for d in caught.value.errors] == [
        (1, 1, "the file is larger than 2,000,000 bytes, the limit for a scenario file")
    ]


def test_a_game_too_long_to_play(tmp_path):
    """Each bound alone is fine; together they would make every condition read a huge history."""
    path, text = write_variant(tmp_path, "rounds = 6", "rounds = 100")
    text = text.replace("orders = 2", "orders = 10").replace(
        '[[actors]]\nid = "portia"', '[[roles]]\nid = "third"\nname = "Third"\n\n[[actors]]\nid = "portia"', 1
    )
    path.write_text(text)
    d = only(path)
    assert (d.line, d.col) == position(text, "100")
    assert d.message == (
        "100 rounds x 3 roles x 10 orders make 3,000 orders in one game; the limit is 2,000 "
        "(see Limits in docs/format.md)"
    )
