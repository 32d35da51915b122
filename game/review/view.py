"""One role's view of a finished game, for the part of a report before the reveal.

A player reading their own after-action review should first relive the game as
they saw it, then turn the page to see what was really going on. So this part
is built only from ``observe``: the events that seat was shown (with causes and
meter changes it could not know already removed by ``visible_events``), the
meters it could see, its own briefing and objectives. Nothing here reads the
raw events, another seat's briefing, the facilitator's log or hidden meters:
secrecy stays decided in one place, ``game.rules.observe``.
"""

from __future__ import annotations

from ..rules.model import Scenario
from ..rules.observe import meter_visible, observe
from ..session.narrate import event_text, outcome_text
from . import model as m
from .build import change_data, clean, meter_groups, objective_detail, order_data
from .talks import talks_for


def _seen_exactly(sc: Scenario, path: str, role: str) -> bool:
    """Whether ``role`` saw the meter's values in play: an estimated one it saw as bands only (their
    true values wait for the reveal)."""
    return meter_visible(sc, path, role) and not sc.meters[path].estimate


def _item(sc: Scenario, e, role: str) -> m.ViewItem | None:
    if e.kind == "round":
        return None
    fields = {"kind": e.kind, "text": clean(event_text(sc, e)), "changes": [change_data(sc, c) for c in e.changes]}
    cause = e.cause  # after redaction: only this seat's own orders keep a cause
    if e.kind == "order" and cause is not None and cause.role == role and cause.orders:
        return m.ViewItem(**fields, own=True, order=order_data(sc, cause.orders[0]))
    return m.ViewItem(**fields, own=e.kind == "order_failed")


def role_view(
    sc: Scenario, state, axis: list[str], rows: dict[str, m.Series], role: str, full: m.GameReport
) -> m.RoleView:
    """What ``role`` saw during play (see the module docstring)."""
    seen = observe(sc, state, role)
    r = sc.role(role)
    rounds: dict[int, list[m.ViewItem]] = {}
    for e in seen.events:
        item = _item(sc, e, role)
        rounds.setdefault(e.round, [])
        if item is not None:
            rounds[e.round].append(item)
    outcome = seen.outcome
    mine = next((s for s in full.scores if s.role == role), None)
    objectives = []
    index = {o.id: k for k, o in enumerate(r.objectives)}
    score = next((s for s in outcome.scores if s.role == role), None) if outcome else None
    for obj in mine.objectives if mine else []:
        # Order counts and facts stay for the reveal: they may count other seats' private orders.
        shown = [v for v in obj.values if v.kind == "meter" and _seen_exactly(sc, v.path, role)]
        objectives.append(
            m.ViewObjective(
                id=obj.id,
                text=obj.text,
                points=obj.points,
                status=obj.status,
                values=shown,
                unseen_values=len(obj.values) - len(shown),
                detail=objective_detail(sc.role(role).objectives[index[obj.id]], role, state, score, reveal=False),
                credit=obj.credit,
            )
        )
    scores = []
    if outcome is not None:
        scores = [
            m.ViewScore(role=s.role, role_name=sc.role(s.role).name, points=s.points, possible=s.possible)
            for s in outcome.scores
        ]
    head = full.header
    negotiation, commitments = talks_for(sc, state, role)  # only its own letters and deals, as observe gives them
    seat = next((s for s in head.seats if s.role == role), None)
    return m.RoleView(
        role=role,
        role_name=r.name,
        player=seat.name if seat else "",
        title=head.title,
        scenario_id=head.scenario_id,
        created=head.created,
        seats=head.seats,
        summary=clean(r.summary),
        briefing=seen.briefing.strip(),
        objectives=objectives,
        timeline=[m.ViewRound(round=n, items=items) for n, items in sorted(rounds.items())],
        axis=axis,
        meters=meter_groups(sc, rows, visible=lambda p: _seen_exactly(sc, p, role)),
        outcome=None
        if outcome is None
        else m.ViewOutcome(lost=outcome.lost, text=clean(outcome_text(sc, outcome)), round=outcome.round),
        scores=scores,
        points=mine.points if mine else None,
        possible=mine.possible if mine else None,
        reveal=True,
        negotiation=negotiation,
        commitments=commitments,
        language=sc.language,
    )
