"""Mistakes an author makes writing a scenario from the docs alone: each reported once, where it is
written, with what to write instead."""

from __future__ import annotations

import pytest

from game.scenario import check_scenario_files

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

[[roles.objectives]]
id = "calm"
text = "Keep the region calm."
when = "stability >= 40"

[[actors]]
id = "veyra"
name = "Veyra"
kind = "ally"
at = [0.5, 0.5]
"""

LIBRARY = """format = 1

[[instruments]]
id = "talk"
name = "Talk"
category = "private"
text = "t"
targets = ["ally", "adversary"]
effects = { "target.trust" = 1 }

[[instruments]]
id = "speech"
name = "Speech"
category = "public"
text = "t"
effects = { "stability" = 1 }
"""


def where(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``needle`` (plus ``offset`` characters) in ``text``."""
    i = text.index(needle) + offset
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def found(text: str, severity: str | None = "error", **files: str):
    everything = {"s.toml": text, **{k.replace("_toml", ".toml"): v for k, v in files.items()}}
    return [d for d in check_scenario_files(everything, "s.toml")[1] if severity is None or d.severity == severity]


def one(text: str, severity: str = "error", **files: str):
    [d] = found(text, severity, **files)
    return d


# --------------------------------------------------------------------------- =< and =>


@pytest.mark.parametrize("wrong, right", [("=<", "<="), ("=>", ">=")])
def test_a_reversed_comparison_is_named_with_its_spelling(wrong, right):
    text = BASE.replace('when = "stability >= 40"', f'when = "stability {wrong} 40"')
    d = one(text)
    assert (d.line, d.col) == where(text, f"{wrong} 40")
    assert d.message == f"'{wrong}' is not an operator: the '=' comes last in '<=' and '>='"
    assert d.suggestion == right and "assign" not in d.message


def test_a_lone_equals_sign_is_still_an_assignment():
    d = one(BASE.replace('when = "stability >= 40"', 'when = "stability = 40"'))
    assert d.message == "'=' assigns, which expressions cannot do; compare with '=='"


def test_a_spaced_equals_before_a_comparison_is_not_taken_for_one():
    # "= <" is not a reversed "<=": the assignment advice stands
    d = one(BASE.replace('when = "stability >= 40"', 'when = "stability = < 40"'))
    assert d.message.startswith("'=' assigns") and d.suggestion is None


# --------------------------------------------------------------------------- effect amounts

CRISIS = """
[[crises]]
id = "storm"
title = "Storm"
text = "t"
round = 2
lasts = 1
effects = { "stability" = AMOUNT }
"""


def crisis_amount(amount: str) -> str:
    return BASE + CRISIS.replace("AMOUNT", amount)


def test_an_amount_in_words_is_told_what_an_amount_is():
    text = crisis_amount('"minus 2"')
    d = one(text)
    assert (d.line, d.col) == where(text, 'minus 2"')
    assert d.message.startswith("unknown meter 'minus'; an effect's amount is a number (-2, without quotes)")
    assert '"=" and a value to set the meter' in d.message and '("-target.trust / 10")' in d.message
    assert "declare it" not in d.message  # 'minus' is no meter the author forgot to declare
    assert d.suggestion == "-2"


@pytest.mark.parametrize("amount, start", [('"5 points"', "unexpected 'points'; "), ('""', "expression is empty; ")])
def test_a_garbled_amount_is_told_what_an_amount_is(amount, start):
    d = one(crisis_amount(amount))
    assert d.message.startswith(start + "an effect's amount is a number")
    assert "join conditions" not in d.message  # that advice is for conditions


def test_a_formula_naming_a_missing_meter_keeps_the_short_message():
    d = one(crisis_amount('"2 * bonus"'))
    assert d.message == "unknown meter 'bonus'; if it is new, declare it as [meters.bonus]"


