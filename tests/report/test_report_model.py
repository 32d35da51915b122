"""The full report of autoplayed games: every consequence with its cause and lesson, every meter, every objective."""

import json
import re
from html import escape

import pytest

from game.cli import main
from game.review.build import clean
from game.review.report import build_report, render, report_for_save
from game.rules.model import start_values
from game.rules.state import Order, Resolve, Submit
from game.session.game import Game
from tests.report.conftest import SCENARIO_IDS
from tests.report.htmlcheck import check_page
from tests.rules.builders import make_scenario

CASES = [(sid, seed) for sid in SCENARIO_IDS for seed in (1, 2)]


def card(html: str, anchor: str) -> tuple[str, str]:
    """The card holding the firing ``anchor`` names, and that firing's own part of it: the whole card for a
    consequence that fired once, its block in the card of one that fired several times."""
    at = html.index(f'id="{anchor}"')
    start = html.rindex("<article", 0, at)
    whole = html[start : html.index("</article>", start)]
    if html.startswith('<article class="card" ', start):
        return whole, whole
    assert html.startswith('<div class="firing" ', html.rindex("<", 0, at))
    end = min(i for i in (html.find('<div class="firing"', at), html.index("</article>", at)) if i >= 0)
    return whole, html[at:end]


@pytest.mark.parametrize("sid,seed", CASES)
def test_every_fired_consequence_has_its_cause_and_lesson_in_json_and_html(saves, tmp_path, capsys, sid, seed):
    path = saves[sid][seed]
    game = Game.load(path)
    sc = game.scenario
    fired = [e for e in game.state.events if e.kind == "consequence"]
    out = tmp_path / "r.json"
    assert main(["report", str(path), "--format", "json", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["format"] == "demarche-report" and report["kind"] == "game"
    assert len(report["consequences"]) == len(fired)
    html = render(report, "html")
    check_page(html)
    for event, entry in zip(fired, report["consequences"], strict=True):
        c = sc.consequence(event.ref)
        assert entry["id"] == c.id and entry["fired"] == event.round
        assert entry["held"] == event.cause.round and entry["apart"] == event.round - event.cause.round
        assert entry["lesson"] == clean(c.debrief) and entry["lesson"]
        got = sorted((o["round"], o["role"], o["instrument"], o["target"]) for o in entry["orders"])
        assert got == sorted((p.round, p.role, p.instrument, p.target) for p in event.cause.orders)
        assert [v["name"] for v in entry["values"]] == [n for n, _ in event.cause.values]
        assert entry["values"] or entry["orders"], "a consequence fired for no recorded reason"
        # The HTML card carries the same cause and lesson, escaped.
        whole, html_card = card(html, entry["anchor"])
        assert escape(entry["lesson"]) in whole
        assert f"round {entry['held']}" in html_card
        for o in entry["orders"]:
            assert escape(o["instrument_name"]) in html_card and escape(o["role_name"]) in html_card
        for v in entry["values"]:
            assert escape(v["label"] if v["kind"] == "meter" else v["name"]) in html_card


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_meters_objectives_and_header(saves, sid):
    path = saves[sid][1]
    game = Game.load(path)
    sc, state = game.scenario, game.state
    report = report_for_save(path).to_json()
    head = report["header"]
    assert head["scenario_id"] == sc.id and head["seed"] == 1 and head["content_hash_short"] == sc.content_hash[:12]
    assert head["created"] and head["save"] == path.name
    assert [s["kind"] for s in head["seats"]] == ["human" if i % 2 == 0 else "bot" for i in range(len(sc.roles))]
    assert head["modes"] == [{"mode": "rigid", "from_round": 1}]
    assert report["learning_objectives"] == [clean(o) for o in sc.objectives]
    assert report["debrief"] == [clean(q) for q in sc.debrief]
    # Every meter, hidden ones too, with a value at the start and after each round.
    series = {m["path"]: m for g in report["meters"] for m in g["meters"]}
    assert set(series) == set(sc.meters)
    assert report["axis"] == ["Start"] + [f"R{r}" for r in range(1, state.round + 1)]
    starts = start_values(sc)
    for path_, m in series.items():
        assert len(m["series"]) == len(report["axis"])
        assert m["series"][0] == starts[path_] and m["series"][-1] == state.meters[path_]
    # Each round's last logged change of a meter is its value at the end of that round.
    for r in range(1, state.round + 1):
        last = {}
        for e in state.events:
            if e.round == r:
                last.update({c.path: c.after for c in e.changes})
        for path_, value in last.items():
            assert series[path_]["series"][r] == value
    # Objectives: met or missed as scored, with the meters they read.
    scores = {s.role: s for s in state.outcome.scores}
    for s in report["scores"]:
        assert s["points"] == scores[s["role"]].points
        for obj in s["objectives"]:
            assert obj["status"] == ("met" if obj["id"] in scores[s["role"]].met else "missed")
            reads = sc.role(s["role"]).objectives
            expr = next(o for o in reads if o.id == obj["id"]).when
            wanted = {f"{s['role']}.{p[5:]}" if p.startswith("self.") else p for p in expr.reads}
            assert wanted <= {v["path"] for v in obj["values"]}
            if "used(" in expr.source:
                assert any(v["kind"] == "count" for v in obj["values"])


def test_pending_consequences_and_unfinished_games():
    sc = make_scenario(rounds=2)
    quiet = [Submit("foreign", ()), Submit("defence", ()), Resolve()]
    actions = quiet + [
        Submit("foreign", (Order("condemn", "veyra", ("Make it loud",)),)),
        Submit("defence", ()),
        Resolve(),
    ]
    report = build_report(sc, 7, actions).to_json()
    assert [p["id"] for p in report["pending"]] == ["freeze"]
    pending = report["pending"][0]
    assert pending["held"] == 2 and pending["fire_round"] == 3 and pending["lesson"]
    assert pending["orders"][0]["instrument"] == "condemn" and pending["orders"][0]["reasons"] == ["Make it loud"]
    html = render(report, "html")
    check_page(html)
    assert "Still on their way" in html and "Make it loud" in html
    assert "Pending" in render(report, "md")
    # A game saved mid-way: no scores yet, the last point is "now".
    half = build_report(sc, 7, quiet + [Submit("foreign", ())]).to_json()
    assert half["header"]["outcome"] is None and half["axis"][-1] == "R2 (now)"
    assert all(o["status"] == "open" for s in half["scores"] for o in s["objectives"])
    check_page(render(half, "html"))
    assert "Unfinished" in render(half, "html")


def test_markdown_has_every_section_and_escapes(saves):
    report = report_for_save(saves["red_lines"][1]).to_json()
    text = render(report, "md")
    for heading in (
        "# After-action review",
        "## Learning objectives",
        "## Outcome and objectives",
        "## Consequences and their causes",
        "## Meters over the rounds",
        "## Round by round",
        "## Facilitator's log",
        "## Questions for the debrief",
    ):
        assert heading in text
    for c in report["consequences"]:
        assert c["title"].split()[0] in text
    assert "**Lesson.**" in text
    assert not re.search(r"(?<!\\)<script", text)
