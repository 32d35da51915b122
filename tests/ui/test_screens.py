"""Window comfort: resizing, quitting safely, broken saves, the load list, keyboard-only set-up."""

import json

import pygame

from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.ui.run import build_app

from .driver import Driver


def orders_screen(size=(1280, 800), seats="foreign=Ana,defence=Ben", seat=None):
    """Red Lines at its first orders screen (of ``seat``, if given)."""
    path = resolve_scenario("red_lines")
    roles = Game.from_path(path).scenario.role_ids
    app = build_app(scenario_path=path, seats=parse_seats(seats, roles), size=size)
    d = Driver(app)
    for _ in range(30):
        if d.screen_name == "OrdersScreen" and seat in (None, app.hotseat.seat):
            return app, d
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached the orders screen")


def inside(app) -> list[str]:
    """Names of widgets that stick out of the window."""
    w, h = app.size
    out = []
    for e in app.screen.elements:
        r = e.rect
        if r.left < 0 or r.top < 0 or r.right > w or r.bottom > h:
            out.append(f"{type(e).__name__} {r}")
    return out


def test_resize_rebuilds_the_layout_within_the_window():
    app, d = orders_screen()
    for size in [(1024, 700), (1600, 1000), (800, 500)]:
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        d.frame(2)
        expected = (max(size[0], 1024), max(size[1], 700))
        assert app.size == expected
        assert inside(app) == []
        d.shot(f"orders_{expected[0]}x{expected[1]}")
    assert d.screen_name == "OrdersScreen"


def test_resizing_under_an_open_overlay_keeps_the_screen_s_widgets_hidden_beneath_it():
    app, d = orders_screen()
    d.key(pygame.K_F1)
    assert app.overlays
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1100, 760), w=1100, h=760))
    d.frame(2)
    assert app.screen.elements and not any(e.visible for e in app.screen.elements)
    assert all(e.visible for e in app.overlays[-1].elements)
    d.key(pygame.K_ESCAPE)
    assert not app.overlays and all(e.visible for e in app.screen.elements)


def test_escape_during_a_game_opens_the_game_menu_and_resume_is_the_default():
    app, d = orders_screen()
    d.key(pygame.K_1)  # an order in progress
    if app.screen.pending:
        d.key(pygame.K_TAB)
        d.key(pygame.K_RETURN)
    d.key(pygame.K_ESCAPE)
    assert app.overlays and app.running
    assert "Orders you have not confirmed will be lost." in d.text()
    d.shot("game_menu")
    d.key(pygame.K_RETURN)  # Enter resumes
    assert not app.overlays and app.running and d.screen_name == "OrdersScreen"
    d.key(pygame.K_ESCAPE)
    d.click_element(app.overlays[-1].title)
    assert d.screen_name == "TitleScreen" and app.running


def test_closing_the_window_asks_and_enter_keeps_playing():
    app, d = orders_screen()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frame()
    assert app.overlays and app.running
    d.key(pygame.K_RETURN)  # the safe default: stay
    assert app.running and not app.overlays
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frame()
    d.click_element(app.overlays[-1].yes)
    assert not app.running


def test_escape_on_the_title_quits_at_once():
    app = build_app()
    Driver(app).key(pygame.K_ESCAPE)
    assert not app.running


def test_keyboard_only_setup_reaches_the_first_handover():
    app = build_app()
    d = Driver(app)
    d.key(pygame.K_RETURN)  # New game
    assert d.screen_name == "PickerScreen"
    assert "Your First Démarche" in d.text()  # the tutorial is preselected
    d.key(pygame.K_RETURN)  # Seat the players
    assert d.screen_name == "SeatsScreen"
    d.key(pygame.K_RETURN)  # Start
    assert d.screen_name == "HandoverScreen"
    assert "Pass the computer to" in d.text()


def test_load_screen_lists_saves_and_refuses_a_broken_one(data_dir):
    app, d = orders_screen()
    saves = data_dir / "saves"
    good = sorted(saves.glob("autosave-*.json"))[-1]
    data = json.loads(good.read_text())
    data["final_hash"] = "0" * 64
    (saves / "tampered.json").write_text(json.dumps(data))
    (saves / "garbage.json").write_text("{not json")
    pygame.quit()

    app = build_app()
    d = Driver(app)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # Load game
    assert d.screen_name == "LoadScreen"
    listing = d.text()
    assert "Red Lines, Open Channels" in listing and "round 1, after" in listing and "Ana, Ben" in listing
    assert "garbage.json: cannot be loaded" in listing
    screen = app.screen
    screen.choice = next(s for s in screen.saves if s.path.name == "tampered.json")
    screen.on_button(screen.load)
    d.frame()
    assert app.running and d.screen_name == "LoadScreen"
    assert app.overlays, "a broken save gets a message"
    assert "cannot be loaded" in d.text()
    d.shot("load_broken_save")
    d.key(pygame.K_ESCAPE)
    assert good.exists(), "the autosave survives"


