"""The small checks every section needs: ids, ranges, expressions, effects.

A ``Checker`` collects ``Problem`` records instead of raising, so one run
reports every mistake. Its helpers return the compiled value or ``None`` so a
section can keep going after a bad entry. Expression errors keep their offset,
which ``locations`` later turns into the exact column inside the string.
"""

from __future__ import annotations

import re
from typing import Iterable

from game.rules.expr import (
    ExprError,
    Names,
    check_meter_path,
    compile_expr,
    constant,
    suggest,
)
from game.rules.model import Effect, Expr
from game.rules.news import PLACEHOLDER

from ..i18n import N_, _
from .diagnostics import ERROR, WARNING, Problem
from .records import Record, _set

ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Words an expression reads itself; an id that is one of them could never be named.
RESERVED = frozenset({"round", "rounds", "target", "self", "and", "or", "not", "true", "false"})
# Names of seats and audiences; a role called one of them would be confused with it.
RESERVED_ROLES = frozenset({"facilitator", "public", "all", "none"})
# What an id names, as ``check_id`` and ``unique`` are told it ("role"), looked up where shown.
KINDS = (
    N_("actor"),
    N_("consequence"),
    N_("crisis"),
    N_("instrument"),
    N_("lesson"),
    N_("meter"),
    N_("objective"),
    N_("response"),
    N_("role"),
    N_("scenario"),
    N_("signal"),
)


class Origin(Record):
    """Where an expression's file stands, for advice when it names something unknown.

    ``library`` is the library file (None: the scenario's own text);
    ``contract`` says the library declares a ``[contract]``; ``alone`` says the
    library is checked on its own, knowing only its contract's meters and no
    actors, roles, crises or consequences.
    """

    __slots__ = ("library", "contract", "alone")
    library: str | None
    contract: bool
    alone: bool

    def __init__(self, library: str | None = None, contract: bool = False, alone: bool = False) -> None:
        _set(self, "library", library)
        _set(self, "contract", contract)
        _set(self, "alone", alone)


