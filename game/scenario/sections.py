"""Cross-reference checks and compilation, one function per section of a scenario.

Each function reads the entries that structured (``Parts``), reports what is
wrong through the ``Checker``, and returns the compiled ``game.rules.model``
objects. Names that expressions and lists may use come from the raw TOML, so an
entry that failed to structure does not also cause "unknown name" errors
elsewhere.
"""

from __future__ import annotations

from game.rules.expr import Names, suggest
from game.rules.model import (
    CAPITAL,
    CATEGORIES,
    INSTRUMENT_VISIBILITIES,
    METER_VISIBILITIES,
    PUBLIC,
    Actor,
    Consequence,
    Crisis,
    End,
    Instrument,
    Meter,
    Objective,
    Role,
    ScheduledInject,
)

from .checker import Checker, Origin
from .records import MutableRecord
from .structure import Parts, raw_keys

GOOD = ("high", "low")


def raw_entries(raw) -> list[tuple[int, str]]:
    """(index, id) of every table in a raw list that has a string id."""
    if not isinstance(raw, list):
        return []
    return [(i, e["id"]) for i, e in enumerate(raw) if isinstance(e, dict) and isinstance(e.get("id"), str)]


def make_names(main: Parts, files: list[Parts]) -> Names:
    """Everything expressions may name, taken from the raw files (see module doc)."""
    raw = main.raw
    instruments, signals = [], set()
    for parts in files:
        instr = parts.raw.get("instruments")
        instruments += [ident for _, ident in raw_entries(instr)]
        for entry in instr if isinstance(instr, list) else []:
            sig = entry.get("signals") if isinstance(entry, dict) else None
            signals |= {s for s in sig if isinstance(s, str)} if isinstance(sig, list) else set()
    return Names(
        global_meters=frozenset(raw_keys(raw.get("meters"))),
        actors=frozenset(i for _, i in raw_entries(raw.get("actors"))),
        roles=frozenset(i for _, i in raw_entries(raw.get("roles"))),
        actor_meters=frozenset(raw_keys(raw.get("actor_meters"))),
        role_meters=frozenset(raw_keys(raw.get("role_meters"))),
        instruments=frozenset(instruments),
        signals=frozenset(signals),
        categories=frozenset(CATEGORIES),
        crises=frozenset(i for _, i in raw_entries(raw.get("crises"))),
        consequences=frozenset(i for _, i in raw_entries(raw.get("consequences"))),
    )


# --------------------------------------------------------------------------- header


def header(ck: Checker, main: Parts) -> int | None:
    """Check [scenario] and that there are roles; returns the number of rounds if known."""
    h = main.values.get("scenario")
    roles = main.raw.get("roles")
    n_roles = len(roles) if isinstance(roles, list) else 0
    f = main.file
    if not n_roles and "scenario" in main.raw:  # (an empty file gets fewer, clearer errors)
        ck.error(f, ("roles",), "the scenario has no roles; add at least one [[roles]]", at="key")
    if h is None:
        return None
    ck.check_id(f, ("scenario", "id"), h.id, "scenario")
    ck.at_least(f, ("scenario", "rounds"), h.rounds, 1, "rounds")
    if h.players is not None and n_roles:
        lo, hi = h.players
        if not 1 <= lo <= hi <= n_roles:
            ck.error(
                f,
                ("scenario", "players"),
                f"players [{lo}, {hi}] must be [min, max] with 1 <= min <= max <= {n_roles} (the number of roles)",
            )
    return h.rounds


def end(ck: Checker, main: Parts, names: Names) -> End:
    e = main.values.get("end")
    if e is None:
        return End()
    return End(lose_when=ck.expr(main.file, ("end", "lose_when"), e.lose_when, names, "bool"), lose_text=e.lose_text)


# --------------------------------------------------------------------------- meters


def meters(ck: Checker, main: Parts, table: str) -> tuple[Meter, ...]:
    out = []
    f = main.file
    for mid, m in main.table(table).items():
        path = (table, mid)
        ck.check_id(f, path, mid, "meter", at="key")
        ck.one_of(f, path + ("visibility",), m.visibility, METER_VISIBILITIES, "visibility")
        ck.one_of(f, path + ("good",), m.good, GOOD, "good")
        if m.min > m.max:
            ck.error(f, path + ("max",), f"max ({m.max}) is below min ({m.min})")
        else:
            ck.between(f, path + ("start",), m.start, m.min, m.max, "start", " (the meter's min and max)")
            refill = getattr(m, "refill", None)
            if refill is not None:
                ck.between(f, path + ("refill",), refill, m.min, m.max, "refill", " (the meter's min and max)")
        out.append(Meter(mid, m.label, m.start, m.min, m.max, m.visibility, m.good, getattr(m, "refill", None), m.text))
    return tuple(out)


