"""Every rule of the round structure, on the small scenario from builders.py.

The scenario (see builders.make_scenario): stability 50 (public), legitimacy 50
(facilitator); veyra (ally, trust 70, abuses 50), norda (adversary, trust 20,
abuses 50); capital 3 with refill 3; foreign gives 2 orders, defence 1.
"""

from __future__ import annotations

import pytest

from game.rules import rng as rnglib
from game.rules.engine import IllegalAction, apply, new_game, play
from game.rules.model import Actor, Consequence, Meter
from game.rules.observe import observe
from game.rules.orders import instrument_blocker, legal_orders
from game.rules.state import (
    ALL,
    FACILITATOR_SEAT,
    PUBLIC_SEAT,
    Adjust,
    Change,
    CrisisState,
    Inject,
    Order,
    Played,
    Resolve,
    Submit,
)

from .builders import O, cond, eff, make_scenario, replace_in, round_of, variant


def do(sc, st, *actions):
    for a in actions:
        st, _ = apply(sc, st, a)
    return st


def refused(sc, st, action, *words):
    with pytest.raises(IllegalAction) as info:
        apply(sc, st, action)
    for w in words:
        assert w in str(info.value), str(info.value)
    return str(info.value)


def events_of(st, kind, ref=None):
    return [e for e in st.events if e.kind == kind and (ref is None or e.ref == ref)]


def empty_rounds(sc, st, n):
    for _ in range(n):
        st, _ = round_of(sc, st)
    return st


CONDEMN_VEYRA = Played(1, "foreign", "condemn", "veyra", "public", ("public_pressure",), True)


# --------------------------------------------------------------------------- new game, briefing


def test_new_game_starts_round_one_with_start_values():
    sc = make_scenario()
    st = new_game(sc)
    assert st.round == 1 and not st.over
    assert st.meters["veyra.trust"] == 70 and st.meters["norda.trust"] == 20
    assert st.meters["veyra.abuses"] == 50 and st.meters["stability"] == 50
    assert st.meters["foreign.capital"] == 3 and st.meters["defence.secret"] == 1
    assert st.rng == rnglib.seed_state(sc.seed)
    assert new_game(sc, 99).rng == rnglib.seed_state(99)
    assert [e.kind for e in st.events] == ["round"]
    assert st.submitted == () and st.history == () and st.crises == ()


def test_briefing_refills_role_meters_with_refill_only():
    sc = make_scenario()
    st = new_game(sc)
    st = do(sc, st, Adjust("foreign.secret", 4, "test"), Adjust("defence.capital", 10, "test"))
    st, events = round_of(sc, st, foreign=[O("condemn", "norda")])
    paid = [c for e in events if e.kind == "order" for c in e.changes if c.path == "foreign.capital"]
    assert paid == [Change("foreign.capital", 3, 1)]
    assert st.round == 2
    assert st.meters["foreign.capital"] == 3  # refilled after spending
    assert st.meters["defence.capital"] == 3  # refilled down from 13
    assert st.meters["foreign.secret"] == 5  # no refill: untouched


def test_refill_applies_at_the_first_briefing_too():
    sc = make_scenario(role_meters=(Meter("capital", "Capital", 0, refill=4), Meter("secret", "Secret", 1)))
    st = new_game(sc)
    assert st.meters["foreign.capital"] == 4 and st.meters["defence.capital"] == 4
    assert st.meters["foreign.secret"] == 1


# --------------------------------------------------------------------------- crises


def test_crisis_by_round_breaks_at_that_briefing_with_its_effects():
    sc = make_scenario()
    st = new_game(sc)
    assert st.active_crises() == ()
    st, events = round_of(sc, st)
    assert st.round == 2 and st.active_crises() == ("leak",)
    started = events_of(st, "crisis_started", "leak")
    assert len(started) == 1
    ev = started[0]
    assert ev.round == 2 and ev.audience == ALL
    assert ev.changes == (Change("veyra.abuses", 50, 60),)
    assert ev.cause.kind == "crisis" and ev.cause.round == 2 and ev.cause.note == "scheduled"
    assert st.meters["veyra.abuses"] == 60
    assert ev in events  # reported by the Resolve that ran the briefing


def test_crisis_by_when_breaks_at_the_next_briefing_where_it_holds():
    sc = variant(crises__leak={"round": None, "when": cond("stability <= 40")})
    st = new_game(sc)
    assert st.active_crises() == ()
    st = do(sc, st, Adjust("stability", -15, "test"))
    assert st.active_crises() == ()  # only a briefing starts crises
    st, _ = round_of(sc, st)
    assert st.active_crises() == ("leak",)
    assert st.crises == (CrisisState("leak", 2),)
    ev = events_of(st, "crisis_started", "leak")[0]
    assert ev.cause.note == "condition"
    assert ("stability", 35) in ev.cause.values


def test_crisis_by_when_holding_at_the_start_breaks_in_round_one():
    sc = variant(crises__leak={"round": None, "when": cond("veyra.trust >= 70")})
    st = new_game(sc)
    assert st.crises == (CrisisState("leak", 1),)
    assert st.meters["veyra.abuses"] == 60


@pytest.mark.parametrize("seed", range(12))
def test_crisis_chance_zero_never_breaks(seed):
    for change in ({"chance": 0.0}, {"chance": 0.0, "round": None, "when": cond("stability >= 0")}):
        sc = variant(crises__leak=change)
        st = empty_rounds(sc, new_game(sc, seed), 4)
        assert st.over
        assert st.crises == () and events_of(st, "crisis_started") == []
        assert st.meters["veyra.abuses"] == 50


