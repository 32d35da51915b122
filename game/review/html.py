"""The after-action review as one self-contained HTML page.

Training centres hand the review out, print it, mail it and open it on
machines with no network, so the page carries everything itself: inline CSS,
inline SVG charts (``report_svg``), no scripts, no fonts or images to fetch.
Every piece of author or player text goes through ``esc``. Badges always carry
a word (Public, Private, Facilitator, Met, Missed), so colour is never the only
cue. Shared pieces (page shell, badges, orders, charts) live here; the role
view and the comparison are in ``report_html_view``.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from .svg import line_chart, style, swatch

CSS = """
:root{--ink:#1b2a41;--muted:#5b6577;--line:#d9dee7;--soft:#f4f6f9;--blue:#0072B2;--verm:#D55E00;--green:#009E73;--purple:#CC79A7;--orange:#E69F00}
*{box-sizing:border-box}
body{margin:0;background:#eef1f5;color:var(--ink);font:15px/1.5 "Segoe UI","Helvetica Neue","Liberation Sans","DejaVu Sans",Arial,sans-serif}
main{max-width:1060px;margin:24px auto;background:#fff;padding:40px 52px 28px;box-shadow:0 1px 4px rgba(27,42,65,.12)}
h1{font-size:30px;line-height:1.2;margin:4px 0 10px}
h2{font-size:21px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--ink)}
h2 .num{color:var(--blue);margin-right:8px}
h3{font-size:16px;margin:22px 0 8px}
p{margin:6px 0}
a{color:var(--blue)}
code{font:12.5px/1.4 "DejaVu Sans Mono","Liberation Mono",monospace;background:var(--soft);padding:1px 4px;border-radius:3px;word-break:break-word}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:12px;font-weight:700;color:var(--blue)}
.cover{border-bottom:4px solid var(--ink);padding-bottom:18px}
.summary{color:#2f3b4f;max-width:860px}
.facts{display:grid;grid-template-columns:repeat(4,1fr);gap:10px 18px;margin:16px 0 8px}
.facts div{border-left:3px solid var(--line);padding-left:9px}
.facts dt{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.facts dd{margin:0;font-weight:600;word-break:break-word}
.outcome{margin:14px 0 4px;padding:10px 14px;border-left:6px solid var(--green);background:#e8f5f0}
.outcome.lost{border-color:var(--verm);background:#fcece3}
.outcome.open{border-color:var(--orange);background:#fdf3e0}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0 4px}
.stat{flex:1 1 140px;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
.stat b{display:block;font-size:24px;line-height:1.1}
.stat span{font-size:12px;color:var(--muted)}
nav.toc{background:var(--soft);border-radius:6px;padding:10px 18px;margin:18px 0;columns:2;font-size:14px}
nav.toc ol{margin:0;padding-left:20px}
table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);border-bottom:2px solid var(--ink)}
td.n,th.n{text-align:right;white-space:nowrap}
th[scope=row]{border-bottom:1px solid var(--line);width:24%}
tr.group td{background:var(--soft)}
td.indent{padding-left:22px}
.badge{display:inline-block;font-size:11px;font-weight:700;letter-spacing:.03em;padding:1px 7px;border-radius:10px;border:1px solid;white-space:nowrap;vertical-align:1px}
.b-public{color:#00507d;background:#e3f1fa;border-color:#9cc9e6}
.b-private{color:#7a2e63;background:#f6e8f1;border-color:#ddb3cf}
.b-fac{color:#8a3a00;background:#fcece3;border-color:#eab797}
.b-hidden{color:#394456;background:#eceff3;border-color:#b9c1cd}
.b-met{color:#00664a;background:#e1f3ec;border-color:#93cfb8}
.b-missed{color:#8a3a00;background:#fcece3;border-color:#eab797}
.b-open{color:#6b4b00;background:#fdf3e0;border-color:#e8c77c}
.b-kind{color:var(--ink);background:#fff;border-color:var(--line)}
.reasons{margin:3px 0 0;padding:0;list-style:none;color:#34415a;font-style:italic;font-size:13.5px}
.reasons li::before{content:"“"}.reasons li::after{content:"”"}
.fx{color:var(--muted);font-size:12.5px}
.card{border:1px solid var(--line);border-left:5px solid var(--blue);border-radius:6px;padding:14px 18px;margin:14px 0;break-inside:avoid}
.card.fac{border-left-color:var(--verm)}
.card h3{margin:0 0 4px}
.card .meta{color:var(--muted);font-size:13px;margin-bottom:6px}
.card blockquote{margin:8px 0;padding:6px 12px;border-left:3px solid var(--line);background:var(--soft)}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:6px 24px}
.cols h4,.card h4{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:10px 0 4px}
.plain{margin:0;padding-left:18px}
.lesson{margin-top:10px;padding:8px 12px;background:#fff8e6;border-left:4px solid var(--orange)}
.lesson b{color:#6b4b00}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.charts.three{grid-template-columns:1fr 1fr 1fr;gap:12px}
.charts.three h3{font-size:13.5px}
.chartbox{border:1px solid var(--line);border-radius:6px;padding:10px 12px;break-inside:avoid}
.chartbox h3{margin:0 0 4px;font-size:15px}
.legend{list-style:none;margin:6px 0 0;padding:0;font-size:12.5px}
.legend li{display:flex;align-items:center;gap:6px;margin:2px 0}
.legend .vals{margin-left:auto;color:var(--muted);white-space:nowrap}
svg.key{flex:none}
details{font-size:12.5px;margin-top:6px}
details table{font-size:12px}
.round{border-top:1px solid var(--line);padding-top:4px;break-inside:avoid-page}
.round h3{display:flex;align-items:baseline;gap:10px}
.round h3 .active{font-weight:400;font-size:13px;color:var(--muted)}
ul.events{list-style:none;padding:0;margin:6px 0}
ul.events li{padding:5px 0 5px 10px;border-left:3px solid var(--line);margin:4px 0}
ul.events li.fac{border-left-color:var(--verm);background:#fdf6f1}
ul.events li.csq{border-left-color:var(--blue)}
ul.events li.crisis{border-left-color:var(--orange)}
.muted{color:var(--muted)}
.role-score{display:flex;align-items:center;gap:12px}
.bar{flex:none;width:120px;height:10px;background:var(--soft);border:1px solid var(--line);border-radius:5px;overflow:hidden}
.bar i{display:block;height:100%;background:var(--green)}
.reveal{margin:40px -52px;padding:22px 52px;background:var(--ink);color:#fff;break-before:page}
.reveal h2{border:0;color:#fff;margin:0}
.reveal p{color:#d6dce6}
.viewnote{padding:10px 14px;background:#e3f1fa;border-left:6px solid var(--blue);margin:14px 0}
.briefing{white-space:pre-wrap;background:var(--soft);padding:12px 16px;border-radius:6px}
footer{margin-top:30px;padding-top:10px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
@media screen and (max-width:760px){main{padding:20px}.facts,.cols,.charts,.charts.three{grid-template-columns:1fr}nav.toc{columns:1}.reveal{margin:30px -20px;padding:18px 20px}}
@media print{body{background:#fff;font-size:11pt}main{box-shadow:none;margin:0;max-width:none;padding:0}
a{color:inherit;text-decoration:none}nav.toc{display:none}h2{break-after:avoid}h3{break-after:avoid}
.card,.chartbox,tr{break-inside:avoid}.reveal{margin:24px 0;color:#000;background:#fff;border:3px solid #000}.reveal h2,.reveal p{color:#000}
ul.events li.fac{background:none}@page{margin:16mm 14mm}}
"""


def esc(text) -> str:
    """Escape anything for HTML; booleans read as words, not Python."""
    if isinstance(text, bool):
        return "yes" if text else "no"
    return escape("" if text is None else str(text), quote=True)


def badge(word: str, cls: str) -> str:
    return f'<span class="badge {cls}">{esc(word)}</span>'


VIS_BADGE = {"facilitator": ("Facilitator only", "b-fac"), "hidden": ("Hidden in play", "b-hidden")}
STATUS_BADGE = {"met": ("✓ Met", "b-met"), "missed": ("✗ Missed", "b-missed"), "open": ("Not scored", "b-open")}


def vis_badge(visibility: str) -> str:
    word, cls = VIS_BADGE.get(visibility, ("", ""))
    return badge(word, cls) if word else ""


def when_text(created: str) -> str:
    if not created:
        return "not recorded"
    try:
        dt = datetime.fromisoformat(created)
    except ValueError:
        return created
    zone = " UTC" if dt.utcoffset() is not None and not dt.utcoffset() else ""
    return dt.strftime("%d %B %Y, %H:%M") + zone


def delta(d: int) -> str:
    return f"+{d}" if d > 0 else f"−{-d}" if d < 0 else "±0"


def changes_html(changes: list[dict]) -> str:
    if not changes:
        return ""
    parts = [f"{esc(c['label'])} {c['before']} → {c['after']} ({delta(c['delta'])})" for c in changes]
    return '<span class="fx">' + "; ".join(parts) + "</span>"


def reasons_html(reasons: list[str]) -> str:
    if not reasons:
        return ""
    return '<ul class="reasons">' + "".join(f"<li>{esc(r)}</li>" for r in reasons) + "</ul>"


def public_badge(public: bool) -> str:
    return badge("Public", "b-public") if public else badge("Private", "b-private")


def order_line(o: dict, with_round: bool = True) -> str:
    """"Round 2 · Foreign Ministry — Public condemnation → Veyra [Public]" and the reasons."""
    target = f" → {esc(o['target_name'])}" if o.get("target") else ""
    when = f"Round {o['round']} · " if with_round else ""
    return f"{when}<b>{esc(o['role_name'])}</b> — {esc(o['instrument_name'])}{target} {public_badge(o['public'])}{reasons_html(o['reasons'])}"


def values_html(values: list[dict]) -> str:
    rows = []
    for v in values:
        what = esc(v["label"]) if v["kind"] == "meter" else f"<code>{esc(v['name'])}</code>"
        rows.append(f"<li>{what} = <b>{esc(v['value'])}</b> {vis_badge(v.get('visibility', 'public'))}</li>")
    return '<ul class="plain">' + "".join(rows) + "</ul>" if rows else '<p class="muted">No values recorded.</p>'


def _values_table(axis: list[str], series: list[dict]) -> str:
    head = "".join(f"<th class=n>{esc(a)}</th>" for a in axis)
    rows = "".join(f"<tr><td>{esc(s['label'])}</td>" + "".join(f"<td class=n>{'–' if v is None else esc(v)}</td>" for v in s["values"]) + "</tr>" for s in series)
    return f"<details><summary>Values</summary><table><tr><th>Meter</th>{head}</tr>{rows}</table></details>"


def _last(values: list):
    return next((v for v in reversed(values) if v is not None), "–")


def chart_block(axis: list[str], group: dict) -> str:
    """A chart card for one meter group, with a legend that names every series by
    shape and words, and the numbers behind it in a collapsible table."""
    series, legend = [], []
    bounds = (min(m["min"] for m in group["meters"]), max(m["max"] for m in group["meters"]))
    for i, m in enumerate(group["meters"]):
        colour, shape = style(i)
        series.append({"label": m["short"], "values": m["series"], "colour": colour, "shape": shape})
        first, last = m["series"][0], _last(m["series"])
        legend.append(f"<li>{swatch(colour, shape)}<span>{esc(m['short'])} {vis_badge(m['visibility'])}</span><span class=\"vals\">{esc(first)} → {esc(last)}</span></li>")
    svg = line_chart(axis, series, bounds, f"{group['label']}: meters over the rounds")
    return f'<div class="chartbox"><h3>{esc(group["label"])}</h3>{svg}<ul class="legend">{"".join(legend)}</ul>{_values_table(axis, series)}</div>'


RUN_A = {"colour": "#0072B2", "shape": "circle", "dashed": True, "filled": False, "tag": "A"}
RUN_B = {"colour": "#D55E00", "shape": "square", "dashed": False, "filled": True, "tag": "B"}


def compare_chart(axis: list[str], m: dict) -> str:
    """One meter in both games: A dashed with hollow circles, B solid with filled
    squares, each labelled at its end, so neither colour nor dash alone carries it."""
    series = [{"label": "A", "values": m["series_a"]} | RUN_A, {"label": "B", "values": m["series_b"]} | RUN_B]
    svg = line_chart(axis, series, (m["min"], m["max"]), f"{m['label']}: game A and game B", width=360, height=180)
    return (f'<div class="chartbox"><h3>{esc(m["short"])} {vis_badge(m["visibility"])}</h3>{svg}'
            f'<p class="fx">End: A {esc(_last(m["series_a"]))} · B {esc(_last(m["series_b"]))}</p>{_values_table(axis, series)}</div>')


def charts_html(axis: list[str], groups: list[dict], compare: bool = False) -> str:
    if not compare:
        key = "Points are the value at the start and at the end of each round. Each meter has its own colour and marker shape."
        return f'<p class="muted">{key}</p><div class="charts">' + "".join(chart_block(axis, g) for g in groups) + "</div>"
    key = (f'<p class="muted">{swatch(RUN_A["colour"], "circle", True, False)} Game A: dashed, hollow circles. '
           f'{swatch(RUN_B["colour"], "square")} Game B: solid, filled squares. Points are the value at the start and at the end of each round.</p>')
    return key + "".join(f'<h3>{esc(g["label"])}</h3><div class="charts three">' + "".join(compare_chart(axis, m) for m in g["meters"]) + "</div>" for g in groups)


def section(anchor: str, number: int | str, title: str, body: str) -> str:
    num = f'<span class="num">{esc(number)}</span>' if number != "" else ""
    return f'<section id="{esc(anchor)}"><h2>{num}{esc(title)}</h2>{body}</section>'


def toc(entries: list[tuple[str, str]], letters: bool = False) -> str:
    kind = ' type="A"' if letters else ""
    return f'<nav class="toc" aria-label="Contents"><ol{kind}>' + "".join(f'<li><a href="#{esc(a)}">{esc(t)}</a></li>' for a, t in entries) + "</ol></nav>"


def facts(items: list[tuple[str, str]]) -> str:
    return '<dl class="facts">' + "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in items) + "</dl>"


def page(title: str, body: str, footer: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>{body}"
            f"<footer>{footer}</footer></main></body></html>\n")


def render_html(report: dict) -> str:
    """The whole page for a game report, a role's report, or a comparison."""
    if report.get("kind") == "compare":
        from .html_view import compare_html

        return compare_html(report)
    from .html_game import full_html
    from .html_view import role_view_html

    if report.get("kind") == "role":  # an unfinished game seen by one role: no reveal
        view = report["role_view"]
        footer = "Generated by Demarche from a saved game, replayed and its state hash verified. Only this role's view: the game is not finished."
        return page(f"After-action review — {view['title']} — {view['role_name']}", role_view_html(view), footer)
    head = report["header"]
    title = f"After-action review — {head['title']}"
    body = ""
    if "role_view" in report:
        view = report["role_view"]
        title = f"After-action review — {head['title']} — {view['role_name']}"
        body += role_view_html(view)
        body += ('<div class="reveal" id="reveal"><div class="eyebrow" style="color:#9fd3f5">Full reveal</div>'
                 "<h2>Full reveal: the whole game</h2><p>Everything from here on was hidden from at least one seat during play: "
                 "every seat's orders and reasons, hidden meters, the causes of consequences, and the facilitator's log.</p></div>")
    body += full_html(report)
    footer = f"Generated by Demarche from {esc(head['save'] or 'a saved game')}. The save was replayed and its final state hash verified."
    return page(title, body, footer)
