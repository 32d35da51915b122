"""The news screen: it keeps drawing while items appear and after the last, with no input,
and Space never passes news that has not been on screen, nor goes on as the last item appears."""

import time

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.ui.app import Screen
from game.ui.screens.table import NewsScreen

from .driver import Driver
from .test_play_through import PLAN, new_app, play_tutorial


def news_with_items():
    """Round 2's news (the crisis and more), nothing revealed yet."""
    app, _ = new_app()
    driver = Driver(app)
    play_tutorial(driver, PLAN, stop_after_round=1)
    assert isinstance(app.screen, NewsScreen) and len(app.screen.items) >= 2 and app.screen.revealed == 0
    return app, driver


def record_renders(app, *names):
    """After each render, the images the named widgets of the screen had: what was drawn."""
    shown = []
    render = app.render

    def recording():
        render()
        if all(hasattr(app.screen, n) for n in names):
            shown.append({n: image_bytes(getattr(app.screen, n)) for n in names})

    app.render = recording
    return shown


def image_bytes(element) -> bytes:
    return pygame.image.tobytes(element.image, "RGBA")


def on_screen(shot, screen, name) -> bool:
    """The last frame drawn showed the widget as it is now."""
    return shot[name] == image_bytes(getattr(screen, name))


def idle_steps(app, n, dt=0.8):
    """Frames with no input for a long while: the loop draws only what it decides to."""
    for _ in range(n):
        app.last_input = time.monotonic() - 100
        app.step(dt=dt, wait=False)


def test_news_reveals_by_itself_and_the_last_frame_shows_continue():
    app, _ = news_with_items()
    screen = app.screen
    shown = record_renders(app, "go", "list_box")
    idle_steps(app, len(screen.items) + 6)
    assert screen.revealed == len(screen.items)
    assert screen.go.text.startswith("Continue")
    assert shown, "the news screen drew nothing while its items appeared"
    assert on_screen(shown[-1], screen, "go"), "the last frame drawn still shows the old button"
    assert on_screen(shown[-1], screen, "list_box"), "the last frame drawn misses the last item"
    assert screen.all_seen
    assert app.idle(), "once everything is shown the board should nap again"


def test_first_space_shows_all_and_a_second_in_the_same_frame_does_not_continue():
    app, driver = news_with_items()
    screen = app.screen
    for _ in range(2):  # a fast double press: both arrive before the next frame is drawn
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0))
    shown = record_renders(app, "go")
    driver.frame()
    assert app.screen is screen, "a double press skipped news that was never drawn"
    assert screen.revealed == len(screen.items) and screen.all_seen
    assert on_screen(shown[-1], screen, "go") and screen.go.text.startswith("Continue")
    driver.key(pygame.K_SPACE)
    assert app.screen is not screen, "Space after everything was drawn should continue"


def test_space_just_as_the_last_item_appeared_by_itself_waits_then_continues():
    """A press meant as "show all" that lands as the last item comes on its own (the button turned
    into Continue under it) does not skip the news; a press a moment later continues."""
    app, driver = news_with_items()
    screen = app.screen
    idle_steps(app, len(screen.items) + 1)
    assert screen.revealed == len(screen.items) and screen.all_seen
    driver.key(pygame.K_SPACE)
    assert app.screen is screen, "the news went on under a press that meant to show it all"
    time.sleep(NewsScreen.CONTINUE_PAUSE / 1000 + 0.05)
    driver.key(pygame.K_SPACE)
    assert app.screen is not screen


def test_clicking_the_button_twice_before_a_frame_is_drawn_shows_all_first():
    app, driver = news_with_items()
    screen = app.screen
    for _ in range(2):
        pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=screen.go))
    driver.frame()
    assert app.screen is screen and screen.revealed == len(screen.items)
    pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=screen.go))
    driver.frame()
    assert app.screen is not screen


class RelabelScreen(Screen):
    """A button whose label changes on a timer, not on input, as animations do."""

    def build(self):
        self.button = self.add(UIButton(pygame.Rect(40, 40, 240, 50), "Before", self.manager))
        self.button.select()
        self.clock = 0.0

    def update(self, dt):
        self.clock += dt
        if self.clock > 1 and self.button.text == "Before":
            self.button.set_text("After")
            return True
        return False


def test_the_idle_loop_keeps_drawing_until_a_changed_widget_is_on_screen():
    app, _ = new_app()
    screen = RelabelScreen(app)
    app.show(screen)
    shown = record_renders(app, "button")
    idle_steps(app, 12, dt=0.3)
    assert screen.button.text == "After"
    assert on_screen(shown[-1], screen, "button"), "the window still shows the old label"
    assert not app.settling and app.idle()
