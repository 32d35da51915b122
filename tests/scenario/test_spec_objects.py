"""Spec objects compare, hash and print as attrs' generated methods would (they share hand-written ones)."""

from __future__ import annotations

import attrs
import pytest

from game.scenario import spec


def _twin(cls):
    """The same fields in a class whose methods attrs generates."""
    fields = {a.name: attrs.field(default=a.default, kw_only=True) for a in attrs.fields(cls)}
    return attrs.make_class(cls.__name__, fields, frozen=True)


def _examples():
    a = spec.MeterSpec(label="Trust", start=50, text="it's 'quoted'")
    b = spec.MeterSpec(label="Trust", start=50, text="it's 'quoted'")
    c = spec.MeterSpec(label="Trust", start=51, text="it's 'quoted'")
    return a, b, c


def test_repr_is_the_attrs_repr():
    for cls, kwargs in [
        (spec.MeterSpec, {"label": "Trust", "start": 50, "text": "x\ny"}),
        (spec.RoleMeterSpec, {"label": "Capital", "start": 3, "refill": 3}),
        (spec.ObjectiveSpec, {"id": "o", "text": "t", "when": "a > 1", "points": 2}),
        (spec.ScheduleSpec, {"round": 2, "crisis": "c"}),
    ]:
        assert repr(cls(**kwargs)) == repr(_twin(cls)(**kwargs))


def test_equal_when_same_class_and_fields():
    a, b, c = _examples()
    assert a == b and not (a != b) and hash(a) == hash(b)
    assert a != c and not (a == c)
    assert spec.RoleMeterSpec(label="Trust", start=50, text="it's 'quoted'") != a  # a subclass is another kind
    assert a != ("Trust", 50) and a.__eq__(object()) is NotImplemented
    assert {a: 1}[b] == 1


def test_still_frozen_and_evolvable():
    a, _, _ = _examples()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.start = 1  # type: ignore[misc]
    assert attrs.evolve(a, start=7).start == 7


def test_tables_are_not_hashable_as_with_attrs():
    header = spec.ScenarioHeader(id="s", title="S", rounds=2)
    whole = spec.ScenarioFile(format=1, scenario=header, meters={"m": spec.MeterSpec(label="M", start=1)})
    twin = _twin(spec.ScenarioFile)(format=1, scenario=header, meters={"m": spec.MeterSpec(label="M", start=1)})
    for value in (whole, twin):
        with pytest.raises(TypeError):
            hash(value)