@pytest.mark.parametrize("seed", range(12))
def test_crisis_chance_one_always_breaks(seed):
    sc = variant(crises__leak={"chance": 1.0})
    st = empty_rounds(sc, new_game(sc, seed), 1)
    assert st.active_crises() == ("leak",)
    sc = variant(crises__leak={"chance": 1.0, "round": None, "when": cond("stability >= 0")})
    st = new_game(sc, seed)
    assert st.active_crises() == ("leak",)
    assert st.rng == rnglib.seed_state(seed)  # a certain outcome consumes no randomness


def test_crisis_chance_in_between_depends_on_the_seed():
    sc = variant(crises__leak={"chance": 0.5, "round": 1})
    broke = {seed: bool(new_game(sc, seed).crises) for seed in range(40)}
    assert 5 < sum(broke.values()) < 35
    assert all(bool(new_game(sc, seed).crises) == b for seed, b in broke.items())  # deterministic


def test_ongoing_applies_every_active_round_including_the_first_then_lasts_ends_it():
    sc = make_scenario()
    st = new_game(sc)
    stability = []
    for _ in range(4):
        st, _ = round_of(sc, st)
        stability.append(st.meters["stability"])
    # leak breaks at round 2, lasts 2: ongoing -2 at the end of rounds 2 and 3, not 4.
    assert stability == [50, 48, 46, 46]
    assert st.crises == (CrisisState("leak", 2, 3),)
    ended = events_of(st, "crisis_ended", "leak")
    assert len(ended) == 1 and ended[0].round == 3 and "run its course" in ended[0].text
    ongoing = events_of(st, "crisis_ongoing", "leak")
    assert [e.round for e in ongoing] == [2, 3]
    assert ongoing[0].changes == (Change("stability", 50, 48),)


def test_ongoing_applies_in_the_round_the_crisis_broke_even_when_it_breaks_in_round_one():
    sc = variant(crises__leak={"round": 1})
    st, _ = round_of(sc, new_game(sc))
    assert st.meters["stability"] == 48


def test_ends_when_is_checked_at_the_end_of_the_round():
    sc = variant(crises__leak={"ends_when": cond("veyra.trust <= 60"), "lasts": None})
    st = empty_rounds(sc, new_game(sc), 1)
    assert st.active_crises() == ("leak",)
    st = do(sc, st, Adjust("veyra.trust", -15, "test"))
    assert st.active_crises() == ("leak",)  # not ended mid-round
    st, _ = round_of(sc, st)
    assert st.crises == (CrisisState("leak", 2, 2),)
    assert st.meters["stability"] == 48  # its ongoing effect still applied in the round it ended
    assert "resolved" in events_of(st, "crisis_ended", "leak")[0].text
    st = empty_rounds(sc, st, 2)
    assert st.meters["stability"] == 48 and st.over
    assert len(events_of(st, "crisis_started", "leak")) == 1


def test_crisis_without_an_end_stays_active():
    sc = variant(crises__leak={"lasts": None})
    st = empty_rounds(sc, new_game(sc), 4)
    assert st.crises == (CrisisState("leak", 2),)
    assert st.meters["stability"] == 50 - 2 * 3


def test_inject_only_crisis_never_starts_by_itself():
    sc = make_scenario()
    st = empty_rounds(sc, new_game(sc), 4)
    assert st.over
    assert "coup" not in {c.id for c in st.crises}
    assert events_of(st, "crisis_started", "coup") == []


def test_inject_only_crisis_with_chance_and_round_still_needs_the_facilitator():
    sc = variant(crises__coup={"round": 1, "when": cond("stability >= 0")})  # even if misconfigured
    st = empty_rounds(sc, new_game(sc), 4)
    assert events_of(st, "crisis_started", "coup") == []


def test_inject_starts_a_crisis_now_with_its_effects():
    sc = make_scenario()
    st = new_game(sc)
    st, events = apply(sc, st, Inject("coup", "exercise inject 3"))
    assert st.active_crises() == ("coup",)
    assert st.crises == (CrisisState("coup", 1),)
    assert st.meters["stability"] == 30
    (ev,) = events
    assert ev.kind == "crisis_started" and ev.audience == ALL
    assert ev.cause.kind == "facilitator" and ev.cause.note == "exercise inject 3"
    assert ev.changes == (Change("stability", 50, 30),)
    refused(sc, st, Inject("coup", "again"), "already")
    refused(sc, st, Inject("earthquake", "x"), "unknown crisis")


def test_a_crisis_breaks_at_most_once():
    # Injected before its round: it does not break again at its scheduled briefing.
    sc = make_scenario()
    st = do(sc, new_game(sc), Inject("leak", "early"))
    st = empty_rounds(sc, st, 4)
    assert len(events_of(st, "crisis_started", "leak")) == 1
    assert st.crises == (CrisisState("leak", 1, 2),)
    assert st.meters["veyra.abuses"] == 60
    # A condition that holds all game: breaks once, ends after one round, never again.
    sc = variant(crises__leak={"round": None, "when": cond("stability >= 0"), "lasts": 1})
    st = empty_rounds(sc, new_game(sc), 4)
    assert len(events_of(st, "crisis_started", "leak")) == 1
    assert st.crises == (CrisisState("leak", 1, 1),)
    assert st.meters["veyra.abuses"] == 60
    refused(sc, do(sc, new_game(sc)), Inject("leak", "again"), "already")


