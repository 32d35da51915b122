"""The loader's records (written without attrs) compare, hash, print, copy and refuse change as attrs' did."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest

from game.scenario.diagnostics import Diagnostic, Problem
from game.scenario.intervals import Num, Truth, Why
from game.scenario.loader import Validated
from game.scenario.reach import Writer
from game.scenario.sources import Source


def test_frozen_records_compare_and_hash_by_their_fields():
    a = Problem("s.toml", ("roles", 0), "bad", at="key")
    assert a == Problem("s.toml", ("roles", 0), "bad", at="key") and hash(a) == hash(
        Problem("s.toml", ("roles", 0), "bad", at="key")
    )
    assert a != Problem("s.toml", ("roles", 0), "bad")
    assert len({Num(1, 2), Num(1, 2), Num(1, 2, ("why",))}) == 2
    # another class with the same fields is never equal (attrs compares the class first)
    assert Why(1, ()) != Num(1, ())  # type: ignore[arg-type]


def test_repr_is_what_attrs_printed():
    @attrs.frozen
    class Diagnostic2:
        file: str
        line: int
        col: int
        severity: str
        message: str
        suggestion: str | None = None

    d = Diagnostic("s.toml", 3, 4, "warning", "never fires", "x")
    assert repr(d) == repr(Diagnostic2("s.toml", 3, 4, "warning", "never fires", "x")).replace(
        "Diagnostic2", "Diagnostic"
    )
    assert "files" not in repr(Validated("scenario", "one line", files={"s.toml": "text"}))


def test_frozen_records_refuse_assignment_and_copy_and_pickle_whole():
    t = Truth(False, True, Why(3, (("x > 1", "can never hold", ""),)))
    with pytest.raises(AttributeError):
        t.can_true = True  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del t.never  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(t)) == t and copy.copy(t) == t and copy.deepcopy(t) == t
    d = Diagnostic("s.toml", 1, 2, "warning", "m")
    assert d.as_error() == Diagnostic("s.toml", 1, 2, "error", "m") and d.severity == "warning"


def test_mutable_records_compare_but_do_not_hash():
    assert Source("s.toml", "x = 1", {"x": 1}) == Source("s.toml", "x = 1", {"x": 1})
    assert Writer("add", amount=2) != Writer("add", amount=3)
    with pytest.raises(TypeError):
        hash(Writer("add"))
    w = pickle.loads(pickle.dumps(Writer("set", amount=5, target="veyra")))
    assert (w.op, w.amount, w.target, w.role) == ("set", 5, "veyra", None)


def test_validated_ignores_its_texts_in_equality():
    assert Validated("library", "s", files={"a": "1"}) == Validated("library", "s", files={"b": "2"})
    assert Validated("library", "s").files == {}
