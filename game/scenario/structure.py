"""Structure a parsed file into spec objects, one entry at a time.

Structuring the whole file in one call would give all-or-nothing: one bad role
and no cross-reference checks run at all. Here every top-level entry (each
meter, role, actor, instrument, crisis, consequence, and the [scenario] and
[end] tables) is structured on its own with the strict converter, so every
structural error is reported and every entry that is sound goes on to the
cross-reference checks.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs

from game.rules.expr import suggest

from ..i18n import _
from .convert import CONVERTER, problems_from, unknown_key
from .diagnostics import Problem
from .records import MutableRecord
from .spec import FORMAT_VERSION


class Parts(MutableRecord):
    """What structured in one file.

    ``values`` maps a field name to its spec value; for list fields it is a
    list of ``(index in the file, entry)`` and for meter tables a dict of the
    entries that structured. ``raw`` is the parsed TOML, for names of entries
    that did not structure; ``shape`` the paths of the structural errors.
    """

    __slots__ = ("file", "cls", "raw", "values", "shape")

    def __init__(self, file: str, cls: type, raw: dict, values: dict[str, Any], shape: tuple[tuple, ...] = ()) -> None:
        self.file = file
        self.cls = cls
        self.raw = raw
        self.values = values
        self.shape = shape  # key paths of the structural errors found (``salvage`` skips them)

    def entries(self, name: str) -> list[tuple[int, Any]]:
        return self.values.get(name, [])

    def table(self, name: str) -> dict:
        return self.values.get(name, {})

    def build(self):
        """The whole spec object (only meaningful when nothing failed)."""
        kwargs = {}
        for f in attrs.fields(self.cls):
            if f.name not in self.values:
                continue
            v = self.values[f.name]
            kwargs[f.name] = tuple(e for _, e in v) if _entry_type(f.type, tuple) else v
        return self.cls(**kwargs)


def _entry_type(t, container) -> type | None:
    """The attrs class of the entries if ``t`` is tuple[X, ...] or dict[str, X] of attrs X."""
    if typing.get_origin(t) is not container:
        return None
    args = typing.get_args(t)
    inner = args[0] if container is tuple else args[1]
    if container is tuple and (len(args) != 2 or args[1] is not Ellipsis):
        return None
    return inner if attrs.has(inner) else None


def structure(file: str, raw: dict, cls: type) -> tuple[Parts, list[Problem]]:
    """Structure ``raw`` as ``cls`` (ScenarioFile or LibraryFile), entry by entry."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    fields = {f.name: f for f in attrs.fields(cls)}
    for key in raw:
        if key not in fields:
            problems.append(
                Problem(file, (key,), unknown_key(key, (), cls, list(fields)), suggest(key, list(fields)), at="key")
            )

    for name, f in fields.items():
        if name not in raw:
            if f.default is attrs.NOTHING:
                problems.append(
                    Problem(
                        file,
                        (),
                        _("the file is missing the required {missing}").format(missing=_missing(name)),
                        at="key",
                        line=1,
                        col=1,
                    )
                )
            continue
        value = raw[name]
        entry_list = _entry_type(f.type, tuple)
        entry_table = _entry_type(f.type, dict)
        if entry_list is not None and isinstance(value, list):
            values[name] = _each(file, (name,), list(enumerate(value)), entry_list, problems)
        elif entry_table is not None and isinstance(value, dict):
            values[name] = dict(_each(file, (name,), list(value.items()), entry_table, problems))
        else:
            try:
                values[name] = CONVERTER.structure(value, f.type)
            except Exception as exc:  # noqa: BLE001 - bad input must become a diagnostic, never a traceback
                problems += problems_from(exc, file, (name,), cls)
                if entry_list is not None:
                    values[name] = []
                elif entry_table is not None:
                    values[name] = {}

    fmt = values.get("format")
    if fmt is not None and fmt != FORMAT_VERSION:
        problems.append(
            Problem(
                file,
                ("format",),
                _("format {fmt} is not supported; this version of Demarche reads format = {FORMAT_VERSION}").format(
                    fmt=fmt, FORMAT_VERSION=FORMAT_VERSION
                ),
            )
        )
    return Parts(file, cls, raw, values, tuple(p.path for p in problems)), problems


def _each(file: str, base: tuple, items: list[tuple[Any, Any]], entry_cls: type, problems: list[Problem]) -> list:
    out: list[tuple[Any, Any]] = []
    for key, item in items:
        try:
            out.append((key, CONVERTER.structure(item, entry_cls)))
        except Exception as exc:  # noqa: BLE001 - bad input must become a diagnostic, never a traceback
            problems += problems_from(exc, file, base + (key,), entry_cls)
    return out


def _missing(name: str) -> str:
    return {"scenario": _("[scenario] table"), "format": _("'format = 1' line")}.get(
        name, _("key '{name}'").format(name=name)
    )


def raw_keys(raw: Any) -> list[str]:
    return list(raw) if isinstance(raw, dict) else []


__all__ = ["Parts", "structure", "raw_keys"]
