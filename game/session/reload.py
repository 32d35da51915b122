"""Hot reload: apply a game's actions to the scenario as it now is on disk.

An author edits the scenario while a game is open, presses F5, and sees the
change at once. Either the edited file validates and every recorded action
still applies — then the game continues on the new scenario, exactly where it
was — or nothing changes and the author is told why.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n import _
from ..rules.engine import IllegalAction
from .game import Game


class ReloadError(Exception):
    """The edited scenario loads, but the game's log no longer fits it."""


def reload_game(game: Game, source: str | os.PathLike) -> Game:
    """A new Game on the scenario at ``source`` with ``game``'s seed, metadata and
    actions replayed. Raises ``ScenarioError`` (the file does not validate) or
    ``ReloadError`` (an action no longer applies); ``game`` is never changed."""
    from ..scenario import load_scenario_files, read_scenario_files
    from ..scenario.variants import OptionalSeatError, with_optional

    files, main = read_scenario_files(Path(source))
    try:  # the same optional seats in as before
        scenario = with_optional(load_scenario_files(files, main), game.scenario.optional_in)
    except OptionalSeatError as e:
        raise ReloadError(_("the game so far no longer fits the edited scenario: {error}").format(error=e)) from None
    fresh = Game(scenario, files, main, game.seed, game.meta)
    for i, action in enumerate(game.actions, 1):
        try:
            fresh.do(action)
        except IllegalAction as e:
            raise ReloadError(
                _(
                    "the game so far no longer fits the edited scenario: action {n} of {total} ({action}) is refused: "
                    "{error}"
                ).format(n=i, total=len(game.actions), action=type(action).__name__, error=e)
            ) from None
    return fresh
