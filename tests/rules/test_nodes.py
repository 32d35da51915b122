"""The syntax-tree nodes behave as frozen value records: the parser, the caches keyed by nodes and the
heuristic rely on equality by fields, hashing, an exact repr and immutability."""

import copy
import pickle

import pytest

from game.rules import nodes as N


def tree(value=1):
    return N.Compare("<", N.Number(value, 0, 1), N.Meter("veyra.trust", 4, 15), 0, 15)


def test_nodes_are_equal_by_class_and_fields():
    assert tree() == tree() and not (tree() != tree())
    assert hash(tree()) == hash(tree())
    assert tree() != tree(2)
    assert N.Meter("x", 0, 1) != N.Round("x", 0, 1)  # same fields, another class
    assert N.Number(1, 0, 1) != (1, 0, 1)
    assert len({tree(), tree(), tree(2)}) == 2


def test_repr_names_every_field_in_order():
    assert repr(tree()) == (
        "Compare(op='<', left=Number(value=1, start=0, end=1), right=Meter(path='veyra.trust', start=4, end=15), "
        "start=0, end=15)"
    )
    used = N.Used((("instrument", "sanctions"),), 2, N.Number(2, 30, 31), "used(instrument='sanctions')", 0, 32)
    assert repr(used).startswith("Used(filters=(('instrument', 'sanctions'),), within=2, within_arg=Number(")


def test_nodes_are_frozen():
    node = tree()
    with pytest.raises(AttributeError):
        node.op = ">"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del node.left  # type: ignore[misc]
    with pytest.raises(AttributeError):
        node.extra = 1  # type: ignore[attr-defined]
    assert node.op == "<"


def test_nodes_copy_and_pickle_to_equal_nodes():
    node = N.And((tree(), N.Not(N.Flag("fired", "coup", 20, 33), 16, 33)), 0, 33)
    assert copy.deepcopy(node) == node
    assert pickle.loads(pickle.dumps(node)) == node
    assert N.TargetMeter("trust", 0, 12).path == "target.trust"
