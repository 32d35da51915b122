"""A sub-table header written after another section: TOML files it under the wrong entry, silently.

``[[roles.objectives]]`` always belongs to the last ``[[roles]]`` above it, however
far above: written after ``[[actors]]`` for the first role, it joins the last
role instead, and the file still parses and loads. ``misplaced`` warns at each
such header, naming the entry it joined. The texts are scanned line by line
first; only a file with a candidate is parsed with tree-sitter, so that a
header-like line inside a multi-line string is not taken for one.
"""

from __future__ import annotations

import re

import tomli

from ..i18n import _
from .diagnostics import WARNING, Problem

_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]", re.MULTILINE)
_BARE = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")  # TOML's bare keys joined by dots


def misplaced(file: str, text: str, data: dict) -> list[Problem]:
    """A warning at every sub-table header of an array of tables that does not follow its entry."""
    quick = [(m.group(1) == "[[", _parts(m.group(2)), 0, 0) for m in _HEADER.finditer(text)]
    if not _findings(quick, data):
        return []
    return [
        Problem(file, (), message, severity=WARNING, line=line, col=col)
        for message, line, col in _findings(_headers(text), data)
    ]


def _findings(headers: list, data: dict) -> list[tuple[str, int, int]]:
    """(message, line, col) for each misplaced header; ``headers`` are (array, parts, line, col)."""
    out = []
    seen: dict[str, list[int]] = {}  # array of tables -> lines of its [[X]] headers so far
    previous: tuple[bool, tuple[str, ...]] | None = None
    for array, parts, line, col in headers:
        if parts is None:
            previous = None
            continue
        top = parts[0]
        if len(parts) == 1 and array:
            seen.setdefault(top, []).append(line)
        elif len(parts) > 1 and isinstance(data.get(top), list) and seen.get(top):
            if previous is not None and previous[1][0] != top:
                entries = data[top]
                index = len(seen[top]) - 1
                entry = entries[index] if index < len(entries) and isinstance(entries[index], dict) else {}
                ident = entry.get("id")
                name = f"'{ident}'" if isinstance(ident, str) else _("number {index}").format(index=index + 1)
                shown, after = _shown(array, parts), _shown(*previous)
                out.append(
                    (
                        _(
                            "{shown} comes after {after}, but TOML puts it in the last [[{top}]] above it: "
                            "{value} {name} (line {seen}); move it up under the [[{top}]] it belongs to, "
                            "before {after}"
                        ).format(
                            shown=shown,
                            after=after,
                            top=top,
                            value=top[:-1] if top.endswith("s") else top,
                            name=name,
                            seen=seen[top][-1],
                        ),
                        line,
                        col,
                    )
                )
        previous = (array, parts)
    return out


def _shown(array: bool, parts: tuple[str, ...]) -> str:
    key = ".".join(parts)
    return f"[[{key}]]" if array else f"[{key}]"


def _parts(key: str) -> tuple[str, ...] | None:
    """The parts of a header's key (``roles.objectives`` -> ("roles", "objectives")), None if unreadable."""
    if _BARE.fullmatch(key):  # bare keys and dots, as almost every header is: no parser needed
        return tuple(key.split("."))
    try:
        table = tomli.loads(f"[{key}]\n")
    except tomli.TOMLDecodeError:
        return None
    parts = []
    while isinstance(table, dict) and len(table) == 1:
        name = next(iter(table))
        parts.append(name)
        table = table[name]
    return tuple(parts) or None


def _headers(text: str) -> list:
    """(array, parts, line, col) of every real table header, in file order."""
    from .locations import parse_tree  # tree-sitter only for a file with a candidate

    out = []
    for node in parse_tree(text).root_node.children:
        if node.type not in ("table", "table_array_element"):
            continue
        key = next((c for c in node.children if c.type in ("bare_key", "quoted_key", "dotted_key")), None)
        if key is None:
            continue
        row, col = node.start_point
        out.append((node.type == "table_array_element", _parts((key.text or b"").decode()), row + 1, col + 1))
    return out
