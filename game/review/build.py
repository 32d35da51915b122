"""Building the report model: one saved game replayed into typed records.

Everything the after-action review needs is already in a save: the action log
replays to every intermediate state, and every event carries its cause. This
module turns them into the records of ``model``, so that one model feeds every
output (JSON, Markdown, HTML). The full report shows everything, hidden meters
and facilitator actions included: it is the reveal. Only ``view`` decides what
one seat saw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal, TypeVar

import attrs

from ..i18n import N_, _, ngettext
from ..rules.model import Scenario, visibility_word
from ..rules.state import FACILITATOR_SEAT, GameState
from ..rules.timing import mark_of, timing_text
from ..session.meta import GameMeta
from ..session.narrate import event_text, outcome_text
from . import model as m
from . import seen
from .model import UnknownRoleError
from .replay import Replay
from .talks import talks_for

T = TypeVar("T")

FACILITATOR_KINDS = ("note", "adjust", "adjudication", "mode", "schedule")
CRISIS_HOW = {
    "inject": N_("injected by the facilitator"),
    "publish": N_("scheduled inject published early by the facilitator"),
    "schedule": N_("scheduled inject"),
}

# --------------------------------------------------------------------------- small pieces


def clean(text: str) -> str:
    """Author text folded onto one line, as the board shows it."""
    return " ".join(str(text).split())


def find(lookup: Callable[[str], T], ref: str | None) -> T | None:
    """``sc.crisis(ref)`` and the like, or None for an id the scenario does not have."""
    if not ref:
        return None
    try:
        return lookup(ref)
    except KeyError:
        return None


def name_of(sc: Scenario, ref: str | None) -> str:
    """An actor's or role's display name, or the id itself."""
    if not ref:
        return ""
    who = find(sc.actor, ref) or find(sc.role, ref)
    return who.name if who else ref


def order_data(sc: Scenario, p) -> m.Order:
    """A resolved order (``Played``) as the review shows it, with the player's reasons."""
    inst = find(sc.instrument, p.instrument)
    return m.Order(
        round=p.round,
        role=p.role,
        role_name=name_of(sc, p.role),
        instrument=p.instrument,
        instrument_name=inst.name if inst else p.instrument,
        category=p.category,
        target=p.target,
        target_name=name_of(sc, p.target),
        public=p.public,
        signals=list(p.signals),
        reasons=[clean(r) for r in p.reasons],
    )


def change_data(sc: Scenario, c) -> m.Change:
    return m.Change(path=c.path, label=sc.meter_label(c.path), before=c.before, after=c.after, delta=c.after - c.before)


def value_data(sc: Scenario, name: str, value, rows: seen.Rows, round_no: int) -> m.ConditionValue:
    """One value a condition read in round ``round_no``: a meter (with what the board showed either side
    of that round, from the replayed ``rows``), an order count (``used(...)``) or a fact."""
    if name in sc.meters:
        board = seen.around(rows, name, round_no)
        return m.ConditionValue(
            name=name,
            label=sc.meter_label(name),
            kind="meter",
            value=value,
            visibility=visibility_word(sc.meters[name].visibility),
            before=board[0] if board else None,
            after=board[1] if board else None,
        )
    return m.ConditionValue(
        name=name, label=name, kind="count" if name.startswith("used(") else "fact", value=value, visibility="public"
    )


def trace_data(sc: Scenario, cause, rows: seen.Rows) -> m.Trace:
    """What satisfied a condition: the orders it counted and the values it read."""
    if cause is None:
        return m.Trace(round=None, orders=[], values=[])
    return m.Trace(
        round=cause.round,
        orders=[order_data(sc, p) for p in sorted(cause.orders, key=lambda p: p.round)],
        values=[value_data(sc, n, v, rows, cause.round) for n, v in cause.values],
    )


def audience_text(sc: Scenario, audience) -> str:
    if audience == "all":
        return _("everyone")
    if audience == "facilitator":
        return _("the facilitator only")
    return ", ".join(name_of(sc, r) for r in audience)


# --------------------------------------------------------------------------- the model


