"""Uncertainty: random amounts, weighted outcome tables and estimated meters (game.rules.chance).

Draws come from the game's generator in a fixed order, so games replay; outcome frequencies follow
the weights; an estimated meter reaches a seat only as a band holding the value, placed so that it
does not give the value away, and never through the news.
"""

from __future__ import annotations

from collections import Counter

import pytest

from game.bots.belief import believed_state
from game.bots.random_bot import RandomBot
from game.rules import rng as rnglib
from game.rules.chance import band, width
from game.rules.engine import apply, new_game
from game.rules.hashing import state_hash
from game.rules.observe import observe
from game.rules.state import FACILITATOR_SEAT, PUBLIC_SEAT, Adjust, Order, Override, Resolve, Submit
from game.scenario import load_scenario

from .test_fast_paths import UNCERTAINTY

SC = load_scenario(UNCERTAINTY)
ESTIMATED = ("tension", "rivalia.resolve")


def play_random(seed: int, rounds: int | None = None):
    """Every state (after each Resolve) and every event of a random-bot game."""
    bots = {r.id: RandomBot(seed * 13 + i) for i, r in enumerate(SC.roles)}
    state = new_game(SC, seed)
    states, events = [state], list(state.events)
    while state.outcome is None and (rounds is None or state.round <= rounds):
        for r in SC.roles:
            state, _ = apply(SC, state, Submit(r.id, bots[r.id].choose(SC, state, r.id)))
        state, new = apply(SC, state, Resolve())
        states.append(state)
        events += new
    return states, events


def probe(state, role="foreign"):
    """``state`` after ``role`` probes Rivalia and the other seat does nothing."""
    for r in SC.roles:
        orders = (Order("probe", "rivalia"),) if r.id == role else ()
        state, _ = apply(SC, state, Submit(r.id, orders))
    return apply(SC, state, Resolve())


# --------------------------------------------------------------------------- the generator


def test_next_int_is_uniform_over_the_whole_range_and_one_value_draws_nothing():
    state, seen = 5, Counter()
    for _ in range(6000):
        state, n = rnglib.next_int(state, -2, 3)
        seen[n] += 1
    assert set(seen) == {-2, -1, 0, 1, 2, 3}
    assert all(800 < c < 1200 for c in seen.values()), seen
    assert rnglib.next_int(42, 4, 4) == (42, 4)


def test_pick_follows_the_weights_and_one_choice_draws_nothing():
    state, seen = 9, Counter()
    for _ in range(8000):
        state, i = rnglib.pick(state, (3.0, 1.0, 0.5, 0.5))
        seen[i] += 1
    assert 4500 < seen[0] < 5100 and 1400 < seen[1] < 1800 and 650 < seen[2] < 950 and 650 < seen[3] < 950
    assert rnglib.pick(42, (2.0,)) == (42, 0)


# --------------------------------------------------------------------------- random amounts and outcomes


def test_a_game_replays_exactly_and_seeds_differ():
    a, _ = play_random(3)
    b, _ = play_random(3)
    c, _ = play_random(4)
    assert [state_hash(s) for s in a] == [state_hash(s) for s in b]
    assert state_hash(a[-1]) != state_hash(c[-1])


def test_a_random_amount_stays_in_its_range_and_varies():
    """Talk: calm += [0, 2], as its order's changes show."""
    seen = Counter()
    for seed in range(60):
        state = new_game(SC, seed)
        state, _ = apply(SC, state, Submit("foreign", (Order("talk"),)))
        state, _ = apply(SC, state, Submit("spy", ()))
        _, events = apply(SC, state, Resolve())
        order = next(e for e in events if e.kind == "order")
        seen[sum(c.after - c.before for c in order.changes if c.path == "calm")] += 1
    assert set(seen) == {0, 1, 2}, seen


