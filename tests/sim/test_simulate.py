"""demarche simulate: the same report for the same seed, what it contains, its JSON, its warnings, exit codes."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import bundled_dir, load_scenario_with_files, resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game
from game.sim import BotSpec, BotSpecError, GameRecord, parse_bot_spec, play_game, run_games, seat_plan, simulate
from game.sim.report import THRESHOLDS, build_report, winners


def load(path):
    return load_scenario_with_files(path)


TUTORIAL = resolve_scenario("tutorial")


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def copy_tutorial(tmp_path: Path, library_edit=None, scenario_edit=None) -> Path:
    """The bundled tutorial and its library in tmp_path, each optionally edited as text."""
    (tmp_path / "library").mkdir()
    scenario = (bundled_dir() / "tutorial.toml").read_text(encoding="utf-8")
    library = (bundled_dir() / "library" / "instruments.toml").read_text(encoding="utf-8")
    for text, edit, dest in (
        (scenario, scenario_edit, tmp_path / "tutorial.toml"),
        (library, library_edit, tmp_path / "library" / "instruments.toml"),
    ):
        if edit:
            old, new = edit
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        dest.write_text(text, encoding="utf-8")
    return tmp_path / "tutorial.toml"


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_report_whatever_the_jobs():
    sc, files, main_key = load(TUTORIAL)
    spec = parse_bot_spec("random,greedy", sc.role_ids)
    one = simulate(files, main_key, 40, spec, seed=7, jobs=1, scenario=sc)
    two = simulate(files, main_key, 40, spec, seed=7, jobs=2, scenario=sc)
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert {b for r in one["roles"] for b in r["bots"]} == {"random", "greedy"}
    other = simulate(files, main_key, 40, spec, seed=8, jobs=1, scenario=sc)
    assert other != one


def test_cli_json_is_the_same_with_one_or_two_processes(capsys):
    code, out1, _ = run(capsys, "simulate", "tutorial", "-n", "30", "--seed", "5", "--json", "--jobs", "1")
    assert code == 0
    code, out2, _ = run(capsys, "simulate", "tutorial", "-n", "30", "--seed", "5", "--json", "--jobs", "2")
    assert code == 0 and out1 == out2


def test_a_game_of_the_report_is_the_autoplay_game_with_that_seed():
    sc, files, main_key = load(TUTORIAL)
    spec = parse_bot_spec("random,greedy", sc.role_ids)
    for i in (0, 5, 13):
        bots = seat_plan(spec, sc.role_ids, 100, i)
        record = play_game(sc, i, 100, bots)
        game = autoplay(Game(sc, files, main_key, 100 + i), dict(zip(sc.role_ids, bots, strict=True)))
        outcome = game.state.outcome
        assert record.seed == 100 + i
        assert record.points == tuple(s.points for s in outcome.scores)
        assert record.lost == outcome.lost and record.rounds == outcome.round
        assert [c for c, _ in record.fired] == sorted({c for c, _ in game.state.fired})


def test_seat_plan_draws_from_the_mix_deterministically():
    roles = ("a", "b", "c")
    spec = BotSpec(mix=("random", "greedy"), fixed=(("b", "greedy"),))
    plans = [seat_plan(spec, roles, 42, i) for i in range(200)]
    assert plans == [seat_plan(spec, roles, 42, i) for i in range(200)]
    assert all(p[1] == "greedy" for p in plans)
    for j in (0, 2):
        share = sum(p[j] == "greedy" for p in plans) / len(plans)
        assert 0.35 < share < 0.65
    assert plans != [seat_plan(spec, roles, 43, i) for i in range(200)]


def test_parse_bot_spec():
    roles = ("foreign", "defence")
    assert parse_bot_spec("random", roles) == BotSpec(("random",))
    assert parse_bot_spec("random, greedy", roles) == BotSpec(("random", "greedy"))
    assert parse_bot_spec("defence=greedy", roles) == BotSpec(("random",), (("defence", "greedy"),))
    assert parse_bot_spec("defence=greedy,foreign=random", roles).fixed == (
        ("foreign", "random"),
        ("defence", "greedy"),
    )
    assert parse_bot_spec("foreign=greedy,random,greedy", roles) == BotSpec(
        ("random", "greedy"), (("foreign", "greedy"),)
    )
    for bad, why in (
        ("clever", "unknown bot"),
        ("spy=random", "unknown role"),
        ("foreign=greedy,foreign=random", "twice"),
        ("", "empty"),
        ("random,,greedy", "empty"),
    ):
        with pytest.raises(BotSpecError, match=why):
            parse_bot_spec(bad, roles)


# --------------------------------------------------------------------------- contents


def test_report_contents_of_a_small_tutorial_run():
    sc, files, main_key = load(TUTORIAL)
    n, seed = 40, 300
    report = simulate(files, main_key, n, BotSpec(), seed=seed, jobs=1, scenario=sc)
    games = [autoplay(Game(sc, files, main_key, seed + i), "random").state.outcome for i in range(n)]

    assert report["games"] == n and report["seed"] == seed and report["scenario"]["id"] == "tutorial"
    assert report["shared_loss_rate"] == round(sum(g.lost for g in games) / n, 4)
    assert report["thresholds"] == THRESHOLDS and "win" in report["definitions"]
    assert [r["id"] for r in report["roles"]] == list(sc.role_ids)
    for j, (role, entry) in enumerate(zip(sc.roles, report["roles"], strict=True)):
        points = [g.scores[j].points for g in games]
        s = entry["score"]
        assert s["mean"] == round(statistics.fmean(points), 4)
        assert s["median"] == statistics.median(points) and s["min"] == min(points) and s["max"] == max(points)
        assert sum(b["games"] for b in s["histogram"]) == n
        assert [b["from"] for b in s["histogram"]] == list(range(0, entry["possible"] + 1))
        assert entry["bots"] == {"random": n}
        assert 0 <= entry["all_objectives_rate"] <= entry["win_rate"] <= 1
        for ob in entry["objectives"]:
            assert ob["met_rate"] == round(sum(ob["id"] in g.scores[j].met for g in games) / n, 4)
        rows = [r for r in report["instruments"] if r["role"] == role.id]
        assert [r["instrument"] for r in rows] == list(role.instruments)
        for r in rows:
            assert r["use_rate"] == round(r["games_used"] / n, 4)
            if r["difference"] is not None:
                total = r["mean_with"] * r["games_used"] + r["mean_without"] * (n - r["games_used"])
                assert total == pytest.approx(sum(points), abs=0.01)
                assert r["difference"] == pytest.approx(r["mean_with"] - r["mean_without"], abs=1e-3)
                if len({g.round for g in games}) == 1:
                    assert r["difference_within_bot"] == pytest.approx(r["difference"], abs=1e-3), (
                        "one bot, games of one length: the same comparison"
                    )
    assert [c["id"] for c in report["consequences"]] == [c.id for c in sc.consequences]
    assert report["never_fired"] == [c["id"] for c in report["consequences"] if c["fire_rate"] == 0]
    assert [c["id"] for c in report["crises"]] == [c.id for c in sc.crises]
    assert report["crises"][0]["fire_rate"] == 1.0, "the tutorial's crisis breaks in round 2 of every game"
    assert report["mean_rounds"] <= sc.rounds


def test_win_definition():
    sc, _, _ = load(TUTORIAL)  # foreign: 2+1 points, defence: 2+1 points

    def record(points, met, lost=False):
        return GameRecord(0, 0, ("random", "random"), lost, 4, points, met, ((), ()), (), ())

    assert winners(sc, record((3, 2), (("reform", "legitimacy"), ("cooperation",)))) == {0}
    assert winners(sc, record((2, 2), (("reform",), ("cooperation",)))) == {0, 1}, "ties all win"
    assert winners(sc, record((3, 3), (("reform", "legitimacy"), ("cooperation", "deter_halvard")))) == {0, 1}
    assert winners(sc, record((0, 0), ((), ()))) == set(), "a share of 0 never wins"
    assert winners(sc, record((0, 0), (("reform", "legitimacy"), ()), lost=True)) == set()


def test_json_shape(capsys):
    code, out, err = run(
        capsys, "simulate", "tutorial", "-n", "40", "--json", "--jobs", "1", "--bots", "foreign=greedy"
    )
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {
        "scenario",
        "games",
        "seed",
        "with",
        "left_out",
        "bots",
        "definitions",
        "thresholds",
        "shared_loss_rate",
        "mean_rounds",
        "deals",
        "roles",
        "instruments",
        "unused_instruments",
        "consequences",
        "never_fired",
        "crises",
        "never_started",
        "inject_only",
        "meters",
        "idle_rounds",
        "warnings",
    }
    assert data["bots"] == {"mix": ["random"], "fixed": {"foreign": "greedy"}}
    assert data["deals"] == {"games_with_a_deal": 0.0, "offered": 0.0, "accepted": 0.0, "kept": 0.0, "broken": 0.0}
    role = data["roles"][0]
    assert set(role) == {"id", "name", "possible", "bots", "score", "win_rate", "all_objectives_rate", "objectives"}
    assert set(role["score"]) == {"mean", "median", "min", "max", "stdev", "histogram"}
    assert set(role["score"]["histogram"][0]) == {"from", "to", "games"}
    assert set(data["instruments"][0]) == {
        "role",
        "instrument",
        "name",
        "games_used",
        "use_rate",
        "uses",
        "mean_with",
        "mean_without",
        "difference",
        "difference_within_bot",
    }
    assert set(data["consequences"][0]) == {"id", "title", "fire_rate", "fires_per_game"}
    assert set(data["crises"][0]) == {"id", "title", "fire_rate", "inject_only"}
    assert all({"kind", "message"} <= set(w) for w in data["warnings"])
    assert role["bots"] == {"greedy": 40}
    assert set(data["meters"][0]) == {
        "id",
        "label",
        "min",
        "max",
        "final_mean",
        "final_at_min_rate",
        "final_at_max_rate",
        "final_at_bound_rate",
    }


# --------------------------------------------------------------------------- warnings


def test_an_overpowered_instrument_is_flagged(tmp_path):
    """Public diplomacy made to add 40 pressure and 30 legitimacy: it nearly wins the
    Foreign Ministry's objectives on its own, and the report says so."""
    path = copy_tutorial(
        tmp_path,
        library_edit=(
            'effects = { "target.trust" = 1, "target.pressure" = 2, "legitimacy" = 2 }',
            'effects = { "target.trust" = 10, "target.pressure" = 40, "legitimacy" = 30 }',
        ),
    )
    sc, files, main_key = load(path)
    report = simulate(files, main_key, 200, BotSpec(), seed=1, jobs=1, scenario=sc)
    dominant = [(w["role"], w["instrument"]) for w in report["warnings"] if w["kind"] == "dominant_instrument"]
    assert dominant == [("foreign", "public_diplomacy")]
    row = next(r for r in report["instruments"] if r["instrument"] == "public_diplomacy")
    assert row["use_rate"] > THRESHOLDS["dominant_use"] and row["difference"] >= THRESHOLDS["dominant_gain"] * 3

    sc, files, main_key = load(TUTORIAL)
    plain = simulate(files, main_key, 200, BotSpec(), seed=1, jobs=1, scenario=sc)
    assert not [w for w in plain["warnings"] if w["kind"] == "dominant_instrument"]