def meter_groups(
    sc: Scenario, rows: dict[str, m.Series], visible: Callable[[str], bool] | None = None
) -> list[m.MeterGroup]:
    """Meters in chart groups: global meters, each actor, the roles."""
    groups = [("global", _("Shared situation"), [mt.id for mt in sc.global_meters])]
    for a in sc.actors:
        groups.append((f"actor:{a.id}", a.name, [f"{a.id}.{mt.id}" for mt in sc.actor_meters]))
    groups.append(("roles", _("Roles"), [f"{r.id}.{mt.id}" for r in sc.roles for mt in sc.role_meters]))
    out = []
    for gid, label, paths in groups:
        paths = [p for p in paths if visible is None or visible(p)]
        if not paths:
            continue
        meters = []
        for p in paths:
            mt = sc.meters[p]
            short = mt.label if gid != "roles" else sc.meter_label(p)
            meters.append(
                m.Meter(
                    path=p,
                    label=sc.meter_label(p),
                    short=short,
                    visibility=visibility_word(mt.visibility),
                    good=mt.good,
                    min=mt.min,
                    max=mt.max,
                    series=rows[p],
                )
            )
        out.append(m.MeterGroup(id=gid, label=label, meters=meters))
    return out


def timeline_item(
    sc: Scenario, e, overrides: list[m.Override], anchors: Iterator[str], rows: seen.Rows
) -> m.TimelineItem | None:
    """One event as a timeline entry; None for the round markers. A consequence
    takes the next of ``anchors``, the id of its card in the HTML page."""
    if e.kind == "round":
        return None
    cause = e.cause
    base = {
        "kind": e.kind,
        "text": clean(event_text(sc, e)),
        "facilitator": False,
        "audience": audience_text(sc, e.audience),
        "changes": [change_data(sc, c) for c in e.changes],
    }
    if e.kind == "order" and cause is not None and cause.orders:
        return m.OrderEvent(**base, order=order_data(sc, cause.orders[0]))
    if e.kind == "crisis_started":
        crisis = find(sc.crisis, e.ref)
        about = {
            "crisis": e.ref,
            "title": crisis.title if crisis else e.ref,
            "body": clean(crisis.text) if crisis else base["text"],
        }
        if cause is not None and cause.kind == "facilitator":
            return m.InjectedCrisis(
                **base | {"facilitator": True},
                **about,
                how=_(CRISIS_HOW[cause.ref]) if cause.ref in CRISIS_HOW else _("facilitator"),
                reason=clean(cause.note),
            )
        by_condition = cause is not None and cause.note == "condition"
        return m.CrisisEvent(
            **base,
            **about,
            how=_("met its condition") if by_condition else _("scheduled in the scenario"),
            trace=trace_data(sc, cause, rows) if by_condition else None,
        )
    if e.kind in ("consequence", "scheduled"):
        c = find(sc.consequence, e.ref)
        title = (c.title or c.id) if c else e.ref
        if e.kind == "consequence":
            return m.ConsequenceEvent(**base, consequence=e.ref, title=title, anchor=next(anchors))
        return m.ScheduledEvent(
            **base,
            consequence=e.ref,
            title=title,
            held=cause.round if cause else e.round,
            fire_round=e.round + (c.delay if c else 0),
        )
    if e.kind in FACILITATOR_KINDS:
        fac = base | {"facilitator": True, "reason": clean(cause.note) if cause is not None else ""}
        if e.kind == "note":
            return m.NoteEvent(**fac, about=e.ref, about_name=name_of(sc, e.ref))
        if e.kind == "adjudication":
            return m.OverrideEvent(**fac | {"kind": "override"}, overrides=[o for o in overrides if o.round == e.round])
        if e.kind == "schedule":
            return m.ScheduleEvent(**fac, op=cause.ref if cause else "")
        return m.FacilitatorEvent(**fac)
    return m.Event(**base)


def fired_data(sc: Scenario, e, anchor: str, rows: seen.Rows) -> m.FiredConsequence:
    """A consequence that fired, with its causal trace and its lesson."""
    c = find(sc.consequence, e.ref)
    trace = trace_data(sc, e.cause, rows)
    held = trace.round if trace.round is not None else e.round
    apart = e.round - held
    return m.FiredConsequence(
        id=e.ref,
        title=(c.title or c.id) if c else e.ref,
        fired=e.round,
        held=held,
        apart=apart,
        apart_text=_("the same round")
        if apart == 0
        else ngettext("{n} round apart", "{n} rounds apart", apart).format(n=apart),
        text=clean(event_text(sc, e)),
        audience=audience_text(sc, e.audience),
        condition=c.when.source if c else "",
        orders=trace.orders,
        values=trace.values,
        changes=[change_data(sc, ch) for ch in e.changes],
        lesson=clean(c.debrief) if c else "",
        anchor=anchor,
    )


