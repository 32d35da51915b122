"""simulate --lessons: paired differences, their interval and the verdict; the command's refusals."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.cli import main
from game.rules.model import Lesson
from game.scenario import load_scenario, resolve_scenario
from game.sim.lessons import Z95, judge, paired_difference, side_spec
from game.sim.runner import GameRecord

TUTORIAL = load_scenario(resolve_scenario("tutorial"))
LESSON = Lesson("groundwork", "Lay groundwork first.", "defence", "greedy", "greedy:avoid=private", 0.5, "random")


def record(k: int, points: tuple[int, ...]) -> GameRecord:
    n = len(points)
    return GameRecord(k, k, ("x",) * n, False, 4, points, ((),) * n, ((),) * n, (), (), ())


def test_paired_difference_is_mean_and_normal_interval():
    mean, low, high = paired_difference([1, 2, 3, 4])
    se = math.sqrt(sum((d - 2.5) ** 2 for d in [1, 2, 3, 4]) / 3) / 2
    assert mean == 2.5 and low == pytest.approx(2.5 - Z95 * se) and high == pytest.approx(2.5 + Z95 * se)
    assert paired_difference([3]) == (3, 3, 3)


def test_a_lesson_holds_only_when_the_interval_clears_the_margin():
    better = [record(k, (0, 3 if k % 2 else 2)) for k in range(40)]
    worse = [record(k, (5, 1)) for k in range(40)]
    entry = judge(TUTORIAL, LESSON, better, worse)
    assert entry["difference"] == 1.5 and entry["mean_better"] == 2.5 and entry["mean_worse"] == 1
    assert entry["ci_low"] > 0.5 and entry["holds"] is True, "the other seat's points do not count"
    high_bar = judge(TUTORIAL, _with_margin(1.5), better, worse)
    assert high_bar["holds"] is False, "a mean on the margin does not clear it"
    noisy = [record(k, (0, 6 if k % 2 else 0)) for k in range(6)]
    assert judge(TUTORIAL, LESSON, noisy, worse[:6])["holds"] is False, "a large mean from few noisy games is luck"


def _with_margin(margin: float) -> Lesson:
    return Lesson(LESSON.id, LESSON.text, LESSON.role, LESSON.better, LESSON.worse, margin, LESSON.others)


def test_each_side_fixes_the_role_and_seats_others_everywhere_else():
    assert side_spec(LESSON, "better").fixed == (("defence", "greedy"),)
    assert side_spec(LESSON, "worse").fixed == (("defence", "greedy:avoid=private"),)
    assert side_spec(LESSON, "worse").mix == ("random",)


def test_lessons_needs_a_scenario_with_lessons(capsys):
    timing = Path(__file__).parents[1] / "rules" / "fixtures" / "timing.toml"  # no [[lessons]]
    assert main(["simulate", str(timing), "--lessons", "--jobs", "1"]) == 2
    said = capsys.readouterr()
    assert "has no [[lessons]] to test" in said.out + said.err


DYNAMICS = Path(__file__).parents[1] / "rules" / "fixtures" / "dynamics.toml"


def test_lessons_end_to_end_json_and_exit_codes(capsys, tmp_path):
    import json

    assert main(["simulate", str(DYNAMICS), "--lessons", "-n", "20", "--jobs", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (lesson,) = data["lessons"]
    assert {"id", "role", "better", "worse", "margin", "difference", "ci_low", "ci_high", "holds"} <= set(lesson)
    assert lesson["id"] == "praise_pays" and lesson["holds"] is True and lesson["ci_low"] > lesson["margin"]
    assert data["games"] == 20
    # The same claim the other way round does not hold, and the command says so with exit status 1.
    text = DYNAMICS.read_text(encoding="utf-8")
    flipped = text.replace('better = "greedy:prefer=praise"', 'better = "greedy:avoid=praise"').replace(
        'worse = "greedy:avoid=praise"', 'worse = "greedy:prefer=praise"'
    )
    path = tmp_path / "flipped.toml"
    path.write_text(flipped, encoding="utf-8")
    assert main(["simulate", str(path), "--lessons", "-n", "20", "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "does not hold" in out and "praise_pays" in out


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('role = "foreign"\nbetter', 'role = "foriegn"\nbetter', "unknown role 'foriegn' in lesson 'praise_pays'"),
        ('better = "greedy:prefer=praise"', 'better = "greedy:prefer=prase"', "did you mean 'praise'?"),
        ('others = "greedy"', 'others = "clever"', "unknown bot 'clever'"),
        ('worse = "greedy:avoid=praise"', 'worse = "greedy:prefer=praise"', "compares 'greedy:prefer=praise' with"),
        ("margin = 0.5", "margin = -1", "margin must be 0 or more"),
    ],
)
def test_validate_checks_lessons(tmp_path, capsys, old, new, says):
    text = DYNAMICS.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "lesson.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    said = out.out + out.err
    assert says in said and "lesson.toml:" in said


def test_one_lesson_is_tested_by_its_id_and_a_misspelt_id_gets_a_did_you_mean(capsys, tmp_path):
    import json

    text = DYNAMICS.read_text(encoding="utf-8")
    start = text.index("[[lessons]]")
    second = text[start:].replace('id = "praise_pays"', 'id = "pressing_costs"', 1)
    path = tmp_path / "two.toml"
    path.write_text(text + "\n" + second, encoding="utf-8")
    assert main(["simulate", str(path), "--lesson", "pressing_costs", "-n", "10", "--jobs", "1", "--json"]) == 0
    assert [x["id"] for x in json.loads(capsys.readouterr().out)["lessons"]] == ["pressing_costs"]
    assert main(["simulate", str(path), "--lesson", "praise_pais", "-n", "10", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "no lesson 'praise_pais'" in err and "did you mean 'praise_pays'" in err
