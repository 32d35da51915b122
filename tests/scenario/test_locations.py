"""The tree-sitter key index: key paths to 1-based line and column of key and value."""

from __future__ import annotations

from game.scenario.locations import KeyIndex


def pos(index: KeyIndex, *path):
    loc = index.get(path)
    assert loc is not None, f"{path} not indexed; have {sorted(map(str, index.locs))}"
    return (loc.key_line, loc.key_col), (loc.value_line, loc.value_col)


def test_plain_pairs_and_tables():
    idx = KeyIndex('format = 1\n\n[meters.stability]\nlabel = "Stability"\nstart = 60\n')
    assert pos(idx, "format") == ((1, 1), (1, 10))
    assert pos(idx, "meters", "stability") == ((3, 1), (3, 1))  # a table: its header
    assert pos(idx, "meters", "stability", "start") == ((5, 1), (5, 9))
    assert idx.key_position(("meters", "stability", "max")) == (3, 1)  # missing key: its table


def test_dotted_keys():
    idx = KeyIndex('[[actors]]\nid = "a"\nmeters.trust = 70\n  meters . "in.flux" = 3\n')
    assert pos(idx, "actors", 0, "meters", "trust") == ((3, 8), (3, 16))
    assert pos(idx, "actors", 0, "meters") == ((3, 1), (3, 1))
    assert pos(idx, "actors", 0, "meters", "in.flux") == ((4, 12), (4, 24))


def test_quoted_keys_are_one_key():
    idx = KeyIndex('effects = { "target.abuses" = -3, \'self.capital\' = "=2" }\n')
    assert pos(idx, "effects", "target.abuses") == ((1, 13), (1, 31))
    assert pos(idx, "effects", "self.capital") == ((1, 35), (1, 52))
    assert idx.get(("effects", "target")) is None
    # An offset inside a quoted key counts from after the quote.
    assert idx.key_text_position(("effects", "target.abuses"), 7) == (1, 21)


def test_inline_tables_and_arrays():
    idx = KeyIndex('x = { a = [1, { b = "c" }, [2, 3]], d = { e = 4 } }\n')
    assert pos(idx, "x", "a", 0) == ((1, 12), (1, 12))
    assert pos(idx, "x", "a", 1, "b") == ((1, 17), (1, 21))
    assert pos(idx, "x", "a", 2, 1) == ((1, 32), (1, 32))
    assert pos(idx, "x", "d", "e") == ((1, 43), (1, 47))


def test_nested_arrays_of_tables_attach_to_the_last_parent():
    text = "\n".join(
        [
            "[[roles]]",  # 1
            'id = "a"',  # 2
            "[[roles.objectives]]",  # 3
            'id = "a1"',  # 4
            "[[roles.objectives]]",  # 5
            'when = "x > 1"',  # 6
            "[[roles]]",  # 7
            'id = "b"',  # 8
            "[[roles.objectives]]",  # 9
            'id = "b1"',  # 10
            "[roles.extra]",  # 11
            "k = 1",  # 12
            "",
        ]
    )
    idx = KeyIndex(text)
    assert pos(idx, "roles", 0) == ((1, 1), (1, 1))
    assert pos(idx, "roles", 0, "objectives", 1, "when") == ((6, 1), (6, 8))
    assert pos(idx, "roles", 1, "id") == ((8, 1), (8, 6))
    assert pos(idx, "roles", 1, "objectives", 0, "id") == ((10, 1), (10, 6))
    assert pos(idx, "roles", 1, "extra", "k") == ((12, 1), (12, 5))
    assert idx.get(("roles", 1, "objectives", 1)) is None


def test_columns_count_characters_not_bytes():
    idx = KeyIndex('t = { "é" = 1, f = "ü", g = 2 }\nname = "Démarche" \n')
    assert pos(idx, "t", "g") == ((1, 25), (1, 29))
    assert pos(idx, "t", "é") == ((1, 7), (1, 13))
    assert idx.string_position(("name",), 2) == (2, 11)


def test_string_offsets():
    idx = KeyIndex("a = 'lit x'\nb = \"esc\\t x\"\nc = \"\"\"\nline one\n  two x\"\"\"\nd = '''inline x'''\n")
    assert idx.string_position(("a",), 4) == (1, 10)  # literal: after the quote
    assert idx.string_position(("b",), 5) == (2, 12)  # \t is two characters in the file, one in the value
    assert idx.string_position(("c",), 11) == (5, 3)  # multi-line: first newline trimmed
    assert idx.string_position(("d",), 7) == (6, 15)


def test_duplicates_are_recorded():
    idx = KeyIndex('[scenario]\nid = "a"\nid = "b"\n')
    ((path, first, second),) = idx.duplicates
    assert path == ("scenario", "id") and first.key_line == 2 and second.key_line == 3
    assert KeyIndex("[a.b]\nx = 1\n[a]\ny = 2\n").duplicates == []  # implicit then explicit is fine
