"""A bot that gives random legal orders, seeded so a run can be repeated.

It walks its seat's instruments in a random order and, for each one it may
use, aims at a random legal target, keeping the order only while the whole
submission stays legal (capital, duplicates, cooldowns), until its slots are
full. Every instrument is equally likely, however many targets it has. Its
choices become actions in the log, so a save replays without the bot. With a
policy (``game.bots.policy``) it never tries an avoided instrument and tries
the preferred ones first.
"""

from __future__ import annotations

import random

from ..rules.model import Scenario
from ..rules.orders import Submission, targets_for
from ..rules.state import GameState, Order
from .policy import NO_POLICY, Policy


class RandomBot:
    name = "random"
    policy: Policy = NO_POLICY  # what it favours and avoids (game.bots.policy)

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)

    def choose(self, scenario: Scenario, state: GameState, role: str) -> tuple[Order, ...]:
        slots = scenario.role(role).orders
        want = self.rng.randint(max(0, slots - 1), slots) if slots else 0
        if self.policy.prefer:
            want = slots  # as many preferred orders as it may give (the draw above is made all the same)
        instruments = list(scenario.role(role).instruments)
        self.rng.shuffle(instruments)
        if self.policy:  # avoided ones never, preferred ones first (the shuffle's draws are as without a policy)
            allowed = [i for i in instruments if self.policy.allows(scenario.instrument(i))]
            instruments = sorted(allowed, key=lambda i: not self.policy.prefers(scenario.instrument(i)))
        chosen = Submission(scenario, state, role)  # checks each trial as orders_problem would
        for inst_id in instruments:
            if len(chosen.orders) >= want:
                break
            if chosen.blocker(inst_id):
                continue
            inst = scenario.instrument(inst_id)
            targets: list[str | None] = [*targets_for(scenario, inst, role)] or [None]
            self.rng.shuffle(targets)
            for target in targets:
                if chosen.add(Order(inst_id, target)):
                    break
        return chosen.finish()
