"""The full after-action review of one game, as HTML sections.

The order follows how a debrief runs: what the exercise was for, how it ended,
which decisions caused which consequences (the heart of the review), how the
situation moved, then the round-by-round record and the facilitator's log for
anyone who wants to check a claim, and last the questions to discuss.
"""

from __future__ import annotations

from .html import (
    STATUS_BADGE,
    badge,
    changes_html,
    charts_html,
    delta,
    esc,
    facts,
    order_line,
    public_badge,
    reasons_html,
    section,
    toc,
    values_html,
    vis_badge,
    when_text,
)
from .svg import lag_strip

KIND_WORD = {"crisis_started": "Crisis", "crisis_ongoing": "Crisis", "crisis_ended": "Crisis ends", "consequence": "Consequence",
             "scheduled": "Condition met", "note": "Note", "adjust": "Adjustment", "override": "Override", "mode": "Mode",
             "schedule": "Schedule", "order_failed": "Order failed", "game_over": "End"}


def modes_text(modes: list[dict]) -> str:
    if len(modes) == 1:
        return modes[0]["mode"]
    return "; ".join(f"{m['mode']} from round {m['from_round']}" for m in modes)


def seat_text(seat: dict) -> str:
    if seat["kind"] == "bot":
        return f"Bot ({seat['bot']})"
    if seat["kind"] == "human":
        return "Human"
    return "Not recorded"


def players_text(seats: list[dict]) -> str:
    humans = sum(1 for s in seats if s["kind"] == "human")
    bots = sum(1 for s in seats if s["kind"] == "bot")
    if humans + bots == 0:
        return f"{len(seats)} seats (not recorded)"
    return f"{humans} human{'s' if humans != 1 else ''}, {bots} bot{'s' if bots != 1 else ''}"


def outcome_html(head: dict) -> str:
    out = head["outcome"]
    if out is None:
        return f'<div class="outcome open"><b>Unfinished.</b> The save stops in round {head["round"]} of {head["rounds"]}; objectives were not scored.</div>'
    if out["lost"]:
        trace = out.get("trace") or {}
        why = "; ".join(f"{esc(v['label'])} = {esc(v['value'])}" for v in trace.get("values", []))
        return f'<div class="outcome lost"><b>Shared loss in round {out["round"]}.</b> {esc(out["text"])}' + (f" <span class=\"muted\">(Because {why}.)</span>" if why else "") + "</div>"
    return f'<div class="outcome"><b>Completed:</b> all {head["rounds"]} rounds played. {esc(out["text"])}</div>'


def parent_html(parent: dict | None) -> str:
    """A branch's lineage, from the ``meta["parent"]`` record ``game.session.branch`` writes."""
    if not parent:
        return ""
    what = esc(parent.get("file") or "an earlier game")
    at = f" at the start of round {esc(parent['round'])}" if "round" in parent else ""
    kept = f", replaying its first {esc(parent['actions'])} actions" if "actions" in parent else ""
    return f'<div class="viewnote"><b>What-if branch.</b> This game was branched from {what}{at}{kept}.</div>'


def cover_html(r: dict) -> str:
    head = r["header"]
    items = [("Scenario", head["scenario_id"]), ("Exercise date", when_text(head["created"])), ("Seed", str(head["seed"])),
             ("Rounds played", f"{head['outcome']['round'] if head['outcome'] else head['round']} of {head['rounds']}"),
             ("Adjudication", modes_text(head["modes"])), ("Scenario version", head["content_hash_short"] or "—"),
             ("Save file", head["save"] or "—"), ("Players", players_text(head["seats"]))]
    seats = "".join(f"<tr><td>{esc(s['role_name'])}</td><td>{esc(s['name'] or '—')}</td><td>{esc(seat_text(s))}</td></tr>" for s in head["seats"])
    parent = parent_html(head.get("parent"))
    orders = sum(1 for rd in r["timeline"] for i in rd["items"] if i["kind"] == "order")
    private = sum(1 for rd in r["timeline"] for i in rd["items"] if i["kind"] == "order" and not i.get("order", {}).get("public", True))
    stats = [(orders, f"orders ({orders - private} public, {private} private)"), (len(r["consequences"]), "consequences fired"),
             (len(r["crises"]), "crises"), (len(r["facilitator_actions"]), "facilitator actions"), (len(r["pending"]), "consequences still pending")]
    return ('<header class="cover"><div class="eyebrow">After-action review · Exercise report</div>'
            f"<h1>{esc(head['title'])}</h1><p class=\"summary\">{esc(head['summary'])}</p>{outcome_html(head)}{facts(items)}{parent}"
            f"<table><tr><th>Role</th><th>Player</th><th>Seat</th></tr>{seats}</table>"
            '<div class="stats">' + "".join(f"<div class=\"stat\"><b>{n}</b><span>{esc(t)}</span></div>" for n, t in stats) + "</div></header>")