# --------------------------------------------------------------------------- orders


def test_costs_are_paid_from_capital():
    sc = make_scenario()
    st, _ = apply(sc, new_game(sc), Submit("foreign", (O("condemn", "veyra"), O("demarche", "veyra"))))
    assert st.meters["foreign.capital"] == 3  # nothing is paid before resolution
    st = do(sc, st, Submit("defence", (O("statement"),)), Resolve())
    orders = events_of(st, "order")
    paid = {e.ref: [c for c in e.changes if c.path.endswith(".capital")] for e in orders}
    assert paid["condemn"] == [Change("foreign.capital", 3, 1)]
    assert paid["demarche"] == [Change("foreign.capital", 1, 0)]
    assert paid["statement"] == []  # free
    # the effects themselves
    assert st.meters["veyra.trust"] == 70 - 10 - 1
    assert st.meters["legitimacy"] == 55 and st.meters["stability"] == 52


def test_over_budget_submission_is_refused():
    sc = make_scenario()
    st = new_game(sc)
    refused(sc, st, Submit("foreign", (O("condemn", "veyra"), O("condemn", "norda"))), "cost 4", "3")
    refused(sc, st, Submit("foreign", (O("sanction", "norda"), O("demarche", "veyra"))), "cost")
    apply(sc, st, Submit("foreign", (O("sanction", "norda"),)))  # exactly the budget is fine
    apply(sc, st, Submit("foreign", (O("condemn", "veyra"), O("demarche", "veyra"))))
    poorer = do(sc, st, Adjust("foreign.capital", -1, "test"))
    refused(sc, poorer, Submit("foreign", (O("sanction", "norda"),)), "costs 3", "2 left")
    richer = do(sc, st, Adjust("foreign.capital", 1, "test"))
    apply(sc, richer, Submit("foreign", (O("condemn", "veyra"), O("condemn", "norda"))))


def test_more_orders_than_allowed_is_refused():
    sc = make_scenario()
    st = do(sc, new_game(sc), Adjust("defence.capital", 10, "test"))
    refused(sc, st, Submit("defence", (O("statement"), O("demarche", "veyra"))), "at most 1")
    st = do(sc, st, Adjust("foreign.capital", 10, "test"))
    refused(sc, st, Submit("foreign", (O("statement"), O("demarche", "veyra"), O("condemn", "norda"))), "at most 2")
    apply(sc, st, Submit("foreign", (O("statement"), O("condemn", "norda"))))
    apply(sc, st, Submit("foreign", ()))  # no orders at all is a legal submission


def test_same_instrument_on_the_same_target_twice_is_refused():
    sc = make_scenario()
    st = do(sc, new_game(sc), Adjust("foreign.capital", 10, "test"))
    refused(sc, st, Submit("foreign", (O("condemn", "veyra"), O("condemn", "veyra"))), "already ordered")
    refused(sc, st, Submit("foreign", (O("statement"), O("statement"))), "already ordered")
    apply(sc, st, Submit("foreign", (O("condemn", "veyra"), O("condemn", "norda"))))


def test_cooldown():
    sc = make_scenario()
    st, _ = round_of(sc, new_game(sc), foreign=[O("sanction", "norda")])
    assert st.round == 2
    refused(sc, st, Submit("foreign", (O("sanction", "norda"),)), "used in round 1", "round 3")
    assert all(o.instrument != "sanction" for o in legal_orders(sc, st, "foreign"))
    st, _ = round_of(sc, st)
    assert Order("sanction", "norda") in legal_orders(sc, st, "foreign")
    st, _ = round_of(sc, st, foreign=[O("sanction", "norda")])
    assert [p.round for p in st.history if p.instrument == "sanction"] == [1, 3]


def test_a_longer_cooldown_blocks_for_its_rounds_and_names_the_last_use():
    base = make_scenario(rounds=8)
    sc = make_scenario(rounds=8, instruments=replace_in(base.instruments, "sanction", cooldown=2))
    st, _ = round_of(sc, new_game(sc), foreign=[O("sanction", "norda")])
    for _ in range(2):  # rounds 2 and 3
        refused(sc, st, Submit("foreign", (O("sanction", "norda"),)), "used in round 1", "back in round 4")
        st, _ = round_of(sc, st)
    assert st.round == 4 and Order("sanction", "norda") in legal_orders(sc, st, "foreign")
    st, _ = round_of(sc, st, foreign=[O("sanction", "norda")])
    refused(sc, st, Submit("foreign", (O("sanction", "norda"),)), "used in round 4", "back in round 7")


def test_a_cooldown_that_outlasts_the_game_says_not_again_and_comes_before_a_want_of_capital():
    """An instrument whose rest ends after the last round is "not again this game" (not "back in round 6" of
    a 4-round game); resting and short of capital at once, it says it rests (capital comes back each round)."""
    base = make_scenario(rounds=4)
    sc = make_scenario(rounds=4, instruments=replace_in(base.instruments, "sanction", cooldown=3))
    st, _ = round_of(sc, new_game(sc), foreign=[O("sanction", "norda")])
    refused(sc, st, Submit("foreign", (O("sanction", "norda"),)), "used in round 1", "not again this game")
    assert instrument_blocker(sc, st, "foreign", "sanction") == "used in round 1; not again this game"
    st = apply(sc, st, Adjust("foreign.capital", -100, "test"))[0]
    assert instrument_blocker(sc, st, "foreign", "sanction") == "used in round 1; not again this game"


