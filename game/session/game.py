"""A game in progress: scenario, seed, the action log and the current state.

This is what the command line and the board hold. It applies actions through
the engine, keeps the log, and turns itself into a save (or back).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..rules.counts import RunningCounts
from ..rules.engine import apply, new_game
from ..rules.hashing import state_hash
from ..rules.model import Scenario
from ..rules.state import Action, Event, GameState
from .meta import GameMeta
from .save import SaveData, open_save, replay_save, write_save


class Game:
    def __init__(
        self,
        scenario: Scenario,
        files: dict[str, str],
        main: str,
        seed: int | None = None,
        meta: GameMeta | None = None,
    ) -> None:
        self.scenario = scenario
        self.files = dict(files)
        self.main = main
        self.seed = scenario.seed if seed is None else seed
        self.meta = meta.copy() if meta is not None else GameMeta()
        self.actions: list[Action] = []
        self.state: GameState = new_game(scenario, self.seed)
        self._counts = RunningCounts()  # the used() counts one resolve leaves to the next (game.rules.counts)

    @classmethod
    def from_path(
        cls, path: str | os.PathLike, seed: int | None = None, meta: GameMeta | None = None, with_: Iterable[str] = ()
    ) -> Game:
        """A new game on the scenario at ``path``, played with the optional seats ``with_`` in (and its
        other optional seats left out)."""
        from ..scenario import load_scenario_files, read_scenario_files
        from ..scenario.variants import with_optional

        files, main = read_scenario_files(Path(path))
        scenario = with_optional(load_scenario_files(files, main), with_)
        return cls(scenario, files, main, seed, meta)

    @classmethod
    def from_save(cls, save: SaveData, name: str = "save") -> Game:
        scenario, state = replay_save(save, name)
        return cls._replayed(save, scenario, state)

    @classmethod
    def _replayed(cls, save: SaveData, scenario: Scenario, state: GameState) -> Game:
        game = cls(scenario, save.files, save.main, save.seed, save.meta)
        game.actions = list(save.actions)
        game.state = state
        return game

    @classmethod
    def load(cls, path: str | os.PathLike) -> Game:
        """The game in a save, or ``SaveError`` saying why not (``open_save``)."""
        return cls._replayed(*open_save(path))

    def do(self, action: Action) -> tuple[Event, ...]:
        """Apply ``action``; on success it joins the log. Raises ``IllegalAction``."""
        self.state, events = apply(self.scenario, self.state, action, counts=self._counts)
        self.actions.append(action)
        return events

    @property
    def hash(self) -> str:
        return state_hash(self.state)

    def to_save(self) -> SaveData:
        return SaveData(
            scenario_id=self.scenario.id,
            main=self.main,
            files=self.files,
            content_hash=self.scenario.content_hash,
            seed=self.seed,
            actions=tuple(self.actions),
            final_hash=self.hash,
            round=self.state.round,
            over=self.state.over,
            meta=self.meta,
            with_=self.scenario.optional_in,
        )

    def save(self, path: str | os.PathLike) -> None:
        write_save(path, self.to_save())
