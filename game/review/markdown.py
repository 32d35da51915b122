"""The after-action review as Markdown: for wikis, e-mail and version control.

Same model and same order as the HTML page, without charts: meter series become
small tables. Author and player text is escaped so a reason like ``*urgent*``
or a ``|`` cannot break the layout.
"""

from __future__ import annotations

import re

from . import model as m
from .seen import read_text, seen_text
from .talks import STATUS_WORD, Commitment, Negotiation, commitment_counts

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text) -> str:
    """Markdown-escape one piece of text and keep it on one line."""
    if isinstance(text, bool):
        return "yes" if text else "no"
    return _SPECIAL.sub(r"\\\1", " ".join(str("" if text is None else text).split()))


def _detail(o: m.Objective | m.ViewObjective) -> str:
    """ "; by round 4; met in round 2" after an objective's points (nothing for a plain objective)."""
    return f"; {md(o.detail)}" if o.detail else ""


def _condition_value(v: m.ConditionValue, held: int) -> str:
    """ "- Legitimacy — 45 at the end of round 2, 41 at the end of round 3 (the condition read 43 ...)": a
    meter as the board showed it either side of the round its condition was checked in."""
    if v.after is None or v.before is None:
        return f"- {md(v.label)} = {md(v.value)}"
    read = read_text(v.value, v.after, held)
    return f"- {md(v.label)} — {seen_text(v.before, v.after, held)}" + (f" ({read})" if read else "")


def _order(o: m.Order, with_round: bool = True) -> str:
    target = f" → {md(o.target_name)}" if o.target else ""
    vis = "public" if o.public else "private"
    reasons = "".join(f" — “{md(r)}”" for r in o.reasons)
    when = f"R{o.round} " if with_round else ""
    return f"{when}**{md(o.role_name)}**: {md(o.instrument_name)}{target} ({vis}){reasons}"


def _changes(changes: list[m.Change]) -> str:
    return "; ".join(f"{md(c.label)} {c.before} → {c.after}" for c in changes)


def _table(head: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]


def _meters(axis: list[str], groups: list[m.MeterGroup] | list[m.CompareGroup], compare: bool = False) -> list[str]:
    out = []
    for g in groups:
        out.append(f"### {md(g.label)}\n")
        rows: list[list] = []
        for mt in g.meters:
            note = f" ({mt.visibility})" if mt.visibility != "public" else ""
            if isinstance(mt, m.CompareMeter):
                rows.append([md(mt.short) + note + " A"] + ["–" if v is None else v for v in mt.series_a])
                rows.append([md(mt.short) + note + " B"] + ["–" if v is None else v for v in mt.series_b])
            else:
                rows.append([md(mt.short) + note] + ["–" if v is None else v for v in mt.series])
        out += _table(["Meter"] + [md(a) for a in axis], rows)
    return out


def _consequence(c: m.FiredConsequence | m.PendingConsequence) -> list[str]:
    if isinstance(c, m.PendingConsequence):
        out = [
            f"### Pending (round {c.fire_round}): {md(c.title)}",
            "",
            f"Condition held in round {c.held}; it would have fired in round {c.fire_round}.",
            "",
        ]
    else:
        out = [
            f"### Round {c.fired}: {md(c.title)}",
            "",
            f"Condition held in round {c.held}, fired in round {c.fired}: {c.apart_text}.",
            "",
            f"> {md(c.text)}",
            "",
            f"Revealed to {md(c.audience)}.",
            "",
        ]
    out.append("Caused by:")
    out += [f"- {_order(o)}" for o in c.orders] or ["- no orders: the condition read only the situation"]
    out += [_condition_value(v, c.held) for v in c.values]
    out += ["", f"Condition: `{c.condition.replace('`', '')}`", ""]
    if isinstance(c, m.FiredConsequence) and c.changes:
        out += [f"Effects: {_changes(c.changes)}", ""]
    if c.lesson:
        out += [f"**Lesson.** {md(c.lesson)}", ""]
    return out


