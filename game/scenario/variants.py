"""Optional roles (``[[roles]] optional = true``): one file played with and without a seat.

Leaving an optional role out is a transform of the parsed TOML, not of the compiled scenario: the
role's ``[[roles]]`` table is dropped (with the ``[[lessons]]`` that need it: about that role, or
naming it in ``with``; and from the ``reveal_to`` lists of consequences) and the result goes through
the same loader again. Every check of the format
therefore applies to the variant too, and the variant is exactly the file an author would get by
deleting those tables. Its problems are said of the real file: entry indexes are mapped back, and an
error only the variant has says "(when the optional seat 'cell' is left out)".

The loader checks the variant with every optional role left out (what a reference to an optional
role can break only grows as more are left out); ``Variants.played`` builds any other on demand.
A session picks its variant with ``with_optional``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Callable

from ..i18n import _
from .diagnostics import ERROR, Problem, ScenarioError
from .sources import Source, display_name

if TYPE_CHECKING:
    from game.rules.model import Scenario


class OptionalSeatError(ValueError):
    """A session named an optional seat the scenario does not have."""


def optional_ids(data: dict) -> tuple[str, ...]:
    """The ids of the roles of a parsed scenario file marked ``optional = true``, in file order."""
    roles = data.get("roles")
    if not isinstance(roles, list):
        return ()
    return tuple(
        r["id"] for r in roles if isinstance(r, dict) and r.get("optional") is True and isinstance(r.get("id"), str)
    )


def _needs(lesson: object, left_out: frozenset[str]) -> bool:
    if not isinstance(lesson, dict):
        return False
    named = lesson.get("with")
    names = [n for n in named if isinstance(n, str)] if isinstance(named, list) else []
    return lesson.get("role") in left_out or any(n in left_out for n in names)


def without(data: dict, left_out: frozenset[str]) -> tuple[dict, dict[str, list[int]]]:
    """``data`` with the roles in ``left_out`` dropped (and the lessons that need them); also, for
    ``roles`` and ``lessons``, the index in ``data`` of each entry kept."""
    out = dict(data)
    kept: dict[str, list[int]] = {}
    for table, drop in (
        ("roles", lambda r: isinstance(r, dict) and r.get("id") in left_out),
        ("lessons", lambda le: _needs(le, left_out)),
    ):
        entries = data.get(table)
        if not isinstance(entries, list):
            continue
        kept[table] = [i for i, e in enumerate(entries) if not drop(e)]
        out[table] = [entries[i] for i in kept[table]]
    if isinstance(data.get("consequences"), list):
        out["consequences"] = [_told_without(c, left_out) for c in data["consequences"]]
    return out, kept


def _told_without(consequence: object, left_out: frozenset[str]) -> object:
    """A consequence whose ``reveal_to`` list names a seat left out tells the seats that remain (or
    nobody): news for a red cell that is not at the table is simply not delivered."""
    if not isinstance(consequence, dict):
        return consequence
    told = consequence.get("reveal_to")
    if not isinstance(told, list) or not any(r in left_out for r in told):
        return consequence
    remaining = [r for r in told if r not in left_out]
    return {**consequence, "reveal_to": remaining or "none"}


def said_of_file(problems: list[Problem], file: str, kept: dict[str, list[int]]) -> list[Problem]:
    """The problems of a variant with its ``roles``/``lessons`` indexes mapped back to the file's."""

    def back(path: tuple) -> tuple:
        if len(path) >= 2 and path[0] in kept and isinstance(path[1], int) and path[1] < len(kept[path[0]]):
            return (path[0], kept[path[0]][path[1]], *path[2:])
        return path

    out = []
    for p in problems:
        if p.file == file:
            p = p._replace(path=back(p.path))
        if p.first is not None and p.first[0] == file:
            p = p._replace(first=(file, back(p.first[1])))
        out.append(p)
    return out


def left_out_text(left_out: Iterable[str]) -> str:
    names = list(left_out)
    quoted = ", ".join(f"'{n}'" for n in names)
    if len(names) > 1:
        return _("when the optional seats {quoted} are left out").format(quoted=quoted)
    return _("when the optional seat {quoted} is left out").format(quoted=quoted)


def only_variant_errors(variant: list[Problem], full: list[Problem], left_out: tuple[str, ...]) -> list[Problem]:
    """The errors the variant has and the full file has not, saying so."""
    seen = {(p.file, p.path, p.message) for p in full}
    when = left_out_text(left_out)
    out = []
    for p in variant:
        if p.severity != ERROR or (p.file, p.path, p.message) in seen:
            continue
        fix = _("make it not depend on that seat, or drop its optional = true")
        if len(left_out) > 1:
            fix = _("make it not depend on those seats, or drop their optional = true")
        out.append(p._replace(message=_("{message} ({when}: {fix})").format(message=p.message, when=when, fix=fix)))
    return out


class Variants:
    """The variants of one file with optional roles: the scenario as played with each set of them in.

    ``build(left_out)`` is the loader's: it compiles the file with those roles left out and returns
    (scenario or None, problems said of the file). Variants are made once and kept."""

    def __init__(
        self,
        optional: tuple[str, ...],
        build: Callable[[tuple[str, ...]], tuple[Scenario | None, list[Problem]]],
        sources: list[Source],
        root: str | None,
    ) -> None:
        self.optional = optional
        self._build = build
        self._sources = sources
        self._root = root
        self._made: dict[frozenset[str], Scenario] = {}

    def keep(self, scenario: Scenario) -> None:
        self._made[frozenset(scenario.left_out)] = scenario

    def played(self, left_out: Iterable[str]) -> Scenario:
        key = frozenset(left_out)
        made = self._made.get(key)
        if made is None:
            ordered = tuple(r for r in self.optional if r in key)
            scenario, problems = self._build(ordered)
            if scenario is None:
                from .loader import locate

                errors = only_variant_errors(problems, [], ordered)
                diagnostics = locate(errors, self._sources, self._root)
                texts = {display_name(self._root, s.key): s.text for s in self._sources}
                raise ScenarioError(diagnostics, texts)
            made = self._made[key] = scenario
        return made


def check_optional(scenario: Scenario, named: Iterable[str]) -> list[str]:
    """``named`` without repeats, each an optional role of ``scenario``'s file, or ``OptionalSeatError``."""
    wanted = list(dict.fromkeys(named))
    optional = scenario.optional_roles
    for name in wanted:
        if name not in optional:
            if name in scenario.role_ids:
                raise OptionalSeatError(
                    _("'{name}' is not an optional seat: it is always in the game").format(name=name)
                )
            listed = (
                _("; the optional seats are {listed}").format(listed=", ".join(optional))
                if optional
                else _("; the scenario has none")
            )
            raise OptionalSeatError(_("no optional seat '{name}'{listed}").format(name=name, listed=listed))
    return wanted


def with_optional(scenario: Scenario, named: Iterable[str]) -> Scenario:
    """The variant of ``scenario``'s file played with exactly the optional roles ``named`` in (the
    others left out). Raises ``OptionalSeatError`` if one of them is not an optional role of it."""
    wanted = check_optional(scenario, named)
    optional = scenario.optional_roles
    variants = scenario.variants
    if not isinstance(variants, Variants):
        return scenario
    return variants.played(r for r in optional if r not in wanted)
