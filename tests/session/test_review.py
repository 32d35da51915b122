"""Who may see a whole game: finished games are open, unfinished ones need the
facilitator's PIN, and one role's own view of an unfinished game shows only what it saw."""

import pytest

from game.review.report import ReportError, render, report_for_save
from game.rules.observe import observe
from game.scenario import resolve_scenario
from game.session import control
from game.session.autoplay import autoplay, hand_to_people
from game.session.branch import branch
from game.session.game import Game
from game.session.hotseat import NEWS, HotSeat
from game.session.review import CLOSED, NEEDS_PIN, OPEN, ReviewLocked, check_review, review_lock

from ..values import stored_values

PIN = "1357"


def played(rounds=None, pin=None, scenario="red_lines", seed=4):
    game = Game.from_path(resolve_scenario(scenario), seed)
    if pin:
        control.set_pin(game, pin)
    return autoplay(game, "random", rounds)


def test_the_lock_follows_the_replayed_end_and_the_pin():
    done, open_game, guarded = played(), played(2), played(2, PIN)
    assert done.state.over and not open_game.state.over
    assert review_lock(done, done.state.over) == OPEN
    assert review_lock(open_game, False) == CLOSED
    assert review_lock(guarded, False) == NEEDS_PIN
    check_review(done, True, done.state.round, None)  # finished: no PIN asked
    with pytest.raises(ReviewLocked, match="no facilitator"):
        check_review(open_game, False, 3, PIN)
    with pytest.raises(ReviewLocked, match="needs the facilitator's PIN"):
        check_review(guarded, False, 3, None)
    with pytest.raises(ReviewLocked, match="not the facilitator's PIN"):
        check_review(guarded, False, 3, "0000")
    check_review(guarded, False, 3, PIN)
    # The same check as the control seat's: the PIN is only in meta, salted and hashed.
    save = guarded.to_save()
    assert PIN not in stored_values(save.meta.to_json()) and control.check_pin(save, PIN)
    assert review_lock(save, save.over) == NEEDS_PIN


def test_autoplay_stops_after_the_round_asked_and_people_take_over():
    full = played()
    part = played(3)
    assert part.state.round == 4 and not part.state.over
    assert part.actions == full.actions[: len(part.actions)]  # the same opening, action for action
    assert played(99).hash == full.hash  # past the end: the whole game
    hand_to_people(part)
    resumed = Game.from_save(part.to_save())
    hs = HotSeat(resumed)
    assert hs.humans() == list(part.scenario.role_ids) and hs.step.kind == NEWS
    assert all(e.round >= 3 for e in hs.fresh_news())  # the news opens at the last round's results


def test_report_of_an_unfinished_game(tmp_path):
    path = tmp_path / "open.json"
    game = played(3, PIN)
    game.save(path)
    with pytest.raises(ReportError, match="--pin PIN.*--role ROLE"):
        report_for_save(path)
    with pytest.raises(ReportError, match="not the facilitator's PIN"):
        report_for_save(path, pin="9999")
    with pytest.raises(ReportError, match="not the facilitator's PIN"):
        report_for_save(path, "foreign", pin="9999")
    full = report_for_save(path, pin=PIN).to_json()
    assert full["kind"] == "game" and full["header"]["over"] is False and "pending" in full
    both = report_for_save(path, "foreign", pin=PIN).to_json()
    assert both["role_view"]["reveal"] is True and "consequences" in both
    own = report_for_save(path, "foreign").to_json()
    assert own["kind"] == "role" and set(own) == {"format", "version", "kind", "role_view"}
    seen = observe(game.scenario, game.state, "foreign")
    view = own["role_view"]
    assert view["reveal"] is False and view["briefing"] == seen.briefing.strip()
    assert {m["path"] for g in view["meters"] for m in g["meters"]} == set(seen.meters)
    for fmt in ("md", "html"):
        text = render(own, fmt)
        assert "Full reveal" not in text and 'id="reveal"' not in text
        assert "not finished" in text


def test_a_branch_keeps_the_facilitator_and_so_its_lock():
    game = played(3, PIN)
    child = branch(game, 2)
    assert review_lock(child, child.state.over) == NEEDS_PIN and control.check_pin(child, PIN)
    assert review_lock(branch(played(3), 2), False) == CLOSED
