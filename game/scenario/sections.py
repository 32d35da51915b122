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
    NEGOTIATION_MODES,
    PUBLIC,
    ROLE_TARGET,
    Actor,
    Consequence,
    Crisis,
    End,
    Instrument,
    Lesson,
    Meter,
    Negotiation,
    Objective,
    Role,
    ScheduledInject,
    Stage,
    WeightedOutcome,
)
from game.rules.news import CONSEQUENCE_PLACEHOLDERS

from ..i18n import N_, _
from . import language
from .checker import Checker, Origin
from .records import MutableRecord
from .spec import DynamicsSpec
from .structure import Parts, raw_keys


def response_names(raw: dict) -> frozenset[str]:
    from .actor_rules import response_names as names  # (actor_rules imports this module)

    return names(raw)


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
        responses=response_names(raw),
    )


# --------------------------------------------------------------------------- header


def header(ck: Checker, main: Parts) -> int | None:
    """Check [scenario] and that there are roles; returns the number of rounds if known."""
    h = main.values.get("scenario")
    roles = main.raw.get("roles")
    n_roles = len(roles) if isinstance(roles, list) else 0
    f = main.file
    if not n_roles and "scenario" in main.raw:  # (an empty file gets fewer, clearer errors)
        ck.error(f, ("roles",), _("the scenario has no roles; add at least one [[roles]]"), at="key")
    if h is None:
        return None
    ck.check_id(f, ("scenario", "id"), h.id, "scenario")
    ck.at_least(f, ("scenario", "rounds"), h.rounds, 1, "rounds")
    if not language.well_formed(h.language):
        ck.error(f, ("scenario", "language"), language.message(h.language), language.suggestion(h.language))
    if h.players is not None and n_roles:
        lo, hi = h.players
        if not 1 <= lo <= hi <= n_roles:
            ck.error(
                f,
                ("scenario", "players"),
                _(
                    "players [{lo}, {hi}] must be [min, max] with 1 <= min <= max <= {n_roles} (the number of roles)"
                ).format(lo=lo, hi=hi, n_roles=n_roles),
            )
    return h.rounds


def end(ck: Checker, main: Parts, names: Names) -> End:
    e = main.values.get("end")
    if e is None:
        return End()
    return End(lose_when=ck.expr(main.file, ("end", "lose_when"), e.lose_when, names, "bool"), lose_text=e.lose_text)


def negotiation(ck: Checker, main: Parts, names: Names) -> Negotiation:
    """The ``[negotiation]`` table, checked; its effects read ``self.`` (the party) and ``target.`` (the
    other party, a role)."""
    spec = main.values.get("negotiation")
    if spec is None:
        return Negotiation()
    f = main.file
    ck.one_of(f, ("negotiation", "mode"), spec.mode, NEGOTIATION_MODES, "mode")
    ck.one_of(f, ("negotiation", "news"), spec.news, ("parties", "all"), "news")
    ck.at_least(f, ("negotiation", "proposals"), spec.proposals, 0, "proposals")
    ck.at_least(f, ("negotiation", "messages"), spec.messages, 0, "messages")
    party = names.in_instrument(True, names.role_meters)
    kept = ck.effects(f, ("negotiation", "kept"), spec.kept, party)
    broken = ck.effects(f, ("negotiation", "broken"), spec.broken, party)
    return Negotiation(spec.mode, spec.proposals, spec.messages, kept or (), broken or (), spec.news)


# --------------------------------------------------------------------------- meters


def dynamics(ck: Checker, main: Parts) -> DynamicsSpec:
    """The ``[dynamics]`` defaults, checked (out-of-range values are reported and read as 0)."""
    d = main.values.get("dynamics") or DynamicsSpec()
    f = main.file
    ok = ck.at_least(f, ("dynamics", "drift"), d.drift, 0, "drift")
    ok &= ck.between(f, ("dynamics", "headroom"), d.headroom, 0, 1, "headroom")
    ok &= ck.between(f, ("dynamics", "fatigue"), d.fatigue, 0, 1, "fatigue")
    ok &= ck.at_least(f, ("dynamics", "fatigue_within"), d.fatigue_within, 1, "fatigue_within")
    return d if ok else DynamicsSpec()


