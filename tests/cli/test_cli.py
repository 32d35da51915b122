"""The demarche command as a user runs it: exit codes and what it prints."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import bundled_scenarios

HASH = re.compile(r"Final state hash: ([0-9a-f]{64})")


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_validate_bundled(capsys):
    code, out = run(capsys, "validate", *map(str, bundled_scenarios()))
    assert code == 0, out
    assert out.count("✓") == len(bundled_scenarios())


def test_validate_reports_location_and_exit_1(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[scenario]\nid = "x"\ntitle = "X"\nrounds = 2.9\n')
    code, out = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:5:" in out
    assert "Traceback" not in out


def test_validate_missing_file(capsys, tmp_path):
    code, out = run(capsys, "validate", str(tmp_path / "nope.toml"))
    assert code == 1
    assert "nope.toml" in out


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["validate"])
    assert e.value.code == 2
    assert main([]) == 2
    with pytest.raises(SystemExit) as e:
        main(["autoplay", "tutorial", "--seed", "abc"])
    assert e.value.code == 2


def test_autoplay_is_deterministic_and_prints_news_and_scores(capsys):
    code, out1 = run(capsys, "autoplay", "tutorial", "--seed", "11")
    assert code == 0
    code, out2 = run(capsys, "autoplay", "tutorial", "--seed", "11")
    assert HASH.search(out1).group(1) == HASH.search(out2).group(1)
    assert "Round 1 of" in out1 and "Final scores" in out1


def test_autoplay_save_then_replay(capsys, tmp_path):
    save = tmp_path / "game.json"
    code, out = run(capsys, "autoplay", "red_lines", "--seed", "2", "--save", str(save), "--quiet")
    assert code == 0
    recorded = HASH.search(out).group(1)
    code, out = run(capsys, "replay", str(save))
    assert code == 0
    assert HASH.search(out).group(1) == recorded
    data = json.loads(save.read_text())
    data["final_hash"] = "f" * 64
    save.write_text(json.dumps(data))
    code, out = run(capsys, "replay", str(save))
    assert code == 1
    assert "error" in out and "Traceback" not in out


def test_autoplay_says_how_many_deals_the_bots_made_and_a_save_replays_them(capsys, tmp_path):
    deals = Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "deals.toml"
    save = tmp_path / "deals.json"
    code, out = run(capsys, "autoplay", str(deals), "--bots", "greedy", "--save", str(save))
    assert code == 0
    said = re.search(r"Deals between seats: (\d+) offered, (\d+) accepted; (\d+) kept, (\d+) broken", out)
    assert said and int(said.group(2)) >= 1, out
    code, replayed = run(capsys, "replay", str(save))
    assert code == 0 and HASH.search(replayed).group(1) == HASH.search(out).group(1)
    code, out = run(capsys, "autoplay", "tutorial", "--seed", "1")
    assert "Deals between seats" not in out, "a scenario without talks says nothing of deals"


def test_autoplay_unknown_scenario_lists_ids(capsys):
    code, out = run(capsys, "autoplay", "tutorail")
    assert code == 1
    assert "tutorial" in out


def test_autoplay_by_path_and_bad_bot(capsys):
    path = next(p for p in bundled_scenarios() if p.stem == "tutorial")
    code, out = run(capsys, "autoplay", str(path), "--quiet")
    assert code == 0 and HASH.search(out)
    code, out = run(capsys, "autoplay", "tutorial", "--bots", "genius")
    assert code == 2 and "unknown bot" in out


def test_list(capsys):
    code, out = run(capsys, "list")
    assert code == 0
    for sid in ("tutorial", "red_lines", "sanctions_coalition", "neutral_mandate"):
        assert sid in out


def test_python_dash_m_game_runs():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "game", "list"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "tutorial" in result.stdout


def test_play_passes_seats_and_pin_to_the_window(capsys, monkeypatch):
    """The window itself is tested in tests/ui; here, that play hands it the right game."""
    import game.ui.run as ui_run

    calls = []
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setattr(ui_run, "run_app", lambda **kw: calls.append(kw) or 0)
    code, _ = run(
        capsys, "play", "red_lines", "--seats", "foreign=Ana,defence=bot", "--facilitator-pin", "2468", "--seed", "3"
    )
    assert code == 0
    (kw,) = calls
    assert kw["pin"] == "2468" and kw["seed"] == 3
    assert kw["seats"]["foreign"].name == "Ana" and kw["seats"]["defence"].bot == "greedy"
    assert {r: s.bot for r, s in kw["seats"].items() if r not in ("foreign", "defence")} == {
        "development": "greedy",
        "mission": "greedy",
    }, "unnamed roles get the greedy bot"
    assert kw["scenario_path"].name == "red_lines.toml"


def test_play_refuses_bad_combinations(capsys, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert run(capsys, "play", "red_lines", "--seats", "nobody=Ana")[0] == 2
    assert run(capsys, "play", "--seats", "foreign=Ana")[0] == 2
    assert run(capsys, "play", "red_lines", "--seats", "foreign=Ana", "--facilitator-pin", "12")[0] == 2
    assert run(capsys, "play", "tutorail")[0] == 1


def test_play_preview_checks_the_role(capsys, monkeypatch):
    import game.ui.run as ui_run

    calls = []
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setattr(ui_run, "run_app", lambda **kw: calls.append(kw) or 0)
    assert run(capsys, "play", "tutorial", "--preview", "defence")[0] == 0
    assert calls[-1]["preview"] == "defence"
    code, out = run(capsys, "play", "tutorial", "--preview", "defense")
    assert code == 2 and "roles are foreign, defence" in out
    assert run(capsys, "play", "--preview", "defence")[0] == 2


def test_line_numbers_are_never_turned_into_emoji(capsys, tmp_path):
    bad = tmp_path / "long.toml"
    bad.write_text("format = 1\n" + "# padding\n" * 98 + '[scenario]\nid = "x"\n')  # the error lands on line 100
    code, out = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:100:" in out
    assert "💯" not in out