def test_cooldown_instrument_only_once_per_round():
    base = make_scenario()
    actors = base.actors + (Actor("ostra", "Ostra", "adversary", (0.1, 0.9)),)
    sc = make_scenario(actors=actors)
    st = do(sc, new_game(sc), Adjust("foreign.capital", 10, "test"))
    refused(sc, st, Submit("foreign", (O("sanction", "norda"), O("sanction", "ostra"))), "once per round")
    sc0 = make_scenario(actors=actors, instruments=replace_in(base.instruments, "sanction", cooldown=0))
    st0 = do(sc0, new_game(sc0), Adjust("foreign.capital", 10, "test"))
    apply(sc0, st0, Submit("foreign", (O("sanction", "norda"), O("sanction", "ostra"))))


def test_requires_is_checked():
    sc = make_scenario()
    st = do(sc, new_game(sc), Adjust("veyra.trust", -65, "test"))
    assert st.meters["veyra.trust"] == 5
    # said as a player reads it: the meter by its label, not the author's path
    refused(sc, st, Submit("foreign", (O("demarche", "veyra"),)), "Veyra, it requires their Trust >= 10")
    assert Order("demarche", "veyra") not in legal_orders(sc, st, "foreign")
    assert Order("demarche", "veyra") in legal_orders(sc, new_game(sc), "foreign")


def test_requires_is_checked_again_at_resolution():
    sc = make_scenario()
    st = do(sc, new_game(sc), Submit("foreign", (O("demarche", "veyra"),)), Submit("defence", ()))
    st = do(sc, st, Adjust("veyra.trust", -65, "facilitator moves the world"))
    st, events = apply(sc, st, Resolve())
    failed = [e for e in events if e.kind == "order_failed"]
    assert len(failed) == 1 and failed[0].audience == ("foreign",)
    assert "requires their Trust >= 10" in failed[0].text and "target.trust" not in failed[0].text
    assert st.history == ()
    assert st.meters["veyra.abuses"] == 60  # only the leak (round 2 briefing); no démarche
    assert st.meters["foreign.capital"] == 3
    assert [e for e in events if e.kind == "order"] == []


def test_capital_lost_after_submission_limits_what_resolves():
    # foreign submits 3 capital of orders; the facilitator then takes one capital away.
    sc = variant(consequences__reform={"chance": 0.0})
    st = do(sc, new_game(sc), Submit("foreign", (O("condemn", "norda"), O("demarche", "veyra"))), Submit("defence", ()))
    st = do(sc, st, Adjust("foreign.capital", -1, "budget cut"))
    st, events = apply(sc, st, Resolve())
    assert [(p.role, p.instrument) for p in st.history] == [("foreign", "condemn")]
    failed = [e for e in events if e.kind == "order_failed"]
    assert len(failed) == 1 and failed[0].ref == "demarche" and "capital" in failed[0].text
    paid = [c for e in events if e.kind == "order" for c in e.changes if c.path == "foreign.capital"]
    assert paid == [Change("foreign.capital", 2, 0)]


def test_wrong_target_kind_missing_target_and_unwanted_target_are_refused():
    sc = make_scenario()
    st = new_game(sc)
    refused(sc, st, Submit("foreign", (O("sanction", "veyra"),)), "cannot target a ally", "adversary")
    refused(sc, st, Submit("foreign", (O("demarche", "norda"),)), "cannot target")
    refused(sc, st, Submit("foreign", (O("condemn"),)), "needs a target")
    refused(sc, st, Submit("foreign", (O("statement", "veyra"),)), "takes no target")
    refused(sc, st, Submit("foreign", (O("condemn", "atlantis"),)), "unknown actor")
    refused(sc, st, Submit("foreign", (O("teleport"),)), "unknown instrument")
    refused(sc, st, Submit("defence", (O("sanction", "norda"),)), "does not have")
    refused(sc, st, Submit("foreign", (O("statement", None, "a", "b", "c", "d"),)), "three reasons")


def test_unknown_role_is_refused():
    sc = make_scenario()
    refused(sc, new_game(sc), Submit("trade", ()), "unknown role")
    refused(sc, new_game(sc), Submit("facilitator", ()), "unknown role")


def test_resolve_is_refused_until_every_role_submitted():
    sc = make_scenario()
    st = new_game(sc)
    refused(sc, st, Resolve(), "Foreign Ministry", "Defence Ministry")
    st = do(sc, st, Submit("defence", ()))
    msg = refused(sc, st, Resolve(), "Foreign Ministry")
    assert "Defence" not in msg
    st = do(sc, st, Submit("foreign", ()))
    st, _ = apply(sc, st, Resolve())
    assert st.round == 2
    assert st.submitted == ()  # a new round waits for everyone again
    refused(sc, st, Resolve(), "Foreign Ministry", "Defence Ministry")


