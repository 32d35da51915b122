"""Seat policies. ``make_bot(name, seed)`` builds one by name.

A bot has ``choose(scenario, state, role) -> tuple[Order, ...]``. ``random``
gives random legal orders; ``greedy`` looks one round ahead on what its seat
may observe (see ``game.bots.greedy`` for exactly what it knows); ``search``
plays a few candidates several rounds forward in worlds sampled from its
seat's observation, the other seats modelled as greedy (``game.bots.search``);
``novice`` is the greedy look-ahead without the hidden rules, as a first-time
player sees the game (``game.bots.novice``).

Reading a bot's name (``read_bot``) needs only the names, so the classes (and
the engine they look ahead with) are imported when a bot is built or one of
them is asked for: ``demarche validate`` checks a lesson's bots without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .policy import NO_POLICY, BotNameError, Policy, check_policy, parse_bot

if TYPE_CHECKING:
    from ..rules.model import Scenario
    from .greedy import GreedyBot
    from .novice import NoviceBot
    from .random_bot import RandomBot
    from .search import SearchBot

# Each bot's name and the module and class that play it, in the order they are listed to players.
_CLASSES = {
    "random": (".random_bot", "RandomBot"),
    "greedy": (".greedy", "GreedyBot"),
    "novice": (".novice", "NoviceBot"),
    "search": (".search", "SearchBot"),
}
BOT_NAMES = frozenset(_CLASSES)
# The bot for a seat nobody takes (the set-up screen's, and `play --seats`' for an unnamed role or a bare
# "bot"): greedy is a competent opponent; random, which plays any legal orders, teaches nothing to play against.
DEFAULT_BOT = "greedy"


def bot_class(name: str) -> type:
    """The class that plays bot ``name`` (a key of ``BOT_NAMES``), imported on first use."""
    module, cls = _CLASSES[name]
    return getattr(importlib.import_module(module, __name__), cls)


def __getattr__(name: str) -> Any:
    """The bot classes and ``BOTS`` (name -> class), imported when first asked for (see the module doc)."""
    if name == "BOTS":
        return {bot: bot_class(bot) for bot in _CLASSES}
    for bot, (_, cls) in _CLASSES.items():
        if cls == name:
            return bot_class(bot)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_bot(text: str, scenario: Scenario | None = None) -> tuple[str, Policy]:
    """A bot name with its optional policy (``"greedy:avoid=private"``, see ``game.bots.policy``); with
    ``scenario``, every policy item must name one of its instruments, categories or signals.
    ``BotNameError`` (a ``ValueError``) saying what is wrong otherwise."""
    name, policy = parse_bot(text, BOT_NAMES)
    if scenario is not None:
        check_policy(policy, scenario)
    return name, policy


# name -> (its class, its policy): a batch of games makes the same few bots thousands of times.
_MADE: dict[str, tuple[type, Policy]] = {}


def make_bot(name: str, seed: int = 0):
    """The bot ``name`` (with its policy, if any) seeded with ``seed``."""
    known = _MADE.get(name)
    if known is None:
        base, policy = read_bot(name)
        known = _MADE[name] = (bot_class(base), policy)  # (a policy is a frozen value: bots share it)
    cls, policy = known
    bot = cls(seed)
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
    "BOT_NAMES",
    "DEFAULT_BOT",
    "NO_POLICY",
    "BotNameError",
    "GreedyBot",
    "NoviceBot",
    "Policy",
    "RandomBot",
    "SearchBot",
    "bot_class",
    "make_bot",
    "read_bot",
    "split_seat",
]