def collisions(ck: Checker, main: Parts) -> None:
    """Global meter, actor and role ids share one namespace: meter paths start with them."""
    owners: dict[str, str] = {mid: "a global meter" for mid in raw_keys(main.raw.get("meters"))}
    for section, label, article in (("actors", "actor", "an"), ("roles", "role", "a")):
        mine: dict[str, str] = {}
        for i, ident in raw_entries(main.raw.get(section)):
            if ident in owners:
                ck.error(
                    main.file,
                    (section, i, "id"),
                    f"{label} id '{ident}' is also {owners[ident]}; meter paths like {ident}.x would be ambiguous",
                )
            mine.setdefault(ident, f"{article} {label}")
        for ident, what in mine.items():
            owners.setdefault(ident, what)


# --------------------------------------------------------------------------- actors


def actors(ck: Checker, main: Parts, actor_meters: tuple[Meter, ...]) -> tuple[Actor, ...]:
    f = main.file
    ck.unique("actor", ((f, ("actors", i, "id"), ident) for i, ident in raw_entries(main.raw.get("actors"))))
    declared = {m.id: m for m in actor_meters}
    declared_names = raw_keys(main.raw.get("actor_meters"))
    out = []
    for i, a in main.entries("actors"):
        path = ("actors", i)
        ck.check_id(f, path + ("id",), a.id, "actor")
        for k, v in enumerate(a.at):
            ck.between(f, path + ("at", k), v, 0, 1, "board position")
        for key, value in a.meters.items():
            where = path + ("meters", key)
            if key not in declared_names:
                ck.error(
                    f,
                    where,
                    f"'{key}' is not an actor meter; declare it as [actor_meters.{key}]",
                    suggest(key, declared_names),
                    at="key",
                )
            elif key in declared:
                m = declared[key]
                ck.between(
                    f, where, value, m.min, m.max, f"start value of {key}", f" (min and max of [actor_meters.{key}])"
                )
        starts = tuple((m.id, a.meters.get(m.id, m.start)) for m in actor_meters)
        out.append(Actor(a.id, a.name, a.kind, a.at, a.summary, starts))
    return tuple(out)


# --------------------------------------------------------------------------- instruments


class Catalogue(MutableRecord):
    """Instruments of every file in library-then-scenario order, and which can be used here."""

    __slots__ = ("order", "all_ids", "category", "usable", "compiled", "where")

    def __init__(self) -> None:
        self.order: list[str] = []
        self.all_ids: list[str] = []
        self.category: dict[str, str] = {}
        self.usable: set[str] = set()
        self.compiled: list[Instrument] = []
        self.where: dict[str, tuple[str, tuple]] = {}  # id -> (file, key path)


def instruments(
    ck: Checker,
    main: Parts,
    files: list[Parts],
    names: Names,
    scopes: dict[str, tuple[Names, Origin]] | None = None,
    alone: bool = False,
) -> Catalogue:
    """Check and compile the instruments of ``files`` (libraries first, ``main`` last).

    ``scopes`` gives a library the names its expressions are compiled with and
    its ``Origin`` (see ``library``); by default every file uses ``names``.
    ``alone``: ``main`` is a library checked on its own, so there are no actor
    kinds to check targets against.
    """
    cat = Catalogue()
    ck.unique(
        "instrument",
        (
            (p.file, ("instruments", i, "id"), ident)
            for p in files
            for i, ident in raw_entries(p.raw.get("instruments"))
        ),
    )
    for p in files:
        cat.all_ids += [ident for _, ident in raw_entries(p.raw.get("instruments")) if ident not in cat.all_ids]
    actors = main.raw.get("actors")
    kinds: list[str] = (
        sorted({a["kind"] for a in actors if isinstance(a, dict) and isinstance(a.get("kind"), str)})
        if isinstance(actors, list)
        else []
    )
    cost_reported = False
    for p in files:
        f = p.file
        file_names, origin = (scopes or {}).get(f) or (names, None if p is main else Origin(f))
        has_capital = CAPITAL in file_names.role_meters
        inside = {has_target: file_names.in_instrument(has_target) for has_target in (False, True)}
        for i, ins in p.entries("instruments"):
            path = ("instruments", i)
            ck.check_id(f, path + ("id",), ins.id, "instrument")
            if ins.id in CATEGORIES:
                ck.error(
                    f,
                    path + ("id",),
                    f"instrument id '{ins.id}' is also a category name; a role's instruments list could not "
                    "tell them apart",
                )
            ck.one_of(f, path + ("category",), ins.category, CATEGORIES, "category")
            ck.one_of(f, path + ("visibility",), ins.visibility, INSTRUMENT_VISIBILITIES, "visibility")
            ck.at_least(f, path + ("cost",), ins.cost, 0, "cost")
            ck.at_least(f, path + ("cooldown",), ins.cooldown, 0, "cooldown")
            if ins.cost > 0 and not has_capital and not cost_reported:
                if origin is not None and origin.alone:
                    ck.error(
                        f,
                        path + ("cost",),
                        "instruments cost political capital, but [contract] lists no role meter "
                        f"'{CAPITAL}'; add \"{CAPITAL}\" to role_meters in [contract]",
                    )
                else:
                    ck.error(
                        f,
                        path + ("cost",),
                        "instruments cost political capital, but the scenario declares no role meter "
                        f"'{CAPITAL}'; add [role_meters.{CAPITAL}]",
                    )
                cost_reported = True
            for k, signal in enumerate(ins.signals):
                ck.check_id(f, path + ("signals", k), signal, "signal")
            for k, kind in enumerate(ins.targets):
                if kind not in kinds and p is main and not alone:
                    known = f"; actor kinds here: {', '.join(kinds)}" if kinds else "; the scenario has no actors"
                    ck.error(f, path + ("targets", k), f"no actor of kind '{kind}'{known}", suggest(kind, kinds))
            if not ins.targets or any(kind in kinds for kind in ins.targets):
                cat.usable.add(ins.id)
            has_target = bool(ins.targets)
            inner = inside[has_target]
            requires = ck.expr(f, path + ("requires",), ins.requires, inner, "bool", origin)
            effects = ck.effects(
                f, path + ("effects",), ins.effects, inner, instrument=True, has_target=has_target, origin=origin
            )
            if ins.id in cat.category:
                continue  # a duplicate, already reported
            cat.category[ins.id] = ins.category
            cat.where[ins.id] = (f, path)
            cat.order.append(ins.id)
            cat.compiled.append(
                Instrument(
                    ins.id,
                    ins.name,
                    ins.category,
                    ins.text,
                    ins.cost,
                    ins.targets,
                    ins.visibility,
                    ins.signals,
                    requires,
                    effects or (),
                    ins.cooldown,
                )
            )
    return cat


