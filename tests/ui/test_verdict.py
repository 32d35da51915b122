"""The verdict at the game's end: the shared outcome, the seats ranked, the key meters charted round by
round from the replayed log; and the debrief's cited meters, as the board showed them.

``fixtures/mid_round.toml`` reads a value no board shows: a speech takes legitimacy from 45 to 43, the
consequence's condition holds at 43, and the unrest leaves it at 41 by the end of round 1."""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest

from game.review.replay import Replay
from game.rules.state import Order, Outcome, Resolve, Score, Submit
from game.scenario import resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game
from game.session.meta import SeatMeta
from game.session.slots import saves_dir
from game.ui import text as ui_text
from game.ui.chart import SMALL, TITLE, MeterChart, scale
from game.ui.ranking import ranked
from game.ui.run import build_app
from game.ui.screens.endgame import debrief_html
from game.ui.screens.verdict import key_meters

from .driver import Driver

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mid_round.toml"
SIZES = [(1280, 800), (1024, 700)]


def mid_round_game() -> Game:
    """Ana's speech in round 1, then two quiet rounds: Ana 3 points, Bo 0."""
    game = Game.from_path(FIXTURE, seed=1)
    for n in range(3):
        game.do(Submit("foreign", (Order("speech" if n == 0 else "wait"),)))
        game.do(Submit("defence", (Order("wait"),)))
        game.do(Resolve())
    game.meta.seats = {"foreign": SeatMeta("Ana", None), "defence": SeatMeta("Bo", None)}
    return game


def bots_game(scenario_id: str, seed: int, bots: str = "greedy") -> Game:
    game = Game.from_path(resolve_scenario(scenario_id), seed=seed)
    autoplay(game, bots)
    roles = game.scenario.role_ids
    game.meta.seats = {
        r: SeatMeta(f"Player {i + 1}", None) if i < 2 else SeatMeta("", bots) for i, r in enumerate(roles)
    }
    return game


def on_verdict(game: Game, size=(1280, 800)):
    """The board opened on the finished game's save: past the last news, on the verdict."""
    path = saves_dir() / f"{game.scenario.id}-verdict.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    game.save(path)
    app = build_app(load=path, size=size)
    d = Driver(app)
    for _ in range(10):
        if d.screen_name == "VerdictScreen":
            d.frame(2)
            return app, d
        d.key(pygame.K_SPACE)
    raise AssertionError(f"never reached the verdict, stopped on {d.screen_name}")


def ranking_of(app) -> list[tuple[int | None, str, int, int]]:
    """(place, seat, points, possible) of each line of the ranking, best first, checked against what the
    frame drew: each seat's line after the one before it, with its points."""
    drawn = list(ui_text.DRAWN)
    at = drawn.index("Ranking")
    for s in app.screen.standings:
        line = s.seat + (" (tied)" if s.tied else "")
        at = next(i for i, x in enumerate(drawn) if i > at and x and line.startswith(x))
        assert f"{s.points} of {s.possible}" in drawn[at - 1 : at + 4]
        assert s.place is None or drawn[at - 1] == f"{s.place}."
    return [(s.place, s.seat, s.points, s.possible) for s in app.screen.standings]


def test_the_verdict_ranks_every_seat_by_its_score():
    app, d = on_verdict(mid_round_game())
    assert ranking_of(app) == [(1, "Ana (Foreign Ministry)", 3, 5), (2, "Bo (Defence Ministry)", 0, 2)]
    assert "Ana (Foreign Ministry) — 3 of 5" in app.screen.objectives.html_text.replace("<b>", "").replace("</b>", "")
    screen = d.text()
    assert "Verdict — A value read mid-round" in screen
    assert "The game is over" in screen and "Shared loss" not in screen, "a scenario with no shared collapse"


