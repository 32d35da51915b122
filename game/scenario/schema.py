"""JSON Schemas of the scenario format, generated from ``spec.py`` for editors.

A scenario file that starts with ``#:schema ./demarche.schema.json`` gets
completion, hover help and checks as the author types, in any editor that uses
taplo or tombi (VS Code's "Even Better TOML" and "Tombi" extensions, Zed,
Helix, ...). Two schemas, one per kind of file:

- ``scenarios/demarche.schema.json`` for a scenario (``spec.ScenarioFile``);
- ``scenarios/demarche-library.schema.json`` for an included instrument
  library (``spec.LibraryFile``); library files sit in ``scenarios/library/``
  and point at it with ``#:schema ../demarche-library.schema.json``.

Both are JSON Schema draft-07, the newest draft taplo 0.9 validates fully
(tombi and Python's ``jsonschema`` read it too). Every key's ``description``
is its ``doc`` metadata in ``spec.py``, so the schema, ``docs/format.md`` and
the loader cannot disagree about the keys. The few checks the loader makes on
single values (fixed words, ids, lower bounds) are listed in ``ENUMS`` and
``LIMITS`` below, each taken from the constant the loader itself uses. A test
regenerates both files and fails if the shipped ones are stale.

The schema helps while typing; ``demarche validate`` stays the final word (it
also checks names, expressions and cross-references a schema cannot see).

Run ``python -m game.scenario.schema`` to rewrite the shipped files.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from pathlib import Path

import attrs

from game import resources
from game.rules.model import CATEGORIES, INSTRUMENT_VISIBILITIES, METER_VISIBILITIES

from . import spec
from .checker import ID
from .language import TAG
from .sections import GOOD

SCENARIO_SCHEMA_NAME = resources.SCENARIO_SCHEMA
LIBRARY_SCHEMA_NAME = resources.LIBRARY_SCHEMA
SCENARIO_SCHEMA_PATH = resources.schema_file(SCENARIO_SCHEMA_NAME)
LIBRARY_SCHEMA_PATH = resources.schema_file(LIBRARY_SCHEMA_NAME)

DRAFT = "http://json-schema.org/draft-07/schema#"
DOCS = (
    "See docs/format.md for every key, the expression language and how a round runs; "
    "check a file with `demarche validate FILE`."
)

# The fixed words the loader accepts (``Checker.one_of`` in sections.py).
ENUMS: dict[tuple[type, str], tuple[str, ...]] = {
    (spec.MeterSpec, "good"): GOOD,
    (spec.InstrumentSpec, "category"): CATEGORIES,
    (spec.InstrumentSpec, "visibility"): INSTRUMENT_VISIBILITIES,
}

_ID = {"pattern": ID.pattern}

# Checks on one value that do not depend on the rest of the file
# (``check_id``, ``at_least`` and ``between`` with constant bounds in sections.py).
LIMITS: dict[tuple[type, str], dict] = {
    (spec.ScenarioHeader, "id"): _ID,
    (spec.ScenarioHeader, "rounds"): {"minimum": 1},
    (spec.ScenarioHeader, "language"): {"pattern": TAG.pattern},
    (spec.ObjectiveSpec, "id"): _ID,
    (spec.RoleSpec, "id"): _ID,
    (spec.RoleSpec, "orders"): {"minimum": 1},
    (spec.ActorSpec, "id"): _ID,
    (spec.ActorSpec, "at"): {"items": {"minimum": 0, "maximum": 1}},
    (spec.InstrumentSpec, "id"): _ID,
    (spec.InstrumentSpec, "cost"): {"minimum": 0},
    (spec.InstrumentSpec, "cooldown"): {"minimum": 0},
    (spec.InstrumentSpec, "signals"): {"items": _ID},
    (spec.CrisisSpec, "id"): _ID,
    (spec.CrisisSpec, "round"): {"minimum": 1},
    (spec.CrisisSpec, "chance"): {"minimum": 0, "maximum": 1},
    (spec.CrisisSpec, "lasts"): {"minimum": 1},
    (spec.ConsequenceSpec, "id"): _ID,
    (spec.ConsequenceSpec, "delay"): {"minimum": 0},
    (spec.ConsequenceSpec, "chance"): {"minimum": 0, "maximum": 1},
    (spec.ScheduleSpec, "round"): {"minimum": 1},
    (spec.ScenarioFile, "format"): {"const": spec.FORMAT_VERSION},
    (spec.ScenarioFile, "meters"): {"propertyNames": _ID},
    (spec.ScenarioFile, "actor_meters"): {"propertyNames": _ID},
    (spec.ScenarioFile, "role_meters"): {"propertyNames": _ID},
    (spec.LibraryFile, "format"): {"const": spec.FORMAT_VERSION},
    (spec.ContractSpec, "actor_meters"): {"items": _ID},
    (spec.ContractSpec, "meters"): {"items": _ID},
    (spec.ContractSpec, "role_meters"): {"items": _ID},
}

_SCALARS = {int: {"type": "integer"}, float: {"type": "number"}, str: {"type": "string"}, bool: {"type": "boolean"}}


def _summary(cls) -> str:
    """The first paragraph of a class's docstring, on one line."""
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(doc.replace("``", "").split())


