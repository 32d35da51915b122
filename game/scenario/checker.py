"""The small checks every section needs: ids, ranges, expressions, effects.

A ``Checker`` collects ``Problem`` records instead of raising, so one run
reports every mistake. Its helpers return the compiled value or ``None`` so a
section can keep going after a bad entry. Expression errors keep their offset,
which ``locations`` later turns into the exact column inside the string.
"""

from __future__ import annotations

import re
from typing import Iterable

from game.rules.expr import ExprError, Names, check_meter_path, compile_expr, constant, suggest
from game.rules.model import Effect, Expr

from .diagnostics import ERROR, WARNING, Problem

ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Words an expression reads itself; an id that is one of them could never be named.
RESERVED = frozenset({"round", "rounds", "target", "self", "and", "or", "not", "true", "false"})


class Checker:
    """Collects problems; one per load."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, file: str, path: tuple, message: str, suggestion: str | None = None, at: str = "value", offset: int = 0, first=None) -> None:
        self.problems.append(Problem(file, path, message, suggestion, at, offset, ERROR, first=first))

    def warn(self, file: str, path: tuple, message: str, suggestion: str | None = None, at: str = "value") -> None:
        self.problems.append(Problem(file, path, message, suggestion, at, 0, WARNING))

    @property
    def failed(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    # ------------------------------------------------------------------ ids

    def check_id(self, file: str, path: tuple, value: str, what: str, at: str = "value") -> bool:
        if not ID.match(value):
            self.error(file, path, f"{what} id '{value}' may use only letters, digits and _, and must not start with a digit", at=at)
            return False
        if value in RESERVED:
            self.error(file, path, f"'{value}' is a reserved word in expressions and cannot be a {what} id", at=at)
            return False
        return True

    def unique(self, what: str, entries: Iterable[tuple[str, tuple, str]], scope: str = "") -> None:
        """Report every id seen before; ``entries`` are (file, path of the id, id)."""
        seen: dict[str, tuple[str, tuple]] = {}
        for file, path, ident in entries:
            if ident in seen:
                self.error(file, path, f"duplicate {what} id '{ident}'{scope}", first=seen[ident])
            else:
                seen[ident] = (file, path)

    def one_of(self, file: str, path: tuple, value: str, allowed: Iterable[str], what: str) -> bool:
        allowed = list(allowed)
        if value in allowed:
            return True
        self.error(file, path, f"{what} must be one of {', '.join(allowed)}, not '{value}'", suggest(value, allowed))
        return False

    def at_least(self, file: str, path: tuple, value: int | float, low: int | float, what: str) -> bool:
        if value < low:
            self.error(file, path, f"{what} must be {low} or more, not {value}")
            return False
        return True

    def between(self, file: str, path: tuple, value: int | float, low, high, what: str, why: str = "") -> bool:
        if low <= value <= high:
            return True
        self.error(file, path, f"{what} must be between {low} and {high}{why}, not {value}")
        return False

    # ------------------------------------------------------------------ expressions

    def expr(self, file: str, path: tuple, source: str | None, names: Names, want: str, library: str | None = None) -> Expr | None:
        """Compile ``source``; on error report it inside the string and return None.

        ``library`` names the included file the expression is in, if any: a
        meter missing there must be declared by the scenario, not the library.
        """
        if source is None:
            return None
        try:
            return compile_expr(source, names, want)
        except ExprError as exc:
            self.error(file, path, exc.message + _note(exc, library), exc.suggestion, at="expr", offset=exc.offset)
            return None

    def effects(self, file: str, path: tuple, table: dict, names: Names, instrument: bool = False, has_target: bool = False, library: str | None = None) -> tuple[Effect, ...] | None:
        """Check every meter path and value of an effects table; None if any is wrong."""
        out: list[Effect] = []
        ok = True
        for key, value in table.items():
            here = path + (key,)
            if instrument and not has_target and key.startswith("target."):
                actor = min(names.actors, default="some_actor")
                self.error(file, here, f"'{key}': this instrument has no targets, so there is no target to change; add targets = [...] or name the actor, e.g. {actor}.{key[7:]}", at="key")
                ok = False
            else:
                try:
                    check_meter_path(key, names)
                except ExprError as exc:
                    self.error(file, here, exc.message + _note(exc, library), exc.suggestion, at="keyexpr", offset=exc.offset)
                    ok = False
            compiled = self._effect_value(file, here, value, names, library)
            if compiled is None:
                ok = False
            else:
                out.append(Effect(key, compiled[0], compiled[1]))
        return tuple(out) if ok else None

    def _effect_value(self, file: str, path: tuple, value, names: Names, library: str | None) -> tuple[Expr, str] | None:
        if not isinstance(value, str):
            return constant(value), "add"
        op, source, shift = ("set", value[1:], 1) if value.startswith("=") else ("add", value, 0)
        try:
            return compile_expr(source, names, "num"), op
        except ExprError as exc:
            self.error(file, path, exc.message + _note(exc, library), exc.suggestion, at="expr", offset=exc.offset + shift)
            return None


_NO_METER = re.compile(r"^(actors|actor '\w+'|roles|role '\w+') ha(?:ve|s) no meter '(\w+)'$|^unknown meter '(\w+)'$")


def _note(exc: ExprError, library: str | None) -> str:
    """Where to declare a meter an expression names but the scenario lacks."""
    m = _NO_METER.match(exc.message)
    if not m:
        return ""
    table = "meters" if m.group(3) else ("actor_meters" if m.group(1).startswith("actor") else "role_meters")
    name = m.group(3) or m.group(2)
    if library:
        return f"; a scenario that includes {library} must declare it as [{table}.{name}]"
    return "" if exc.suggestion else f"; if it is new, declare it as [{table}.{name}]"
