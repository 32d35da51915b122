"""One whole game played by bots, every order checked as it is given: shared by the bots' tests."""

from game.rules.engine import apply, new_game
from game.rules.orders import orders_problem
from game.rules.state import Resolve, Submit


def play_checked_game(sc, bots, seed):
    """Play ``sc`` from ``seed`` to its end with ``bots`` (role id -> bot); every order set must be legal."""
    state = new_game(sc, seed)
    while not state.over:
        for r in sc.roles:
            orders = bots[r.id].choose(sc, state, r.id)
            assert orders_problem(sc, state, r.id, orders) is None
            state, _ = apply(sc, state, Submit(r.id, orders))
        state, _ = apply(sc, state, Resolve())
    assert state.outcome.round == sc.rounds or state.outcome.lost
    return state
