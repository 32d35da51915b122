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
import stat
from datetime import datetime, timezone
from pathlib import Path

from attrs import field, frozen

from ..i18n import _
from ..rules.engine import IllegalAction, apply, new_game
from ..rules.hashing import state_hash
from ..rules.model import Scenario
from ..rules.state import GameState
from .codec import CodecError, decode_action, encode_action
from .meta import GameMeta
from .savecheck import MAX_ACTIONS, MAX_BYTES, Damaged, check_header, decode_text, items, load_json, need, short
from .storage import write_atomic

SAVE_FORMAT = "demarche-save"
SAVE_VERSION = 1


class SaveError(Exception):
    """A save cannot be read or does not replay.

    ``reason`` says why in a few words; ``damaged`` is False only when the
    file could not be opened at all (missing, no permission), so the message
    reads "damaged save: <reason>" for any file that exists.
    """

    def __init__(self, reason: str, name: str | os.PathLike = "save", damaged: bool = True) -> None:
        self.reason, self.name, self.damaged = reason, str(name), damaged
        said = _("{name}: damaged save: {reason}") if damaged else _("{name}: {reason}")
        super().__init__(said.format(name=self.name, reason=reason))


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
    meta: GameMeta = field(factory=GameMeta)
    with_: tuple = ()  # the optional seats in the game (``[[roles]] optional``); none in a save that names none


# What a damaged or hostile embedded scenario or action log can raise while it is loaded and replayed:
# each becomes a SaveError that names the save, never a traceback.
_DAMAGE = (
    RecursionError,
    ValueError,
    OverflowError,
    UnicodeError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    ZeroDivisionError,
)


def to_json(save: SaveData) -> str:
    scenario = {"id": save.scenario_id, "main": save.main, "content_hash": save.content_hash, "files": save.files}
    if save.with_:  # written only when there are some, so every other save reads as it always has
        scenario["with"] = list(save.with_)
    data = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "created": save.created or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "scenario": scenario,
        "seed": save.seed,
        "round": save.round,
        "over": save.over,
        "final_hash": save.final_hash,
        "meta": save.meta.to_json(),
        "actions": [encode_action(a) for a in save.actions],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def write_save(path: str | os.PathLike, save: SaveData) -> None:
    write_atomic(path, to_json(save))


def parse_save(text: str, name: str = "save") -> SaveData:
    """Read a save's JSON into ``SaveData`` without replaying it: every field is
    checked for type, range and length first (``savecheck``)."""
    try:
        data = load_json(text)
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise Damaged(_("not a Demarche save"))
        version = need(data, "version", int)
        if version != SAVE_VERSION:
            raise Damaged(
                _("written in save format {version}; this version of Demarche reads format {known}").format(
                    version=short(version), known=SAVE_VERSION
                )
            )
        header = check_header(data)
        raw = items(data, "actions", "", MAX_ACTIONS)
        where = _("action {n}")
        actions = tuple(decode_action(a, where.format(n=i + 1)) for i, a in enumerate(raw))
    except (Damaged, CodecError) as e:
        raise SaveError(str(e), name) from None
    except (RecursionError, ValueError, OverflowError, UnicodeError, TypeError, MemoryError) as e:
        raise SaveError(_("not a readable save ({error})").format(error=type(e).__name__), name) from None
    header["meta"] = GameMeta.from_json(header["meta"])
    return SaveData(actions=actions, **header)


