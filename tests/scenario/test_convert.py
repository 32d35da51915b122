"""The strict converter: no silent coercion, unknown keys rejected, every error collected."""

from __future__ import annotations

import attrs
import pytest

from game.scenario import spec
from game.scenario.convert import CONVERTER, BaseValidationError, WrongType, problems_from


def structure(value, cls):
    return CONVERTER.structure(value, cls)


def errors(value, cls):
    with pytest.raises((BaseValidationError, WrongType)) as info:
        CONVERTER.structure(value, cls)
    return [(p.path, p.message, p.suggestion) for p in problems_from(info.value, "f.toml", (), cls)]


@pytest.mark.parametrize("value", [2.9, "3", True, None, [3]])
def test_int_is_strict(value):
    with pytest.raises(WrongType):
        structure(value, int)


def test_int_accepted_where_float_expected_but_not_bool_or_text():
    assert structure(1, float) == 1.0 and isinstance(structure(1, float), float)
    for bad in (True, "0.5"):
        with pytest.raises(WrongType):
            structure(bad, float)


def test_str_and_bool_are_strict():
    with pytest.raises(WrongType):
        structure(3, str)
    with pytest.raises(WrongType):
        structure(1, bool)
    with pytest.raises(WrongType):
        structure("true", bool)


def test_a_string_is_not_a_list():
    with pytest.raises(WrongType):
        structure("foreign", tuple[str, ...])
    assert structure(["a", "b"], tuple[str, ...]) == ("a", "b")


def test_fixed_pairs():
    assert structure([0, 1], tuple[float, float]) == (0.0, 1.0)
    for bad in ([0.5], [0.5, 0.5, 0.5], "0.5,0.5", [0.5, "0.5"]):
        with pytest.raises((WrongType, BaseValidationError)):
            structure(bad, tuple[float, float])


def test_effect_and_reveal_to_unions():
    effects = structure(
        {"id": "x", "name": "X", "category": "public", "text": "t", "effects": {"a": 1, "b": 0.5, "c": "=3"}},
        spec.InstrumentSpec,
    ).effects
    assert effects == {"a": 1, "b": 0.5, "c": "=3"}
    assert structure({"id": "c", "when": "true", "reveal_to": ["a"]}, spec.ConsequenceSpec).reveal_to == ("a",)
    assert structure({"id": "c", "when": "true", "reveal_to": "none"}, spec.ConsequenceSpec).reveal_to == "none"
    [(path, message, _)] = errors({"id": "c", "when": "true", "reveal_to": 3}, spec.ConsequenceSpec)
    assert path == ("reveal_to",) and '"all", "none" or a list of role ids' in message


def test_all_errors_of_a_table_are_collected_with_paths():
    got = errors(
        {"id": "r", "name": 3, "orders": 2.9, "instrumnts": ["*"], "objectives": [{"id": "o", "text": "t"}]},
        spec.RoleSpec,
    )
    assert sorted(got) == sorted(
        [
            (("name",), "name must be text in quotes, not the whole number 3", None),
            (
                ("orders",),
                "orders must be a whole number, not the number 2.9; meters, rounds and costs are whole numbers",
                None,
            ),
            (("instrumnts",), "unknown key 'instrumnts' in the top level", "instruments"),  # top level of this test
            (("objectives", 0), "[[objectives]] is missing the required key 'when'", None),
        ]
    )


def test_dotted_effect_key_gets_a_hint():
    [(path, message, _)] = errors(
        {"id": "x", "name": "X", "category": "public", "text": "t", "effects": {"target": {"trust": 1}}},
        spec.InstrumentSpec,
    )
    assert path == ("effects", "target")
    assert 'must be quoted, e.g. "target.trust" = -3' in message


def test_every_spec_field_is_documented():
    for cls in (
        spec.ScenarioFile,
        spec.LibraryFile,
        spec.ScenarioHeader,
        spec.MeterSpec,
        spec.RoleMeterSpec,
        spec.RoleSpec,
        spec.ObjectiveSpec,
        spec.ActorSpec,
        spec.InstrumentSpec,
        spec.CrisisSpec,
        spec.ConsequenceSpec,
        spec.EndSpec,
    ):
        for f in attrs.fields(cls):
            assert f.metadata.get("doc"), f"{cls.__name__}.{f.name} has no doc"


def test_spec_classes_are_frozen():
    header = structure({"id": "s", "title": "S", "rounds": 3}, spec.ScenarioHeader)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        header.rounds = 4
    assert header.players is None and header.include == ()
