"""Saves: the log replays to the recorded hash; damaged saves are refused clearly; writes are atomic."""

import json
import os

import pytest

from game.rules.state import Resolve, Submit
from game.scenario import resolve_scenario
from game.session.autoplay import autoplay, play_round, seat_bots
from game.session.game import Game
from game.session.save import SaveError, read_save, write_atomic


def finished_game(seed=3, scenario="tutorial"):
    return autoplay(Game.from_path(resolve_scenario(scenario), seed))


def test_same_seed_same_hash_and_different_seed_differs():
    a, b, c = finished_game(3), finished_game(3), finished_game(4)
    assert a.hash == b.hash
    assert a.actions == b.actions
    assert a.hash != c.hash


def test_save_replays_to_the_same_state(tmp_path):
    game = finished_game(5, "red_lines")
    path = tmp_path / "g.json"
    game.save(path)
    loaded = Game.load(path)
    assert loaded.hash == game.hash
    assert loaded.state == game.state
    assert loaded.state.over


def test_mid_game_save_resumes_and_continues_identically(tmp_path):
    half = Game.from_path(resolve_scenario("tutorial"), 8)
    bots = seat_bots(half, "random")
    play_round(half, bots)
    half.do(Submit(half.scenario.roles[0].id, ()))  # a seat has confirmed, the round is open
    path = tmp_path / "half.json"
    half.save(path)
    resumed = Game.load(path)
    assert resumed.hash == half.hash
    assert resumed.state.round == 2 and not resumed.state.over
    # the same next actions on the original and on the resumed game give the same states
    for game in (half, resumed):
        game.do(Submit(game.scenario.roles[1].id, ()))
        game.do(Resolve())
        autoplay(game)
    assert resumed.hash == half.hash
    assert resumed.actions == half.actions


def save_text(tmp_path, seed=3):
    game = finished_game(seed)
    path = tmp_path / "g.json"
    game.save(path)
    return path, json.loads(path.read_text())


def test_truncated_save_is_refused(tmp_path):
    path, _ = save_text(tmp_path)
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    with pytest.raises(SaveError, match="not a readable save"):
        Game.load(path)


def test_tampered_final_hash_is_refused(tmp_path):
    path, data = save_text(tmp_path)
    data["final_hash"] = "0" * 64
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="altered or damaged"):
        Game.load(path)


def test_tampered_action_is_refused(tmp_path):
    path, data = save_text(tmp_path)
    submits = [a for a in data["actions"] if a["type"] == "submit" and a["orders"]]
    submits[0]["orders"][0]["target"] = None if submits[0]["orders"][0]["target"] else "nobody"
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="cannot be replayed|altered"):
        Game.load(path)


def test_removed_action_is_refused(tmp_path):
    path, data = save_text(tmp_path)
    del data["actions"][-1]
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError):
        Game.load(path)


def test_edited_scenario_text_is_refused(tmp_path):
    path, data = save_text(tmp_path)
    main = data["scenario"]["main"]
    data["scenario"]["files"][main] = data["scenario"]["files"][main].replace("rounds = 4", "rounds = 5")
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="content hash"):
        Game.load(path)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a Demarche save"),
        (b'{"hello": 1}', "not a Demarche save"),
        (b"[1, 2, 3]", "not a Demarche save"),
        (b"", "not a readable save"),
    ],
)
def test_not_a_save(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(SaveError, match=message):
        read_save(path)


def test_header_that_disagrees_with_the_log_is_refused(tmp_path):
    path, data = save_text(tmp_path)
    data["round"] = 2
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="header says round 2"):
        Game.load(path)


def test_wrong_version_and_missing_fields(tmp_path):
    path, data = save_text(tmp_path)
    path.write_text(json.dumps({**data, "version": 99}))
    with pytest.raises(SaveError, match="format 99"):
        read_save(path)
    del data["seed"]
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="no 'seed'"):
        read_save(path)


def test_missing_file():
    with pytest.raises(SaveError, match="no such file"):
        read_save("/nonexistent/save.json")


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "autosave.json"
    write_atomic(path, "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["autosave.json"]  # no temp file left behind
