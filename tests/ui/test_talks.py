"""Talks on the board: a seat writes and proposes in private, the next seat reads and accepts on its own turn,
the hand-over says only how many things wait, and nothing of it shows on another seat's screens."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UITextBox

from game.rules.state import Answer, Propose, Term, Write
from game.scenario import load_scenario, resolve_scenario
from game.session.hotseat import parse_seats
from game.ui import text as ui_text
from game.ui.run import build_app
from game.ui.screens.results import ResultsOverlay
from game.ui.screens.talks import ANSWER_PAUSE, TalksOverlay

from ..rules.test_negotiation import cooldown_deals
from .driver import Driver

DEALS = Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "deals.toml"
LETTER = "Quietly, East proposes sevenfold zebra pressure"
NOTE = "Both of us, periwinkle week"


def step_to(d: Driver, screen: str, limit: int = 20) -> None:
    """On to ``screen``; a seat's card of last round's results, which opens its first screen of a round,
    is read and closed (Enter)."""
    for _ in range(limit):
        if d.screen_name == screen:
            while d.app.overlays and isinstance(d.app.overlays[-1], ResultsOverlay):
                d.key(pygame.K_RETURN)
            return
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError(f"never reached {screen}: at {d.screen_name}")


def talks(app) -> TalksOverlay:
    overlay = app.overlays[-1]
    assert isinstance(overlay, TalksOverlay)
    return overlay


def choose(menu, option: str) -> None:
    menu.selected_option = (option, option)


def two_humans_talking(tmp_path, monkeypatch):
    """The deals fixture with two people, at East's turn of talks in round 1."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    roles = load_scenario(DEALS).role_ids
    app = build_app(scenario_path=DEALS, seats=parse_seats("east=Ana,west=Bo", roles), size=(1280, 800))
    d = Driver(app)
    step_to(d, "TalksScreen")
    return app, d


def test_two_seats_make_a_deal_on_the_board_and_only_they_read_it(tmp_path, monkeypatch):
    app, d = two_humans_talking(tmp_path, monkeypatch)
    assert app.hotseat.seat == "east", "in step mode every seat talks in private before anyone gives orders"
    d.key(pygame.K_t)
    east = talks(app)
    d.click_element(next(b for b, r in east.recipients.items() if r == "west"))
    east = talks(app)
    east.letter.set_text(LETTER)
    d.click_element(east.send)
    east = talks(app)
    assert LETTER in d.text()
    for menus in east.term_menus:
        choose(menus[1], "Press Korsk on Korsk")
    east.note.set_text(NOTE)
    d.click_element(east.propose)
    assert [(x.proposer, x.partner, x.status, x.text) for x in app.hotseat.state.deals] == [
        ("east", "west", "proposed", NOTE)
    ]
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_RETURN)  # East is done talking: the hand-over to West's turn of talks
    assert d.screen_name == "HandoverScreen"
    shared = d.text()
    assert "to talk in private" in shared and "2 new messages or offers for you" in shared
    assert LETTER not in shared and NOTE not in shared and "Press Korsk" not in shared
    d.key(pygame.K_SPACE)
    assert d.screen_name == "TalksScreen" and app.hotseat.seat == "west"
    assert "Open talks (T) — 2 waiting" in d.text(), "a letter to read and an offer to answer"
    d.key(pygame.K_t)
    west = talks(app)
    seen = d.text()
    assert LETTER in seen and NOTE in seen
    d.click_element(next(b for b, a in west.answers.items() if a.accept))
    assert app.hotseat.state.deals[0].status == "accepted"
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_RETURN)
    for seat in ("east", "west"):
        step_to(d, "OrdersScreen")
        assert app.hotseat.seat == seat
        if seat == "west":
            d.key(pygame.K_t)
            assert "talks of this round are over" in d.text(), "once orders are being given, only answers"
            d.key(pygame.K_ESCAPE)
        promise = "Deal 1 with {partner}: you promised Press Korsk on Korsk".format(
            partner="West Ministry" if seat == "east" else "East Ministry"
        )
        assert f"{promise} — not chosen yet" in flat(d), "the orders screen recalls the seat's word"
        d.key(pygame.K_1)
        d.key(pygame.K_TAB)
        d.key(pygame.K_RETURN)
        assert f"{promise} — kept" in flat(d)
        d.key(pygame.K_RETURN)
    state = app.hotseat.state
    assert state.round == 2 and state.deals[0].status == "kept" and "joint_pressure" in state.fired_ids()
    assert d.screen_name == "NewsScreen"
    public = d.text()
    assert LETTER not in public and NOTE not in public and "was kept" not in public
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)
    step_to(d, "TalksScreen")
    assert "was kept" in d.text(), "the parties read in their private news that the deal was kept"


