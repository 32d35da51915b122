"""More checks, on small texts: each error must land exactly where the mistake is written."""

from __future__ import annotations

import pytest

from game.scenario import (
    ScenarioError,
    check_scenario,
    check_scenario_files,
    load_scenario_files,
)

BASE = """format = 1

[scenario]
id = "t"
title = "Test"
rounds = 3

[meters.stability]
label = "Stability"
start = 50

[actor_meters.trust]
label = "Trust"
start = 50

[role_meters.capital]
label = "Capital"
start = 3

[[roles]]
id = "foreign"
name = "Foreign Ministry"

[[actors]]
id = "veyra"
name = "Veyra"
kind = "ally"
at = [0.5, 0.5]
"""


def where(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``needle`` (plus ``offset`` characters) in ``text``."""
    i = text.index(needle) + offset
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def diagnostics(text: str, **other_files):
    files = {"s.toml": text, **{k.replace("__", "/").replace("_toml", ".toml"): v for k, v in other_files.items()}}
    return [d for d in check_scenario_files(files, "s.toml")[1] if d.severity == "error"]


def one(text: str, **other_files):
    found = diagnostics(text, **other_files)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_base_is_valid():
    assert check_scenario_files({"s.toml": BASE}, "s.toml")[1] == []


def test_duplicate_key_is_a_syntax_error_at_the_second_key():
    text = BASE.replace('title = "Test"', 'title = "Test"\ntitle = "Again"')
    d = one(text)
    assert (d.line, d.col) == where(text, 'title = "Again"')
    assert "'scenario.title' is defined twice (first at line 5)" in d.message


def test_unclosed_string_points_where_it_starts():
    text = BASE.replace('name = "Veyra"', 'name = """Veyra')
    d = one(text)
    assert (d.line, d.col) == where(text, '"""Veyra')
    assert d.message == 'TOML syntax: this string is never closed; add """ where it should end'


def test_unclosed_array_points_where_it_starts():
    text = BASE.replace("at = [0.5, 0.5]", "at = [0.5,\n  0.5\n")
    d = one(text)
    assert (d.line, d.col) == where(text, "[0.5,")
    assert "this array is never closed; add ]" in d.message


def test_expression_offsets_in_literal_escaped_and_set_strings():
    text = (
        BASE
        + """
[[crises]]
id = "c1"
title = "C"
text = "t"
when = 'stabilty < 10'
effects = { "stability" = "=stabilty", "veyra.trust" = "-\\u0031 + trust" }
"""
    )
    found = diagnostics(text)
    assert [(d.line, d.col) for d in found] == [
        where(text, "stabilty < 10"),
        where(text, 'stabilty"'),
        where(text, 'trust" }'),
    ]
    assert found[0].suggestion == "stability" and found[1].suggestion == "stability"
    assert "unknown meter 'trust'" in found[2].message


def test_multiline_expression_offset():
    text = (
        BASE
        + '''
[end]
lose_when = """
stability <= 0
  or veyra.trst < 5"""
'''
    )
    d = one(text)
    assert (d.line, d.col) == where(text, "trst < 5")


def test_condition_must_be_a_condition_and_effect_a_number():
    text = (
        BASE
        + """
[[consequences]]
id = "q"
when = "stability + 1"
effects = { "stability" = "stability > 3" }
"""
    )
    first, second = diagnostics(text)
    assert (first.line, first.col) == where(text, "stability + 1")
    assert "must be a condition" in first.message
    assert "must be a number" in second.message


def test_unknown_key_deep_inside_gets_a_suggestion():
    text = BASE.replace(
        'name = "Foreign Ministry"',
        'name = "Foreign Ministry"\n\n'
        '[[roles.objectives]]\nid = "o"\ntext = "t"\nwhen = "true"\npoints = 2\nwhen_text = "x"',
    )
    d = one(text)
    assert (d.line, d.col) == where(text, "when_text")
    assert "unknown key 'when_text' in [[roles.objectives]]" in d.message


def test_actor_meter_override_must_be_declared():
    text = BASE.replace("at = [0.5, 0.5]", "at = [0.5, 0.5]\nmeters = { trust = 20, trsut = 3 }")
    d = one(text)
    assert (d.line, d.col) == where(text, "trsut")
    assert "'trsut' is not an actor meter" in d.message and d.suggestion == "trust"


def test_ids_share_one_namespace():
    text = BASE.replace("[meters.stability]", "[meters.veyra]")
    d = one(text)
    assert (d.line, d.col) == where(text, '"veyra"', 0)
    assert "actor id 'veyra' is also a global meter" in d.message


def test_id_syntax():
    text = BASE.replace('id = "foreign"', 'id = "foreign-office"')
    d = one(text)
    assert (d.line, d.col) == where(text, '"foreign-office"')
    assert "only letters, digits and _" in d.message


def test_instrument_checks():
    text = (
        BASE
        + """
[[instruments]]
id = "statement"
name = "Statement"
category = "publik"
text = "t"
visibility = "secret"
targets = ["aly"]
"""
    )
    found = diagnostics(text)
    assert [(d.line, d.col) for d in found] == [where(text, '"publik"'), where(text, '"secret"'), where(text, '"aly"')]
    assert found[0].suggestion == "public" and "category must be one of private, public" in found[0].message
    assert found[2].message == "no actor of kind 'aly'; actor kinds here: ally" and found[2].suggestion == "ally"


def test_cost_needs_a_capital_role_meter():
    text = (
        BASE.replace('[role_meters.capital]\nlabel = "Capital"\nstart = 3\n', "")
        + """
[[instruments]]
id = "statement"
name = "Statement"
category = "public"
text = "t"
cost = 2
"""
    )
    d = one(text)
    assert (d.line, d.col) == where(text, "2\n", 0)
    assert "no role meter 'capital'" in d.message and "[role_meters.capital]" in d.message


def test_crisis_ranges_and_start():
    text = (
        BASE
        + """
[[crises]]
id = "never"
title = "Never"
text = "t"
lasts = 0

[[crises]]
id = "late"
title = "Late"
text = "t"
round = 0
chance = -0.1
"""
    )
    found = diagnostics(text)
    assert [(d.line, d.col) for d in found] == [
        where(text, "[[crises]]"),
        where(text, "lasts = 0", 8),
        where(text, "round = 0", 8),
        where(text, "-0.1"),
    ]
    assert "never starts" in found[0].message
    assert "lasts must be 1 or more" in found[1].message
    assert "round must be between 1 and 3" in found[2].message


def test_reveal_to_single_role_as_text():
    text = BASE + '\n[[consequences]]\nid = "q"\nwhen = "true"\nreveal_to = "foreign"\n'
    d = one(text)
    assert (d.line, d.col) == where(text, 'reveal_to = "foreign"', 12)
    assert 'for one role write ["foreign"]' in d.message


def test_library_errors_are_located_in_the_library_with_advice():
    text = BASE.replace("rounds = 3", 'rounds = 3\ninclude = ["lib/tools.toml"]')
    lib = (
        'format = 1\n\n[[instruments]]\nid = "aid"\nname = "Aid"\ncategory = "humanitarian"\ntext = "t"\n'
        'targets = ["ally"]\neffects = { "target.pressure" = 3 }\n'
    )
    d = one(text, lib__tools_toml=lib)
    assert d.file == "lib/tools.toml"
    assert (d.line, d.col) == where(lib, "pressure")
    assert "a scenario that includes lib/tools.toml must declare it" in d.message


def test_duplicate_instrument_across_files():
    text = (
        BASE.replace("rounds = 3", 'rounds = 3\ninclude = ["lib.toml"]')
        + '\n[[instruments]]\nid = "aid"\nname = "Aid"\ncategory = "humanitarian"\ntext = "t"\n'
    )
    lib = 'format = 1\n[[instruments]]\nid = "aid"\nname = "Aid"\ncategory = "humanitarian"\ntext = "t"\n'
    d = one(text, lib_toml=lib)
    assert d.file == "s.toml" and (d.line, d.col) == where(text, '"aid"')
    assert "duplicate instrument id 'aid' (first defined at lib.toml:3)" in d.message


def test_explicitly_listing_an_unusable_library_instrument():
    text = BASE.replace("rounds = 3", 'rounds = 3\ninclude = ["lib.toml"]').replace(
        'name = "Foreign Ministry"', 'name = "Foreign Ministry"\ninstruments = ["speech"]'
    )
    lib = (
        'format = 1\n[[instruments]]\nid = "speech"\nname = "Speech"\ncategory = "multilateral"\ntext = "t"\n'
        'targets = ["forum"]\n'
    )
    d = one(text, lib_toml=lib)
    assert (d.line, d.col) == where(text, '"speech"')
    assert "targets only kinds no actor here has" in d.message


def test_library_with_scenario_keys_and_wrong_format():
    text = BASE.replace("rounds = 3", 'rounds = 3\ninclude = ["lib.toml"]')
    found = diagnostics(text, lib_toml='format = 2\n[scenario]\nid = "x"\n')
    assert [(d.file, d.line, d.col) for d in found] == [("lib.toml", 1, 10), ("lib.toml", 2, 1)]
    assert "format 2 is not supported" in found[0].message
    assert "an included library holds only format, include, [contract] and [[instruments]]" in found[1].message


def test_include_must_be_relative():
    text = BASE.replace("rounds = 3", 'rounds = 3\ninclude = ["/etc/lib.toml"]')
    d = one(text)
    assert (d.line, d.col) == where(text, '"/etc')
    assert "relative" in d.message


def test_players_range_and_no_roles():
    text = BASE.replace("rounds = 3", "rounds = 3\nplayers = [2, 1]")
    d = one(text)
    assert (d.line, d.col) == where(text, "[2, 1]")
    d = one(BASE.replace('[[roles]]\nid = "foreign"\nname = "Foreign Ministry"\n', ""))
    assert "no roles" in d.message


def test_empty_file():
    found = diagnostics("")
    assert [d.message for d in found] == [
        "the file is missing the required 'format = 1' line",
        "the file is missing the required [scenario] table",
    ]


def test_bad_entries_do_not_hide_the_others_errors():
    # The first actor is structurally broken; the second's mistake is still reported,
    # and expressions naming the broken actor do not cause extra errors.
    text = BASE.replace("at = [0.5, 0.5]", 'at = "centre"') + (
        '\n[[actors]]\nid = "ostra"\nname = "Ostra"\nkind = "ally"\nat = [2, 0]\n\n'
        '[end]\nlose_when = "veyra.trust < 1"\n'
    )
    found = diagnostics(text)
    assert [(d.line, d.col) for d in found] == [where(text, '"centre"'), where(text, "2, 0]")]
    assert found[0].message == 'at must be a list of 2 numbers like [0.5, 0.5], not the text "centre"'


def test_not_utf8_file_is_reported_with_position(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(b'format = 1\n[scenario]\ntitle = "D\xe9marche"\n')
    [d] = check_scenario(path)
    assert (d.line, d.col) == (3, 11) and "UTF-8" in d.message


def test_missing_scenario_file(tmp_path):
    [d] = check_scenario(tmp_path / "nope.toml")
    assert "not found" in d.message
    with pytest.raises(ScenarioError):
        load_scenario_files({}, "nope.toml")


def test_file_names_are_shown_under_the_folder_the_user_named():
    with pytest.raises(ScenarioError) as info:
        load_scenario_files({"s.toml": BASE.replace("rounds = 3", "rounds = 0")}, "s.toml", root="scenarios")
    [d] = info.value.errors
    assert str(d) == "scenarios/s.toml:6:10: error: rounds must be 1 or more, not 0"
    assert "scenarios/s.toml" in info.value.files


def test_no_traceback_on_damaged_files():
    """Delete each line, or swap its value for one of the wrong type: always diagnostics, never a crash."""
    import re

    from game.scenario import read_scenario_files

    from .support import VALID

    files, main = read_scenario_files(VALID)
    for key, text in files.items():
        lines = text.split("\n")
        for i, line in enumerate(lines):
            variants = [lines[:i] + lines[i + 1 :]]
            m = re.match(r"^(\s*[\w.\"]+\s*=\s*)", line)
            if m:
                value = ("[]", '"x"', "{ a = 1 }", "1.5")[i % 4]
                variants.append(lines[:i] + [m.group(1) + value] + lines[i + 1 :])
            for variant in variants:
                scenario, found = check_scenario_files(dict(files, **{key: "\n".join(variant)}), main)
                assert scenario is not None or any(d.severity == "error" for d in found)


def test_warnings_do_not_stop_loading():
    text = (
        BASE.replace('name = "Foreign Ministry"', 'name = "Foreign Ministry"\ninstruments = ["legal"]')
        + '\n[[instruments]]\nid = "talk"\nname = "Talk"\ncategory = "private"\ntext = "t"\n'
    )
    scenario, found = check_scenario_files({"s.toml": text}, "s.toml")
    assert scenario is not None and scenario.role("foreign").instruments == ()
    [d] = found
    assert d.severity == "warning" and (d.line, d.col) == where(text, '["legal"]')
    assert str(d) == f"s.toml:{d.line}:{d.col}: warning: role 'foreign' can use no instrument"


def test_render_shows_the_source_line_and_a_caret():
    from game.scenario import render_all

    with pytest.raises(ScenarioError) as info:
        load_scenario_files({"s.toml": BASE.replace("rounds = 3", "rounds = 0")}, "s.toml")
    assert (
        render_all(info.value)
        == "s.toml:6:10: error: rounds must be 1 or more, not 0\n  rounds = 0\n           ^\n1 error"
    )


def test_parse_scenario_file_gives_the_spec_object():
    from game.scenario import parse_scenario_file

    parsed = parse_scenario_file(BASE + '\n[[roles.objectives]]\nid = "o"\ntext = "t"\nwhen = "stability > 1"\n')
    assert parsed.scenario.rounds == 3 and parsed.roles[0].instruments == ("*",)
    assert parsed.roles[0].objectives[0].when == "stability > 1"
    assert parsed.actors[0].at == (0.5, 0.5) and parsed.end.lose_when is None
    with pytest.raises(ScenarioError) as info:
        parse_scenario_file(BASE.replace("rounds = 3", "rounds = 3.5"))
    assert info.value.errors[0].line == 6


def test_nested_and_shared_includes_load_once_in_library_order():
    def lib(ident: str, *includes: str) -> str:
        inc = f"include = {list(includes)!r}\n".replace("'", '"') if includes else ""
        return f'format = 1\n{inc}\n[[instruments]]\nid = "{ident}"\nname = "N"\ncategory = "private"\ntext = "t"\n'

    files = {
        "s.toml": BASE.replace("rounds = 3", 'rounds = 3\ninclude = ["libs/a.toml", "libs/b.toml"]')
        + '\n[[instruments]]\nid = "own"\nname = "Own"\ncategory = "public"\ntext = "t"\n',
        "libs/a.toml": lib("a", "common/c.toml"),
        "libs/b.toml": lib("b", "common/c.toml", "../libs/a.toml"),
        "libs/common/c.toml": lib("c"),
    }
    scenario = load_scenario_files(files, "s.toml")
    assert [i.id for i in scenario.instruments] == ["c", "a", "b", "own"]
    assert scenario.role("foreign").instruments == ("c", "a", "b", "own")


@pytest.mark.parametrize("seat", ["facilitator", "public", "all", "none"])
def test_a_role_cannot_take_the_name_of_a_seat_or_audience(seat):
    text = BASE.replace('id = "foreign"', f'id = "{seat}"')
    d = one(text)
    assert (d.line, d.col) == where(text, f'"{seat}"\nname = "Foreign')
    assert "names a seat or an audience" in d.message


SECRET = BASE.replace(
    """[role_meters.capital]""",
    """[actor_meters.abuses]
label = "Abuses"
start = 40
visibility = "hidden"

[meters.morale]
label = "Morale"
start = 50
visibility = "facilitator"

[role_meters.capital]""",
)


@pytest.mark.parametrize(
    "condition, culprit",
    [
        ("target.abuses < 50", "target.abuses"),
        ("veyra.abuses < 50", "veyra.abuses"),
        ("morale > 10", "morale"),
        ("foreign.capital > 1", "foreign.capital"),
    ],
)
def test_requires_may_only_read_what_the_seat_can_see(condition, culprit):
    text = (
        SECRET
        + f"""
[[instruments]]
id = "probe"
name = "Probe"
category = "private"
text = "A quiet probe."
targets = ["ally"]
requires = "{condition}"
"""
    )
    d = one(text)
    assert (d.line, d.col) == where(text, f'"{condition}"')
    assert f"requires reads '{culprit}', which this seat cannot see" in d.message


def test_requires_on_public_and_own_meters_is_fine():
    text = (
        SECRET
        + """
[[instruments]]
id = "probe"
name = "Probe"
category = "private"
text = "A quiet probe."
targets = ["ally"]
requires = "target.trust > 10 and self.capital >= 1 and stability > 0"
"""
    )
    assert diagnostics(text) == []


def test_an_effect_key_is_checked_against_the_names_of_its_own_entry():
    """A key accepted in one entry is checked again where other names apply, and each refusal is reported."""
    text = (
        BASE
        + """
[[instruments]]
id = "fund"
name = "Fund"
category = "economic"
text = "t"
effects = { "self.capital" = 1, "stability" = 2 }

[[consequences]]
id = "k1"
when = "stability > 10"
effects = { "self.capital" = 1, "stability" = 2 }

[[consequences]]
id = "k2"
when = "stability > 20"
effects = { "self.capital" = 3, "stability" = 2 }
"""
    )
    found = diagnostics(text)
    assert [(d.line, d.col) for d in found] == [
        where(text, 'self.capital" = 1, "stability" = 2 }\n\n[[consequences]]\nid = "k2"'),
        where(text, 'self.capital" = 3'),
    ]
    assert all("'self' is only known inside an instrument or a role's objective" in d.message for d in found)
