"""The semi-rigid review on the board: every proposed change listed, grouped by who did
what, scrolled by wheel, bar and keys; overrides with their own amount and reason, marked
in place and revertible; the engine applies exactly what the review showed."""

import pygame
import pytest

from game.rules.engine import preview
from game.rules.state import Override, SetMode, Submit
from game.scenario import resolve_scenario
from game.session import control
from game.session.autoplay import hand_to_people, seat_bots
from game.session.game import Game
from game.session.hotseat import Seat, seats_to_meta
from game.session.slots import saves_dir
from game.ui.run import build_app
from game.ui.screens.names import readable
from game.ui.screens.override import OverrideOverlay
from game.ui.screens.review import ENTER_AFTER

from .driver import Driver

PIN = "4321"
NAMES = ("Ana", "Ben", "Cleo", "Dev")


def reviewing(size=None):
    """Red Lines in semi-rigid mode, every seat's orders confirmed (a greedy bot's, for people):
    the board at the facilitator's review, behind the PIN."""
    game = Game.from_path(resolve_scenario("red_lines"), 3)
    control.set_pin(game, PIN)
    game.do(SetMode("semi-rigid"))
    bots = seat_bots(game, "greedy")
    hand_to_people(game)
    game.meta.seats = seats_to_meta({r: Seat(r, n) for r, n in zip(game.scenario.role_ids, NAMES, strict=True)})
    for role in game.scenario.role_ids:
        game.do(Submit(role, bots[role].choose(game.scenario, game.state, role)))
    path = saves_dir() / "review.json"
    game.save(path)
    app = build_app(load=path, size=size)
    d = Driver(app)
    for _ in range(4):
        if d.screen_name == "ReviewHandoverScreen":
            break
        d.key(pygame.K_SPACE)
    assert d.screen_name == "ReviewHandoverScreen"
    d.key(pygame.K_SPACE)
    app.overlays[-1].entry.set_text(PIN)
    d.frame()
    d.key(pygame.K_RETURN)
    assert d.screen_name == "ReviewScreen"
    return app, d, game


def flat(d) -> str:
    return " ".join(d.text().split())


def settle(d) -> None:
    """Frames enough for the Enter guard to pass and the scroll bar to come to rest."""
    d.frame(int(ENTER_AFTER / 0.05) + 2)


@pytest.mark.parametrize("size", [None, (1024, 700)])
def test_every_change_is_listed_grouped_by_who_and_reached_by_scrolling(data_dir, size):
    app, d, game = reviewing(size)
    screen = app.screen
    proposed = preview(game.scenario, game.state)
    moved = {(i, c.path) for i, e in enumerate(proposed) for c in e.changes}
    assert len(screen.list.slots) == len(moved) > 30, "every proposed change is a row"
    assert "enlarge" not in flat(d) and "more changes" not in flat(d)
    bands = [s.band.who for s in screen.list.slots]
    assert bands[0] == "Ana (Foreign Ministry)" and "Consequences" in bands and "Between rounds" in bands
    first, last = screen.list.slots[0], screen.list.slots[-1]
    assert first.item.title.startswith("Order: ") and "›" in first.row.words()
    shown = flat(d)
    assert "Ana (Foreign Ministry)" in shown and first.row.words() in shown and last.row.words() not in shown
    assert "Changes 1–" in shown

    d.key(pygame.K_END)
    shown = flat(d)
    assert last.row.words() in shown and first.row.words() not in shown, "End reaches the last change"
    assert f"of {len(moved)}" in shown and screen.list.scroll.offset == screen.list.scroll.limit > 0
    assert all(b.visible for b in last.buttons.values()) and not any(b.visible for b in first.buttons.values())
    d.shot(f"review_end_{size[0] if size else 1280}")

    d.key(pygame.K_HOME)
    assert screen.list.scroll.offset == 0 and first.row.words() in flat(d)
    d.key(pygame.K_PAGEDOWN)
    page = screen.list.scroll.offset
    assert page >= screen.list.inner.h // 2
    d.key(pygame.K_DOWN)
    assert screen.list.scroll.offset > page
    d.key(pygame.K_UP)
    d.key(pygame.K_PAGEUP)
    assert screen.list.scroll.offset == 0

    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-3, flipped=False, precise_x=0.0, precise_y=-3.0))
    d.frame()
    assert screen.list.scroll.offset > 0, "the wheel scrolls the list"
    wheel = screen.list.scroll.offset

    bar = screen.list.scroll.bar
    assert bar is not None and bar.visible
    bar.set_scroll_from_start_percentage(1.0)  # the bar dragged to its end
    d.frame(2)
    assert screen.list.scroll.offset > wheel and last.row.words() in flat(d)


def test_tab_reaches_a_change_out_of_view_and_the_list_follows(data_dir):
    app, d, _ = reviewing()
    screen = app.screen
    for _ in range(14):
        d.key(pygame.K_TAB)
    focused = screen.focused()
    slot, _ = screen.list.slot_of(focused)
    assert screen.list.scroll.offset > 0 and focused.visible, "the highlighted button is scrolled into view"
    d.key(pygame.K_RETURN)
    assert isinstance(app.overlays[-1], OverrideOverlay)
    assert slot.row.label in flat(d)


def open_override(d, slot) -> OverrideOverlay:
    d.app.screen.list.show_slot(slot)
    d.frame()
    d.click_element(slot.buttons["override"])
    overlay = d.app.overlays[-1]
    assert isinstance(overlay, OverrideOverlay)
    return overlay