def test_resubmitting_replaces_the_earlier_orders():
    sc = make_scenario()
    st = do(sc, new_game(sc), Submit("foreign", (O("condemn", "veyra"),)))
    assert st.orders_of("foreign") == (Order("condemn", "veyra"),)
    st = do(sc, st, Submit("foreign", (O("statement"),)))
    assert st.orders_of("foreign") == (Order("statement"),)
    st = do(sc, st, Submit("defence", ()), Resolve())
    assert [(p.role, p.instrument) for p in st.history] == [("foreign", "statement")]
    assert st.meters["veyra.trust"] == 70 and st.meters["foreign.capital"] == 3


def test_orders_resolve_in_role_order_then_given_order():
    sc = make_scenario()
    st = do(
        sc,
        new_game(sc),
        Submit("defence", (O("demarche", "veyra", "because"),)),
        Submit("foreign", (O("statement"), O("condemn", "norda"))),
        Resolve(),
    )
    assert [(p.role, p.instrument) for p in st.history] == [
        ("foreign", "statement"),
        ("foreign", "condemn"),
        ("defence", "demarche"),
    ]
    assert st.history[2] == Played(
        1, "defence", "demarche", "veyra", "private", ("private_pressure",), False, ("because",)
    )
    assert [e.ref for e in events_of(st, "order")] == ["statement", "condemn", "demarche"]
    private = events_of(st, "order", "demarche")[0]
    assert private.audience == ("defence",)
    assert events_of(st, "order", "condemn")[0].audience == ALL


def test_simultaneous_resolution_reads_the_state_before_resolution():
    # defence's sanction on norda reads target.trust: it must see 20, not the 10
    # left by foreign's condemnation (which is applied first, in role order).
    base = make_scenario()
    roles = replace_in(base.roles, "defence", instruments=("demarche", "statement", "condemn", "sanction"))
    sc = make_scenario(roles=roles)
    st, events = round_of(sc, new_game(sc), foreign=[O("condemn", "norda")], defence=[O("sanction", "norda")])
    assert st.meters["norda.trust"] == 20 - 10 - 20 // 4  # 5; reading 10 would give 10 - 3 = 7
    changes = [c for e in events if e.kind == "order" for c in e.changes if c.path == "norda.trust"]
    assert changes == [Change("norda.trust", 20, 10), Change("norda.trust", 10, 5)]


def test_simultaneous_resolution_within_one_seat():
    sc = make_scenario()
    st = do(sc, new_game(sc), Adjust("foreign.capital", 2, "test"))
    st, _ = round_of(sc, st, foreign=[O("condemn", "norda"), O("sanction", "norda")])
    assert st.meters["norda.trust"] == 5


def test_fractional_effects_round_half_away_from_zero():
    sc = make_scenario()
    st = do(sc, new_game(sc), Adjust("norda.trust", 10, "test"))  # 30: sanction takes 7.5 -> 8
    st, _ = round_of(sc, st, foreign=[O("sanction", "norda")])
    assert st.meters["norda.trust"] == 22
    st = do(sc, new_game(sc), Adjust("norda.trust", -10, "test"))  # 10: sanction takes 2.5 -> 3
    st, _ = round_of(sc, st, foreign=[O("sanction", "norda")])
    assert st.meters["norda.trust"] == 7
    assert all(type(v) is int for v in st.meters.values())


# --------------------------------------------------------------------------- consequences


def test_consequence_with_delay_fires_later_with_the_cause_of_the_round_it_held():
    sc = make_scenario()
    st, events = round_of(sc, new_game(sc), foreign=[O("condemn", "veyra")])
    assert st.meters["veyra.trust"] == 60  # not yet frozen
    assert st.fired == ()
    (pending,) = st.pending
    assert pending.consequence == "freeze" and pending.fire_round == 2 and pending.scheduled == 1
    scheduled = [e for e in events if e.kind == "scheduled"]
    assert len(scheduled) == 1 and scheduled[0].audience == "facilitator" and scheduled[0].round == 1

    st, events = round_of(sc, st)  # round 2: no orders; the condition no longer holds, it fires anyway
    assert st.fired == (("freeze", 2),)
    assert st.pending == ()
    assert st.meters["veyra.trust"] == 45
    (fired,) = [e for e in events if e.kind == "consequence"]
    assert fired.round == 2 and fired.ref == "freeze"
    assert fired.text == "Veyra freezes intelligence sharing."
    assert fired.audience == ("defence",)
    assert fired.changes == (Change("veyra.trust", 60, 45),)
    cause = fired.cause
    assert cause.kind == "consequence" and cause.ref == "freeze" and cause.round == 1
    assert cause.orders == (CONDEMN_VEYRA,)
    assert cause.values == (
        ("used('condemn', on='veyra', within=1)", 1),
        ("used(signal='private_pressure', on='veyra', within=2)", 0),
    )
    assert pending.cause == cause


def test_consequence_delay_counts_rounds():
    sc = variant(consequences__freeze={"delay": 2})
    st, _ = round_of(sc, new_game(sc), foreign=[O("condemn", "veyra")])
    assert st.pending[0].fire_round == 3
    st, _ = round_of(sc, st)
    assert st.fired == () and st.meters["veyra.trust"] == 60
    st, _ = round_of(sc, st)
    assert st.fired == (("freeze", 3),) and st.meters["veyra.trust"] == 45


def test_consequence_with_no_delay_fires_in_the_same_round():
    sc = variant(consequences__freeze={"delay": 0})
    st, events = round_of(sc, new_game(sc), foreign=[O("condemn", "veyra")])
    assert st.fired == (("freeze", 1),) and st.pending == ()
    assert st.meters["veyra.trust"] == 45
    assert [e.kind for e in events if e.kind in ("scheduled", "consequence")] == ["consequence"]


