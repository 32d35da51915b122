"""The texts a scenario is made of: reading, TOML parsing, includes, content hash.

A scenario is its own file plus the libraries it includes, keyed by path
relative to the scenario's folder ("red_lines.toml", "library/instruments.toml").
Saves embed exactly these texts, so loading from disk and loading from a save go
through the same walk here, and hash to the same ``content_hash``.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from pathlib import Path
from typing import Any, Callable, cast

import attrs
import tomli

from game.rules.expr import suggest

from ..i18n import N_, _
from .diagnostics import Diagnostic, Problem, ScenarioError
from .limits import MAX_FILE_BYTES, MAX_FILES, MAX_INCLUDE_DEPTH, MAX_INCLUDE_PATH, MAX_NESTING
from .records import MutableRecord

try:  # the interpreter's own SHA-256: hashlib loads OpenSSL first, which takes longer than hashing a scenario
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.12 names it _sha2; a build may have neither
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]
    except ImportError:
        from hashlib import sha256

_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


class Source(MutableRecord):
    """One parsed file of a scenario. ``data`` is None when the TOML is invalid; ``included_by`` is the
    (file key, key path) of the include entry that brought it in (None: the scenario's own file)."""

    __slots__ = ("key", "text", "data", "included_by")

    def __init__(self, key: str, text: str, data: dict | None, included_by: tuple[str, tuple] | None = None) -> None:
        self.key = key
        self.text = text
        self.data = data
        self.included_by = included_by

    @property
    def is_main(self) -> bool:
        return self.included_by is None

    @property
    def table(self) -> dict:
        """``data`` of a file that parsed: only for callers that have checked."""
        if self.data is None:
            raise ValueError(f"{self.key} is not valid TOML")
        return self.data


# --------------------------------------------------------------------------- TOML


_PARSED: dict[
    str, dict
] = {}  # text -> its parse, kept pristine: a library included by several scenarios is parsed once
_PARSED_MAX = 16


def parse_toml(key: str, text: str) -> tuple[dict | None, list[Problem]]:
    """Parse ``text``; a syntax error becomes a located ``Problem``.

    A dotted key of very many parts is refused before tomli sees it: tomli
    takes time quadratic in the number of parts (minutes for a 2 MB key).

    Texts parsed before in this process (the library every bundled scenario
    includes) are not parsed again: the caller gets a deep copy of the kept parse.
    """
    kept = _PARSED.get(text)
    if kept is not None:
        return _copy_toml(kept), []
    long_key = _long_dotted_key(text)
    if long_key is not None:
        line, col = long_key
        return None, [
            Problem(
                key,
                (),
                _(
                    "this dotted key has more than {MAX_NESTING} parts (a.b.c...); tables nest at "
                    "most {MAX_NESTING} deep"
                ).format(MAX_NESTING=MAX_NESTING),
                line=line,
                col=col,
            )
        ]
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        return None, [_syntax_problem(key, text, str(exc))]
    except RecursionError:
        return None, [_too_deep(key, text)]
    except ValueError:  # an integer of more than 4,300 digits, which Python refuses to convert
        m = _LONG_NUMBER.search(text)
        line, col = _line_col(text, m.start()) if m else (1, 1)
        return None, [
            Problem(
                key,
                (),
                _("this number has thousands of digits; numbers in a scenario go up to 1,000,000,000"),
                line=line,
                col=col,
            )
        ]
    try:  # (tomli reads values nested a few hundred levels deeper than this copy, two calls a level, can follow)
        kept = _copy_toml(data)
    except RecursionError:
        return None, [_too_deep(key, text)]
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.pop(next(iter(_PARSED)))
    _PARSED[text] = kept
    return data, []


def _too_deep(key: str, text: str) -> Problem:
    """Values nested deeper than the reader follows: placed at the line with the most opening brackets."""
    lines = text.splitlines() or [""]
    line = max(range(len(lines)), key=lambda i: lines[i].count("[") + lines[i].count("{"))
    found = re.search(r"[\[{]", lines[line])
    return Problem(
        key,
        (),
        _("arrays or tables are nested too deeply here; a scenario's values nest a few levels at most"),
        line=line + 1,
        col=found.start() + 1 if found else 1,
    )


def _copy_toml(value):
    """A deep copy of parsed TOML: only its tables and arrays are containers (every other value tomli
    makes is immutable), so copying those is a deep copy, in a fraction of ``copy.deepcopy``'s time.
    tomli makes plain dicts and lists only; a value that is neither is kept without a call."""
    if type(value) is dict:
        return {k: _copy_toml(v) if type(v) in _CONTAINERS else v for k, v in value.items()}
    if type(value) is list:
        return [_copy_toml(v) if type(v) in _CONTAINERS else v for v in value]
    return value


_CONTAINERS = (dict, list)


_LONG_NUMBER = re.compile(r"(?<![\w.])[+-]?\d[\d_]{4000,}")
_DOTTED = re.compile(r"""(?<![\w"'.-])(?:(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*\.[ \t]*){%d,}""" % MAX_NESTING)


def _long_dotted_key(text: str) -> tuple[int, int] | None:
    """Line and column of a dotted key with more than ``MAX_NESTING`` parts, if there is one.

    A cheap scan finds candidates; tree-sitter confirms that a candidate is a
    key and not the inside of a string or a comment (only then is it parsed).
    A candidate is one line holding ``MAX_NESTING`` dots or more (no part of
    ``_DOTTED`` matches a newline), so a text without such a line is not scanned.
    """
    if not any(line.count(".") >= MAX_NESTING for line in text.split("\n")):
        return None
    tree = None
    for n, match in enumerate(_DOTTED.finditer(text)):
        if n >= 20:
            break
        if tree is None:
            from .locations import parse_tree

            tree = parse_tree(text)
        at = len(text[: match.start()].encode("utf-8"))
        node = tree.root_node.descendant_for_byte_range(at, at + 1)
        while node is not None and node.type not in ("dotted_key", "string", "comment", "document"):
            node = node.parent
        if node is not None and node.type == "dotted_key":
            return _line_col(text, match.start())
    return None


# The parser's own messages without a name in them, as they are shown (first letter lowered), for the catalogue.
_PARSER_MESSAGES = frozenset(
    {
        N_("cannot overwrite a value"),
        N_("escaped character is not a Unicode scalar value"),
        N_("expected '=' after a key in a key/value pair"),
        N_("expected ']' at the end of a table declaration"),
        N_("expected ']]' at the end of an array declaration"),
        N_("expected newline or end of document after a statement"),
        N_("invalid date or datetime"),
        N_("invalid hex value"),
        N_("invalid initial character for a key part"),
        N_("unclosed array"),
        N_("unclosed inline table"),
        N_("unescaped '\\' in a string"),
        N_("unterminated string"),
    }
)


def _syntax_problem(key: str, text: str, raw: str) -> Problem:
    m = _AT.search(raw)
    message = raw[: m.start()] if m else raw
    line = int(m.group(1)) if m and m.group(1) else None
    col = int(m.group(2)) if m and m.group(2) else None
    if message.startswith(("Cannot overwrite a value", "Cannot declare")):
        dup = _duplicate(text)
        if dup:
            return Problem(key, (), dup[0], line=dup[1], col=dup[2])
    if line is None or message.startswith("Unclosed"):  # find where the unclosed thing starts
        line, col, closer = _unclosed_start(text)
        what = {"]": _("array"), "}": _("inline table")}.get(closer, _("string"))
        return Problem(
            key,
            (),
            _("TOML syntax: this {what} is never closed; add {closer} where it should end").format(
                what=what, closer=closer
            ),
            line=line,
            col=col,
        )
    friendly = {
        "Invalid value": _('invalid value: text must be in quotes ("..."), a list in [ ], true/false in lower case'),
        "Invalid statement": _("invalid line: expected key = value, [table] or [[array]]"),
    }
    message = friendly.get(message, message[:1].lower() + message[1:])
    if message in _PARSER_MESSAGES:
        message = _(message)
    return Problem(key, (), _("TOML syntax: {message}").format(message=message), line=line, col=col)


def _duplicate(text: str) -> tuple[str, int, int] | None:
    from .locations import KeyIndex

    index = KeyIndex(text)
    if not index.duplicates:
        return None
    path, first, second = index.duplicates[0]
    name = ".".join(str(p) for p in path if not isinstance(p, int))
    return (
        _("TOML syntax: '{name}' is defined twice (first at line {key_line})").format(
            name=name, key_line=first.key_line
        ),
        second.key_line,
        second.key_col,
    )


def _unclosed_start(text: str) -> tuple[int, int, str]:
    """Where the string or array left open at the end of ``text`` starts.

    Only called when tomli says the document ended inside something, so
    everything before that opener is valid TOML; tracking strings, comments
    and brackets is then enough to find it in one pass. Returns the line,
    the column and the text that would close it.
    """
    i, n = 0, len(text)
    opened: list[int] = []  # positions of open '[' (arrays; headers close on their line)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith(('"""', "'''"), i):
            quote = text[i : i + 3]
            end = _closing(text, i + 3, quote)
            if end < 0:
                return (*_line_col(text, i), quote)
            i = end + 3
            while i < n and text[i] == quote[0]:  # """a"""" ends with a quote in the string
                i += 1
        elif ch in "\"'":
            end = _closing(text, i + 1, ch)
            line_end = text.find("\n", i)
            if end < 0 or 0 <= line_end < end:
                return (*_line_col(text, i), ch)
            i = end + 1
        elif ch in "[{":
            opened.append(i)
            i += 1
        elif ch in "]}":
            if opened:
                opened.pop()
            i += 1
        else:
            i += 1
    if opened:
        return (*_line_col(text, opened[0]), "]" if text[opened[0]] == "[" else "}")
    return (*_line_col(text, max(n - 1, 0)), _("the missing part"))


def _closing(text: str, i: int, quote: str) -> int:
    """Index of the closing ``quote`` from ``i`` (backslash escapes in basic strings), or -1."""
    while True:
        j = text.find(quote, i)
        if j < 0 or quote[0] == "'":
            return j
        backslashes = len(text[i:j]) - len(text[i:j].rstrip("\\"))
        if backslashes % 2 == 0:
            return j
        i = j + 1


def _line_col(text: str, i: int) -> tuple[int, int]:
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


# --------------------------------------------------------------------------- includes


def is_library(data: dict | None) -> bool:
    """Whether a parsed file is an instrument library rather than a scenario.

    A library has no [scenario] table, only keys a library may hold, and more
    than the format line (a file with nothing else is taken as a scenario to be).
    """
    from .spec import LibraryFile

    if not isinstance(data, dict) or "scenario" in data:
        return False
    keys = set(data)
    return bool(keys - {"format"}) and keys <= {f.name for f in attrs.fields(cast(Any, LibraryFile))}


def include_entries(source: Source) -> list[tuple[tuple, str]]:
    """(key path, text) of each include entry written in ``source``, as far as it is readable."""
    data = source.data or {}
    if source.is_main and not is_library(data):
        header = data.get("scenario")
        entries = header.get("include") if isinstance(header, dict) else None
        base: tuple = ("scenario", "include")
    else:
        entries, base = data.get("include"), ("include",)
    if not isinstance(entries, list):
        return []
    return [(base + (i,), e) for i, e in enumerate(entries) if isinstance(e, str)]


def resolve(including: str, entry: str) -> str | None:
    """The key of an included file, relative to the scenario folder; None if absolute."""
    entry = entry.replace("\\", "/")
    if entry.startswith("/") or re.match(r"^[A-Za-z]:", entry):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(including), entry))