def value_text(v: dict) -> str:
    what = esc(v["label"]) if v["kind"] == "meter" else f"<code>{esc(v['label'])}</code>"
    return f"{what} = <b>{esc(v['value'])}</b> {vis_badge(v.get('visibility', 'public'))}"


def scores_html(r: dict) -> str:
    parts = []
    for s in r["scores"]:
        pts = "—" if s["points"] is None else s["points"]
        width = 0 if not s["possible"] or s["points"] is None else round(100 * s["points"] / s["possible"])
        rows = []
        for o in s["objectives"]:
            word, cls = STATUS_BADGE[o["status"]]
            judged = "; ".join(value_text(v) for v in o["values"])
            rows.append(f"<tr><td>{badge(word, cls)}</td><td>{esc(o['text'])}<br><code>{esc(o['condition'])}</code></td>"
                        f"<td class=n>{o['points']}</td><td>{judged or '<span class=muted>—</span>'}</td></tr>")
        parts.append(f'<h3 class="role-score">{esc(s["role_name"])} <span class="bar" role="img" aria-label="{pts} of {s["possible"]} points"><i style="width:{width}%"></i></span>'
                     f'<span>{pts} of {s["possible"]} points</span></h3>'
                     f"<table><tr><th>Result</th><th>Objective and condition</th><th class=n>Points</th><th>Judged on (final values)</th></tr>{''.join(rows)}</table>")
    if r["header"]["outcome"] and r["header"]["outcome"]["lost"]:
        parts.append('<p class="muted">The shared situation collapsed, so no role scores points; objectives show what would have been met.</p>')
    return "".join(parts)


def consequence_card(c: dict, rounds: int, pending: bool = False, compact: bool = False) -> str:
    """One consequence with its causal trace and lesson; ``compact`` (for
    comparisons) keeps the timing, the causing orders and the lesson."""
    if pending:
        timing = f"Condition held in round {c['held']}; it would have fired in round {c['fire_round']}, after the game ended."
        strip = ""
    else:
        timing = (f"Condition held in round {c['held']} → fired in round {c['fired']} ({c['apart_text']})." if c["apart"]
                  else f"Condition held and fired in round {c['fired']} (the same round).")
        strip = lag_strip(rounds, c["held"], c["fired"], [o["round"] for o in c["orders"]])
    absent = any(v["kind"] == "count" and v["value"] == 0 for v in c["values"])
    none = "No orders counted: it held because of what was <em>not</em> done (the counts of 0)." if absent else "No orders: the condition read only the situation."
    orders = "".join(f"<li>{order_line(o)}</li>" for o in c["orders"]) or f"<li class=muted>{none}</li>"
    body = (f"<div class=\"cols\"><div><h4>Caused by these orders</h4><ul class=\"plain\">{orders}</ul></div>"
            f"<div><h4>Values that satisfied the condition</h4>{values_html(c['values'])}<h4>Condition</h4><code>{esc(c['condition'])}</code></div></div>")
    if compact:
        body = f"<h4>Caused by</h4><ul class=\"plain\">{orders}</ul>"
    effects = f"<h4>Effects</h4><p>{changes_html(c['changes'])}</p>" if c.get("changes") and not compact else ""
    said = f"<blockquote>{esc(c['text'])}</blockquote><p class=\"fx\">Revealed to {esc(c['audience'])}.</p>" if c.get("text") else ""
    lesson = f'<div class="lesson"><b>Lesson.</b> {esc(c["lesson"])}</div>' if c.get("lesson") else ""
    when = f"Pending · fires round {c['fire_round']}" if pending else f"Round {c['fired']}"
    anchor = f' id="{esc(c["anchor"])}"' if c.get("anchor") and not compact else ""
    return (f'<article class="card"{anchor}><h3>{esc(when)} · {esc(c["title"])}</h3><div class="meta">{esc(timing)}</div>{strip}'
            f"{said}{body}{effects}{lesson}</article>")


