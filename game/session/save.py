"""Save files: the action log plus what it takes to replay it and check it.

A save holds the scenario's own text (and its includes) with their content
hash, the seed, every action, and the hash of the state the log leads to.
Loading replays the log and checks both hashes, so a save that was cut short,
edited or written for another scenario is refused with a clear message instead
of resuming a wrong game. Writes are atomic: a crash mid-save leaves the old
file intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from attrs import field, frozen

from ..rules.engine import IllegalAction, apply, new_game
from ..rules.hashing import state_hash
from ..rules.model import Scenario
from ..rules.state import GameState
from .codec import CodecError, decode_action, encode_action

SAVE_FORMAT = "demarche-save"
SAVE_VERSION = 1


class SaveError(Exception):
    """A save cannot be read or does not replay; the message says why."""


@frozen
class SaveData:
    scenario_id: str
    main: str
    files: dict = field(eq=True)
    content_hash: str
    seed: int
    actions: tuple
    final_hash: str
    round: int = 1
    over: bool = False
    created: str = ""
    meta: dict = field(factory=dict, eq=True)


def to_json(save: SaveData) -> str:
    data = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "created": save.created or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "scenario": {"id": save.scenario_id, "main": save.main, "content_hash": save.content_hash, "files": save.files},
        "seed": save.seed,
        "round": save.round,
        "over": save.over,
        "final_hash": save.final_hash,
        "meta": save.meta,
        "actions": [encode_action(a) for a in save.actions],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dir_fd)


def write_save(path: str | os.PathLike, save: SaveData) -> None:
    write_atomic(path, to_json(save))


def _need(data: dict, key: str, kind, where: str = "save"):
    if key not in data:
        raise SaveError(f"{where} has no '{key}': the file is incomplete")
    value = data[key]
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        raise SaveError(f"{where}: '{key}' has the wrong type")
    return value


def parse_save(text: str, name: str = "save") -> SaveData:
    """Read a save's JSON into ``SaveData`` without replaying it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        hint = " (it looks cut short)" if e.pos >= len(text.rstrip()) - 1 else ""
        raise SaveError(f"{name} is not a readable save: {e.msg} at line {e.lineno}, column {e.colno}{hint}") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{name} is not a Demarche save")
    version = _need(data, "version", int)
    if version != SAVE_VERSION:
        raise SaveError(f"{name} was written in save format {version}; this version of Demarche reads format {SAVE_VERSION}")
    sc = _need(data, "scenario", dict)
    files = _need(sc, "files", dict, "save scenario")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise SaveError(f"{name}: the embedded scenario files are damaged")
    try:
        actions = tuple(decode_action(a, f"action {i + 1}") for i, a in enumerate(_need(data, "actions", list)))
    except CodecError as e:
        raise SaveError(f"{name}: {e}") from None
    return SaveData(
        scenario_id=_need(sc, "id", str, "save scenario"),
        main=_need(sc, "main", str, "save scenario"),
        files=files,
        content_hash=_need(sc, "content_hash", str, "save scenario"),
        seed=_need(data, "seed", int),
        actions=actions,
        final_hash=_need(data, "final_hash", str),
        round=_need(data, "round", int),
        over=_need(data, "over", bool),
        created=data.get("created", "") if isinstance(data.get("created"), str) else "",
        meta=data.get("meta", {}) if isinstance(data.get("meta"), dict) else {},
    )


def read_save(path: str | os.PathLike) -> SaveData:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SaveError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise SaveError(f"{path} is not a Demarche save (not UTF-8 text)") from None
    except OSError as e:
        raise SaveError(f"{path}: cannot read ({e.strerror})") from None
    return parse_save(text, str(path))


def replay_save(save: SaveData, name: str = "save") -> tuple[Scenario, GameState]:
    """Load the embedded scenario, replay the log, and check both hashes."""
    from ..scenario import ScenarioError, load_scenario_files

    try:
        scenario = load_scenario_files(save.files, save.main)
    except ScenarioError as e:
        first = str(e.diagnostics[0]) if e.diagnostics else str(e)
        raise SaveError(f"{name}: its embedded scenario does not load ({first}); the file was edited or damaged") from None
    if scenario.content_hash != save.content_hash:
        raise SaveError(f"{name}: the embedded scenario does not match its content hash (the file was edited or damaged)")
    state = new_game(scenario, save.seed)
    for i, action in enumerate(save.actions, 1):
        try:
            state, _ = apply(scenario, state, action)
        except IllegalAction as e:
            raise SaveError(f"{name}: action {i} of {len(save.actions)} cannot be replayed: {e}") from None
    got = state_hash(state)
    if (state.round, state.over) != (save.round, save.over):
        raise SaveError(f"{name}: its header says round {save.round}{' (finished)' if save.over else ''}, but the log leads to round {state.round}{' (finished)' if state.over else ''}; the file was altered or damaged")
    if got != save.final_hash:
        raise SaveError(f"{name}: replaying it gives state {got[:12]}, but it records {save.final_hash[:12]}; the log was altered or damaged")
    return scenario, state
