"""Text size: stored and restored, changed on the board and by --text-size, and every screen laid
out at 200% without a clipped label, a button's words wider than the button or text outside the window."""

import json
import shutil
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.ui import look, preferences, text
from game.ui.feel import Feel
from game.ui.preferences import Preferences, load, remember, save

from .driver import Driver


@pytest.fixture(autouse=True)
def standard_look():
    yield
    look.use(100, False)
    text.forget()


def test_text_size_and_contrast_are_stored_and_restored(data_dir):
    save(Preferences(text_size=175, high_contrast=True))
    assert load() == Preferences(text_size=175, high_contrast=True)
    stored = json.loads(preferences.path().read_text(encoding="utf-8"))
    assert stored["text_size"] == 175 and stored["high_contrast"] is True
    assert remember("text_size", 200) == Preferences(text_size=200, high_contrast=True)
    assert Feel().preferences == Preferences(text_size=200, high_contrast=True)
    with pytest.raises(ValueError):
        remember("text_size", 130)  # not a size the board offers


@pytest.mark.parametrize(
    "content",
    [
        '{"text_size": 130}',
        '{"text_size": "200"}',
        '{"text_size": true}',
        '{"text_size": 200.0}',
        '{"high_contrast": 1}',
        '{"high_contrast": "yes", "text_size": null}',
        "{not json",
    ],
)
def test_a_damaged_text_size_or_contrast_gives_the_defaults(data_dir, content):
    data_dir.mkdir(parents=True, exist_ok=True)
    preferences.path().write_text(content, encoding="utf-8")
    assert load() == Preferences()
    assert Feel().preferences.text_size == 100 and not Feel().preferences.high_contrast


def test_a_launch_text_size_is_not_written_down(data_dir):
    feel = Feel(text_size=150, high_contrast=True)
    assert feel.preferences.text_size == 150 and feel.preferences.high_contrast
    feel.set("mute", True)
    assert load() == Preferences(mute=True)


def test_ctrl_plus_and_minus_step_the_size_and_remember_it(data_dir):
    feel = Feel()

    def press(key, mod=pygame.KMOD_CTRL):
        return feel.key(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=""), typing=False)

    assert "125%" in press(pygame.K_EQUALS)
    assert load().text_size == 125
    for _ in range(6):
        press(pygame.K_PLUS)
    assert feel.preferences.text_size == 200  # held at the largest
    press(pygame.K_MINUS)
    assert load().text_size == 175
    assert press(pygame.K_c, mod=0) and load().high_contrast


def test_the_board_s_fonts_and_the_theme_scale(data_dir):
    pygame.init()
    base = text.font(15).get_linesize()
    look.use(200, False)
    text.forget()
    assert text.font(15).get_linesize() >= 2 * base - 2
    data = __import__("game.ui.theme", fromlist=["theme_data"]).theme_data()
    assert data["#title"]["font"]["size"] == "80" and data["defaults"]["font"]["size"] == "30"


def test_play_passes_text_size_and_contrast_only_when_given(monkeypatch):
    import game.ui.run as ui_run
    from game.cli import main

    calls = []
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setattr(ui_run, "run_app", lambda **kw: calls.append(kw) or 0)
    assert main(["play", "tutorial", "--text-size", "150", "--high-contrast"]) == 0
    assert calls[-1]["text_size"] == 150 and calls[-1]["high_contrast"] is True
    assert main(["play", "tutorial"]) == 0
    assert "text_size" not in calls[-1] and "high_contrast" not in calls[-1]


def test_the_help_sets_the_text_size_and_contrast_and_the_board_follows(data_dir):
    from game.ui.run import build_app

    app = build_app()
    d = Driver(app)
    d.frame()
    d.key(pygame.K_F1)
    (help_,) = app.overlays
    assert help_.looks["text_size"].text == "Text: 100%"
    d.click_element(help_.looks["text_size"])
    assert look.percent() == 125 and load().text_size == 125
    (help_,) = app.overlays  # laid out anew, still open
    assert help_.looks["text_size"].text == "Text: 125%"
    d.click_element(help_.looks["high_contrast"])
    assert look.high_contrast() and load().high_contrast


# ---------------------------------------------------------------------------- every screen at 200%