def test_the_outcome_drawn_is_named_in_the_news_and_its_effects_apply():
    texts = {o.text: o for o in SC.instrument("probe").outcomes}
    seen = Counter()
    for seed in range(200):
        state = new_game(SC, seed)
        after, events = probe(state)
        order = next(e for e in events if e.kind == "order" and e.ref == "probe")
        drawn = [t for t in texts if order.text.endswith(t)]
        assert len(drawn) == 1, order.text
        assert order.text.startswith("Foreign Ministry: Probe the border on Rivalia. ")
        index = list(texts).index(drawn[0])
        assert order.cause.note == f"outcome {index + 1} of 2: {drawn[0]}"
        calm = [c for c in order.changes if c.path == "calm"]
        assert bool(calm) == (drawn[0] == "Shots are fired."), order.changes  # only that outcome moves calm
        seen[drawn[0]] += 1
    assert 120 < seen["The patrol passes quietly."] < 180, seen  # weights 3 : 1


def test_a_consequence_outcome_is_drawn_each_time_it_fires():
    seen = Counter()
    for seed in range(40):
        _, events = play_random(seed)
        for e in events:
            if e.kind == "consequence" and e.ref == "flare":
                assert e.text.startswith("Tension flares along the border.")
                assert e.cause.note.startswith("outcome ") and " of 3" in e.cause.note
                seen[e.cause.note.split(":")[0]] += 1
    assert set(seen) == {"outcome 1 of 3", "outcome 2 of 3", "outcome 3 of 3"}
    assert seen["outcome 1 of 3"] > seen["outcome 3 of 3"]  # weight 2 against 1


def test_facilitator_overrides_replace_a_drawn_amount():
    """An override names a change by event and path; it replaces what was drawn."""
    state = new_game(SC, 1)
    state, _ = apply(SC, state, Submit("foreign", (Order("talk"),)))
    state, _ = apply(SC, state, Submit("spy", ()))
    proposed = apply(SC, state, Resolve())[1]
    index = next(i for i, e in enumerate(proposed) if e.kind == "order")
    _, events = apply(SC, state, Resolve((Override(f"{index}:calm", 7, "a good day"),)))
    calm = [c for c in events[index].changes if c.path == "calm"]
    assert [c.after - c.before for c in calm] == [7]


# --------------------------------------------------------------------------- estimates


def test_a_seat_sees_a_band_holding_the_value_never_the_value():
    states, _ = play_random(5)
    checked = 0
    for state in states:
        for role in SC.role_ids:
            obs = observe(SC, state, role)
            for path in ESTIMATED:
                w = width(SC, state, path, role)
                if w == 0:
                    assert obs.meters[path] == state.meters[path] and path not in obs.bands
                    continue
                assert path not in obs.meters
                lo, hi = obs.bands[path]
                m = SC.meters[path]
                assert lo <= state.meters[path] <= hi and hi - lo == w and m.min <= lo and hi <= m.max
                checked += 1
    assert checked > 20


def test_the_facilitator_sees_values_and_the_shared_screen_sees_no_estimate():
    state = play_random(2)[0][-1]
    fac = observe(SC, state, FACILITATOR_SEAT)
    assert fac.bands == {} and all(fac.meters[p] == state.meters[p] for p in ESTIMATED)
    public = observe(SC, state, PUBLIC_SEAT)
    assert public.bands == {} and not any(p in public.meters for p in ESTIMATED)
    assert public.meters["calm"] == state.meters["calm"]


def test_intelligence_narrows_the_band_to_the_value():
    """spy listens in (intel += 3..5) until tension's band of 12 is gone; foreign's stays 12 wide."""
    state = new_game(SC, 4)
    widths = []
    while state.outcome is None:
        widths.append(width(SC, state, "tension", "spy"))
        assert width(SC, state, "tension", "foreign") == 12
        state, _ = apply(SC, state, Submit("foreign", ()))
        state, _ = apply(SC, state, Submit("spy", (Order("listen"),)))
        state, _ = apply(SC, state, Resolve())
    assert widths[0] == 12 and widths == sorted(widths, reverse=True) and widths[-1] == 0
    obs = observe(SC, state, "spy")
    assert obs.meters["tension"] == state.meters["tension"] and "tension" not in obs.bands
    assert width(SC, state, "rivalia.resolve", "spy") == 10  # not sharpened: the same for everyone


def test_the_band_does_not_give_the_value_away():
    """With the value fixed, where it lies in the band is spread over the band (the offset is drawn)."""
    where = Counter()
    for seed in range(300):
        state = new_game(SC, seed)
        lo, hi = observe(SC, state, "foreign").bands["tension"]
        where[state.meters["tension"] - lo] += 1
    assert set(where) == set(range(13)), where  # every position in a band 12 wide comes up
    assert max(where.values()) < 3 * min(where.values())