def judged(sc: Scenario, state, role: str, obj) -> tuple[list[m.JudgedValue], list[m.Order]]:
    """The values an objective was judged on at the end: every meter it reads
    (``self.X`` is the role's own meter) and the order counts and facts it
    used, found by evaluating it once more with a trace, as the engine does
    for consequences."""
    from ..rules.evaluate import Context

    values = []
    for path in sorted(obj.when.reads):
        full = f"{role}.{path[5:]}" if path.startswith("self.") else path
        if full in state.meters:
            values.append(
                m.JudgedValue(
                    path=full,
                    label=sc.meter_label(full),
                    kind="meter",
                    value=state.meters[full],
                    visibility=visibility_word(sc.meters[full].visibility),
                )
            )
    trace: list = []
    ctx = Context(
        state.meters,
        state.round,
        sc.rounds,
        state.history,
        state.fired_ids(),
        frozenset(state.active_crises()),
        None,
        role,
        trace,
        frozenset(p.consequence for p in state.pending),
    )
    obj.when.fn(ctx)
    orders: list[m.Order] = []
    facts: list[m.JudgedValue] = []
    for kind, key, value in trace:
        if kind == "meter":
            continue
        if kind == "used":
            key, matched = key
            orders.extend(order_data(sc, p) for p in matched)
            kind = "count"
        else:
            key = f"{kind}('{key}')"
        facts.append(
            m.JudgedValue(
                path=key, label=key, kind="count" if kind == "count" else "fact", value=value, visibility="public"
            )
        )
    return values + facts, orders


def objective_detail(obj, role: str, state, score, reveal: bool) -> str | None:
    """ "by round 4; met in round 2; partial credit 3 of 4": an objective's timing and how it went (None for
    one with neither). ``reveal`` adds the round a timed objective was settled in, which may rest on
    what the role could not see."""
    parts = []
    when = timing_text(obj)
    if when:
        parts.append(when)
    mark = mark_of(state.marks, role, obj.id)
    if reveal and mark is not None:
        done = _("met in round {n}") if obj.by is not None else _("failed in round {n}")
        parts.append(done.format(n=mark))
    credit = dict(score.partial).get(obj.id) if score else None
    if credit is not None:
        parts.append(_("partial credit {credit} of {points}").format(credit=credit, points=obj.points))
    elif obj.partial is not None and score is None:
        parts.append(_("partial credit if missed"))
    return _("; ").join(parts) or None


def scores_data(sc: Scenario, state) -> list[m.Score]:
    """Each role's objectives, met or missed, with the values they were judged on."""
    outcome = state.outcome
    scores = {s.role: s for s in outcome.scores} if outcome else {}
    out = []
    for role in sc.roles:
        s = scores.get(role.id)
        objectives = []
        for obj in role.objectives:
            values, orders = judged(sc, state, role.id, obj)
            status: Literal["met", "missed", "open"] = "open" if s is None else "met" if obj.id in s.met else "missed"
            objectives.append(
                m.Objective(
                    id=obj.id,
                    text=clean(obj.text),
                    points=obj.points,
                    status=status,
                    condition=obj.when.source,
                    values=values,
                    orders=orders,
                    detail=objective_detail(obj, role.id, state, s, reveal=True),
                    credit=dict(s.partial).get(obj.id) if s else None,
                )
            )
        out.append(
            m.Score(
                role=role.id,
                role_name=role.name,
                points=s.points if s else None,
                possible=s.possible if s else sum(o.points for o in role.objectives),
                objectives=objectives,
            )
        )
    return out


def seats_data(sc: Scenario, meta: GameMeta) -> list[m.Seat]:
    """Who sat at each role, as far as the save's metadata says."""
    recorded = meta.seats or {}
    seats = []
    for role in sc.roles:
        seat = recorded.get(role.id)
        if seat is None:
            seats.append(m.Seat(role=role.id, role_name=role.name, name="", kind="unrecorded", bot=None))
            continue
        bot = seat.bot
        seats.append(m.Seat(role=role.id, role_name=role.name, name=seat.name, kind="bot" if bot else "human", bot=bot))
    return seats


def modes_data(state) -> list[m.Mode]:
    modes = [m.Mode(mode="rigid", from_round=1)]
    for e in state.events:
        if e.kind == "mode":
            if modes[-1].from_round == e.round:
                modes.pop()  # changed again before the round resolved: only the last counts
            if not modes or modes[-1].mode != e.ref:
                modes.append(m.Mode(mode=e.ref, from_round=e.round))
    return modes


