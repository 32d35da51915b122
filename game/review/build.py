"""The report model: one saved game replayed into plain data.

Everything the after-action review needs is already in a save: the action log
replays to every intermediate state, and every event carries its cause. This
module turns them into dicts, lists, strings and numbers, so that one model
feeds every output (JSON, Markdown, HTML) and a test can read it directly. The
full report shows everything, hidden meters and facilitator actions included:
it is the reveal. Only ``report_view`` decides what one seat saw.
"""

from __future__ import annotations

from ..rules.model import Scenario
from .replay import Replay

REPORT_FORMAT = "demarche-report"
REPORT_VERSION = 1
FACILITATOR_KINDS = ("note", "adjust", "adjudication", "mode", "schedule")


class ReportError(Exception):
    """The report cannot be made; the message says why (exit code 1)."""


class UnknownRoleError(ReportError):
    """``--role`` names no role of the scenario; the message lists them (exit code 2)."""


# --------------------------------------------------------------------------- small pieces


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def clean(text: str) -> str:
    """Author text folded onto one line, as the board shows it."""
    return " ".join(str(text).split())


def name_of(sc: Scenario, ref: str | None) -> str:
    """An actor's or role's display name, or the id itself."""
    if not ref:
        return ""
    who = sc._index["actor"].get(ref) or sc._index["role"].get(ref)
    return who.name if who else ref


def order_data(sc: Scenario, p) -> dict:
    """A resolved order (``Played``) as the review shows it, with the player's reasons."""
    inst = sc._index["instrument"].get(p.instrument)
    return {
        "round": p.round,
        "role": p.role,
        "role_name": name_of(sc, p.role),
        "instrument": p.instrument,
        "instrument_name": inst.name if inst else p.instrument,
        "category": p.category,
        "target": p.target,
        "target_name": name_of(sc, p.target),
        "public": p.public,
        "signals": list(p.signals),
        "reasons": [clean(r) for r in p.reasons],
    }


def change_data(sc: Scenario, c) -> dict:
    return {"path": c.path, "label": sc.meter_label(c.path), "before": c.before, "after": c.after, "delta": c.after - c.before}


def value_data(sc: Scenario, name: str, value) -> dict:
    """One value a condition read: a meter, an order count (``used(...)``) or a fact."""
    if name in sc.meters:
        return {"name": name, "label": sc.meter_label(name), "kind": "meter", "value": value, "visibility": sc.meters[name].visibility}
    kind = "count" if name.startswith("used(") else "fact"
    return {"name": name, "label": name, "kind": kind, "value": value, "visibility": "public"}


def trace_data(sc: Scenario, cause) -> dict:
    """What satisfied a condition: the orders it counted and the values it read."""
    if cause is None:
        return {"round": None, "orders": [], "values": []}
    return {
        "round": cause.round,
        "orders": [order_data(sc, p) for p in sorted(cause.orders, key=lambda p: p.round)],
        "values": [value_data(sc, n, v) for n, v in cause.values],
    }


def audience_text(sc: Scenario, audience) -> str:
    if audience == "all":
        return "everyone"
    if audience == "facilitator":
        return "the facilitator only"
    return ", ".join(name_of(sc, r) for r in audience)


# --------------------------------------------------------------------------- the model


def meter_groups(sc: Scenario, rows: dict, visible=None) -> list[dict]:
    """Meters in chart groups: global meters, each actor, the roles."""
    groups = [("global", "Shared situation", [m.id for m in sc.global_meters])]
    for a in sc.actors:
        groups.append((f"actor:{a.id}", a.name, [f"{a.id}.{m.id}" for m in sc.actor_meters]))
    groups.append(("roles", "Roles", [f"{r.id}.{m.id}" for r in sc.roles for m in sc.role_meters]))
    out = []
    for gid, label, paths in groups:
        paths = [p for p in paths if visible is None or visible(p)]
        if not paths:
            continue
        meters = []
        for p in paths:
            m = sc.meters[p]
            short = m.label if gid != "roles" else sc.meter_label(p)
            meters.append({"path": p, "label": sc.meter_label(p), "short": short, "visibility": m.visibility, "good": m.good, "min": m.min, "max": m.max, "series": rows[p]})
        out.append({"id": gid, "label": label, "meters": meters})
    return out


