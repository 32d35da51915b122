"""The after-action review shows the lessons a scenario claims, in every format, and reads them back."""

from __future__ import annotations

import json
from pathlib import Path

from game.review.jsondata import from_json, to_json
from game.review.report import render, report_for_save
from game.scenario import load_scenario_with_files
from game.session.autoplay import autoplay
from game.session.game import Game

DYNAMICS = Path(__file__).parents[1] / "rules" / "fixtures" / "dynamics.toml"


def test_the_review_states_each_lesson_with_how_it_is_tested(tmp_path):
    scenario, files, main = load_scenario_with_files(DYNAMICS)
    game = Game(scenario, files, main, 3)
    autoplay(game, "random")
    game.save(tmp_path / "g.json")
    report = report_for_save(tmp_path / "g.json")
    (claim,) = report.lessons
    assert (claim.id, claim.role_name, claim.better) == ("praise_pays", "Foreign Ministry", "greedy:prefer=praise")
    page, text = render(report, "html"), render(report, "md")
    for out in (page, text):
        assert "The lessons this scenario claims" in out and "Praise keeps our standing up." in out
        assert "greedy:avoid=praise" in out
    data = json.loads(json.dumps(to_json(report)))
    assert data["lessons"][0]["margin"] == 0.5 and from_json(data) == report
