"""docs/format.md, generated from the format's own description in ``spec.py``.

The prose lives in ``docs/format.in.md``; every ``{{keys:ClassName}}`` there is
replaced by a table of that class's keys (type, default, meaning) taken from the
attrs fields and their ``doc`` metadata, and ``{{limits}}`` by the table of
size limits in ``limits.py``, the one the loader checks. A test regenerates the
file and fails if the committed one is stale, so the reference cannot drift from the loader.

Run ``python -m game.scenario.reference`` to rewrite docs/format.md.
"""

from __future__ import annotations

import re
import sys
import typing
from pathlib import Path

import attrs

from . import spec

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docs" / "format.in.md"
OUTPUT = ROOT / "docs" / "format.md"

_NAMES = {int: "whole number", float: "number", str: "text", bool: "true / false"}


def type_name(tp) -> str:
    """A field's type in words an author understands."""
    if tp in _NAMES:
        return _NAMES[tp]
    if tp is spec.EffectValue:
        return "number, text or [low, high]"
    if tp is spec.RevealTo:
        return '"all", "none" or list of role ids'
    if tp is spec.NewsText:
        return "text or list of texts"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or origin is getattr(__import__("types"), "UnionType", None):
        parts = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(parts)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            inner = args[0]
            if attrs.has(inner):
                return "array of tables"
            return f"list of {type_name(inner)}"
        return "[" + ", ".join(type_name(a) for a in args) + "]"
    if origin is dict:
        value = args[1]
        if attrs.has(value):
            return "tables"
        if value is spec.EffectValue:
            return "table: meter path = amount"
        return f"table of {type_name(value)}"
    if attrs.has(tp):
        return "table"
    return getattr(tp, "__name__", str(tp))


def default_text(field: attrs.Attribute) -> str:
    if field.default is attrs.NOTHING:
        return "**required**"
    default: typing.Any = field.default  # attrs types a Factory default as the value it makes
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a function to mypy
        made = default.factory()
        if isinstance(made, dict):
            return "`{}`"
        return "(see below)"
    value = field.default
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    if isinstance(value, tuple):
        return "`[" + ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in value) + "]`"
    return f"`{value}`"


def keys_table(cls) -> str:
    hints = typing.get_type_hints(cls)
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for field in attrs.fields(cls):
        doc = field.metadata.get("doc", "").replace("|", "\\|")
        rows.append(f"| `{spec.toml_key(field)}` | {type_name(hints[field.name])} | {default_text(field)} | {doc} |")
    return "\n".join(rows)


def render(template: str) -> str:
    def replace(match: re.Match) -> str:
        cls = getattr(spec, match.group(1))
        return keys_table(cls)

    from .limits import markdown

    return re.sub(r"\{\{keys:(\w+)\}\}", replace, template).replace("{{limits}}", markdown())


def generated() -> str:
    header = (
        "<!-- Generated from docs/format.in.md and game/scenario/spec.py by `python -m game.scenario.reference`. "
        "Edit those, not this file. -->\n\n"
    )
    return header + render(TEMPLATE.read_text(encoding="utf-8"))


def main() -> int:
    OUTPUT.write_text(generated(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
