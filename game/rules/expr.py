"""The scenario expression language, parsed once to a tree and compiled to callables.

Authors write conditions (``veyra.abuses >= 60 and not active('leak')``) and
effect values (``-3``, ``target.trust / 10``). ``compile_expr`` tokenizes,
parses, type-checks and resolves every name at load time and returns an
``Expr`` holding the syntax tree and its compiled callable, so a running game
never parses text and never touches Python objects by name. There is no
``eval``: an expression can do only what ``FUNCTIONS`` and the operators allow.

The pieces: ``expr_base`` (errors, names, tokens), ``parser`` (grammar and
name resolution, the only reader of expression text), ``nodes`` (the tree),
``compiler`` (tree to callable), ``evaluate`` (the context the callable reads).
"""

from __future__ import annotations

from ..i18n import N_
from . import nodes
from .compiler import compile_node
from .evaluate import Context
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
    told,
)
from .model import Expr
from .parser import Parser, meter_names


def compile_expr(source: str, names: Names, want: str = "bool") -> Expr:
    """Compile ``source`` to an ``Expr`` that yields ``want`` ("bool" or "num").

    Raises ``ExprError`` with an offset into ``source`` on any mistake. An expression compiled
    before under names that mean the same for it is reused (see ``_same_for``): a file with
    optional roles is compiled again without them, and most of its expressions name none.
    """
    key = (source, want)
    done = _COMPILED.get(key)
    if done is not None:
        for before, expr in done:
            if before is names or _same_for(source, before, names):
                return expr
    expr = _compile(source, names, want)
    if len(_COMPILED) >= _CACHE_SIZE:
        _COMPILED.clear()
    done = _COMPILED.setdefault(key, [])
    if len(done) >= _PER_SOURCE:
        del done[0]
    done.append((names, expr))
    return expr


# Successful compiles only: a failure is compiled again, so its message is always made afresh.
_COMPILED: dict[tuple[str, str], list[tuple[Names, Expr]]] = {}
_CACHE_SIZE, _PER_SOURCE = 20_000, 4
_SET_FIELDS = (
    "global_meters",
    "actors",
    "roles",
    "actor_meters",
    "role_meters",
    "instruments",
    "signals",
    "categories",
    "crises",
    "consequences",
    "responses",
)


def _same_for(source: str, a: Names, b: Names) -> bool:
    """Whether compiling ``source`` under ``b`` gives what it gave under ``a``, when that succeeded.

    A successful parse reads its names only by membership (is this word a role? an instrument?)
    of words of ``source`` (a name, a part of a dotted name, a quoted id), and by whether
    ``responses`` is empty. So if the two differ only in sets of names, no name in or out of one
    set but not the other occurs anywhere in ``source``, and no set is empty in one and not in the
    other, every question the parser asks has the same answer: the same tree, the same ``Expr``.
    """
    if (a.allow_target, a.allow_self, a.target_meters) != (b.allow_target, b.allow_self, b.target_meters):
        return False
    for name in _SET_FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        if x is y or x == y:
            continue
        if bool(x) != bool(y) or any(word in source for word in x ^ y):
            return False
    return True


def _compile(source: str, names: Names, want: str) -> Expr:
    node, kind = parse(source, names)
    if kind != want:
        if want == "bool":
            raise told(N_("this must be a condition (true or false), e.g. 'veyra.trust >= 40'"), 0)
        raise told(N_("this must be a number, not a condition"), 0)
    return Expr(
        source=source,
        fn=compile_node(node),
        kind=kind,
        reads=nodes.meter_reads(node),
        functions=nodes.functions(node),
        node=node,
        depends=nodes.depends(node),
    )


def parse(source: str, names: Names) -> tuple[nodes.Node, str]:
    """The syntax tree of ``source`` and its kind ("num" or "bool"); ``ExprError`` on any mistake."""
    if len(source) > MAX_LENGTH:
        raise told(
            N_("expression is {n} characters long; the limit is {limit}"), MAX_LENGTH, n=len(source), limit=MAX_LENGTH
        )
    if not source.strip():
        raise told(N_("expression is empty"), 0)
    return Parser(source, names).parse()


def constant(value: int | float) -> Expr:
    """An ``Expr`` for a plain number from a TOML table."""
    source = repr(value)
    node = nodes.Number(value, 0, len(source))
    return Expr(source=source, fn=compile_node(node), kind="num", node=node)


def check_meter_path(path: str, names: Names) -> None:
    """Raise ``ExprError`` unless ``path`` names a meter an effect may change. (A path found good under
    these very ``names`` is not checked again: a file's effects write the same few meters many times.)"""
    key = (path, id(names))
    if _GOOD_PATHS.get(key) is names:
        return
    t = tokenize(path)
    if len(t) != 2 or t[0].kind != "name" or t[0].text in ("round", "rounds"):
        raise told(N_("'{path}' is not a meter path"), 0, suggest(path, names.meter_paths()), path=path)
    parser = Parser(path, names)
    parser.advance()
    parser.name(t[0])
    if len(_GOOD_PATHS) >= _CACHE_SIZE:
        _GOOD_PATHS.clear()
    _GOOD_PATHS[key] = names  # (kept, so its id is not reused while the entry lives)


_GOOD_PATHS: dict[tuple[str, int], Names] = {}


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
    "meter_names",
    "parse",
    "suggest",
    "tokenize",
]