def test_the_orders_screen_recalls_an_offer_not_answered_yet_which_the_orders_will_judge(tmp_path, monkeypatch):
    """East offers a deal and West leaves it unanswered in its talks: West may still accept it at its own
    turn of orders, after East has confirmed, and East's orders then keep or break it. So East's orders
    screen names East's part of the offer as it names a promise, and says when the orders chosen keep it."""
    app, d = two_humans_talking(tmp_path, monkeypatch)
    d.key(pygame.K_t)
    east = talks(app)
    for menus in east.term_menus:
        choose(menus[1], "Press Korsk on Korsk")
    d.click_element(east.propose)
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_SPACE)
    assert app.hotseat.seat == "west"
    d.key(pygame.K_RETURN)  # West is done talking, the offer unanswered
    step_to(d, "OrdersScreen")
    assert app.hotseat.seat == "east" and app.hotseat.state.deals[0].status == "proposed"
    offer = "Your offer 1 to West Ministry, if accepted: you play Press Korsk on Korsk"
    assert f"{offer} — not chosen yet" in flat(d)
    d.key(pygame.K_1)
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    assert f"{offer} — kept" in flat(d)


def flat(d: Driver) -> str:
    """The frame's text with its lines joined (a long line wraps)."""
    return " ".join(d.text().split())


def type_text(d: Driver, words: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=words))
    d.frame()


def tab(d: Driver, times: int = 1) -> None:
    for _ in range(times):
        d.key(pygame.K_TAB)


def test_talks_by_keyboard_alone_write_propose_and_counter(tmp_path, monkeypatch):
    """Tab reaches every widget of the talks, Enter presses, the arrows change a choice, typing goes into the
    focused box; a counter-offer starts from the offer's terms and replaces it."""
    app, d = two_humans_talking(tmp_path, monkeypatch)
    d.key(pygame.K_t)
    tab(d)  # the first recipient, West
    d.key(pygame.K_RETURN)
    assert talks(app).to == {"west"}
    tab(d)  # into the letter
    type_text(d, LETTER)
    d.key(pygame.K_RETURN)  # a new line in the letter, not a press of any button
    tab(d)  # Send
    d.key(pygame.K_RETURN)
    assert [(x.sender, x.to, x.text.strip()) for x in app.hotseat.state.letters] == [("east", ("west",), LETTER)]
    tab(d, 4)  # partner, I will, when, what
    d.key(pygame.K_DOWN)
    tab(d, 3)  # They will, when, what
    d.key(pygame.K_DOWN)
    tab(d)  # the note
    type_text(d, NOTE)
    tab(d)  # Propose
    d.key(pygame.K_RETURN)
    [deal] = app.hotseat.state.deals
    assert (deal.proposer, deal.partner, deal.text) == ("east", "west", NOTE)
    assert {(t.role, t.instrument, t.do) for t in deal.terms} == {("east", "press", True), ("west", "press", True)}
    d.key(pygame.K_ESCAPE)
    assert not app.overlays
    d.key(pygame.K_RETURN)
    d.key(pygame.K_SPACE)
    assert d.screen_name == "TalksScreen" and app.hotseat.seat == "west"
    d.key(pygame.K_t)
    tab(d, 3)  # Accept, Decline, Counter…
    d.key(pygame.K_RETURN)
    west = talks(app)
    assert west.countering == 1 and "Counter to deal 1" in d.text()
    assert west.picks["what 0"] == west.picks["what 1"] == "Press Korsk on Korsk", "the counter starts from the offer"
    d.key(pygame.K_DOWN)  # West's own term: trade instead
    assert west.picks["what 0"] == "Trade with Korsk"
    assert talks(app).ring.current == "what 0", "the focus stays where it was when the overlay is built again"
    tab(d, 5)  # They will, when, what, the note, Send counter
    d.key(pygame.K_RETURN)
    first, second = app.hotseat.state.deals
    assert first.status == "countered" and second.counters == 1
    assert (second.proposer, second.partner) == ("west", "east")
    assert {(t.role, t.instrument) for t in second.terms} == {("west", "trade"), ("east", "press")}
    assert "Counter" not in talks(app).propose.text, "once sent, the builder proposes afresh"