class Refused(Exception):
    """A file that may not be read as part of a scenario. The message never quotes the file."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _entry_problem(entry: str) -> str | None:
    """Why an include entry cannot even be looked up, or None."""
    bad = _CONTROL.search(entry)
    if bad:
        what = (
            _("a NUL character")
            if bad.group() == "\x00"
            else _("a control character (code {ord})").format(ord=ord(bad.group()))
        )
        return _('include path contains {what}; write a plain relative path such as "library/instruments.toml"').format(
            what=what
        )
    if len(entry) > MAX_INCLUDE_PATH:
        return _("include path is {n:,} characters long; the limit is {MAX_INCLUDE_PATH}").format(
            n=len(entry), MAX_INCLUDE_PATH=MAX_INCLUDE_PATH
        )
    return None


def _text_problem(key: str, text: str) -> Problem | None:
    """A text that is too large or holds a NUL character, which no TOML file may."""
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        return Problem(
            key,
            (),
            _("the file is larger than {MAX_FILE_BYTES:,} bytes, the limit for a scenario file").format(
                MAX_FILE_BYTES=MAX_FILE_BYTES
            ),
            line=1,
            col=1,
        )
    nul = text.find("\x00")
    if nul >= 0:
        line, col = _line_col(text, nul)
        return Problem(
            key,
            (),
            _("the file contains a NUL character (byte 0), which a TOML file may not; remove it"),
            line=line,
            col=col,
        )
    return None


def walk(
    read: Callable[[str], str | None], main: str, known: Callable[[], list[str]] = list
) -> tuple[list[Source], list[Problem], bool]:
    """Read and parse ``main`` and, depth first, everything it includes.

    Returns the sources in discovery order (main first), the problems (syntax
    errors, bad or missing includes, include cycles, files too large or too
    many) and whether an include is missing. ``read`` may raise ``Refused``
    for a file it will not read. ``known()`` lists file keys that exist, for
    did-you-mean on a missing include (only called if one is missing).
    """
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    missing: list[str] = []

    def visit(key: str, text: str, included_by, stack: tuple[str, ...]) -> None:
        bad = _text_problem(key, text)
        if bad is not None:
            problems.append(bad)
            sources[key] = Source(key, text if len(text) <= MAX_FILE_BYTES else "", None, included_by)
            return
        data, errs = parse_toml(key, text)
        problems.extend(errs)
        source = Source(key, text, data, included_by)
        sources[key] = source
        for path, entry in include_entries(source):
            refusal = _entry_problem(entry)
            child = None if refusal else resolve(key, entry)
            if child is None:
                problems.append(
                    Problem(
                        key,
                        path,
                        refusal or _("include '{entry}' must be a path relative to this file").format(entry=entry),
                    )
                )
                missing.append(entry)
                continue
            if child in stack + (key,):
                chain = " -> ".join(stack + (key, child))
                problems.append(Problem(key, path, _("include cycle: {chain}").format(chain=chain)))
                continue
            if child in sources:
                continue  # included twice (a diamond), loaded once
            if len(stack) + 1 >= MAX_INCLUDE_DEPTH:
                problems.append(
                    Problem(
                        key,
                        path,
                        _(
                            "includes are nested more than {MAX_INCLUDE_DEPTH} deep (a library including a library ...)"
                        ).format(MAX_INCLUDE_DEPTH=MAX_INCLUDE_DEPTH),
                    )
                )
                missing.append(child)
                continue
            if len(sources) >= MAX_FILES:
                problems.append(
                    Problem(
                        key,
                        path,
                        _(
                            "a scenario and its includes may have at most {MAX_FILES} files; this include "
                            "is one too many"
                        ).format(MAX_FILES=MAX_FILES),
                    )
                )
                missing.append(child)
                continue
            try:
                child_text = read(child)
            except Refused as exc:
                problems.append(Problem(key, path, _("include '{entry}' {exc}").format(entry=entry, exc=exc)))
                missing.append(child)
                continue
            if child_text is None:
                hint = suggest(child, [k for k in known() if k != key])
                looked = _(" (looked for {child})").format(child=child) if child != entry else ""
                problems.append(
                    Problem(
                        key,
                        path,
                        _("included file '{entry}' not found{looked}").format(entry=entry, looked=looked),
                        hint and _relative(key, hint),
                    )
                )
                missing.append(child)
                continue
            visit(child, child_text, (key, path), stack + (key,))

    try:
        text = read(main)
    except Refused as exc:
        raise ScenarioError([Diagnostic(main, 1, 1, "error", _("the scenario file {exc}").format(exc=exc))]) from None
    if text is None:
        raise ScenarioError([Diagnostic(main, 1, 1, "error", _("scenario file not found"))])
    visit(main, text, None, ())
    return list(sources.values()), problems, bool(missing)


def _relative(including: str, key: str) -> str:
    return posixpath.relpath(key, posixpath.dirname(including) or ".")


def library_order(sources: list[Source]) -> list[Source]:
    """Included files in the order their instruments come: a file's includes before it."""
    by_key = {s.key: s for s in sources}
    order: list[Source] = []
    seen: set[str] = set()

    def visit(source: Source) -> None:
        seen.add(source.key)
        for _path, entry in include_entries(source):
            child = by_key.get(resolve(source.key, entry) or "")
            if child is not None and child.key not in seen:
                visit(child)
        if not source.is_main:
            order.append(source)

    visit(sources[0])
    return order


