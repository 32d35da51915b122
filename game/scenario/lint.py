"""Design-flaw warnings: a scenario that loads but cannot work as its author meant.

The loader's checks (``sections``) refuse what cannot run. The lint looks at a
scenario that runs, and points at parts of it that can never matter:

- instruments no role can use, or no actor can be targeted by;
- meters nothing reads, and meters nothing changes;
- consequences that can never fire, crises that can never break or end by
  their condition, objectives that can never be met, a ``lose_when`` that can
  never hold (by interval analysis, ``game.scenario.reach``: only what is
  provably impossible is reported);
- consequences without a debrief lesson or without reveal text;
- ``used(...)`` calls that can never count an order (``game.scenario.counts``);
- dynamics written so that they can never act: a ``cooldown`` or ``max_fires``
  on a consequence that fires once, a ``recurs`` on a crisis nothing can start
  again.

Every warning is a ``Problem`` of severity "warning" at the most useful key
(inside an expression: at the part that can never hold), with what to do
about it. The shared instrument library is large on purpose: its instruments
are reported only when a role lists them by id.

``lint(scenario, main, libraries)`` runs after a scenario has loaded without
errors; ``demarche validate`` shows its warnings (``--strict`` fails on them).
"""

from __future__ import annotations

from game.rules.chance import all_effects
from game.rules.model import CAPITAL, CATEGORIES, PUBLIC, Expr, Scenario
from game.rules.news import texts_of
from game.rules.timing import credit

from ..i18n import N_, _, ngettext
from .counts import used_calls
from .diagnostics import WARNING, Problem
from .intervals import Truth
from .reach import Reach, reach
from .sections import raw_entries
from .structure import Parts

KIND_WORD = {"meters": N_("global meter"), "actor_meters": N_("actor meter"), "role_meters": N_("role meter")}


