"""demarche simulate --versus: the same seeds played by two sets of bots, and the per-role gap between them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import read_scenario_files
from game.sim import BotSpec, simulate

# The tutorial as it was frozen for the engine's pinned games: its content does not move with the bundled one.
TUTORIAL = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "tutorial.toml"


def files():
    return read_scenario_files(TUTORIAL)


def test_the_same_bots_on_the_same_seeds_give_a_gap_of_exactly_zero_and_the_warning():
    report = simulate(*files(), 12, BotSpec(mix=("random",)), seed=5, versus=BotSpec(mix=("random",)))
    vs = report["versus"]
    assert [r["gap"] for r in vs["roles"]] == [0.0, 0.0]
    assert [(r["ci_low"], r["ci_high"]) for r in vs["roles"]] == [(0.0, 0.0), (0.0, 0.0)]
    kinds = [(w["kind"], w["role"]) for w in report["warnings"] if w["kind"] == "skill_does_not_pay"]
    assert kinds == [("skill_does_not_pay", "foreign"), ("skill_does_not_pay", "defence")]


def test_each_side_is_the_plain_report_of_its_bots_on_those_seeds():
    greedy = simulate(*files(), 10, BotSpec(mix=("greedy",)), seed=3)
    rand = simulate(*files(), 10, BotSpec(mix=("random",)), seed=3)
    both = simulate(*files(), 10, BotSpec(mix=("greedy",)), seed=3, versus=BotSpec(mix=("random",)))
    vs = both["versus"]
    assert vs["shared_loss_rate"] == rand["shared_loss_rate"]
    for j, role in enumerate(vs["roles"]):
        assert role["mean"] == greedy["roles"][j]["score"]["mean"]
        assert role["mean_versus"] == rand["roles"][j]["score"]["mean"]
        assert role["win_rate_versus"] == rand["roles"][j]["win_rate"]
        assert role["gap"] == pytest.approx(role["mean"] - role["mean_versus"], abs=1e-3)
        assert role["gap_share"] == pytest.approx(role["gap"] / role["possible"], abs=1e-3)
        assert role["ci_low"] <= role["gap"] <= role["ci_high"]
    # greedy beats random in the old tutorial by far more than the threshold: no skill warning
    assert all(r["gap_share"] > vs["skill_gap"] for r in vs["roles"])
    assert not [w for w in both["warnings"] if w["kind"] == "skill_does_not_pay"]


def test_cli_prints_the_table_and_json_carries_the_part(capsys):
    assert main(["simulate", str(TUTORIAL), "-n", "4", "--jobs", "1", "--bots", "greedy", "--versus", "random"]) == 0
    out = capsys.readouterr().out
    assert "Does skill pay? The same seeds with random" in out
    assert "8 games in" in out
    assert main(["simulate", str(TUTORIAL), "-n", "3", "--jobs", "1", "--versus", "novice", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["versus"]["bots"] == {"mix": ["novice"], "fixed": {}}
    assert [r["id"] for r in report["versus"]["roles"]] == ["foreign", "defence"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--versus", "nobot"], "--versus: unknown bot 'nobot'"),
        (["--versus", "spy=greedy"], "--versus:"),
        (["--lessons", "--versus", "novice"], "leave out --bots and --versus"),
    ],
)
def test_cli_bad_versus_is_a_usage_error(capsys, tmp_path, argv, message):
    path = TUTORIAL
    if "--lessons" in argv:  # a scenario with a lesson, so that --lessons gets as far as its checks
        path = tmp_path / "tutorial.toml"
        (tmp_path / "library").mkdir()
        (tmp_path / "library" / "instruments.toml").write_text(
            (TUTORIAL.parent / "library" / "instruments.toml").read_text()
        )
        path.write_text(
            TUTORIAL.read_text()
            + '\n[[lessons]]\nid = "x"\ntext = "x"\nrole = "foreign"\nbetter = "greedy"\nworse = "random"\n'
        )
    assert main(["simulate", str(path), "-n", "2", *argv]) == 2
    assert message in capsys.readouterr().err