def header_data(
    sc: Scenario, state: GameState, seed: int, meta: GameMeta, created: str, name: str, rows: seen.Rows
) -> m.Header:
    parent = meta.parent.to_json() if meta.parent is not None else None
    outcome = state.outcome
    lose = next((e for e in state.events if e.kind == "game_over"), None)
    return m.Header(
        scenario_id=sc.id,
        title=sc.title,
        summary=clean(sc.summary),
        save=name,
        created=created,
        seed=seed,
        content_hash=sc.content_hash,
        content_hash_short=sc.content_hash[:12],
        rounds=sc.rounds,
        round=state.round,
        over=state.over,
        outcome=None
        if outcome is None
        else m.Outcome(
            lost=outcome.lost,
            text=clean(outcome_text(sc, outcome)),
            round=outcome.round,
            trace=trace_data(sc, lose.cause, rows) if lose and outcome.lost else None,
        ),
        seats=seats_data(sc, meta),
        modes=modes_data(state),
        parent={str(k): v for k, v in parent.items() if isinstance(v, (str, int, float, bool))} if parent else None,
        language=sc.language,
    )


def build_report(
    scenario: Scenario,
    seed: int,
    actions,
    meta: GameMeta | None = None,
    created: str = "",
    name: str = "",
    role: str | None = None,
) -> m.GameReport:
    """The full report (everything, for the facilitator and the reveal); with
    ``role``, also that role's own view under ``role_view``."""
    sc = scenario
    meta = meta if meta is not None else GameMeta()
    if role is not None and role in sc.left_out:
        raise UnknownRoleError(
            _("{role!r} is an optional seat this game was played without; roles in it: {roles}").format(
                role=role, roles=", ".join(sc.role_ids)
            )
        )
    if role is not None and role not in sc.role_ids:
        raise UnknownRoleError(
            _("unknown role {role!r}; roles in {scenario}: {roles}").format(
                role=role, scenario=sc.id, roles=", ".join(sc.role_ids)
            )
        )
    rp = Replay(sc, seed, actions)
    state = rp.state
    axis, rows = rp.series()
    fired_events = [e for e in state.events if e.kind == "consequence"]
    anchors = iter(f"c{n}" for n in range(1, len(fired_events) + 1))
    timeline: dict[int, list[m.TimelineItem]] = {}
    for e in state.events:
        item = timeline_item(sc, e, rp.overrides, anchors, rows)
        timeline.setdefault(e.round, [])
        if item is not None:
            timeline[e.round].append(item)
    fired = [fired_data(sc, e, f"c{n}", rows) for n, e in enumerate(fired_events, 1)]
    pending = []
    for p in state.pending:
        c = sc.consequence(p.consequence)
        trace = trace_data(sc, p.cause, rows)
        pending.append(
            m.PendingConsequence(
                id=c.id,
                title=c.title or c.id,
                held=p.scheduled,
                fire_round=p.fire_round,
                condition=c.when.source,
                orders=trace.orders,
                values=trace.values,
                lesson=clean(c.debrief),
            )
        )
    crises = []
    for cs in state.crises:
        crisis = sc.crisis(cs.id)
        start = next(
            (
                i
                for i in timeline.get(cs.started, [])
                if isinstance(i, m.CrisisEvent | m.InjectedCrisis) and i.crisis == cs.id
            ),
            None,
        )
        crises.append(
            m.CrisisRecord(
                id=cs.id,
                title=crisis.title,
                started=cs.started,
                ended=cs.ended,
                how=start.how if start else "",
                facilitator=start.facilitator if start else False,
            )
        )
    notes = [
        m.Note(round=e.round, about=e.ref, about_name=name_of(sc, e.ref), text=clean(event_text(sc, e)))
        for e in state.events
        if e.kind == "note"
    ]
    rounds = [m.Round(round=r, items=items) for r, items in sorted(timeline.items())]
    negotiation, commitments = talks_for(sc, state, FACILITATOR_SEAT)
    facilitator: list[m.LoggedAction] = [
        attrs.evolve(i, round=r.round) for r in rounds for i in r.items if isinstance(i, m.LoggedAction)
    ]
    report = m.GameReport(
        header=header_data(sc, state, seed, meta, created, name, rows),
        learning_objectives=[clean(o) for o in sc.objectives],
        timeline=rounds,
        consequences=fired,
        pending=pending,
        crises=crises,
        axis=axis,
        meters=meter_groups(sc, rows),
        scores=scores_data(sc, state),
        facilitator_actions=facilitator,
        notes=notes,
        debrief=[clean(q) for q in sc.debrief],
        lessons=[
            m.LessonClaim(
                id=le.id,
                text=clean(le.text),
                role=le.role,
                role_name=sc.role(le.role).name,
                better=le.better,
                worse=le.worse,
                margin=le.margin,
                others=le.others,
            )
            for le in sc.lessons
        ],
        negotiation=negotiation,
        commitments=commitments,
    )
    if role is not None:
        from .view import role_view

        report = attrs.evolve(report, role_view=role_view(sc, state, axis, rows, role, report))
    return report
