"""The review cites a meter a condition read as the board showed it, not at the value it had partway
through a round's resolution (tests/ui/fixtures/mid_round.toml: the speech takes legitimacy from 45 to
43, the condition holds at 43, the unrest leaves it at 41; no board ever shows 43)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from game.review.build import build_report
from game.review.html import render_html
from game.review.markdown import render_md
from game.review.seen import around, seen_text
from game.rules.state import Order, Resolve, Submit
from game.scenario import resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game

FIXTURE = Path(__file__).resolve().parents[1] / "ui" / "fixtures" / "mid_round.toml"


def mid_round_game() -> Game:
    game = Game.from_path(FIXTURE, seed=1)
    for n in range(3):
        game.do(Submit("foreign", (Order("speech" if n == 0 else "wait"),)))
        game.do(Submit("defence", (Order("wait"),)))
        game.do(Resolve())
    assert game.state.over
    return game


def test_a_condition_value_is_cited_at_the_round_ends_around_its_check():
    game = mid_round_game()
    fired = next(e for e in game.state.events if e.kind == "consequence")
    assert fired.cause.values == (("legitimacy", 43),), "the fixture's condition reads 43 partway through round 1"
    report = build_report(game.scenario, game.seed, game.actions)
    (c,) = report.consequences
    (v,) = c.values
    assert (v.value, v.before, v.after) == (43, 45, 41)
    legitimacy = next(mt for g in report.meters for mt in g.meters if mt.path == "legitimacy")
    assert [v.before, v.after] == legitimacy.series[:2], "the cited values are the chart's points"
    text = render_md(report)
    assert "Our legitimacy — 45 at the start, 41 at the end of round 1 (the condition read 43 partway" in text
    assert "Our legitimacy = 43" not in text
    page = render_html(report)
    assert "Our legitimacy — <b>45 at the start, 41 at the end of round 1</b>" in page
    assert "(the condition read 43 partway through resolving round 1)" in page


def test_the_words_for_the_values_either_side_of_a_round():
    rows = {"m": [45, 41, 41, 39]}
    assert around(rows, "m", 1) == (45, 41) and around(rows, "m", 3) == (41, 39)
    assert around(rows, "m", 4) is None and around(rows, "other", 1) is None
    assert seen_text(45, 41, 1) == "45 at the start, 41 at the end of round 1"
    assert seen_text(41, 41, 2) == "41 at the end of rounds 1 and 2"
    assert seen_text(41, 39, 3) == "41 at the end of round 2, 39 at the end of round 3"


def test_a_shared_loss_is_explained_by_the_values_at_the_end_of_its_round():
    """``lose_when`` is checked once the round is over, at values the board shows: they are cited as such."""
    game = Game.from_path(resolve_scenario("red_lines"), seed=1)
    autoplay(game, "random")  # the random table lets the partnership collapse in round 6
    report = build_report(game.scenario, game.seed, game.actions)
    out = report.header.outcome
    assert out is not None and out.lost and out.trace is not None and out.trace.values
    assert all(v.value == v.after for v in out.trace.values if v.kind == "meter")
    reasons = "; ".join(f"{v.label} = {v.value}" for v in out.trace.values)
    assert f"(Because {escape(reasons)} at the end of round {out.round}.)" in render_html(report)