def meters(ck: Checker, main: Parts, table: str, dyn: DynamicsSpec | None = None) -> tuple[Meter, ...]:
    """The meters of ``table``; global and actor meters take ``[dynamics]``'s drift and headroom unless they say."""
    out = []
    f = main.file
    dyn = dyn or DynamicsSpec()
    defaults = table != "role_meters"
    for mid, m in main.table(table).items():
        path = (table, mid)
        ck.check_id(f, path, mid, "meter", at="key")
        if isinstance(m.visibility, tuple):
            _role_visibility(ck, main, table, path + ("visibility",), m.visibility)
        else:
            ck.one_of(f, path + ("visibility",), m.visibility, METER_VISIBILITIES, "visibility")
        ck.one_of(f, path + ("good",), m.good, GOOD, "good")
        if m.min > m.max:
            ck.error(f, path + ("max",), _("max ({max}) is below min ({min})").format(max=m.max, min=m.min))
        else:
            ck.between(f, path + ("start",), m.start, m.min, m.max, "start", _(" (the meter's min and max)"))
            refill = getattr(m, "refill", None)
            if refill is not None:
                ck.between(f, path + ("refill",), refill, m.min, m.max, "refill", _(" (the meter's min and max)"))
            if m.baseline is not None:
                ck.between(
                    f, path + ("baseline",), m.baseline, m.min, m.max, "baseline", _(" (the meter's min and max)")
                )
        drift = m.drift if m.drift is not None else dyn.drift if defaults else 0
        headroom = m.headroom if m.headroom is not None else dyn.headroom if defaults else 0.0
        if m.drift is not None:
            ck.at_least(f, path + ("drift",), m.drift, 0, "drift")
        if m.headroom is not None:
            ck.between(f, path + ("headroom",), m.headroom, 0, 1, "headroom")
        estimate, sharpened_by = _estimate(ck, main, table, mid, m)
        out.append(
            Meter(
                mid,
                m.label,
                m.start,
                m.min,
                m.max,
                m.visibility,
                m.good,
                getattr(m, "refill", None),
                m.text,
                max(0, drift),
                m.baseline,
                min(1.0, max(0.0, float(headroom))),
                estimate,
                sharpened_by,
            )
        )
    return tuple(out)


def _role_visibility(ck: Checker, main: Parts, table: str, path: tuple, roles: tuple[str, ...]) -> None:
    """A meter seen by the roles listed: a global or actor meter, naming each role once."""
    f = main.file
    if table == "role_meters":
        ck.error(
            f,
            path,
            _(
                "a role meter cannot list roles in visibility: each role sees its own copy "
                "when it is public; for a value other roles should see, use a global or actor "
                "meter with this list"
            ),
        )
        return
    if not roles:
        ck.error(f, path, _('visibility lists no role; name at least one, e.g. ["foreign"], or write "facilitator"'))
        return
    role_ids = [ident for _, ident in raw_entries(main.raw.get("roles"))]
    seen: set[str] = set()
    for k, rid in enumerate(roles):
        if rid not in role_ids:
            ck.error(f, path + (k,), _("unknown role '{rid}' in visibility").format(rid=rid), suggest(rid, role_ids))
        elif rid in seen:
            ck.error(f, path + (k,), _("role '{rid}' is listed twice in visibility").format(rid=rid))
        seen.add(rid)