def secret_requires(ck: Checker, cat: Catalogue, names: Names, global_meters, actor_meters, role_meters) -> None:
    """A ``requires`` may read only what its seat can see.

    The board greys out an instrument whose ``requires`` fails and rings only
    the targets it allows, so a condition on a hidden meter (or another role's)
    would hand that secret to the player.
    """
    public_global = {m.id for m in global_meters if m.visibility == PUBLIC}
    public_actor = {m.id for m in actor_meters if m.visibility == PUBLIC}
    public_role = {m.id for m in role_meters if m.visibility == PUBLIC}
    for inst in cat.compiled:
        if inst.requires is None:
            continue
        for path in sorted(inst.requires.reads):
            owner, _, meter = path.partition(".")
            if not meter:
                ok = owner in public_global
            elif owner == "self":
                ok = meter in public_role
            elif owner == "target" or owner not in names.roles:
                ok = meter in public_actor
            else:
                ok = False
            if not ok:
                f, where = cat.where[inst.id]
                ck.error(
                    f,
                    where + ("requires",),
                    f"requires reads '{path}', which this seat cannot see; greying the instrument out would "
                    "reveal it. Use a meter the players see, or move the condition into a consequence",
                )


# --------------------------------------------------------------------------- roles


def roles(ck: Checker, main: Parts, names: Names, cat: Catalogue) -> tuple[Role, ...]:
    f = main.file
    ck.unique("role", ((f, ("roles", i, "id"), ident) for i, ident in raw_entries(main.raw.get("roles"))))
    choices = cat.all_ids + list(CATEGORIES) + ["*"]
    role_names = names.in_role()
    out = []
    for i, r in main.entries("roles"):
        path = ("roles", i)
        ck.check_id(f, path + ("id",), r.id, "role")
        ck.at_least(f, path + ("orders",), r.orders, 1, "orders")
        selected: set[str] = set()
        errors_before = len(ck.problems)
        for j, entry in enumerate(r.instruments):
            where = path + ("instruments", j)
            if entry == "*":
                selected |= cat.usable
            elif entry in CATEGORIES:
                selected |= {iid for iid in cat.usable if cat.category.get(iid) == entry}
            elif entry in cat.all_ids:
                if entry in cat.category and entry not in cat.usable:
                    ck.error(f, where, f"instrument '{entry}' targets only kinds no actor here has")
                selected.add(entry)
            else:
                ck.error(f, where, f"unknown instrument or category '{entry}'", suggest(entry, choices))
        usable = tuple(iid for iid in cat.order if iid in selected)
        if not usable and r.instruments and cat.order and len(ck.problems) == errors_before:
            ck.warn(f, path + ("instruments",), f"role '{r.id}' can use no instrument")
        raw_role = main.raw["roles"][i]
        ck.unique(
            "objective",
            ((f, path + ("objectives", k, "id"), ident) for k, ident in raw_entries(raw_role.get("objectives"))),
            f" in role '{r.id}'",
        )
        objectives = []
        for k, o in enumerate(r.objectives):
            opath = path + ("objectives", k)
            ck.check_id(f, opath + ("id",), o.id, "objective")
            when = ck.expr(f, opath + ("when",), o.when, role_names, "bool")
            if when is not None:
                objectives.append(Objective(o.id, o.text, when, o.points))
        out.append(Role(r.id, r.name, r.summary, r.briefing, r.orders, usable, tuple(objectives)))
    return tuple(out)