def problems(app) -> list[str]:
    """Widgets whose words are wider than they are, and drawn text outside the window."""
    found = []
    w, h = app.size
    for e in app.manager.get_sprite_group().sprites():
        if not e.visible or not isinstance(e, (UIButton, UILabel)) or not e.text:
            continue
        font = e.font if hasattr(e, "font") else None
        font = font or app.manager.get_theme().get_font(e.combined_element_ids)
        width = font.size(e.text)[0]
        if width > e.rect.w - 4:
            found.append(f"{type(e).__name__} {e.text!r}: {width}px in {e.rect.w}")
        if e.rect.left < 0 or e.rect.top < 0 or e.rect.right > w or e.rect.bottom > h:
            found.append(f"{type(e).__name__} {e.text!r} outside the window: {e.rect}")
    for words, rect in DRAWN_RECTS:
        if words.strip() and (rect.left < 0 or rect.right > w or rect.top < 0 or rect.bottom > h):
            found.append(f"text {words[:40]!r} outside the window: {rect}")
    return found


DRAWN_RECTS: list[tuple[str, pygame.Rect]] = []


@pytest.fixture
def record_drawn(monkeypatch):
    original = text.draw

    def draw(surface, words, pos, *args, **kwargs):
        rect = original(surface, words, pos, *args, **kwargs)
        if surface is pygame.display.get_surface():
            shown = rect.clip(surface.get_clip())  # a scrolled view draws what is out of it clipped away
            if shown.w and shown.h:
                DRAWN_RECTS.append((words, shown))
        return rect

    monkeypatch.setattr(text, "draw", draw)
    yield
    DRAWN_RECTS.clear()


def walk(app, d):
    """Every screen of a game of Red Lines, and the help, the talks and the Load screen: yield each name."""
    seen = set()
    for _ in range(400):
        name = d.screen_name
        if name not in seen:
            seen.add(name)
            yield name
        rnd = app.hotseat.state.round if app.hotseat else 0
        if name == "HandoverScreen":
            d.key(pygame.K_SPACE)
        elif name == "TalksScreen":
            if "talks" not in seen:
                seen.add("talks")
                d.key(pygame.K_t)
                yield "talks"
                d.key(pygame.K_ESCAPE)
            d.key(pygame.K_RETURN)
        elif name == "NewsScreen":
            d.key(pygame.K_SPACE)
            d.key(pygame.K_SPACE)
        elif name == "OrdersScreen":
            if app.overlays and "results" not in seen:
                seen.add("results")
                yield "results"
            while app.overlays:
                d.key(pygame.K_ESCAPE)
            if rnd == 2 and "help" not in seen:
                seen.add("help")
                d.key(pygame.K_F1)
                yield "help"
                d.key(pygame.K_ESCAPE)
            d.key(pygame.K_2)
            if app.screen.pending:
                d.key(pygame.K_TAB)
                d.key(pygame.K_RETURN)
            d.key(pygame.K_RETURN)
            if app.overlays:
                d.key(pygame.K_RETURN)
        elif name == "DebriefScreen":
            return
        else:
            d.key(pygame.K_RETURN)
        DRAWN_RECTS.clear()


def short_red_lines(folder: Path) -> Path:
    """Red Lines ending after its fourth round (every screen, its talks and a crisis come by then): the
    walk sees every screen in half the time of the whole game."""
    from game.scenario import resolve_scenario

    source = resolve_scenario("red_lines")
    shutil.copytree(source.parent, folder / "scenarios")
    path = folder / "scenarios" / source.name
    toml = path.read_text(encoding="utf-8")
    assert "\nrounds = 8\n" in toml
    path.write_text(toml.replace("\nrounds = 8\n", "\nrounds = 4\n", 1), encoding="utf-8")
    return path


# Screens known not to hold yet at 200%, by window size (none now). A screen that comes to hold leaves it.
STILL_BROKEN: dict[tuple[int, int], set[str]] = {(1280, 800): set(), (1024, 700): set()}


