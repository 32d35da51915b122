"""The set-up screen: every seat a segmented toggle (the chosen segment filled), the greedy bot for seats
nobody takes, the keyboard alone enough to seat everyone, and hints that never look typed."""

import pygame
import pytest

from game.bots import DEFAULT_BOT, GreedyBot, RandomBot
from game.scenario import load_scenario_with_files, resolve_scenario
from game.ui.run import build_app
from game.ui.screens.fields import HintedEntry
from game.ui.screens.seats import NAME_HINT, PIN_HINT, SeatsScreen

from .driver import Driver

FILLED = pygame.Color("#0072B2")  # the theme's chosen segment
OUTLINED = pygame.Color("#1A1F2B")  # the theme's other segments


def seats(scenario_id: str = "tutorial", size=(1280, 800)):
    app = build_app(size=size)
    d = Driver(app)
    d.frame()  # the first frame loads the rest of the fonts, as when a player gets here
    scenario, files, main = load_scenario_with_files(resolve_scenario(scenario_id))
    app.show(SeatsScreen(app, scenario, files, main))
    d.frame(2)
    return app, d


def fill(button) -> pygame.Color:
    """The colour inside a segment, off its text (a few pixels in from its left border)."""
    return button.image.get_at((6, button.rect.h // 2))


def typed(d: Driver, words: str) -> None:
    for ch in words:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    d.frame()


def test_seats_nobody_takes_get_the_greedy_bot_and_the_screen_says_so():
    assert DEFAULT_BOT == "greedy"
    app, d = seats("red_lines")
    screen = app.screen
    bots = [r for r, kind in screen.kinds.items() if kind not in (None, "out")]
    assert bots == ["development", "mission"] and all(screen.kinds[r] == "greedy" for r in bots)
    for role in bots:
        kind = screen.groups[f"bot:{role}"]
        assert kind.chosen == "greedy" and kind.chosen_button().text == "Greedy"
        assert fill(kind.chosen_button()) == FILLED and fill(kind.buttons[1]) == OUTLINED
    d.shot("seats_red_lines_greedy_default")
    d.click_element(screen.start)
    hs = app.hotseat
    assert {r: s.bot for r, s in hs.seats.items() if not s.human} == {"development": "greedy", "mission": "greedy"}
    assert all(isinstance(hs.bots[r], GreedyBot) for r in bots)


def test_the_chosen_segment_is_filled_and_the_others_outlined():
    app, d = seats()
    group = app.screen.groups["seat:foreign"]
    assert [b.text for b in group.buttons] == ["Human", "Bot"] and group.chosen == "human"
    assert fill(group.buttons[0]) == FILLED and fill(group.buttons[1]) == OUTLINED
    d.click_element(group.buttons[1])  # Bot
    group = app.screen.groups["seat:foreign"]
    assert app.screen.kinds["foreign"] == "greedy"
    assert fill(group.buttons[0]) == OUTLINED and fill(group.buttons[1]) == FILLED
    assert "foreign" not in app.screen.entries, "a bot's seat has no name field, only its kind"
    d.click_element(app.screen.groups["bot:foreign"].buttons[1])  # Random
    assert app.screen.kinds["foreign"] == "random"
    d.click_element(app.screen.start)
    assert isinstance(app.hotseat.bots["foreign"], RandomBot)


def test_the_keyboard_alone_changes_the_toggles_and_types_the_names():
    app, d = seats()
    screen = app.screen
    assert screen.current == "start"
    d.key(pygame.K_TAB)  # from Start, round to the first seat
    assert screen.current == "seat:foreign"
    d.key(pygame.K_RIGHT)  # Human -> Bot
    assert screen.kinds["foreign"] == "greedy" and screen.current == "seat:foreign"
    d.key(pygame.K_TAB)  # the bot's kind
    assert screen.current == "bot:foreign"
    d.key(pygame.K_RIGHT)
    assert screen.kinds["foreign"] == "random"
    d.key(pygame.K_LEFT)
    assert screen.kinds["foreign"] == "greedy"
    d.key(pygame.K_TAB, pygame.KMOD_SHIFT)
    d.key(pygame.K_LEFT)  # Bot -> Human: the name field is back
    assert screen.kinds["foreign"] is None and screen.current == "seat:foreign"
    d.key(pygame.K_TAB)
    assert screen.typing_in() is screen.entries["foreign"], "Tab puts the typing in the name field"
    typed(d, "Ana")
    d.key(pygame.K_RETURN)  # Enter in a field moves on: the next seat's toggle
    d.frame()  # (the field says it is finished on the next frame)
    assert screen.current == "seat:defence" and screen.typing_in() is None
    d.key(pygame.K_SPACE)  # Space on a toggle presses its chosen segment: nothing changes
    assert screen.kinds["defence"] is None
    d.key(pygame.K_TAB)
    typed(d, "Ben")
    d.shot("seats_typed_by_keyboard")
    d.key(pygame.K_TAB)  # the facilitator's toggle
    d.key(pygame.K_TAB)  # Back
    d.key(pygame.K_TAB)  # Start
    assert screen.current == "start"
    d.key(pygame.K_RETURN)
    hs = app.hotseat
    assert {r: (s.name, s.bot) for r, s in hs.seats.items()} == {"foreign": ("Ana", None), "defence": ("Ben", None)}


def test_the_facilitator_seat_is_a_toggle_and_its_pin_a_field():
    app, d = seats()
    screen = app.screen
    assert screen.pin_entry is None and screen.groups["facilitator"].chosen is False
    d.click_element(screen.groups["facilitator"].buttons[1])  # On
    assert screen.facilitator and isinstance(screen.pin_entry, HintedEntry)
    screen.pin_entry.set_text("12")
    d.click_element(screen.start)
    assert app.hotseat is None and "Facilitator seat" in app.toast_text
    screen.pin_entry.set_text("2468")
    d.click_element(screen.start)
    assert app.hotseat is not None and app.hotseat.game.meta.facilitator is not None


def brightest(entry) -> int:
    image = entry.image
    w, h = image.get_size()
    return max(sum(image.get_at((x, y))[:3]) for x in range(4, w - 4) for y in range(4, h - 4))


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_every_field_s_hint_is_dim_and_italic_until_something_is_typed(size):
    app, d = seats(size=size)
    d.click_element(app.screen.groups["facilitator"].buttons[1])  # On: the PIN field too
    screen = app.screen
    fields = [e for e in screen.elements if hasattr(e, "placeholder_text")]
    assert fields and all(isinstance(e, HintedEntry) for e in fields), "every text field of the menus is hinted"
    assert sorted(e.placeholder_text for e in fields) == sorted([NAME_HINT, NAME_HINT, PIN_HINT])
    for entry in fields:
        assert entry.hinting and entry.wants_hint()
        dim = brightest(entry)
        entry.set_text("2468")
        d.frame()
        assert not entry.hinting and brightest(entry) > dim + 150, "typed text is bright, a hint dim"
        entry.set_text("")
        d.frame()
        assert entry.hinting and brightest(entry) == dim
    entry = screen.entries["foreign"]
    d.click_element(entry)  # typing in it: no hint, and what is typed is in the ordinary style
    typed(d, "Ana")
    assert not entry.hinting and entry.get_text() == "Ana"
    d.shot(f"seats_hints_{size[0]}x{size[1]}")


@pytest.mark.parametrize("scenario_id", ["tutorial", "red_lines", "sanctions_coalition", "neutral_mandate"])
@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_every_seat_fits_the_window_whole(scenario_id, size):
    app, d = seats(scenario_id, size)
    shown = d.text()
    assert "…" not in shown, [line for line in shown.splitlines() if "…" in line]
    w, h = app.size
    rects = [e.rect for e in app.screen.elements]
    assert all(r.left >= 0 and r.top >= 0 and r.right <= w and r.bottom <= h for r in rects)
    buttons_top = app.screen.start.rect.top
    assert all(r.bottom <= buttons_top for r in rects if r.top < buttons_top), "no row runs into Back and Start"
    labels = [e for e in app.screen.elements if type(e).__name__ == "UILabel"]
    for i, a in enumerate(labels):
        over = [b.text for b in labels[i + 1 :] if a.rect.colliderect(b.rect)]
        assert not over, f"lines of text never overlap: {a.text!r} and {over}"
    d.shot(f"seats_{scenario_id}_{w}x{h}")


def test_f1_lists_the_keys_of_the_seats():
    app, d = seats()
    d.key(pygame.K_F1)
    shown = " ".join(d.text().split())
    assert "on a toggle: choose the segment beside the chosen one" in shown
