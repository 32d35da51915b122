"""replay, report and play --load on hostile files: "damaged save: <reason>", exit 1, no traceback."""

import json
import os
import subprocess
import sys

import pytest

from game.cli import main


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DEMARCHE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "g.json"
    assert main(["autoplay", "tutorial", "--seed", "4", "--save", str(path), "--quiet"]) == 0
    return path.read_text(encoding="utf-8")


def hostile(good) -> dict[str, bytes]:
    data = json.loads(good)
    note = json.loads(good)
    note["actions"].append({"type": "note", "text": "\ud800"})
    return {
        "deep": ("[" * 100_000 + "]" * 100_000).encode(),
        "seed5000": good.replace(f'"seed": {data["seed"]}', '"seed": ' + "1" * 5000, 1).encode(),
        "surrogate": json.dumps(note).encode(),
        "binary": bytes(range(256)) * 4,
        "wrong_shape": json.dumps({"format": "demarche-save", "version": 1, "scenario": "x"}).encode(),
        "bad_action": json.dumps({**data, "actions": [{"type": "submit", "role": 7}]}).encode(),
    }


@pytest.mark.parametrize("kind", ["deep", "seed5000", "surrogate", "binary", "wrong_shape", "bad_action"])
@pytest.mark.parametrize("command", ["replay", "report", "play --load"])
def test_hostile_saves_are_damaged_saves(good, tmp_path, capsys, kind, command):
    path = tmp_path / f"{kind}.json"
    path.write_bytes(hostile(good)[kind])
    code = main(command.split() + [str(path)])
    out = capsys.readouterr()
    printed = out.out + out.err
    assert code == 1
    assert f"error: {path}: damaged save: " in " ".join(printed.split()), printed
    assert "Traceback" not in printed
    assert not (tmp_path / f"{kind}.html").exists()


def test_play_load_by_name_in_the_saves_folder(good, data_dir, capsys):
    saves = data_dir / "saves"
    saves.mkdir(parents=True)
    (saves / "mine.json").write_bytes(hostile(good)["deep"])
    assert main(["play", "--load", "mine"]) == 1
    assert "damaged save: not a readable save" in capsys.readouterr().err


def test_through_the_real_entry_point(good, tmp_path):
    """As a user types it: python -m game replay F."""
    path = tmp_path / "deep.json"
    path.write_bytes(hostile(good)["deep"])
    for argv in (["replay", str(path)], ["report", str(path)]):
        result = subprocess.run(
            [sys.executable, "-m", "game", *argv],
            capture_output=True,
            text=True,
            cwd=os.getcwd(),
            timeout=120,
            env={**os.environ, "COLUMNS": "200"},
        )
        assert result.returncode == 1
        assert "damaged save: not a readable save" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
