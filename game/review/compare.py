"""Two games of one scenario side by side: where they diverged and what followed.

Facilitators run the same exercise with several teams, or branch a game ("what
if from round 3") to show a decision's weight. The comparison answers the
questions that come up then: which decisions differed first, which
consequences fired in one game only, and how far apart the situation and the
scores ended. It is built from the two full reports, so it shows everything
(it is a facilitator's document, like the full reveal).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _
from . import model as m
from .build import build_report
from .model import ReportError
from .report import check_full_review, load_for_report

if TYPE_CHECKING:
    from ..session.meta import GameMeta
    from ..session.save import SaveData


def _parent_relation(child_meta: GameMeta, other: SaveData, other_path: Path | None) -> dict[str, m.Scalar] | None:
    """Does the child's parent record name the other save? Matched on any field a
    branch may record: its file, its final state hash or its creation time."""
    if child_meta.parent is None or other_path is None:
        return None
    parent = child_meta.parent.to_json()
    names = {other_path.name, str(other_path), other.final_hash, other.created, other.final_hash[:12]}
    names.discard("")
    for value in parent.values():
        if isinstance(value, str) and (value in names or Path(value).name == other_path.name):
            return {k: v for k, v in parent.items() if isinstance(v, (str, int, float, bool))}
    return None


def _shared_prefix(a, b) -> tuple[int, int]:
    """How many actions the two logs share from the start, and how many rounds those resolve."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    resolved = sum(1 for act in a[:n] if type(act).__name__ == "Resolve")
    return n, resolved


def _orders_by_round(report: m.GameReport) -> dict[int, dict[str, list[m.Order]]]:
    out: dict[int, dict[str, list[m.Order]]] = {}
    for rd in report.timeline:
        for item in rd.items:
            if isinstance(item, m.OrderEvent):
                o = item.order
                out.setdefault(rd.round, {}).setdefault(o.role, []).append(o)
    return out


def _played_rounds(report: m.GameReport) -> int:
    head = report.header
    return head.outcome.round if head.outcome else head.round - 1


def _key(orders: list[m.Order] | None) -> list[tuple[str, str | None]] | None:
    """What makes two rounds' orders the same decision: instruments and targets, in order."""
    return None if orders is None else [(o.instrument, o.target) for o in orders]


def decisions(ra: m.GameReport, rb: m.GameReport, roles: list[tuple[str, str]]) -> m.Decisions:
    """Round-by-round orders of each role in both games, and the first round they differ."""
    oa, ob = _orders_by_round(ra), _orders_by_round(rb)
    pa, pb = _played_rounds(ra), _played_rounds(rb)
    rounds, first = [], None
    for n in range(1, max(pa, pb) + 1):
        rows = []
        for role, role_name in roles:
            a = oa.get(n, {}).get(role, []) if n <= pa else None
            b = ob.get(n, {}).get(role, []) if n <= pb else None
            rows.append(m.RoleDecision(role=role, role_name=role_name, a=a, b=b, differs=_key(a) != _key(b)))
        differs = any(r.differs for r in rows)
        if differs:
            first = n if first is None else first
        rounds.append(m.DecisionRound(round=n, differs=differs, roles=rows))
    return m.Decisions(first_round=first, rounds=rounds)


def consequences(ra: m.GameReport, rb: m.GameReport) -> m.ConsequenceDiff:
    fa: dict[str, list[m.FiredConsequence]] = {}
    fb: dict[str, list[m.FiredConsequence]] = {}
    for c in ra.consequences:
        fa.setdefault(c.id, []).append(c)
    for c in rb.consequences:
        fb.setdefault(c.id, []).append(c)
    both = []
    for cid in [c for c in fa if c in fb]:
        rounds_a, rounds_b = [c.fired for c in fa[cid]], [c.fired for c in fb[cid]]
        both.append(
            m.SharedConsequence(
                id=cid, title=fa[cid][0].title, rounds_a=rounds_a, rounds_b=rounds_b, same=rounds_a == rounds_b
            )
        )
    return m.ConsequenceDiff(
        only_a=[c for cid, cs in fa.items() if cid not in fb for c in cs],
        only_b=[c for cid, cs in fb.items() if cid not in fa for c in cs],
        both=both,
    )


def _last(series: m.Series) -> int | None:
    return next((v for v in reversed(series) if v is not None), None)


