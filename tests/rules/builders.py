"""A small scenario built directly from the model, so engine tests do not depend on the loader."""

from game.rules.expr import Names, compile_expr, constant
from game.rules.model import (
    Actor,
    Consequence,
    Crisis,
    Effect,
    End,
    Instrument,
    Meter,
    Objective,
    Role,
    Scenario,
)

NAMES = Names(
    global_meters=frozenset({"stability", "legitimacy"}),
    actors=frozenset({"veyra", "norda"}),
    roles=frozenset({"foreign", "defence"}),
    actor_meters=frozenset({"trust", "abuses"}),
    role_meters=frozenset({"capital", "secret"}),
    instruments=frozenset({"demarche", "condemn", "sanction", "statement"}),
    signals=frozenset({"private_pressure", "public_pressure"}),
    categories=frozenset({"private", "public", "economic", "legal", "multilateral", "security", "humanitarian"}),
    crises=frozenset({"leak", "coup"}),
    consequences=frozenset({"freeze", "reform"}),
)


def cond(src, names=NAMES):
    return compile_expr(src, names, "bool")


def num(src, names=NAMES):
    return compile_expr(src, names, "num")


def eff(path, value, op="add", names=NAMES):
    return Effect(path, constant(value) if not isinstance(value, str) else num(value, names), op)


def make_scenario(rounds=4, **overrides) -> Scenario:
    inst_names = NAMES.in_instrument(True)
    instruments = (
        Instrument(
            "demarche",
            "Private démarche",
            "private",
            "A quiet protest.",
            cost=1,
            targets=("ally",),
            visibility="private",
            signals=("private_pressure",),
            requires=cond("target.trust >= 10", inst_names),
            effects=(eff("target.abuses", -3, names=inst_names), eff("target.trust", -1, names=inst_names)),
        ),
        Instrument(
            "condemn",
            "Public condemnation",
            "public",
            "A loud rebuke.",
            cost=2,
            targets=("ally", "adversary"),
            visibility="public",
            signals=("public_pressure",),
            effects=(eff("target.trust", -10, names=inst_names), eff("legitimacy", 5, names=inst_names)),
        ),
        Instrument(
            "sanction",
            "Targeted sanctions",
            "economic",
            "Asset freezes.",
            cost=3,
            targets=("adversary",),
            visibility="public",
            cooldown=1,
            effects=(eff("target.trust", "-target.trust / 4", names=inst_names),),
        ),
        Instrument(
            "statement",
            "Joint statement",
            "multilateral",
            "Together.",
            cost=0,
            effects=(eff("stability", 2, names=NAMES.in_instrument(False)),),
        ),
    )
    roles = (
        Role(
            "foreign",
            "Foreign Ministry",
            "Diplomats.",
            "Secret foreign briefing: press for reform.",
            2,
            ("demarche", "condemn", "sanction", "statement"),
            (
                Objective("reform", "Reform in Veyra", cond("veyra.abuses <= 40"), 2),
                Objective("capital", "Keep capital", cond("self.capital >= 1", NAMES.in_role()), 1),
            ),
        ),
        Role(
            "defence",
            "Defence Ministry",
            "Soldiers.",
            "Secret defence briefing: keep the intel flowing.",
            1,
            ("demarche", "statement", "condemn"),
            (Objective("ties", "Keep ties", cond("veyra.trust >= 50"), 3),),
        ),
    )
    kw = dict(
        id="test",
        title="Test",
        summary="A test.",
        rounds=rounds,
        players=(1, 2),
        seed=7,
        objectives=("Learn.",),
        debrief=("Why?",),
        provenance="",
        global_meters=(
            Meter("stability", "Stability", 50),
            Meter("legitimacy", "Legitimacy", 50, visibility="facilitator"),
        ),
        actor_meters=(Meter("trust", "Trust", 50), Meter("abuses", "Abuses", 50, visibility="hidden")),
        role_meters=(Meter("capital", "Capital", 3, refill=3), Meter("secret", "Secret", 1)),
        roles=roles,
        actors=(
            Actor("veyra", "Veyra", "ally", (0.5, 0.5), starts=(("trust", 70),)),
            Actor("norda", "Norda", "adversary", (0.2, 0.2), starts=(("trust", 20),)),
        ),
        instruments=instruments,
        crises=(
            Crisis(
                "leak",
                "Leaked report",
                "Testimony published.",
                round=2,
                effects=(eff("veyra.abuses", 10),),
                ongoing=(eff("stability", -2),),
                lasts=2,
            ),
            Crisis("coup", "Coup attempt", "Tanks in the streets.", inject=True, effects=(eff("stability", -20),)),
        ),
        consequences=(
            Consequence(
                "freeze",
                cond(
                    "used('condemn', on='veyra', within=1) >= 1"
                    " and used(signal='private_pressure', on='veyra', within=2) == 0"
                ),
                delay=1,
                effects=(eff("veyra.trust", -15),),
                reveal="Veyra freezes intelligence sharing.",
                reveal_to=("defence",),
                debrief="Public rebukes without private groundwork rupture.",
                title="Intel freeze",
            ),
            Consequence(
                "reform",
                cond("veyra.abuses <= 45"),
                chance=0.5,
                once=True,
                effects=(eff("veyra.abuses", -5),),
                reveal="Veyra announces a reform commission.",
                debrief="Quiet pressure works.",
            ),
        ),
        end=End(lose_when=cond("stability <= 0"), lose_text="The region collapses."),
    )
    kw.update(overrides)
    return Scenario(**kw)


