"""How big a scenario may be: every size limit, in one table, and the check that applies it.

A hostile or broken file can hold a 400-digit number, a billion rounds, a
title of a million characters or a list of a million entries. Each is legal
TOML and each would make a game overflow, run forever or crawl. The loader
refuses them with a located error before anything else reads the values; the
bounds are far above what a real scenario uses. The format reference
(docs/format.md, "Limits") is generated from ``LIMITS``, so the numbers the
docs show are the numbers the check uses.

The counts also bound the work of a game (roles x orders x rounds of history,
read by every consequence each round), so autoplay of the largest file that
validates still ends in reasonable time.

The check walks the parsed TOML once (``check``), no deeper than
``MAX_NESTING`` (so its own recursion is bounded too), and nothing later ever
recurses through absurd data.
"""

from __future__ import annotations

import math
from typing import Iterator

from game.rules.expr_base import MAX_DEPTH, MAX_LENGTH, MAX_NUMBER, MAX_RESULT, MAX_ROUNDS

from ..i18n import N_, _
from .diagnostics import Problem
from .records import Record, _set

MAX_FILE_BYTES = 2_000_000
MAX_FILES = 32  # the scenario and everything it includes, together
MAX_INCLUDE_DEPTH = 8
MAX_INCLUDE_PATH = 255
MAX_NESTING = 16
MAX_TEXT = 20_000
MAX_ID = 64
MAX_KEY = 200
MAX_LIST = 1000
MAX_TABLE = 1000
MAX_METER = 1_000_000
MAX_INSTRUMENTS = 300

SEE = N_("see Limits in docs/format.md")
_METER_TABLES = ("meters", "actor_meters", "role_meters")
_EFFECT_TABLES = (
    "instruments.*.effects",
    "crises.*.effects",
    "crises.*.ongoing",
    "crises.*.stages.*.effects",
    "crises.*.stages.*.ongoing",
    "consequences.*.effects",
    "actors.*.responses.*.effects",
)
_IDS = (
    "scenario.id",
    "roles.*.id",
    "roles.*.objectives.*.id",
    "actors.*.id",
    "actors.*.responses.*.id",
    "instruments.*.id",
    "crises.*.id",
    "consequences.*.id",
    "consequences.*.starts",
    "lessons.*.id",
    "schedule.*.crisis",
)


class Limit(Record):
    """One bound. ``kind``: number (a value), count (entries of a list or table), text (characters),
    key (characters of a table's keys). ``paths`` are key paths with * for any entry; none: everywhere.
    ``least`` is the lower bound for numbers (None: only the upper one is checked here)."""

    __slots__ = ("what", "kind", "most", "paths", "least")
    what: str
    kind: str
    most: int
    paths: tuple[str, ...]
    least: int | None

    def __init__(self, what: str, kind: str, most: int, paths: tuple[str, ...] = (), least: int | None = None) -> None:
        _set(self, "what", what)
        _set(self, "kind", kind)
        _set(self, "most", most)
        _set(self, "paths", paths)
        _set(self, "least", least)


