"""Seat policies. ``make_bot(name, seed)`` builds one by name.

A bot has ``choose(scenario, state, role) -> tuple[Order, ...]``. ``random``
gives random legal orders; ``greedy`` looks one round ahead on what its seat
may observe (see ``game.bots.greedy`` for exactly what it knows); ``search``
plays a few candidates several rounds forward in worlds sampled from its
seat's observation, the other seats modelled as greedy (``game.bots.search``);
``novice`` is the greedy look-ahead without the hidden rules, as a first-time
player sees the game (``game.bots.novice``).
"""

from .greedy import GreedyBot
from .novice import NoviceBot
from .random_bot import RandomBot
from .search import SearchBot

BOTS = {"random": RandomBot, "greedy": GreedyBot, "novice": NoviceBot, "search": SearchBot}


def make_bot(name: str, seed: int = 0):
    try:
        return BOTS[name](seed)
    except KeyError:
        raise ValueError(f"unknown bot '{name}'; choose from {', '.join(sorted(BOTS))}") from None


__all__ = ["BOTS", "GreedyBot", "NoviceBot", "RandomBot", "SearchBot", "make_bot"]