def content_hash(sources: list[Source]) -> str:
    """sha256 hex of the JSON list of [key, text] pairs, sorted by key (UTF-8, compact)."""
    pairs = sorted([s.key, s.text] for s in sources)
    return sha256(_json_pairs(pairs).encode("utf-8")).hexdigest()


_json_string: Callable[[str], str] | None
try:  # the string encoder json.dumps uses with ensure_ascii=False, without loading the json package
    from _json import encode_basestring as _json_string
except ImportError:  # pragma: no cover - a Python without the C accelerator
    _json_string = None


def _json_pairs(pairs: list[list[str]]) -> str:
    """``json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))`` of a list of string lists."""
    if _json_string is None:  # pragma: no cover
        import json

        return json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
    return "[" + ",".join("[" + ",".join(map(_json_string, pair)) + "]" for pair in pairs) + "]"


# --------------------------------------------------------------------------- disk


def read_text(path: Path, shown: str) -> str | None:
    """A file's text as UTF-8 (a leading BOM dropped), None if it does not exist.

    Only a regular file is read (never a device, a pipe or a folder), and never
    more than ``MAX_FILE_BYTES`` + 1 bytes of it; anything else raises
    ``Refused``. Text that is not UTF-8 raises a located ``ScenarioError``.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except ValueError:  # a NUL in the path
        raise Refused(_("has a NUL character in its path")) from None
    except OSError as exc:
        if isinstance(exc, IsADirectoryError):
            raise Refused(_("is a folder, not a file")) from None
        raise Refused(_("cannot be read: {value}").format(value=exc.strerror or exc)) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise Refused(_("is a folder, not a file"))
        raise Refused(_("is not a regular file (a device, a pipe or a socket); only TOML files can be read"))
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise Refused(_("cannot be read: {value}").format(value=exc.strerror or exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise Refused(
            _("is larger than {MAX_FILE_BYTES:,} bytes, the limit for a scenario file").format(
                MAX_FILE_BYTES=MAX_FILE_BYTES
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise ScenarioError(
            [Diagnostic(shown, line, col, "error", _("the file is not UTF-8 text; save it as UTF-8"))]
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def allowed_roots(folder: Path) -> tuple[Path, ...]:
    """Where a scenario's includes may lead: its own folder tree, and the bundled library."""
    from .bundled import bundled_dir

    return tuple(dict.fromkeys((Path(os.path.realpath(folder)), Path(os.path.realpath(bundled_dir() / "library")))))


