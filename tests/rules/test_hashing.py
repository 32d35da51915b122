"""The state hash: canonical, and blind to fields added later while they hold their default."""

from __future__ import annotations

from attrs import frozen

from game.rules.hashing import canonical, quiet_field, state_hash


@frozen
class Before:
    round: int
    crises: tuple = ()


@frozen
class After:  # the same record once a field was added to it
    round: int
    crises: tuple = ()
    stage: int = quiet_field(0)


def test_a_quiet_field_at_its_default_leaves_the_hash_as_it_was():
    before, after = canonical(Before(3, ("a",))), canonical(After(3, ("a",)))
    assert before.replace(b'"Before"', b'"After"') == after


def test_a_quiet_field_away_from_its_default_changes_the_hash():
    assert state_hash(After(3, stage=1)) != state_hash(After(3))
    assert b'"stage":2' in canonical(After(3, stage=2))


def test_ordinary_fields_count_even_at_their_default():
    assert b'"crises":[]' in canonical(Before(3))
