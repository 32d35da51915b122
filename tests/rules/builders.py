"""A small scenario built directly from the model, so engine tests do not depend on the loader."""

from game.rules.expr import Names, compile_expr, constant
from game.rules.model import (
    Actor, Consequence, Crisis, Effect, End, Instrument, Meter, Objective, Role, Scenario,
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
        Instrument("demarche", "Private démarche", "private", "A quiet protest.", cost=1,
                   targets=("ally",), visibility="private", signals=("private_pressure",),
                   requires=cond("target.trust >= 10", inst_names),
                   effects=(eff("target.abuses", -3, names=inst_names), eff("target.trust", -1, names=inst_names))),
        Instrument("condemn", "Public condemnation", "public", "A loud rebuke.", cost=2,
                   targets=("ally", "adversary"), visibility="public", signals=("public_pressure",),
                   effects=(eff("target.trust", -10, names=inst_names), eff("legitimacy", 5, names=inst_names))),
        Instrument("sanction", "Targeted sanctions", "economic", "Asset freezes.", cost=3,
                   targets=("adversary",), visibility="public", cooldown=1,
                   effects=(eff("target.trust", "-target.trust / 4", names=inst_names),)),
        Instrument("statement", "Joint statement", "multilateral", "Together.", cost=0,
                   effects=(eff("stability", 2, names=NAMES.in_instrument(False)),)),
    )
    roles = (
        Role("foreign", "Foreign Ministry", "Diplomats.", "Secret foreign briefing: press for reform.", 2,
             ("demarche", "condemn", "sanction", "statement"),
             (Objective("reform", "Reform in Veyra", cond("veyra.abuses <= 40"), 2),
              Objective("capital", "Keep capital", cond("self.capital >= 1", NAMES.in_role()), 1))),
        Role("defence", "Defence Ministry", "Soldiers.", "Secret defence briefing: keep the intel flowing.", 1,
             ("demarche", "statement", "condemn"),
             (Objective("ties", "Keep ties", cond("veyra.trust >= 50"), 3),)),
    )
    kw = dict(
        id="test", title="Test", summary="A test.", rounds=rounds, players=(1, 2), seed=7,
        objectives=("Learn.",), debrief=("Why?",), provenance="",
        global_meters=(Meter("stability", "Stability", 50), Meter("legitimacy", "Legitimacy", 50, visibility="facilitator"),),
        actor_meters=(Meter("trust", "Trust", 50), Meter("abuses", "Abuses", 50, visibility="hidden")),
        role_meters=(Meter("capital", "Capital", 3, refill=3), Meter("secret", "Secret", 1)),
        roles=roles,
        actors=(Actor("veyra", "Veyra", "ally", (0.5, 0.5), starts=(("trust", 70),)),
                Actor("norda", "Norda", "adversary", (0.2, 0.2), starts=(("trust", 20),))),
        instruments=instruments,
        crises=(
            Crisis("leak", "Leaked report", "Testimony published.", round=2,
                   effects=(eff("veyra.abuses", 10),), ongoing=(eff("stability", -2),), lasts=2),
            Crisis("coup", "Coup attempt", "Tanks in the streets.", inject=True, effects=(eff("stability", -20),)),
        ),
        consequences=(
            Consequence("freeze", cond("used('condemn', on='veyra', within=1) >= 1 and used(signal='private_pressure', on='veyra', within=2) == 0"),
                        delay=1, effects=(eff("veyra.trust", -15),), reveal="Veyra freezes intelligence sharing.",
                        reveal_to=("defence",), debrief="Public rebukes without private groundwork rupture.", title="Intel freeze"),
            Consequence("reform", cond("veyra.abuses <= 45"), chance=0.5, once=True,
                        effects=(eff("veyra.abuses", -5),), reveal="Veyra announces a reform commission.", debrief="Quiet pressure works."),
        ),
        end=End(lose_when=cond("stability <= 0"), lose_text="The region collapses."),
    )
    kw.update(overrides)
    return Scenario(**kw)