def test_consequence_condition_reads_this_rounds_orders_of_every_seat():
    sc = make_scenario()
    # private pressure by another seat in the same round prevents the freeze
    st, _ = round_of(sc, new_game(sc), foreign=[O("condemn", "veyra")], defence=[O("demarche", "veyra")])
    assert st.pending == ()
    # private pressure in the previous round counts too (within=2) ...
    st, _ = round_of(sc, new_game(sc), defence=[O("demarche", "veyra")])
    st, _ = round_of(sc, st, foreign=[O("condemn", "veyra")])
    assert st.pending == ()
    # ... but not from three rounds back
    st = empty_rounds(sc, round_of(sc, new_game(sc), defence=[O("demarche", "veyra")])[0], 1)
    st, _ = round_of(sc, st, foreign=[O("condemn", "veyra")])
    assert [p.consequence for p in st.pending] == ["freeze"]


def test_pending_consequence_is_not_evaluated_again():
    sc = variant(consequences__freeze={"delay": 2, "once": False})
    st = new_game(sc)
    st, _ = round_of(sc, st, foreign=[O("condemn", "veyra")])
    st, _ = round_of(sc, st, foreign=[O("condemn", "veyra")])  # condition holds again while pending
    assert len(st.pending) == 1 and st.pending[0].scheduled == 1
    assert len(events_of(st, "scheduled")) == 1
    st, _ = round_of(sc, st)
    assert st.fired == (("freeze", 3),)
    assert st.pending == ()


@pytest.mark.parametrize("seed", range(8))
def test_consequence_chance_zero_never_one_always(seed):
    never = variant(consequences__reform={"chance": 0.0, "once": False})
    st = do(never, new_game(never, seed), Adjust("veyra.abuses", -10, "test"))
    st = empty_rounds(never, st, 4)
    assert st.fired == () and events_of(st, "consequence", "reform") == []
    always = variant(consequences__reform={"chance": 1.0})
    st = do(always, new_game(always, seed), Adjust("veyra.abuses", -10, "test"))
    st, events = round_of(always, st)
    assert st.fired == (("reform", 1),)
    (ev,) = [e for e in events if e.kind == "consequence"]
    assert ev.changes == (Change("veyra.abuses", 40, 35),)
    assert st.rng == rnglib.seed_state(seed)


def test_consequence_chance_in_between_depends_on_the_seed():
    sc = make_scenario()  # reform: chance 0.5
    outcomes = []
    for seed in range(40):
        st = do(sc, new_game(sc, seed), Adjust("veyra.abuses", -10, "test"))
        st, _ = round_of(sc, st)
        outcomes.append(("reform", 1) in st.fired)
        st2 = do(sc, new_game(sc, seed), Adjust("veyra.abuses", -10, "test"))
        assert round_of(sc, st2)[0] == st  # same seed, same roll
    assert 5 < sum(outcomes) < 35


def test_every_uncertain_roll_draws_a_fresh_number():
    sc = variant(consequences__reform={"once": False}, crises=())  # chance 0.5, every round
    patterns = set()
    for seed in range(20):
        st = do(sc, new_game(sc, seed), Adjust("veyra.abuses", -30, "test"))
        assert st.rng == rnglib.seed_state(seed)
        st = empty_rounds(sc, st, 4)
        assert st.rng != rnglib.seed_state(seed)  # the generator state moved on
        patterns.add(tuple(r in {fr for _, fr in st.fired} for r in range(1, 5)))
    # if the generator never advanced, each game would fire in all rounds or in none
    assert any(len(set(p)) == 2 for p in patterns)


def test_once_true_fires_once():
    sc = variant(consequences__reform={"chance": 1.0, "once": True})
    st = do(sc, new_game(sc), Adjust("veyra.abuses", -10, "test"))
    st = empty_rounds(sc, st, 4)
    assert st.fired == (("reform", 1),)
    # 40 -5 (reform) +10 (leak) = 45: the condition holds again, but it has fired
    assert st.meters["veyra.abuses"] == 45


def test_once_false_fires_every_round_it_holds():
    sc = variant(consequences__reform={"chance": 1.0, "once": False})
    st = do(sc, new_game(sc), Adjust("veyra.abuses", -10, "test"))
    st = empty_rounds(sc, st, 4)
    assert st.fired == (("reform", 1), ("reform", 2), ("reform", 3), ("reform", 4))
    assert st.meters["veyra.abuses"] == 40 - 5 + 10 - 5 - 5 - 5


@pytest.mark.parametrize(
    "reveal_to, sees",
    [
        (("defence",), {"defence", FACILITATOR_SEAT}),
        (("foreign", "defence"), {"foreign", "defence", FACILITATOR_SEAT}),
        ("none", {FACILITATOR_SEAT}),
        ("all", {"foreign", "defence", FACILITATOR_SEAT, PUBLIC_SEAT}),
    ],
)
def test_reveal_to_audiences(reveal_to, sees):
    sc = variant(consequences__freeze={"delay": 0, "reveal_to": reveal_to})
    st, _ = round_of(sc, new_game(sc), foreign=[O("condemn", "veyra")])
    assert st.fired == (("freeze", 1),)
    for seat in ("foreign", "defence", FACILITATOR_SEAT, PUBLIC_SEAT):
        texts = [e.text for e in observe(sc, st, seat).events]
        assert ("Veyra freezes intelligence sharing." in texts) == (seat in sees), seat