def test_a_near_miss_in_an_amount_keeps_its_did_you_mean():
    d = one(crisis_amount('"-stabilty / 10"'))
    assert d.message == "unknown meter 'stabilty'" and d.suggestion == "stability"


# --------------------------------------------------------------------------- actor kinds


def with_library(text: str) -> str:
    return text.replace("rounds = 3", 'rounds = 3\ninclude = ["lib.toml"]')


def test_a_misspelt_actor_kind_is_reported_at_the_kind():
    text = with_library(BASE).replace('kind = "ally"', 'kind = "adversery"')
    d = one(text, "warning", lib_toml=LIBRARY)
    assert (d.line, d.col) == where(text, '"adversery"')
    assert d.message == (
        "actor 'veyra' has kind 'adversery', which no instrument targets, so no instrument can be aimed at it; "
        "instruments target adversary, ally"
    )
    assert d.suggestion == "adversary"


def test_an_instrument_aimed_at_the_right_word_points_at_the_misspelt_actor():
    instrument = '\n[[instruments]]\nid = "patrol"\nname = "Patrol"\ncategory = "security"\ntext = "t"\n'
    text = with_library(BASE).replace('kind = "ally"', 'kind = "adversery"') + instrument + 'targets = ["adversary"]\n'
    errors = found(text, lib_toml=LIBRARY)
    [warning] = found(text, "warning", lib_toml=LIBRARY)
    [d] = errors
    assert (d.line, d.col) == where(text, '"adversary"]')
    assert "if 'adversery' is a typo for 'adversary', correct the actor's kind" in d.message
    assert d.suggestion is None  # not the typo
    assert (warning.line, warning.col) == where(text, '"adversery"') and warning.suggestion == "adversary"


def test_a_misspelt_target_kind_still_suggests_the_actors_kind():
    instrument = '\n[[instruments]]\nid = "patrol"\nname = "Patrol"\ncategory = "security"\ntext = "t"\n'
    text = with_library(BASE) + instrument + 'targets = ["aly"]\n'
    d = one(text, lib_toml=LIBRARY)
    assert d.message == "no actor of kind 'aly'; actor kinds here: ally" and d.suggestion == "ally"
    assert found(text, "warning", lib_toml=LIBRARY) == []


def test_a_kind_nothing_targets_and_nothing_resembles_is_a_free_word():
    text = with_library(BASE).replace('kind = "ally"', 'kind = "observer"')
    assert found(text, None, lib_toml=LIBRARY) == []


# --------------------------------------------------------------------------- one run for shape and names


def test_names_in_an_entry_with_a_shape_error_are_checked_in_the_same_run():
    text = BASE.replace('when = "stability >= 40"', 'when = "stabilty >= 40"\npoints = "2"') + (
        '\n[[crises]]\nid = "storm"\ntitle = "Storm"\ntext = "t"\nround = 2\nlasts = "1"\n'
        'when = "veyra.trst < 10"\nends_when = "stabilty > 60"\neffects = { "stabilty" = -1, "stability" = true }\n'
        '\n[[consequences]]\nid = "ripple"\nwhen = "fired(\'rippel\')"\nlabel = "x"\nreveal_to = ["foriegn"]\n'
        '\n[[schedule]]\nround = "2"\ncrisis = "strom"\n'
        '\n[end]\nlose_when = "stabilty < 1"\nlose_text = 5\n'
    )
    errors = found(text)
    shape = [d for d in errors if "must be" in d.message or "unknown key" in d.message]
    names = [d for d in errors if d not in shape]
    assert len(shape) == 6  # points, lasts, the effect value true, label, round, lose_text
    assert [(d.line, d.col, d.suggestion) for d in names] == [
        (*where(text, 'stabilty >= 40"'), "stability"),
        (*where(text, 'trst < 10"'), "veyra.trust"),
        (*where(text, 'stabilty > 60"'), "stability"),
        (*where(text, 'stabilty" = -1'), "stability"),
        (*where(text, "rippel'"), "ripple"),
        (*where(text, '"foriegn"'), "foreign"),
        (*where(text, '"strom"'), "storm"),
        (*where(text, 'stabilty < 1"'), "stability"),
    ]