class Linter:
    """One lint run over a loaded scenario; ``run`` returns its warnings."""

    def __init__(self, sc: Scenario, main: Parts, libraries: list[Parts]):
        self.sc = sc
        self.main = main
        self.file = main.file
        self.problems: list[Problem] = []
        self.r: Reach = reach(sc)
        self.where: dict[str, tuple[str, tuple]] = {}  # instrument id -> (file, path of its table)
        for parts in libraries + [main]:
            for i, ident in raw_entries(parts.raw.get("instruments")):
                self.where.setdefault(ident, (parts.file, ("instruments", i)))
        self.index = {
            section: {ident: i for i, ident in raw_entries(main.raw.get(section))}
            for section in ("roles", "crises", "consequences")
        }

    def warn(self, path: tuple, message: str, at: str = "value", offset: int = 0) -> None:
        self.problems.append(Problem(self.file, path, message, None, at, offset, WARNING))

    def never(self, path: tuple, truth: Truth, message: str, advice: str) -> None:
        """Warn at the part of the expression at ``path`` that can never hold: message, why, advice."""
        why = truth.never
        text = (
            _("{message}: {text}; {advice}").format(message=message, text=why.text(), advice=advice)
            if why
            else _("{message}; {advice}").format(message=message, advice=advice)
        )
        self.warn(path, text, "expr", why.pos if why else 0)

    def run(self) -> list[Problem]:
        self.instruments()
        self.meters()
        self.consequences()
        self.uncertainty()
        self.crises()
        self.objectives()
        self.end()
        self.dynamics()
        self.responses()
        self.problems += used_calls(self.sc, self.main)
        return self.problems

    # ------------------------------------------------------------------ dynamics

    def dynamics(self) -> None:
        """Repeat rules that can never act."""
        sc = self.sc
        for c in sc.consequences:
            i = self.index["consequences"].get(c.id)
            if i is None or not c.once:
                continue
            raw = self.main.raw["consequences"][i]
            if isinstance(raw, dict) and raw.get("cooldown"):
                self.warn(
                    ("consequences", i, "cooldown"),
                    _(
                        "consequence '{id}' fires at most once (once = true), so its cooldown never "
                        "matters; set once = false to let it fire again after resting"
                    ).format(id=c.id),
                )
        starters = {c.starts for c in sc.consequences if c.starts}
        for crisis in sc.crises:
            i = self.index["crises"].get(crisis.id)
            if i is None or not crisis.recurs:
                continue
            if crisis.when is None and crisis.id not in starters and not crisis.inject:
                self.warn(
                    ("crises", i, "recurs"),
                    _(
                        "crisis '{id}' can never break again: it breaks at its round, which comes "
                        "once, and no when condition or consequence (starts = ...) can start it after "
                        "it ends; add a when, or remove recurs"
                    ).format(id=crisis.id),
                )
            elif crisis.ends_when is None and crisis.lasts is None:
                self.warn(
                    ("crises", i, "recurs"),
                    _(
                        "crisis '{id}' never ends (it has neither ends_when nor lasts), so it can "
                        "never break again; give it an end, or remove recurs"
                    ).format(id=crisis.id),
                )

    # ------------------------------------------------------------------ instruments

    def instruments(self) -> None:
        sc, r = self.sc, self.r
        holders: dict[str, list[str]] = {}
        for role in sc.roles:
            for iid in role.instruments:
                holders.setdefault(iid, []).append(role.id)
        for inst in sc.instruments:
            file, path = self.where[inst.id]
            if file != self.file:
                continue  # library instruments: only when a role names them (below)
            roles = holders.get(inst.id, [])
            if not roles:
                self.warn(
                    path + ("id",),
                    _(
                        "instrument '{id}' is in no role's hand: no role's instruments list names it, "
                        "its category '{category}' or \"*\"; add it to a role's instruments, or remove it"
                    ).format(id=inst.id, category=inst.category),
                )
            elif not any((rid, inst.id) in r.pairs for rid in roles):
                self.unusable(inst.id, roles, path)
        for role in sc.roles:
            ri = self.index["roles"].get(role.id)
            listed = self.main.raw["roles"][ri].get("instruments", []) if ri is not None else []
            for j, entry in enumerate(listed if isinstance(listed, list) else []):
                if entry == "*" or entry in CATEGORIES or entry not in role.instruments:
                    continue
                if self.where[entry][0] != self.file and (role.id, entry) not in r.pairs:
                    reason, culprit = self.why_unusable(entry, [role.id])
                    if culprit is not None and culprit[0].never is not None:
                        reason = _("{reason}: {why}").format(reason=reason, why=culprit[0].never.text())
                    self.warn(
                        ("roles", ri, "instruments", j),
                        _(
                            "role '{id}' lists instrument '{entry}' but can never use it: {reason}; remove "
                            "it from the list, or use an instrument this role can afford and target"
                        ).format(id=role.id, entry=entry, reason=reason),
                    )

    def why_unusable(self, iid: str, roles: list[str]) -> tuple[str, tuple[Truth, str | None] | None]:
        """Why none of ``roles`` can ever use ``iid``; with the requires verdict and target to show, if that is why."""
        sc, r = self.sc, self.r
        inst = sc.instrument(iid)
        able = [rid for rid in roles if inst.cost <= r.capital_high(rid)]
        if not able:
            most = max(r.capital_high(rid) for rid in roles)
            who = (
                _("role '{roles}' never has").format(roles=roles[0])
                if len(roles) == 1
                else _("no role that lists it ever has")
            )
            return _("it costs {cost} capital and {who} more than {most:g}").format(
                cost=inst.cost, who=who, most=most
            ), None
        if inst.requires is None:  # (only if the narrowing stopped before it settled)
            return _("no role that has it can ever give it"), None
        # every able role fails requires on every target (or, untargeted, at all)
        actors = [a.id for a in sc.actors if a.kind in inst.targets]
        targets: list[str | None] = [*actors] or [None]
        truth = r.truth(inst.requires, targets[0], able[0])
        if inst.targets and any(p.startswith("target.") for p in inst.requires.reads):
            return _("its requires can never hold for {listed}").format(listed=", ".join(actors)), (truth, targets[0])
        return _("its requires can never hold"), (truth, None)

    def unusable(self, iid: str, roles: list[str], path: tuple) -> None:
        reason, culprit = self.why_unusable(iid, roles)
        if culprit is None:
            self.warn(
                path + ("cost",),
                _(
                    "no role can use instrument '{iid}': {reason}; lower its cost, or raise the capital's refill or max"
                ).format(iid=iid, reason=reason),
            )
            return
        truth, target = culprit
        lead = (
            _("no actor can be targeted by instrument '{iid}'").format(iid=iid)
            if target
            else _("no role can use instrument '{iid}'").format(iid=iid)
        )
        shown = f" ({target})" if target and ", " in reason else ""
        self.never(
            path + ("requires",),
            truth,
            _("{lead}: {reason}{shown}").format(lead=lead, reason=reason, shown=shown),
            _("loosen requires, or change what its meters can reach"),
        )

    # ------------------------------------------------------------------ meters

    def meters(self) -> None:
        sc = self.sc
        reads: set[tuple[str, str]] = set()
        for expr in self.expressions():
            for name in expr.reads:
                reads.add(self.meter_of(name))
        changed: set[tuple[str, str]] = {self.meter_of(path) for path in self.r.writers}
        costs = any(i.cost > 0 for i in sc.instruments)
        red_cells = any(r.plays for r in sc.roles)  # a seat playing an actor sees its facilitator meters
        sharpeners = {m.sharpened_by for m in sc.meters.values() if m.estimate}
        for table, meters in (
            ("meters", sc.global_meters),
            ("actor_meters", sc.actor_meters),
            ("role_meters", sc.role_meters),
        ):
            kind = _(KIND_WORD[table])
            for m in meters:
                key = (table, m.id)
                path = (table, m.id)
                engine_reads = table == "role_meters" and (m.id == CAPITAL and costs or m.id in sharpeners)
                red_cell_sees = table == "actor_meters" and m.visibility == "facilitator" and red_cells
                seen_by_roles = isinstance(m.visibility, tuple)  # the roles it lists read it
                unread = key not in reads and m.visibility != PUBLIC and not seen_by_roles
                if unread and not engine_reads and not red_cell_sees:
                    seen = (
                        _("only the facilitator sees it")
                        if m.visibility == "facilitator"
                        else _("nobody sees it during play")
                    )
                    self.warn(
                        path,
                        _(
                            "nothing reads {kind} '{id}': no condition, requires, objective, lose_when or "
                            "effect amount uses it, and {seen}, so it changes nothing in the game; use it "
                            'in a condition, make it visibility = "public", or remove it'
                        ).format(kind=kind, id=m.id, seen=seen),
                        "key",
                    )
                if key not in changed:
                    where = (
                        _("every actor's")
                        if table == "actor_meters"
                        else _("every role's")
                        if table == "role_meters"
                        else "it"
                    )
                    stays = (
                        _("{where} '{id}' stays at its start value").format(where=where, id=m.id)
                        if table != "meters"
                        else _("it stays at {start}").format(start=m.start)
                    )
                    self.warn(
                        path,
                        _(
                            "nothing changes {kind} '{id}': no instrument a role can use, no crisis and no "
                            "consequence has an effect on it, so {stays} all game; add an effect that "
                            "moves it, or remove it"
                        ).format(kind=kind, id=m.id, stays=stays),
                        "key",
                    )

    def meter_of(self, name: str) -> tuple[str, str]:
        owner, _dot, meter = name.partition(".")
        if not meter:
            return ("meters", owner)
        if owner == "target" or (owner != "self" and not self.sc.has_role(owner)):
            return ("actor_meters", meter)
        return ("role_meters", meter)

    def expressions(self):
        """Every expression the scenario can evaluate: conditions and effect amounts."""
        sc = self.sc
        usable = {iid for role in sc.roles for iid in role.instruments}
        for inst in sc.instruments:
            if inst.id in usable:
                yield from ([inst.requires] if inst.requires else [])
                yield from (e.value for e in all_effects(inst))
        for c in sc.crises:
            yield from (e for e in (c.when, c.ends_when) if e is not None)
            yield from (e.value for e in c.effects + c.ongoing)
        for q in sc.consequences:
            yield q.when
            yield from (e.value for e in all_effects(q))
        for role in sc.roles:
            yield from (o.when for o in role.objectives)
        if sc.end.lose_when is not None:
            yield sc.end.lose_when
        for actor in sc.actors:
            for resp in actor.responses:
                yield from (e for e in (resp.when, resp.against) if e is not None)
                yield from (e.value for e in resp.effects)

    # ------------------------------------------------------------------ uncertainty

    def uncertainty(self) -> None:
        """Ranges, outcome tables and estimates written so that they never draw or hide anything."""
        raw, sc = self.main.raw, self.sc
        for table, declared in (
            ("meters", sc.global_meters),
            ("actor_meters", sc.actor_meters),
            ("role_meters", sc.role_meters),
        ):
            for meter in declared:
                mid, estimate = meter.id, meter.estimate
                if not estimate:
                    continue
                if meter.visibility != PUBLIC:
                    self.warn(
                        (table, mid, "estimate"),
                        _(
                            "meter '{mid}' has visibility = \"{visibility}\": no seat sees it during play, "
                            'so its estimate never shows a band; make it visibility = "public", or remove '
                            "estimate"
                        ).format(mid=mid, visibility=meter.visibility),
                        "key",
                    )
                elif not meter.sharpened_by and estimate >= meter.max - meter.min:
                    self.warn(
                        (table, mid, "estimate"),
                        _(
                            "meter '{mid}': a band {estimate} wide always spans its whole range "
                            "{min}..{max}, so seats learn nothing of it; narrow the estimate, add "
                            "sharpened_by, or make it hidden"
                        ).format(mid=mid, estimate=estimate, min=meter.min, max=meter.max),
                    )
        for section in ("instruments", "crises", "consequences"):
            entries = raw.get(section)
            for i, entry in enumerate(entries if isinstance(entries, list) else []):
                if not isinstance(entry, dict):
                    continue
                for key in ("effects", "ongoing"):
                    self.fixed_ranges((section, i, key), entry.get(key))
                outcomes = entry.get("outcomes")
                if not isinstance(outcomes, list):
                    continue
                if len(outcomes) == 1:
                    self.warn(
                        (section, i, "outcomes"),
                        _(
                            "an outcome table with one outcome always draws it; move its effects and text "
                            "into the entry itself, or add the other outcomes"
                        ),
                        "key",
                    )
                for k, o in enumerate(outcomes):
                    if isinstance(o, dict):
                        self.fixed_ranges((section, i, "outcomes", k, "effects"), o.get("effects"))

    def fixed_ranges(self, path: tuple, effects) -> None:
        for key, value in (effects if isinstance(effects, dict) else {}).items():
            if isinstance(value, list) and len(value) == 2 and value[0] == value[1]:
                self.warn(
                    path + (key,),
                    _("the range [{value}, {value2}] always gives {value}; write {value}, or widen the range").format(
                        value=value[0], value2=value[1]
                    ),
                )

    # ------------------------------------------------------------------ consequences and crises

    def consequences(self) -> None:
        for c in self.sc.consequences:
            i = self.index["consequences"][c.id]
            path = ("consequences", i)
            if c.chance <= 0:
                self.warn(
                    path + ("chance",),
                    _("consequence '{id}' has chance = 0, so it never fires; raise its chance, or remove it").format(
                        id=c.id
                    ),
                )
            else:
                truth = self.truth(c.when)
                if not truth.can_true:
                    self.never(
                        path + ("when",),
                        truth,
                        _("consequence '{id}' can never fire").format(id=c.id),
                        _("change its condition"),
                    )
            if not c.debrief.strip():
                if c.reveal_to == "all":
                    self.warn(
                        path + ("id",),
                        _(
                            "consequence '{id}' has no debrief: the after-action review shows that it "
                            'fired but not the lesson it teaches; add debrief = "..." with the lesson'
                        ).format(id=c.id),
                    )
                else:
                    audience = (
                        _("nobody") if c.reveal_to == "none" else _("only {roles}").format(roles=", ".join(c.reveal_to))
                    )
                    self.warn(
                        path + ("id",),
                        _(
                            "hidden consequence '{id}' (reveal_to: {audience}) has no debrief: the "
                            "after-action review is where the players learn what it was and why it fired; "
                            'add debrief = "..." with the lesson'
                        ).format(id=c.id, audience=audience),
                    )
            if not any(t.strip() for t in texts_of(c.reveal)):
                shown = _("its title") if c.title.strip() else _("its id")
                self.warn(
                    path + ("id",),
                    _(
                        "consequence '{id}' has no reveal text: when it fires the news shows only "
                        '{shown}; add reveal = "..." saying what its audience learns'
                    ).format(id=c.id, shown=shown),
                )

    def crises(self) -> None:
        scheduled = {item.crisis for item in self.sc.schedule}
        for c in self.sc.crises:
            path = ("crises", self.index["crises"][c.id])
            by_itself = not c.inject and c.id not in scheduled
            if by_itself and c.chance <= 0:
                self.warn(
                    path + ("chance",),
                    _(
                        "crisis '{id}' has chance = 0, so it never breaks by itself; raise its chance, "
                        "or set inject = true to leave it to the facilitator"
                    ).format(id=c.id),
                )
            elif c.when is not None:
                truth = self.truth(c.when)
                if not truth.can_true:
                    if c.round is None and by_itself:
                        self.never(
                            path + ("when",),
                            truth,
                            _("crisis '{id}' can never break").format(id=c.id),
                            _("change its condition, give it a round, or set inject = true"),
                        )
                    else:
                        self.never(
                            path + ("when",),
                            truth,
                            _(
                                "crisis '{id}': its when can never hold, so only its round or the schedule starts it"
                            ).format(id=c.id),
                            _("fix the condition, or remove it"),
                        )
            if c.ends_when is not None:
                truth = self.truth(c.ends_when)
                if not truth.can_true:
                    after = (
                        _("it ends only after lasts = {lasts} rounds").format(lasts=c.lasts)
                        if c.lasts
                        else _("once it breaks it stays active until the game ends")
                    )
                    self.never(
                        path + ("ends_when",),
                        truth,
                        _("crisis '{id}' can never end by ends_when ({after})").format(id=c.id, after=after),
                        _("change the condition"),
                    )

    def objectives(self) -> None:
        for role in self.sc.roles:
            ri = self.index["roles"][role.id]
            raw = self.main.raw["roles"][ri].get("objectives")
            index = {ident: k for k, ident in raw_entries(raw)}
            for o in role.objectives:
                truth = self.truth(o.when, role=role.id)
                where = ("roles", ri, "objectives", index[o.id])
                if not truth.can_true:
                    self.never(
                        where + ("when",),
                        truth,
                        _("objective '{id}' of role '{id2}' can never be met").format(id=o.id, id2=role.id),
                        _("change its condition, or the rules that move its meters"),
                    )
                self.objective_timing(o, role.id, where)

    def objective_timing(self, o, role: str, where: tuple) -> None:
        """``throughout_from`` the last round, and a ``partial`` too small to give a point, do nothing."""
        if o.throughout_from is not None and o.throughout_from == self.sc.rounds:
            self.warn(
                where + ("throughout_from",),
                _(
                    "objective '{id}' of role '{role}' has throughout_from = {throughout_from}, "
                    "the last round: that judges only the state after the last round, as without "
                    "it; choose an earlier round, or remove it"
                ).format(id=o.id, role=role, throughout_from=o.throughout_from),
            )
        if o.partial is not None:
            most = min(1.0, self.r.number(o.partial, role=role).hi)
            if credit(abs(o.points), max(0.0, most)) == 0:
                self.warn(
                    where + ("partial",),
                    ngettext(
                        "partial credit of objective '{id}' of role '{role}' can never give a point: "
                        "its share is at most {share:g} of {points} point; raise the share or "
                        "the points, or remove partial",
                        "partial credit of objective '{id}' of role '{role}' can never give a point: "
                        "its share is at most {share:g} of {points} points; raise the share or "
                        "the points, or remove partial",
                        abs(o.points),
                    ).format(
                        id=o.id,
                        role=role,
                        share=max(0.0, most),
                        points=o.points,
                    ),
                    "expr",
                )

    def end(self) -> None:
        lose = self.sc.end.lose_when
        if lose is not None:
            truth = self.truth(lose)
            if not truth.can_true:
                self.never(
                    ("end", "lose_when"),
                    truth,
                    _("the shared loss can never happen"),
                    _("change lose_when, or remove it"),
                )

    def responses(self) -> None:
        """Actors' responses that can never fire, and keys that do nothing under the actor's pick."""
        raw_actors = {ident: i for i, ident in raw_entries(self.main.raw.get("actors"))}
        for actor in self.sc.actors:
            if not actor.responses:
                continue
            i = raw_actors[actor.id]
            raw = self.main.raw["actors"][i].get("responses")
            index = {ident: k for k, ident in raw_entries(raw)}
            unused = "weight" if actor.pick == "priority" else "priority"
            for resp in actor.responses:
                k = index[resp.id]
                path = ("actors", i, "responses", k)
                if unused in raw[k]:
                    self.warn(
                        path + (unused,),
                        _(
                            "response '{id}' sets {unused}, which does nothing: actor '{id2}' picks by "
                            '{pick}; remove it, or set pick = "{unused}" on the actor'
                        ).format(id=resp.id, unused=unused, id2=actor.id, pick=actor.pick),
                        "key",
                    )
                if resp.chance <= 0 or (actor.pick == "weight" and resp.weight <= 0):
                    key = "chance" if resp.chance <= 0 else "weight"
                    self.warn(
                        path + (key,),
                        _("response '{id}' has {key} = 0, so it never fires; raise it, or remove the response").format(
                            id=resp.id, key=key
                        ),
                    )
                    continue
                truth = self.truth(resp.when)
                if not truth.can_true:
                    self.never(
                        path + ("when",),
                        truth,
                        _("response '{id}' can never fire").format(id=resp.id),
                        _("change its condition"),
                    )
                elif resp.against is not None:
                    roles = [r.id for r in self.sc.roles if r.plays != actor.id]
                    if all(self.r.number(resp.against, None, rid).hi <= 0 for rid in roles):
                        self.warn(
                            path + ("against",),
                            _(
                                "response '{id}' can never fire: no role can score above 0 on its against; "
                                "change the expression (the role with the highest value above 0 is the one "
                                "aimed at)"
                            ).format(id=resp.id),
                        )

    def truth(self, expr: Expr, role: str | None = None) -> Truth:
        return self.r.truth(expr, None, role)


def lint(scenario: Scenario, main: Parts, libraries: list[Parts]) -> list[Problem]:
    """Every design-flaw warning for a scenario that loaded without errors."""
    return Linter(scenario, main, libraries).run()
