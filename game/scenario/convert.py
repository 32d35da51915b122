"""A strict cattrs converter for the file format, and readable structure errors.

cattrs is lenient by default (2.9 becomes 2, "3" becomes 3, a string is a list
of characters). Authors need the opposite: a value of the wrong type is a
mistake to report at its line, never something to guess at. This module
registers strict hooks for every type the spec uses, and turns cattrs'
exception groups into ``Problem`` records with key paths, which the loader later
places at file:line:col.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from game.rules.expr import suggest

from .diagnostics import Problem
from .spec import EffectValue, RevealTo


class WrongType(TypeError):
    """A value of the wrong TOML type; ``expected`` reads like 'a whole number'."""

    def __init__(self, expected: str, value: Any, hint: str = ""):
        super().__init__(expected)
        self.expected = expected
        self.value = value
        self.hint = hint


def describe(value: Any) -> str:
    """How a TOML value reads to an author."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"the whole number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"' if len(value) <= 40 else "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"  # dates and times


def _strict_int(v, _t):
    if type(v) is int:
        return v
    hint = ""
    if isinstance(v, float):
        hint = "meters, rounds and costs are whole numbers"
    elif isinstance(v, str) and v.strip().lstrip("-").isdigit():
        hint = "remove the quotes"
    raise WrongType("a whole number", v, hint)


def _strict_float(v, _t):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    hint = "remove the quotes" if isinstance(v, str) and _looks_numeric(v) else ""
    raise WrongType("a number", v, hint)


def _strict_str(v, _t):
    if isinstance(v, str):
        return v
    raise WrongType("text in quotes", v)


def _strict_bool(v, _t):
    if type(v) is bool:
        return v
    hint = "write true or false without quotes" if isinstance(v, str) and v.lower() in ("true", "false") else ""
    raise WrongType("true or false", v, hint)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _effect_value(v, _t):
    if isinstance(v, (int, float, str)) and not isinstance(v, bool):
        return v
    hint = ""
    if isinstance(v, dict):
        hint = 'a meter path with a dot must be quoted, e.g. "target.trust" = -3'
    raise WrongType("a number or an expression in quotes", v, hint)


def _reveal_to(v, _t):
    if isinstance(v, str):
        return v
    if isinstance(v, list):
        return _sequence(v, tuple[str, ...], lambda i: (_strict_str, str))
    raise WrongType('"all", "none" or a list of role ids', v)


def _sequence(v, t, hook_at):
    """Structure each element, collecting every element's error like cattrs does.

    ``hook_at(i)`` gives the (hook, type) for element ``i``.
    """
    out, errors = [], []
    for i, item in enumerate(v):
        hook, elem_type = hook_at(i)
        try:
            out.append(hook(item, elem_type))
        except Exception as exc:  # noqa: BLE001 - re-raised as a group below
            exc.__notes__ = [
                *getattr(exc, "__notes__", []),
                IterableValidationNote(f"Structuring {t} @ index {i}", i, elem_type),
            ]
            errors.append(exc)
    if errors:
        raise IterableValidationError(f"While structuring {t}", errors, t)
    return tuple(out)


