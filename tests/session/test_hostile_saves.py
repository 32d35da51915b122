"""Hostile save files: each is refused with "damaged save: <reason>", never a traceback."""

import json
import os

import pytest

from game.scenario import resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game
from game.session.save import SaveError, read_save
from game.session.savecheck import MAX_ACTIONS, MAX_BYTES


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "t.json"
    autoplay(Game.from_path(resolve_scenario("tutorial"), 3)).save(path)
    return json.loads(path.read_text(encoding="utf-8"))


def edited(good, change):
    data = json.loads(json.dumps(good))
    change(data)
    return json.dumps(data).encode()


def with_text(good, old, new):
    text = json.dumps(good)
    assert old in text
    return text.replace(old, new, 1).encode()


CASES = {
    "deep nesting": lambda g: ('{"format": "demarche-save", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
    "deep objects": lambda g: ('{"a":' * 50_000 + "1" + "}" * 50_000).encode(),
    "5000-digit seed": lambda g: with_text(g, f'"seed": {g["seed"]}', '"seed": ' + "9" * 5000),
    "huge float": lambda g: with_text(g, f'"seed": {g["seed"]}', '"seed": 1e999'),
    "NaN": lambda g: with_text(g, f'"round": {g["round"]}', '"round": NaN'),
    "seed out of range": lambda g: edited(g, lambda d: d.update(seed=2**64)),
    "seed as text": lambda g: edited(g, lambda d: d.update(seed="3")),
    "round as bool": lambda g: edited(g, lambda d: d.update(round=True)),
    "lone surrogate in a note": lambda g: edited(g, lambda d: d["actions"].append({"type": "note", "text": "\ud800"})),
    "lone surrogate in a key": lambda g: edited(g, lambda d: d["meta"].update({"\udfff": 1})),
    "NUL in a name": lambda g: edited(g, lambda d: d["meta"].update(title="a\x00b")),
    "invalid UTF-8": lambda g: json.dumps(g).encode()[:200] + b"\xff\xfe" + json.dumps(g).encode()[200:],
    "encoded surrogate": lambda g: (
        json.dumps(g).encode().replace(b'"actions": [', b'"x": "\xed\xa0\x80", "actions": [', 1)
    ),
    "binary junk": lambda g: os.urandom(4096),
    "PNG": lambda g: b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "empty": lambda g: b"",
    "truncated": lambda g: json.dumps(g).encode()[:-40],
    "a list": lambda g: b"[1, 2, 3]",
    "a number": lambda g: b"42",
    "scenario is a list": lambda g: edited(g, lambda d: d.update(scenario=[])),
    "actions is an object": lambda g: edited(g, lambda d: d.update(actions={})),
    "action is a string": lambda g: edited(g, lambda d: d["actions"].insert(0, "submit")),
    "orders not a list": lambda g: edited(g, lambda d: d["actions"][0].update(orders="x")),
    "unknown action": lambda g: edited(g, lambda d: d["actions"].insert(0, {"type": "launch"})),
    "action that does not apply": lambda g: edited(
        g, lambda d: d["actions"].insert(0, {"type": "submit", "role": "nobody", "orders": []})
    ),
    "meter override out of range": lambda g: edited(
        g, lambda d: d["actions"].insert(0, {"type": "adjust", "path": "legitimacy", "delta": 10**12, "reason": "r"})
    ),
    "override key garbage": lambda g: edited(
        g,
        lambda d: d["actions"].__setitem__(
            -1, {"type": "resolve", "overrides": [{"key": "x:y:z", "delta": 1, "reason": ""}]}
        ),
    ),
    "overlong string": lambda g: edited(g, lambda d: d["actions"].insert(0, {"type": "note", "text": "x" * 1_000_000})),
    "overlong title": lambda g: edited(g, lambda d: d["meta"].update(title="x" * 100_000)),
    "too many actions": lambda g: edited(g, lambda d: d.update(actions=[{"type": "resolve"}] * (MAX_ACTIONS + 1))),
    "duplicate key": lambda g: json.dumps(g).encode()[:-1] + b', "seed": 1}',
    "no main file": lambda g: edited(g, lambda d: d["scenario"].update(main="other.toml")),
    "files hold numbers": lambda g: edited(g, lambda d: d["scenario"]["files"].update({"x.toml": 5})),
    "hash not hex": lambda g: edited(g, lambda d: d.update(final_hash="z" * 64)),
    "embedded scenario edited": lambda g: edited(
        g, lambda d: d["scenario"]["files"].update({d["scenario"]["main"]: "format = 1\n[scenario]\n"})
    ),
    "meta seats wrong": lambda g: edited(g, lambda d: d["meta"].update(seats={"foreign": "Ana"})),
    "unknown bot": lambda g: edited(g, lambda d: d["meta"].update(seats={"foreign": {"name": "", "bot": "skynet"}})),
    "briefed not a list": lambda g: edited(g, lambda d: d["meta"].update(briefed=3)),
    "news index null": lambda g: edited(g, lambda d: d["meta"].update(news_index=None)),
    "news round text": lambda g: edited(g, lambda d: d["meta"].update(news_round="soon")),
    "version text": lambda g: edited(g, lambda d: d.update(version="1")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_save_is_a_damaged_save(good, tmp_path, case):
    path = tmp_path / "hostile.json"
    path.write_bytes(CASES[case](good))
    with pytest.raises(SaveError) as caught:
        Game.load(path)
    e = caught.value
    assert e.damaged and str(e) == f"{path}: damaged save: {e.reason}"
    assert e.reason and "\n" not in e.reason and len(e.reason) < 300, e.reason


def test_a_file_over_the_size_cap_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(SaveError, match="damaged save: over 16 MB"):
        read_save(path)


def test_folders_and_pipes_are_refused_without_blocking(tmp_path):
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(SaveError, match="damaged save: a folder"):
        read_save(tmp_path / "dir.json")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
        with pytest.raises(SaveError, match="damaged save: not a regular file"):
            read_save(tmp_path / "pipe.json")


def test_a_missing_file_is_not_called_damaged(tmp_path):
    with pytest.raises(SaveError) as caught:
        read_save(tmp_path / "nope.json")
    assert not caught.value.damaged and "no such file" in str(caught.value) and "damaged" not in str(caught.value)


def test_a_byte_order_mark_and_old_saves_without_a_game_id_still_load(good, tmp_path):
    path = tmp_path / "bom.json"
    assert "game_id" not in good["meta"]
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good).encode())
    assert Game.load(path).hash == good["final_hash"]


def test_the_longest_log_a_save_may_hold_replays_in_seconds(good, tmp_path):
    """A log of the most notes allowed, with a wrong hash: refused after a bounded replay, not a hang."""
    import time

    fresh = Game.from_path(resolve_scenario("tutorial"), 3).to_save()
    data = {
        **good,
        "actions": [{"type": "note", "text": "n" * 300}] * MAX_ACTIONS,
        "round": 1,
        "over": False,
        "final_hash": "0" * 64,
        "seed": fresh.seed,
    }
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data))
    start = time.perf_counter()
    with pytest.raises(SaveError, match="damaged save: replaying it gives state"):
        Game.load(path)
    assert time.perf_counter() - start < 30