def test_a_malformed_field_is_not_checked_twice():
    # the effect with a wrong type is reported once, as a shape error
    text = BASE + CRISIS.replace("AMOUNT", "true").replace("lasts = 1", 'lasts = "1"')
    assert [d.message for d in found(text)] == [
        'lasts must be a whole number, not the text "1"; remove the quotes',
        "stability must be a number or an expression in quotes, not true",
    ]


def test_an_instrument_with_a_shape_error_has_its_names_checked():
    instrument = '\n[[instruments]]\nid = "patrol"\nname = "Patrol"\ncategory = "security"\ntext = "t"\n'
    text = BASE + instrument + 'cost = "1"\ntargets = ["ally"]\nrequires = "target.trst > 1"\n'
    errors = found(text)
    assert [d.suggestion for d in errors] == [None, "target.trust"]
    assert errors[1].message == "actors have no meter 'trst'"
    assert (errors[1].line, errors[1].col) == where(text, 'trst > 1"')


def test_a_role_with_a_shape_error_has_its_instruments_and_objectives_checked():
    text = BASE.replace(
        'name = "Foreign Ministry"', 'name = "Foreign Ministry"\norders = "2"\ninstruments = ["privat"]'
    )
    text = text.replace("stability >= 40", "stabilty >= 40")
    errors = found(text)
    assert [d.suggestion for d in errors] == [None, "private", "stability"]
    assert "unknown instrument or category 'privat'" in errors[1].message


# --------------------------------------------------------------------------- a sub-table after another section

TWO_ROLES = BASE.replace(
    '[[actors]]\nid = "veyra"',
    '[[roles]]\nid = "defence"\nname = "Defence Ministry"\n\n[[actors]]\nid = "veyra"',
)
LATE_OBJECTIVE = '\n[[roles.objectives]]\nid = "trust"\ntext = "Keep Veyra close."\nwhen = "veyra.trust >= 40"\n'


def linted(text: str, **files: str):
    everything = {"s.toml": text, **{k.replace("_toml", ".toml"): v for k, v in files.items()}}
    return check_scenario_files(everything, "s.toml", lint=True)


def misplaced(text: str):
    return [d for d in linted(text)[1] if "TOML puts it" in d.message]


def test_an_objective_written_after_the_actors_is_warned_with_the_role_it_joined():
    text = TWO_ROLES + LATE_OBJECTIVE
    scenario = linted(text)[0]
    assert scenario is not None and [o.id for o in scenario.role("defence").objectives] == ["trust"]  # TOML's rule
    [d] = misplaced(text)
    role_line = where(text, '[[roles]]\nid = "defence"')[0]
    assert d.severity == "warning" and (d.line, d.col) == where(text, '[[roles.objectives]]\nid = "trust"')
    assert d.message == (
        "[[roles.objectives]] comes after [[actors]], but TOML puts it in the last [[roles]] above it: role "
        f"'defence' (line {role_line}); move it up under the [[roles]] it belongs to, "
        "before [[actors]]"
    )


def test_objectives_under_their_role_are_not_warned():
    assert misplaced(TWO_ROLES) == []


def test_a_header_inside_a_multiline_text_is_not_a_header():
    text = TWO_ROLES.replace(
        'kind = "ally"', 'kind = "ally"\nsummary = """Notes:\n[[roles.objectives]]\nis how objectives are written."""'
    )
    assert misplaced(text) == []


def test_the_header_warning_comes_with_the_files_errors():
    text = (TWO_ROLES + LATE_OBJECTIVE).replace("rounds = 3", "rounds = 0")
    assert [(d.severity, "TOML puts it" in d.message) for d in linted(text)[1]] == [("error", False), ("warning", True)]


# --------------------------------------------------------------------------- used() calls that never count

