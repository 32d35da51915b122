"""The after-action review as Markdown: for wikis, e-mail and version control.

Same model and same order as the HTML page, without charts: meter series become
small tables. Author and player text is escaped so a reason like ``*urgent*``
or a ``|`` cannot break the layout. Every word of its own is in the language
spoken (``game.i18n``); the author's text is as written.
"""

from __future__ import annotations

import re

from ..i18n import N_, _, ngettext, pgettext
from . import model as m
from .html import mode_word
from .seen import read_text, seen_text
from .talks import STATUS_WORD, Commitment, Negotiation, commitment_counts

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


# An objective's status and a meter's visibility as a reader sees them (the model keeps the ids).
STATUS = {"met": N_("MET"), "missed": N_("MISSED"), "open": N_("OPEN")}
VISIBILITY = {"public": N_("public"), "facilitator": N_("facilitator"), "hidden": N_("hidden")}


def md(text) -> str:
    """Markdown-escape one piece of text and keep it on one line."""
    if isinstance(text, bool):
        return _("yes") if text else _("no")
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


def _sep() -> str:
    # Translators: between the items of a list on one line ("Stability 60 → 53; Trust 40 → 38").
    return _("; ")


def _status(status: str) -> str:
    return _(STATUS[status]) if status in STATUS else status.upper()


def _visibility(word: str) -> str:
    """ "public", "hidden", "roles: foreign, defence" in the language spoken (role ids stay as they are)."""
    if word in VISIBILITY:
        return _(VISIBILITY[word])
    if word.startswith("roles: "):
        return _("roles: {ids}").format(ids=word[len("roles: ") :])
    return word


def _round(n) -> str:
    """ "R2": a round, short."""
    return _("R{n}").format(n=n)


def _order(o: m.Order, with_round: bool = True) -> str:
    target = f" → {md(o.target_name)}" if o.target else ""
    vis = _("public") if o.public else _("private")
    reasons = "".join(_(" — “{reason}”").format(reason=md(r)) for r in o.reasons)
    when = f"{_round(o.round)} " if with_round else ""
    return f"{when}**{md(o.role_name)}**: {md(o.instrument_name)}{target} ({vis}){reasons}"


def _changes(changes: list[m.Change]) -> str:
    return _sep().join(f"{md(c.label)} {c.before} → {c.after}" for c in changes)


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
            note = f" ({_visibility(mt.visibility)})" if mt.visibility != "public" else ""
            if isinstance(mt, m.CompareMeter):
                rows.append([md(mt.short) + note + " A"] + ["–" if v is None else v for v in mt.series_a])
                rows.append([md(mt.short) + note + " B"] + ["–" if v is None else v for v in mt.series_b])
            else:
                rows.append([md(mt.short) + note] + ["–" if v is None else v for v in mt.series])
        out += _table([_("Meter")] + [md(a) for a in axis], rows)
    return out


def _consequence(c: m.FiredConsequence | m.PendingConsequence) -> list[str]:
    if isinstance(c, m.PendingConsequence):
        out = [
            _("### Pending (round {n}): {title}").format(n=c.fire_round, title=md(c.title)),
            "",
            _("Condition held in round {held}; it would have fired in round {n}.").format(held=c.held, n=c.fire_round),
            "",
        ]
    else:
        out = [
            _("### Round {n}: {title}").format(n=c.fired, title=md(c.title)),
            "",
            _held_fired(c),
            "",
            f"> {md(c.text)}",
            "",
            _("Revealed to {audience}.").format(audience=md(c.audience)),
            "",
        ]
    out.append(_("Caused by:"))
    out += [f"- {_order(o)}" for o in c.orders] or [_("- no orders: the condition read only the situation")]
    out += [_condition_value(v, c.held) for v in c.values]
    out += ["", _condition(c.condition), ""]
    if isinstance(c, m.FiredConsequence) and c.changes:
        out += [_("Effects: {changes}").format(changes=_changes(c.changes)), ""]
    if c.lesson:
        out += [_lesson(c.lesson), ""]
    return out