def test_the_band_stays_inside_the_range_at_its_ends():
    state = new_game(SC, 1)
    for delta, expected in ((-100, (0, 12)), (200, (88, 100))):
        moved, _ = apply(SC, state, Adjust("tension", delta, "test"))
        assert observe(SC, moved, "foreign").bands["tension"] == expected


def test_bands_are_placed_afresh_at_each_briefing_and_observing_is_pure():
    states, _ = play_random(6)
    briefed = states[:-1]  # the last state is the game's end: no briefing after it
    assert states[-1].outcome is not None and states[-1].offsets == states[-2].offsets
    assert len({s.offsets for s in briefed}) == len(briefed)
    assert all(len(s.offsets) == 4 for s in states)  # two estimated meters x two roles
    for s in states:
        assert observe(SC, s, "foreign") == observe(SC, s, "foreign")
    roles = {(path, role) for s in states for path, role, _ in s.offsets}
    assert roles == {(p, r) for p in ESTIMATED for r in SC.role_ids}
    assert band(SC, states[0], "tension", "foreign") == observe(SC, states[0], "foreign").bands["tension"]


def test_the_news_never_shows_an_estimated_meters_before_and_after():
    states, events = play_random(7)
    moved = [e for e in events if any(c.path in ESTIMATED for c in e.changes)]
    assert moved, "the game should have moved an estimated meter"
    for role in (*SC.role_ids, PUBLIC_SEAT):
        for e in observe(SC, states[-1], role).events:
            assert not any(c.path in ESTIMATED for c in e.changes), (role, e)
    assert any(any(c.path in ESTIMATED for c in e.changes) for e in observe(SC, states[-1], FACILITATOR_SEAT).events)


def test_a_bot_believes_the_middle_of_the_band():
    state = play_random(8, rounds=2)[0][-1]
    obs = observe(SC, state, "foreign")
    believed = believed_state(SC, obs)
    for path in ESTIMATED:
        lo, hi = obs.bands[path]
        assert believed.meters[path] == (lo + hi) // 2


def test_a_scenario_without_the_keys_draws_nothing_more():
    """The offsets are drawn only for estimated meters: a game without them keeps an empty field."""
    from pathlib import Path

    frozen = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"  # the scenarios as first bundled
    for path in sorted(frozen.glob("*.toml")):
        sc = load_scenario(path)
        assert not any(m.estimate for m in sc.meters.values())
        state = new_game(sc, 1)
        assert state.offsets == () and observe(sc, state, sc.roles[0].id).bands == {}


@pytest.mark.parametrize("seat", ["foreign", "spy"])
def test_public_order_news_with_an_outcome_is_still_read_by_other_seats(seat):
    """A bot reads other seats' public orders from the news; the outcome's text must not hide them."""
    from game.bots.belief import believed_history

    state = new_game(SC, 2)
    state, _ = probe(state, "foreign")
    history = believed_history(SC, observe(SC, state, seat))
    assert [(p.role, p.instrument, p.target) for p in history] == [("foreign", "probe", "rivalia")]


def test_a_roles_review_relives_bands_and_the_full_report_shows_true_values():
    """The part of a role's review built from what it saw leaves estimated meters' values to the reveal."""
    from game.review.build import build_report

    actions = []
    state = new_game(SC, 3)
    while state.outcome is None:
        for r in SC.roles:
            action = Submit(r.id, (Order("probe", "rivalia"),) if r.id == "foreign" else ())
            state, _ = apply(SC, state, action)
            actions.append(action)
        state, _ = apply(SC, state, Resolve())
        actions.append(Resolve())
    report = build_report(SC, 3, actions, role="foreign").to_json()
    own = {m["path"] for g in report["role_view"]["meters"] for m in g["meters"]}
    full = {m["path"] for g in report["meters"] for m in g["meters"]}
    assert "calm" in own and not own & set(ESTIMATED)
    assert set(ESTIMATED) <= full
    for item in (i for r in report["role_view"]["timeline"] for i in r["items"]):
        assert not any(c["path"] in ESTIMATED for c in item["changes"]), item