class Checker:
    """Collects problems; one per load."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # Work done once per load: the same effect keys and plain amounts recur in most entries.
        self._constants: dict[tuple[type, str], Expr] = {}  # (type, repr) of a number -> its ``constant``

    def error(
        self,
        file: str,
        path: tuple,
        message: str,
        suggestion: str | None = None,
        at: str = "value",
        offset: int = 0,
        first=None,
    ) -> None:
        self.problems.append(Problem(file, path, message, suggestion, at, offset, ERROR, first=first))

    def warn(self, file: str, path: tuple, message: str, suggestion: str | None = None, at: str = "value") -> None:
        self.problems.append(Problem(file, path, message, suggestion, at, 0, WARNING))

    @property
    def failed(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    # ------------------------------------------------------------------ ids

    def check_id(self, file: str, path: tuple, value: str, what: str, at: str = "value") -> bool:
        if not ID.match(value):
            self.error(
                file,
                path,
                _("{what} id '{value}' may use only letters, digits and _, and must not start with a digit").format(
                    what=_(what), value=value
                ),
                at=at,
            )
            return False
        if value in RESERVED:
            self.error(
                file,
                path,
                _("'{value}' is a reserved word in expressions and cannot be a {what} id").format(
                    value=value, what=_(what)
                ),
                at=at,
            )
            return False
        if what == "role" and value in RESERVED_ROLES:
            self.error(
                file,
                path,
                _(
                    "'{value}' names a seat or an audience and cannot be a role id; try "
                    "'{value}_role' or a ministry's name"
                ).format(value=value),
                at=at,
            )
            return False
        return True

    def unique(self, what: str, entries: Iterable[tuple[str, tuple, str]], scope: str = "") -> None:
        """Report every id seen before; ``entries`` are (file, path of the id, id)."""
        seen: dict[str, tuple[str, tuple]] = {}
        for file, path, ident in entries:
            if ident in seen:
                self.error(
                    file,
                    path,
                    _("duplicate {what} id '{ident}'{scope}").format(what=_(what), ident=ident, scope=scope),
                    first=seen[ident],
                )
            else:
                seen[ident] = (file, path)

    def one_of(self, file: str, path: tuple, value: str, allowed: Iterable[str], what: str) -> bool:
        allowed = list(allowed)
        if value in allowed:
            return True
        self.error(
            file,
            path,
            _("{what} must be one of {listed}, not '{value}'").format(
                what=what, listed=", ".join(allowed), value=value
            ),
            suggest(value, allowed),
        )
        return False

    def at_least(self, file: str, path: tuple, value: int | float, low: int | float, what: str) -> bool:
        if value < low:
            self.error(
                file, path, _("{what} must be {low} or more, not {value}").format(what=what, low=low, value=value)
            )
            return False
        return True

    def between(self, file: str, path: tuple, value: int | float, low, high, what: str, why: str = "") -> bool:
        if low <= value <= high:
            return True
        self.error(
            file,
            path,
            _("{what} must be between {low} and {high}{why}, not {value}").format(
                what=what, low=low, high=high, why=why, value=value
            ),
        )
        return False

    # ------------------------------------------------------------------ news texts

    def news_text(
        self,
        file: str,
        path: tuple,
        value: str | tuple[str, ...],
        allowed: tuple[str, ...],
        what: str,
        elsewhere: dict[str, str] | None = None,
    ) -> None:
        """A text that may vary when it repeats (``game.rules.news``): one text or a non-empty list, each
        with only the ``allowed`` placeholders (see ``placeholders``). ``what`` names the key ("reveal")."""
        if isinstance(value, tuple):
            if not value:
                self.error(
                    file,
                    path,
                    _(
                        "{what} is an empty list of texts; give at least one (the first firing reads "
                        "the first, later ones the next, the last repeating), or leave it out"
                    ).format(what=what),
                )
            for k, text in enumerate(value):
                self.placeholders(file, path + (k,), text, allowed, elsewhere)
        else:
            self.placeholders(file, path, value, allowed, elsewhere)

    def placeholders(
        self, file: str, path: tuple, text: str, allowed: tuple[str, ...], elsewhere: dict[str, str] | None = None
    ) -> None:
        """Every ``{word}`` in ``text`` is one of ``allowed``: an error, inside the string, at each other one.
        ``elsewhere`` gives the message for a placeholder that is known, but not in this text."""
        for found in PLACEHOLDER.finditer(text):
            name = found.group(1)
            if name in allowed:
                continue
            if elsewhere and name in elsewhere:
                self.error(file, path, _(elsewhere[name]), at="expr", offset=found.start())
                continue
            known = ", ".join("{" + a + "}" for a in allowed)
            close = suggest(name, [*allowed, *(elsewhere or ())])
            self.error(
                file,
                path,
                _("unknown placeholder {{{name}}}; this text may use only {known}").format(name=name, known=known),
                "{" + close + "}" if close else None,
                at="expr",
                offset=found.start(),
            )

    # ------------------------------------------------------------------ expressions

    def expr(
        self, file: str, path: tuple, source: str | None, names: Names, want: str, origin: Origin | None = None
    ) -> Expr | None:
        """Compile ``source``; on error report it inside the string and return None.

        ``origin`` says where the expression's file stands (see ``Origin``): a
        meter missing in an included library must be declared by the scenario,
        one missing in a library checked alone belongs in its ``[contract]``.
        """
        if source is None:
            return None
        try:
            return compile_expr(source, names, want)
        except ExprError as exc:
            self._expr_error(file, path, exc, names, origin, "expr", exc.offset)
            return None

    def effects(
        self,
        file: str,
        path: tuple,
        table: dict,
        names: Names,
        instrument: bool = False,
        has_target: bool = False,
        origin: Origin | None = None,
    ) -> tuple[Effect, ...] | None:
        """Check every meter path and value of an effects table; None if any is wrong."""
        out: list[Effect] = []
        ok = True
        for key, value in table.items():
            here = path + (key,)
            if instrument and not has_target and key.startswith("target."):
                fix = _("add targets = [...]")
                if not (origin and origin.alone):
                    fix += _(" or name the actor, e.g. {actors}.{key}").format(
                        actors=min(names.actors, default="some_actor"), key=key[7:]
                    )
                self.error(
                    file,
                    here,
                    _("'{key}': this instrument has no targets, so there is no target to change; {fix}").format(
                        key=key, fix=fix
                    ),
                    at="key",
                )
                ok = False
            else:
                try:
                    check_meter_path(key, names)  # (a path it accepted is not checked again)
                except ExprError as exc:
                    self._expr_error(file, here, exc, names, origin, "keyexpr", exc.offset)
                    ok = False
            if isinstance(value, tuple):  # a range [low, high] (convert checked two whole numbers)
                low, high = value
                if low > high:
                    self.error(
                        file,
                        here,
                        _("a range is [low, high] with low <= high, not [{low}, {high}]").format(low=low, high=high),
                        f"[{high}, {low}]",
                    )
                    ok = False
                else:
                    middle = (low + high) / 2  # what analyses and bots take the amount to be
                    out.append(Effect(key, constant(int(middle) if middle.is_integer() else middle), "add", value))
                continue
            compiled = self._effect_value(file, here, value, names, origin)
            if compiled is None:
                ok = False
            else:
                out.append(Effect(key, compiled[0], compiled[1]))
        return tuple(out) if ok else None

    def _constant(self, value: int | float) -> Expr:
        """``constant``, made once per number in a load (an ``Expr`` is immutable, so one can be shared)."""
        key = (type(value), repr(value))
        found = self._constants.get(key)
        if found is None:
            found = self._constants[key] = constant(value)
        return found

    def _effect_value(
        self, file: str, path: tuple, value, names: Names, origin: Origin | None
    ) -> tuple[Expr, str] | None:
        if not isinstance(value, str):
            return self._constant(value), "add"
        op, source, shift = ("set", value[1:], 1) if value.startswith("=") else ("add", value, 0)
        try:
            return compile_expr(source, names, "num"), op
        except ExprError as exc:
            message, suggestion = _amount_error(exc, source, names, origin)
            self.error(file, path, message, suggestion, at="expr", offset=exc.offset + shift)
            return None

    def _expr_error(
        self,
        file: str,
        path: tuple,
        exc: ExprError,
        names: Names,
        origin: Origin | None,
        at: str,
        offset: int,
    ) -> None:
        message, suggestion = _explain(exc, names, origin)
        self.error(file, path, message, suggestion, at=at, offset=offset)


# What an effect's value may be, told when one is not understood ("minus 2").
AMOUNTS = N_(
    "an effect's amount is a number (-2, without quotes), an expression in quotes worked out when it applies "
    '("-target.trust / 10"), or "=" and a value to set the meter instead of adding to it ("=50")'
)
_JOIN = "; join conditions with 'and' or 'or'"  # the parser's advice for a condition, not for an amount
# The same advice in the language spoken: the parser's whole message, less the token it names.
_JOIN_SAID = N_("; join conditions with 'and' or 'or'")
# The parser's words for a value it could not read as a formula at all.
_GARBLED = ("unexpected ", "expected ", "expression is empty", "this must be a number", "text in quotes")
_SPELT = re.compile(r"^\s*(minus|subtract|less|plus|add)\s+(\d+(?:\.\d+)?)\s*$", re.IGNORECASE)
_UNKNOWN_WORD = re.compile(r"^unknown meter '(\w+)'$")
_NO_METER = re.compile(r"^(actors|actor '\w+'|roles|role '\w+') ha(?:ve|s) no meter '(\w+)'$|^unknown meter '(\w+)'$")
_NO_OWNER = re.compile(r"^unknown actor or role '(\w+)'$")
_NO_ID = re.compile(r"^unknown (actor|role|crisis|consequence) '(\w+)'$")


def _amount_error(exc: ExprError, source: str, names: Names, origin: Origin | None) -> tuple[str, str | None]:
    """The message and suggestion for an effect amount that did not compile. Prose ("minus 2"), an
    empty or a garbled value is also told what an amount may be; a formula naming a meter that is
    not there, or a number too large, gets the usual message."""
    message, suggestion = _explain(exc, names, origin)
    word = _UNKNOWN_WORD.match(exc.message)
    if word and re.search(rf"\b{word.group(1)}\s+[\w.]", source):  # a word then a number or a name: prose
        spelt = _SPELT.match(source)
        if spelt is None:
            return _("{message}; {amounts}").format(message=exc.said, amounts=_(AMOUNTS)), None
        sign = "-" if spelt.group(1).lower() in ("minus", "subtract", "less") else ""
        return _("{message}; {amounts}").format(message=exc.said, amounts=_(AMOUNTS)), sign + spelt.group(
            2
        )  # "minus 2" -> -2
    if exc.message.startswith(_GARBLED) or exc.message.endswith("cannot start a value here"):
        joined = message.replace(_JOIN, "").replace(_(_JOIN_SAID), "")
        return _("{message}; {amounts}").format(message=joined, amounts=_(AMOUNTS)), suggestion
    return message, suggestion


def _explain(exc: ExprError, names: Names, origin: Origin | None) -> tuple[str, str | None]:
    """The message and suggestion for ``exc``, with advice for where the expression stands."""
    if origin is not None and origin.alone:
        explained = _alone(exc, names)
        if explained is not None:
            return explained
    return exc.said + _note(exc, origin), exc.suggestion


def _alone(exc: ExprError, names: Names) -> tuple[str, str | None] | None:
    """A library checked on its own knows no actors, roles, crises or consequences: say so."""
    m = _NO_OWNER.match(exc.message)
    if m:
        meter = exc.name.partition(".")[2] if exc.name else "x"
        hint = None
        if names.allow_target and meter in names.actor_meters:
            hint = f"target.{meter}"
        elif names.allow_self and meter in names.role_meters:
            hint = f"self.{meter}"
        return (
            _(
                "'{name}.{meter}': a library does not know the scenario's actors and roles; "
                "name the target's meter as target.{meter} or the acting role's as self.{meter}"
            ).format(name=m.group(1), meter=meter),
            hint,
        )
    m = _NO_ID.match(exc.message)
    if not m:
        return None
    what = m.group(1)
    if what == "actor":
        fix = _("; write on='target' for the instrument's target") if names.allow_target else ""
        return _("{message}: a library does not know the scenario's actors{fix}").format(
            message=exc.said, fix=fix
        ), exc.suggestion
    if what == "role":
        return (
            _("{message}: a library does not know the scenario's roles; write by='self' for the acting role").format(
                message=exc.said
            ),
            exc.suggestion,
        )
    return _("{message}: a library does not know the scenario's crises and consequences").format(
        message=exc.said
    ), exc.suggestion


def _note(exc: ExprError, origin: Origin | None) -> str:
    """Where to declare a meter an expression names but nothing declares."""
    m = _NO_METER.match(exc.message)
    if not m:
        return ""
    table = "meters" if m.group(3) else ("actor_meters" if m.group(1).startswith("actor") else "role_meters")
    name = m.group(3) or m.group(2)
    if origin is not None and origin.alone:
        if not origin.contract:
            return _("; declare the meters this library uses in [contract]")
        return (
            ""
            if exc.suggestion
            else _('; if it is new, add "{name}" to {table} in [contract]').format(name=name, table=table)
        )
    if origin is not None and origin.library:
        if origin.contract:
            return (
                ""
                if exc.suggestion
                else _("; {library} uses it without listing it in its [contract] {table}").format(
                    library=origin.library, table=table
                )
            )
        return _("; a scenario that includes {library} must declare it as [{table}.{name}]").format(
            library=origin.library, table=table, name=name
        )
    return "" if exc.suggestion else _("; if it is new, declare it as [{table}.{name}]").format(table=table, name=name)