def test_ctrl_s_saves_under_a_name(data_dir):
    app, d = orders_screen()
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    assert app.overlays
    d.key(pygame.K_RETURN)
    assert (data_dir / "saves" / "red_lines-round-1.json").exists()
    assert "Saved as red_lines-round-1" in d.text()


def test_a_long_seat_caption_at_the_smallest_window_names_the_seat_short_and_stays_off_the_round_track(tmp_path):
    """At 1024x700 "Di (Mission to the Littoral Security Council) — your orders (private)" ran over
    "Round 1 of 8": there the seat is named alone, the caption whole; at 1280x800 it is said in full."""
    from game.ui import text as ui_text

    for size, caption in [
        ((1024, 700), "Di — your orders (private)"),
        ((1280, 800), "Di (Mission to the Littoral Security Council) — your orders (private)"),
    ]:
        app, d = orders_screen(size, "mission=Di,foreign=Ana", "mission")
        while app.overlays:
            d.key(pygame.K_RETURN)
        ui_text.DRAWN.clear()
        d.frame()
        assert caption in ui_text.DRAWN, [t for t in ui_text.DRAWN if "Di" in t]


def test_a_number_on_a_trust_line_covers_no_actor_s_name_nor_another_number():
    """At 1024x700 a line's trust number sat on a neighbour's caption ("Press[40]5"): each goes along its
    line to where it covers no name or meters, nor another number (the middle where it can)."""
    from game.ui.board import _with_bands

    for size in [(1024, 700), (1280, 800)]:
        app, d = orders_screen(size)
        while app.overlays:
            d.key(pygame.K_RETURN)
        d.frame()
        screen = app.screen
        area = screen.layout()["board"]
        plates = screen.board.label_plates(area, _with_bands(screen.obs.meters, screen.obs.bands)).values()
        numbers = [h.rect for h in screen.board.hits if h.kind == "line"]
        assert len(numbers) >= 4
        words = [p.inflate(-14, -4) for p in plates]  # a plate's words, inside its margin of 7 px a side
        for i, box in enumerate(numbers):
            assert not [w for w in words if box.colliderect(w)], (size, box)
            assert not [b for b in numbers[i + 1 :] if box.colliderect(b)], (size, box)


def test_t_says_why_nothing_opens_where_a_scenario_has_no_talks():
    """The keys legend names T for the talks; in a scenario without them (the tutorial) T says so."""
    path = resolve_scenario("tutorial")
    app = build_app(scenario_path=path, seats=parse_seats("foreign=Ana", Game.from_path(path).scenario.role_ids))
    d = Driver(app)
    for _ in range(30):
        if d.screen_name == "OrdersScreen":
            break
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    assert d.screen_name == "OrdersScreen" and app.screen.talks_button is None
    d.key(pygame.K_t)
    assert "There are no talks in this scenario" in app.toast_text and not app.overlays


def test_enter_on_a_card_with_every_order_chosen_says_how_to_confirm():
    """ "Confirm orders (Enter)": where the keyboard is on a card, Enter picks the card; with every order
    chosen already, it says how to reach the confirmation instead of only refusing."""
    app, d = orders_screen(seat="foreign")
    screen = app.screen
    for inst in [
        c.instrument
        for c in screen.hand.cards
        if not c.blocker and not screen.hotseat.scenario.instrument(c.instrument).targets
    ]:
        if len(screen.picks) >= screen.role.orders:
            break
        screen.pick(inst)
    assert len(screen.picks) == screen.role.orders
    d.key(pygame.K_TAB)  # the keyboard into the hand
    assert screen.hand.focused is not None
    d.key(pygame.K_RETURN)
    assert "press Esc, then Enter to confirm" in app.toast_text
    assert d.screen_name == "OrdersScreen", "nothing confirmed behind the player's back"


def test_the_reasons_of_an_order_hint_dimly_at_what_may_be_written():
    """ "Reason 2 (optional)" in the typed text's colour read as a reason already given: the reasons' fields
    hint in the dim italic of every other field, the first (the one being typed in) showing none."""
    from game.ui.screens.fields import HintedEntry

    app, d = orders_screen(seat="foreign")
    screen = app.screen
    plain = next(
        c.instrument
        for c in screen.hand.cards
        if not c.blocker and not app.hotseat.scenario.instrument(c.instrument).targets
    )
    screen.pick(plain)
    d.frame()
    d.click_element(app.screen.why_buttons[0])
    entries = app.overlays[-1].entries
    assert all(isinstance(e, HintedEntry) for e in entries)
    assert not entries[0].hinting and entries[1].hinting and entries[2].hinting