def _held_fired(c: m.FiredConsequence) -> str:
    """ "Condition held in round 1, fired in round 3: 2 rounds apart." """
    return _("Condition held in round {held}, fired in round {fired}: {apart}.").format(
        held=c.held, fired=c.fired, apart=c.apart_text
    )


def _condition(source: str) -> str:
    code = source.replace("`", "")
    return _("Condition: `{condition}`").format(condition=code)


def _lesson(text: str) -> str:
    return _("**Lesson.** {text}").format(text=md(text))


def _only_line(xs: list[m.FiredConsequence]) -> str:
    """A consequence fired in one game of a comparison: "- R2 Title: lesson", or once for several firings,
    "- R2, R4 Title (fired 2 times): lesson"."""
    x = xs[0]
    rounds = ", ".join(_round(f.fired) for f in xs)
    times = _(" (fired {n} times)").format(n=len(xs)) if len(xs) > 1 else ""
    return f"- {rounds} {md(x.title)}{times}: {md(x.lesson)}"


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _repeated(group: list[m.FiredConsequence]) -> list[str]:
    """A consequence that fired several times: once, with each firing's timing, news (when it varies),
    causes and effects under it."""
    c = group[0]
    same = all(f.text == c.text for f in group)
    rounds = ", ".join(str(f.fired) for f in group)
    out = [
        _("### Rounds {rounds}: {title}").format(rounds=rounds, title=md(c.title)),
        "",
        _upper(m.fired_summary(group)) + ".",
        "",
    ]
    if same:
        out += [f"> {md(c.text)}", ""]
    out += [_("Revealed to {audience}.").format(audience=md(c.audience)), "", _condition(c.condition), ""]
    for f in group:
        out += [
            _("#### Round {n}").format(n=f.fired),
            "",
            _held_fired(f),
            "",
        ]
        if not same:
            out += [f"> {md(f.text)}", ""]
        out.append(_("Caused by:"))
        out += [f"- {_order(o)}" for o in f.orders] or [_("- no orders: the condition read only the situation")]
        out += [_condition_value(v, f.held) for v in f.values]
        out.append("")
        if f.changes:
            out += [_("Effects: {changes}").format(changes=_changes(f.changes)), ""]
    if c.lesson:
        out += [_lesson(c.lesson), ""]
    return out


def _terms(terms) -> str:
    return _sep().join(md(t.text) for t in terms)


def _talks(neg: Negotiation | None, commitments: list[Commitment] | None, own: bool = False) -> list[str]:
    """The talks section: the commitments and how each ended, then round by round every message and offer with
    what became of it. Nothing for a scenario without talks; one line for a game in which nobody talked."""
    if neg is None:
        return []
    out = [_("## Your talks and commitments") if own else _("## Talks and commitments"), ""]
    if not neg.rounds:
        return out + [_("No messages were written and no deals offered."), ""]
    out += [_("### Commitments"), ""]
    if not commitments:
        out += [_("No deal was accepted."), ""]
    else:
        out += [f"{md(commitment_counts(commitments))}.", ""]
        for c in commitments:
            status = _(STATUS_WORD[c.status]).upper()
            out.append(
                _("- **Deal {n}** (round {round}), {parties} — **{status}**, {result}: {terms}.").format(
                    n=c.id,
                    round=c.round,
                    parties=md(" ↔ ".join(c.party_names)),
                    status=status,
                    result=md(c.result),
                    terms=_terms(c.terms),
                )
            )
        out.append("")
    for rd in neg.rounds:
        out += [_("### Talks in round {n}").format(n=rd.round), ""]
        for x in rd.messages:
            out.append(
                _("- Message from **{sender}** to {to}: “{text}”").format(
                    sender=md(x.sender_name), to=md(", ".join(x.to_names)), text=md(x.text)
                )
            )
        for d in rd.deals:
            counters = _(" (countering deal {n})").format(n=d.counters) if d.counters else ""
            note = _(" Note: “{text}”").format(text=md(d.text)) if d.text else ""
            out.append(
                _(
                    "- **Deal {n}**{counters} offered by **{proposer}** to {partner}: {terms}.{note} — "
                    "**{status}**: {fate}."
                ).format(
                    n=d.number,
                    counters=counters,
                    proposer=md(d.proposer_name),
                    partner=md(d.partner_name),
                    terms=_terms(d.terms),
                    note=note,
                    status=_(STATUS_WORD[d.status]),
                    fate=md(d.fate),
                )
            )
        out.append("")
    return out