UNTARGETED = """
[[instruments]]
id = "speech"
name = "Speech"
category = "public"
text = "t"
signals = ["voice"]
effects = { "stability" = 1 }

[[instruments]]
id = "visit"
name = "Visit"
category = "private"
text = "t"
targets = ["ally"]
effects = { "target.trust" = 1 }
"""


def crisis_when(condition: str) -> str:
    return BASE + UNTARGETED + CRISIS.replace("round = 2", f'when = "{condition}"').replace("AMOUNT", "-1")


def test_within_1_in_a_crisis_condition_is_always_0():
    text = crisis_when("used('visit', within=1) >= 1 or stability < 10")
    [d] = [d for d in linted(text)[1] if "used('visit', within=1)" in d.message]
    assert (d.line, d.col) == where(text, "used('visit'")
    assert d.message.startswith(
        "used('visit', within=1) is always 0 here: within=1 counts only this round's orders, and a crisis's when "
        "is checked at the briefing, before any order of the round"
    )
    assert "within=2" in d.message


def test_within_2_in_a_crisis_and_within_1_in_a_consequence_are_fine():
    text = crisis_when("used('visit', within=2) >= 1 or stability < 10") + (
        '\n[[consequences]]\nid = "c"\nwhen = "used(\'visit\', within=1) >= 1"\neffects = { "stability" = -1 }\n'
        'reveal = "r"\ndebrief = "d"\n'
    )
    assert [d for d in linted(text)[1] if "used(" in d.message] == []


def test_within_1_in_a_requires_is_always_0():
    text = BASE + UNTARGETED.replace(
        'targets = ["ally"]', 'targets = ["ally"]\nrequires = "used(\'speech\', within=1) == 0"'
    )
    [d] = [d for d in linted(text)[1] if "used('speech', within=1)" in d.message]
    assert "an instrument's requires is checked while the round's orders are being chosen" in d.message


@pytest.mark.parametrize(
    "call, words",
    [
        ("used('speech', on='veyra')", "instrument 'speech' has no targets, so its orders name no actor"),
        ("used(signal='voice', on='veyra')", "none of the instruments it counts has targets"),
    ],
)
def test_on_for_an_instrument_without_targets_never_counts(call, words):
    text = (
        BASE
        + UNTARGETED
        + (
            f'\n[[consequences]]\nid = "c"\nwhen = "stability < 30 or {call} == 0"\neffects = {{ "stability" = -1 }}\n'
            'reveal = "r"\ndebrief = "d"\n'
        )
    )
    [d] = [d for d in linted(text)[1] if "never counts" in d.message]
    assert (d.line, d.col) == where(text, call)
    assert d.message.startswith(f"{call} never counts: {words}") and "remove on=" in d.message


def test_on_for_an_actor_no_counted_instrument_can_target_never_counts():
    text = (
        BASE.replace(
            '[[actors]]\nid = "veyra"',
            '[[actors]]\nid = "ostra"\nname = "Ostra"\nkind = "forum"\nat = [0.2, 0.2]\n\n[[actors]]\nid = "veyra"',
        )
        + UNTARGETED
        + (
            "\n[[consequences]]\nid = \"c\"\nwhen = \"stability < 30 or used('visit', on='ostra') == 0\"\n"
            'effects = { "stability" = -1 }\nreveal = "r"\ndebrief = "d"\n'
        )
    )
    [d] = [d for d in linted(text)[1] if "never counts" in d.message]
    assert "'ostra' is of kind 'forum', and the instruments it counts target only ally" in d.message


def test_on_for_a_targeted_instrument_counts():
    text = (
        BASE
        + UNTARGETED
        + (
            "\n[[consequences]]\nid = \"c\"\nwhen = \"used('visit', on='veyra') >= 1\"\n"
            'effects = { "stability" = -1 }\nreveal = "r"\ndebrief = "d"\n'
        )
    )
    assert [d for d in linted(text)[1] if "used(" in d.message] == []