def item_html(i: dict) -> str:
    kind = i["kind"]
    cls = "fac" if i["facilitator"] else "csq" if kind in ("consequence", "scheduled") else "crisis" if kind.startswith("crisis") else ""
    word = KIND_WORD.get(kind, kind)
    tag = badge("Facilitator", "b-fac") + " " if i["facilitator"] else ""
    text = esc(i["text"])
    if kind == "crisis_started":
        text = f"<b>{esc(i['title'])}</b> breaks ({esc(i['how'])}{': ' + esc(i['reason']) if i.get('reason') else ''}). {esc(i['body'])}"
    elif kind == "consequence":
        text = f"<b>{esc(i['title'])}</b>: {esc(i['text'])} <span class=\"fx\">(revealed to {esc(i['audience'])}; <a href=\"#{esc(i['anchor'])}\">its causes</a>)</span>"
    elif kind == "scheduled":
        text = f"The condition of <b>{esc(i['title'])}</b> held; it will fire in round {i['fire_round']}."
    elif kind == "override":
        rows = [f"{esc(o['label'])} in “{esc(o['event'])}”: {delta(o['delta'])} instead of {delta(o['proposed'] or 0)} — reason: {esc(o['reason'])}" for o in i["overrides"]]
        text = "Facilitator overrode the engine's proposal: " + ("; ".join(rows) if rows else text)
    elif kind == "note":
        about = f" (about {esc(i['about_name'])})" if i.get("about") else ""
        text = f"Note{about}: {esc(i['text'])}"
    elif kind == "schedule":
        text = f"{esc(i['text'])}" + (f" Reason: {esc(i['reason'])}." if i.get("reason") else "")
    fx = changes_html(i["changes"])
    return f'<li class="{cls}">{tag}{badge(word, "b-kind")} {text}{"<br>" + fx if fx else ""}</li>'


def round_html(rd: dict, crises: list[dict]) -> str:
    """One round in the order it ran: the briefing (and anything the facilitator
    did before the orders), every seat's orders, then what resolving them caused."""
    n = rd["round"]
    items = rd["items"]
    is_order = [i["kind"] == "order" and "order" in i for i in items]
    first = is_order.index(True) if any(is_order) else len(items)
    before, rest = items[:first], items[first:]
    orders, after = [i for i in rest if "order" in i], [i for i in rest if "order" not in i]
    active = [c["title"] for c in crises if c["started"] <= n and (c["ended"] is None or c["ended"] >= n)]
    out = [f'<div class="round"><h3>Round {n}<span class="active">{"Active crises: " + esc(", ".join(active)) if active else "No active crisis"}</span></h3>']
    if before:
        out.append('<ul class="events">' + "".join(item_html(i) for i in before) + "</ul>")
    if orders:
        rows = []
        for i in orders:
            o = i["order"]
            rows.append(f"<tr><td>{esc(o['role_name'])}</td><td>{esc(o['instrument_name'])}</td><td>{esc(o['target_name'] or '—')}</td>"
                        f"<td>{public_badge(o['public'])}</td><td>{reasons_html(o['reasons']) or '<span class=muted>—</span>'}</td><td>{changes_html(i['changes'])}</td></tr>")
        out.append(f"<table><tr><th>Role</th><th>Instrument</th><th>Target</th><th>Visibility</th><th>Reasons given</th><th>Immediate effects</th></tr>{''.join(rows)}</table>")
    else:
        out.append('<p class="muted">No orders resolved this round.</p>')
    if after:
        out.append('<ul class="events">' + "".join(item_html(i) for i in after) + "</ul>")
    return "".join(out) + "</div>"