# --------------------------------------------------------------------------- variants
# Added for the engine and property tests; the names above are unchanged.

import attrs as _attrs

from game.rules.state import Order as _Order
from game.rules.state import Resolve as _Resolve
from game.rules.state import Submit as _Submit


def replace_in(items, item_id, **changes):
    """``items`` (roles, crises, consequences, ...) with the one whose id is ``item_id`` evolved."""
    found = [i for i in items if i.id == item_id]
    assert found, f"no item {item_id!r}"
    return tuple(_attrs.evolve(i, **changes) if i.id == item_id else i for i in items)


def variant(**changes):
    """``make_scenario`` where each keyword ``kind__id`` evolves one item, e.g.
    ``variant(consequences__reform={"chance": 1.0})``; other keywords go to ``make_scenario``."""
    base = make_scenario()
    overrides = {}
    for key, value in changes.items():
        if "__" in key:
            field_name, item_id = key.split("__", 1)
            overrides[field_name] = replace_in(overrides.get(field_name, getattr(base, field_name)), item_id, **value)
        else:
            overrides[key] = value
    rounds = overrides.pop("rounds", base.rounds)
    return make_scenario(rounds=rounds, **overrides)


def O(instrument, target=None, *reasons):  # noqa: N802 - short on purpose in tests
    return _Order(instrument, target, tuple(reasons))


def round_of(scenario, state, **orders):
    """Every role submits (roles not named submit nothing); then Resolve. Returns (state, events of Resolve)."""
    from game.rules.engine import apply

    for role in scenario.roles:
        state, _ = apply(scenario, state, _Submit(role.id, tuple(orders.get(role.id, ()))))
    return apply(scenario, state, _Resolve())


# A scenario for secrecy and property tests: every string a seat must not see is a
# distinctive marker, and it has every kind of secret the engine knows.
RICH_NAMES = _attrs.evolve(
    NAMES,
    role_meters=NAMES.role_meters | {"morale", "plan"},
    crises=NAMES.crises | {"protest"},
    consequences=NAMES.consequences | {"purge", "backlash"},
)


def make_rich_scenario(rounds=5) -> Scenario:
    base = make_scenario(rounds=rounds)
    foreign, defence = base.roles
    roles = (
        _attrs.evolve(
            foreign,
            briefing="BRIEFING-SECRET-foreign",
            objectives=(
                Objective("reform", "OBJECTIVE-SECRET-foreign-reform", cond("veyra.abuses <= 40", RICH_NAMES), 2),
                Objective(
                    "capital", "OBJECTIVE-SECRET-foreign-capital", cond("self.morale >= 1", RICH_NAMES.in_role()), 1
                ),
            ),
        ),
        _attrs.evolve(
            defence,
            briefing="BRIEFING-SECRET-defence",
            orders=2,
            instruments=defence.instruments + ("sanction",),
            objectives=(Objective("ties", "OBJECTIVE-SECRET-defence-ties", cond("norda.trust <= 15", RICH_NAMES), 3),),
        ),
    )
    role_meters = base.role_meters + (
        Meter("morale", "Morale", 5, visibility="facilitator"),
        Meter("plan", "Plan", 5, visibility="hidden"),
    )
    crises = base.crises + (
        Crisis(
            "protest",
            "Street protest",
            "Crowds gather.",
            when=cond("stability <= 45", RICH_NAMES),
            chance=0.6,
            effects=(eff("veyra.abuses", 5),),
            ongoing=(eff("stability", -1),),
            ends_when=cond("stability >= 60", RICH_NAMES),
        ),
    )
    consequences = base.consequences + (
        Consequence(
            "purge",
            cond("used(by='defence', within=1) >= 1", RICH_NAMES),
            delay=1,
            once=False,
            effects=(eff("defence.plan", 1, names=RICH_NAMES), eff("veyra.abuses", 2)),
            reveal="REVEAL-FACILITATOR-ONLY purge",
            reveal_to="none",
            title="Purge",
        ),
        Consequence(
            "backlash",
            cond("used(signal='public_pressure', within=1) >= 2", RICH_NAMES),
            chance=0.8,
            once=False,
            effects=(eff("foreign.morale", -1, names=RICH_NAMES), eff("legitimacy", -3)),
            reveal="REVEAL-FOREIGN-ONLY backlash",
            reveal_to=("foreign",),
            title="Backlash",
        ),
    )
    return make_scenario(
        rounds=rounds,
        roles=roles,
        role_meters=role_meters,
        crises=crises,
        consequences=consequences,
        end=End(lose_when=cond("stability <= 5"), lose_text="LOST-TEXT"),
    )
