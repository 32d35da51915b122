"""Facilitator actions appear in the timeline and the log, with their reasons, escaped in every format."""

import json

from game.review.report import build_report, render, report_for_save
from game.rules.model import ScheduledInject
from game.rules.state import Inject, Note, Order, Reschedule, Resolve, SetMode, Submit
from tests.report.conftest import NASTY, NOTE
from tests.report.htmlcheck import check_page
from tests.rules.builders import make_scenario


def items(report, kind=None):
    return [
        dict(i, round=r["round"]) for r in report["timeline"] for i in r["items"] if kind is None or i["kind"] == kind
    ]


def test_every_facilitator_action_is_in_the_timeline_with_its_reason(facilitated):
    report = report_for_save(facilitated).to_json()
    notes = items(report, "note")
    assert [(n["round"], n["text"], n["about_name"]) for n in notes] == [(1, NOTE, "Defence Ministry"), (1, NASTY, "")]
    assert all(n["facilitator"] for n in notes)
    assert report["notes"] == [
        {"round": 1, "about": "defence", "about_name": "Defence Ministry", "text": NOTE},
        {"round": 1, "about": "", "about_name": "", "text": NASTY},
    ]
    assert [(m["round"], m["text"]) for m in items(report, "mode")] == [
        (1, "Adjudication mode: semi-rigid."),
        (3, "Adjudication mode: rigid."),
    ]
    assert report["header"]["modes"] == [{"mode": "semi-rigid", "from_round": 1}, {"mode": "rigid", "from_round": 3}]
    (adjust,) = items(report, "adjust")
    assert adjust["reason"] == "Adjust-reason: a riot the scenario does not model"
    assert adjust["changes"] == [
        {"path": "stability", "label": "Regional stability", "before": 54, "after": 47, "delta": -7}
    ]
    (override,) = items(report, "override")
    (o,) = override["overrides"]
    assert o["reason"] == "Override-reason: the minister called ahead" and o["round"] == 1
    assert o["delta"] != o["proposed"] and abs(o["delta"] - o["proposed"]) == 1 and o["event"]
    started = {i["crisis"]: i for i in items(report, "crisis_started")}
    assert started["mass_grave"]["facilitator"] and started["mass_grave"]["how"] == "injected by the facilitator"
    assert started["mass_grave"]["reason"] == "Inject-reason: test their nerve" and started["mass_grave"]["round"] == 2
    assert started["port_bombing"]["facilitator"] and "published early" in started["port_bombing"]["how"]
    assert (
        started["port_bombing"]["reason"] == "Publish-reason: the room is ready"
        and started["port_bombing"]["round"] == 3
    )
    assert not started["detention_leak"]["facilitator"]
    (defer,) = items(report, "schedule")
    assert defer["op"] == "defer" and defer["reason"] == "Defer-reason: running late" and "round 4" in defer["text"]
    crises = {c["id"]: c for c in report["crises"]}
    assert crises["mass_grave"]["facilitator"] and not crises["detention_leak"]["facilitator"]
    kinds = [a["kind"] for a in report["facilitator_actions"]]
    assert kinds == [
        "note",
        "note",
        "mode",
        "adjust",
        "override",
        "crisis_started",
        "schedule",
        "crisis_started",
        "mode",
    ]


def test_facilitator_actions_render_escaped_in_html_md_and_json(facilitated):
    report = report_for_save(facilitated).to_json()
    html = render(report, "html")
    check_page(html)
    log = html[html.index('id="facilitator"') :]
    for reason in ("Adjust-reason", "Override-reason", "Inject-reason", "Defer-reason", "Publish-reason", NOTE):
        assert reason in log
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and "<script>" not in html
    assert "Reason-FOREIGN-SECRET: show resolve &lt;b&gt;before&lt;/b&gt; the summit" in html
    assert html.count("badge b-fac") >= 9
    md = render(report, "md")
    assert "\\<script\\>" in md and "<script>" not in md and "\\| pipe" in md
    assert md.count("**[Facilitator]**") >= 9
    data = json.loads(render(report, "json"))
    assert data["notes"][1]["text"] == NASTY


def test_skips_and_injects_in_a_model_built_scenario():
    sc = make_scenario(rounds=3, schedule=(ScheduledInject(2, "coup", "Test their nerve."),))
    quiet = [Submit("foreign", ()), Submit("defence", ()), Resolve()]
    actions = [
        SetMode("semi-rigid"),
        SetMode("rigid"),
        Note("Opening", None),
        Reschedule(0, "skip", reason="Skip-reason: no time"),
    ]
    actions += [
        Submit("foreign", (Order("condemn", "veyra", ("Because",)),)),
        Submit("defence", ()),
        Resolve(),
        Inject("coup", ""),
    ] + quiet * 2
    report = build_report(sc, 7, actions).to_json()
    assert report["header"]["modes"] == [
        {"mode": "rigid", "from_round": 1}
    ]  # switched and back before anything resolved
    (skip,) = items(report, "schedule")
    assert skip["op"] == "skip" and skip["reason"] == "Skip-reason: no time"
    (coup,) = [i for i in items(report, "crisis_started") if i["crisis"] == "coup"]
    assert coup["facilitator"] and coup["round"] == 2 and coup["reason"] == ""
    check_page(render(report, "html"))