LIMITS: tuple[Limit, ...] = (
    Limit(N_("rounds"), "number", MAX_ROUNDS, ("scenario.rounds",)),
    Limit(
        N_(
            "a consequence's delay, cooldown and max_fires, a crisis's lasts and recurs, an instrument's or a "
            "response's cooldown, fatigue_within, a used(..., within=N)"
        ),
        "number",
        MAX_ROUNDS,
        (
            "consequences.*.delay",
            "consequences.*.cooldown",
            "consequences.*.max_fires",
            "crises.*.lasts",
            "crises.*.recurs",
            "instruments.*.cooldown",
            "actors.*.responses.*.cooldown",
            "dynamics.fatigue_within",
        ),
    ),
    Limit(N_("orders a role gives per round"), "number", 10, ("roles.*.orders",)),
    Limit(
        N_("a meter's start, min, max and refill, and an actor's start values"),
        "number",
        MAX_METER,
        tuple(f"{t}.*.{k}" for t in _METER_TABLES for k in ("start", "min", "max", "refill", "baseline", "drift"))
        + ("actors.*.meters.*", "dynamics.drift"),
        -MAX_METER,
    ),
    Limit(N_("an instrument's cost (political capital)"), "number", MAX_METER, ("instruments.*.cost",)),
    Limit(N_("an objective's points"), "number", MAX_METER, ("roles.*.objectives.*.points",), -MAX_METER),
    Limit(
        N_(
            "any other number, including effect amounts and numbers in expressions (between -N and N; never nan or inf)"
        ),
        "number",
        MAX_NUMBER,
        (),
        -MAX_NUMBER,
    ),
    Limit(N_("roles"), "count", 12, ("roles",)),
    Limit(N_("actors"), "count", 32, ("actors",)),
    Limit(N_("instruments, in the scenario and its libraries together"), "count", MAX_INSTRUMENTS, ("instruments",)),
    Limit(N_("crises"), "count", 100, ("crises",)),
    Limit(N_("consequences"), "count", 200, ("consequences",)),
    Limit(N_("scheduled injects"), "count", 100, ("schedule",)),
    Limit(N_("objectives of one role"), "count", 50, ("roles.*.objectives",)),
    Limit(N_("stages of one crisis"), "count", 10, ("crises.*.stages",)),
    Limit(N_("lessons"), "count", 50, ("lessons",)),
    Limit(N_("responses of one actor"), "count", 50, ("actors.*.responses",)),
    Limit(N_("meters in each of [meters], [actor_meters] and [role_meters]"), "count", 100, _METER_TABLES),
    Limit(N_("changes in one effects table"), "count", 100, _EFFECT_TABLES),
    Limit(N_("entries of an include list"), "count", MAX_FILES, ("scenario.include", "include")),
    Limit(N_("entries of any other list or table"), "count", MAX_LIST),
    Limit(N_("characters of an id"), "text", MAX_ID, _IDS),
    Limit(N_("characters of a meter's name"), "key", MAX_ID, _METER_TABLES + ("actors.*.meters",)),
    Limit(N_("characters of any other key"), "key", MAX_KEY),
    Limit(N_("characters of any text"), "text", MAX_TEXT),
)

MAX_GAME_ORDERS = 2000  # rounds x roles x orders: the longest history a game can have

# Limits the loader applies outside this table (reading files, compiling expressions); shown in the docs too.
OTHER_LIMITS: tuple[tuple[str, str], ...] = (
    ("orders in a whole game: rounds × roles × the largest orders", f"{MAX_GAME_ORDERS:,}"),
    ("size of one file", f"{MAX_FILE_BYTES:,} bytes"),
    ("files: the scenario and everything it includes", f"{MAX_FILES}"),
    ("depth of includes (a library including a library ...)", f"{MAX_INCLUDE_DEPTH}"),
    ("characters of an include path", f"{MAX_INCLUDE_PATH}"),
    ("tables and lists nested in one another", f"{MAX_NESTING}"),
    ("characters of an expression", f"{MAX_LENGTH:,}"),
    ("parentheses, not and unary minus nested in an expression", f"{MAX_DEPTH}"),
)


def _split(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.split("."))


def _index() -> dict[tuple[str, int], dict[tuple[str, ...], Limit]]:
    """(kind, path length) -> pattern -> limit, for the limits that name paths."""
    out: dict[tuple[str, int], dict[tuple[str, ...], Limit]] = {}
    for limit in LIMITS:
        for pattern in limit.paths:
            parts = _split(pattern)
            out.setdefault((limit.kind, len(parts)), {})[parts] = limit
    return out


_BY_PATH = _index()
_DEFAULT = {limit.kind: limit for limit in LIMITS if not limit.paths}


def limit_for(kind: str, path: tuple) -> Limit:
    """The limit of ``kind`` that applies at ``path`` (a named one, else the general one)."""
    for pattern, limit in _BY_PATH.get((kind, len(path)), {}).items():
        if all(p == "*" or p == part for p, part in zip(pattern, path, strict=True)):
            return limit
    return _DEFAULT[kind]


