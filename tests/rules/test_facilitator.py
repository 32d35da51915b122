"""Facilitator actions: injects, schedule, adjustments, notes, modes, overrides; all replay exactly."""

import pytest

from game.rules.engine import IllegalAction, apply, new_game, play, preview
from game.rules.hashing import state_hash
from game.rules.model import ScheduledInject
from game.rules.observe import observe
from game.rules.state import (
    FACILITATOR_SEAT,
    PUBLIC_SEAT,
    Adjust,
    Inject,
    Note,
    Order,
    Override,
    Reschedule,
    Resolve,
    SetMode,
    Submit,
)
from game.session.codec import decode_action, encode_action
from tests.rules.builders import make_scenario

SC = make_scenario(rounds=5, schedule=(ScheduledInject(3, "coup", "Test their nerve."),))


def run(actions, sc=SC):
    state = new_game(sc)
    for a in actions:
        state, _ = apply(sc, state, a)
    return state


def quiet_round():
    return [Submit("foreign", ()), Submit("defence", ()), Resolve()]


def test_scheduled_inject_breaks_at_its_round():
    state = run(quiet_round() * 2)
    assert state.round == 3 and "coup" in state.active_crises()
    assert state.schedule == (None,)
    event = next(e for e in state.events if e.kind == "crisis_started" and e.ref == "coup")
    assert event.cause.kind == "facilitator" and event.cause.note == "Test their nerve."


def test_skip_defer_publish():
    skipped = run([Reschedule(0, "skip", reason="running late")] + quiet_round() * 3)
    assert "coup" not in skipped.active_crises()
    deferred = run([Reschedule(0, "defer", 1)] + quiet_round() * 2)
    assert "coup" not in deferred.active_crises() and deferred.schedule == (4,)
    deferred = run([Reschedule(0, "defer", 1)] + quiet_round() * 3)
    assert "coup" in deferred.active_crises()
    published = run([Reschedule(0, "publish")])
    assert published.round == 1 and "coup" in published.active_crises()
    with pytest.raises(IllegalAction):
        run([Reschedule(0, "skip"), Reschedule(0, "publish")])
    with pytest.raises(IllegalAction):
        run([Reschedule(0, "defer", 3)])  # past the last round
    with pytest.raises(IllegalAction):
        run([Reschedule(5, "skip")])


def test_notes_and_modes_are_logged_for_the_facilitator_only():
    state = run([Note("Foreign looks hesitant", "foreign"), SetMode("semi-rigid")])
    assert state.mode == "semi-rigid"
    kinds = [e.kind for e in observe(SC, state, FACILITATOR_SEAT).events]
    assert "note" in kinds and "mode" in kinds
    for seat in ("foreign", "defence", PUBLIC_SEAT):
        seen = observe(SC, state, seat)
        assert not any(e.kind in ("note", "mode") for e in seen.events)
        assert seen.all_orders == () and seen.schedule == ()
    with pytest.raises(IllegalAction):
        run([Note("   ")])
    with pytest.raises(IllegalAction):
        run([Note("x", "nobody")])
    with pytest.raises(IllegalAction):
        run([SetMode("loose")])


def test_override_replaces_one_proposed_change():
    state = run([Submit("foreign", (Order("condemn", "veyra"),)), Submit("defence", ())])
    proposal = preview(SC, state)
    assert state.round == 1  # previewing changes nothing
    index, event = next((i, e) for i, e in enumerate(proposal) if e.kind == "order")
    change = next(c for c in event.changes if c.path == "veyra.trust")
    assert change.after - change.before == -10
    key = f"{index}:veyra.trust"
    after, events = apply(SC, state, Resolve((Override(key, -3, "the minister called ahead"),)))
    assert after.meters["veyra.trust"] == change.before - 3
    note = next(e for e in events if e.kind == "adjudication")
    assert "the minister called ahead" in note.text and note.audience == "facilitator"
    with pytest.raises(IllegalAction, match="matches no change"):
        apply(SC, state, Resolve((Override("99:veyra.trust", 1, "typo"),)))


def test_every_facilitator_action_replays_identically_through_the_save_codec():
    actions = [
        SetMode("semi-rigid"),
        Note("Opening moves", None),
        Submit("foreign", (Order("condemn", "veyra", ("Show resolve", "Parliament expects it")),)),
        Submit("defence", ()),
        Adjust("stability", -7, "A riot the scenario does not model"),
        Resolve((Override("0:veyra.trust", -2, "softened"),)),
        Inject("coup", "Exercise control"),
        Reschedule(0, "skip", reason="already injected"),
    ] + quiet_round()
    direct = run(actions)
    round_tripped = [decode_action(encode_action(a)) for a in actions]
    assert round_tripped == actions
    assert state_hash(play(SC, round_tripped)) == state_hash(direct)
    played = [p for p in direct.history if p.instrument == "condemn"][0]
    assert played.reasons == ("Show resolve", "Parliament expects it")