def facilitator_html(r: dict) -> str:
    acts = [a for a in r["facilitator_actions"] if a["kind"] != "note"]
    parts = []
    if acts:
        parts.append('<table><tr><th class=n>Round</th><th>Action</th><th>What</th><th>Reason</th></tr>')
        for a in acts:
            action, what, reason = KIND_WORD.get(a["kind"], a["kind"]), esc(a["text"]), esc(a.get("reason") or "—")
            if a["kind"] == "override":
                what = "<br>".join(f"{esc(o['label'])}: {delta(o['delta'])} instead of {delta(o['proposed'] or 0)} <span class=fx>(in “{esc(o['event'])}”)</span>" for o in a["overrides"])
                reason = "<br>".join(esc(o["reason"]) for o in a["overrides"])
            elif a["kind"] == "crisis_started":
                action, what = "Inject", f"<b>{esc(a['title'])}</b> — {esc(a['how'])}"
            elif a["kind"] == "adjust":
                what = changes_html(a["changes"]).replace('class="fx"', "") or what
            parts.append(f"<tr><td class=n>{a['round']}</td><td>{esc(action)}</td><td>{what}</td><td>{reason}</td></tr>")
        parts.append("</table>")
    else:
        parts.append('<p class="muted">The facilitator did not inject, adjust, override or reschedule anything: the engine ran the game as written.</p>')
    parts.append("<h3>Facilitator notes</h3>")
    if r["notes"]:
        rows = "".join(f"<tr><td class=n>{n['round']}</td><td>{esc(n['about_name'] or '—')}</td><td>{esc(n['text'])}</td></tr>" for n in r["notes"])
        parts.append(f"<table><tr><th class=n>Round</th><th>About</th><th>Note</th></tr>{rows}</table>")
    else:
        parts.append('<p class="muted">No notes were taken.</p>')
    return "".join(parts)


def full_html(r: dict) -> str:
    head = r["header"]
    entries = [("objectives", "Learning objectives"), ("outcome", "Outcome and objectives"), ("consequences", "Consequences and their causes"),
               ("meters", "How the situation moved"), ("timeline", "Round by round"), ("facilitator", "Facilitator's log"), ("debrief", "Questions for the debrief")]
    out = [cover_html(r), toc(entries)]
    objectives = "".join(f"<li>{esc(o)}</li>" for o in r["learning_objectives"]) or "<li class=muted>None stated.</li>"
    out.append(section("objectives", 1, "Learning objectives", f"<ol>{objectives}</ol>"))
    out.append(section("outcome", 2, "Outcome and objectives", scores_html(r)))
    cards = "".join(consequence_card(c, head["rounds"]) for c in r["consequences"]) or '<p class="muted">No hidden consequence fired in this game.</p>'
    intro = ('<p>Each consequence below names the orders and values that satisfied its condition, when that happened, and how many rounds later '
             'it fired. In the strips, squares mark the rounds of the causing orders, the hollow circle the round the condition held, the diamond the round it fired.</p>')
    if r["pending"]:
        cards += "<h3>Still on their way when the game ended</h3>" + "".join(consequence_card(c, head["rounds"], pending=True) for c in r["pending"])
    out.append(section("consequences", 3, "Consequences and their causes", intro + cards))
    out.append(section("meters", 4, "How the situation moved", charts_html(r["axis"], r["meters"])))
    rounds = "".join(round_html(rd, r["crises"]) for rd in r["timeline"])
    out.append(section("timeline", 5, "Round by round", rounds))
    out.append(section("facilitator", 6, "Facilitator's log", facilitator_html(r)))
    questions = "".join(f"<li>{esc(q)}</li>" for q in r["debrief"]) or "<li class=muted>None stated.</li>"
    out.append(section("debrief", 7, "Questions for the debrief", f"<ol>{questions}</ol>"))
    return "".join(out)
