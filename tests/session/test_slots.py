"""The saves folder: autosaves kept per game, leftovers of interrupted writes
cleaned, damaged files listed with their reason, and autosave failures known."""

import errno
import json
import os
import subprocess
import sys
import time

import pytest

from game.rules.state import Submit
from game.scenario import resolve_scenario
from game.session import save as save_module
from game.session import slots
from game.session.autosaver import Autosaver
from game.session.game import Game
from game.session.hotseat import HotSeat, parse_seats


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Saves go to a temporary folder, never the user's real one."""
    monkeypatch.setenv("DEMARCHE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def new_game(scenario="tutorial", seed=1):
    return Game.from_path(resolve_scenario(scenario), seed)


def autosaves(folder):
    return sorted(p.name for p in folder.glob("autosave-*.json"))


def test_retention_is_per_game_so_a_second_game_keeps_the_first_ones_autosaves(data_dir, monkeypatch):
    monkeypatch.setattr(slots, "KEEP_AUTOSAVES", 3)
    folder = slots.saves_dir()
    paused = new_game()
    slots.autosave(paused, "setup")
    paused_only = autosaves(folder)
    second = new_game("red_lines")
    for _ in range(10):
        slots.autosave(second, "orders")
    named = slots.save_named(second, "keep me")
    for _ in range(5):
        slots.autosave(second, "orders")
    names = autosaves(folder)
    assert set(paused_only) <= set(names), "the paused game's only recovery point survives"
    tag = second.meta.game_id[:12]
    assert len([n for n in names if n.endswith(f"-g{tag}.json")]) == 3
    assert named.exists(), "named saves are never pruned"
    assert paused.meta.game_id != second.meta.game_id
    assert Game.load(folder / paused_only[0]).meta.game_id == paused.meta.game_id


def test_legacy_autosaves_without_a_game_id_are_never_pruned(data_dir, monkeypatch):
    monkeypatch.setattr(slots, "KEEP_AUTOSAVES", 2)
    folder = slots.saves_dir()
    folder.mkdir(parents=True)
    legacy = new_game()
    for stamp in ("20240101-000000-000001", "20240101-000000-000002", "20240101-000000-000003"):
        legacy.save(folder / f"autosave-{stamp}-tutorial.json")  # the old naming, no game id
    for _ in range(4):
        slots.autosave(new_game(), "setup")
    assert len([n for n in autosaves(folder) if n.endswith("-tutorial.json")]) == 3
    resumed = Game.load(folder / "autosave-20240101-000000-000001-tutorial.json")
    assert resumed.meta.game_id is None, "an old save is read as it is"
    slots.autosave(resumed, "setup")
    assert len(resumed.meta.game_id or "") == 32, "a resumed legacy game gets its own identity"


def test_leftover_temp_files_of_dead_writers_are_cleaned_and_a_live_writers_kept(data_dir):
    folder = slots.saves_dir()
    folder.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = folder / f".autosave-x.json.{dead.pid}.abcd1234.tmp"
    leftover.write_bytes(b"x" * 1000)
    live = folder / f".autosave-y.json.{os.getppid()}.efgh5678.tmp"  # a running process
    live.write_bytes(b"y")
    old_style = folder / ".autosave-z.json.ijkl9012.tmp"  # no pid: judged by age
    old_style.write_bytes(b"z")
    fresh_old_style = folder / ".autosave-w.json.mnop3456.tmp"
    fresh_old_style.write_bytes(b"w")
    an_hour_ago = time.time() - 3600
    os.utime(old_style, (an_hour_ago, an_hour_ago))
    not_ours = folder / ".notes.tmp"
    not_ours.write_bytes(b"n")
    removed = slots.clean_temp_files()
    assert sorted(p.name for p in removed) == sorted([leftover.name, old_style.name])
    assert live.exists() and fresh_old_style.exists() and not_ours.exists()


def test_interrupted_writes_leave_only_temp_files_that_the_next_start_removes(data_dir, tmp_path):
    """Kill a writer mid-write, many times: the folder holds no leftovers after cleaning."""
    folder = slots.saves_dir()
    folder.mkdir(parents=True)
    script = (
        "import os, sys\n"
        "from game.session import save\n"
        "real = os.fsync\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), 9)\n"  # die between writing and renaming
        f"save.write_atomic({str(folder / 'autosave-k.json')!r}, 'x' * 100000)\n"
    )
    for _ in range(3):
        subprocess.run([sys.executable, "-c", script], cwd=os.getcwd(), env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert len(list(folder.glob(".*.tmp"))) == 3
    slots.clean_temp_files()
    assert list(folder.iterdir()) == []


def test_the_app_cleans_leftovers_when_it_starts(data_dir):
    from game.ui.run import build_app

    folder = slots.saves_dir()
    folder.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = folder / f".autosave-x.json.{dead.pid}.abcd1234.tmp"
    leftover.write_bytes(b"x")
    app = build_app()
    app.step(dt=0.05, wait=False)  # cleaned once the first frame is on screen
    assert not leftover.exists()


def test_list_saves_marks_a_damaged_file_and_lists_the_rest(data_dir):
    folder = slots.saves_dir()
    game = new_game()
    slots.autosave(game, "setup")
    (folder / "deep.json").write_text('{"format": "demarche-save", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (folder / "bad\udcff.json").write_bytes(b"\x00\x01")  # an odd file name, undecodable bytes
    infos = slots.list_saves()
    damaged = {i.path.name: i for i in infos if i.error}
    assert set(damaged) == {"deep.json", "bad\udcff.json"}
    assert "damaged save: not a readable save: nested deeper" in damaged["deep.json"].label
    assert damaged["deep.json"].label.startswith("deep.json: cannot be loaded")
    assert damaged["bad\udcff.json"].label.encode("utf-8")  # drawable text
    assert [i.title for i in infos if not i.error] == [game.scenario.id]  # no title in its metadata: the id


def test_find_save_by_name_with_a_name_too_long_for_the_file_system(data_dir):
    name = "x" * 5000
    assert str(slots.find_save(name)) == name  # reading it then says why, instead of a traceback
    from game.session.save import SaveError, read_save

    with pytest.raises(SaveError):
        read_save(slots.find_save(name))


def test_save_named_to_a_path_elsewhere(tmp_path):
    game = new_game()
    path = slots.save_named(game, str(tmp_path / "backup" / "mine"))
    assert path == tmp_path / "backup" / "mine.json" and Game.load(path).hash == game.hash


# --------------------------------------------------------------------------- autosaver


def raising(err):
    def write(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    return write


def test_autosaver_counts_what_a_failing_disk_did_not_save(data_dir, monkeypatch):
    game = new_game()
    hs = HotSeat(game, parse_seats("foreign=Ana,defence=Ben", game.scenario.role_ids), Autosaver())
    saver = hs.autosave
    saver(game, "setup")
    assert saver.error == "" and saver.warning(game) == "" and saver.last_path.exists()
    monkeypatch.setattr(save_module, "write_atomic", raising(errno.ENOSPC))
    game.do(Submit("foreign", ()))
    game.do(Submit("defence", ()))
    saver(game, "orders")
    assert saver.error == "No space left on device"
    assert (
        saver.warning(game) == "The last autosave failed (No space left on device). Your last 2 changes are not saved."
    )
    assert "Autosave failed: No space left on device" in saver.banner(game) and "Ctrl+S" in saver.banner(game)
    monkeypatch.undo()
    saver(game, "orders")
    assert saver.error == "" and saver.warning(game) == "" and saver.unsaved(game) == 0


def test_autosaver_on_a_read_only_folder(data_dir, monkeypatch):
    monkeypatch.setattr(save_module, "write_atomic", raising(errno.EROFS))
    game = new_game()
    saver = Autosaver()
    saver(game, "setup")
    assert saver.warning(game) == "The last autosave failed (Read-only file system). Nothing of this game is saved yet."


def test_autosaver_after_ctrl_s_elsewhere(data_dir, tmp_path, monkeypatch):
    game = new_game()
    saver = Autosaver(saved_actions=0)
    monkeypatch.setattr(slots, "autosave", raising(errno.EACCES))
    game.do(Submit(game.scenario.role_ids[0], ()))
    saver(game, "orders")
    assert "Your last 1 change is not saved." in saver.warning(game)
    slots.save_named(game, str(tmp_path / "elsewhere"))
    saver.saved_elsewhere(game)
    assert saver.warning(game).endswith("The game so far is in the file you saved with Ctrl+S.")
    assert "Ctrl+S" in saver.banner(game)


def test_an_autosave_really_written_is_the_game(data_dir):
    game = new_game()
    saver = Autosaver()
    saver(game, "setup")
    assert json.loads(saver.last_path.read_text())["meta"]["game_id"] == game.meta.game_id