def test_shared_loss_and_unwinnable_roles_are_flagged(tmp_path, capsys):
    """lose_when that holds at the end of round 1: every game is a shared loss, nobody can win."""
    path = copy_tutorial(
        tmp_path, scenario_edit=('lose_when = "cooperation <= 15"', 'lose_when = "cooperation <= 100"')
    )
    code, out, err = run(capsys, "simulate", str(path), "-n", "20", "--json", "--jobs", "1")
    assert code == 0, err
    data = json.loads(out)
    assert data["shared_loss_rate"] == 1.0
    kinds = [(w["kind"], w.get("role")) for w in data["warnings"]]
    assert kinds[0] == ("shared_loss", None)
    assert ("cannot_win", "foreign") in kinds and ("cannot_win", "defence") in kinds
    assert "exercise_cancelled" in data["never_fired"], "a consequence two rounds away never comes"
    assert "lawyers_detained" not in data["never_started"], "the crisis of round 1 does"


def _records(sc, n, met_all, fired, final):
    """``n`` synthetic games of ``sc``: role j met all its objectives where ``met_all[j](k)``, the given
    consequence firing counts, and the meters' final values ``final(path, meter, k)``."""
    out = []
    for k in range(n):
        met = tuple(tuple(o.id for o in r.objectives) if met_all[j](k) else () for j, r in enumerate(sc.roles))
        points = tuple(sum(o.points for o in r.objectives) if met_all[j](k) else 0 for j, r in enumerate(sc.roles))
        out.append(
            GameRecord(
                index=k,
                seed=k,
                bots=("random",) * len(sc.roles),
                lost=False,
                rounds=sc.rounds,
                points=points,
                met=met,
                uses=((),) * len(sc.roles),
                fired=fired,
                crises=(),
                final=tuple(final(path, m, k) for path, m in sc.meters.items()),
            )
        )
    return out