_SEEN: dict[str, dict[tuple, Limit]] = {"number": {}, "text": {}, "count": {}, "key": {}}
_SEEN_MAX = 20_000  # shapes remembered per kind; past that the memory is cleared (a huge file's keys)


def _limit(kind: str, path: tuple, shape: tuple) -> Limit:
    """``limit_for`` remembered by the shape of the path (list indexes do not matter, they read "#")."""
    seen = _SEEN[kind]
    found = seen.get(shape)
    if found is None:
        if len(seen) >= _SEEN_MAX:
            seen.clear()
        found = seen[shape] = limit_for(kind, path)
    return found


def _number_words(value) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int) and abs(value) >= 10**15:
        if value.bit_length() >= 10_000:
            return _("a number with thousands of digits")
        return _("a number with {n} digits").format(n=len(str(abs(value))))
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _where(path: tuple) -> str:
    from .convert import key_name

    return key_name(path)


def check(file: str, data: dict) -> list[Problem]:
    """Every limit broken in one parsed file, each at its key path (see the module docstring).

    Tables and lists are visited depth first, in the file's order; a value is looked at where its
    table or list is, so only tables and lists are visited by a call, never deeper than ``MAX_NESTING``.
    """
    problems: list[Problem] = []
    _container(file, (), (), data, problems)
    return problems


def _container(file: str, path: tuple, shape: tuple, value: dict | list, problems: list[Problem]) -> None:
    if len(path) >= MAX_NESTING:
        problems.append(
            Problem(
                file,
                path,
                _("tables and lists are nested more than {MAX_NESTING} deep here ({see})").format(
                    MAX_NESTING=MAX_NESTING, see=_(SEE)
                ),
                at="key",
            )
        )
        return
    count = _limit("count", path, shape)
    if len(value) > count.most:
        problems.extend(_count(file, path, value, count))
    if isinstance(value, dict):
        items = list(value.items())
        del items[count.most + 1 :]  # past the limit, one error says it all
        key_limit = _limit("key", path, shape)
        most = key_limit.most
        for key, _item in reversed(items):  # as the entries were reported before: last first
            if isinstance(key, str) and len(key) > most:
                problems.append(
                    Problem(
                        file,
                        path + (key,),
                        _("a key of {n:,} characters; the limit for {what} is {most:,} ({see})").format(
                            n=len(key), what=_(key_limit.what), most=key_limit.most, see=_(SEE)
                        ),
                        at="key",
                    )
                )
        for key, item in items:
            if isinstance(key, str) and len(key) > most:
                continue
            if not isinstance(item, bool) and isinstance(item, _CHECKED):
                _value(file, path, key, shape + (key,), item, problems)
    else:
        inner = shape + ("#",)
        for index in range(min(len(value), count.most + 1)):
            item = value[index]
            if not isinstance(item, bool) and isinstance(item, _CHECKED):
                _value(file, path, index, inner, item, problems)


_CHECKED = (str, int, float, list, dict)  # and not bool; other values (dates, times) have no limit
_TEXT, _NUMBER = _SEEN["text"], _SEEN["number"]


def _value(file: str, path: tuple, part, shape: tuple, value, problems: list[Problem]) -> None:
    """The entry ``part`` (a key or an index) of the table or list at ``path``; ``shape`` is the entry's."""
    if isinstance(value, str):
        limit = _TEXT.get(shape) or _limit("text", (*path, part), shape)
        if len(value) > limit.most:
            at = (*path, part)
            problems.append(
                Problem(
                    file,
                    at,
                    _("{where} is {n:,} characters long; the limit for {what} is {most:,} ({see})").format(
                        where=_where(at), n=len(value), what=_(limit.what), most=limit.most, see=_(SEE)
                    ),
                )
            )
    elif isinstance(value, (int, float)):
        limit = _NUMBER.get(shape) or _limit("number", (*path, part), shape)
        if value > limit.most or (limit.least is not None and value < limit.least) or isinstance(value, float):
            problems.extend(_number(file, (*path, part), value, limit))
    else:
        _container(file, (*path, part), shape, value, problems)


