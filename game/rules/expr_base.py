"""The expression language's vocabulary: errors, the names a scenario offers, tokens.

Authors write conditions (``veyra.abuses >= 60 and not active('leak')``) and
effect values (``-3``, ``target.trust / 10``). This module tokenizes, parses,
type-checks and resolves every name at load time, and returns a closure, so a
running game never parses text and never touches Python objects by name. There
is no ``eval``: the only things an expression can do are listed in ``FUNCTIONS``
and the operators below.

Errors carry the character offset inside the expression so the loader can
report ``file:line:col``.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from attrs import frozen

from ..i18n import N_, _

MAX_LENGTH = 1000
MAX_DEPTH = 50
# No number written in a scenario may exceed this, in an expression or a table
# (the loader refuses it with a located error) ...
MAX_NUMBER = 10**9
# ... and no arithmetic result goes beyond this: every +, -, * and / is clamped
# to it, so a running game can never overflow a float or grow an integer without end.
MAX_RESULT = 10**12
# The most rounds a scenario may have; used(..., within=N) may not look back further.
MAX_ROUNDS = 100
MAX_WITHIN = MAX_ROUNDS
FUNCTIONS = ("used", "fired", "pending", "active", "kept", "broken", "min", "max", "abs")
USED_KEYWORDS = ("instrument", "signal", "category", "by", "on", "within")
DEAL_KEYWORDS = ("by", "with", "within")  # kept() and broken(): deals between seats (game.rules.negotiation)


class ExprError(Exception):
    """A mistake in an expression, at ``offset`` characters into its source.

    ``name`` is the name at fault as written, when the message is about one
    (so advice about it needs no second reading of the source).
    """

    def __init__(
        self,
        message: str,
        offset: int = 0,
        suggestion: str | None = None,
        name: str | None = None,
        said: str | None = None,
    ):
        super().__init__(message)
        self.message = message  # in English: what the checks that explain it read
        self.said = message if said is None else said  # in the language spoken: what an author is shown
        self.offset = offset
        self.suggestion = suggestion
        self.name = name


class Words:
    """A message (or a piece of one) in English and in the language spoken: ``template`` (marked with
    ``N_``) filled with ``fields``, any of which may be ``Words`` too."""

    __slots__ = ("english", "said")

    english: str
    said: str

    def __init__(self, template: str, **fields):
        self.english = template.format(**{k: v.english if isinstance(v, Words) else v for k, v in fields.items()})
        self.said = _(template).format(**{k: v.said if isinstance(v, Words) else v for k, v in fields.items()})

    @classmethod
    def pair(cls, english: str, said: str) -> Words:
        """Words already said both ways (a ``pgettext`` lookup, say)."""
        words = cls.__new__(cls)
        words.english, words.said = english, said
        return words


def told(template: str, offset: int = 0, suggestion: str | None = None, name: str | None = None, **fields):
    """An ``ExprError`` saying ``template`` (marked with ``N_``) filled with ``fields``: its ``message`` in
    English, its ``said`` in the language spoken."""
    words = Words(template, **fields)
    return ExprError(words.english, offset, suggestion, name, said=words.said)

    def __str__(self) -> str:  # pragma: no cover - convenience
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"{self.message}{hint}"


@frozen
class Names:
    """Everything an expression may name, so names are resolved at load time."""

    global_meters: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    actor_meters: frozenset[str] = frozenset()
    role_meters: frozenset[str] = frozenset()
    instruments: frozenset[str] = frozenset()
    signals: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    crises: frozenset[str] = frozenset()
    consequences: frozenset[str] = frozenset()
    responses: frozenset[str] = frozenset()  # actor responses as fired() names them: "veyra.expel"
    allow_target: bool = False  # inside an instrument that has targets
    allow_self: bool = False  # inside an instrument or a role objective
    target_meters: frozenset[str] | None = None  # what target.X may name; None: the actor meters

    def in_instrument(self, has_target: bool, target_meters: frozenset[str] | None = None) -> "Names":
        """Inside an instrument; ``target_meters`` when its targets include roles (see ``model.ROLE_TARGET``)."""
        return _evolve(self, allow_target=has_target, allow_self=True, target_meters=target_meters)

    @property
    def targets_meters(self) -> frozenset[str]:
        """The meters ``target.X`` may name here."""
        return self.actor_meters if self.target_meters is None else self.target_meters

    def in_role(self) -> "Names":
        return _evolve(self, allow_target=False, allow_self=True)

    def meter_paths(self) -> list[str]:
        """Every meter path valid here, for did-you-mean suggestions."""
        paths = sorted(self.global_meters)
        paths += [f"{a}.{m}" for a in sorted(self.actors) for m in sorted(self.actor_meters)]
        paths += [f"{r}.{m}" for r in sorted(self.roles) for m in sorted(self.role_meters)]
        if self.allow_target:
            paths += [f"target.{m}" for m in sorted(self.targets_meters)]
        if self.allow_self:
            paths += [f"self.{m}" for m in sorted(self.role_meters)]
        return paths


def _evolve(names: Names, **changes) -> Names:
    import attrs

    return attrs.evolve(names, **changes)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name to ``word``, if one is close enough."""
    import difflib  # (only a mistake needs a suggestion)

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?|\.\d+)
  | (?P<str>'[^'\\\n]*'|"[^"\\\n]*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op>==|!=|<=|>=|\*\*|//|[-+*/<>(),=\[\]{}^%.!&|~@:;])
    """,
    re.VERBOSE,
)

_KEYWORDS = {"and", "or", "not", "true", "false"}
FORBIDDEN_OPS = {
    "**": N_("powers are not allowed; multiply instead"),
    "^": N_("powers are not allowed; multiply instead"),
    "//": N_("integer division is not allowed; use /"),
    "%": N_("the remainder operator is not allowed"),
    "[": N_("indexing is not allowed"),
    "]": N_("indexing is not allowed"),
    "{": N_("braces are not allowed in an expression"),
    "}": N_("braces are not allowed in an expression"),
    ".": N_("attribute access is not allowed; write a meter path like veyra.trust"),
    "=": N_("'=' assigns, which expressions cannot do; compare with '=='"),
    "!": N_("use 'not' for negation and '!=' for 'not equal'"),
    "&": N_("use 'and'"),
    "|": N_("use 'or'"),
    "~": N_("use 'not'"),
    "@": N_("'@' is not an operator here"),
    ":": N_("':' is not allowed in an expression"),
    ";": N_("one expression only; combine conditions with 'and'"),
}


class Token(NamedTuple):
    """One token of an expression (a tuple: a file's hundreds of expressions make thousands of them)."""

    kind: str  # num | str | name | op | kw | end
    text: str
    pos: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if not m:
            ch = source[pos]
            if ch in "'\"":
                raise told(N_("unterminated string; close it with a matching quote"), pos)
            raise told(N_("unexpected character {char!r}"), pos, char=ch)
        kind = m.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        text = m.group()
        if kind == "name" and text in _KEYWORDS:
            kind = "kw"
        if kind != "ws":
            tokens.append(Token(kind, text, pos))
        pos = m.end()
    tokens.append(Token("end", "", len(source)))
    return tokens