def make_converter() -> cattrs.Converter:
    """The strict converter every file is structured with."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook_func(lambda t: t == EffectValue, _effect_value)
    conv.register_structure_hook_func(lambda t: t == RevealTo, _reveal_to)

    def is_tuple(t) -> bool:
        return typing.get_origin(t) is tuple

    def tuple_factory(t):
        args = typing.get_args(t)
        if len(args) == 2 and args[1] is Ellipsis:
            elem = args[0]
            hook = conv.get_structure_hook(elem)

            def homogeneous(v, _t):
                if not isinstance(v, list):
                    hint = f'even one value goes in brackets: ["{v}"]' if isinstance(v, str) and elem is str else ""
                    raise WrongType("a list in [ ]", v, hint)
                return _sequence(v, t, lambda i: (hook, elem))

            return homogeneous
        hooks = [conv.get_structure_hook(a) for a in args]
        example = "[0.5, 0.5]" if float in args else "[1, 4]"

        def fixed(v, _t):
            if not isinstance(v, list) or len(v) != len(args):
                raise WrongType(f"a list of {len(args)} numbers like {example}", v)
            return _sequence(v, t, lambda i: (hooks[i], args[i]))

        return fixed

    def is_dict(t) -> bool:
        return typing.get_origin(t) is dict

    def dict_factory(t):
        _key, value_type = typing.get_args(t)
        hook = conv.get_structure_hook(value_type)

        def mapping(v, _t):
            if not isinstance(v, dict):
                raise WrongType("a table", v, "write it as { key = value } or as its own [section]")
            out, errors = {}, []
            for key, item in v.items():
                try:
                    out[key] = hook(item, value_type)
                except Exception as exc:  # noqa: BLE001 - re-raised as a group below
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring mapping value @ key {key!r}", key, value_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t}", errors, t)
            return out

        return mapping

    def attrs_factory(cl):
        inner = make_dict_structure_fn(cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True)

        def table(v, t):
            if not isinstance(v, dict):
                raise WrongType("a table", v)
            return inner(v, t)

        return table

    conv.register_structure_hook_factory(is_tuple, tuple_factory)
    conv.register_structure_hook_factory(is_dict, dict_factory)
    conv.register_structure_hook_factory(attrs.has, attrs_factory)
    return conv


CONVERTER = make_converter()


# --------------------------------------------------------------------------- errors


def section_name(path: tuple) -> str:
    """How authors name the table at ``path``: [scenario], [[roles]], [meters.x], ..."""
    if not path:
        return "the top level"
    keys = [p for p in path if isinstance(p, str)]
    if isinstance(path[-1], int):
        return "[[" + ".".join(keys) + "]]"
    if len(path) >= 2 and isinstance(path[-2], int):
        return f"'{keys[-1]}' of [[{'.'.join(keys[:-1])}]]"
    return "[" + ".".join(keys) + "]"


def key_name(path: tuple) -> str:
    if not path:
        return "the file"
    if isinstance(path[-1], int):
        return f"entry {path[-1] + 1} of '{key_name(path[:-1])}'" if len(path) > 1 else f"entry {path[-1] + 1}"
    return str(path[-1])


def problems_from(exc: BaseException, file: str, path: tuple, cl: type | None) -> list[Problem]:
    """Flatten a cattrs exception tree into located ``Problem`` records."""
    out: list[Problem] = []
    _walk(exc, file, path, cl, out)
    return out


def _walk(exc: BaseException, file: str, path: tuple, cl, out: list[Problem]) -> None:
    for note in getattr(exc, "__notes__", None) or []:
        name = getattr(note, "name", None)
        if isinstance(note, IterableValidationNote):
            path = path + (note.index,)
        elif name is not None:
            path = path + (name,)
    if isinstance(exc, ClassValidationError):
        for sub in exc.exceptions:
            _walk(sub, file, path, exc.cl, out)
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            _walk(sub, file, path, None, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            out.append(
                Problem(file, path + (key,), unknown_key(key, path, exc.cl, known), suggest(key, known), at="key")
            )
    elif isinstance(exc, KeyError):
        # A missing required key: the path already ends with the key's name.
        parent = path[:-1]
        out.append(Problem(file, parent, f"{section_name(parent)} is missing the required key '{path[-1]}'", at="key"))
    elif isinstance(exc, WrongType):
        message = f"{key_name(path)} must be {exc.expected}, not {describe(exc.value)}"
        if exc.hint:
            message += f"; {exc.hint}"
        out.append(Problem(file, path, message))
    else:  # pragma: no cover - a bug in a hook, reported instead of a traceback
        out.append(Problem(file, path, f"{key_name(path)}: {exc}"))


def unknown_key(key: str, path: tuple, cl, known: list[str]) -> str:
    from .spec import LibraryFile, MeterSpec

    where = section_name(path)
    message = f"unknown key '{key}' in {where}"
    if cl is LibraryFile:
        message += "; an included library holds only format, include, [contract] and [[instruments]]"
    elif cl is MeterSpec and key == "refill":
        message += "; refill is only for [role_meters]"
    elif suggest(key, known) is None:
        message += f"; the keys are {', '.join(known)}"
    return message