class _Builder:
    """Turns attrs classes into schema objects, collecting each class once under ``definitions``."""

    def __init__(self) -> None:
        self.definitions: dict[str, dict] = {}

    def ref(self, cls) -> dict:
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # reserve the name first: a class may refer to itself
            self.definitions[name] = self.table(cls)
        return {"$ref": f"#/definitions/{name}"}

    def table(self, cls) -> dict:
        hints = typing.get_type_hints(cls)
        props, required = {}, []
        for field in attrs.fields(cls):
            props[spec.toml_key(field)] = self.field(cls, field, hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(spec.toml_key(field))
        out: dict = {"type": "object", "description": _summary(cls), "properties": props}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def field(self, cls, field: attrs.Attribute, tp) -> dict:
        out = {"description": field.metadata["doc"]}
        out.update(self.type(tp))
        words = _lookup(ENUMS, cls, field.name)
        if words is not None:
            out["enum"] = list(words)
        for key, value in (_lookup(LIMITS, cls, field.name) or {}).items():
            if key == "items":
                out["items"] = {**out["items"], **value}
            else:
                out[key] = value
        default = _default(field)
        if default is not attrs.NOTHING:
            out["default"] = default
        return out

    def type(self, tp) -> dict:
        if tp in _SCALARS:
            return dict(_SCALARS[tp])
        if tp == spec.EffectValue:
            return {
                "anyOf": [
                    {"type": ["number", "string"]},
                    {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
                ]
            }
        if tp == spec.RevealTo:
            return {
                "anyOf": [{"type": "string", "enum": ["all", "none"]}, {"type": "array", "items": {"type": "string"}}]
            }
        if tp == spec.NewsText:
            return {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
        if tp == spec.MeterVisibility:
            return {
                "anyOf": [
                    {"type": "string", "enum": list(METER_VISIBILITIES)},
                    {"type": "array", "items": {"type": "string", **_ID}, "minItems": 1},
                ]
            }
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            # TOML has no null: an optional key is simply left out.
            options = [a for a in args if a is not type(None)]
            if len(options) == 1:
                return self.type(options[0])
            return {"anyOf": [self.type(a) for a in options]}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type(args[0])}
            items = [self.type(a) for a in args]
            fixed = {"type": "array", "minItems": len(args), "maxItems": len(args)}
            if all(i == items[0] for i in items):
                return {**fixed, "items": items[0]}
            return {**fixed, "items": items, "additionalItems": False}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.type(args[1])}
        if attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema type for {tp!r}: teach game/scenario/schema.py about it")


def _lookup(table: dict, cls, name: str):
    """A class's entry, or its nearest base class's (RoleMeterSpec inherits MeterSpec's words)."""
    for klass in cls.__mro__:
        if (klass, name) in table:
            return table[(klass, name)]
    return None


def _default(field: attrs.Attribute):
    """The default as JSON, or NOTHING where there is none to show (required, absent, a whole table)."""
    default = field.default
    if default is attrs.NOTHING or default is None:
        return attrs.NOTHING
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        made = default.factory()
        return made if isinstance(made, (dict, list)) and not made else attrs.NOTHING
    if isinstance(default, tuple):
        return list(default)
    return default


def _schema(cls, title: str, description: str) -> dict:
    builder = _Builder()
    top = builder.table(cls)
    top["description"] = f"{description} {DOCS}"
    out: dict[str, typing.Any] = {"$schema": DRAFT, "title": title}
    out.update(top)
    if builder.definitions:
        out["definitions"] = dict(sorted(builder.definitions.items()))
    return out


def scenario_schema() -> dict:
    """The schema of a scenario file."""
    return _schema(spec.ScenarioFile, "Demarche scenario", "A Demarche scenario file (TOML).")


def library_schema() -> dict:
    """The schema of an included instrument library."""
    return _schema(
        spec.LibraryFile,
        "Demarche instrument library",
        "A Demarche instrument library, included by scenarios with [scenario] include = [...].",
    )


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generated() -> dict[Path, str]:
    """Each shipped schema file and the text it must have."""
    return {SCENARIO_SCHEMA_PATH: dumps(scenario_schema()), LIBRARY_SCHEMA_PATH: dumps(library_schema())}


def main() -> int:
    for path, text in generated().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