@pytest.mark.parametrize(
    "scenario_id,seed", [("red_lines", 1), pytest.param("sanctions_coalition", 2, marks=pytest.mark.slow)]
)
def test_a_bundled_game_lists_every_seat_in_score_order(scenario_id, seed):
    game = bots_game(scenario_id, seed)
    app, _ = on_verdict(game)
    shown = ranking_of(app)
    by_role = {s.role: s for s in game.state.outcome.scores}
    assert [s.role for s in app.screen.standings] != [] and len(shown) == len(game.scenario.roles)
    for standing, (place, seat, points, possible) in zip(app.screen.standings, shown, strict=True):
        score = by_role[standing.role]
        assert seat.startswith(app.hotseat.seat_label(standing.role)) and seat.endswith("(bot)") == (
            game.meta.seats[standing.role].bot is not None
        )
        assert (points, possible) == (score.points, score.possible)
        assert place == 1 + sum(1 for s in by_role.values() if s.points > points)
    assert [p for _, _, p, _ in shown] == sorted((p for _, _, p, _ in shown), reverse=True)
    assert not game.state.outcome.lost and "The situation held" in app.frame_text()


def test_a_shared_loss_is_said_first_and_ranks_no_one():
    game = bots_game("red_lines", 1, "random")  # the random table collapses Veyra's partnership
    assert game.state.outcome.lost
    app, d = on_verdict(game)
    screen = d.text()
    assert "Shared loss" in screen and f"Round {game.state.outcome.round}:" in screen
    shown = ranking_of(app)
    assert [place for place, *_ in shown] == [None] * len(game.scenario.roles), "no places when everyone loses"
    assert [points for _, _, points, _ in shown] == [0] * len(shown)
    assert "no seat scores" in screen


def test_each_chart_has_a_point_per_round_at_the_replayed_values():
    game = mid_round_game()
    axis, rows = Replay(game.scenario, game.seed, game.actions).series()
    app, d = on_verdict(game)
    screen = app.screen
    assert screen.paths == ["legitimacy", "cohesion", "unrest", "foreign.standing"]
    assert [c.title for c in screen.charts] == [
        "Our legitimacy",
        "Government cohesion",
        "Unrest in the capital",
        "Ana (Foreign Ministry): Standing in cabinet",
    ]
    for path, chart in zip(screen.paths, screen.charts, strict=True):
        assert len(chart.points) == len(axis) == game.scenario.rounds + 1
        assert [p.value for p in chart.points] == rows[path]
        assert [p.centre[0] for p in chart.points] == sorted(p.centre[0] for p in chart.points)
    legitimacy = screen.charts[0]
    assert [p.value for p in legitimacy.points] == [45, 41, 39, 37]
    drawn = ui_text.DRAWN
    assert "higher is better" in drawn and "lower is better" in drawn  # unrest is good low
    assert "end of round (0: the start)" in drawn
    # The value of a round on hover: round 1's point, 41 (never the 43 read mid-round).
    point = legitimacy.points[1]
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=point.centre, rel=(0, 0), buttons=(0, 0, 0)))
    d.frame(2)
    assert "At the end of round 1: 41" in d.text()


def test_every_key_meter_is_charted_once_across_the_pages():
    game = bots_game("red_lines", 1)
    axis, rows = Replay(game.scenario, game.seed, game.actions).series()
    app, d = on_verdict(game)
    screen = app.screen
    sc = game.scenario
    expected = key_meters(sc, lambda p: True)
    assert screen.paths == expected
    assert [m.id for m in sc.global_meters] == expected[: len(sc.global_meters)]
    assert "promise_gap" in expected, "the game is over: a meter hidden in play is charted too"
    assert not any(p.endswith(".capital") for p in expected), "capital refills every round: not a key meter"
    assert {f"{r.id}.standing" for r in sc.roles} <= set(expected)
    charted: list[str] = []
    for _ in range(screen.pages()):
        assert screen.charts, "every page shows charts"
        for path, chart in zip(screen.page_paths(), screen.charts, strict=True):
            assert [p.value for p in chart.points] == rows[path] and len(chart.points) == len(axis)
            assert sc.meters[path].label in chart.title
            charted.append(path)
        d.key(pygame.K_PAGEDOWN)
        d.frame()
    assert charted == expected
    assert screen.pages() > 1 and not screen.following.is_enabled
    d.key(pygame.K_PAGEUP)
    assert screen.previous.is_enabled and screen.following.is_enabled


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "scenario_id,seed",
    [
        ("red_lines", 1),
        pytest.param("neutral_mandate", 2, marks=pytest.mark.slow),  # (the other scenarios' verdicts: the slow run)
        pytest.param("sanctions_coalition", 3, marks=pytest.mark.slow),
    ],
)
def test_the_verdict_fits_the_window_and_cuts_no_text(scenario_id, seed, size):
    app, d = on_verdict(bots_game(scenario_id, seed), size)
    screen = app.screen
    w, h = app.size
    assert (w, h) == size
    for _ in range(screen.pages()):
        d.frame()
        window = pygame.Rect(0, 0, w, h)
        ranking, charts_area = screen.columns()
        for chart in screen.charts:
            assert charts_area.contains(chart.rect), (chart.title, chart.rect)
            assert chart.rect.w >= 230 and chart.rect.h >= 180, "a chart stays legible"
            assert not chart.rect.colliderect(ranking)
            assert all(chart.rect.collidepoint(p.centre) for p in chart.points)
            assert chart.tick_gap >= ui_text.font(SMALL).get_linesize(), f"{chart.title}: its scale's labels touch"
        for e in screen.elements:
            assert window.contains(e.rect), f"{type(e).__name__} {e.rect} sticks out of {size}"
        cut = [s for s in app.frame_text().split("\n") if "…" in s]
        assert not cut, f"cut on the verdict at {size}: {cut}"
        d.key(pygame.K_PAGEDOWN)
    assert SMALL >= 12 and TITLE >= 12