def disk_reader(folder: Path, main: str) -> Callable[[str], str | None]:
    """``read`` for ``walk`` on disk: ``main`` as named, includes only inside ``allowed_roots``.

    An include is resolved with symbolic links followed and must land inside
    an allowed root; if it does not, it is refused without being opened.
    """
    roots = allowed_roots(folder)
    shown_root = str(folder)

    def read(key: str) -> str | None:
        path = folder / key
        if key != main:
            real = Path(os.path.realpath(path))
            if not any(real == root or real.is_relative_to(root) for root in roots):
                raise Refused(
                    _(
                        "leads outside the scenario's folder; an include must stay in the folder of "
                        "the scenario (or a folder below it) or in Demarche's bundled library"
                    )
                )
        return read_text(path, display_name(shown_root, key))

    return read


def display_name(root: str | None, key: str) -> str:
    """The file name shown in diagnostics: ``key`` under the folder the user named."""
    if not root or root == ".":
        return key
    return posixpath.normpath(posixpath.join(root.replace("\\", "/"), key))


def read_scenario_files(path: str | Path) -> tuple[dict[str, str], str]:
    """Read a scenario file and everything it includes, for loading or embedding in a save.

    Returns ``(files, main)``: texts keyed by path relative to the scenario's
    folder, and the key of the scenario file itself. Includes that are missing
    are left out (loading then reports them with their location).
    """
    path = Path(path)
    root, main = path.parent, path.name
    files: dict[str, str] = {}
    from_disk = disk_reader(root, main)

    def read(key: str) -> str | None:
        text = from_disk(key)
        if text is not None:
            files[key] = text
        return text

    walk(read, main)
    return files, main


def folder_files(folder: Path, limit: int = 500) -> list[str]:
    """Keys of TOML files up to two folders below ``folder``, for did-you-mean on a missing include."""
    keys: list[str] = []
    for pattern in ("*.toml", "*/*.toml", "*/*/*.toml"):
        for p in folder.glob(pattern):
            keys.append(p.relative_to(folder).as_posix())
            if len(keys) >= limit:
                return keys
    return keys
