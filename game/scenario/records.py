"""The loader's small record classes, without attrs.

attrs writes and compiles the methods of each class it makes when the module is
imported, and ``demarche validate`` imports some fifteen of these records to
check a file: making them cost about as much as checking a small scenario.
These classes write ``__init__`` by hand and share the rest, written once
below. They behave as attrs' frozen (``Record``) or mutable (``MutableRecord``)
classes did: equal when of the same class with equal fields (in ``__slots__``
order, less ``_uncompared``), a repr ``Class(field=value, ...)``, and a frozen
record refuses assignment and hashes by its fields.
"""

from __future__ import annotations

from typing import Any

_set = object.__setattr__


class FrozenError(AttributeError):
    """Assignment to a field of a frozen record (attrs raises its FrozenInstanceError, an AttributeError too)."""


class MutableRecord:
    """Equality and repr by the fields in ``__slots__``; unhashable, as a mutable attrs class is."""

    __slots__: tuple[str, ...] = ()
    _uncompared: tuple[str, ...] = ()  # fields left out of equality and repr (attrs' eq=False, repr=False)

    def _compared(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__ if name not in self._uncompared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() != other._compared()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__ if n not in self._uncompared)
        return f"{self.__class__.__qualname__}({shown})"

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            _set(self, name, value)


class Record(MutableRecord):
    """A frozen record: hashable by its compared fields, and no field can be assigned."""

    __slots__: tuple[str, ...] = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash((self.__class__, *self._compared()))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"{self.__class__.__qualname__} is frozen: cannot assign {name}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"{self.__class__.__qualname__} is frozen: cannot delete {name}")

    def _replace(self, **changes: Any):
        """A copy with ``changes`` (what ``attrs.evolve`` did)."""
        copy = object.__new__(self.__class__)
        for name in self.__slots__:
            _set(copy, name, changes.pop(name) if name in changes else getattr(self, name))
        if changes:
            raise TypeError(f"{self.__class__.__qualname__} has no field {', '.join(changes)}")
        return copy