def meters(ra: m.GameReport, rb: m.GameReport) -> tuple[list[str], list[m.CompareGroup], list[m.FinalDifference]]:
    """Meter groups with both runs' series, padded to the longer game, and the final differences."""
    axis = ra.axis if len(ra.axis) >= len(rb.axis) else rb.axis
    n = len(axis)
    b_series = {mt.path: mt.series for g in rb.meters for mt in g.meters}
    groups, finals = [], []
    for g in ra.meters:
        ms = []
        for mt in g.meters:
            sa = mt.series + [None] * (n - len(mt.series))
            sb = b_series.get(mt.path, [])
            sb = sb + [None] * (n - len(sb))
            ms.append(
                m.CompareMeter(
                    path=mt.path,
                    label=mt.label,
                    short=mt.short,
                    visibility=mt.visibility,
                    good=mt.good,
                    min=mt.min,
                    max=mt.max,
                    series_a=sa,
                    series_b=sb,
                )
            )
            end_a, end_b = _last(sa), _last(sb)
            if end_a is not None and end_b is not None:
                finals.append(
                    m.FinalDifference(
                        path=mt.path, label=mt.label, visibility=mt.visibility, a=end_a, b=end_b, diff=end_b - end_a
                    )
                )
        groups.append(m.CompareGroup(id=g.id, label=g.label, meters=ms))
    finals.sort(key=lambda f: (-abs(f.diff), f.label))
    return axis, groups, finals


def outcomes(ra: m.GameReport, rb: m.GameReport) -> list[m.CompareOutcome]:
    sb = {s.role: s for s in rb.scores}
    out = []
    for s in ra.scores:
        other = sb.get(s.role)
        status_b = {o.id: o.status for o in other.objectives} if other else {}
        objectives = [
            m.CompareObjective(id=o.id, text=o.text, points=o.points, a=o.status, b=status_b.get(o.id, "open"))
            for o in s.objectives
        ]
        out.append(
            m.CompareOutcome(
                role=s.role,
                role_name=s.role_name,
                possible=s.possible,
                a=s.points,
                b=other.points if other else None,
                objectives=objectives,
            )
        )
    return out


def _side(report: m.GameReport, label: str) -> m.Side:
    h = report.header
    return m.Side(
        label=label,
        save=h.save,
        created=h.created,
        seed=h.seed,
        content_hash_short=h.content_hash_short,
        round=h.round,
        over=h.over,
        outcome=h.outcome,
        seats=h.seats,
        modes=h.modes,
        facilitator_actions=len(report.facilitator_actions),
        consequences_fired=len(report.consequences),
    )


def compare_reports(
    ra: m.GameReport, rb: m.GameReport, save_a=None, save_b=None, path_a: Path | None = None, path_b: Path | None = None
) -> m.Comparison:
    """The comparison model of two game reports (and their saves, for the lineage)."""
    ha, hb = ra.header, rb.header
    if ha.scenario_id != hb.scenario_id:
        raise ReportError(
            _("cannot compare games of different scenarios: A is {a!r}, B is {b!r}").format(
                a=ha.scenario_id, b=hb.scenario_id
            )
        )
    lineage = []
    if save_a is not None and save_b is not None:
        b_from_a = _parent_relation(save_b.meta, save_a, path_a)
        if b_from_a:
            lineage.append(m.Lineage(child="B", parent="A", details=b_from_a))
        a_from_b = _parent_relation(save_a.meta, save_b, path_b)
        if a_from_b:
            lineage.append(m.Lineage(child="A", parent="B", details=a_from_b))
        shared, shared_rounds = _shared_prefix(save_a.actions, save_b.actions)
    else:
        shared, shared_rounds = 0, 0
    roles = [(s.role, s.role_name) for s in ra.scores]
    axis, groups, finals = meters(ra, rb)
    return m.Comparison(
        scenario_id=ha.scenario_id,
        title=ha.title,
        same_version=ha.content_hash == hb.content_hash,
        a=_side(ra, "A"),
        b=_side(rb, "B"),
        lineage=lineage,
        shared_actions=shared,
        shared_rounds=shared_rounds,
        decisions=decisions(ra, rb, roles),
        consequences=consequences(ra, rb),
        axis=axis,
        meters=groups,
        final_differences=finals,
        outcomes=outcomes(ra, rb),
        language=ha.language,
    )


def compare_saves(path_a: str | os.PathLike, path_b: str | os.PathLike, pin: str | None = None) -> m.Comparison:
    """Read, check and compare two saves; ``ReportError`` if they cannot be compared
    (an unfinished game is compared only with its facilitator's PIN: the comparison shows every order)."""
    path_a, path_b = Path(path_a), Path(path_b)
    save_a, sc_a = load_for_report(path_a)
    save_b, sc_b = load_for_report(path_b)
    for save, path in ((save_a, path_a), (save_b, path_b)):
        check_full_review(save, pin, path.name, role_hint=False)
    if sc_a.id != sc_b.id:
        raise ReportError(
            _("cannot compare games of different scenarios: {file_a} is {a!r}, {file_b} is {b!r}").format(
                file_a=path_a.name, a=sc_a.id, file_b=path_b.name, b=sc_b.id
            )
        )
    ra = build_report(sc_a, save_a.seed, save_a.actions, save_a.meta, save_a.created, path_a.name)
    rb = build_report(sc_b, save_b.seed, save_b.actions, save_b.meta, save_b.created, path_b.name)
    return compare_reports(ra, rb, save_a, save_b, path_a, path_b)
