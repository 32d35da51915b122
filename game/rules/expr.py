"""The scenario expression language, compiled once to closures.

Authors write conditions (``veyra.abuses >= 60 and not active('leak')``) and
effect values (``-3``, ``target.trust / 10``). ``compile_expr`` tokenizes,
parses, type-checks and resolves every name at load time and returns a
closure, so a running game never parses text and never touches Python objects
by name. There is no ``eval``: an expression can do only what ``FUNCTIONS``
and the operators allow.

The pieces: ``expr_base`` (errors, names, tokens), ``parser`` (grammar and
name resolution), ``evaluate`` (the context and the closures).
"""

from __future__ import annotations

from .evaluate import Context, const
from .expr_base import (
    FUNCTIONS,
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_NUMBER,
    MAX_RESULT,
    MAX_ROUNDS,
    USED_KEYWORDS,
    ExprError,
    Names,
    Token,
    suggest,
    tokenize,
)
from .model import Expr
from .parser import Parser


def compile_expr(source: str, names: Names, want: str = "bool") -> Expr:
    """Compile ``source`` to an ``Expr`` that yields ``want`` ("bool" or "num").

    Raises ``ExprError`` with an offset into ``source`` on any mistake.
    """
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is {len(source)} characters long; the limit is {MAX_LENGTH}", MAX_LENGTH)
    if not source.strip():
        raise ExprError("expression is empty", 0)
    parser = Parser(source, names)
    fn, kind = parser.parse()
    if kind != want:
        if want == "bool":
            raise ExprError("this must be a condition (true or false), e.g. 'veyra.trust >= 40'", 0)
        raise ExprError("this must be a number, not a condition", 0)
    return Expr(source=source, fn=fn, kind=kind, reads=frozenset(parser.reads), functions=frozenset(parser.functions))


def constant(value: int | float) -> Expr:
    """An ``Expr`` for a plain number from a TOML table."""
    return Expr(source=repr(value), fn=const(value), kind="num")


def check_meter_path(path: str, names: Names) -> None:
    """Raise ``ExprError`` unless ``path`` names a meter an effect may change."""
    t = tokenize(path)
    if len(t) != 2 or t[0].kind != "name" or t[0].text in ("round", "rounds"):
        raise ExprError(f"'{path}' is not a meter path", 0, suggest(path, names.meter_paths()))
    Parser(path, names).name(t[0])


__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_NUMBER",
    "MAX_RESULT",
    "MAX_ROUNDS",
    "USED_KEYWORDS",
    "Context",
    "Expr",
    "ExprError",
    "Names",
    "Parser",
    "Token",
    "check_meter_path",
    "compile_expr",
    "constant",
    "suggest",
    "tokenize",
]