def test_scheduled_consequences_fire_in_the_order_they_were_scheduled():
    base = make_scenario()
    extra = Consequence("second", cond("used('statement', within=1) >= 1"), delay=1, reveal="second fires")
    first = replace_in(base.consequences, "freeze", delay=2)
    sc = make_scenario(consequences=first + (extra,))
    st, _ = round_of(sc, new_game(sc), foreign=[O("condemn", "veyra")])  # freeze due in 3
    st, _ = round_of(sc, st, foreign=[O("statement")])  # second due in 3
    st, events = round_of(sc, st)
    assert [e.ref for e in events if e.kind == "consequence"] == ["freeze", "second"]


def test_cause_values_list_each_read_once():
    base = make_scenario()
    extra = Consequence(
        "twice", cond("active('leak') and active('leak') and stability > 0 and stability > 1"), reveal="twice"
    )
    sc = make_scenario(consequences=base.consequences + (extra,))
    st = empty_rounds(sc, new_game(sc), 1)
    st, events = round_of(sc, st)
    (ev,) = [e for e in events if e.ref == "twice"]
    assert ev.cause.values == (("active('leak')", True), ("stability", 50))


# --------------------------------------------------------------------------- clamping


def test_meters_clamp_to_their_range():
    sc = make_scenario()
    st = new_game(sc)
    st, events = apply(sc, st, Adjust("stability", 500, "test"))
    assert st.meters["stability"] == 100 and events[0].changes == (Change("stability", 50, 100),)
    st, _ = apply(sc, st, Adjust("veyra.trust", -500, "test"))
    assert st.meters["veyra.trust"] == 0
    # effects clamp too: two condemnations take norda from 20 to 0, a third leaves it at 0
    st, _ = round_of(sc, new_game(sc), foreign=[O("condemn", "norda")], defence=[O("condemn", "norda")])
    assert st.meters["norda.trust"] == 0
    st, events = round_of(sc, st, foreign=[O("condemn", "norda")])
    assert st.meters["norda.trust"] == 0
    assert all(c.path != "norda.trust" for e in events for c in e.changes)  # no change, no record


def test_meters_clamp_to_custom_ranges():
    sc = make_scenario(
        global_meters=(
            Meter("stability", "Stability", 15, min=10, max=20),
            Meter("legitimacy", "Legitimacy", 50, visibility="facilitator"),
        ),
        crises=(),
    )
    st = new_game(sc)
    st, _ = round_of(sc, st, foreign=[O("statement")], defence=[O("statement")])
    assert st.meters["stability"] == 19
    st, _ = round_of(sc, st, foreign=[O("statement")], defence=[O("statement")])
    assert st.meters["stability"] == 20
    st = do(sc, st, Adjust("stability", -50, "test"))
    assert st.meters["stability"] == 10


def test_set_effects_set_and_clamp():
    sc = variant(
        consequences__reform={
            "chance": 1.0,
            "effects": (eff("veyra.abuses", 7, op="set"), eff("stability", 900, op="set")),
        },
        crises=(),
    )
    st = do(sc, new_game(sc), Adjust("veyra.abuses", -10, "test"))
    st, _ = round_of(sc, st)
    assert st.meters["veyra.abuses"] == 7 and st.meters["stability"] == 100


# --------------------------------------------------------------------------- end of game


def test_lose_when_ends_the_game_for_everyone_at_the_end_of_the_round():
    sc = make_scenario()
    st = do(sc, new_game(sc), Adjust("stability", -50, "test"))
    assert st.meters["stability"] == 0 and not st.over  # checked at the end of the round
    st, events = round_of(sc, st, foreign=[O("condemn", "norda")])
    assert st.over and st.outcome.lost
    assert st.outcome.text == "The region collapses." and st.outcome.round == 1
    assert st.round == 1
    assert [s.points for s in st.outcome.scores] == [0, 0]
    assert {s.role for s in st.outcome.scores} == {"foreign", "defence"}
    over = [e for e in events if e.kind == "game_over"]
    assert len(over) == 1 and over[0].audience == ALL and over[0].ref == "lost"
    assert over[0].cause.ref == "lose_when" and ("stability", 0) in over[0].cause.values


def test_lose_when_caused_by_effects_ends_the_game():
    sc = make_scenario()
    st = do(sc, new_game(sc), Adjust("stability", -30, "test"), Inject("coup", "test"))
    assert st.meters["stability"] == 0
    st, _ = round_of(sc, st)
    assert st.outcome.lost


def test_objectives_are_scored_after_the_last_round():
    sc = variant(rounds=1, consequences__reform={"chance": 0.0})
    st = do(sc, new_game(sc), Adjust("veyra.abuses", -10, "test"))
    st, _ = round_of(sc, st, foreign=[O("condemn", "norda")])
    assert st.over and not st.outcome.lost
    scores = {s.role: s for s in st.outcome.scores}
    assert scores["foreign"].points == 3 and scores["foreign"].possible == 3
    assert scores["foreign"].met == ("reform", "capital") and scores["foreign"].missed == ()
    assert scores["defence"].points == 3 and scores["defence"].met == ("ties",)
    assert [e.ref for e in st.events if e.kind == "game_over"] == ["finished"]