def _only_line(xs: list[m.FiredConsequence]) -> str:
    """A consequence fired in one game of a comparison: "- R2 Title: lesson", or once for several firings,
    "- R2, R4 Title (fired 2 times): lesson"."""
    x = xs[0]
    rounds = ", ".join(f"R{f.fired}" for f in xs)
    times = f" (fired {len(xs)} times)" if len(xs) > 1 else ""
    return f"- {rounds} {md(x.title)}{times}: {md(x.lesson)}"


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _repeated(group: list[m.FiredConsequence]) -> list[str]:
    """A consequence that fired several times: once, with each firing's timing, news (when it varies),
    causes and effects under it."""
    c = group[0]
    same = all(f.text == c.text for f in group)
    out = [
        f"### Rounds {', '.join(str(f.fired) for f in group)}: {md(c.title)}",
        "",
        _upper(m.fired_summary(group)) + ".",
        "",
    ]
    if same:
        out += [f"> {md(c.text)}", ""]
    out += [f"Revealed to {md(c.audience)}.", "", f"Condition: `{c.condition.replace('`', '')}`", ""]
    for f in group:
        out += [
            f"#### Round {f.fired}",
            "",
            f"Condition held in round {f.held}, fired in round {f.fired}: {f.apart_text}.",
            "",
        ]
        if not same:
            out += [f"> {md(f.text)}", ""]
        out.append("Caused by:")
        out += [f"- {_order(o)}" for o in f.orders] or ["- no orders: the condition read only the situation"]
        out += [_condition_value(v, f.held) for v in f.values]
        out.append("")
        if f.changes:
            out += [f"Effects: {_changes(f.changes)}", ""]
    if c.lesson:
        out += [f"**Lesson.** {md(c.lesson)}", ""]
    return out


def _terms(terms) -> str:
    return "; ".join(md(t.text) for t in terms)


def _talks(neg: Negotiation | None, commitments: list[Commitment] | None, own: bool = False) -> list[str]:
    """The talks section: the commitments and how each ended, then round by round every message and offer with
    what became of it. Nothing for a scenario without talks; one line for a game in which nobody talked."""
    if neg is None:
        return []
    out = ["## Your talks and commitments" if own else "## Talks and commitments", ""]
    if not neg.rounds:
        return out + ["No messages were written and no deals offered.", ""]
    out += ["### Commitments", ""]
    if not commitments:
        out += ["No deal was accepted.", ""]
    else:
        out += [f"{md(commitment_counts(commitments))}.", ""]
        for c in commitments:
            out.append(
                f"- **Deal {c.id}** (round {c.round}), {md(' ↔ '.join(c.party_names))} — "
                f"**{STATUS_WORD[c.status].upper()}**, {md(c.result)}: {_terms(c.terms)}."
            )
        out.append("")
    for rd in neg.rounds:
        out += [f"### Talks in round {rd.round}", ""]
        for x in rd.messages:
            out.append(f"- Message from **{md(x.sender_name)}** to {md(', '.join(x.to_names))}: “{md(x.text)}”")
        for d in rd.deals:
            counters = f" (countering deal {d.counters})" if d.counters else ""
            note = f" Note: “{md(d.text)}”" if d.text else ""
            out.append(
                f"- **Deal {d.number}**{counters} offered by **{md(d.proposer_name)}** to {md(d.partner_name)}: "
                f"{_terms(d.terms)}.{note} — **{STATUS_WORD[d.status]}**: {md(d.fate)}."
            )
        out.append("")
    return out


