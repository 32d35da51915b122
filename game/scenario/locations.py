"""Where each key of a TOML text is: key path -> line and column of key and value.

tomli gives values but no positions, so errors found after parsing would
have nowhere to point. This index re-reads the text with tree-sitter-toml (a
real TOML grammar: dotted keys, quoted keys, inline tables and arrays of tables
are where hand-written scanners go wrong) and records, for every key path such
as ``("roles", 0, "objectives", 1, "when")``, where the key and its value start.
It is built only when there is an error to report.

Lines and columns are 1-based and count characters, not bytes. Building the
index is linear in the size of the text (a one-line array of 50,000 entries
included): each line's byte-to-character table is made once, and only for
lines that are not plain ASCII. Nothing here recurses on the text's nesting
beyond ``MAX_NESTING`` levels, so a dotted key of a thousand parts is safe.
"""

from __future__ import annotations

from itertools import accumulate

import attrs
import tomli
import tree_sitter_toml
from tree_sitter import Language, Node, Parser

_LANGUAGE = Language(tree_sitter_toml.language())
_KEY_TYPES = ("bare_key", "quoted_key", "dotted_key")
MAX_NESTING = 64  # deeper values are not indexed (the limits check refuses far less)


@attrs.frozen
class Loc:
    """Where one key path is written. ``value_raw`` is the raw string token, quotes included."""

    key_line: int
    key_col: int
    value_line: int
    value_col: int
    key_raw: str | None = None
    value_raw: str | None = None


def parse_tree(text: str):
    """The tree-sitter tree of a TOML text (linear time, in C)."""
    return Parser(_LANGUAGE).parse(text.encode("utf-8"))


