"""Instrument libraries checked on their own, and their [contract] with the scenarios that include them."""

from __future__ import annotations

import pytest

from game.scenario import (
    ScenarioError,
    bundled_dir,
    check_file,
    check_library_files,
    check_scenario_files,
    validate_file,
)

CONTRACT = '[contract]\nactor_meters = ["trust", "pressure"]\nmeters = ["legitimacy"]\nrole_meters = ["capital"]\n'

INSTRUMENTS = """
[[instruments]]
id = "demarche"
name = "Private démarche"
category = "private"
text = "A confidential protest."
cost = 1
targets = ["ally", "adversary"]
visibility = "private"
signals = ["private_pressure"]
requires = "target.trust >= 10 and used('demarche', by='self', on='target', within=2) == 0"
effects = { "target.pressure" = 4, "target.trust" = -1 }

[[instruments]]
id = "condemn"
name = "Public condemnation"
category = "public"
text = "From the podium."
cost = 2
targets = ["adversary"]
requires = "used(signal='private_pressure', on='target') >= 1"
effects = { "target.pressure" = 8, "target.trust" = "-target.trust / 10", "legitimacy" = 2 }

[[instruments]]
id = "consult"
name = "Consult capitals"
category = "multilateral"
text = "Build a common line."
effects = { "self.capital" = 1, "legitimacy" = "=50" }
"""

LIBRARY = "format = 1\n\n" + CONTRACT + INSTRUMENTS

