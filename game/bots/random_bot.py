"""A bot that gives random legal orders, seeded so a run can be repeated.

It walks its seat's instruments in a random order and, for each one it may
use, aims at a random legal target, keeping the order only while the whole
submission stays legal (capital, duplicates, cooldowns), until its slots are
full. Every instrument is equally likely, however many targets it has. Its
choices become actions in the log, so a save replays without the bot. With a
policy (``game.bots.policy``) it never tries an avoided instrument and tries
the preferred ones first.

The draws are ``random.Random``'s own: ``_shuffle`` and ``_below`` are
``Random.shuffle`` and ``Random._randbelow`` (which ``randint`` draws through)
written out over ``getrandbits``, as CPython 3.11 to 3.13 define them, so the
same generator gives the same orders and is left in the same state; where
``_randbelow`` is another method, the bot calls ``Random``'s own instead.
"""

from __future__ import annotations

import random
from functools import partial

from ..rules.model import Instrument, Scenario
from ..rules.orders import menu_submission, targets_for
from ..rules.state import GameState, Order
from .policy import NO_POLICY, Policy


def _below(rng: random.Random, n: int) -> int:
    """``rng._randbelow(n)`` for ``n > 0``: the same draws, the same result."""
    getrandbits = rng.getrandbits
    k = n.bit_length()
    r = getrandbits(k)
    while r >= n:
        r = getrandbits(k)
    return r


def _shuffle(rng: random.Random, x: list) -> None:
    """``rng.shuffle(x)``: the same draws (``_randbelow(i + 1)`` for i = len - 1 down to 1), the same swaps."""
    getrandbits = rng.getrandbits
    for i, n, k in _steps(len(x)):
        j = getrandbits(k)
        while j >= n:
            j = getrandbits(k)
        x[i], x[j] = x[j], x[i]


_STEPS: dict[int, tuple[tuple[int, int, int], ...]] = {}


def _steps(size: int) -> tuple[tuple[int, int, int], ...]:
    """(i, i + 1, its bit length) for i = size - 1 down to 1: the draws of a shuffle of ``size`` items."""
    steps = _STEPS.get(size)
    if steps is None:
        steps = _STEPS[size] = tuple((i, i + 1, (i + 1).bit_length()) for i in range(size - 1, 0, -1))
    return steps


if random.Random._randbelow is not random.Random._randbelow_with_getrandbits:  # type: ignore[attr-defined]
    # pragma: no cover - a Python whose Random draws another way: its own methods, then
    _below = random.Random._randbelow  # type: ignore[attr-defined]  # noqa: F811
    _shuffle = random.Random.shuffle  # type: ignore[assignment]  # noqa: F811


def _menus(
    scenario: Scenario,
) -> dict[str, tuple[int, tuple[str, ...], dict[str, tuple[Instrument, tuple[Order, ...]]]]]:
    """Per role: its order slots, its instruments, and each instrument with its orders, one per legal
    target in ``targets_for`` order (the instrument alone when it takes none). Orders are values: shared."""
    out = {}
    for r in scenario.roles:
        menu = {}
        for inst_id in r.instruments:
            inst = scenario.instrument(inst_id)
            targets = targets_for(scenario, inst, r.id)
            menu[inst_id] = (inst, tuple(Order(inst_id, t) for t in targets) or (Order(inst_id),))
        out[r.id] = (r.orders, tuple(r.instruments), menu)
    return out


class RandomBot:
    name = "random"
    policy: Policy = NO_POLICY  # what it favours and avoids (game.bots.policy)

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)

    def talk(self, scenario: Scenario, state: GameState, role: str, phase: str) -> tuple:
        """The messages, offers and answers (``Write``, ``Propose``, ``Answer``) the seat gives in ``phase``
        of its turn ("talks", "orders" or "turn": ``game.session.autoplay.talk_phases``)."""
        return ()

    def choose(self, scenario: Scenario, state: GameState, role: str) -> tuple[Order, ...]:
        slots, instruments, menu = scenario.derived(_menus)[role]
        rng = self.rng
        low = max(0, slots - 1)
        want = low + _below(rng, slots - low + 1) if slots else 0  # rng.randint(low, slots)
        policy = self.policy
        if policy.prefer:
            want = slots  # as many preferred orders as it may give (the draw above is made all the same)
        order = list(instruments)
        _shuffle(rng, order)
        if policy:  # avoided ones never, preferred ones first (the shuffle's draws are as without a policy)
            allowed = [i for i in order if policy.allows(scenario.instrument(i))]
            order = sorted(allowed, key=lambda i: not policy.prefers(scenario.instrument(i)))
        return menu_submission(scenario, state, role, menu, order, want, partial(_shuffle, rng))
