"""Replay points and "what if" branches: a game's log, cut at the start of a round.

A save is its action log, so any earlier moment of a game is a prefix of that
log. The moments worth stepping through are the starts of rounds: after the
previous round's ``Resolve`` (and the next round's briefing, which the engine
runs as part of it) and before any action of the new round, facilitator
actions included. ``round_points`` lists those prefix lengths plus the end of
the log; ``state_at`` replays a prefix; ``branch`` starts a new game from one,
remembering its parent in ``meta["parent"]``; ``save_branch`` writes it to the
saves folder. Nothing here touches pygame, and nothing writes unless asked to.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from attrs import frozen

from ..i18n import _
from ..rules.engine import apply, new_game
from ..rules.state import GameState, Resolve
from .game import Game
from .meta import GameMeta, ParentMeta
from .save import SaveData


@frozen
class Point:
    """A place to stop in a replay: ``actions`` long prefix of the log.

    ``round`` is the round the state is in there; ``start`` says it is the start
    of that round (a place a branch can begin); a point that is not a start is
    the end of the log: a finished game, or a round part-way through.
    """

    actions: int
    round: int
    start: bool


def _actions(save_or_game) -> tuple:
    return tuple(save_or_game.actions)


def _over(save_or_game) -> bool:
    if isinstance(save_or_game, Game):
        return save_or_game.state.over
    return bool(save_or_game.over)


def replay_points(save_or_game: Game | SaveData) -> list[Point]:
    """Every round start in the log, then the end when it is not a round start."""
    actions = _actions(save_or_game)
    starts = [0] + [i + 1 for i, a in enumerate(actions) if isinstance(a, Resolve)]
    if _over(save_or_game):
        starts.pop()  # the last Resolve ended the game: no round starts after it
    points = [Point(n, r, True) for r, n in enumerate(starts, 1)]
    if len(actions) != starts[-1] or _over(save_or_game):
        points.append(Point(len(actions), len(starts), False))
    return points


def round_points(save_or_game: Game | SaveData) -> list[int]:
    """The action-log prefix lengths at the start of each round, plus the end.

    A finished game of R rounds has R + 1 points; an unfinished one stopped at
    the very start of a round ends on that round's start.
    """
    return [p.actions for p in replay_points(save_or_game)]


def round_start(save_or_game: Game | SaveData, round: int) -> int:
    """The prefix length at the start of ``round``; ValueError if it never started."""
    starts = [p.actions for p in replay_points(save_or_game) if p.start]
    if not 1 <= round <= len(starts):
        played = _("rounds 1–{n}").format(n=len(starts)) if len(starts) > 1 else _("round 1")
        raise ValueError(
            _("round {round} never started in this game (it has {played})").format(round=round, played=played)
        )
    return starts[round - 1]


def state_at(game: Game, n: int) -> GameState:
    """The state after the first ``n`` actions of ``game``'s log."""
    if not 0 <= n <= len(game.actions):
        raise ValueError(_("the log has {count} actions, not {n}").format(count=len(game.actions), n=n))
    state = new_game(game.scenario, game.seed)
    for action in game.actions[:n]:
        state, _events = apply(game.scenario, state, action)
    return state


def states_at(game: Game, points) -> dict[int, GameState]:
    """The state at each prefix length in ``points``, in one pass over the log."""
    wanted = set(points)
    state = new_game(game.scenario, game.seed)
    out = {0: state} if 0 in wanted else {}
    for i, action in enumerate(game.actions[: max(wanted, default=0)], 1):
        state, _events = apply(game.scenario, state, action)
        if i in wanted:
            out[i] = state
    return out


def branch(game: Game, round: int, parent_file: str = "") -> Game:
    """A new game that replays ``game`` up to the start of ``round`` and goes on from there.

    Actions before that point (facilitator notes, injects and adjustments
    included) are kept; everything from the round's first action on is dropped.
    """
    n = round_start(game, round)
    # The facilitator's PIN goes along: a what-if of an exercise keeps its control seat.
    meta = GameMeta()
    meta.seats = dict(game.meta.seats) if game.meta.seats is not None else None
    meta.title = game.meta.title
    meta.facilitator = game.meta.facilitator
    meta.parent = ParentMeta(parent_file, game.hash, round, n)
    child = Game(game.scenario, game.files, game.main, game.seed, meta)
    child.actions = list(game.actions[:n])
    if n:
        # The hot-seat flow opens the round with its news (last round's results
        # and this round's briefing), as the players first saw it.
        previous = round_start(game, round - 1)
        states = states_at(game, (previous, n))
        child.state = states[n]
        child.meta.news_index = len(states[previous].events)
        child.meta.phase = "resolution"
    else:
        child.meta.phase = "setup"  # round 1: the briefings come first again
    return child


def branch_name(scenario_id: str, round: int, when: datetime | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    return f"{scenario_id}-whatif-r{round}-{when.strftime('%Y%m%d-%H%M%S')}.json"


def save_branch(
    game: Game, round: int, parent_path: str | os.PathLike | None = None, folder: Path | None = None
) -> Path:
    """Branch ``game`` at ``round`` and write it to the saves folder (atomically).

    Returns the new file's path; an existing file is never overwritten.
    """
    from .slots import saves_dir

    child = branch(game, round, Path(parent_path).name if parent_path else "")
    folder = Path(folder) if folder is not None else saves_dir()
    base = branch_name(game.scenario.id, round)
    path = folder / base
    extra = 2
    while path.exists():  # two branches in one second: never overwrite
        path = folder / f"{base[: -len('.json')]}-{extra}.json"
        extra += 1
    child.save(path)
    return path


__all__ = [
    "Point",
    "replay_points",
    "round_points",
    "round_start",
    "state_at",
    "states_at",
    "branch",
    "save_branch",
    "branch_name",
]
