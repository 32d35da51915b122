"""Model objects compare, hash and print as attrs' generated methods did: by class and compared fields."""

import attrs

from game.rules.model import End, Meter, Scenario

from .builders import make_scenario


def test_equal_by_class_and_fields():
    a, b = Meter("trust", "Trust", 50), Meter("trust", "Trust", 50)
    assert a == b and not (a != b) and hash(a) == hash(b)
    assert a != attrs.evolve(a, start=51)
    assert a != ("trust", "Trust", 50) and End() == End()
    assert len({a, b, attrs.evolve(a, max=90)}) == 2


def test_fields_left_out_of_equality_stay_out():
    base = make_scenario()
    other = attrs.evolve(base, names="another vocabulary")
    assert isinstance(base, Scenario) and base == other and hash(base) == hash(other)
    assert base != attrs.evolve(base, title="Another title")


def test_repr_is_unchanged():
    assert repr(Meter("trust", "Trust", 50)) == (
        "Meter(id='trust', label='Trust', start=50, min=0, max=100, visibility='public', good='high', "
        "refill=None, text='', drift=0, baseline=None, headroom=0.0)"
    )