def test_dead_game_warnings_from_records():
    """A role that always wins, one that almost never does, objectives always met, a consequence that fires
    four times a game and a meter that ends at its maximum: each is named, with its figure; below the
    thresholds nothing is."""
    sc, _, _ = load(TUTORIAL)
    first, second = sc.roles[0], sc.roles[1]
    pinned, free = list(sc.meters)[0], list(sc.meters)[1]
    cid = sc.consequences[0].id

    def final(path, m, k):
        if path == pinned:
            return m.max if k % 10 else (m.min + m.max) // 2  # at the maximum in 90% of games
        return m.min + 1 if m.max - m.min > 1 else m.min

    records = _records(sc, 40, [lambda k: True, lambda k: k == 0], ((cid, 4),), final)
    report = build_report(sc, records, BotSpec(), 0)
    kinds = {(w["kind"], w.get("role") or w.get("meter") or w.get("consequence")) for w in report["warnings"]}
    assert ("wins_almost_always", first.id) in kinds
    assert ("wins_almost_never", second.id) in kinds, "1 win in 40 is 2.5%"
    assert ("objective_always_met", first.id) in kinds
    assert ("consequence_repeats", cid) in kinds
    assert ("meter_pinned", pinned) in kinds and ("meter_pinned", free) not in kinds
    row = next(m for m in report["meters"] if m["id"] == pinned)
    assert row["final_at_max_rate"] == 0.9 and row["final_at_bound_rate"] == 0.9 and row["final_at_min_rate"] == 0

    calm = _records(sc, 40, [lambda k: k % 2 == 0, lambda k: k % 2 == 1], ((cid, 3),), lambda p, m, k: m.min + 1)
    quiet = build_report(sc, calm, BotSpec(), 0)
    assert not {w["kind"] for w in quiet["warnings"]} & {
        "wins_almost_always",
        "wins_almost_never",
        "objective_always_met",
        "consequence_repeats",
        "meter_pinned",
    }