def _number(file: str, path: tuple, value, limit: Limit) -> Iterator[Problem]:
    if isinstance(value, float) and not math.isfinite(value):
        yield Problem(
            file, path, _("{where} must be a finite number, not {value}").format(where=_where(path), value=value)
        )
    elif value > limit.most or (limit.least is not None and value < limit.least):
        bound = (
            _("between {least:,} and {most:,}").format(least=limit.least, most=limit.most)
            if limit.least is not None
            else _("at most {most:,}").format(most=limit.most)
        )
        yield Problem(
            file,
            path,
            _("{where} must be {bound}, not {number_words} ({see})").format(
                where=_where(path), bound=bound, number_words=_number_words(value), see=_(SEE)
            ),
        )


def _count(file: str, path: tuple, value, limit: Limit) -> Iterator[Problem]:
    if len(value) > limit.most:
        extra = path + ((limit.most,) if isinstance(value, list) else (list(value)[limit.most],))
        yield Problem(
            file,
            extra,
            _("{section} has {n:,} entries; the limit for {what} is {most:,} ({see})").format(
                section=_section(path), n=len(value), what=_(limit.what), most=limit.most, see=_(SEE)
            ),
            at="key",
        )


def _section(path: tuple) -> str:
    """A list or table as a message names it: '[[roles]]', 'scenario.debrief', 'the file'."""
    if not path:
        return _("the file")
    name = ".".join(str(p) for p in path)
    return (
        f"[[{name}]]"
        if len(path) == 1 and path[0] in ("roles", "actors", "instruments", "crises", "consequences", "schedule")
        else f"'{name}'"
    )


def check_game_size(file: str, data: dict) -> list[Problem]:
    """rounds x roles x orders within ``MAX_GAME_ORDERS``: every condition reads the whole history."""
    header, roles = data.get("scenario"), data.get("roles")
    rounds = header.get("rounds") if isinstance(header, dict) else None
    if type(rounds) is not int or not isinstance(roles, list):
        return []
    orders = [r.get("orders", 1) for r in roles if isinstance(r, dict)]
    most = max((o for o in orders if type(o) is int), default=1)
    total = rounds * len(roles) * most
    if total <= MAX_GAME_ORDERS:
        return []
    return [
        Problem(
            file,
            ("scenario", "rounds"),
            _(
                "{rounds} rounds x {n} roles x {most} orders make {total:,} orders in one "
                "game; the limit is {MAX_GAME_ORDERS:,} ({see})"
            ).format(rounds=rounds, n=len(roles), most=most, total=total, MAX_GAME_ORDERS=MAX_GAME_ORDERS, see=_(SEE)),
        )
    ]


def check_instrument_total(sources) -> list[Problem]:
    """The instruments of a scenario and all its libraries together stay within ``MAX_INSTRUMENTS``."""
    total = 0
    for source in sources:
        entries = (source.data or {}).get("instruments")
        if not isinstance(entries, list):
            continue
        if total + len(entries) > MAX_INSTRUMENTS:
            index = MAX_INSTRUMENTS - total
            return [
                Problem(
                    source.key,
                    ("instruments", max(index, 0)),
                    _(
                        "more than {MAX_INSTRUMENTS} instruments in the scenario and its libraries "
                        "together; that is the limit"
                    ).format(MAX_INSTRUMENTS=MAX_INSTRUMENTS),
                    at="key",
                )
            ]
        total += len(entries)
    return []


def markdown() -> str:
    """The "Limits" table of the format reference."""
    rows = ["| what | limit |", "|---|---|"]
    for limit in LIMITS:
        if limit.kind == "number":
            bound = f"{limit.least:,} to {limit.most:,}" if limit.least is not None else f"at most {limit.most:,}"
        else:
            bound = f"at most {limit.most:,}"
        rows.append(f"| {limit.what} | {bound} |")
    for what, bound in OTHER_LIMITS:
        rows.append(f"| {what} | {bound} |")
    rows.append(
        f"| the result of any +, -, * or / in an expression (clamped, never an error) | -{MAX_RESULT:,} to "
        f"{MAX_RESULT:,} |"
    )
    return "\n".join(rows)
