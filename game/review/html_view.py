"""HTML for one role's own view (before the reveal) and for comparing two games.

The role view renders only ``report["role_view"]``, which ``report_view`` built
from ``observe``; it never reaches into the full report, so nothing a seat did
not see can slip into the part before the reveal.
"""

from __future__ import annotations

from .html import (
    STATUS_BADGE,
    badge,
    changes_html,
    charts_html,
    esc,
    facts,
    order_line,
    page,
    public_badge,
    reasons_html,
    section,
    toc,
    vis_badge,
    when_text,
)
from .html_game import consequence_card, modes_text

# --------------------------------------------------------------------------- one role's view


def _view_item(i: dict) -> str:
    if i.get("order"):
        o = i["order"]
        target = f" → {esc(o['target_name'])}" if o.get("target") else ""
        fx = changes_html(i["changes"])
        return (f"<li>{badge('Your order', 'b-kind')} {esc(o['instrument_name'])}{target} {public_badge(o['public'])}"
                f"{reasons_html(o['reasons'])}{'<br>' + fx if fx else ''}</li>")
    word = {"order": "Order", "order_failed": "Your order failed", "consequence": "News", "crisis_started": "Crisis",
            "crisis_ongoing": "Crisis", "crisis_ended": "Crisis ends", "game_over": "End"}.get(i["kind"], "News")
    cls = "crisis" if i["kind"].startswith("crisis") else "csq" if i["kind"] == "consequence" else ""
    fx = changes_html(i["changes"])
    return f'<li class="{cls}">{badge(word, "b-kind")} {esc(i["text"])}{"<br>" + fx if fx else ""}</li>'


def role_view_html(v: dict) -> str:
    who = f"{v['player']} — {v['role_name']}" if v["player"] else v["role_name"]
    reveal = v.get("reveal", True)
    after = ("The <a href=\"#reveal\">full reveal</a> follows." if reveal
             else "The game is not finished: the full reveal opens when it ends (or with the facilitator's PIN).")
    out = ['<header class="cover"><div class="eyebrow">After-action review · Your view</div>',
           f"<h1>{esc(v['title'])}</h1><p class=\"summary\">Prepared for <b>{esc(who)}</b>. {esc(v['summary'])}</p>",
           facts([("Scenario", v["scenario_id"]), ("Exercise date", when_text(v["created"])), ("Your role", v["role_name"]),
                  ("Your score", "—" if v["points"] is None else f"{v['points']} of {v['possible']}")]),
           f'<div class="viewnote">This {"first part" if reveal else "review"} shows the game as the <b>{esc(v["role_name"])}</b> saw it during play: your briefing, '
           f"what you were told each round, and the meters on your board. {after}</div></header>"]
    sections = [("view-outcome", "How it ended for you"), ("view-briefing", "Your briefing and objectives"),
                ("view-meters", "The meters you could see"), ("view-rounds", "What you saw, round by round")]
    out.append(toc(sections + ([("reveal", "Full reveal")] if reveal else []), letters=True))
    outcome = v["outcome"]
    if outcome is None:
        ended = '<div class="outcome open"><b>Unfinished.</b> The game was saved before the end.</div>'
    else:
        cls = "outcome lost" if outcome["lost"] else "outcome"
        ended = f'<div class="{cls}"><b>Round {outcome["round"]}:</b> {esc(outcome["text"])}</div>'
        rows = "".join(f"<tr><td>{esc(s['role_name'])}{' (you)' if s['role'] == v['role'] else ''}</td><td class=n>{s['points']} of {s['possible']}</td></tr>" for s in v["scores"])
        ended += f"<table><tr><th>Role</th><th class=n>Points</th></tr>{rows}</table>"
    out.append(section("view-outcome", "A", "How it ended for you", ended))
    objectives = []
    for o in v["objectives"]:
        word, cls = STATUS_BADGE[o["status"]]
        judged = "; ".join(f"{esc(x['label'])} = <b>{esc(x['value'])}</b>" for x in o["values"])
        if o["unseen_values"]:
            judged += ("; " if judged else "") + f"<span class=muted>{'and ' if judged else ''}{o['unseen_values']} more in the full reveal</span>"
        objectives.append(f"<tr><td>{badge(word, cls)}</td><td>{esc(o['text'])}</td><td class=n>{o['points']}</td><td>{judged or '—'}</td></tr>")
    brief = (f'<div class="briefing">{esc(v["briefing"])}</div><h3>Your objectives</h3>'
             f"<table><tr><th>Result</th><th>Objective</th><th class=n>Points</th><th>Judged on</th></tr>{''.join(objectives)}</table>")
    out.append(section("view-briefing", "B", "Your briefing and objectives", brief))
    out.append(section("view-meters", "C", "The meters you could see", charts_html(v["axis"], v["meters"])))
    rounds = []
    for rd in v["timeline"]:
        items = "".join(_view_item(i) for i in rd["items"]) or "<li class=muted>Nothing reached you this round.</li>"
        rounds.append(f'<div class="round"><h3>Round {rd["round"]}</h3><ul class="events">{items}</ul></div>')
    out.append(section("view-rounds", "D", "What you saw, round by round", "".join(rounds)))
    return "".join(out)


