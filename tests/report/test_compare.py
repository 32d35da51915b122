"""Comparing two games of one scenario: diverging decisions, one-sided consequences, outcomes, lineage."""

import json

from game.cli import main
from game.review.compare import compare_saves
from game.review.report import render, report_for_save
from game.scenario import resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game
from game.session.meta import GameMeta, ParentMeta
from tests.report.htmlcheck import check_page


def test_two_seeds_diverge_and_the_report_says_where(saves, tmp_path, capsys):
    a, b = saves["red_lines"][1], saves["red_lines"][2]
    report = compare_saves(a, b).to_json()
    ga, gb = Game.load(a), Game.load(b)
    decisions = report["decisions"]
    first = decisions["first_round"]
    assert first is not None
    orders = {g: {} for g in ("a", "b")}
    for key, game in (("a", ga), ("b", gb)):
        for p in game.state.history:
            orders[key].setdefault((p.round, p.role), []).append((p.instrument, p.target))
    differing = {(r["round"], x["role"]) for r in decisions["rounds"] for x in r["roles"] if x["differs"]}
    expected = {k for k in set(orders["a"]) | set(orders["b"]) if orders["a"].get(k, []) != orders["b"].get(k, [])}
    assert differing == expected and min(r for r, _ in expected) == first
    fired_a = {e.ref for e in ga.state.events if e.kind == "consequence"}
    fired_b = {e.ref for e in gb.state.events if e.kind == "consequence"}
    assert {c["id"] for c in report["consequences"]["only_a"]} == fired_a - fired_b
    assert {c["id"] for c in report["consequences"]["only_b"]} == fired_b - fired_a
    assert {c["id"] for c in report["consequences"]["both"]} == fired_a & fired_b
    assert [(o["role"], o["a"], o["b"]) for o in report["outcomes"]] == [
        (sa.role, sa.points, sb.points) for sa, sb in zip(ga.state.outcome.scores, gb.state.outcome.scores, strict=True)
    ]
    for group in report["meters"]:
        for m in group["meters"]:
            assert len(m["series_a"]) == len(m["series_b"]) == len(report["axis"])
            # a game that ended sooner (a shared loss) has no values for the later rounds
            last_a = [v for v in m["series_a"] if v is not None][-1]
            last_b = [v for v in m["series_b"] if v is not None][-1]
            assert last_a == ga.state.meters[m["path"]] and last_b == gb.state.meters[m["path"]]
    html = render(report, "html")
    check_page(html)
    assert "first divergence" in html and f"<b>Round {first}</b>" in html
    assert "Game A: dashed, hollow circles" in html and 'stroke-dasharray="6 4"' in html
    md = render(report, "md")
    assert f"First diverging round: {first}." in md
    out = tmp_path / "cmp.json"
    assert main(["report", str(a), str(b), "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == "compare" and data["decisions"]["first_round"] == first
    capsys.readouterr()
    assert main(["report", str(a), str(b)]) == 0
    default = a.with_name(f"{a.stem}_vs_{b.stem}.html")
    assert capsys.readouterr().out.strip() == str(default) and default.exists()


def test_different_scenarios_are_refused(saves, capsys):
    code = main(["report", str(saves["red_lines"][1]), str(saves["tutorial"][1])])
    out = capsys.readouterr().out
    assert code == 1
    assert "cannot compare games of different scenarios" in out and "red_lines" in out and "tutorial" in out


def test_a_branch_names_its_parent_and_shares_its_opening(tmp_path):
    parent = autoplay(Game.from_path(resolve_scenario("tutorial"), 3))
    parent_path = tmp_path / "parent.json"
    parent.save(parent_path)
    cut = [i for i, a in enumerate(parent.actions) if type(a).__name__ == "Resolve"][1] + 1  # the start of round 3
    child = Game.from_path(
        resolve_scenario("tutorial"),
        3,
        meta=GameMeta(parent=ParentMeta("parent.json", parent.hash, 3, cut)),
    )
    for action in parent.actions[:cut]:
        child.do(action)
    autoplay(child)
    child_path = tmp_path / "child.json"
    child.save(child_path)
    report = compare_saves(parent_path, child_path).to_json()
    assert report["lineage"] == [
        {
            "child": "B",
            "parent": "A",
            "details": {"file": "parent.json", "final_hash": parent.hash, "round": 3, "actions": cut},
        }
    ]
    assert report["shared_actions"] >= cut and report["shared_rounds"] >= 2
    first = report["decisions"]["first_round"]
    assert first is None or first >= 3
    html = render(report, "html")
    check_page(html)
    assert "Game B was branched from game A at round 3" in html
    assert "branched from game A" in render(report, "md")
    # The branch's own report names its parent too.
    own = render(report_for_save(child_path), "html")
    assert "What-if branch" in own and "parent.json" in own and "round 3" in own
