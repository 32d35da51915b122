"""One fixture per kind of mistake: exact line and column, and words an author can act on."""

from __future__ import annotations

import pytest

from game.scenario import ScenarioError, check_scenario, load_scenario

from .support import ERRORS, errors_in, only_error


def test_syntax_error_has_file_line_col():
    d = only_error("syntax_error.toml")
    assert (d.line, d.col) == (5, 9)
    assert "TOML syntax" in d.message and "quotes" in d.message
    assert str(d) == f"{ERRORS / 'syntax_error.toml'}:5:9: error: {d.message}"


def test_unknown_key_with_did_you_mean():
    d = only_error("unknown_key.toml")
    assert (d.line, d.col) == (7, 1)
    assert "unknown key 'sumary' in [scenario]" in d.message
    assert d.suggestion == "summary"
    assert str(d).endswith("(did you mean 'summary'?)")


def test_wrong_type():
    d = only_error("wrong_type.toml")
    assert (d.line, d.col) == (31, 10)
    assert d.message == 'inject must be true or false, not the text "no"'


def test_decimal_where_a_whole_number_is_required():
    d = only_error("float_for_int.toml")
    assert (d.line, d.col) == (28, 9)
    assert "start must be a whole number, not the number 2.9" in d.message


def test_missing_required_key_points_at_the_table():
    d = only_error("missing_key.toml")
    assert (d.line, d.col) == (26, 1)
    assert d.message == "[[actors]] is missing the required key 'kind'"


def test_duplicate_id_names_the_first_definition():
    d = only_error("duplicate_id.toml")
    assert (d.line, d.col) == (27, 6)
    assert "duplicate actor id 'veyra'" in d.message and "first defined at line 21" in d.message


def test_unknown_actor_in_expression_with_suggestion():
    d = only_error("unknown_name.toml")
    assert (d.line, d.col) == (28, 9)  # the 'v' of vayra inside the quotes
    assert "unknown actor or role 'vayra'" in d.message
    assert d.suggestion == "veyra.trust"


def test_unknown_instrument_in_role_list():
    errors = errors_in("unknown_instrument.toml")
    assert [(d.line, d.col) for d in errors] == [(15, 27), (15, 42)]
    assert "unknown instrument or category 'quiet_talks'" in errors[0].message
    assert errors[0].suggestion is None
    assert errors[1].suggestion == "public_statement"


def test_bad_effect_path_points_inside_the_key():
    d = only_error("bad_effect_path.toml")
    assert (d.line, d.col) == (31, 20)  # the 't' of trst in "veyra.trst"
    assert "actor 'veyra' has no meter 'trst'" in d.message
    assert d.suggestion == "veyra.trust"


def test_target_in_untargeted_instrument():
    d = only_error("target_untargeted.toml")
    assert (d.line, d.col) == (31, 30)
    assert "no targets" in d.message and "targets = [...]" in d.message and "veyra.trust" in d.message


def test_inject_crisis_with_round():
    d = only_error("inject_with_round.toml")
    assert (d.line, d.col) == (31, 9)
    assert "inject = true" in d.message and "remove round" in d.message


def test_missing_include():
    d = only_error("missing_include.toml")
    assert (d.line, d.col) == (7, 12)
    assert "included file 'library/instrument.toml' not found" in d.message
    assert d.suggestion == "library/instruments.toml"


def test_include_cycle_is_reported_where_it_closes():
    errors = [d for d in check_scenario(ERRORS / "cycle" / "main.toml") if d.severity == "error"]
    assert len(errors) == 1
    d = errors[0]
    assert d.file.endswith("cycle/lib/b.toml")
    assert (d.line, d.col) == (2, 12)
    assert d.message == "include cycle: main.toml -> lib/a.toml -> lib/b.toml -> lib/a.toml"


def test_bad_reveal_to_role():
    d = only_error("bad_reveal_to.toml")
    assert (d.line, d.col) == (30, 14)
    assert "unknown role 'foriegn' in reveal_to" in d.message
    assert d.suggestion == "foreign"


def test_several_mistakes_all_reported_in_one_run():
    got = [(d.line, d.col, d.message) for d in errors_in("many_mistakes.toml")]
    expected = [
        (8, 11, "players [1, 3]"),
        (13, 14, "visibility must be one of public, facilitator, hidden, not 'secret'"),
        (26, 10, "orders must be 1 or more, not 0"),
        (31, 43, "text in quotes is only allowed as a function argument"),
        (34, 6, "role id 'veyra' is also an actor"),
        (42, 20, "start value of trust must be between 0 and 100"),
        (50, 12, "no actor of kind 'adversary'"),
        (57, 9, "round must be between 1 and 4"),
        (62, 9, "delay must be 0 or more, not -1"),
        (63, 47, "the expression ended"),
    ]
    assert [(line, col) for line, col, _ in got] == [(line, col) for line, col, _ in expected]
    for (_, _, message), (_, _, words) in zip(got, expected, strict=True):
        assert words in message


def test_load_scenario_raises_with_every_diagnostic():
    with pytest.raises(ScenarioError) as info:
        load_scenario(ERRORS / "many_mistakes.toml")
    assert len(info.value.errors) == 10
    text = str(info.value)
    assert "many_mistakes.toml:57:9: error: round must be between 1 and 4" in text
    assert text.endswith("10 errors")


def test_mistakes_in_actor_responses_and_a_red_cell_are_each_located():
    got = [(d.line, d.col, d.message, d.suggestion) for d in errors_in("actor_responses.toml")]
    expected = [
        (29, 9, "unknown actor 'veyre' in plays", "veyra"),
        (36, 8, "pick must be one of priority, weight, not 'ladder'", None),
        (41, 13, "'against.standing': this response has no against", None),
        (45, 16, "unknown consequence or response 'veyra.expell'", "veyra.expel"),
        (47, 13, "roles have no meter 'standin'", "against.standing"),
        (48, 10, "chance must be between 0 and 1, not 1.5", None),
        (53, 8, 'kind "role" is the word instruments use to target roles', None),
        (57, 6, "duplicate response id 'expel'", None),
        (66, 12, "requires reads 'target.standing', which this seat cannot see", None),
        (67, 21, "this instrument's targets have no meter 'trust'", None),
    ]
    assert [(line, col) for line, col, _, _ in got] == [(line, col) for line, col, _, _ in expected]
    for (_, _, message, suggestion), (_, _, words, hint) in zip(got, expected, strict=True):
        assert words in message
        assert suggestion == hint