def test_the_facilitator_reads_every_message_and_deal(tmp_path, monkeypatch):
    from game.scenario import load_scenario_with_files
    from game.ui.screens.flow import start_game

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    scenario, files, main = load_scenario_with_files(DEALS)
    app = build_app(size=(1280, 800))
    start_game(app, scenario, files, main, parse_seats("east=Ana,west=Bo", scenario.role_ids), pin="4321")
    d = Driver(app)
    step_to(d, "TalksScreen")
    app.hotseat.talk(Write("east", ("west",), LETTER))
    app.hotseat.talk(Propose("east", "west", (Term("east", "press", "korsk", 1),), NOTE))
    d.key(pygame.K_F9)
    entry = app.overlays[-1].entry
    entry.focus()
    entry.set_text("4321")
    d.frame()
    d.key(pygame.K_RETURN)
    assert d.screen_name == "FacilitatorScreen"
    seen = d.text()
    assert "Talks: every message and deal" in seen and LETTER in seen and NOTE in seen


def test_an_unsent_letter_and_a_half_built_deal_wait_for_the_seat_and_only_for_it(tmp_path, monkeypatch):
    app, d = two_humans_talking(tmp_path, monkeypatch)
    d.key(pygame.K_t)
    east = talks(app)
    east.letter.set_text(LETTER)
    choose(east.term_menus[0][1], "Press Korsk on Korsk")
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_t)
    east = talks(app)
    assert east.letter.get_text() == LETTER and east.picks["what 0"] == "Press Korsk on Korsk"
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_SPACE)
    assert app.hotseat.seat == "west"
    d.key(pygame.K_t)
    assert LETTER not in d.text() and talks(app).letter.get_text() == "", "a draft is its writer's alone"


