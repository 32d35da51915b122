"""Objectives in time (``by``, ``throughout_from``), partial credit, and meters seen by named roles.

The fixture (fixtures/timing.toml): stability starts at 50; ``calm`` adds 10 (and 5 to intel),
``stir`` takes 10. Foreign: ``early`` stability >= 60 by round 2 (2 points), ``hold`` stability >= 50
every round from round 3 (3 points), ``high`` stability >= 80 with partial stability / 80 (4 points).
Defence: ``aware`` intel >= 30 by round 4 (1 point); intel is seen by foreign only.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.rules.engine import apply, new_game
from game.rules.hashing import state_hash, to_data
from game.rules.observe import observe
from game.rules.state import FACILITATOR_SEAT, PUBLIC_SEAT, Order, Resolve, Submit
from game.scenario import check_scenario_files, load_scenario

from .builders import make_scenario
from .test_properties import check_observation, choose

FIXTURE = Path(__file__).parent / "fixtures" / "timing.toml"
SC = load_scenario(FIXTURE)


def play_plan(plan, sc=SC, defence=None):
    """Foreign gives plan[i] in round i + 1 (None: nothing), defence ``defence[i]``; the states after each round."""
    st = new_game(sc)
    states = []
    for i, inst in enumerate(plan):
        st, _ = apply(sc, st, Submit("foreign", (Order(inst),) if inst else ()))
        d = defence[i] if defence else None
        st, _ = apply(sc, st, Submit("defence", (Order(d),) if d else ()))
        st, _ = apply(sc, st, Resolve())
        states.append(st)
    return states


def score(st, role="foreign"):
    return next(s for s in st.outcome.scores if s.role == role)


def test_by_counts_a_round_up_to_its_round_and_stays_met():
    # stability 60 after round 1 (early holds), then back to 50 and below 60 to the end
    st = play_plan(["calm", "stir", None, None, None])[-1]
    s = score(st)
    assert st.meters["stability"] == 50
    assert "early" in s.met  # its when does not hold at the end: only the mark of round 1 counts
    assert ("foreign", "early", 1) in st.marks


def test_by_misses_when_the_condition_comes_too_late():
    st = play_plan([None, None, "calm", None, None])[-1]  # 60 only from round 3 on
    s = score(st)
    assert st.meters["stability"] == 60
    assert "early" in s.missed and "early" not in s.met
    assert all(oid != "early" for _, oid, _ in st.marks)


def test_throughout_from_fails_on_one_bad_round_even_if_it_holds_at_the_end():
    good = play_plan([None, None, "calm", None, None])[-1]
    assert "hold" in score(good).met
    # stability 40 at the end of round 4 only, then 50 again at the end
    bad = play_plan([None, None, None, "stir", "calm"])[-1]
    assert bad.meters["stability"] == 50
    assert "hold" in score(bad).missed
    assert ("foreign", "hold", 4) in bad.marks
    # a bad round before throughout_from does not count
    early_dip = play_plan(["stir", "calm", None, None, None])[-1]
    assert "hold" in score(early_dip).met


def test_throughout_from_judges_the_last_round_too():
    st = play_plan([None, None, None, None, "stir"])[-1]  # fails only at the end of round 5
    assert "hold" in score(st).missed
    assert all(oid != "hold" for _, oid, _ in st.marks)  # judged in finish, not marked


def test_partial_credit_is_a_rounded_share_of_the_points_and_counts_as_missed():
    st = play_plan(["calm", None, None, None, None])[-1]  # stability 60: 4 * 60/80 = 3
    s = score(st)
    assert "high" in s.missed
    assert s.partial == (("high", 3),)
    assert s.points == 2 + 3 + 3  # early, hold, and the credit
    assert s.possible == 9
    met = play_plan(["calm", "calm", "calm", None, None])[-1]  # stability 80: met, no credit
    assert "high" in score(met).met and score(met).partial == ()
    assert score(met).points == 9


def test_partial_credit_is_clamped_and_rounded_half_away():
    sc = load_scenario_text(FIXTURE.read_text().replace('partial = "stability / 80"', 'partial = "stability / 40"'))
    st = play_plan([None] * 5, sc)[-1]  # 50/40 > 1: clamped to the whole 4 points, still missed
    assert score(st).partial == (("high", 4),) and "high" in score(st).missed
    sc = load_scenario_text(FIXTURE.read_text().replace('partial = "stability / 80"', 'partial = "0.375"'))
    st = play_plan([None] * 5, sc)[-1]  # 4 * 0.375 = 1.5 -> 2
    assert score(st).partial == (("high", 2),)
    sc = load_scenario_text(FIXTURE.read_text().replace('partial = "stability / 80"', 'partial = "-1"'))
    assert score(play_plan([None] * 5, sc)[-1]).partial == (("high", 0),)


def test_a_shared_loss_scores_no_partial_credit():
    text = FIXTURE.read_text() + '\n[end]\nlose_when = "stability <= 30"\n'
    sc = load_scenario_text(text)
    st = play_plan(["stir", "stir"], sc)[-1]
    assert st.outcome.lost and st.outcome.round == 2
    s = score(st, "foreign")
    assert s.points == 0 and s.partial == ()
    assert "hold" in s.missed  # the game ended before round 3: never held from round 3


def test_a_scenario_without_the_keys_writes_no_marks_and_keeps_its_hash_encoding():
    sc = make_scenario()
    st = new_game(sc)
    for _ in range(sc.rounds):
        for role in sc.roles:
            st, _ = apply(sc, st, Submit(role.id, ()))
        st, _ = apply(sc, st, Resolve())
    assert st.over and st.marks == ()
    assert all(s.partial == () for s in st.outcome.scores)
    data = to_data(st)
    assert "marks" not in data and all("partial" not in s for s in data["outcome"]["scores"])


def test_marks_are_in_the_hash_when_written():
    a = play_plan(["calm", "stir", None, None, None])[-1]
    b = play_plan([None, None, None, None, None])[-1]
    assert a.marks and not any(oid == "early" for _, oid, _ in b.marks)
    assert "marks" in to_data(a)
    assert state_hash(a) != state_hash(b)


def test_the_seat_sees_how_its_timed_objectives_stand_only_where_it_can_know():
    states = play_plan(["calm", "stir", None, "stir"])
    progress = dict(observe(SC, states[0], "foreign").progress)
    assert progress["early"] == "met in round 1"
    assert progress["high"] == "worth 75% of its points if missed now"
    assert "hold" not in progress  # round 2 under way: nothing to say before round 3 ends
    assert dict(observe(SC, states[2], "foreign").progress)["hold"] == "holding so far"
    assert dict(observe(SC, states[3], "foreign").progress)["hold"] == "missed: it failed in round 4"
    # defence's objective reads intel, which defence cannot see: no standing shown, only at the end
    assert observe(SC, states[3], "defence").progress == ()
    for seat in (FACILITATOR_SEAT, PUBLIC_SEAT):
        assert observe(SC, states[0], seat).progress == ()


# --------------------------------------------------------------------------- visibility = [roles]


def test_a_meter_listed_for_roles_is_seen_by_them_and_the_facilitator_only():
    st = play_plan(["calm"])[-1]
    assert observe(SC, st, "foreign").meters["intel"] == 25
    assert observe(SC, st, FACILITATOR_SEAT).meters["intel"] == 25
    for seat in ("defence", PUBLIC_SEAT):
        obs = observe(SC, st, seat)
        assert "intel" not in obs.meters
        assert all(c.path != "intel" for e in obs.events for c in e.changes)
    # the order's event shows foreign its own change to intel
    assert any(c.path == "intel" for e in observe(SC, st, "foreign").events for c in e.changes)


@pytest.mark.parametrize("seed", range(12))
def test_random_games_never_leak_a_role_listed_meter(seed):
    rnd = random.Random(seed)
    st = new_game(SC, seed)
    while not st.over:
        for role in SC.roles:
            st, _ = apply(SC, st, Submit(role.id, choose(SC, st, role.id, rnd)))
        st, _ = apply(SC, st, Resolve())
        for seat in (*SC.role_ids, PUBLIC_SEAT):
            check_observation(SC, st, seat)


# --------------------------------------------------------------------------- the loader


def load_scenario_text(text: str):
    scenario, diagnostics = check_scenario_files({"s.toml": text}, "s.toml")
    assert scenario is not None, "\n".join(map(str, diagnostics))
    return scenario


def errors_of(text: str):
    _, diagnostics = check_scenario_files({"s.toml": text}, "s.toml")
    return [d for d in diagnostics if d.severity == "error"]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_by_outside_the_rounds_is_an_error_at_its_line():
    text = FIXTURE.read_text().replace("by = 2", "by = 7")
    (d,) = errors_of(text)
    assert d.line == line_of(text, "by = 7") and d.col == 6
    assert "by must be between 1 and 5" in d.message


def test_by_and_throughout_from_together_is_an_error():
    text = FIXTURE.read_text().replace("by = 2", "by = 2\nthroughout_from = 1")
    (d,) = errors_of(text)
    assert d.line == line_of(text, "throughout_from = 1")
    assert "both by and throughout_from" in d.message


def test_a_partial_that_is_not_a_number_expression_is_an_error():
    text = FIXTURE.read_text().replace('partial = "stability / 80"', 'partial = "stabilty / 80"')
    (d,) = errors_of(text)
    assert d.line == line_of(text, "stabilty")
    assert "stabilty" in d.message and d.suggestion == "stability"


def test_visibility_lists_known_roles_on_global_and_actor_meters_only():
    text = FIXTURE.read_text().replace('visibility = ["foreign"]', 'visibility = ["foriegn"]')
    (d,) = errors_of(text)
    assert d.line == line_of(text, "foriegn") and "unknown role 'foriegn' in visibility" in d.message
    assert d.suggestion == "foreign"
    text = FIXTURE.read_text() + '\n[role_meters.cover]\nlabel = "Cover"\nstart = 1\nvisibility = ["defence"]\n'
    (d,) = errors_of(text)
    assert d.line == line_of(text, 'visibility = ["defence"]')
    assert "a role meter cannot list roles in visibility" in d.message
    text = FIXTURE.read_text().replace('visibility = ["foreign"]', "visibility = []")
    (d,) = errors_of(text)
    assert "lists no role" in d.message
    text = FIXTURE.read_text().replace('visibility = ["foreign"]', "visibility = 3")
    (d,) = errors_of(text)
    assert "visibility must be public, facilitator, hidden or a list of role ids" in d.message


def test_a_requires_may_not_read_a_role_listed_meter():
    text = FIXTURE.read_text().replace(
        'text = "Stirs things up."', 'text = "Stirs things up."\nrequires = "intel >= 10"'
    )
    (d,) = errors_of(text)
    assert "requires reads 'intel', which this seat cannot see" in d.message
