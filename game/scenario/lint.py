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

from game.rules.model import CAPITAL, CATEGORIES, PUBLIC, Expr, Scenario

from .counts import used_calls
from .diagnostics import WARNING, Problem
from .intervals import Truth
from .reach import Reach, reach
from .sections import raw_entries
from .structure import Parts

KIND_WORD = {"meters": "global meter", "actor_meters": "actor meter", "role_meters": "role meter"}


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
        text = f"{message}: {why.text()}; {advice}" if why else f"{message}; {advice}"
        self.warn(path, text, "expr", why.pos if why else 0)

    def run(self) -> list[Problem]:
        self.instruments()
        self.meters()
        self.consequences()
        self.crises()
        self.objectives()
        self.end()
        self.dynamics()
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
                    f"consequence '{c.id}' fires at most once (once = true), so its cooldown never matters; "
                    "set once = false to let it fire again after resting",
                )
        starters = {c.starts for c in sc.consequences if c.starts}
        for crisis in sc.crises:
            i = self.index["crises"].get(crisis.id)
            if i is None or not crisis.recurs:
                continue
            if crisis.when is None and crisis.id not in starters and not crisis.inject:
                self.warn(
                    ("crises", i, "recurs"),
                    f"crisis '{crisis.id}' can never break again: it breaks at its round, which comes once, and "
                    "no when condition or consequence (starts = ...) can start it after it ends; add a when, "
                    "or remove recurs",
                )
            elif crisis.ends_when is None and crisis.lasts is None:
                self.warn(
                    ("crises", i, "recurs"),
                    f"crisis '{crisis.id}' never ends (it has neither ends_when nor lasts), so it can never "
                    "break again; give it an end, or remove recurs",
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
                    f"instrument '{inst.id}' is in no role's hand: no role's instruments list names it, its "
                    f"category '{inst.category}' or \"*\"; add it to a role's instruments, or remove it",
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
                        reason += ": " + culprit[0].never.text()
                    self.warn(
                        ("roles", ri, "instruments", j),
                        f"role '{role.id}' lists instrument '{entry}' but can never use it: {reason}; remove "
                        "it from the list, or use an instrument this role can afford and target",
                    )

    def why_unusable(self, iid: str, roles: list[str]) -> tuple[str, tuple[Truth, str | None] | None]:
        """Why none of ``roles`` can ever use ``iid``; with the requires verdict and target to show, if that is why."""
        sc, r = self.sc, self.r
        inst = sc.instrument(iid)
        able = [rid for rid in roles if inst.cost <= r.capital_high(rid)]
        if not able:
            most = max(r.capital_high(rid) for rid in roles)
            who = f"role '{roles[0]}' never has" if len(roles) == 1 else "no role that lists it ever has"
            return f"it costs {inst.cost} capital and {who} more than {most:g}", None
        if inst.requires is None:  # (only if the narrowing stopped before it settled)
            return "no role that has it can ever give it", None
        # every able role fails requires on every target (or, untargeted, at all)
        actors = [a.id for a in sc.actors if a.kind in inst.targets]
        targets: list[str | None] = [*actors] or [None]
        truth = r.truth(inst.requires, targets[0], able[0])
        if inst.targets and any(p.startswith("target.") for p in inst.requires.reads):
            return f"its requires can never hold for {', '.join(actors)}", (truth, targets[0])
        return "its requires can never hold", (truth, None)

    def unusable(self, iid: str, roles: list[str], path: tuple) -> None:
        reason, culprit = self.why_unusable(iid, roles)
        if culprit is None:
            self.warn(
                path + ("cost",),
                f"no role can use instrument '{iid}': {reason}; lower its cost, or raise the capital's refill or max",
            )
            return
        truth, target = culprit
        lead = f"no actor can be targeted by instrument '{iid}'" if target else f"no role can use instrument '{iid}'"
        shown = f" ({target})" if target and ", " in reason else ""
        self.never(
            path + ("requires",),
            truth,
            f"{lead}: {reason}{shown}",
            "loosen requires, or change what its meters can reach",
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
        for table, meters in (
            ("meters", sc.global_meters),
            ("actor_meters", sc.actor_meters),
            ("role_meters", sc.role_meters),
        ):
            kind = KIND_WORD[table]
            for m in meters:
                key = (table, m.id)
                path = (table, m.id)
                engine_reads = table == "role_meters" and m.id == CAPITAL and costs
                if key not in reads and m.visibility != PUBLIC and not engine_reads:
                    seen = (
                        "only the facilitator sees it"
                        if m.visibility == "facilitator"
                        else "nobody sees it during play"
                    )
                    self.warn(
                        path,
                        f"nothing reads {kind} '{m.id}': no condition, requires, objective, lose_when or "
                        f"effect amount uses it, and {seen}, so it changes nothing in the game; use it in a "
                        'condition, make it visibility = "public", or remove it',
                        "key",
                    )
                if key not in changed:
                    where = (
                        "every actor's"
                        if table == "actor_meters"
                        else "every role's"
                        if table == "role_meters"
                        else "it"
                    )
                    stays = (
                        f"{where} '{m.id}' stays at its start value" if table != "meters" else f"it stays at {m.start}"
                    )
                    self.warn(
                        path,
                        f"nothing changes {kind} '{m.id}': no instrument a role can use, no crisis and no "
                        f"consequence has an effect on it, so {stays} all game; add an effect that moves it, "
                        "or remove it",
                        "key",
                    )

    def meter_of(self, name: str) -> tuple[str, str]:
        owner, _, meter = name.partition(".")
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
                yield from (e.value for e in inst.effects)
        for c in sc.crises:
            yield from (e for e in (c.when, c.ends_when) if e is not None)
            yield from (e.value for e in c.effects + c.ongoing)
        for q in sc.consequences:
            yield q.when
            yield from (e.value for e in q.effects)
        for role in sc.roles:
            yield from (o.when for o in role.objectives)
        if sc.end.lose_when is not None:
            yield sc.end.lose_when

    # ------------------------------------------------------------------ consequences and crises

    def consequences(self) -> None:
        for c in self.sc.consequences:
            i = self.index["consequences"][c.id]
            path = ("consequences", i)
            if c.chance <= 0:
                self.warn(
                    path + ("chance",),
                    f"consequence '{c.id}' has chance = 0, so it never fires; raise its chance, or remove it",
                )
            else:
                truth = self.truth(c.when)
                if not truth.can_true:
                    self.never(path + ("when",), truth, f"consequence '{c.id}' can never fire", "change its condition")
            if not c.debrief.strip():
                if c.reveal_to == "all":
                    self.warn(
                        path + ("id",),
                        f"consequence '{c.id}' has no debrief: the after-action review shows that it fired "
                        'but not the lesson it teaches; add debrief = "..." with the lesson',
                    )
                else:
                    audience = "nobody" if c.reveal_to == "none" else "only " + ", ".join(c.reveal_to)
                    self.warn(
                        path + ("id",),
                        f"hidden consequence '{c.id}' (reveal_to: {audience}) has no debrief: the "
                        "after-action review is where the players learn what it was and why it fired; add "
                        'debrief = "..." with the lesson',
                    )
            if not c.reveal.strip():
                shown = "its title" if c.title.strip() else "its id"
                self.warn(
                    path + ("id",),
                    f"consequence '{c.id}' has no reveal text: when it fires the news shows only {shown}; "
                    'add reveal = "..." saying what its audience learns',
                )

    def crises(self) -> None:
        scheduled = {item.crisis for item in self.sc.schedule}
        for c in self.sc.crises:
            path = ("crises", self.index["crises"][c.id])
            by_itself = not c.inject and c.id not in scheduled
            if by_itself and c.chance <= 0:
                self.warn(
                    path + ("chance",),
                    f"crisis '{c.id}' has chance = 0, so it never breaks by itself; raise its chance, or set "
                    "inject = true to leave it to the facilitator",
                )
            elif c.when is not None:
                truth = self.truth(c.when)
                if not truth.can_true:
                    if c.round is None and by_itself:
                        self.never(
                            path + ("when",),
                            truth,
                            f"crisis '{c.id}' can never break",
                            "change its condition, give it a round, or set inject = true",
                        )
                    else:
                        self.never(
                            path + ("when",),
                            truth,
                            f"crisis '{c.id}': its when can never hold, so only its round or the schedule starts it",
                            "fix the condition, or remove it",
                        )
            if c.ends_when is not None:
                truth = self.truth(c.ends_when)
                if not truth.can_true:
                    after = (
                        f"it ends only after lasts = {c.lasts} rounds"
                        if c.lasts
                        else "once it breaks it stays active until the game ends"
                    )
                    self.never(
                        path + ("ends_when",),
                        truth,
                        f"crisis '{c.id}' can never end by ends_when ({after})",
                        "change the condition",
                    )

    def objectives(self) -> None:
        for role in self.sc.roles:
            ri = self.index["roles"][role.id]
            raw = self.main.raw["roles"][ri].get("objectives")
            index = {ident: k for k, ident in raw_entries(raw)}
            for o in role.objectives:
                truth = self.truth(o.when, role=role.id)
                if not truth.can_true:
                    path = ("roles", ri, "objectives", index[o.id], "when")
                    self.never(
                        path,
                        truth,
                        f"objective '{o.id}' of role '{role.id}' can never be met",
                        "change its condition, or the rules that move its meters",
                    )

    def end(self) -> None:
        lose = self.sc.end.lose_when
        if lose is not None:
            truth = self.truth(lose)
            if not truth.can_true:
                self.never(
                    ("end", "lose_when"), truth, "the shared loss can never happen", "change lose_when, or remove it"
                )

    def truth(self, expr: Expr, role: str | None = None) -> Truth:
        return self.r.truth(expr, None, role)


def lint(scenario: Scenario, main: Parts, libraries: list[Parts]) -> list[Problem]:
    """Every design-flaw warning for a scenario that loaded without errors."""
    return Linter(scenario, main, libraries).run()