def _estimate(ck: Checker, main: Parts, table: str, mid: str, m) -> tuple[int, str]:
    """Check a meter's ``estimate`` and ``sharpened_by``; (0, "") where there is none or it is wrong."""
    f, path = main.file, (table, mid)
    if m.estimate is None:
        if m.sharpened_by is not None:
            ck.error(
                f,
                path + ("sharpened_by",),
                _(
                    "sharpened_by narrows the band of an estimated meter, but this meter has no "
                    "estimate; add estimate = N (the band's width)"
                ),
                at="key",
            )
        return 0, ""
    if not ck.at_least(f, path + ("estimate",), m.estimate, 1, _("estimate (the band's width)")):
        return 0, ""
    sharpened_by = m.sharpened_by or ""
    if sharpened_by:
        role_meters = sorted(raw_keys(main.raw.get("role_meters")))
        if sharpened_by not in role_meters:
            known = (
                _("; role meters here: {listed}").format(listed=", ".join(role_meters))
                if role_meters
                else _("; there are no [role_meters]")
            )
            ck.error(
                f,
                path + ("sharpened_by",),
                _(
                    "sharpened_by names a role meter (each role's own), and there is no role meter '{sharpened_by}'"
                ).format(sharpened_by=sharpened_by)
                + known,
                suggest(sharpened_by, role_meters),
            )
            sharpened_by = ""
    return m.estimate, sharpened_by