class KeyIndex:
    """Key path -> ``Loc`` for one TOML text (see the module docstring)."""

    def __init__(self, text: str):
        self.text = text
        self._bytes = text.encode("utf-8")
        self._lines = self._bytes.split(b"\n")
        self._ascii = [line.isascii() for line in self._lines]
        self._columns: dict[int, list[int]] = {}  # row -> characters before each byte, non-ASCII rows only
        self.locs: dict[tuple, Loc] = {}
        self.duplicates: list[tuple[tuple, Loc, Loc]] = []  # (path, first, second)
        self._defined: set[tuple] = set()  # paths written explicitly (not only as a prefix)
        self._aot: dict[tuple, int] = {}  # array-of-tables path -> elements so far
        tree = Parser(_LANGUAGE).parse(self._bytes)
        self._document(tree.root_node)

    # ------------------------------------------------------------------ queries

    def get(self, path: tuple) -> Loc | None:
        return self.locs.get(tuple(path))

    def nearest(self, path: tuple) -> tuple[tuple, Loc | None]:
        """The ``Loc`` of ``path`` or of its longest known prefix."""
        path = tuple(path)
        while path:
            if path in self.locs:
                return path, self.locs[path]
            path = path[:-1]
        return (), None

    def key_position(self, path: tuple) -> tuple[int, int]:
        _, loc = self.nearest(path)
        return (loc.key_line, loc.key_col) if loc else (1, 1)

    def value_position(self, path: tuple) -> tuple[int, int]:
        found, loc = self.nearest(path)
        if loc is None:
            return 1, 1
        if found != tuple(path):  # the value is missing: point at its table
            return loc.key_line, loc.key_col
        return loc.value_line, loc.value_col

    def string_position(self, path: tuple, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` of the string value at ``path``."""
        loc = self.get(path)
        if loc is None or loc.value_raw is None:
            return self.value_position(path)
        return _in_string(loc.value_raw, loc.value_line, loc.value_col, offset)

    def key_text_position(self, path: tuple, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` of the (last) key of ``path``."""
        loc = self.get(path)
        if loc is None:
            return self.key_position(path)
        if loc.key_raw is None:
            return loc.key_line, loc.key_col
        if loc.key_raw[:1] in "\"'":
            return _in_string(loc.key_raw, loc.key_line, loc.key_col, offset)
        return loc.key_line, loc.key_col + offset

    # ------------------------------------------------------------------ walking

    def _pos(self, node: Node) -> tuple[int, int]:
        row, col = node.start_point
        if row >= len(self._lines) or self._ascii[row]:
            return row + 1, col + 1
        table = self._columns.get(row)
        if table is None:  # a UTF-8 continuation byte (10xxxxxx) does not start a character
            table = self._columns[row] = list(accumulate(((b & 0xC0) != 0x80 for b in self._lines[row]), initial=0))
        return row + 1, table[min(col, len(table) - 1)] + 1

    def _add(self, path: tuple, loc: Loc, intermediate: bool = False) -> None:
        if intermediate:
            self.locs.setdefault(path, loc)
            return
        if path in self._defined:
            self.duplicates.append((path, self.locs[path], loc))
            return
        self._defined.add(path)
        self.locs[path] = loc

    def _document(self, root: Node) -> None:
        prefix: tuple = ()
        for child in root.children:
            if child.type == "pair":
                self._pair(child, prefix)
            elif child.type == "table":
                prefix = self._header(child, array=False)
            elif child.type == "table_array_element":
                prefix = self._header(child, array=True)

    def _header(self, node: Node, array: bool) -> tuple:
        key = next((c for c in node.children if c.type in _KEY_TYPES), None)
        if key is None:
            return ()
        parts = self._key_parts(key)
        path: tuple = ()
        line, col = self._pos(node)
        for i, (name, part_node) in enumerate(parts):
            path = path + (name,)
            last = i == len(parts) - 1
            if not last or array:
                pl, pc = self._pos(part_node)
                self._add(path, Loc(pl, pc, pl, pc, _text(part_node)), intermediate=True)
            if not last and path in self._aot:  # [a.b] after [[a]]: b is in the last a
                path = path + (self._aot[path] - 1,)
        if array:
            index = self._aot.get(path, 0)
            self._aot[path] = index + 1
            path = path + (index,)
        self._add(path, Loc(line, col, line, col, _text(key)))
        for child in node.children:
            if child.type == "pair":
                self._pair(child, path)
        return path

    def _pair(self, node: Node, prefix: tuple) -> None:
        children = [c for c in node.children if c.type not in ("=", "comment")]
        if len(children) < 2 or children[0].type not in _KEY_TYPES:
            return
        key, value = children[0], children[-1]
        parts = self._key_parts(key)
        path = prefix
        for i, (name, part_node) in enumerate(parts):
            path = path + (name,)
            kl, kc = self._pos(part_node)
            raw = _text(part_node)
            if i < len(parts) - 1:
                self._add(path, Loc(kl, kc, kl, kc, raw), intermediate=True)
            else:
                vl, vc = self._pos(value)
                vraw = _text(value) if value.type == "string" else None
                self._add(path, Loc(kl, kc, vl, vc, raw, vraw))
        self._value(value, path)

    def _value(self, node: Node, path: tuple) -> None:
        if len(path) > MAX_NESTING:
            return
        if node.type == "inline_table":
            for child in node.children:
                if child.type == "pair":
                    self._pair(child, path)
        elif node.type == "array":
            index = 0
            for child in node.named_children:
                kind = child.type
                if kind == "comment":
                    continue
                line, col = self._pos(child)
                raw = _text(child) if kind == "string" else None
                self._add(path + (index,), Loc(line, col, line, col, None, raw))
                self._value(child, path + (index,))
                index += 1

    def _key_parts(self, key: Node) -> list[tuple[str, Node]]:
        """The parts of a (dotted) key, left to right, without recursion."""
        parts: list[tuple[str, Node]] = []
        stack = [key]
        while stack:
            node = stack.pop()
            if node.type == "dotted_key":
                stack.extend(reversed([c for c in node.children if c.type in _KEY_TYPES]))
            else:
                parts.append(self._simple_key(node))
        return parts[: MAX_NESTING + 1]

    def _simple_key(self, key: Node) -> tuple[str, Node]:
        raw = _text(key)
        if key.type == "quoted_key":
            try:
                raw = tomli.loads(f"k = {raw}")["k"]
            except tomli.TOMLDecodeError:
                raw = raw[1:-1]
        return raw, key


def _text(node: Node) -> str:
    return (node.text or b"").decode()


def _in_string(raw: str, line: int, col: int, offset: int) -> tuple[int, int]:
    """Map a character offset in a string's value to its position in the file.

    Exact for one-line literal strings, for basic strings (escapes counted),
    and for multi-line strings without backslashes; otherwise the string start.
    """
    if raw.startswith(('"""', "'''")):
        body = raw[3:-3]
        if raw.startswith('"""') and "\\" in body:
            return line, col
        start_col = col + 3
        if body.startswith("\r\n"):
            body, line, start_col = body[2:], line + 1, 1
        elif body.startswith("\n"):
            body, line, start_col = body[1:], line + 1, 1
        before = body[:offset]
        newlines = before.count("\n")
        if newlines:
            return line + newlines, len(before) - before.rindex("\n")
        return line, start_col + offset
    if raw.startswith("'"):
        return line, col + 1 + offset
    # Basic string: walk escapes so each decoded character maps to its source.
    body = raw[1:-1]
    i = decoded = 0
    while i < len(body) and decoded < offset:
        if body[i] == "\\" and i + 1 < len(body):
            i += {"u": 6, "U": 10}.get(body[i + 1], 2)
        else:
            i += 1
        decoded += 1
    return line, col + 1 + i
