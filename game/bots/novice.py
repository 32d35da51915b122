"""A bot that plays as a thoughtful first-time player: it reads the cards, not the answer key.

The greedy bot looks one round ahead with the scenario's own rules, hidden
consequences included: it plays as someone who has read the whole file. A
first-time player knows only what the board shows: the meters its seat sees,
the news, its objectives, and each card's text and direct effects. The
novice is the greedy bot (``game.bots.greedy``: the same observation, belief
and candidate search) run on the rules such a player can know
(``player_rules``):

- no hidden consequence fires in its look-ahead (each keeps its id and
  effects, so what the seat has been told fired still counts, but its
  condition is false), until the seat has seen it fire: a consequence whose
  reveal reached the seat is a rule the player now knows, and it is back in
  the look-ahead from then on (a player who learns from the news);
- no crisis breaks in its look-ahead (nobody announces the next one); a
  crisis already on the board keeps its ongoing effects and its end, which
  the players have seen;
- everything else (instruments, costs, cooldowns, objectives, the public
  ``lose_when``) is as written.

So where a lesson's trap is a hidden consequence, the novice walks into it,
as the players the lesson is written for would; ``simulate --bots novice``
shows whether they can still win, and what the trap costs them.
"""

from __future__ import annotations

import attrs

from ..rules.expr import compile_expr
from ..rules.model import Scenario
from ..rules.observe import Observation
from ..rules.state import Order
from .greedy import GreedyBot


def player_rules(scenario: Scenario, learnt: frozenset[str] = frozenset()) -> Scenario:
    """The rules as a first-time player can know them (see the module doc), having seen the consequences
    ``learnt`` fire; kept with the scenario, one per set learnt."""
    cache = scenario.derived(_learnt_rules)
    rules = cache.get(learnt)
    if rules is None:
        if len(cache) >= _MAX_LEARNT:  # many games, many different things learnt: start afresh
            cache.clear()
        rules = cache[learnt] = _player_rules(scenario, learnt)
    return rules


_MAX_LEARNT = 256  # rule sets kept per scenario


def _learnt_rules(scenario: Scenario) -> dict[frozenset[str], Scenario]:
    return {}


def _player_rules(scenario: Scenario, learnt: frozenset[str]) -> Scenario:
    never = compile_expr("false", scenario.names)  # type: ignore[arg-type]
    return attrs.evolve(
        scenario,
        consequences=tuple(c if c.id in learnt else attrs.evolve(c, when=never) for c in scenario.consequences),
        crises=tuple(attrs.evolve(c, round=None, when=None) for c in scenario.crises),
        schedule=(),
    )


def learnt_from(view: Observation) -> frozenset[str]:
    """The consequences whose reveal reached the seat: rules it has seen at work."""
    return frozenset(e.ref for e in view.events if e.kind == "consequence" and e.ref)


class NoviceBot(GreedyBot):
    """The greedy look-ahead on ``player_rules``: a first-time player who weighs each card's visible effects
    and the consequences it has seen."""

    name = "novice"
    accept_margin = 0.25  # a first-time player takes a deal that looks reasonable, not only one that pays

    def decide(self, scenario: Scenario, view: Observation) -> tuple[Order, ...]:
        return super().decide(player_rules(scenario, learnt_from(view)), view)