def test_an_offer_the_seat_could_not_keep_says_so_before_and_after_it_is_accepted(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = cooldown_deals(tmp_path)
    app = build_app(scenario_path=path, seats=parse_seats("east=Ana,west=Bo", ("east", "west")), size=(1280, 800))
    d = Driver(app)
    step_to(d, "OrdersScreen")  # round 1: East trades, West gives nothing
    d.key(pygame.K_2)
    d.key(pygame.K_RETURN)
    step_to(d, "OrdersScreen")
    d.key(pygame.K_RETURN)
    step_to(d, "TalksScreen")
    assert app.hotseat.state.round == 2 and app.hotseat.seat == "east"
    d.key(pygame.K_RETURN)  # East is done talking; West offers East a trade East cannot make this round
    step_to(d, "TalksScreen")
    assert app.hotseat.seat == "west"
    app.hotseat.talk(Propose("west", "east", (Term("east", "trade", None, 2),)))
    d.key(pygame.K_RETURN)
    step_to(d, "OrdersScreen")
    assert app.hotseat.seat == "east"
    d.key(pygame.K_t)
    assert (
        "You could not keep East Ministry plays Trade with Korsk this round: used in round 1; back in round 3."
        in flat(d)
    )
    d.click_element(next(b for b, a in talks(app).answers.items() if a.accept))
    d.key(pygame.K_ESCAPE)
    assert (
        "Deal 1 with West Ministry: you promised Trade with Korsk — cannot be kept: used in round 1; back in round 3"
        in flat(d)
    )


def test_esc_closes_an_open_drop_down_list_before_the_talks(tmp_path, monkeypatch):
    app, d = two_humans_talking(tmp_path, monkeypatch)
    d.key(pygame.K_t)
    menu = talks(app).partner_menu
    d.click_element(menu)
    d.frame()
    assert menu.current_state is menu.menu_states["expanded"], "the click opened the list"
    d.key(pygame.K_ESCAPE)
    d.frame()
    assert app.overlays and isinstance(app.overlays[-1], TalksOverlay), "Esc closed the list, not the talks"
    assert menu.current_state is menu.menu_states["closed"]
    d.key(pygame.K_ESCAPE)
    assert not any(isinstance(o, TalksOverlay) for o in app.overlays), "a second Esc closes the talks"


def test_a_click_on_the_option_already_chosen_closes_the_list_and_keeps_the_choice(tmp_path, monkeypatch):
    app, d = two_humans_talking(tmp_path, monkeypatch)
    d.key(pygame.K_t)
    menu = talks(app).partner_menu
    before = menu.selected_option
    d.click_element(menu)
    d.frame()
    state = menu.current_state
    assert state is menu.menu_states["expanded"], "the click opened the list"
    items = state.options_selection_list.item_list
    chosen = next(item["button_element"] for item in items if item["selected"])
    d.click_element(chosen)
    d.frame()
    assert menu.current_state is menu.menu_states["closed"], "a click on the chosen option closes the list"
    assert menu.selected_option == before
    assert app.overlays and isinstance(app.overlays[-1], TalksOverlay), "the talks stay open"


def test_where_the_promises_do_not_fit_one_line_names_those_not_kept(tmp_path, monkeypatch):
    app, d = two_humans_talking(tmp_path, monkeypatch)
    app.hotseat.talk(Propose("east", "west", (Term("west", "press", "korsk", 1),)))
    d.key(pygame.K_RETURN)
    step_to(d, "TalksScreen")
    app.hotseat.talk(Answer("west", 1, True))
    d.key(pygame.K_RETURN)
    step_to(d, "OrdersScreen")
    assert app.hotseat.seat == "east"
    d.key(pygame.K_RETURN)  # East gives no orders (and says so when asked); then West's turn
    if app.overlays:
        d.key(pygame.K_RETURN)
    step_to(d, "OrdersScreen")
    assert app.hotseat.seat == "west"
    d.frame()
    ui_text.DRAWN.clear()
    app.screen.draw_hint(app.window, pygame.Rect(0, 0, 400, 40))  # room for one line, not for the promise in full
    drawn = " ".join(ui_text.DRAWN)
    assert "Not kept by these orders: deal 1 with East Ministry" in drawn and "you promised" not in drawn


def test_a_double_click_on_accept_answers_one_offer_not_the_next(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = resolve_scenario("red_lines")
    roles = load_scenario(path).role_ids
    seats = parse_seats("foreign=Ana,defence=bot,development=bot,mission=bot", roles)
    app = build_app(scenario_path=path, seats=seats, seed=1, size=(1280, 800))
    d = Driver(app)
    step_to(d, "TalksScreen")
    d.key(pygame.K_t)
    offers = [x for x in app.hotseat.state.deals if x.partner == "foreign" and x.status == "proposed"]
    assert len(offers) >= 2, "the bots offer the Foreign Ministry two deals in round 1"
    first = next(b for b, a in talks(app).answers.items() if a.accept)
    spot = first.rect.center
    d.click(spot)
    d.click(spot)  # the next offer's Accept is now where the first one was
    answered = [x for x in app.hotseat.state.deals if x.partner == "foreign" and x.status != "proposed"]
    assert len(answered) == 1
    time.sleep(ANSWER_PAUSE / 1000 + 0.1)
    d.click(next(b for b, a in talks(app).answers.items() if a.accept).rect.center)
    answered = [x for x in app.hotseat.state.deals if x.partner == "foreign" and x.status != "proposed"]
    assert len(answered) == 2, "a moment later, the next click answers the next offer"


def three_offers_waiting(tmp_path, monkeypatch, size) -> tuple[Driver, TalksOverlay, dict[str, str]]:
    """Red Lines at ``size``, the Foreign Ministry's talks open on an offer from each of three other seats,
    each with a line of note (the notes by seat)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = resolve_scenario("red_lines")
    sc = load_scenario(path)
    seats = "foreign=Ana,defence=Ben,development=Cy,mission=Di,cell=Ed"
    app = build_app(scenario_path=path, seats=parse_seats(seats, sc.role_ids), size=size)
    d = Driver(app)
    step_to(d, "TalksScreen")
    assert app.hotseat.seat == "foreign"
    notes = {}
    for other in ("defence", "development", "mission"):
        notes[other] = f"{other.capitalize()} says: let us do this together."
        term = (Term(other, sc.role(other).instruments[0], None, 1), Term("foreign", "private_demarche", "veyra", 1))
        app.hotseat.game.do(Propose(other, "foreign", term, notes[other]))
    d.key(pygame.K_t)
    return d, talks(app), notes


def test_three_offers_waiting_each_show_whole_with_their_notes(tmp_path, monkeypatch):
    """Offers to answer grow with their words (their notes too) while the history above keeps three
    lines: with three waiting at 1280x800, each with a line of note, none of them scrolls (longer
    ones share the room there is, and scroll)."""
    d, overlay, notes = three_offers_waiting(tmp_path, monkeypatch, (1280, 800))
    offer = re.compile(r"<b>Deal \d+</b> from ")  # (an offer's card; the history says "Deal 1</b>, round 1")
    cards = [e for e in overlay.elements if isinstance(e, UITextBox) and offer.match(e.html_text)]
    assert len(cards) == 3, [c.html_text[:90] for c in cards]
    for card, note in zip(cards, notes.values(), strict=True):
        assert note in card.html_text
        assert card.scroll_bar is None, f"an offer's card scrolls: {card.html_text[:60]}"
    shown = flat(d)
    for note in notes.values():
        assert note in shown


def _edge_only(rect: pygame.Rect, toast: pygame.Rect) -> bool:
    """Whether ``rect`` meets ``toast`` by a few pixels of its margin only (a label's box is taller than its words)."""
    return rect.clip(toast).h <= 6


def shown_offers(overlay: TalksOverlay) -> list:
    """The offer cards on show (not scrolled out of view), top to bottom."""
    offer = re.compile(r"<b>Deal \d+</b> from ")
    cards = [e for e in overlay.elements if isinstance(e, UITextBox) and offer.match(e.html_text) and e.visible]
    return sorted(cards, key=lambda e: e.rect.top)


def test_at_the_smallest_window_the_offers_scroll_as_one_column_each_whole(tmp_path, monkeypatch):
    """At 1024x700 three offers with notes do not fit beside the writing: the column of history and
    offers scrolls, an offer at a time, each card whole (no box of its own scrolls, no buttons without
    their card), a line saying how many wait below; the wheel over the column and Tab both bring the
    last one into view, and its Accept answers that offer."""
    d, overlay, notes = three_offers_waiting(tmp_path, monkeypatch, (1024, 700))
    cards = shown_offers(overlay)
    assert 1 <= len(cards) < 3, "three offers with notes do not all fit at 1024x700"
    assert all(card.scroll_bar is None for card in cards)
    assert "1 more offer below: scroll down, or Tab to it" in flat(d)
    buttons = [b for b in overlay.answers if b.visible]
    assert len(buttons) == 2 * len(cards), "each offer on show has its Accept and Decline, and no other does"
    column = overlay.column.rect
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(column.centerx, column.centery), rel=(0, 0)))
    for _ in range(3):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        d.frame()
    overlay = talks(d.app)
    cards = shown_offers(overlay)
    assert notes["mission"] in cards[-1].html_text and all(c.scroll_bar is None for c in cards)
    assert cards[0].rect.top >= overlay.column.shown.top - 4, "the column stops where an offer begins"
    assert "more offer below" not in flat(d) and "1 more offer above: scroll up, or Shift+Tab to it" in flat(d)
    last = next(b for b, a in overlay.answers.items() if a.accept and b.visible and b.rect.top > cards[-1].rect.top)
    d.click_element(last)
    answered = [(x.proposer, x.status) for x in d.app.hotseat.state.deals if x.status != "proposed"]
    assert answered == [("mission", "accepted")]


def test_at_the_smallest_window_tab_scrolls_the_offer_it_reaches_into_view(tmp_path, monkeypatch):
    d, overlay, notes = three_offers_waiting(tmp_path, monkeypatch, (1024, 700))
    last_accept = next(k for k, b in overlay.ring.items if k.startswith("accept ") and not b.visible)
    for _ in range(40):
        d.key(pygame.K_TAB)
        if talks(d.app).ring.current == last_accept:
            break
    overlay = talks(d.app)
    assert overlay.ring.current == last_accept
    assert overlay.ring.focused().visible, "the offer Tab reaches is scrolled into view"
    assert notes["mission"] in shown_offers(overlay)[-1].html_text


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_the_word_after_an_answer_keeps_off_the_talks_heading(tmp_path, monkeypatch, size):
    """The toast that says an offer was answered shows in the heading's row, beside its words, not over them."""
    d, overlay, _ = three_offers_waiting(tmp_path, monkeypatch, size)
    d.click_element(next(b for b, a in overlay.answers.items() if a.accept and b.visible))
    d.frame()
    assert "accepted" in d.app.toast_text
    overlay = talks(d.app)
    heading = overlay.heading
    assert heading is not None and heading.text.startswith("Talks")
    words = pygame.Rect(heading.rect.x, heading.rect.y, overlay.label_font("#heading").size(heading.text)[0] + 12, 36)
    toast = d.app.toast_rect
    assert toast.w > 0 and not toast.colliderect(words), (toast, words)
    assert overlay.rect.contains(toast)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_a_toast_too_long_for_the_heading_row_shows_whole_off_the_heading_and_the_offers(tmp_path, monkeypatch, size):
    """Above the layer where the window has room for it (1280x800); at the smallest window, on the layer's
    bottom edge, under its footer's words and beside its Back button."""
    d, overlay, _ = three_offers_waiting(tmp_path, monkeypatch, size)
    said = "Review written: /home/someone/Documents/Demarche/reviews/red_lines-2026-12-07-round-8.html"
    d.app.toast(said)
    assert said in d.text(), "shown whole, not shortened to fit beside the heading"
    overlay = talks(d.app)
    toast = d.app.toast_rect
    assert d.app.window.get_rect().contains(toast)
    assert not toast.colliderect(overlay.heading.rect)
    visible = [e for e in overlay.elements if e.visible and e is not overlay.heading]
    assert not [e.rect for e in visible if e.rect.colliderect(toast) and not _edge_only(e.rect, toast)]


def test_after_an_answer_by_keyboard_the_focus_goes_on_to_the_next_offer(tmp_path, monkeypatch):
    """Enter on an offer's Accept answers it and leaves the focus on the Accept of the offer now in its
    place (it was lost: nothing was focused until Tab), scrolled into view where the column scrolls."""
    d, overlay, _ = three_offers_waiting(tmp_path, monkeypatch, (1024, 700))
    for _ in range(40):
        d.key(pygame.K_TAB)
        if talks(d.app).ring.current.startswith("accept "):
            break
    first = talks(d.app).ring.current
    d.key(pygame.K_RETURN)
    overlay = talks(d.app)
    focused = overlay.ring.focused()
    assert focused is not None and focused.visible
    assert overlay.ring.current.startswith("accept ") and overlay.ring.current != first
    time.sleep(ANSWER_PAUSE / 1000 + 0.1)
    d.key(pygame.K_RETURN)
    answered = [x.status for x in d.app.hotseat.state.deals if x.partner == "foreign" and x.status != "proposed"]
    assert answered == ["accepted", "accepted"], "Enter again answers the next offer"


@pytest.mark.parametrize("size, lines", [((1280, 800), 3), ((1024, 700), 2)])
def test_the_note_with_a_deal_shows_lines_enough_to_read_it_over(tmp_path, monkeypatch, size, lines):
    """The note box held one line, so a note could not be read over before it went: it holds three where
    the window has room (two at the smallest, whose footer takes two lines), its Propose beside it."""
    from game.ui.theme import measuring_font

    _, overlay, _ = three_offers_waiting(tmp_path, monkeypatch, size)
    note, propose = overlay.note, overlay.propose
    pitch = measuring_font(overlay.app.manager, 15).get_linesize()
    assert note is not None and propose is not None
    assert note.rect.h >= lines * pitch + 8, (note.rect, pitch)
    assert propose.rect.left > note.rect.right and propose.rect.bottom <= note.rect.bottom


def test_at_the_smallest_window_the_footer_shows_whole_in_two_lines(tmp_path, monkeypatch):
    """At 1024x700 who sees the talks and the keys do not fit one line beside the Back button: the footer
    takes two, every word of it shown (no "..."), and nothing else on the overlay lies over it."""
    from pygame_gui.elements import UILabel

    _, overlay, _ = three_offers_waiting(tmp_path, monkeypatch, (1024, 700))
    footer = [e for e in overlay.elements if isinstance(e, UILabel) and e.rect.top > overlay.rect.bottom - 90]
    words = " ".join(e.text for e in sorted(footer, key=lambda e: e.rect.top))
    assert len(footer) == 2 and words.endswith("Keys: Tab, Enter, arrows."), words
    assert "…" not in words and "..." not in words
    others = [e for e in overlay.elements if e not in footer and e.visible]
    over = [(type(e).__name__, e.rect) for e in others if any(e.rect.colliderect(f.rect) for f in footer)]
    assert not over, over
