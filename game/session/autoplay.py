"""Play a whole game with bots in every seat: for the CLI, tests, benchmarks and balance runs."""

from __future__ import annotations

from collections.abc import Callable

from ..bots import make_bot
from ..rules.model import Scenario
from ..rules.state import GameState, Resolve, Submit
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


TALKS, ORDERS, TURN = "talks", "orders", "turn"  # the phases of a seat's turn a bot is asked to talk in


def talk_phases(scenario: Scenario) -> tuple[str | None, str | None]:
    """When seats talk in this scenario's rounds: (the phase of the turn of talks every seat takes
    before orders, the phase of its turn of orders); None where it does not talk. "step": a turn of
    talks (write, propose, answer), then at the turn of orders answers only; "inline": one turn for all."""
    mode = scenario.negotiation.mode
    if mode == "step":
        return TALKS, ORDERS
    return (None, TURN) if mode == "inline" else (None, None)


def bots_play_round(scenario: Scenario, state_of: Callable[[], GameState], do: Callable, seats) -> None:
    """Every bot seat of ``seats`` ((role, bot) in role order) takes its turns of one round through
    ``do``: in "step" mode a turn of talks each, then each its turn of orders (talking first where the
    scenario lets it). ``state_of()``: the state now. The round is left to resolve."""
    talks, orders = talk_phases(scenario)
    if talks:
        for role, bot in seats:
            for action in bot.talk(scenario, state_of(), role, talks):
                do(action)
    for role, bot in seats:
        if orders:
            for action in bot.talk(scenario, state_of(), role, orders):
                do(action)
        do(Submit(role, bot.choose(scenario, state_of(), role)))


def play_round(game: Game, bots: dict) -> None:
    """Every bot seat takes its turns (``bots_play_round``), then the round resolves."""
    seats = [(role.id, bots[role.id]) for role in game.scenario.roles]
    bots_play_round(game.scenario, lambda: game.state, game.do, seats)
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