# --------------------------------------------------------------------------- comparison


def _orders_cell(orders) -> str:
    if orders is None:
        return '<span class="muted">game over</span>'
    if not orders:
        return '<span class="muted">no orders</span>'
    return "<br>".join(order_line(o, with_round=False).replace(f"<b>{esc(o['role_name'])}</b> — ", "", 1) for o in orders)


def _outcome_text(side: dict) -> str:
    out = side["outcome"]
    if out is None:
        return f"unfinished (round {side['round']})"
    return f"shared loss in round {out['round']}" if out["lost"] else f"completed ({out['round']} rounds)"


def compare_html(c: dict) -> str:
    a, b = c["a"], c["b"]
    rows = [("Save file", a["save"], b["save"]), ("Exercise date", when_text(a["created"]), when_text(b["created"])), ("Seed", a["seed"], b["seed"]),
            ("Outcome", _outcome_text(a), _outcome_text(b)), ("Adjudication", modes_text(a["modes"]), modes_text(b["modes"])),
            ("Consequences fired", a["consequences_fired"], b["consequences_fired"]), ("Facilitator actions", a["facilitator_actions"], b["facilitator_actions"]),
            ("Scenario version", a["content_hash_short"], b["content_hash_short"])]
    table = "".join(f"<tr><th scope=\"row\">{esc(k)}</th><td>{esc(x)}</td><td>{esc(y)}</td></tr>" for k, x, y in rows)
    notes = []
    for link in c["lineage"]:
        at = f" at round {link['details']['round']}" if "round" in link["details"] else ""
        notes.append(f"<p><b>Game {link['child']} was branched from game {link['parent']}{esc(at)}</b> (its save names {link['parent']} as its parent).</p>")
    if c["shared_actions"]:
        notes.append(f"<p>The two games share their first {c['shared_actions']} actions ({c['shared_rounds']} resolved rounds).</p>")
    if not c["same_version"]:
        notes.append('<p class="outcome open">The two games used different versions of the scenario (see the version row): differences may come from the scenario, not only the players.</p>')
    first = c["decisions"]["first_round"]
    cover = ('<header class="cover"><div class="eyebrow">After-action review · Comparison of two games</div>'
             f"<h1>{esc(c['title'])}</h1>{facts([('Scenario', c['scenario_id']), ('First diverging decision', f'round {first}' if first else 'none')])}"
             f"<table><tr><th></th><th>Game A</th><th>Game B</th></tr>{table}</table>{''.join(notes)}</header>")
    out = [cover, toc([("cmp-outcomes", "Outcomes side by side"), ("cmp-decisions", "Diverging decisions"), ("cmp-consequences", "Consequences in one game only"),
                       ("cmp-meters", "Meters side by side")])]
    srows = []
    for s in c["outcomes"]:
        pa = "—" if s["a"] is None else s["a"]
        pb = "—" if s["b"] is None else s["b"]
        srows.append(f"<tr class=\"group\"><td><b>{esc(s['role_name'])}</b></td><td class=n><b>{pa} / {s['possible']}</b></td><td class=n><b>{pb} / {s['possible']}</b></td></tr>")
        for o in s["objectives"]:
            srows.append(f"<tr><td class=\"indent\">{esc(o['text'])} <span class=muted>({o['points']})</span></td><td class=n>{badge(*STATUS_BADGE[o['a']])}</td><td class=n>{badge(*STATUS_BADGE[o['b']])}</td></tr>")
    out.append(section("cmp-outcomes", 1, "Outcomes side by side", f"<table><tr><th>Role and objectives</th><th class=n>Game A</th><th class=n>Game B</th></tr>{''.join(srows)}</table>"))
    drows, same = [], []
    for rd in c["decisions"]["rounds"]:
        if not rd["differs"]:
            same.append(str(rd["round"]))
            continue
        differing = [r for r in rd["roles"] if r["differs"]]
        mark = "<br><span class=\"badge b-fac\">first divergence</span>" if rd["round"] == first else ""
        for k, r in enumerate(differing):
            cell = f"<td rowspan={len(differing)}><b>Round {rd['round']}</b>{mark}</td>" if k == 0 else ""
            drows.append(f"<tr>{cell}<td>{esc(r['role_name'])}</td><td>{_orders_cell(r['a'])}</td><td>{_orders_cell(r['b'])}</td></tr>")
    body = f"<p>Rounds with identical orders in both games: {esc(', '.join(same) or 'none')}. Only the seats whose orders differ are listed.</p>" if first else "<p>Every seat gave the same orders in every round of both games.</p>"
    if drows:
        body += f"<table><tr><th>Round</th><th>Role</th><th>Game A</th><th>Game B</th></tr>{''.join(drows)}</table>"
    out.append(section("cmp-decisions", 2, "Diverging decisions", body))
    cq = c["consequences"]
    parts = []
    for side, key in (("A", "only_a"), ("B", "only_b")):
        parts.append(f"<h3>Fired only in game {side}</h3>")
        parts.append("".join(consequence_card(x, max(a["round"], b["round"]), compact=True) for x in cq[key]) or '<p class="muted">None.</p>')
    if cq["both"]:
        rows_b = "".join(f"<tr><td>{esc(x['title'])}</td><td>{esc(', '.join(map(str, x['rounds_a'])))}</td><td>{esc(', '.join(map(str, x['rounds_b'])))}</td>"
                         f"<td>{'same' if x['same'] else 'different timing'}</td></tr>" for x in cq["both"])
        parts.append(f"<h3>Fired in both games</h3><table><tr><th>Consequence</th><th>Rounds in A</th><th>Rounds in B</th><th></th></tr>{rows_b}</table>")
    out.append(section("cmp-consequences", 3, "Consequences in one game only", "".join(parts)))
    finals = "".join(f"<tr><td>{esc(f['label'])} {vis_badge(f['visibility'])}</td><td class=n>{f['a']}</td><td class=n>{f['b']}</td><td class=n>{f['diff']:+d}</td></tr>"
                     for f in c["final_differences"][:12] if f["diff"])
    fin = f"<h3>Largest differences at the end</h3><table><tr><th>Meter</th><th class=n>A</th><th class=n>B</th><th class=n>B − A</th></tr>{finals}</table>" if finals else ""
    out.append(section("cmp-meters", 4, "Meters side by side", charts_html(c["axis"], c["meters"], compare=True) + fin))
    return page(f"Comparison — {c['title']}", "".join(out), "Generated by Demarche from two saves, each replayed and its final state hash verified.")
