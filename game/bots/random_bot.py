"""A bot that gives random legal orders, seeded so a run can be repeated.

It fills its seat's order slots from the legal single orders in a random
order, keeping each addition only while the whole submission stays legal
(capital, duplicates, cooldowns). Its choices become actions in the log, so a
save replays without the bot.
"""

from __future__ import annotations

import random

from ..rules.model import Scenario
from ..rules.orders import legal_orders, orders_problem
from ..rules.state import GameState, Order


class RandomBot:
    name = "random"

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)

    def choose(self, scenario: Scenario, state: GameState, role: str) -> tuple[Order, ...]:
        options = legal_orders(scenario, state, role)
        self.rng.shuffle(options)
        slots = scenario.role(role).orders
        want = self.rng.randint(max(0, slots - 1), slots) if slots else 0
        chosen: list[Order] = []
        for order in options:
            if len(chosen) >= want:
                break
            trial = tuple(chosen) + (order,)
            if orders_problem(scenario, state, role, trial) is None:
                chosen.append(order)
        return tuple(chosen)
