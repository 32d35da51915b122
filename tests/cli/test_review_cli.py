"""The command line on an unfinished game: autoplay --rounds writes one, the full
report needs the facilitator's PIN, and --role shows only that role's own view."""

import json
import re
from html import escape

import pytest

from game.cli import main
from game.rules.observe import meter_visible
from game.rules.state import ALL
from game.session.game import Game

from ..values import stored_values

PIN = "1234"
HASH = re.compile(r"Final state hash: ([0-9a-f]{64})")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def unfinished(tmp_path, capsys):
    path = tmp_path / "u.json"
    code, out = run(
        capsys, "autoplay", "red_lines", "--rounds", "3", "--save", path, "--facilitator-pin", PIN, "--seed", "8"
    )
    assert code == 0, out
    assert "Stopped after round 3 of 8: the game is not finished." in out and "Final scores" not in out
    return path


def test_autoplay_rounds_writes_a_game_that_play_load_resumes(unfinished, capsys, monkeypatch):
    data = json.loads(unfinished.read_text())
    assert data["over"] is False and data["round"] == 4 and PIN not in stored_values(data)
    game = Game.load(unfinished)
    assert all(s.bot is None for s in (game.meta.seats or {}).values())  # people take over
    import game.ui.run as ui_run

    calls = []
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setattr(ui_run, "run_app", lambda **kw: calls.append(kw) or 0)
    assert run(capsys, "play", "--load", unfinished)[0] == 0
    assert calls and calls[0]["load"] == unfinished
    # The same seed plays the same opening as a whole game.
    code, whole = run(capsys, "autoplay", "red_lines", "--seed", "8", "--save", unfinished.with_name("w.json"), "-q")
    assert Game.load(unfinished.with_name("w.json")).actions[: len(game.actions)] == game.actions


def test_autoplay_option_mistakes_are_usage_errors(capsys, tmp_path):
    assert run(capsys, "autoplay", "tutorial", "--rounds", "0")[0] == 2
    code, out = run(capsys, "autoplay", "tutorial", "--facilitator-pin", PIN)
    assert code == 2 and "needs --save" in out
    code, out = run(capsys, "autoplay", "tutorial", "--facilitator-pin", "12", "--save", tmp_path / "x.json")
    assert code == 2 and "at least 4 digits" in out and not (tmp_path / "x.json").exists()


def test_full_report_of_an_unfinished_game_needs_the_right_pin(unfinished, capsys, tmp_path):
    out = tmp_path / "r.html"
    code, text = run(capsys, "report", unfinished, "--out", out)
    assert code == 1 and "not finished" in text and "--pin PIN" in text and "--role ROLE" in text and not out.exists()
    code, text = run(capsys, "report", unfinished, "--pin", "0000", "--out", out)
    assert code == 1 and "not the facilitator's PIN" in text and not out.exists()
    code, text = run(capsys, "report", unfinished, "--pin", PIN, "--out", out)
    assert code == 0 and "Traceback" not in text
    game = Game.load(unfinished)
    html = out.read_text(encoding="utf-8")
    private = [p for p in game.state.history if not p.public]
    assert private and all(escape(game.scenario.instrument(p.instrument).name) in html for p in private)
    code, text = run(capsys, "report", unfinished, unfinished, "--out", tmp_path / "c.html")
    assert code == 1 and "not finished" in text  # a comparison shows every order too


def test_unfinished_game_without_facilitator_is_refused_and_points_to_role(capsys, tmp_path):
    path = tmp_path / "n.json"
    assert run(capsys, "autoplay", "tutorial", "--rounds", "2", "--save", path, "-q")[0] == 0
    for extra in ((), ("--pin", PIN)):
        code, text = run(capsys, "report", path, *extra)
        assert code == 1 and "no facilitator" in text and "--role ROLE" in text
    assert run(capsys, "report", path, "--role", "foreign", "--out", tmp_path / "f.md", "--format", "md")[0] == 0


def test_finished_game_stays_open_without_pin(capsys, tmp_path):
    path = tmp_path / "done.json"
    assert run(capsys, "autoplay", "red_lines", "--save", path, "--facilitator-pin", PIN, "-q")[0] == 0
    code, text = run(capsys, "report", path, "--out", tmp_path / "d.html")
    assert code == 0 and (tmp_path / "d.html").exists()


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_role_report_of_an_unfinished_game_keeps_other_roles_secrets(unfinished, capsys, tmp_path, fmt):
    out = tmp_path / f"foreign.{fmt}"
    code, text = run(capsys, "report", unfinished, "--role", "foreign", "--format", fmt, "--out", out)
    assert code == 0, text
    body = out.read_text(encoding="utf-8")
    flat = " ".join(body.split())
    game = Game.load(unfinished)
    sc = game.scenario
    secrets = [" ".join(r.briefing.split())[:70] for r in sc.roles if r.id != "foreign"]
    secrets += [o.text for r in sc.roles if r.id != "foreign" for o in r.objectives]
    seen = {sc.meter_label(p) for p in sc.meters if meter_visible(sc, p, "foreign")}
    secrets += [
        sc.meter_label(p) for p in sc.meters if not meter_visible(sc, p, "foreign") and sc.meter_label(p) not in seen
    ]
    secrets += [
        f"{sc.role(p.role).name}: {sc.instrument(p.instrument).name}"
        for p in game.state.history
        if not p.public and p.role != "foreign"
    ]
    secrets += [
        e.text
        for e in game.state.events
        if e.audience != ALL and not (isinstance(e.audience, tuple) and "foreign" in e.audience)
    ]
    secrets += [
        sc.consequence(p.consequence).debrief for p in game.state.pending if sc.consequence(p.consequence).debrief
    ]
    assert len(secrets) > 8
    for secret in secrets:
        s = " ".join(secret.split())
        assert s not in flat and escape(s) not in flat and json.dumps(s)[1:-1] not in flat, (
            f"{s[:60]!r} in foreign's {fmt} view"
        )
    assert (
        " ".join(sc.role("foreign").briefing.split())[:70] in flat.replace("> ", "")
        or escape(" ".join(sc.role("foreign").briefing.split())[:70]) in flat
    )
    assert "Full reveal" not in body
