"""The player's preferences for the board (sound, motion, text size, contrast), kept between launches.

A small JSON file in the data folder, written atomically like the saves. A file
that cannot be read, or that holds something this version did not write, never
stops the board: what cannot be understood is ignored and its default used. Only what differs
from the defaults is written down.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..session.storage import data_dir, write_atomic
from .look import valid

FILE_NAME = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    mute: bool = False  # no sound (there is none anyway where no audio device exists)
    reduce_motion: bool = False  # bars and tokens show their new values at once, nothing moves
    text_size: int = 100  # every text of the board, in percent: one of look.SIZES (100 to 200)
    high_contrast: bool = False  # white on black, bright borders (look, palette)


NAMES = tuple(f.name for f in fields(Preferences))
DEFAULTS = Preferences()
ALWAYS = ("mute", "reduce_motion")  # written even at their defaults, as the first version did


def understood(name: str, value: object) -> bool:
    """A value this version writes for ``name``: true or false, or a text size it offers."""
    return valid(value) if name == "text_size" else isinstance(value, bool)


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
    return Preferences(**{k: v for k, v in raw.items() if k in NAMES and understood(k, v)})


def save(prefs: Preferences, where: Path | None = None) -> None:
    chosen = {k: v for k, v in asdict(prefs).items() if v != getattr(DEFAULTS, k) or k in ALWAYS}
    write_atomic(where or path(), json.dumps(chosen, indent=1) + "\n")


def remember(name: str, value: bool | int, where: Path | None = None) -> Preferences:
    """Store one preference, the others kept as the file has them: a flag given for one
    launch (``demarche play --mute``) is not written down by changing another setting."""
    if name not in NAMES:
        raise KeyError(name)
    if not understood(name, value):
        raise ValueError(f"{name}: {value!r}")
    change: dict[str, Any] = {name: value}
    stored = replace(load(where), **change)
    save(stored, where)
    return stored
