"""Fuzzing the save loader: a mutated real save either loads (and replays to
its recorded hash, and a hot-seat game can resume it) or is refused with the
one damaged-save error. Never another exception, never a hang.

The saves come from ``demarche autoplay --save`` of the tutorial and
red_lines, with the seat metadata the board writes, so mutations reach the
header, the metadata and every kind of logged action.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.session.game import Game
from game.session.hotseat import HotSeat
from game.session.save import SaveError, parse_save, read_save, replay_save
from game.session.savecheck import MAX_DEPTH

# DEMARCHE_FUZZ_EXAMPLES=2000 for a longer hunt; the default keeps the whole file near 15 s
FUZZ = settings(
    max_examples=int(os.environ.get("DEMARCHE_FUZZ_EXAMPLES", "120")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


_SAVES: list[bytes] = []


def real_saves() -> list[bytes]:
    """Two finished games as the board would save them (made once per run)."""
    if _SAVES:
        return _SAVES
    import tempfile
    from pathlib import Path

    from game.rules.hashing import state_hash

    with tempfile.TemporaryDirectory() as d:
        for sid in ("tutorial", "red_lines"):
            path = Path(d) / f"{sid}.json"
            assert main(["autoplay", sid, "--seed", "7", "--save", str(path), "--quiet"]) == 0
            data = json.loads(path.read_text(encoding="utf-8"))
            roles = list(dict.fromkeys(a["role"] for a in data["actions"] if a["type"] == "submit"))
            data["meta"] = {
                "title": "T",
                "phase": "resolution",
                "briefed": roles,
                "news_round": "final",
                "news_index": 3,
                "game_id": "0123456789abcdef",
                "seats": {r: {"name": f"P{i}", "bot": None if i % 2 else "random"} for i, r in enumerate(roles)},
            }
            data["actions"].insert(
                0, {"type": "mode", "mode": "rigid"}
            )  # a facilitator action, before round 1 resolves
            _, state = replay_save(parse_save(json.dumps(data)))
            data["final_hash"] = state_hash(state)
            _SAVES.append(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    for raw in _SAVES:
        assert isinstance(_load(raw), Game), "the unmutated saves load"
    return _SAVES


def _load(raw: bytes):
    """Load ``raw`` the way every command does; return the game or the SaveError."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "save.json"
        path.write_bytes(raw)
        try:
            game = Game.load(path)
        except SaveError as e:
            assert str(e).startswith(str(path)) and (": damaged save: " in str(e)), str(e)
            assert "\n" not in e.reason and len(e.reason) < 400
            return e
    save = read_save_bytes(raw)
    assert game.hash == save.final_hash
    HotSeat(game)  # the board can resume it: its metadata is usable
    return game


def read_save_bytes(raw: bytes):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "s.json"
        path.write_bytes(raw)
        return read_save(path)


# --------------------------------------------------------------------------- byte-level


@FUZZ
@given(which=st.integers(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=8))
def test_byte_flips(which, flips):
    raw = bytearray(real_saves()[which])
    for where, xor in flips:
        raw[min(int(where * len(raw)), len(raw) - 1)] ^= xor
    _load(bytes(raw))


@FUZZ
@given(which=st.integers(0, 1), cut=st.floats(0, 1))
def test_truncation(which, cut):
    raw = real_saves()[which]
    result = _load(raw[: int(cut * (len(raw) - 1))])
    assert isinstance(result, SaveError)


# --------------------------------------------------------------------------- JSON-level

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.integers(-3, 30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.sampled_from(
        [
            "submit",
            "resolve",
            "note",
            "mode",
            "reschedule",
            "inject",
            "adjust",
            "final",
            "random",
            "greedy",
            "rigid",
            "semi-rigid",
            "publish",
            "skip",
            "defer",
            "foreign",
            "defence",
        ]
    ),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _paths(data, prefix=()):
    """Every (path, value) in the tree, for picking a place to mutate."""
    yield prefix, data
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "files":
                continue  # the scenario text has its own tests; its hash guards it here
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@FUZZ
@given(
    which=st.integers(0, 1),
    picks=st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(["replace", "delete", "wrap", "type"]), json_value),
        min_size=1,
        max_size=3,
    ),
    ascii=st.booleans(),
)
def test_json_mutations(which, picks, ascii):
    data = json.loads(real_saves()[which])
    for where, how, value in picks:
        paths = [p for p, _ in _paths(data) if p]
        path = paths[min(int(where * len(paths)), len(paths) - 1)]
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        old = parent[path[-1]]
        if how == "delete":
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        elif how == "wrap":
            _set(data, path, [old])
        elif how == "type":
            _set(data, path, str(old) if not isinstance(old, str) else len(old))
        else:
            _set(data, path, value)
    _load(json.dumps(data, ensure_ascii=ascii).encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    which=st.integers(0, 1),
    where=st.floats(0, 1),
    depth=st.integers(MAX_DEPTH, 200_000),
    bracket=st.sampled_from(["[", '{"a":']),
)
def test_deep_nesting_anywhere(which, where, depth, bracket):
    data = json.loads(real_saves()[which])
    paths = [p for p, _ in _paths(data) if p]
    path = paths[min(int(where * len(paths)), len(paths) - 1)]
    marker = "\u2603NEST\u2603"
    _set(data, path, marker)
    close = "]" if bracket == "[" else "}"
    text = json.dumps(data, ensure_ascii=False).replace(
        json.dumps(marker, ensure_ascii=False), bracket * depth + "1" + close * depth
    )
    assert isinstance(_load(text.encode("utf-8")), SaveError)


@FUZZ
@given(
    which=st.integers(0, 1),
    key=st.sampled_from(["seed", "round", "over", "final_hash", "created", "version", "meta", "actions"]),
    digits=st.integers(25, 6000),
)
def test_huge_numbers_in_any_field(which, key, digits):
    data = json.loads(real_saves()[which])
    data[key] = "NUM"
    text = json.dumps(data).replace('"NUM"', "9" * digits)
    assert isinstance(_load(text.encode()), SaveError)


@FUZZ
@given(
    which=st.integers(0, 1),
    key=st.sampled_from(
        [
            "title",
            "phase",
            "briefed",
            "news_round",
            "news_index",
            "seats",
            "game_id",
            "facilitator",
            "parent",
            "source",
            "preview",
        ]
    ),
    value=json_value,
)
@example(which=0, key="seats", value={"\n": None})  # a role id with a newline: the message stays one line
def test_metadata_values(which, key, value):
    """Whatever the board's bookkeeping holds, a game that loads can be resumed."""
    data = json.loads(real_saves()[which])
    data["meta"][key] = value
    _load(json.dumps(data).encode())
