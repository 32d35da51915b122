"""The saves on this computer grouped the way a player looks for them: by game.

Every phase of a game is autosaved, so a few evenings of play left a wall of
near-identical lines. Here the saves a player named come first, each on its
own; then one entry per game (its newest autosave says where it stands), its
autosaves under it, newest first; last, the files that cannot be read, which
no game can claim. A game is known by the ``game_id`` in its saves' metadata;
an autosave too damaged to read still names its game's tag in its file name,
so it stays with its game when that game has saves that can be read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import frozen

from .slots import SaveInfo

TAG = 12  # hex digits of the game_id in an autosave's file name (slots.autosave)
TAGGED = re.compile(rf"-g([0-9a-f]{{{TAG}}})\.json$")


def newest_first(saves: Iterable[SaveInfo]) -> tuple[SaveInfo, ...]:
    return tuple(sorted(saves, key=lambda s: (s.created, s.path.name), reverse=True))


@frozen
class GameSaves:
    """One game's autosaves, newest first (at least one of them readable)."""

    key: str
    autosaves: tuple[SaveInfo, ...]

    @property
    def latest(self) -> SaveInfo:
        """Where the game stands: its newest autosave that can be read (what Load resumes)."""
        return next(s for s in self.autosaves if not s.error)

    @property
    def last_played(self) -> str:
        return self.latest.created


@frozen
class SaveListing:
    named: tuple[SaveInfo, ...]  # saved under a name, newest first
    games: tuple[GameSaves, ...]  # the game played last first
    broken: tuple[SaveInfo, ...]  # files that cannot be read and belong to no game listed

    @property
    def empty(self) -> bool:
        return not (self.named or self.games or self.broken)


def game_key(save: SaveInfo) -> str | None:
    """The game a save belongs to: its game_id's tag, or for an unreadable autosave the tag in its name."""
    if save.game_id:
        return save.game_id[:TAG]
    if save.autosave:
        found = TAGGED.search(save.path.name)
        return found.group(1) if found else None
    return None


def group_saves(saves: Iterable[SaveInfo]) -> SaveListing:
    """Named saves, games (each with its autosaves) and broken files, each newest first."""
    named: list[SaveInfo] = []
    broken: list[SaveInfo] = []
    games: dict[str, list[SaveInfo]] = {}
    for save in saves:
        if not save.autosave:
            (broken if save.error else named).append(save)
            continue
        key = game_key(save) or f"file:{save.path.name}"  # an autosave too old to name its game: a game of its own
        games.setdefault(key, []).append(save)
    grouped = []
    for key, autosaves in games.items():
        if all(s.error for s in autosaves):  # nothing of this game can be read: no game to show them under
            broken.extend(autosaves)
        else:
            grouped.append(GameSaves(key, newest_first(autosaves)))
    grouped.sort(key=lambda g: (g.last_played, g.latest.path.name), reverse=True)
    return SaveListing(newest_first(named), tuple(grouped), newest_first(broken))
