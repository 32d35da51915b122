"""Seat policies. ``make_bot(name, seed)`` builds one by name.

A bot has ``choose(scenario, state, role) -> tuple[Order, ...]``. ``random``
gives random legal orders; ``greedy`` looks one round ahead on what its seat
may observe (see ``game.bots.greedy`` for exactly what it knows); ``search``
plays a few candidates several rounds forward in worlds sampled from its
seat's observation, the other seats modelled as greedy (``game.bots.search``);
``novice`` is the greedy look-ahead without the hidden rules, as a first-time
player sees the game (``game.bots.novice``).
"""

from ..rules.model import Scenario
from .greedy import GreedyBot
from .novice import NoviceBot
from .policy import NO_POLICY, BotNameError, Policy, check_policy, parse_bot
from .random_bot import RandomBot
from .search import SearchBot

BOTS = {"random": RandomBot, "greedy": GreedyBot, "novice": NoviceBot, "search": SearchBot}
# The bot for a seat nobody takes (the set-up screen's, and `play --seats`' for an unnamed role or a bare
# "bot"): greedy is a competent opponent; random, which plays any legal orders, teaches nothing to play against.
DEFAULT_BOT = "greedy"


def read_bot(text: str, scenario: Scenario | None = None) -> tuple[str, Policy]:
    """A bot name with its optional policy (``"greedy:avoid=private"``, see ``game.bots.policy``); with
    ``scenario``, every policy item must name one of its instruments, categories or signals.
    ``BotNameError`` (a ``ValueError``) saying what is wrong otherwise."""
    name, policy = parse_bot(text, frozenset(BOTS))
    if scenario is not None:
        check_policy(policy, scenario)
    return name, policy


def make_bot(name: str, seed: int = 0):
    """The bot ``name`` (with its policy, if any) seeded with ``seed``."""
    base, policy = read_bot(name)
    bot = BOTS[base](seed)
    if policy:
        bot.policy = policy
    return bot


def split_seat(item: str) -> tuple[str | None, str]:
    """``"foreign=greedy:avoid=x"`` -> ("foreign", "greedy:avoid=x"); ``"greedy:avoid=x"`` -> (None, ...): an
    item names a seat when an ``=`` comes before any ``:`` (a policy's own ``=`` follows the bot's ``:``)."""
    head, sep, rest = item.partition("=")
    if not sep or ":" in head:
        return None, item.strip()
    return head.strip(), rest.strip()


__all__ = [
    "BOTS",
    "DEFAULT_BOT",
    "NO_POLICY",
    "BotNameError",
    "GreedyBot",
    "NoviceBot",
    "Policy",
    "RandomBot",
    "SearchBot",
    "make_bot",
    "read_bot",
    "split_seat",
]