def timeline_item(sc: Scenario, e, overrides: list[dict]) -> dict | None:
    """One event as a timeline entry; None for the round markers."""
    cause = e.cause
    item = {"kind": e.kind, "text": clean(e.text), "facilitator": False, "audience": audience_text(sc, e.audience), "changes": [change_data(sc, c) for c in e.changes]}
    if e.kind == "round":
        return None
    if e.kind == "order" and cause is not None and cause.orders:
        item["order"] = order_data(sc, cause.orders[0])
    elif e.kind == "crisis_started":
        crisis = sc._index["crisis"].get(e.ref)
        item["crisis"] = e.ref
        item["title"] = crisis.title if crisis else e.ref
        item["body"] = clean(crisis.text) if crisis else item["text"]
        if cause is not None and cause.kind == "facilitator":
            item["facilitator"] = True
            item["how"] = {"inject": "injected by the facilitator", "publish": "scheduled inject published early by the facilitator", "schedule": "scheduled inject"}.get(cause.ref, "facilitator")
            item["reason"] = clean(cause.note)
        else:
            item["how"] = "met its condition" if cause is not None and cause.note == "condition" else "scheduled in the scenario"
            item["trace"] = trace_data(sc, cause) if cause is not None and cause.note == "condition" else None
    elif e.kind == "consequence":
        c = sc._index["consequence"].get(e.ref)
        item["consequence"] = e.ref
        item["title"] = (c.title or c.id) if c else e.ref
    elif e.kind == "scheduled":
        c = sc._index["consequence"].get(e.ref)
        item["consequence"] = e.ref
        item["title"] = (c.title or c.id) if c else e.ref
        item["held"] = cause.round if cause else e.round
        item["fire_round"] = e.round + (c.delay if c else 0)
    elif e.kind in FACILITATOR_KINDS:
        item["facilitator"] = True
        item["reason"] = clean(cause.note) if cause is not None else ""
        if e.kind == "note":
            item["about"] = e.ref
            item["about_name"] = name_of(sc, e.ref)
        elif e.kind == "adjudication":
            item["kind"] = "override"
            item["overrides"] = [o for o in overrides if o["round"] == e.round]
        elif e.kind == "schedule":
            item["op"] = cause.ref if cause else ""
    return item


def fired_data(sc: Scenario, e) -> dict:
    """A consequence that fired, with its causal trace and its lesson."""
    c = sc._index["consequence"].get(e.ref)
    trace = trace_data(sc, e.cause)
    held = trace["round"] if trace["round"] is not None else e.round
    apart = e.round - held
    return {
        "id": e.ref,
        "title": (c.title or c.id) if c else e.ref,
        "fired": e.round,
        "held": held,
        "apart": apart,
        "apart_text": "the same round" if apart == 0 else f"{plural(apart, 'round')} apart",
        "text": clean(e.text),
        "audience": audience_text(sc, e.audience),
        "condition": c.when.source if c else "",
        "orders": trace["orders"],
        "values": trace["values"],
        "changes": [change_data(sc, ch) for ch in e.changes],
        "lesson": clean(c.debrief) if c else "",
    }


def judged(sc: Scenario, state, role: str, obj) -> tuple[list[dict], list[dict]]:
    """The values an objective was judged on at the end: every meter it reads
    (``self.X`` is the role's own meter) and the order counts and facts it
    used, found by evaluating it once more with a trace, as the engine does
    for consequences."""
    from ..rules.evaluate import Context

    values = []
    for path in sorted(obj.when.reads):
        full = f"{role}.{path[5:]}" if path.startswith("self.") else path
        if full in state.meters:
            values.append({"path": full, "label": sc.meter_label(full), "kind": "meter", "value": state.meters[full], "visibility": sc.meters[full].visibility})
    trace: list = []
    ctx = Context(state.meters, state.round, sc.rounds, state.history, state.fired_ids(), frozenset(state.active_crises()),
                  None, role, trace, frozenset(p.consequence for p in state.pending))
    obj.when.fn(ctx)
    orders, facts = [], []
    for kind, key, value in trace:
        if kind == "meter":
            continue
        if kind == "used":
            key, matched = key
            orders.extend(order_data(sc, p) for p in matched)
            kind = "count"
        else:
            key = f"{kind}('{key}')"
        facts.append({"path": key, "label": key, "kind": "count" if kind == "count" else "fact", "value": value, "visibility": "public"})
    return values + facts, orders


def scores_data(sc: Scenario, state) -> list[dict]:
    """Each role's objectives, met or missed, with the values they were judged on."""
    outcome = state.outcome
    scores = {s.role: s for s in outcome.scores} if outcome else {}
    out = []
    for role in sc.roles:
        s = scores.get(role.id)
        objectives = []
        for obj in role.objectives:
            values, orders = judged(sc, state, role.id, obj)
            status = "open" if s is None else "met" if obj.id in s.met else "missed"
            objectives.append({"id": obj.id, "text": clean(obj.text), "points": obj.points, "status": status, "condition": obj.when.source, "values": values, "orders": orders})
        out.append({
            "role": role.id,
            "role_name": role.name,
            "points": s.points if s else None,
            "possible": s.possible if s else sum(o.points for o in role.objectives),
            "objectives": objectives,
        })
    return out