def test_an_override_with_amount_and_reason_changes_what_the_engine_applies_and_stays_marked(data_dir):
    app, d, game = reviewing()
    screen = app.screen
    slot = next(s for s in screen.list.slots if s.row.label == "Republic of Veyra: Trust in us" and s.buttons)
    key, was = slot.row.key, slot.row.now
    overlay = open_override(d, slot)
    shown = flat(d)
    assert "Override: Republic of Veyra: Trust in us" in shown and "In: Ana (Foreign Ministry) — Order: " in shown
    assert f"The engine proposed {was.after - was.before:+d} ({was.before} › {was.after})" in shown
    assert overlay.amount.get_text() == f"{was.after - was.before:+d}", "the amount starts at the proposal"
    overlay.amount.set_text("+1")
    overlay.reason.set_text("the envoy was received after all")
    d.frame()
    d.shot("review_override_dialog")
    d.key(pygame.K_RETURN)
    assert not app.overlays and key in screen.overrides

    row = next(s.row for s in screen.list.slots if s.row.key == key)
    proposed = f"proposed {was.after - was.before:+d} ({was.before} › {was.after})"
    words = f"{proposed}, you set +1 ({was.before} › {was.before + 1})"
    assert row.override is not None and words in row.words(), row.words()
    screen.list.show_slot(next(s for s in screen.list.slots if s.row.key == key))
    shown = flat(d)
    assert "you set +1" in shown and "the envoy was received after all" in shown and "1 overridden" in shown
    marked = next(s for s in screen.list.slots if s.row.key == key)
    assert set(marked.buttons) == {"change", "revert"}
    d.shot("review_overridden_row")

    expected = preview(game.scenario, game.state, (Override(key, 1, "the envoy was received after all"),))
    d.click_element(screen.accept)
    state = app.hotseat.state
    assert state.round == 2
    index = int(key.partition(":")[0])
    applied = next(e for e in state.events if e.round == 1 and e.kind == "order" and e.text == expected[index].text)
    change = next(c for c in applied.changes if c.path == "veyra.trust")
    assert change.after - change.before == 1, "the engine applied the facilitator's amount"
    logged = next(e for e in state.events if e.kind == "adjudication")
    assert "the envoy was received after all" in logged.text
    assert readable(game.scenario, logged).text == (
        "Facilitator overrode: Republic of Veyra: Trust in us: +1 instead (the envoy was received after all)"
    ), "the facilitator's log names the meter, not the change's key"


def test_a_bad_amount_or_no_reason_is_said_in_the_dialog_and_changes_nothing(data_dir):
    app, d, game = reviewing()
    screen = app.screen
    slot = screen.list.slots[0]
    overlay = open_override(d, slot)
    overlay.amount.set_text("1-2")
    overlay.reason.set_text("a reason")
    d.frame()
    d.key(pygame.K_RETURN)
    assert app.overlays == [overlay] and "must be a whole number" in flat(d)
    overlay.amount.set_text("+900")
    d.frame()
    d.click_element(overlay.ok)
    assert app.overlays == [overlay] and "cannot move by +900" in flat(d)
    overlay.amount.set_text("+2")
    overlay.reason.set_text("  ")
    d.frame()
    d.key(pygame.K_RETURN)
    assert app.overlays == [overlay] and "Write a reason" in flat(d)
    assert not screen.overrides
    d.key(pygame.K_ESCAPE)  # Esc closes it, changing nothing
    assert not app.overlays and not screen.overrides
    overlay = open_override(d, slot)
    d.click_element(overlay.cancel)  # and so does Cancel
    assert not app.overlays and not screen.overrides
    settle(d)
    d.key(pygame.K_RETURN)
    assert not any(e.kind == "adjudication" for e in app.hotseat.state.events), "nothing was overridden"


def test_an_override_is_reverted_and_changed_in_place(data_dir):
    app, d, _ = reviewing()
    screen = app.screen
    slot = screen.list.slots[1]
    key = slot.row.key
    overlay = open_override(d, slot)
    overlay.amount.set_text("0")
    overlay.reason.set_text("never happened")
    d.frame()
    d.key(pygame.K_RETURN)
    marked = next(s for s in screen.list.slots if s.row.key == key)
    assert "you set 0 (no change): never happened" in marked.row.words()
    assert "override" not in marked.buttons
    d.click_element(marked.buttons["change"])
    overlay = app.overlays[-1]
    assert overlay.amount.get_text() == "0" and overlay.reason.get_text() == "never happened"
    overlay.amount.set_text("-1")
    d.frame()
    d.key(pygame.K_RETURN)
    marked = next(s for s in screen.list.slots if s.row.key == key)
    assert "you set -1" in marked.row.words() and screen.overrides[key].delta == -1
    d.click_element(marked.buttons["revert"])
    back = next(s for s in screen.list.slots if s.row.key == key)
    assert not screen.overrides and back.row.override is None and "override" in back.buttons


def test_the_enter_that_opened_the_review_does_not_publish_it_unseen(data_dir):
    app, d, _ = reviewing()
    d.key(pygame.K_RETURN)  # the PIN dialog's Enter, pressed twice
    assert d.screen_name == "ReviewScreen" and app.hotseat.state.round == 1
    settle(d)
    d.key(pygame.K_RETURN)
    assert app.hotseat.state.round == 2


def test_the_engines_drift_has_no_override_button_and_says_why(data_dir):
    app, d, _ = reviewing()
    drift = [s for s in app.screen.list.slots if s.item.title.startswith("Drift")]
    assert drift and not any(s.buttons for s in drift)
    assert "cannot be overridden here" in drift[0].item.detail