@pytest.mark.slow  # every screen walked twice at the largest text (about 15 s)
@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_every_screen_holds_at_200_percent(data_dir, record_drawn, size, tmp_path):
    from game.scenario import load_scenario
    from game.session.hotseat import parse_seats
    from game.ui.run import build_app

    save(Preferences(text_size=200))
    app = build_app(size=size)
    d = Driver(app)
    d.frame(3)
    assert look.chosen() == 200 and look.percent() == look.room(size)  # 200% in 1280x800, 125% in 1024x700
    bad = {}
    for screen in ("TitleScreen", "PickerScreen", "SeatingScreen"):
        d.frame(2)
        found = problems(app)
        if found:
            bad[screen] = found
        DRAWN_RECTS.clear()
        d.key(pygame.K_RETURN)
    pygame.quit()
    path = short_red_lines(tmp_path)
    roles = load_scenario(path).role_ids
    app = build_app(scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", roles), seed=4, size=size)
    d = Driver(app)
    names = []
    for name in walk(app, d):
        d.frame(2)
        names.append(name)
        if name not in names[:-1]:  # each screen once, kept with the tests' artifacts to be looked at
            d.shot(f"text{look.percent()}_{size[0]}x{size[1]}_{name}")
        found = problems(app)
        if found:
            bad[name] = found
    assert {"OrdersScreen", "VerdictScreen", "DebriefScreen", "help", "talks"} <= set(names)
    assert set(bad) == STILL_BROKEN[size], "\n".join(f"{screen}: {found}" for screen, found in bad.items())


def test_the_seats_scroll_to_the_focus_at_200_percent_in_a_small_window(data_dir, monkeypatch):
    """At 200% in 1024x700 (were the window given room for it) the seats' rows are more than the window
    holds: Tab scrolls the one it reaches into view, and every row's toggle is reached."""
    from game.ui.run import build_app

    monkeypatch.setattr(look, "SMALL_ROOM", 200)
    save(Preferences(text_size=200))
    app = build_app(size=(1024, 700))
    d = Driver(app)
    d.frame(2)
    d.key(pygame.K_RETURN)  # the picker
    d.key(pygame.K_RETURN)  # the seats
    screen = app.screen
    assert d.screen_name == "SeatsScreen" and screen.d.stacked
    assert any(not e.visible for e in screen.elements), "some rows are out of view at first"
    reached = set()
    for _ in range(len(screen.ring) + 2):
        d.key(pygame.K_TAB)
        screen = app.screen
        stop = screen.stop(screen.current)
        rect = screen.stop_rect(stop)
        band = screen.rows_shown.inflate(0, 16)
        assert band.contains(rect) or screen.current in ("back", "start"), screen.current
        reached.add(screen.current)
    assert "facilitator" in reached and any(k.startswith("seat:") for k in reached)


def test_the_talks_column_scrolls_to_the_focus_at_200_percent(data_dir):
    """At 200% the talks layer is one column longer than the window: Tab reaches every widget, each
    scrolled into view and shown."""
    from game.scenario import load_scenario, resolve_scenario
    from game.session.hotseat import parse_seats
    from game.ui.run import build_app

    save(Preferences(text_size=200))
    path = resolve_scenario("red_lines")
    roles = load_scenario(path).role_ids
    app = build_app(scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", roles), seed=4, size=(1024, 700))
    d = Driver(app)
    for _ in range(20):
        if d.screen_name == "TalksScreen":
            break
        d.key(pygame.K_SPACE if d.screen_name == "HandoverScreen" else pygame.K_RETURN)
    d.key(pygame.K_t)
    (talks,) = app.overlays
    assert talks.stacked() and talks.column.content > talks.band.h, "the column is longer than the window"
    seen = set()
    for _ in range(len(talks.ring.items) + 1):
        d.key(pygame.K_TAB)
        talks = app.overlays[-1]
        target = talks.ring.focused()
        seen.add(talks.ring.current)
        assert target.visible, talks.ring.current
        assert talks.band.inflate(0, 16).contains(target.rect) or target is talks.close_button, talks.ring.current
    assert {"send", "propose", "note"} <= seen


def test_a_small_window_shows_the_largest_text_it_has_room_for_and_keeps_the_size_chosen(data_dir):
    """The size chosen is kept; 1024x700 shows it up to 125%, 1280x800 up to 200%, a window between the two
    a size between; made larger, the window shows the size chosen."""
    from game.ui.run import build_app

    assert [look.room(s) for s in ((1024, 700), (1152, 750), (1280, 800), (1920, 1080))] == [125, 150, 200, 200]
    save(Preferences(text_size=200))
    app = build_app(size=(1024, 700))
    d = Driver(app)
    d.frame(2)
    assert (look.chosen(), look.percent()) == (200, 125)
    assert app.feel.button_text("text_size") == "Text: 200% (125% here)"
    app.resize((1280, 800))
    d.frame(2)
    assert (look.chosen(), look.percent()) == (200, 200) and app.feel.button_text("text_size") == "Text: 200%"
    assert text.font(14).get_height() > 30  # 14 points at 200% (about 19 pixels high at 100%)
    app.resize((1024, 700))
    d.frame(2)
    assert look.percent() == 125 and load().text_size == 200  # the size chosen is still the one stored