# --------------------------------------------------------------------------- crises and consequences


def crises(ck: Checker, main: Parts, names: Names, rounds: int | None) -> tuple[Crisis, ...]:
    f = main.file
    ck.unique("crisis", ((f, ("crises", i, "id"), ident) for i, ident in raw_entries(main.raw.get("crises"))))
    out = []
    for i, c in main.entries("crises"):
        path = ("crises", i)
        ck.check_id(f, path + ("id",), c.id, "crisis")
        if c.inject:
            for key in ("round", "when"):
                if getattr(c, key) is not None:
                    ck.error(
                        f,
                        path + (key,),
                        f"crisis '{c.id}' has inject = true, so only the facilitator starts it; remove {key} "
                        "or set inject = false",
                    )
        elif c.round is None and c.when is None:
            ck.error(
                f,
                path,
                f"crisis '{c.id}' never starts: give it round = N, a when condition, or inject = true",
                at="key",
            )
        if c.round is not None and rounds is not None:
            ck.between(f, path + ("round",), c.round, 1, rounds, "round", f" (the scenario has {rounds} rounds)")
        ck.between(f, path + ("chance",), c.chance, 0, 1, "chance")
        if c.lasts is not None:
            ck.at_least(f, path + ("lasts",), c.lasts, 1, "lasts")
        when = ck.expr(f, path + ("when",), c.when, names, "bool")
        ends_when = ck.expr(f, path + ("ends_when",), c.ends_when, names, "bool")
        effects = ck.effects(f, path + ("effects",), c.effects, names)
        ongoing = ck.effects(f, path + ("ongoing",), c.ongoing, names)
        out.append(
            Crisis(
                c.id,
                c.title,
                c.text,
                c.round,
                when,
                c.chance,
                effects or (),
                ongoing or (),
                ends_when,
                c.lasts,
                c.inject,
            )
        )
    return tuple(out)


def schedule(ck: Checker, main: Parts, names: Names, rounds: int | None) -> tuple[ScheduledInject, ...]:
    f = main.file
    out = []
    known = sorted(names.crises)
    for i, item in main.entries("schedule"):
        path = ("schedule", i)
        if rounds is not None:
            ck.between(f, path + ("round",), item.round, 1, rounds, "round", f" (the scenario has {rounds} rounds)")
        if item.crisis not in names.crises:
            ck.error(
                f, path + ("crisis",), f"unknown crisis '{item.crisis}' in the schedule", suggest(item.crisis, known)
            )
            continue
        out.append(ScheduledInject(item.round, item.crisis, item.note))
    return tuple(out)


def consequences(ck: Checker, main: Parts, names: Names) -> tuple[Consequence, ...]:
    f = main.file
    ck.unique(
        "consequence", ((f, ("consequences", i, "id"), ident) for i, ident in raw_entries(main.raw.get("consequences")))
    )
    role_ids = sorted(names.roles)
    out = []
    for i, c in main.entries("consequences"):
        path = ("consequences", i)
        ck.check_id(f, path + ("id",), c.id, "consequence")
        ck.at_least(f, path + ("delay",), c.delay, 0, "delay")
        ck.between(f, path + ("chance",), c.chance, 0, 1, "chance")
        when = ck.expr(f, path + ("when",), c.when, names, "bool")
        effects = ck.effects(f, path + ("effects",), c.effects, names)
        reveal_to = c.reveal_to
        if isinstance(reveal_to, str) and reveal_to not in ("all", "none"):
            hint = f'; for one role write ["{reveal_to}"]' if reveal_to in names.roles else ""
            ck.error(
                f,
                path + ("reveal_to",),
                f'reveal_to must be "all", "none" or a list of role ids, not "{reveal_to}"{hint}',
                suggest(reveal_to, ["all", "none"]),
            )
        elif isinstance(reveal_to, tuple):
            for k, rid in enumerate(reveal_to):
                if rid not in names.roles:
                    ck.error(f, path + ("reveal_to", k), f"unknown role '{rid}' in reveal_to", suggest(rid, role_ids))
        if when is not None:
            out.append(
                Consequence(
                    c.id, when, c.delay, c.chance, c.once, effects or (), c.reveal, reveal_to, c.debrief, c.title
                )
            )
    return tuple(out)