def read_save(path: str | os.PathLike) -> SaveData:
    """Read at most ``MAX_BYTES`` of a regular file and parse it."""
    path = Path(path)
    try:
        if stat.S_ISDIR(path.stat().st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe or a device would block or never end
            raise SaveError(_("not a regular file"), path)
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(_("no such file"), path, damaged=False) from None
    except IsADirectoryError:
        raise SaveError(_("a folder, not a save"), path) from None
    except (OSError, ValueError) as e:
        reason = _("cannot read ({error})").format(error=getattr(e, "strerror", None) or e)
        raise SaveError(reason, path, damaged=False) from None
    if len(raw) > MAX_BYTES:
        raise SaveError(_("over {n} MB, far larger than any save").format(n=MAX_BYTES // (1024 * 1024)), path)
    try:
        text = decode_text(raw)
    except Damaged as e:
        raise SaveError(str(e), path) from None
    return parse_save(text, str(path))


def open_save(path: str | os.PathLike) -> tuple[SaveData, Scenario, GameState]:
    """Open a save or explain why not: read, check and replay it. The one way
    loading, replaying and reporting open a save; raises only ``SaveError``."""
    save = read_save(path)
    scenario, state = replay_save(save, str(path))
    return save, scenario, state


def _played(scenario: Scenario, save: SaveData, name: str) -> Scenario:
    """The variant of the embedded scenario the game was played on: with the optional seats the save
    names in, the others left out."""
    from ..scenario import ScenarioError
    from ..scenario.variants import OptionalSeatError, with_optional

    try:
        return with_optional(scenario, save.with_)
    except OptionalSeatError as e:
        reason = _("it was played with an optional seat its scenario lacks: {error}").format(error=short(e, 200))
        raise SaveError(reason, name) from None
    except ScenarioError as e:
        first = str(e.diagnostics[0]) if e.diagnostics else str(e)
        reason = _("its embedded scenario does not load with its optional seats ({error})")
        raise SaveError(reason.format(error=short(first, 200)), name) from None


def _no_load() -> str:  # (one message, said in two places)
    return _("its embedded scenario does not load ({error}); the file was edited or damaged")


def replay_save(save: SaveData, name: str = "save") -> tuple[Scenario, GameState]:
    """Load the embedded scenario, replay the log, and check both hashes.

    The log is untrusted: an action the engine cannot take, whatever it raises,
    means the file is damaged, not that the game crashes.
    """
    from ..scenario import ScenarioError, load_scenario_files

    try:
        scenario = load_scenario_files(save.files, save.main)
    except ScenarioError as e:
        first = str(e.diagnostics[0]) if e.diagnostics else str(e)
        raise SaveError(_no_load().format(error=short(first, 200)), name) from None
    except _DAMAGE as e:
        raise SaveError(_no_load().format(error=type(e).__name__), name) from None
    if scenario.content_hash != save.content_hash:
        raise SaveError(
            _("the embedded scenario does not match its content hash (the file was edited or damaged)"), name
        )
    scenario = _played(scenario, save, name)
    try:
        state = new_game(scenario, save.seed)
    except _DAMAGE as e:
        raise SaveError(
            _("its embedded scenario cannot start a game ({error})").format(error=type(e).__name__), name
        ) from None
    for i, action in enumerate(save.actions, 1):
        try:
            state, _events = apply(scenario, state, action)
        except IllegalAction as e:
            reason = _("action {n} of {total} cannot be replayed: {error}")
            raise SaveError(reason.format(n=i, total=len(save.actions), error=short(e, 200)), name) from None
        except _DAMAGE as e:
            reason = _("action {n} of {total} cannot be replayed ({error})")
            raise SaveError(reason.format(n=i, total=len(save.actions), error=type(e).__name__), name) from None
    got = state_hash(state)
    if (state.round, state.over) != (save.round, save.over):
        said = _("round {n}").format(n=save.round) + (_(" (finished)") if save.over else "")
        got_to = _("round {n}").format(n=state.round) + (_(" (finished)") if state.over else "")
        reason = _("its header says {said}, but the log leads to {reached}; the file was altered or damaged")
        raise SaveError(reason.format(said=said, reached=got_to), name)
    if got != save.final_hash:
        reason = _("replaying it gives state {got}, but it records {recorded}; the log was altered or damaged")
        raise SaveError(reason.format(got=got[:12], recorded=save.final_hash[:12]), name)
    return scenario, state