def test_no_repeats_warning_for_a_consequence_whose_news_varies():
    """tests/rules/fixtures/news.toml: 'quiet' reads a list of texts and 'counted' uses {times}, so
    five fires a game warn only for 'plain', whose one text reads the same each time."""
    from game.scenario import load_scenario

    sc = load_scenario(Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "news.toml")
    records = _records(sc, 10, [lambda k: True], (("quiet", 5), ("counted", 5), ("plain", 5)), lambda p, m, k: 1)
    report = build_report(sc, records, BotSpec(), 0)
    repeats = [w["consequence"] for w in report["warnings"] if w["kind"] == "consequence_repeats"]
    assert repeats == ["plain"]
    assert {c["id"]: c["fires_per_game"] for c in report["consequences"]} == {"quiet": 5, "counted": 5, "plain": 5}


# --------------------------------------------------------------------------- the command


def test_cli_tables_and_exit_0(capsys):
    code, out, err = run(capsys, "simulate", "tutorial", "-n", "24", "--jobs", "2", "--seed", "3")
    assert code == 0, err
    for heading in (
        "Scores by role",
        "Instruments",
        "Consequences and crises",
        "Meters at the end",
        "Foreign Ministry",
        "24 games",
    ):
        assert heading in out
    assert "{" not in out.splitlines()[0]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--bots", "clever"], "unknown bot 'clever'"),
        (["--bots", "spy=greedy"], "unknown role 'spy'"),
        (["-n", "0"], "-n must be at least 1"),
        (["--jobs", "0"], "--jobs must be at least 1"),
    ],
)
def test_cli_usage_errors_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "simulate", "tutorial", *argv)
    assert code == 2
    assert message in err and out == ""


