"""Policies on bots: ``greedy:prefer=A+B:avoid=C+D``, a bot told what to favour and what to leave alone.

A policy turns a bot into a player with a habit, so that a claim about a
way of playing can be measured: ``foreign=greedy:avoid=private`` is a
careful Foreign Ministry that never works behind closed doors, and
``foreign=greedy:prefer=public_condemnation`` one that reaches for the
megaphone whenever it may. Each item names an instrument id, a category
or a signal; an instrument matches when any of those is named.

- ``avoid``: the bot never gives a matching order.
- ``prefer``: the bot gives as many matching orders as its slots, capital
  and the rules allow, then chooses the rest as it would; which matching
  orders, and on which targets, is still its own choice.
- ``talks=no``: the bot never negotiates: it offers no deal and answers
  none (``game.bots.talks``), a seat that goes it alone.

Every bot takes a policy (``make_bot("random:avoid=coercion")``); the bots
apply it where they draw or rank their candidates.
"""

from __future__ import annotations

from attrs import frozen

from ..i18n import _
from ..rules.expr_base import suggest
from ..rules.model import Instrument, Scenario


class BotNameError(ValueError):
    """A bot name or policy that cannot be read, or names what the scenario lacks."""


@frozen
class Policy:
    prefer: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    talks: bool = True

    def __bool__(self) -> bool:
        return bool(self.prefer or self.avoid or not self.talks)

    def allows(self, inst: Instrument) -> bool:
        return not _matches(self.avoid, inst)

    def prefers(self, inst: Instrument) -> bool:
        return _matches(self.prefer, inst)

    def preferred(self, scenario: Scenario, orders) -> int:
        """How many of ``orders`` the policy prefers."""
        return sum(self.prefers(scenario.instrument(o.instrument)) for o in orders) if self.prefer else 0

    def bonus(self, lose_penalty: float, slots: int) -> float:
        """What a look-ahead adds to a candidate's value for each preferred order: more than any outcome
        short of a shared loss (whose penalty is ``lose_penalty``), less than the loss with every slot preferred."""
        return lose_penalty / (slots + 1) if self.prefer else 0.0

    def text(self) -> str:
        return "".join(
            f":{key}={'+'.join(items)}" for key, items in (("prefer", self.prefer), ("avoid", self.avoid)) if items
        ) + ("" if self.talks else ":talks=no")


NO_POLICY = Policy()


def _matches(items: tuple[str, ...], inst: Instrument) -> bool:
    return bool(items) and (inst.id in items or inst.category in items or any(s in items for s in inst.signals))


def parse_bot(text: str, known: frozenset[str] | set[str] | None = None) -> tuple[str, Policy]:
    """``"greedy:prefer=a+b:avoid=c"`` -> ("greedy", Policy(("a", "b"), ("c",))); ``BotNameError`` if it cannot
    be read, or (``known``: the bot names) names an unknown bot."""
    name, *parts = (p.strip() for p in text.strip().split(":"))
    if known is not None and name not in known:
        raise BotNameError(
            _("unknown bot '{name}'; choose from {bots}").format(name=name, bots=", ".join(sorted(known)))
        )
    found: dict[str, tuple[str, ...]] = {}
    for part in parts:
        key, sep, value = (s.strip() for s in part.partition("="))
        if key not in ("prefer", "avoid", "talks") or not sep:
            raise BotNameError(
                _("'{text}': a policy is prefer=A+B, avoid=C+D or talks=no after the bot's name, not '{part}'").format(
                    text=text, part=part
                )
            )
        if key in found:
            raise BotNameError(_("'{text}': {key} is given twice").format(text=text, key=key))
        if key == "talks":
            if value not in ("yes", "no"):
                raise BotNameError(_("'{text}': talks is yes or no, not '{value}'").format(text=text, value=value))
            found[key] = (value,)
            continue
        items = tuple(i.strip() for i in value.split("+"))
        if not all(items):
            raise BotNameError(
                _("'{text}': {key} needs instrument ids, categories or signals joined by +").format(text=text, key=key)
            )
        found[key] = items
    policy = Policy(found.get("prefer", ()), found.get("avoid", ()), found.get("talks", ("yes",)) == ("yes",))
    clash = set(policy.prefer) & set(policy.avoid)
    if clash:
        raise BotNameError(
            _("'{text}': {items} is both preferred and avoided").format(text=text, items=", ".join(sorted(clash)))
        )
    return name, policy


def policy_words(scenario: Scenario) -> frozenset[str]:
    """What a policy may name in this scenario: its instrument ids, categories and signals."""
    words: set[str] = set()
    for inst in scenario.instruments:
        words.add(inst.id)
        words.add(inst.category)
        words.update(inst.signals)
    return frozenset(words)


def check_policy(policy: Policy, scenario: Scenario) -> None:
    """``BotNameError`` for an item that names no instrument, category or signal of ``scenario``."""
    items = policy.prefer + policy.avoid
    if not items:
        return
    words = scenario.derived(policy_words)
    for item in items:
        if item not in words:
            hint = suggest(item, sorted(words))
            problem = _("policy item '{item}' is no instrument id, category or signal of {scenario}").format(
                item=item, scenario=scenario.id
            )
            if hint:
                problem += _(" (did you mean '{hint}'?)").format(hint=hint)
            raise BotNameError(problem)
