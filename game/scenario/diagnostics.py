"""What an author reads when a scenario is wrong: ``file:line:col: error: ...``.

Checks produce ``Problem`` records that name a key path (cheap, no positions);
only when there is something to report are they placed in the text with the
tree-sitter index (``locations``) and turned into ``Diagnostic`` lines. One
``ScenarioError`` carries every diagnostic of a run, so an author fixes them
all at once instead of one per try.
"""

from __future__ import annotations

from ..i18n import N_, _, ngettext
from .records import Record, _set

ERROR = "error"
WARNING = "warning"
# The severities as a diagnostic line says them ("error", "warning" stay the ids).
SEVERITY = {ERROR: N_("error"), WARNING: N_("warning")}


class Problem(Record):
    """A mistake at a key path of one file, before it is placed at a line.

    ``at`` says what to point at: ``"key"`` (the key, or the table header for a
    table), ``"value"``, ``"expr"`` (``offset`` characters into the string
    value) or ``"keyexpr"`` (``offset`` characters into the key's text).
    ``line``/``col`` given directly (TOML syntax errors) skip the index.
    ``first`` points at the earlier definition a duplicate clashes with: the
    (file, path) of an earlier definition to mention.
    """

    __slots__ = ("file", "path", "message", "suggestion", "at", "offset", "severity", "line", "col", "first")
    file: str
    path: tuple
    message: str
    suggestion: str | None
    at: str
    offset: int
    severity: str
    line: int | None
    col: int | None
    first: tuple[str, tuple] | None

    def __init__(
        self,
        file: str,
        path: tuple,
        message: str,
        suggestion: str | None = None,
        at: str = "value",
        offset: int = 0,
        severity: str = ERROR,
        line: int | None = None,
        col: int | None = None,
        first: tuple[str, tuple] | None = None,
    ) -> None:
        _set(self, "file", file)
        _set(self, "path", path)
        _set(self, "message", message)
        _set(self, "suggestion", suggestion)
        _set(self, "at", at)
        _set(self, "offset", offset)
        _set(self, "severity", severity)
        _set(self, "line", line)
        _set(self, "col", col)
        _set(self, "first", first)


class Diagnostic(Record):
    """One reported mistake, with 1-based line and column."""

    __slots__ = ("file", "line", "col", "severity", "message", "suggestion")
    file: str
    line: int
    col: int
    severity: str
    message: str
    suggestion: str | None

    def __init__(
        self, file: str, line: int, col: int, severity: str, message: str, suggestion: str | None = None
    ) -> None:
        _set(self, "file", file)
        _set(self, "line", line)
        _set(self, "col", col)
        _set(self, "severity", severity)
        _set(self, "message", message)
        _set(self, "suggestion", suggestion)

    def as_error(self) -> Diagnostic:
        """The same diagnostic with severity "error" (``validate --strict`` shows warnings so)."""
        return self._replace(severity=ERROR)

    def __str__(self) -> str:
        hint = _(" (did you mean '{suggestion}'?)").format(suggestion=self.suggestion) if self.suggestion else ""
        severity = _(SEVERITY.get(self.severity, self.severity))
        return f"{self.file}:{self.line}:{self.col}: {severity}: {self.message}{hint}"


def error_count(n: int) -> str:
    """The count of errors: "1 error", "3 errors"."""
    return ngettext("{n} error", "{n} errors", n).format(n=n)


class ScenarioError(Exception):
    """A scenario could not be loaded; ``diagnostics`` lists every reason.

    ``files`` maps each displayed file name to its text when it was read, so a
    front end can print source lines under each diagnostic (see ``render``).
    """

    def __init__(self, diagnostics: list[Diagnostic], files: dict[str, str] | None = None):
        self.diagnostics = list(diagnostics)
        self.files = dict(files or {})
        errors = sum(1 for d in self.diagnostics if d.severity == ERROR)
        super().__init__("\n".join(str(d) for d in self.diagnostics) + "\n" + error_count(errors))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]


def render(diagnostic: Diagnostic, text: str | list[str] | None) -> str:
    """The diagnostic line, then the source line and a caret under the column.

    ``text`` is the file's text or its lines (split once when rendering many).
    Control characters are replaced (``game.terminal.printable``) and a long
    line is cut to the part around the column.
    """
    from game.terminal import printable

    out = printable(str(diagnostic))
    if text is None:
        return out
    lines = text.split("\n") if isinstance(text, str) else text
    if 1 <= diagnostic.line <= len(lines):
        source, col = lines[diagnostic.line - 1].expandtabs(1), diagnostic.col
        if len(source) > 160:
            start = max(0, min(col - 81, len(source) - 160))
            source, col = source[start : start + 160], col - start
        out += f"\n  {printable(source)}\n  {' ' * (col - 1)}^"
    return out


def render_all(error: ScenarioError) -> str:
    """Every diagnostic of ``error`` with its source snippet, for plain terminals."""
    lines = {name: text.split("\n") for name, text in error.files.items()}
    parts = [render(d, lines.get(d.file)) for d in error.diagnostics]
    count = len(error.errors)
    parts.append(error_count(count))
    return "\n".join(parts)