def test_objectives_with_self_read_the_scored_role():
    sc = variant(rounds=1, consequences__reform={"chance": 0.0})
    st = do(sc, new_game(sc), Adjust("veyra.abuses", -10, "test"))
    # foreign spends all its capital; defence keeps its 3 (self.capital must be foreign's)
    st, _ = round_of(sc, st, foreign=[O("demarche", "veyra"), O("condemn", "norda")])
    assert st.meters["foreign.capital"] == 0 and st.meters["defence.capital"] == 3
    scores = {s.role: s for s in st.outcome.scores}
    assert scores["foreign"].met == ("reform",) and scores["foreign"].missed == ("capital",)
    assert scores["foreign"].points == 2 and scores["foreign"].possible == 3
    # defence's objective fails when veyra's trust drops below 50
    st = do(sc, new_game(sc), Adjust("veyra.trust", -21, "test"))
    st, _ = round_of(sc, st)
    scores = {s.role: s for s in st.outcome.scores}
    assert scores["defence"].points == 0 and scores["defence"].missed == ("ties",)
    assert scores["foreign"].missed == ("reform",) and scores["foreign"].points == 1


def test_no_scores_before_the_last_round():
    sc = make_scenario()
    st = new_game(sc)
    for r in range(1, 4):
        st, _ = round_of(sc, st)
        assert st.outcome is None and st.round == r + 1
    st, _ = round_of(sc, st)
    assert st.outcome is not None and st.outcome.round == 4 and st.round == 4


@pytest.mark.parametrize("how", ["lost", "finished"])
def test_actions_after_game_over_are_refused(how):
    sc = make_scenario()
    st = new_game(sc)
    if how == "lost":
        st = do(sc, st, Adjust("stability", -50, "test"))
        st, _ = round_of(sc, st)
    else:
        st = empty_rounds(sc, st, 4)
    assert st.over
    for action in (Submit("foreign", ()), Resolve(), Inject("coup", "x"), Adjust("stability", 5, "x")):
        refused(sc, st, action, "over")


# --------------------------------------------------------------------------- facilitator


def test_adjust_needs_a_reason_and_clamps():
    sc = make_scenario()
    st = new_game(sc)
    refused(sc, st, Adjust("stability", 5, ""), "reason")
    refused(sc, st, Adjust("stability", 5, "   \n"), "reason")
    refused(sc, st, Adjust("stabilty", 5, "typo"), "unknown meter")
    st2, events = apply(sc, st, Adjust("veyra.abuses", 80, "the report was worse"))
    assert st2.meters["veyra.abuses"] == 100
    (ev,) = events
    assert ev.kind == "adjust" and ev.audience == "facilitator"
    assert ev.changes == (Change("veyra.abuses", 50, 100),)
    assert ev.cause.kind == "facilitator" and ev.cause.note == "the report was worse"
    assert "the report was worse" in ev.text
    st3, _ = apply(sc, st2, Adjust("veyra.abuses", -150, "over-correct"))
    assert st3.meters["veyra.abuses"] == 0
    assert st.meters["veyra.abuses"] == 50  # apply never changes its argument


def test_apply_does_not_change_its_input_state():
    sc = make_scenario()
    st = new_game(sc)
    before = (dict(st.meters), st.events, st.round, st.rng)
    after, _ = round_of(sc, st, foreign=[O("condemn", "veyra")], defence=[O("demarche", "veyra")])
    assert (dict(st.meters), st.events, st.round, st.rng) == before
    assert after.meters is not st.meters


def test_play_folds_actions():
    sc = make_scenario()
    actions = [
        Submit("foreign", (O("condemn", "veyra"),)),
        Submit("defence", ()),
        Resolve(),
        Adjust("stability", -3, "why"),
        Submit("defence", (O("statement"),)),
        Submit("foreign", ()),
        Resolve(),
    ]
    st = new_game(sc, 11)
    for a in actions:
        st, _ = apply(sc, st, a)
    assert play(sc, actions, 11) == st
    assert st.round == 3 and st.meters["stability"] == 50 - 3 + 2 - 2


def test_pending_is_true_between_scheduling_and_firing():
    """pending('id') lets a rule see a consequence that is on its way."""
    from game.rules.engine import apply, new_game
    from game.rules.expr import Context, compile_expr
    from game.rules.state import Order, Resolve, Submit
    from tests.rules.builders import NAMES, make_scenario

    sc = make_scenario()
    probe = compile_expr("pending('freeze') and not fired('freeze')", NAMES, "bool")
    state = new_game(sc)

    def holds(s):
        ctx = Context(
            s.meters,
            s.round,
            sc.rounds,
            s.history,
            s.fired_ids(),
            s.active_crises(),
            pending=frozenset(p.consequence for p in s.pending),
        )
        return probe.fn(ctx)

    assert not holds(state)
    state, _ = apply(sc, state, Submit("foreign", (Order("condemn", "veyra"),)))
    state, _ = apply(sc, state, Submit("defence", ()))
    state, _ = apply(sc, state, Resolve())
    assert holds(state)  # scheduled in round 1 for round 2
    state, _ = apply(sc, state, Submit("foreign", ()))
    state, _ = apply(sc, state, Submit("defence", ()))
    state, _ = apply(sc, state, Resolve())
    assert not holds(state) and "freeze" in state.fired_ids()