def _item(i: m.TimelineItem) -> str:
    tag = "**[Facilitator]** " if i.facilitator else ""
    kind = i.kind
    if isinstance(i, m.OrderEvent):
        text = _order(i.order, with_round=False)
    elif isinstance(i, m.OverrideEvent):
        text = "Override: " + "; ".join(
            f"{md(o.label)} in “{md(o.event)}”: {o.delta:+d} instead of {o.proposed or 0:+d} — reason: {md(o.reason)}"
            for o in i.overrides
        )
    elif isinstance(i, m.NoteEvent):
        about = f" (about {md(i.about_name)})" if i.about else ""
        text = f"Note{about}: {md(i.text)}"
    elif isinstance(i, m.CrisisEvent | m.InjectedCrisis):
        text = (
            "Crisis breaks "
            f"({md(i.how)}{': ' + md(i.reason) if isinstance(i, m.InjectedCrisis) and i.reason else ''}): "
            f"{md(i.text)}"
        )
    elif isinstance(i, m.ScheduledEvent):
        text = f"Condition of {md(i.title)} held; it will fire in round {i.fire_round}."
    else:
        reason = (
            i.reason if isinstance(i, m.FacilitatorEvent | m.ScheduleEvent) and kind in ("adjust", "schedule") else ""
        )
        text = md(i.text) + (f" Reason: {md(reason)}." if reason and reason not in i.text else "")
    fx = _changes(i.changes)
    return f"- {tag}{text}" + (f" ({fx})" if fx else "")


def _full(r: m.GameReport) -> list[str]:
    h = r.header
    out = [f"# After-action review: {md(h.title)}", "", md(h.summary), ""]
    o = h.outcome
    out.append(
        "**Outcome:** "
        + (
            "unfinished"
            if o is None
            else f"shared loss in round {o.round}: {md(o.text)}"
            if o.lost
            else f"completed: {md(o.text)}"
        )
    )
    modes = "; ".join(f"{x.mode} from round {x.from_round}" for x in h.modes)
    out += [
        "",
        *_table(
            ["Scenario", "Created", "Seed", "Adjudication", "Version"],
            [[md(h.scenario_id), md(h.created or "not recorded"), h.seed, modes, h.content_hash_short]],
        ),
    ]
    out += _table(
        ["Role", "Player", "Seat"],
        [[md(s.role_name), md(s.name or "—"), s.kind + (f" ({s.bot})" if s.bot else "")] for s in h.seats],
    )
    out += ["## Learning objectives", ""] + [f"{n}. {md(x)}" for n, x in enumerate(r.learning_objectives, 1)] + [""]
    out += ["## Outcome and objectives", ""]
    for s in r.scores:
        out.append(f"### {md(s.role_name)}: {'—' if s.points is None else s.points} of {s.possible} points\n")
        for obj in s.objectives:
            vals = "; ".join(f"{md(v.label)} = {v.value}" for v in obj.values)
            out.append(
                f"- **{obj.status.upper()}** {md(obj.text)} ({obj.points}{_detail(obj)}) — judged on "
                f"{vals or 'nothing recorded'}"
            )
        out.append("")
    out += ["## Consequences and their causes", ""]
    for group in m.fired_groups(r.consequences):
        out += _consequence(group[0]) if len(group) == 1 else _repeated(group)
    if not r.consequences:
        out += ["No hidden consequence fired in this game.", ""]
    if r.pending:
        out += ["## Consequences still pending at the end", ""]
        for c in r.pending:
            out += _consequence(c)
    out += _talks(r.negotiation, r.commitments)
    out += ["## Meters over the rounds", ""] + _meters(r.axis, r.meters)
    out += ["## Round by round", ""]
    for rd in r.timeline:
        out += [f"### Round {rd.round}", ""] + [_item(i) for i in rd.items] + [""]
    out += ["## Facilitator's log", ""]
    acts = [_item(a).replace("- ", f"- R{a.round} ", 1) for a in r.facilitator_actions if a.kind != "note"]
    out += acts or ["No injects, adjustments, overrides or schedule changes."]
    out += ["", "### Facilitator notes", ""]
    out += [f"- R{n.round}{' (about ' + md(n.about_name) + ')' if n.about else ''}: {md(n.text)}" for n in r.notes] or [
        "No notes."
    ]
    out += ["", "## Questions for the debrief", ""] + [f"{n}. {md(q)}" for n, q in enumerate(r.debrief, 1)] + [""]
    if r.lessons:
        out += ["### The lessons this scenario claims", ""]
        out += [
            f"- **{md(le.role_name)}:** {md(le.text)} (better: `{le.better}`; worse: `{le.worse}`; "
            f"by at least {le.margin:g} points)"
            for le in r.lessons
        ] + [""]
    return out


