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

The check walks the parsed TOML once (``check``), iteratively and no deeper
than ``MAX_NESTING``, so nothing later ever recurses through absurd data.
"""

from __future__ import annotations

import math
from typing import Iterator

import attrs

from game.rules.expr_base import MAX_DEPTH, MAX_LENGTH, MAX_NUMBER, MAX_RESULT, MAX_ROUNDS

from .diagnostics import Problem

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

SEE = "see Limits in docs/format.md"
_METER_TABLES = ("meters", "actor_meters", "role_meters")
_EFFECT_TABLES = (
    "instruments.*.effects",
    "crises.*.effects",
    "crises.*.ongoing",
    "crises.*.stages.*.effects",
    "crises.*.stages.*.ongoing",
    "consequences.*.effects",
)
_IDS = (
    "scenario.id",
    "roles.*.id",
    "roles.*.objectives.*.id",
    "actors.*.id",
    "instruments.*.id",
    "crises.*.id",
    "consequences.*.id",
    "consequences.*.starts",
    "lessons.*.id",
    "schedule.*.crisis",
)


@attrs.frozen
class Limit:
    """One bound. ``kind``: number (a value), count (entries of a list or table), text (characters),
    key (characters of a table's keys). ``paths`` are key paths with * for any entry; none: everywhere.
    ``least`` is the lower bound for numbers (None: only the upper one is checked here)."""

    what: str
    kind: str
    most: int
    paths: tuple[str, ...] = ()
    least: int | None = None


LIMITS: tuple[Limit, ...] = (
    Limit("rounds", "number", MAX_ROUNDS, ("scenario.rounds",)),
    Limit(
        "a consequence's delay, cooldown and max_fires, a crisis's lasts and recurs, an instrument's cooldown, "
        "fatigue_within, a used(..., within=N)",
        "number",
        MAX_ROUNDS,
        (
            "consequences.*.delay",
            "consequences.*.cooldown",
            "consequences.*.max_fires",
            "crises.*.lasts",
            "crises.*.recurs",
            "instruments.*.cooldown",
            "dynamics.fatigue_within",
        ),
    ),
    Limit("orders a role gives per round", "number", 10, ("roles.*.orders",)),
    Limit(
        "a meter's start, min, max and refill, and an actor's start values",
        "number",
        MAX_METER,
        tuple(f"{t}.*.{k}" for t in _METER_TABLES for k in ("start", "min", "max", "refill", "baseline", "drift"))
        + ("actors.*.meters.*", "dynamics.drift"),
        -MAX_METER,
    ),
    Limit("an instrument's cost (political capital)", "number", MAX_METER, ("instruments.*.cost",)),
    Limit("an objective's points", "number", MAX_METER, ("roles.*.objectives.*.points",), -MAX_METER),
    Limit(
        "any other number, including effect amounts and numbers in expressions (between -N and N; never nan or inf)",
        "number",
        MAX_NUMBER,
        (),
        -MAX_NUMBER,
    ),
    Limit("roles", "count", 12, ("roles",)),
    Limit("actors", "count", 32, ("actors",)),
    Limit("instruments, in the scenario and its libraries together", "count", MAX_INSTRUMENTS, ("instruments",)),
    Limit("crises", "count", 100, ("crises",)),
    Limit("consequences", "count", 200, ("consequences",)),
    Limit("scheduled injects", "count", 100, ("schedule",)),
    Limit("objectives of one role", "count", 50, ("roles.*.objectives",)),
    Limit("stages of one crisis", "count", 10, ("crises.*.stages",)),
    Limit("lessons", "count", 50, ("lessons",)),
    Limit("meters in each of [meters], [actor_meters] and [role_meters]", "count", 100, _METER_TABLES),
    Limit("changes in one effects table", "count", 100, _EFFECT_TABLES),
    Limit("entries of an include list", "count", MAX_FILES, ("scenario.include", "include")),
    Limit("entries of any other list or table", "count", MAX_LIST),
    Limit("characters of an id", "text", MAX_ID, _IDS),
    Limit("characters of a meter's name", "key", MAX_ID, _METER_TABLES + ("actors.*.meters",)),
    Limit("characters of any other key", "key", MAX_KEY),
    Limit("characters of any text", "text", MAX_TEXT),
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


class _Limits:
    """``limit_for`` remembered by the shape of the path (list indexes do not matter, they read "#")."""

    def __init__(self) -> None:
        self.seen: dict[tuple, Limit] = {}

    def __call__(self, kind: str, path: tuple, shape: tuple) -> Limit:
        found = self.seen.get((kind, shape))
        if found is None:
            found = self.seen[(kind, shape)] = limit_for(kind, path)
        return found


def _number_words(value) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"a number with {len(str(abs(value))) if value.bit_length() < 10_000 else 'thousands of'} digits"
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _where(path: tuple) -> str:
    from .convert import key_name

    return key_name(path)


def check(file: str, data: dict) -> list[Problem]:
    """Every limit broken in one parsed file, each at its key path (see the module docstring)."""
    problems: list[Problem] = []
    limit_for = _Limits()
    stack: list[tuple[tuple, tuple, object]] = [((), (), data)]  # (path, its shape, value)
    while stack:
        path, shape, value = stack.pop()
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)):
            limit = limit_for("number", path, shape)
            if value > limit.most or (limit.least is not None and value < limit.least) or isinstance(value, float):
                problems.extend(_number(file, path, value, limit))
        elif isinstance(value, str):
            limit = limit_for("text", path, shape)
            if len(value) > limit.most:
                problems.append(
                    Problem(
                        file,
                        path,
                        f"{_where(path)} is {len(value):,} characters long; the limit for {limit.what} is "
                        f"{limit.most:,} ({SEE})",
                    )
                )
        elif isinstance(value, (list, dict)):
            if len(path) >= MAX_NESTING:
                problems.append(
                    Problem(
                        file, path, f"tables and lists are nested more than {MAX_NESTING} deep here ({SEE})", at="key"
                    )
                )
                continue
            count = limit_for("count", path, shape)
            if len(value) > count.most:
                problems.extend(_count(file, path, value, count))
            if isinstance(value, dict):
                items = list(value.items())
                del items[count.most + 1 :]  # past the limit, one error says it all
                key_limit = limit_for("key", path, shape)
                for key, item in reversed(items):
                    if isinstance(key, str) and len(key) > key_limit.most:
                        problems.append(
                            Problem(
                                file,
                                path + (key,),
                                f"a key of {len(key):,} characters; the limit for {key_limit.what} is "
                                f"{key_limit.most:,} ({SEE})",
                                at="key",
                            )
                        )
                        continue
                    stack.append((path + (key,), shape + (key,), item))
            else:
                inner = shape + ("#",)
                for index in range(min(len(value), count.most + 1) - 1, -1, -1):
                    stack.append((path + (index,), inner, value[index]))
    return problems


def _number(file: str, path: tuple, value, limit: Limit) -> Iterator[Problem]:
    if isinstance(value, float) and not math.isfinite(value):
        yield Problem(file, path, f"{_where(path)} must be a finite number, not {value}")
    elif value > limit.most or (limit.least is not None and value < limit.least):
        bound = f"between {limit.least:,} and {limit.most:,}" if limit.least is not None else f"at most {limit.most:,}"
        yield Problem(file, path, f"{_where(path)} must be {bound}, not {_number_words(value)} ({SEE})")


def _count(file: str, path: tuple, value, limit: Limit) -> Iterator[Problem]:
    if len(value) > limit.most:
        extra = path + ((limit.most,) if isinstance(value, list) else (list(value)[limit.most],))
        yield Problem(
            file,
            extra,
            f"{_section(path)} has {len(value):,} entries; the limit for {limit.what} is {limit.most:,} ({SEE})",
            at="key",
        )


def _section(path: tuple) -> str:
    """A list or table as a message names it: '[[roles]]', 'scenario.debrief', 'the file'."""
    if not path:
        return "the file"
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
            f"{rounds} rounds x {len(roles)} roles x {most} orders make {total:,} orders in one game; the "
            f"limit is {MAX_GAME_ORDERS:,} ({SEE})",
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
                    f"more than {MAX_INSTRUMENTS} instruments in the scenario and its libraries together; "
                    "that is the limit",
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
