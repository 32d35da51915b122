"""Where saves live on this computer: autosaves (the last 20) and named saves.

Saves go to the user's data folder (platformdirs), or to ``$DEMARCHE_DATA_DIR``
when that is set (tests, portable installs). Listing reads each file's header
without replaying it, so the Load screen opens fast; a broken file is listed
with the reason instead of hiding it.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

import platformdirs
from attrs import frozen

from .game import Game
from .save import SaveError, read_save

KEEP_AUTOSAVES = 20
PHASES = {"setup": "set-up", "briefing": "a briefing", "orders": "a seat's orders", "resolution": "the round's results"}
AUTOSAVE_PREFIX = "autosave-"


def data_dir() -> Path:
    override = os.environ.get("DEMARCHE_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("demarche", appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")


def autosave(game: Game, phase: str = "", folder: Path | None = None) -> Path:
    """Write an autosave and keep only the newest ``KEEP_AUTOSAVES``."""
    folder = folder or saves_dir()
    game.meta["phase"] = phase
    path = folder / f"{AUTOSAVE_PREFIX}{_stamp()}-{game.scenario.id}.json"
    game.save(path)
    autosaves = sorted(folder.glob(f"{AUTOSAVE_PREFIX}*.json"))
    for old in autosaves[:-KEEP_AUTOSAVES]:
        try:
            old.unlink()
        except OSError:
            pass
    return path


def safe_name(name: str) -> str:
    """A file name from what a player typed: letters, digits, - and _."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-")
    return cleaned[:60] or "save"


def save_named(game: Game, name: str, folder: Path | None = None) -> Path:
    folder = folder or saves_dir()
    path = folder / f"{safe_name(name)}.json"
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
    players: str = ""

    @property
    def label(self) -> str:
        if self.error:
            return f"{self.path.name}: cannot be loaded ({self.error})"
        when = self.created.replace("T", " ")[:16]
        state = "finished" if self.over else f"round {self.round}" + (f", after {PHASES.get(self.phase, self.phase)}" if self.phase else "")
        kind = "autosave" if self.autosave else f"saved as {self.path.stem}"
        who = f" — {self.players}" if self.players else ""
        return f"{when} — {self.title} — {state}{who} — {kind}"


def find_save(name: str | os.PathLike) -> Path:
    """A save given as a path, or as a name in the saves folder ("red_lines-round-3")."""
    path = Path(name)
    if path.exists() or path.is_absolute() or len(path.parts) > 1:
        return path
    for candidate in (saves_dir() / path.name, saves_dir() / f"{path.name}.json"):
        if candidate.exists():
            return candidate
    return path


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
            mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
            infos.append(SaveInfo(path, path.stem, 0, False, mtime, auto, str(e).split(": ", 1)[-1]))
            continue
        meta = data.meta
        title = meta.get("title") if isinstance(meta.get("title"), str) else data.scenario_id
        phase = meta.get("phase") if isinstance(meta.get("phase"), str) else ""
        seats = meta.get("seats") if isinstance(meta.get("seats"), dict) else {}
        names = [s.get("name") for s in seats.values() if isinstance(s, dict) and isinstance(s.get("name"), str) and s.get("name") and not s.get("bot")]
        infos.append(SaveInfo(path, title, data.round, data.over, data.created, auto, "", phase, ", ".join(names)))
    infos.sort(key=lambda i: (i.created, i.path.name), reverse=True)
    return infos
