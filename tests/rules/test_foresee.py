"""What a seat is told of an order before it commits (game.rules.foresee).

The figures must be the ones the engine then applies, and they must never name
a meter the seat cannot see, or read one to compute an amount.
"""

from __future__ import annotations

from collections import Counter

import pytest

from game.rules.engine import apply, new_game
from game.rules.foresee import foresee
from game.rules.observe import meter_visible, observe
from game.rules.orders import order_problem
from game.rules.state import Order, Resolve, Submit
from game.scenario import load_scenario, resolve_scenario

from .builders import make_scenario
from .test_uncertainty import SC as UNCERTAIN

RED_LINES = load_scenario(resolve_scenario("red_lines"))


def alone(sc, state, role, order):
    """The order event of ``order`` when ``role`` gives it and every other seat gives nothing."""
    for r in sc.roles:
        state, _ = apply(sc, state, Submit(r.id, (order,) if r.id == role else ()))
    _, events = apply(sc, state, Resolve())
    return next(e for e in events if e.kind == "order" and e.ref == order.instrument)


@pytest.mark.parametrize("role", ["foreign", "defence"])
def test_every_certain_figure_is_what_the_engine_then_applies(role):
    """Each instrument of the role on each of its targets, in the first round: the foreseen amounts
    equal the changes the order makes (its capital cost aside), meter by meter, and no meter the
    seat sees moves without having been foreseen."""
    sc = RED_LINES
    state = new_game(sc, 7)
    obs = observe(sc, state, role)
    checked = 0
    for inst_id in sc.role(role).instruments:
        inst = sc.instrument(inst_id)
        targets = [a.id for a in sc.actors] if inst.targets else [None]
        for target in targets:
            order = Order(inst_id, target)
            if order_problem(sc, state, role, order) or inst.outcomes:
                continue
            foreseen = {f.path: f for f in foresee(sc, obs, inst_id, target)}
            event = alone(sc, state, role, order)
            moved = {
                c.path: c.after - c.before
                for c in event.changes
                if meter_visible(sc, c.path, role) and not sc.meters[c.path].estimate and c.path != f"{role}.capital"
            }
            for path, delta in moved.items():
                assert path in foreseen, (inst_id, target, path)
                assert foreseen[path].low == foreseen[path].high == delta, (inst_id, target, path)
            for path, f in foreseen.items():
                assert moved.get(path, 0) == f.low, (inst_id, target, path)
            checked += 1
    assert checked >= 10  # most of the hand, on every target it may aim at


def test_an_effect_on_a_hidden_meter_is_not_even_named():
    """Announcing a commission moves the hidden promise gap: the Foreign Ministry is not told so."""
    sc = RED_LINES
    inst = sc.instrument("announce_commission")
    assert any("promise_gap" in e.path for e in inst.effects)
    obs = observe(sc, new_game(sc, 1), "foreign")
    for target in (None, "veyra"):
        shown = foresee(sc, obs, "announce_commission", target)
        assert shown, "its visible effects are still shown"
        assert not any("promise_gap" in f.path for f in shown)
        assert all(meter_visible(sc, f.path, "foreign") for f in shown if not f.path.startswith("target."))


def test_another_roles_meter_is_not_shown_to_the_seat_that_aims_at_it():
    """A red cell's snub lowers the target ministry's standing, a meter only that ministry sees."""
    sc = RED_LINES
    role = next(r.id for r in sc.roles if "snub_ministry" in r.instruments)
    obs = observe(sc, new_game(sc, 1), role)
    for target in (None, "foreign"):
        assert not any("standing" in f.path for f in foresee(sc, obs, "snub_ministry", target))


def test_an_amount_read_from_a_hidden_meter_is_left_out():
    """An amount computed from a meter the seat cannot see would tell it that meter's value."""
    sc = make_scenario()
    hidden = next(p for p, m in sc.meters.items() if not meter_visible(sc, p, "foreign"))
    visible = next(p for p, m in sc.meters.items() if "." not in p and meter_visible(sc, p, "foreign"))
    from game.rules.expr import Names, compile_expr
    from game.rules.model import Effect, Instrument

    names = Names(
        global_meters=frozenset(p for p in sc.meters if "." not in p),
        actors=frozenset(a.id for a in sc.actors),
        roles=frozenset(sc.role_ids),
        actor_meters=frozenset({"trust", "abuses"}),
        role_meters=frozenset({"capital", "secret"}),
    )
    reads_hidden = Instrument(
        "peek",
        "Peek",
        "private",
        "x",
        effects=(Effect(visible, compile_expr(hidden + " / 10", names, "num")),),
    )
    reads_seen = Instrument(
        "look", "Look", "private", "x", effects=(Effect(visible, compile_expr(visible + " / 10", names, "num")),)
    )
    sc = make_scenario(instruments=sc.instruments + (reads_hidden, reads_seen))
    obs = observe(sc, new_game(sc, 1), "foreign")
    assert foresee(sc, obs, "peek") == ()
    (look,) = foresee(sc, obs, "look")
    assert look.low == look.high == round(obs.meters[visible] / 10)


def test_a_range_and_an_outcome_table_are_shown_as_the_span_the_engine_draws_from():
    """Talk draws calm += 0..2; probing draws an outcome: every amount seen over many games lies in
    the range foreseen, and both ends of it occur. The estimated tension is never given a figure."""
    sc = UNCERTAIN
    state = new_game(sc, 0)
    obs = observe(sc, state, "foreign")
    for inst_id, target in (("talk", None), ("probe", "rivalia")):
        shown = {f.path: f for f in foresee(sc, obs, inst_id, target)}
        assert "tension" not in shown  # seen as a band only
        seen: dict[str, Counter] = {}
        for seed in range(150):
            event = alone(sc, new_game(sc, seed), "foreign", Order(inst_id, target))
            for path in shown:  # (a draw of 0 moves nothing, and is listed as no change)
                delta = sum(c.after - c.before for c in event.changes if c.path == path)
                seen.setdefault(path, Counter())[delta] += 1
        assert seen, inst_id
        for path, counts in seen.items():
            f = shown[path]
            assert f.low < f.high, (inst_id, path)
            assert min(counts) >= f.low and max(counts) <= f.high, (inst_id, path, counts, f)
            assert f.low in counts and f.high in counts, (inst_id, path, counts, f)


def test_a_figure_reads_as_a_player_reads_it():
    from game.rules.foresee import Foreseen

    assert Foreseen("a", "A", "A", "add", 3, 3).amount() == "+3"
    assert Foreseen("a", "A", "A", "add", -2, -2).amount() == "−2"
    assert Foreseen("a", "A", "A", "add", -1, 4, chance=True).amount() == "−1 to +4"
    assert Foreseen("a", "A", "A", "add", 5, 5, about=True).amount() == "about +5"
    assert Foreseen("a", "A", "A", "set", 50, 50).amount() == "set to 50"