def collisions(ck: Checker, main: Parts) -> None:
    """Global meter, actor and role ids share one namespace: meter paths start with them."""
    owners: dict[str, str] = {mid: _("a global meter") for mid in raw_keys(main.raw.get("meters"))}
    for section, label, owner in (("actors", N_("actor"), N_("an actor")), ("roles", N_("role"), N_("a role"))):
        mine: dict[str, str] = {}
        for i, ident in raw_entries(main.raw.get(section)):
            if ident in owners:
                ck.error(
                    main.file,
                    (section, i, "id"),
                    _("{label} id '{ident}' is also {owners}; meter paths like {ident}.x would be ambiguous").format(
                        label=_(label), ident=ident, owners=owners[ident]
                    ),
                )
            mine.setdefault(ident, _(owner))
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
            ck.between(f, path + ("at", k), v, 0, 1, _("board position"))
        for key, value in a.meters.items():
            where = path + ("meters", key)
            if key not in declared_names:
                ck.error(
                    f,
                    where,
                    _("'{key}' is not an actor meter; declare it as [actor_meters.{key}]").format(key=key),
                    suggest(key, declared_names),
                    at="key",
                )
            elif key in declared:
                m = declared[key]
                ck.between(
                    f,
                    where,
                    value,
                    m.min,
                    m.max,
                    _("start value of {key}").format(key=key),
                    _(" (min and max of [actor_meters.{key}])").format(key=key),
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
    fatigue: float = 0.0,
) -> Catalogue:
    """Check and compile the instruments of ``files`` (libraries first, ``main`` last).

    ``scopes`` gives a library the names its expressions are compiled with and
    its ``Origin`` (see ``library``); by default every file uses ``names``.
    ``alone``: ``main`` is a library checked on its own, so there are no actor
    kinds to check targets against. ``fatigue``: the scenario's ``[dynamics]``
    default for instruments that do not set their own.
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
    targeted, established = target_kinds(main, files)
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
                    _(
                        "instrument id '{id}' is also a category name; a role's instruments list could "
                        "not tell them apart"
                    ).format(id=ins.id),
                )
            ck.one_of(f, path + ("category",), ins.category, CATEGORIES, "category")
            ck.one_of(f, path + ("visibility",), ins.visibility, INSTRUMENT_VISIBILITIES, "visibility")
            ck.at_least(f, path + ("cost",), ins.cost, 0, "cost")
            ck.at_least(f, path + ("cooldown",), ins.cooldown, 0, "cooldown")
            if ins.fatigue is not None:
                ck.between(f, path + ("fatigue",), ins.fatigue, 0, 1, "fatigue")
            if ins.cost > 0 and not has_capital and not cost_reported:
                if origin is not None and origin.alone:
                    ck.error(
                        f,
                        path + ("cost",),
                        _(
                            "instruments cost political capital, but [contract] lists no role meter "
                            "'{CAPITAL}'; add \"{CAPITAL}\" to role_meters in [contract]"
                        ).format(CAPITAL=CAPITAL),
                    )
                else:
                    ck.error(
                        f,
                        path + ("cost",),
                        _(
                            "instruments cost political capital, but the scenario declares no role meter "
                            "'{CAPITAL}'; add [role_meters.{CAPITAL}]"
                        ).format(CAPITAL=CAPITAL),
                    )
                cost_reported = True
            for k, signal in enumerate(ins.signals):
                ck.check_id(f, path + ("signals", k), signal, "signal")
            for k, kind in enumerate(ins.targets):
                if kind not in kinds and kind != ROLE_TARGET and p is main and not alone:
                    known = (
                        _("; actor kinds here: {listed}").format(listed=", ".join(kinds))
                        if kinds
                        else _("; the scenario has no actors")
                    )
                    near = suggest(kind, kinds)
                    if near is not None and near not in targeted and kind in established:  # the actor's typo
                        known += _(
                            "; if '{near}' is a typo for '{kind}', correct the actor's kind (warned there)"
                        ).format(near=near, kind=kind)
                        near = None
                    ck.error(
                        f,
                        path + ("targets", k),
                        _("no actor of kind '{kind}'{known}").format(kind=kind, known=known),
                        near,
                    )
            if not ins.targets or any(kind in kinds or kind == ROLE_TARGET for kind in ins.targets):
                cat.usable.add(ins.id)
            has_target = bool(ins.targets)
            role_meters = _target_meters(ins.targets, file_names)
            inner = inside[has_target] if role_meters is None else file_names.in_instrument(has_target, role_meters)
            requires = ck.expr(f, path + ("requires",), ins.requires, inner, "bool", origin)
            effects = ck.effects(
                f, path + ("effects",), ins.effects, inner, instrument=True, has_target=has_target, origin=origin
            )
            drawn = outcomes(ck, f, path, ins.outcomes, inner, has_target, origin)
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
                    min(1.0, max(0.0, float(ins.fatigue if ins.fatigue is not None else fatigue))),
                    drawn,
                )
            )
    return cat


def target_kinds(main: Parts, files: list[Parts]) -> tuple[set[str], set[str]]:
    """The actor kinds instruments of ``files`` target (from the raw TOML), and those of them that
    are established: targeted by an included library or by two instruments or more. Of an actor's
    kind and a near target kind, the established one is taken as the right spelling."""
    weight: dict[str, int] = {}
    for p in files:
        for entry in p.raw.get("instruments") or ():
            targets = entry.get("targets") if isinstance(entry, dict) else None
            for kind in set(targets) if isinstance(targets, list) else ():
                if isinstance(kind, str):
                    weight[kind] = weight.get(kind, 0) + (1 if p is main else 2)
    return set(weight), {k for k, n in weight.items() if n >= 2}


def actor_kinds(ck: Checker, main: Parts, files: list[Parts]) -> None:
    """Warn at an actor's kind that no instrument targets when an established target kind is near
    it: a typo ("adversery") would otherwise show only as instruments that cannot reach the actor."""
    targeted, established = target_kinds(main, files)
    for i, a in main.entries("actors"):
        near = suggest(a.kind, targeted) if a.kind not in targeted else None
        if near is not None and near in established:
            ck.warn(
                main.file,
                ("actors", i, "kind"),
                _(
                    "actor '{id}' has kind '{kind}', which no instrument targets, so no instrument "
                    "can be aimed at it; instruments target {listed}"
                ).format(id=a.id, kind=a.kind, listed=", ".join(sorted(targeted))),
                near,
            )


def _target_meters(targets: tuple[str, ...], names: Names) -> frozenset[str] | None:
    """What target.X may name when the targets include roles: role meters, and with actor kinds too,
    only the meters actors and roles both have (None: the actor meters, as always)."""
    if ROLE_TARGET not in targets:
        return None
    if len(set(targets)) == 1:
        return names.role_meters
    return names.role_meters & names.actor_meters


def outcomes(
    ck: Checker,
    f: str,
    path: tuple,
    entries,
    names: Names,
    instrument: bool | None = None,
    origin: Origin | None = None,
) -> tuple[WeightedOutcome, ...]:
    """Check and compile an ``outcomes`` table of the entry at ``path``; ``instrument`` is None for a
    consequence, else whether the instrument has targets."""
    out = []
    for k, o in enumerate(entries):
        here = path + ("outcomes", k)
        if not o.weight > 0:
            ck.error(
                f,
                here + ("weight",),
                _("weight must be more than 0, not {weight}; leave out an outcome never drawn").format(weight=o.weight),
            )
        effects = ck.effects(
            f, here + ("effects",), o.effects, names, instrument is not None, bool(instrument), origin=origin
        )
        out.append(WeightedOutcome(o.weight, o.text, effects or ()))
    return tuple(out)


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
            owner, _dot, meter = path.partition(".")
            if not meter:
                ok = owner in public_global
            elif owner == "self":
                ok = meter in public_role
            elif owner == "target" and ROLE_TARGET in inst.targets:
                ok = False  # another role's meter
            elif owner == "target" or owner not in names.roles:
                ok = meter in public_actor
            else:
                ok = False
            if not ok:
                f, where = cat.where[inst.id]
                ck.error(
                    f,
                    where + ("requires",),
                    _(
                        "requires reads '{path}', which this seat cannot see; greying the instrument "
                        "out would reveal it. Use a meter the players see, or move the condition into "
                        "a consequence"
                    ).format(path=path),
                )


# --------------------------------------------------------------------------- roles


def roles(ck: Checker, main: Parts, names: Names, cat: Catalogue, rounds: int | None = None) -> tuple[Role, ...]:
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
                    ck.error(
                        f, where, _("instrument '{entry}' targets only kinds no actor here has").format(entry=entry)
                    )
                selected.add(entry)
            else:
                ck.error(
                    f, where, _("unknown instrument or category '{entry}'").format(entry=entry), suggest(entry, choices)
                )
        usable = tuple(iid for iid in cat.order if iid in selected)
        if not usable and r.instruments and cat.order and len(ck.problems) == errors_before:
            ck.warn(f, path + ("instruments",), _("role '{id}' can use no instrument").format(id=r.id))
        raw_role = main.raw["roles"][i]
        ck.unique(
            "objective",
            ((f, path + ("objectives", k, "id"), ident) for k, ident in raw_entries(raw_role.get("objectives"))),
            _(" in role '{id}'").format(id=r.id),
        )
        objectives = []
        for k, o in enumerate(r.objectives):
            opath = path + ("objectives", k)
            ck.check_id(f, opath + ("id",), o.id, "objective")
            when = ck.expr(f, opath + ("when",), o.when, role_names, "bool")
            partial = ck.expr(f, opath + ("partial",), o.partial, role_names, "num")
            _objective_timing(ck, f, opath, o, rounds)
            if when is not None and (partial is not None or o.partial is None):
                objectives.append(Objective(o.id, o.text, when, o.points, o.by, o.throughout_from, partial))
        out.append(Role(r.id, r.name, r.summary, r.briefing, r.orders, usable, tuple(objectives), optional=r.optional))
    entries = main.entries("roles")
    if entries and all(r.optional for _, r in entries):
        ck.error(
            f,
            ("roles", entries[0][0], "optional"),
            _("every role is optional: at least one role must always be in the game"),
            _("remove optional = true from the role every session plays"),
        )
    return tuple(out)


def _objective_timing(ck: Checker, f: str, path: tuple, o, rounds: int | None) -> None:
    """``by`` and ``throughout_from`` name a round of the game, and not both at once."""
    for key in ("by", "throughout_from"):
        value = getattr(o, key)
        if value is not None and rounds is not None:
            ck.between(
                f,
                path + (key,),
                value,
                1,
                rounds,
                key,
                _(" (the scenario's rounds are 1 to {rounds})").format(rounds=rounds),
            )
    if o.by is not None and o.throughout_from is not None:
        ck.error(
            f,
            path + ("throughout_from",),
            _(
                "objective '{id}' has both by and throughout_from; keep one (by: met once in "
                "time; throughout_from: held every round from then on), or split it into two "
                "objectives"
            ).format(id=o.id),
        )


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
                        _(
                            "crisis '{id}' has inject = true, so only the facilitator starts it; remove "
                            "{key} or set inject = false"
                        ).format(id=c.id, key=key),
                    )
        elif c.round is None and c.when is None:
            ck.error(
                f,
                path,
                _("crisis '{id}' never starts: give it round = N, a when condition, or inject = true").format(id=c.id),
                at="key",
            )
        if c.round is not None and rounds is not None:
            ck.between(
                f,
                path + ("round",),
                c.round,
                1,
                rounds,
                "round",
                _(" (the scenario has {rounds} rounds)").format(rounds=rounds),
            )
        ck.between(f, path + ("chance",), c.chance, 0, 1, "chance")
        if c.lasts is not None:
            ck.at_least(f, path + ("lasts",), c.lasts, 1, "lasts")
        ck.at_least(f, path + ("recurs",), c.recurs, 0, "recurs")
        when = ck.expr(f, path + ("when",), c.when, names, "bool")
        ends_when = ck.expr(f, path + ("ends_when",), c.ends_when, names, "bool")
        effects = ck.effects(f, path + ("effects",), c.effects, names)
        ongoing = ck.effects(f, path + ("ongoing",), c.ongoing, names)
        stages = []
        for k, st in enumerate(c.stages):
            at = path + ("stages", k)
            stage_when = ck.expr(f, at + ("when",), st.when, names, "bool")
            stage_effects = ck.effects(f, at + ("effects",), st.effects, names)
            stage_ongoing = ck.effects(f, at + ("ongoing",), st.ongoing, names)
            if stage_when is not None:
                stages.append(Stage(stage_when, st.title, st.text, stage_effects or (), stage_ongoing or ()))
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
                max(0, c.recurs),
                tuple(stages),
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
            ck.between(
                f,
                path + ("round",),
                item.round,
                1,
                rounds,
                "round",
                _(" (the scenario has {rounds} rounds)").format(rounds=rounds),
            )
        if item.crisis not in names.crises:
            ck.error(
                f,
                path + ("crisis",),
                _("unknown crisis '{crisis}' in the schedule").format(crisis=item.crisis),
                suggest(item.crisis, known),
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
        ck.at_least(f, path + ("cooldown",), c.cooldown, 0, "cooldown")
        if c.max_fires is not None:
            ck.at_least(f, path + ("max_fires",), c.max_fires, 1, "max_fires")
            if c.once and c.max_fires > 1:
                ck.error(
                    f,
                    path + ("max_fires",),
                    _(
                        "consequence '{id}' has once = true, so it fires at most once; set once = "
                        "false to let it fire up to {max_fires} times"
                    ).format(id=c.id, max_fires=c.max_fires),
                )
        if c.starts is not None and c.starts not in names.crises:
            ck.error(
                f,
                path + ("starts",),
                _("unknown crisis '{starts}' in starts").format(starts=c.starts),
                suggest(c.starts, sorted(names.crises)),
            )
        when = ck.expr(f, path + ("when",), c.when, names, "bool")
        effects = ck.effects(f, path + ("effects",), c.effects, names)
        drawn = outcomes(ck, f, path, c.outcomes, names)
        ck.news_text(f, path + ("reveal",), c.reveal, CONSEQUENCE_PLACEHOLDERS, "reveal")
        for k, o in enumerate(c.outcomes):
            ck.placeholders(f, path + ("outcomes", k, "text"), o.text, CONSEQUENCE_PLACEHOLDERS)
        reveal_to = c.reveal_to
        if isinstance(reveal_to, str) and reveal_to not in ("all", "none"):
            hint = (
                _('; for one role write ["{reveal_to}"]').format(reveal_to=reveal_to)
                if reveal_to in names.roles
                else ""
            )
            ck.error(
                f,
                path + ("reveal_to",),
                _('reveal_to must be "all", "none" or a list of role ids, not "{reveal_to}"{hint}').format(
                    reveal_to=reveal_to, hint=hint
                ),
                suggest(reveal_to, ["all", "none"]),
            )
        elif isinstance(reveal_to, tuple):
            for k, rid in enumerate(reveal_to):
                if rid not in names.roles:
                    ck.error(
                        f,
                        path + ("reveal_to", k),
                        _("unknown role '{rid}' in reveal_to").format(rid=rid),
                        suggest(rid, role_ids),
                    )
        if when is not None:
            out.append(
                Consequence(
                    c.id,
                    when,
                    c.delay,
                    c.chance,
                    c.once,
                    effects or (),
                    c.reveal,
                    reveal_to,
                    c.debrief,
                    c.title,
                    max(0, c.cooldown),
                    1 if c.once else c.max_fires,
                    c.starts,
                    drawn,
                )
            )
    return tuple(out)


def lessons(ck: Checker, main: Parts) -> tuple[Lesson, ...]:
    """``[[lessons]]``: unique ids, a known role, and bots (with policies) that ``simulate --lessons`` can seat.
    The bots' names are checked against the scenario once it is built (``lesson_bots``)."""
    f = main.file
    ck.unique("lesson", ((f, ("lessons", i, "id"), ident) for i, ident in raw_entries(main.raw.get("lessons"))))
    raw_roles = [r for r in main.raw.get("roles") or () if isinstance(r, dict) and isinstance(r.get("id"), str)]
    roles = [r["id"] for r in raw_roles]
    optional = [r["id"] for r in raw_roles if r.get("optional") is True]
    out = []
    for i, le in main.entries("lessons"):
        path = ("lessons", i)
        ck.check_id(f, path + ("id",), le.id, "lesson")
        if le.role not in roles:
            ck.error(
                f,
                path + ("role",),
                _("unknown role '{role}' in lesson '{id}'").format(role=le.role, id=le.id),
                suggest(le.role, roles),
            )
        ck.at_least(f, path + ("margin",), le.margin, 0, "margin")
        for j, name in enumerate(le.with_):
            if name not in optional:
                what = _("an ordinary role, always in the game") if name in roles else _("not a role")
                listed = (
                    _("; the optional roles are {listed}").format(listed=", ".join(optional))
                    if optional
                    else _("; no role is optional")
                )
                ck.error(
                    f,
                    path + ("with", j),
                    _("lesson '{id}': with names '{name}', {what}{listed}").format(
                        id=le.id, name=name, what=what, listed=listed
                    ),
                    suggest(name, optional),
                )
        brought = tuple(dict.fromkeys((*le.with_, *((le.role,) if le.role in optional else ()))))
        out.append(Lesson(le.id, le.text, le.role, le.better, le.worse, float(le.margin), le.others, brought))
    return tuple(out)


def lesson_bots(ck: Checker, main: Parts, scenario) -> None:
    """Each lesson's better, worse and others must be bots ``simulate`` knows, their policies naming this
    scenario's instruments, categories or signals; better and worse must differ."""
    if not scenario.lessons:
        return
    from game.bots import BotNameError, read_bot  # only scenarios with lessons pay for the bots' import

    f = main.file
    for i, le in main.entries("lessons"):
        path = ("lessons", i)
        for key in ("better", "worse", "others"):
            try:
                read_bot(getattr(le, key), scenario)
            except BotNameError as e:
                ck.error(f, path + (key,), _("lesson '{id}': {e}").format(id=le.id, e=e))
        if le.better.replace(" ", "") == le.worse.replace(" ", ""):
            ck.error(
                f,
                path + ("worse",),
                _("lesson '{id}' compares '{better}' with itself").format(id=le.id, better=le.better),
            )