def header_data(sc: Scenario, state, seed: int, meta: dict, created: str, name: str) -> dict:
    seats_meta = meta.get("seats") if isinstance(meta.get("seats"), dict) else {}
    seats = []
    for role in sc.roles:
        seat = seats_meta.get(role.id) if isinstance(seats_meta.get(role.id), dict) else None
        if seat is None:
            seats.append({"role": role.id, "role_name": role.name, "name": "", "kind": "unrecorded", "bot": None})
            continue
        bot = seat.get("bot") if isinstance(seat.get("bot"), str) else None
        player = seat.get("name") if isinstance(seat.get("name"), str) else ""
        seats.append({"role": role.id, "role_name": role.name, "name": player, "kind": "bot" if bot else "human", "bot": bot})
    modes = [{"mode": "rigid", "from_round": 1}]
    for e in state.events:
        if e.kind == "mode":
            if modes[-1]["from_round"] == e.round:
                modes.pop()  # changed again before the round resolved: only the last counts
            if not modes or modes[-1]["mode"] != e.ref:
                modes.append({"mode": e.ref, "from_round": e.round})
    parent = meta.get("parent") if isinstance(meta.get("parent"), dict) else None
    outcome = state.outcome
    lose = next((e for e in state.events if e.kind == "game_over"), None)
    return {
        "scenario_id": sc.id,
        "title": sc.title,
        "summary": clean(sc.summary),
        "save": name,
        "created": created,
        "seed": seed,
        "content_hash": sc.content_hash,
        "content_hash_short": sc.content_hash[:12],
        "rounds": sc.rounds,
        "round": state.round,
        "over": state.over,
        "outcome": None if outcome is None else {"lost": outcome.lost, "text": clean(outcome.text), "round": outcome.round, "trace": trace_data(sc, lose.cause) if lose and outcome.lost else None},
        "seats": seats,
        "modes": modes,
        "parent": {str(k): v for k, v in parent.items() if isinstance(v, (str, int, float, bool))} if parent else None,
    }


def build_report(scenario: Scenario, seed: int, actions, meta: dict | None = None, created: str = "", name: str = "", role: str | None = None) -> dict:
    """The full report (everything, for the facilitator and the reveal) as plain
    data; with ``role``, also that role's own view under ``"role_view"``."""
    sc = scenario
    meta = meta or {}
    if role is not None and role not in sc.role_ids:
        raise UnknownRoleError(f"unknown role '{role}'; roles in {sc.id}: {', '.join(sc.role_ids)}")
    rp = Replay(sc, seed, actions)
    state = rp.state
    axis, rows = rp.series()
    timeline: dict[int, list] = {}
    for e in state.events:
        item = timeline_item(sc, e, rp.overrides)
        timeline.setdefault(e.round, [])
        if item is not None:
            timeline[e.round].append(item)
    fired = [fired_data(sc, e) | {"anchor": f"c{n}"} for n, e in enumerate((e for e in state.events if e.kind == "consequence"), 1)]
    anchors = iter(c["anchor"] for c in fired)
    for items in timeline.values():
        for item in items:
            if item["kind"] == "consequence":
                item["anchor"] = next(anchors)
    pending = []
    for p in state.pending:
        c = sc.consequence(p.consequence)
        trace = trace_data(sc, p.cause)
        pending.append({"id": c.id, "title": c.title or c.id, "held": p.scheduled, "fire_round": p.fire_round, "condition": c.when.source, "orders": trace["orders"], "values": trace["values"], "lesson": clean(c.debrief)})
    crises = []
    for cs in state.crises:
        crisis = sc.crisis(cs.id)
        start = next((i for i in timeline.get(cs.started, []) if i["kind"] == "crisis_started" and i["crisis"] == cs.id), {})
        crises.append({"id": cs.id, "title": crisis.title, "started": cs.started, "ended": cs.ended, "how": start.get("how", ""), "facilitator": start.get("facilitator", False)})
    notes = [{"round": e.round, "about": e.ref, "about_name": name_of(sc, e.ref), "text": clean(e.text)} for e in state.events if e.kind == "note"]
    rounds = [{"round": r, "items": items} for r, items in sorted(timeline.items())]
    facilitator = [dict(i, round=r["round"]) for r in rounds for i in r["items"] if i["facilitator"]]
    report = {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "kind": "game",
        "header": header_data(sc, state, seed, meta, created, name),
        "learning_objectives": [clean(o) for o in sc.objectives],
        "timeline": rounds,
        "consequences": fired,
        "pending": pending,
        "crises": crises,
        "axis": axis,
        "meters": meter_groups(sc, rows),
        "scores": scores_data(sc, state),
        "facilitator_actions": facilitator,
        "notes": notes,
        "debrief": [clean(q) for q in sc.debrief],
    }
    if role is not None:
        from .view import role_view

        report["role_view"] = role_view(sc, state, axis, rows, role, report)
    return report


