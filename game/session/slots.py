"""Where saves live on this computer: autosaves (the last 20 of each game) and named saves.

Saves go to the user's data folder (platformdirs), or to ``$DEMARCHE_DATA_DIR``
when that is set (tests, portable installs). Each game carries a ``game_id``
in its metadata, also in its autosaves' file names, so pruning one game's
autosaves never touches another's; named saves are never pruned. Listing reads
each file's header without replaying it, so the Load screen opens fast; a
broken file is listed with the reason instead of hiding it.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from attrs import frozen

from ..i18n import N_, _
from .game import Game
from .save import SaveError, read_save
from .storage import data_dir

KEEP_AUTOSAVES = 20
# What an autosave followed, by its phase ("round 3, after a seat's orders"); looked up where shown.
PHASES = {
    "setup": N_("set-up"),
    "briefing": N_("a briefing"),
    "orders": N_("a seat's orders"),
    "talks": N_("a seat's talks"),
    "resolution": N_("the round's results"),
}
AUTOSAVE_PREFIX = "autosave-"


def saves_dir() -> Path:
    return data_dir() / "saves"


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")


def game_id(game: Game) -> str:
    """This game's identity, kept in its saves. A game from an older save
    without one (a legacy save) gets a new identity when it is resumed."""
    gid = game.meta.game_id
    if gid is None or not re.fullmatch(r"[0-9a-f]{12,64}", gid):
        gid = game.meta.game_id = uuid.uuid4().hex
    return gid


def autosave(game: Game, phase: str = "", folder: Path | None = None) -> Path:
    """Write an autosave and keep only this game's newest ``KEEP_AUTOSAVES``.

    Raises ``OSError`` when the file cannot be written (the caller tells the players).
    """
    folder = folder or saves_dir()
    game.meta.phase = phase
    tag = game_id(game)[:12]
    path = folder / f"{AUTOSAVE_PREFIX}{_stamp()}-{game.scenario.id}-g{tag}.json"
    game.save(path)
    for old in sorted(folder.glob(f"{AUTOSAVE_PREFIX}*-g{tag}.json"))[:-KEEP_AUTOSAVES]:
        try:
            old.unlink()
        except OSError:
            pass
    return path


TEMP_FILE = re.compile(r"^\..+\.json\.(?:(\d+)\.)?[A-Za-z0-9_]{6,12}\.tmp$")  # save.write_atomic's names
STALE_AFTER = 600.0  # seconds; no save takes this long to write


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # cannot tell: rely on the age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def clean_temp_files(folder: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove temp files that interrupted writes left in the saves folder.

    Only our own pattern, and only when the writer is gone: its process is
    not running (the pid is in the name), or the file is older than
    ``STALE_AFTER``. Another process saving right now keeps its file.
    """
    folder = folder or saves_dir()
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = TEMP_FILE.match(entry.name)
        if not m:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = int(m.group(1)) if m.group(1) else None
            dead = pid is not None and pid != os.getpid() and not _running(pid)
            if dead or now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def safe_name(name: str) -> str:
    """A file name from what a player typed: letters, digits, - and _."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-")
    return cleaned[:60] or "save"


def save_named(game: Game, name: str, folder: Path | None = None) -> Path:
    """Save under a name in the saves folder, or, when ``name`` is a path
    ("~/backup/game", "/media/usb/game.json"), there: a way out when the
    saves folder cannot be written."""
    game_id(game)
    typed = name.strip()
    if typed.startswith("~") or os.sep in typed or (os.altsep and os.altsep in typed):
        path = Path(typed).expanduser()
        if path.suffix != ".json":
            path = path.with_name(path.name + ".json")
    else:
        path = (folder or saves_dir()) / f"{safe_name(name)}.json"
    game.save(path)
    return path


@frozen
class SaveInfo:
    path: Path
    title: str  # scenario title or id
    round: int
    over: bool
    created: str
    autosave: bool
    error: str = ""

    phase: str = ""
    players: str = ""  # the people's names, in seat order
    game_id: str = ""  # the game the save belongs to ("" in a save too old to say, or unreadable)
    bots: int = 0  # seats played by a bot
    by: str = ""  # the person whose briefing, talks or orders the save came after, when it says

    @property
    def label(self) -> str:
        if self.error:
            reason = self.error if len(self.error) <= 120 else self.error[:119] + "…"
            return printable(_("{file}: cannot be loaded ({reason})").format(file=self.path.name, reason=reason))
        when = self.created.replace("T", " ")[:16]
        if self.over:
            state = _("finished")
        elif self.phase:
            phase = _(PHASES.get(self.phase, self.phase))
            state = _("round {round}, after {phase}").format(round=self.round, phase=phase)
        else:
            state = _("round {round}").format(round=self.round)
        kind = _("autosave") if self.autosave else _("saved as {name}").format(name=self.path.stem)
        who = f" — {self.players}" if self.players else ""
        return printable(f"{when} — {self.title} — {state}{who} — {kind}")


def printable(s: str) -> str:
    """One line that any font can draw: control characters and the undecodable
    bytes of odd file names become visible replacements."""
    s = s.encode("utf-8", "replace").decode("utf-8")
    return "".join(c if c.isprintable() else "?" for c in s)


def find_save(name: str | os.PathLike) -> Path:
    """A save given as a path, or as a name in the saves folder ("red_lines-round-3")."""
    path = Path(name)
    try:
        if path.exists() or path.is_absolute() or len(path.parts) > 1:
            return path
        for candidate in (saves_dir() / path.name, saves_dir() / f"{path.name}.json"):
            if candidate.exists():
                return candidate
    except (OSError, ValueError):  # a name too long for the file system: reading it says so
        pass
    return path


def _mover(data, phase: str) -> str:
    """The person whose turn the autosave of ``phase`` ended: who was briefed last, or whose orders were
    confirmed last (an orders autosave follows its Submit at once); "" for a bot, an unnamed seat or another
    phase (a talks autosave may follow a seat closing its talks, which is no action)."""
    seats = data.meta.seats or {}
    if phase == "briefing":
        role = (data.meta.briefed or [""])[-1]
    elif phase == "orders" and data.actions:
        role = getattr(data.actions[-1], "role", "")
    else:
        return ""
    seat = seats.get(role)
    return seat.name if seat is not None and seat.bot is None else ""


def _damaged(e: SaveError) -> str:
    return _("damaged save: {reason}").format(reason=e.reason) if e.damaged else e.reason


def list_saves(folder: Path | None = None) -> list[SaveInfo]:
    """Every save in the folder, newest first."""
    folder = folder or saves_dir()
    if not folder.is_dir():
        return []
    infos = []
    for path in folder.glob("*.json"):
        auto = path.name.startswith(AUTOSAVE_PREFIX)
        try:
            data = read_save(path)
        except SaveError as e:
            try:
                mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
            except OSError:
                mtime = ""
            infos.append(SaveInfo(path, path.stem, 0, False, mtime, auto, _damaged(e)))
            continue
        meta = data.meta
        title = meta.title if meta.title is not None else data.scenario_id
        phase = meta.phase or ""
        seats = (meta.seats or {}).values()
        names = [s.name for s in seats if s.name and not s.bot]
        by = _mover(data, phase)
        infos.append(
            SaveInfo(
                path,
                title,
                data.round,
                data.over,
                data.created,
                auto,
                "",
                phase,
                ", ".join(names),
                meta.game_id or "",
                sum(1 for s in seats if s.bot),
                by,
            )
        )
    infos.sort(key=lambda i: (i.created, i.path.name), reverse=True)
    return infos
