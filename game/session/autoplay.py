"""Play a whole game with bots in every seat: for the CLI, tests, benchmarks and balance runs."""

from __future__ import annotations

from ..bots import make_bot
from ..rules.state import Resolve, Submit
from .game import Game
from .meta import SeatMeta


def seat_bots(game: Game, bots: dict[str, str] | str = "random", seed: int | None = None) -> dict:
    """One bot per role. ``bots`` is a bot name for all, or role -> bot name.

    Each bot's own generator is seeded from the game seed and the role's place,
    so the same seed gives the same game.
    """
    base = game.seed if seed is None else seed
    out = {}
    for i, role in enumerate(game.scenario.roles):
        name = bots if isinstance(bots, str) else (bots.get(role.id) or "random")
        out[role.id] = make_bot(name, base * 1009 + i)
    return out


def play_round(game: Game, bots: dict) -> None:
    """Every bot seat submits, then the round resolves."""
    for role in game.scenario.roles:
        bot = bots[role.id]
        game.do(Submit(role.id, bot.choose(game.scenario, game.state, role.id)))
    game.do(Resolve())


def autoplay(game: Game, bots: dict[str, str] | str = "random", rounds: int | None = None) -> Game:
    """Bots play to the end, or with ``rounds`` only up to the end of that round."""
    seated = seat_bots(game, bots)
    while not game.state.over and (rounds is None or game.state.round <= rounds):
        play_round(game, seated)
    return game


def hand_to_people(game: Game) -> None:
    """Make an unfinished autoplayed game one that people take over at the board:
    every seat human, the news opening at the last round's results, as a resumed
    hot-seat game would (a rehearsal: bots play the opening, people the rest)."""
    game.meta.seats = {r: SeatMeta("", None) for r in game.scenario.role_ids}
    game.meta.title = game.scenario.title
    game.meta.phase = "resolution"
    game.meta.briefed = list(game.scenario.role_ids)  # the briefing stays on B
    last = game.state.round - 1
    marks = [i for i, e in enumerate(game.state.events) if e.kind == "round" and e.round == last]
    game.meta.news_index = marks[-1] + 1 if marks else 0