def test_seats_with_equal_points_share_a_place():
    scores = tuple(Score(r, p, 5, (), ()) for r, p in (("a", 2), ("b", 4), ("c", 2), ("d", 1)))
    places = ranked(Outcome(False, "", 3, scores))
    assert [(place, s.role) for place, s in places] == [(1, "b"), (2, "a"), (2, "c"), (4, "d")]


def test_a_flat_run_says_its_value_once():
    pygame.init()
    ui_text.forget()  # fonts die with an earlier test's pygame.quit()
    values = [50, 50, 54, 54, 54, 57, 57]
    chart = MeterChart("A meter", [f"R{i}" if i else "Start" for i in range(len(values))], values, (0, 100))
    ui_text.DRAWN.clear()
    chart.draw(pygame.Surface((700, 320)), pygame.Rect(0, 0, 700, 320))
    assert [p.value for p in chart.points] == values
    assert [p.index for p in chart.points if p.labelled] == [0, 2, 6], "the run to the end is labelled at its end"
    numbers = [x for x in ui_text.DRAWN if x.isdigit()]
    assert numbers[-3:] == ["50", "54", "57"], "after the scale's ticks, each value once"


def test_the_scale_is_in_whole_steps_inside_the_meters_bounds():
    assert scale(50, 82, 0, 100) == (50, 90, 10)
    assert scale(54, 54, 0, 100) == (52, 56, 1)
    assert scale(0, 16, 0, 16) == (0, 16, 5)
    lo, hi, step = scale(96, 100, 0, 100)
    assert hi == 100 and lo <= 96 and step == 1
    assert scale(17, 28, 0, 80, steps=2) == (10, 30, 10), "a short plot: fewer, wider steps"


def test_the_debrief_cites_the_meters_the_board_showed():
    game = mid_round_game()
    fired = next(e for e in game.state.events if e.kind == "consequence")
    ((name, traced),) = fired.cause.values
    axis, rows = Replay(game.scenario, game.seed, game.actions).series()
    before, after = rows[name][0], rows[name][1]
    assert traced not in (before, after), "the fixture's condition reads a value no board showed"
    app, d = on_verdict(game)
    d.key(pygame.K_RETURN)
    assert d.screen_name == "DebriefScreen"
    page = app.screen.box.html_text
    line = next(x for x in page.split("<br>") if "Our legitimacy" in x)
    cited = [int(n) for n in re.findall(r"\b(\d+) at ", line)]
    assert cited == [before, after] == [45, 41]
    assert line.endswith("Our legitimacy — 45 at the start, 41 at the end of round 1")
    assert f"{traced}" not in re.sub(r"round \d+", "", line)
    assert page == debrief_html(app.hotseat), "the verdict's replay and the debrief's own give the same page"
    d.key(pygame.K_ESCAPE)
    assert d.screen_name == "VerdictScreen"