def _item(i: m.TimelineItem) -> str:
    facilitator = _("Facilitator")
    tag = f"**[{facilitator}]** " if i.facilitator else ""
    kind = i.kind
    if isinstance(i, m.OrderEvent):
        text = _order(i.order, with_round=False)
    elif isinstance(i, m.OverrideEvent):
        text = _("Override: {overrides}").format(
            overrides=_sep().join(
                _("{label} in “{event}”: {delta} instead of {proposed} — reason: {reason}").format(
                    label=md(o.label),
                    event=md(o.event),
                    delta=f"{o.delta:+d}",
                    proposed=f"{o.proposed or 0:+d}",
                    reason=md(o.reason),
                )
                for o in i.overrides
            )
        )
    elif isinstance(i, m.NoteEvent):
        if i.about:
            text = _("Note (about {name}): {text}").format(name=md(i.about_name), text=md(i.text))
        else:
            text = _("Note: {text}").format(text=md(i.text))
    elif isinstance(i, m.CrisisEvent | m.InjectedCrisis):
        how = md(i.how)
        if isinstance(i, m.InjectedCrisis) and i.reason:
            how = _("{how}: {reason}").format(how=how, reason=md(i.reason))
        text = _("Crisis breaks ({how}): {text}").format(how=how, text=md(i.text))
    elif isinstance(i, m.ScheduledEvent):
        text = _("Condition of {title} held; it will fire in round {n}.").format(title=md(i.title), n=i.fire_round)
    else:
        reason = (
            i.reason if isinstance(i, m.FacilitatorEvent | m.ScheduleEvent) and kind in ("adjust", "schedule") else ""
        )
        said = _(" Reason: {reason}.").format(reason=md(reason)) if reason and reason not in i.text else ""
        text = md(i.text) + said
    fx = _changes(i.changes)
    return f"- {tag}{text}" + (f" ({fx})" if fx else "")