def test_cli_argparse_errors_exit_2():
    with pytest.raises(SystemExit) as e:
        main(["simulate", "tutorial", "-n", "many"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["simulate"])
    assert e.value.code == 2


def test_cli_invalid_scenario_exit_1_with_locations(capsys, tmp_path):
    path = copy_tutorial(tmp_path, scenario_edit=('when = "reform >= 20"', 'when = "reformm >= 20"'))
    code, out, err = run(capsys, "simulate", str(path), "-n", "5", "--json")
    assert code == 1 and out == ""
    assert f"{path}:" in err and "reformm" in err and "did you mean" in err
    code, out, err = run(capsys, "simulate", "tutorail")
    assert code == 1 and "did you mean 'tutorial'" in err


def test_run_games_keeps_game_order_across_processes():
    sc, files, main_key = load(TUTORIAL)
    records = run_games(files, main_key, 37, BotSpec(), 9, jobs=2)
    assert [r.index for r in records] == list(range(37))
    assert records == run_games(files, main_key, 37, BotSpec(), 9, jobs=1)
    report = build_report(sc, records, BotSpec(), 9)
    assert report["games"] == 37


def test_rounds_whose_orders_change_nothing_that_scores_are_reported(tmp_path):
    """Seats that give no orders leave every round idle; with orders, the bundled tutorial has none."""
    sc, files, main_key = load(TUTORIAL)
    idle_bot = "random:avoid=" + "+".join(sorted({i.category for i in sc.instruments}))
    quiet = simulate(files, main_key, 20, parse_bot_spec(idle_bot, sc.role_ids, sc), seed=1, jobs=1, scenario=sc)
    assert [row["idle_rate"] for row in quiet["idle_rounds"]] == [1.0] * sc.rounds
    assert [row["no_change_rate"] for row in quiet["idle_rounds"]] == [1.0] * sc.rounds
    (warning,) = [w for w in quiet["warnings"] if w["kind"] == "idle_rounds"]
    assert warning["rounds"] == list(range(1, sc.rounds + 1)) and "changed nothing that scores" in warning["message"]
    busy = simulate(files, main_key, 20, BotSpec(("greedy",)), seed=1, jobs=1, scenario=sc)
    assert not [w for w in busy["warnings"] if w["kind"] == "idle_rounds"]
    assert all(row["games"] == 20 for row in busy["idle_rounds"])
    assert all(row["no_change_rate"] <= row["idle_rate"] for row in busy["idle_rounds"]), "moving nothing is idle too"


def test_decisive_meters_are_what_objectives_and_lose_when_read():
    from game.sim.runner import decisive_meters

    sc, _, _ = load(TUTORIAL)
    paths = decisive_meters(sc)
    assert {"reform", "legitimacy", "cooperation", "halvard.pressure"} <= paths
    assert "corvane.trust" not in paths or any("corvane.trust" in o.when.reads for r in sc.roles for o in r.objectives)


def test_an_instrument_is_not_credited_with_the_games_that_ended_before_it_could_be_used():
    """Games lost in round 3 never used the instrument a seat plays from round 4 on: the
    within-bot comparison sets them apart instead of counting them as 'played without it'."""
    from game.sim.report import _within_bot

    # four full games: two with the instrument (5, 3 points), two without (4, 4); two short losses without it
    points = [5, 3, 4, 4, 0, 0]
    strata = [("greedy", 8)] * 4 + [("greedy", 3)] * 2
    diff, _, n_with, n_without = _within_bot(points, strata, {0, 1})
    assert diff == pytest.approx(0.0)
    assert (n_with, n_without) == (2, 2), "the short games have no game with the instrument to be compared with"
    naive, _, _, _ = _within_bot(points, ["greedy"] * 6, {0, 1})
    assert naive == pytest.approx(4 - 2), "pooled, the early losses make the instrument look worth 2 points"