def _view(v: m.RoleView) -> list[str]:
    reveal = v.reveal
    after = "The full reveal follows." if reveal else "The game is not finished, so there is no full reveal yet."
    out = [
        f"# Your view: {md(v.role_name)} in {md(v.title)}",
        "",
        f"*This part shows only what the {md(v.role_name)} saw during play. {after}*",
        "",
        "## Your briefing",
        "",
    ]
    out += [f"> {md(line)}" if line.strip() else ">" for line in v.briefing.splitlines()] + [
        "",
        "## Your objectives",
        "",
    ]
    for o in v.objectives:
        vals = "; ".join(f"{md(x.label)} = {x.value}" for x in o.values)
        hidden = f" (+{o.unseen_values} value(s) you could not see)" if o.unseen_values else ""
        out.append(
            f"- **{o.status.upper()}** {md(o.text)} ({o.points}{_detail(o)})"
            f"{' — judged on ' + vals if vals else ''}{hidden}"
        )
    if v.outcome:
        out += ["", f"**End:** {md(v.outcome.text)}", ""] + _table(
            ["Role", "Points"], [[md(s.role_name), f"{s.points} of {s.possible}"] for s in v.scores]
        )
    out += ["## The meters you could see", ""] + _meters(v.axis, v.meters) + ["## What you saw, round by round", ""]
    for rd in v.timeline:
        out += [f"### Round {rd.round}", ""]
        for i in rd.items:
            fx = _changes(i.changes)
            text = "Your order: " + _order(i.order, with_round=False) if i.order else md(i.text)
            out.append(f"- {text}" + (f" ({fx})" if fx else ""))
        out.append("")
    out += _talks(v.negotiation, v.commitments, own=True)
    return out + ["---", "", "# Full reveal", ""] if reveal else out


def _cell(orders: list[m.Order] | None) -> str:
    return "game over" if orders is None else "; ".join(_order(o, False) for o in orders) or "no orders"


def _compare(c: m.Comparison) -> list[str]:
    a, b = c.a, c.b
    out = [f"# Comparison: {md(c.title)}", ""]
    out += _table(
        ["", "Game A", "Game B"],
        [
            ["Save", md(a.save), md(b.save)],
            ["Seed", a.seed, b.seed],
            [
                "Outcome",
                md(a.outcome.text if a.outcome else "unfinished"),
                md(b.outcome.text if b.outcome else "unfinished"),
            ],
        ],
    )
    for link in c.lineage:
        out += [f"Game {link.child} was branched from game {link.parent}.", ""]
    if c.shared_actions:
        out += [f"The games share their first {c.shared_actions} actions ({c.shared_rounds} rounds).", ""]
    out += ["## Outcomes side by side", ""]
    out += _table(["Role", "A", "B"], [[md(s.role_name), s.a, s.b] for s in c.outcomes])
    first = c.decisions.first_round
    out += ["## Diverging decisions", "", f"First diverging round: {first or 'none'}.", ""]
    rows = []
    for rd in c.decisions.rounds:
        for r in rd.roles:
            if r.differs:
                rows.append([rd.round, md(r.role_name), _cell(r.a), _cell(r.b)])
    out += _table(["Round", "Role", "A", "B"], rows) if rows else []
    cq = c.consequences
    out += ["## Consequences in one game only", ""]
    for side, only in (("A", cq.only_a), ("B", cq.only_b)):
        out += [f"Only in {side}:", ""] + ([_only_line(xs) for xs in m.fired_groups(only)] or ["- none"]) + [""]
    out += ["## Meters side by side", ""] + _meters(c.axis, c.meters, compare=True)
    return out


def render_md(report: m.Report) -> str:
    if isinstance(report, m.Comparison):
        return "\n".join(_compare(report)) + "\n"
    if isinstance(report, m.RoleReport):  # an unfinished game seen by one role: no reveal
        return "\n".join(_view(report.role_view)) + "\n"
    out = _view(report.role_view) if report.role_view else []
    return "\n".join(out + _full(report)) + "\n"