def _full(r: m.GameReport) -> list[str]:
    h = r.header
    out = [_("# After-action review: {title}").format(title=md(h.title)), "", md(h.summary), ""]
    o = h.outcome
    if o is None:
        ending = _("unfinished")
    elif o.lost:
        ending = _("shared loss in round {n}: {text}").format(n=o.round, text=md(o.text))
    else:
        ending = _("completed: {text}").format(text=md(o.text))
    out.append(_("**Outcome:** {ending}").format(ending=ending))
    modes = _sep().join(_("{mode} from round {n}").format(mode=mode_word(x.mode), n=x.from_round) for x in h.modes)
    out += [
        "",
        *_table(
            [_("Scenario"), _("Created"), _("Seed"), _("Adjudication"), _("Version")],
            [[md(h.scenario_id), md(h.created or _("not recorded")), h.seed, modes, h.content_hash_short]],
        ),
    ]
    out += _table(
        [_("Role"), _("Player"), _("Seat")], [[md(s.role_name), md(s.name or "—"), _seat(s)] for s in h.seats]
    )
    out += [_("## Learning objectives"), ""]
    out += [f"{n}. {md(x)}" for n, x in enumerate(r.learning_objectives, 1)] + [""]
    out += [_("## Outcome and objectives"), ""]
    for s in r.scores:
        points = "—" if s.points is None else s.points
        # Translators: the English says "points" whatever the number, the French may not ("1 point sur 6").
        of_points = ngettext(
            "### {role}: {points} of {possible} points",
            "### {role}: {points} of {possible} points",
            2 if s.points is None else s.points,
        )
        out.append(of_points.format(role=md(s.role_name), points=points, possible=s.possible) + "\n")
        for obj in s.objectives:
            vals = _sep().join(f"{md(v.label)} = {_value(v.value)}" for v in obj.values)
            out.append(
                _("- **{status}** {text} ({points}{detail}) — judged on {values}").format(
                    status=_status(obj.status),
                    text=md(obj.text),
                    points=obj.points,
                    detail=_detail(obj),
                    values=vals or _("nothing recorded"),
                )
            )
        out.append("")
    out += [_("## Consequences and their causes"), ""]
    for group in m.fired_groups(r.consequences):
        out += _consequence(group[0]) if len(group) == 1 else _repeated(group)
    if not r.consequences:
        out += [_("No hidden consequence fired in this game."), ""]
    if r.pending:
        out += [_("## Consequences still pending at the end"), ""]
        for c in r.pending:
            out += _consequence(c)
    out += _talks(r.negotiation, r.commitments)
    out += [_("## Meters over the rounds"), ""] + _meters(r.axis, r.meters)
    out += [_("## Round by round"), ""]
    for rd in r.timeline:
        out += [_("### Round {n}").format(n=rd.round), ""] + [_item(i) for i in rd.items] + [""]
    out += [_("## Facilitator's log"), ""]
    acts = [_item(a).replace("- ", f"- {_round(a.round)} ", 1) for a in r.facilitator_actions if a.kind != "note"]
    out += acts or [_("No injects, adjustments, overrides or schedule changes.")]
    out += ["", _("### Facilitator notes"), ""]
    notes = []
    for n in r.notes:
        about = _(" (about {name})").format(name=md(n.about_name)) if n.about else ""
        notes.append(f"- {_round(n.round)}{about}: {md(n.text)}")
    out += notes or [_("No notes.")]
    out += ["", _("## Questions for the debrief"), ""] + [f"{n}. {md(q)}" for n, q in enumerate(r.debrief, 1)] + [""]
    if r.lessons:
        out += [_("### The lessons this scenario claims"), ""]
        out += [
            _("- **{role}:** {text} (better: `{better}`; worse: `{worse}`; by at least {margin} points)").format(
                role=md(le.role_name), text=md(le.text), better=le.better, worse=le.worse, margin=f"{le.margin:g}"
            )
            for le in r.lessons
        ] + [""]
    return out


def _value(value) -> object:
    """A value as the condition read it; True and False in the language spoken."""
    if isinstance(value, bool):
        return _("True") if value else _("False")
    return value


def _seat(s: m.Seat) -> str:
    """Who sat at a role: "human", "bot (random)" or "unrecorded" (the bot's name is its id)."""
    kind = {"human": _("human"), "bot": _("bot"), "unrecorded": _("unrecorded")}.get(s.kind, s.kind)
    return kind + (f" ({s.bot})" if s.bot else "")


