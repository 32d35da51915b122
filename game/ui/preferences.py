"""The player's preferences for the board (sound, motion), kept between launches.

A small JSON file in the data folder, written atomically like the saves. A file
that cannot be read, or that holds something this version did not write, never
stops the board: what cannot be understood is ignored and its default used.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from ..session.storage import data_dir, write_atomic

FILE_NAME = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    mute: bool = False  # no sound (there is none anyway where no audio device exists)
    reduce_motion: bool = False  # bars and tokens show their new values at once, nothing moves


NAMES = tuple(f.name for f in fields(Preferences))


def path() -> Path:
    return data_dir() / FILE_NAME


def load(where: Path | None = None) -> Preferences:
    """The stored preferences; the defaults for anything missing, damaged or unknown."""
    try:
        raw = json.loads((where or path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    return Preferences(**{k: v for k, v in raw.items() if k in NAMES and isinstance(v, bool)})


def save(prefs: Preferences, where: Path | None = None) -> None:
    write_atomic(where or path(), json.dumps(asdict(prefs), indent=1) + "\n")


def remember(name: str, value: bool, where: Path | None = None) -> Preferences:
    """Store one preference, the others kept as the file has them: a flag given for one
    launch (``demarche play --mute``) is not written down by changing another setting."""
    if name not in NAMES:
        raise KeyError(name)
    stored = replace(load(where), **{name: value})
    save(stored, where)
    return stored
