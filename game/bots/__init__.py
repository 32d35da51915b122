"""Seat policies. ``make_bot(name, seed)`` builds one by name."""

from .random_bot import RandomBot

BOTS = {"random": RandomBot}


def make_bot(name: str, seed: int = 0):
    try:
        return BOTS[name](seed)
    except KeyError:
        raise ValueError(f"unknown bot '{name}'; choose from {', '.join(sorted(BOTS))}") from None