def _view(v: m.RoleView) -> list[str]:
    reveal = v.reveal
    if reveal:
        after = _("The full reveal follows.")
    else:
        after = _("The game is not finished, so there is no full reveal yet.")
    out = [
        _("# Your view: {role} in {title}").format(role=md(v.role_name), title=md(v.title)),
        "",
        "*" + _("This part shows only what the {role} saw during play.").format(role=md(v.role_name)) + f" {after}*",
        "",
        _("## Your briefing"),
        "",
    ]
    out += [f"> {md(line)}" if line.strip() else ">" for line in v.briefing.splitlines()] + [
        "",
        _("## Your objectives"),
        "",
    ]
    for o in v.objectives:
        vals = _sep().join(f"{md(x.label)} = {_value(x.value)}" for x in o.values)
        hidden = ""
        if o.unseen_values:
            hidden = ngettext(
                " (+{n} value(s) you could not see)", " (+{n} value(s) you could not see)", o.unseen_values
            ).format(n=o.unseen_values)
        judged = _(" — judged on {values}").format(values=vals) if vals else ""
        out.append(f"- **{_status(o.status)}** {md(o.text)} ({o.points}{_detail(o)}){judged}{hidden}")
    if v.outcome:
        out += ["", _("**End:** {text}").format(text=md(v.outcome.text)), ""] + _table(
            [_("Role"), _("Points")],
            [
                [md(s.role_name), _("{points} of {possible}").format(points=s.points, possible=s.possible)]
                for s in v.scores
            ],
        )
    out += [_("## The meters you could see"), ""] + _meters(v.axis, v.meters)
    out += [_("## What you saw, round by round"), ""]
    for rd in v.timeline:
        out += [_("### Round {n}").format(n=rd.round), ""]
        for i in rd.items:
            fx = _changes(i.changes)
            if i.order:
                text = _("Your order: {order}").format(order=_order(i.order, with_round=False))
            else:
                text = md(i.text)
            out.append(f"- {text}" + (f" ({fx})" if fx else ""))
        out.append("")
    out += _talks(v.negotiation, v.commitments, own=True)
    return out + ["---", "", _("# Full reveal"), ""] if reveal else out


def _cell(orders: list[m.Order] | None) -> str:
    if orders is None:
        return _("game over")
    return _sep().join(_order(o, False) for o in orders) or _("no orders")


def _compare(c: m.Comparison) -> list[str]:
    a, b = c.a, c.b
    unfinished = _("unfinished")
    out = [_("# Comparison: {title}").format(title=md(c.title)), ""]
    out += _table(
        ["", _("Game A"), _("Game B")],
        [
            [pgettext("file", "Save"), md(a.save), md(b.save)],
            [_("Seed"), a.seed, b.seed],
            [
                _("Outcome"),
                md(a.outcome.text if a.outcome else unfinished),
                md(b.outcome.text if b.outcome else unfinished),
            ],
        ],
    )
    for link in c.lineage:
        out += [_("Game {child} was branched from game {parent}.").format(child=link.child, parent=link.parent), ""]
    if c.shared_actions:
        shared = _("The games share their first {n} actions ({rounds} rounds).")
        out += [shared.format(n=c.shared_actions, rounds=c.shared_rounds), ""]
    out += [_("## Outcomes side by side"), ""]
    out += _table([_("Role"), "A", "B"], [[md(s.role_name), s.a, s.b] for s in c.outcomes])
    first = c.decisions.first_round
    first_text = _("First diverging round: {n}.").format(n=first or _("none"))
    out += [_("## Diverging decisions"), "", first_text, ""]
    rows = []
    for rd in c.decisions.rounds:
        for r in rd.roles:
            if r.differs:
                rows.append([rd.round, md(r.role_name), _cell(r.a), _cell(r.b)])
    out += _table([_("Round"), _("Role"), "A", "B"], rows) if rows else []
    cq = c.consequences
    out += [_("## Consequences in one game only"), ""]
    for side, only in (("A", cq.only_a), ("B", cq.only_b)):
        lines = [_only_line(xs) for xs in m.fired_groups(only)] or [_("- none")]
        out += [_("Only in {side}:").format(side=side), ""] + lines + [""]
    out += [_("## Meters side by side"), ""] + _meters(c.axis, c.meters, compare=True)
    return out


def render_md(report: m.Report) -> str:
    if isinstance(report, m.Comparison):
        return "\n".join(_compare(report)) + "\n"
    if isinstance(report, m.RoleReport):  # an unfinished game seen by one role: no reveal
        return "\n".join(_view(report.role_view)) + "\n"
    out = _view(report.role_view) if report.role_view else []
    return "\n".join(out + _full(report)) + "\n"