SCENARIO = """format = 1

[scenario]
id = "t"
title = "Test"
rounds = 3
include = ["lib/tools.toml"]

[meters.legitimacy]
label = "Legitimacy"
start = 50

[actor_meters.trust]
label = "Trust"
start = 50

[actor_meters.pressure]
label = "Pressure"
start = 0

[role_meters.capital]
label = "Capital"
start = 3
refill = 3

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


def check_library(text: str, **others: str):
    return check_library_files({"lib.toml": text, **others}, "lib.toml")


def library_errors(text: str, **others: str):
    return [d for d in check_library(text, **others)[1] if d.severity == "error"]


def one_library_error(text: str, **others: str):
    found = library_errors(text, **others)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def scenario_errors(scenario: str, **files: str):
    _, found = check_scenario_files({"s.toml": scenario, **files}, "s.toml")
    return [d for d in found if d.severity == "error"]


# --------------------------------------------------------------------------- a library on its own


def test_a_valid_library_validates_alone():
    lib, found = check_library(LIBRARY)
    assert found == []
    assert [i.id for i in lib.instruments] == ["demarche", "condemn", "consult"]
    assert lib.contract.actor_meters == ("trust", "pressure") and lib.contract.role_meters == ("capital",)


def test_misspelt_target_meter_is_located_with_did_you_mean_from_the_contract():
    text = LIBRARY.replace('"target.pressure" = 8', '"target.presure" = 8')
    d = one_library_error(text)
    assert (d.file, d.line, d.col) == ("lib.toml", *where(text, "presure"))
    assert d.message == "actors have no meter 'presure'"
    assert d.suggestion == "target.pressure"


def test_meter_missing_from_the_contract_says_where_to_add_it():
    text = LIBRARY.replace('"legitimacy" = 2', '"stability" = 2')
    d = one_library_error(text)
    assert (d.line, d.col) == where(text, '"stability"', 1)
    assert d.message == """unknown meter 'stability'; if it is new, add "stability" to meters in [contract]"""


def test_library_without_a_contract_is_told_to_declare_one():
    text = "format = 1\n" + INSTRUMENTS
    d = one_library_error(text)
    assert (d.line, d.col) == (1, 1)
    assert "declare the meters this library uses in [contract]" in d.message
    assert 'actor_meters = ["pressure", "trust"], meters = ["legitimacy"], role_meters = ["capital"]' in d.message


def test_full_meter_path_in_a_library_is_refused_clearly():
    text = LIBRARY.replace('requires = "target.trust >= 10 and', 'requires = "veyra.trust >= 10 and')
    d = one_library_error(text)
    assert (d.line, d.col) == where(text, "veyra.trust")
    assert "'veyra.trust': a library does not know the scenario's actors and roles" in d.message
    assert d.suggestion == "target.trust"


def test_actor_and_role_ids_in_used_are_refused_clearly():
    text = LIBRARY.replace("on='target') >= 1", "on='veyra') >= 1").replace("by='self'", "by='foreign'")
    found = library_errors(text)
    assert [(d.line, d.col) for d in found] == [where(text, "foreign'"), where(text, "veyra'")]
    assert "unknown role 'foreign': a library does not know the scenario's roles; write by='self'" in found[0].message
    assert "unknown actor 'veyra': a library does not know the scenario's actors; write on='target'" in found[1].message


def test_cost_needs_capital_in_the_contract():
    text = LIBRARY.replace('role_meters = ["capital"]', "role_meters = []").replace('"self.capital" = 1, ', "")
    d = one_library_error(text)
    assert (d.line, d.col) == where(text, "cost = 1", 7)
    assert """add "capital" to role_meters in [contract]""" in d.message


def test_contract_entries_are_checked_and_unused_ones_warned():
    text = LIBRARY.replace('meters = ["legitimacy"]', 'meters = ["legitimacy", "legitimacy", "bad id", "unused"]')
    _, found = check_library(text)
    got = [(d.severity, d.message) for d in found]
    assert got == [
        ("error", "duplicate meter id 'legitimacy' in [contract] meters (first defined at line 5)"),
        ("error", "meter id 'bad id' may use only letters, digits and _, and must not start with a digit"),
        ("warning", "[contract] lists global meter 'unused', but no instrument in this library uses it"),
    ]
    assert [(d.line, d.col) for d in found] == [
        where(text, '"legitimacy", "bad'),
        where(text, '"bad id"'),
        where(text, '"unused"'),
    ]


def test_other_library_mistakes_are_still_reported():
    text = LIBRARY.replace('category = "public"', 'category = "publik"').replace(
        'visibility = "private"', 'visibility = "secret"'
    )
    found = library_errors(text)
    assert [(d.line, d.col) for d in found] == [where(text, '"secret"'), where(text, '"publik"')]
    assert found[1].suggestion == "public"


def test_included_libraries_are_checked_with_their_own_contract_and_ids_are_shared():
    sub = (
        'format = 1\n[contract]\nmeters = ["stability"]\n'
        '[[instruments]]\nid = "calm"\nname = "Calm"\ncategory = "private"\ntext = "t"\neffects = { "stability" = 1 }\n'
    )
    text = LIBRARY.replace("format = 1\n", 'format = 1\ninclude = ["sub.toml"]\n').replace(
        "within=2) == 0", "within=2) == 0 and used('calm') == 0"
    )
    lib, found = check_library(text, **{"sub.toml": sub})
    assert found == []
    assert [i.id for i in lib.instruments] == ["calm", "demarche", "condemn", "consult"]


def test_unknown_key_in_contract():
    text = LIBRARY.replace("[contract]\n", "[contract]\nglobal_meters = []\n")
    d = one_library_error(text)
    assert (d.line, d.col) == where(text, "global_meters")
    assert "unknown key 'global_meters' in [contract]" in d.message


# --------------------------------------------------------------------------- a library in a scenario


def test_scenario_with_every_contract_meter_loads():
    scenario, found = check_scenario_files({"s.toml": SCENARIO, "lib/tools.toml": LIBRARY}, "s.toml")
    assert found == [] and scenario is not None
    assert [i.id for i in scenario.instruments] == ["demarche", "condemn", "consult"]


def test_missing_contract_meter_is_one_error_at_the_include():
    text = SCENARIO.replace('[actor_meters.pressure]\nlabel = "Pressure"\nstart = 0\n', "")
    [d] = scenario_errors(text, **{"lib/tools.toml": LIBRARY})
    assert (d.file, d.line, d.col) == ("s.toml", *where(text, '"lib/tools.toml"'))
    assert d.message == "lib/tools.toml needs actor meter 'pressure'; declare [actor_meters.pressure]"


def test_each_missing_meter_once_even_without_capital():
    text = SCENARIO.replace('[meters.legitimacy]\nlabel = "Legitimacy"\nstart = 50\n', "").replace(
        '[role_meters.capital]\nlabel = "Capital"\nstart = 3\nrefill = 3\n', ""
    )
    found = scenario_errors(text, **{"lib/tools.toml": LIBRARY})
    assert [d.message for d in found] == [
        "lib/tools.toml needs global meter 'legitimacy'; declare [meters.legitimacy]",
        "lib/tools.toml needs role meter 'capital'; declare [role_meters.capital]",
    ]
    assert {(d.line, d.col) for d in found} == {where(text, '"lib/tools.toml"')}


def test_nested_library_meter_is_reported_at_the_scenario_include_once():
    sub = (
        'format = 1\n[contract]\nactor_meters = ["pressure"]\n'
        '[[instruments]]\nid = "push"\nname = "Push"\ncategory = "public"\ntext = "t"\n'
        'targets = ["ally"]\neffects = { "target.pressure" = 1 }\n'
    )
    lib = LIBRARY.replace("format = 1\n", 'format = 1\ninclude = ["sub.toml"]\n')
    text = SCENARIO.replace('[actor_meters.pressure]\nlabel = "Pressure"\nstart = 0\n', "")
    [d] = scenario_errors(text, **{"lib/tools.toml": lib, "lib/sub.toml": sub})
    assert (d.file, d.line, d.col) == ("s.toml", *where(text, '"lib/tools.toml"'))
    assert d.message == "lib/sub.toml and lib/tools.toml need actor meter 'pressure'; declare [actor_meters.pressure]"


def test_library_using_a_meter_outside_its_contract_is_told_so_in_a_scenario():
    lib = LIBRARY.replace('"legitimacy" = 2', '"stability" = 2')
    [d] = scenario_errors(SCENARIO, **{"lib/tools.toml": lib})
    assert (d.file, d.line, d.col) == ("lib/tools.toml", *where(lib, '"stability"', 1))
    assert d.message == "unknown meter 'stability'; lib/tools.toml uses it without listing it in its [contract] meters"


# --------------------------------------------------------------------------- files on disk and the command line


def test_bundled_library_validates_alone():
    path = bundled_dir() / "library" / "instruments.toml"
    assert check_file(path) == []
    checked = validate_file(path)
    assert checked.kind == "library" and checked.scenario is None
    contract = checked.library.contract
    assert set(contract.actor_meters) == {"trust", "pressure"}
    assert contract.meters == ("legitimacy",) and contract.role_meters == ("capital",)
    assert checked.summary.startswith(f"instrument library — {len(checked.library.instruments)} instruments")


def test_validate_file_tells_scenarios_from_libraries(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "tools.toml").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "s.toml").write_text(SCENARIO, encoding="utf-8")
    checked = validate_file(tmp_path / "s.toml")
    assert checked.kind == "scenario"
    assert checked.summary == "Test — 1 role, 1 actor, 3 instruments, 0 crises, 0 consequences, 3 rounds"
    assert validate_file(tmp_path / "lib" / "tools.toml").summary == (
        "instrument library — 3 instruments; needs actor meters trust, pressure; "
        "global meter legitimacy; role meter capital"
    )
    (tmp_path / "start.toml").write_text("format = 1\n", encoding="utf-8")  # only a format line: a scenario to be
    with pytest.raises(ScenarioError) as info:
        validate_file(tmp_path / "start.toml")
    assert "missing the required [scenario] table" in info.value.errors[0].message


def test_cli_validates_a_library(capsys, tmp_path):
    from game.cli import main

    path = bundled_dir() / "library" / "instruments.toml"
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"✓ {path}: instrument library — " in out and "error" not in out
    bad = tmp_path / "tools.toml"
    bad.write_text("format = 1\n" + INSTRUMENTS, encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert (
        f"{bad}:1:1: error: this library has no [contract]; declare the meters this library uses in [contract]" in out
    )
    assert "1 error" in out


@pytest.mark.parametrize(
    "change, says",
    [
        (('name = "Private démarche"', 'name = "Private démarche"\ncolour = "red"'), "unknown key 'colour'"),
        (("cost = 1", "cost = 999999999999"), "cost must be at most 1,000,000"),  # the limits, before the keys
    ],
)
def test_a_library_checked_as_an_include_and_then_alone_is_named_as_each(tmp_path, change, says):
    """Its checks are done once per text: the file name they report must be the one each check reads."""
    text = LIBRARY.replace(*change)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "tools.toml").write_text(text, encoding="utf-8")
    (tmp_path / "s.toml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "tools.toml").write_text(text, encoding="utf-8")
    folder = str(tmp_path).replace("\\", "/")
    as_include = check_file(tmp_path / "s.toml")
    alone = check_file(tmp_path / "tools.toml")
    assert as_include and {d.file for d in as_include} == {f"{folder}/lib/tools.toml"}
    assert alone and {d.file for d in alone} == {f"{folder}/tools.toml"}
    assert [(d.line, d.col, d.message) for d in as_include] == [(d.line, d.col, d.message) for d in alone]
    assert any(says in d.message for d in alone)
