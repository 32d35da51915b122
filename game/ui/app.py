"""The window, the main loop and the screen in front.

One ``App`` owns the pygame window and the pygame_gui manager. Exactly one
``Screen`` is active; screens build their widgets for the current window size
and rebuild when it changes. The loop sleeps while nothing happens (no input,
no animation), so an idle board costs almost no CPU.

Tests drive the app without a real display: post events, call ``step()``, read
``frame_text()`` and ``screen``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from ..i18n import _
from . import look, palette, text
from .feel import Feel
from .focus import fold_on_chosen_again
from .theme import make_manager, preload_rest
from .title_art import take_window
from .widgets import widget_texts, widgets_settling

if TYPE_CHECKING:  # for annotations only: the title screen opens without the game's modules
    from ..session.hotseat import HotSeat
    from .overlays import Overlay
    from .screens.route import Route

MIN_SIZE = look.SMALL  # the smallest window the board is laid out for
IDLE_AFTER = 0.6  # seconds without input before the loop starts sleeping
IDLE_WAIT_MS = 250
IDLE_NAP = 0.03  # seconds; the longest an idle board takes to notice input
REDRAW_AFTER_INPUT = 2.0  # seconds of redrawing after the last input, for widget animations
# Events every new window receives before its first frame: they change no screen, so they need no more fonts.
WINDOW_STATE_EVENTS = frozenset(
    (
        pygame.ACTIVEEVENT,
        pygame.WINDOWSHOWN,
        pygame.WINDOWEXPOSED,
        pygame.WINDOWENTER,
        pygame.WINDOWLEAVE,
        pygame.WINDOWFOCUSGAINED,
        pygame.WINDOWFOCUSLOST,
        pygame.WINDOWMOVED,
        pygame.VIDEOEXPOSE,
    )
)


class Screen:
    """One screen of the game. Subclasses build widgets and draw what widgets cannot."""

    #: True when the screen shows one seat's private view.
    private = False

    def __init__(self, app: "App"):
        self.app = app
        self.elements: list = []

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    def add(self, element):
        self.elements.append(element)
        return element

    def enter(self) -> None:
        self.build()

    def build(self) -> None:
        """Create widgets for the current window size."""

    def clear(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements = []

    def rebuild(self) -> None:
        self.clear()
        self.build()
        self.app.dirty = True

    def leave(self) -> None:
        self.clear()

    def handle(self, event: pygame.event.Event) -> bool:
        """React to an event; return True if it was used."""
        return False

    def update(self, dt: float) -> bool:
        """Advance animations; return True while something is still moving."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw under the widgets."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw over the widgets (tooltips)."""

    def help_lines(self) -> list[tuple[str, str]]:
        """Keys this screen understands, for the F1 overlay."""
        return []

    def wants_quit_confirmation(self) -> bool:
        return False

    def unsaved_warning(self) -> str:
        """What would be lost by leaving now (e.g. orders not yet confirmed)."""
        return ""


class App:
    #: Where screens go next; set by ``run.build_app``, which knows every screen.
    route: Route
    #: The game being played, if any.
    hotseat: HotSeat | None = None

    def __init__(self, size=None, headless: bool = False, feel: Feel | None = None):
        self.feel = feel if feel is not None else Feel()  # motion, sound, text size, contrast: the player's
        self.window = take_window(size)  # the title art's first frame may have opened it already
        self.size = self.window.get_size()
        if look.use(self.feel.preferences.text_size, self.feel.preferences.high_contrast, self.size):
            text.forget()
        self.manager = make_manager(self.size)
        self.fonts_pending = True  # the title screen's fonts are loaded; the rest after the first frame
        self.after_first_frame: list = []  # start-up chores that need not delay the first frame
        self.clock = pygame.time.Clock()
        self.screen: Screen | None = None
        self.overlays: list[Overlay] = []  # modal overlays (help, confirm), drawn on top
        self.running = True
        self.dirty = True
        self.settling = False  # a widget still has images to redraw (see widgets_settling)
        self.last_input = time.monotonic()
        self.headless = headless
        self.frame_times: list[float] = []
        self.toast_text = ""
        self.toast_until = 0.0
        self.toast_rect = pygame.Rect(0, 0, 0, 0)  # where the last toast was drawn

    # screens ----------------------------------------------------------------
    def show(self, screen: Screen) -> None:
        if self.screen is not None:
            self.screen.leave()
        for overlay in list(self.overlays):
            overlay.close()
        self.screen = screen
        self.toast_text = ""  # a toast belongs to the screen (and seat) that raised it
        screen.enter()
        self.dirty = True

    def toast(self, message: str, seconds: float = 3.0) -> None:
        """A short message along the bottom edge (e.g. "Saved")."""
        self.toast_text = message
        self.toast_until = time.monotonic() + seconds
        self.dirty = True

    def restyle(self) -> bool:
        """Show the text size and contrast the player chose (as far as the window has room), if they are not
        those shown: the fonts, the theme and every widget made anew, the screen and its open layers laid out
        again. True when it did."""
        prefs = self.feel.preferences
        if not look.use(prefs.text_size, prefs.high_contrast, self.size):
            return False
        text.forget()
        if self.screen is not None:
            self.screen.clear()
        for overlay in self.overlays:
            for e in overlay.elements:
                e.kill()
            overlay.elements = []
        self.manager = make_manager(self.size)
        self.fonts_pending = False
        preload_rest(self.manager)
        if self.screen is not None:
            self.screen.build()
            if self.overlays:  # the screen's widgets stay hidden under the open layers
                for e in self.screen.elements:
                    e.hide()
        for overlay in self.overlays:
            overlay.rebuild()
        self.dirty = True
        return True

    # loop -------------------------------------------------------------------
    def run(self) -> None:
        while self.running:
            self.step()
        pygame.quit()

    def idle(self) -> bool:
        quiet = not self.dirty and not self.settling and not self.feel.motion.moving
        return quiet and time.monotonic() - self.last_input > IDLE_AFTER

    def step(self, dt: float | None = None, wait: bool = True) -> None:
        """One frame: events, update, draw. Sleeps in ``event.wait`` when idle."""
        events = pygame.event.get()
        if not events and wait and self.idle():
            # Sleep in short naps rather than pygame.event.wait, which polls
            # busily on some video drivers; input still answers within a nap.
            deadline = time.monotonic() + IDLE_WAIT_MS / 1000
            while not events and time.monotonic() < deadline:
                time.sleep(IDLE_NAP)
                events = pygame.event.get()
        if dt is None:
            dt = min(self.clock.tick(60 if not self.idle() else 0) / 1000.0, 0.25)
        start = time.perf_counter()
        for event in events:
            self.process(event)
        if look.state() != (self.feel.preferences.text_size, self.feel.preferences.high_contrast):
            self.restyle()  # a key or the help's button chose another look
        moving = self.screen.update(dt) if self.screen else False
        moving = self.feel.motion.update(dt) or moving  # bars sliding to new values, tokens pulsing
        settling = self.settling  # this update redraws a pending widget image: show it
        self.manager.update(dt)
        self.settling = widgets_settling(self.manager)
        if moving or settling:
            self.dirty = True
        if self.toast_text and time.monotonic() > self.toast_until:
            self.toast_text = ""
            self.dirty = True
        # Widgets animate for a moment after input (hover, tooltips, the text
        # cursor); after that, draw only when something changed.
        recent = time.monotonic() - self.last_input < REDRAW_AFTER_INPUT
        if self.dirty or events or recent:
            self.render()
        self.frame_times.append(time.perf_counter() - start)
        if len(self.frame_times) > 600:
            del self.frame_times[:300]

    def process(self, event: pygame.event.Event) -> None:
        self.feel.notice(event)  # a key or a click ends the motion under way
        if event.type not in WINDOW_STATE_EVENTS:  # the window appearing (focus, shown) opens no screen
            self.load_all_fonts()
        if event.type in (
            pygame.KEYDOWN,
            pygame.MOUSEBUTTONDOWN,
            pygame.MOUSEBUTTONUP,
            pygame.MOUSEMOTION,
            pygame.MOUSEWHEEL,
            pygame.TEXTINPUT,
        ):
            self.last_input = time.monotonic()
            self.dirty = True
        if event.type == pygame.QUIT:
            self.request_quit(from_window=True)
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize(event.size)
            return
        if fold_on_chosen_again(self.manager, event):
            return
        if self.overlays:
            top = self.overlays[-1]
            self.widgets_process(event)
            top.dispatch(event)
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F1:
                from .help import HelpOverlay

                HelpOverlay(self).open()
                return
        used = self.widgets_process(event)
        said = None if used or event.type != pygame.KEYDOWN else self.feel.key(event, self.typing())
        if said:
            self.toast(said)
            return
        if self.screen is not None and not used:
            self.screen.handle(event)
        elif self.screen is not None and event.type >= pygame.USEREVENT:
            self.screen.handle(event)

    def typing(self) -> bool:
        """A text field has the keyboard: letters are words, not commands."""
        from pygame_gui.elements import UITextEntryBox, UITextEntryLine

        entries = (UITextEntryLine, UITextEntryBox)
        return any(isinstance(e, entries) and e.is_focused for e in self.manager.get_sprite_group().sprites())

    def widgets_process(self, event) -> bool:
        """Pass an event to pygame_gui, surviving its text-selection bug.

        Deleting a selection in a text entry can raise IndexError("No selected
        rows.") inside pygame_gui's text layout (upstream issues #705, #717).
        The typed text is intact; only the selection highlight is stale, so we
        drop the selection and redraw the entry instead of crashing the game.
        """
        try:
            return self.manager.process_events(event)
        except IndexError as e:
            if "selected rows" not in str(e):
                raise
            entry = self.manager.get_focus_set()
            for element in entry or ():
                if hasattr(element, "select_range"):
                    element.select_range = [0, 0]
                    element.rebuild()
            return True

    def resize(self, size) -> None:
        w, h = max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1])
        if (w, h) != self.window.get_size():
            self.window = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.size = (w, h)
        self.manager.set_window_resolution(self.size)
        if self.restyle():  # the window has room for another text size: everything made anew at it
            return
        if self.screen is not None:
            self.screen.rebuild()
            if self.overlays:  # the screen's new widgets stay hidden under the open layers, laid out anew
                for e in self.screen.elements:
                    e.hide()
        for overlay in self.overlays:
            overlay.rebuild()
        self.dirty = True

    def request_quit(self, from_window: bool = False) -> None:
        """Esc or the window's close button. During a game, ask first."""
        if self.screen is None or not self.screen.wants_quit_confirmation():
            self.quit()
            return
        warning = self.screen.unsaved_warning()
        failed = self.autosave_warning()
        if failed:
            warning = (warning + " " if warning else "") + failed
        if from_window:
            from .overlays import ConfirmOverlay

            saved = "" if failed else _("Everything confirmed so far is autosaved; resume it from Load game.")
            message = (warning + " " if warning else "") + saved
            confirm = ConfirmOverlay(self, _("Quit Demarche?"), message, _("Quit"), self.quit, safe_default=True)
            if failed:
                confirm.height = 300
            confirm.open()
        else:
            from .overlays import GameMenuOverlay

            GameMenuOverlay(self, warning).open()

    def quit(self) -> None:
        self.running = False

    def autosave_warning(self) -> str:
        """What the failing autosave has not saved; "" when autosaving works."""
        from ..session.autosaver import status_of

        hotseat = self.hotseat
        saver = status_of(hotseat)
        return saver.warning(hotseat.game) if saver and hotseat else ""

    def _draw_autosave_banner(self) -> int:
        """While autosaving fails, every screen of the game says so, where the
        toasts appear; return the height it takes (0 when all is well)."""
        hotseat = getattr(self, "hotseat", None)
        if hotseat is None:  # no game (the title screen): nothing to autosave, nothing to load
            return 0
        from ..session.autosaver import status_of

        saver = status_of(hotseat)
        message = saver.banner(hotseat.game) if saver else ""
        on_game = self.screen is not None and (
            self.screen.wants_quit_confirmation() or getattr(self.screen, "hotseat", None) is hotseat
        )
        if not message or not on_game:
            return 0
        f = text.font(14)
        width = int(self.size[0] * 0.66) - 60  # over the board, clear of the side column
        lines = text.wrap(message, f, width)
        lines = lines[:1] + [text.fit(" ".join(lines[1:]), f, width)] if len(lines) > 1 else lines
        step = f.get_linesize() + 2
        rect = pygame.Rect(24, 56, max(f.size(line)[0] for line in lines) + 28, step * len(lines) + 12)
        pygame.draw.rect(self.window, palette.PANEL_LIGHT, rect, border_radius=8)
        pygame.draw.rect(self.window, palette.BAD, rect, 2, border_radius=8)
        for i, line in enumerate(lines):
            text.draw(self.window, line, (rect.x + 14, rect.y + 6 + step * i), 14, palette.TEXT)
        return rect.h + 6

    def render(self) -> None:
        text.DRAWN.clear()
        game = getattr(self.hotseat, "game", None)
        text.set_language(getattr(getattr(game, "scenario", None), "language", "en"))  # its CJK font first
        self.window.fill(palette.BG)
        if self.screen is not None:
            self.screen.draw(self.window)
        for overlay in self.overlays:
            overlay.draw_under(self.window)
        self.manager.draw_ui(self.window)
        if self.screen is not None and not self.overlays:
            self.screen.draw_over(self.window)
        below = self._draw_autosave_banner()
        if self.toast_text:
            self._draw_toast(below)
        pygame.display.flip()
        self.dirty = False
        self.load_all_fonts()
        while self.after_first_frame:
            self.after_first_frame.pop(0)()

    def load_all_fonts(self) -> None:
        """Preload the fonts the title screen does not use: after the first frame, or before
        anything else can appear (another first screen, an event's new screen or overlay)."""
        if self.fonts_pending:
            self.fonts_pending = False
            preload_rest(self.manager)

    def _draw_toast(self, below: int = 0) -> None:
        f = text.font(15, bold=True)
        room = self.overlays[-1].toast_room() if self.overlays else None
        if room is not None and room.w < f.size(self.toast_text)[0] + 32:
            room = None  # not whole beside the heading: over the middle, as over a screen (a path is kept whole)
        message = text.fit(self.toast_text, f, (self.size[0] - 80 if room is None else room.w) - 32)
        w = f.size(message)[0] + 32
        rect = pygame.Rect(0, 0, w, max(34, f.get_linesize() + 10))  # (a larger text size: a taller toast)
        middle = self.size[0] // 2
        if room is not None:  # over a layer: in its heading's row, right of the heading's words
            rect.midright = (room.right, room.centery)
        elif self.overlays:  # too long for that row: above the layer, or below it, where the window has room
            layer = self.overlays[-1].rect
            if layer.top - rect.h - 4 >= below + 4:
                rect.midbottom = (middle, layer.top - 4)
            elif layer.bottom + 4 + rect.h <= self.size[1]:
                rect.midtop = (middle, layer.bottom + 4)
            else:  # (the smallest window) on its bottom edge, over the margin under its footer
                rect.center = (middle, layer.bottom)
                rect.bottom = min(rect.bottom, self.size[1] - 2)
        else:
            rect.midtop = (middle, 56 + below)
        self.toast_rect = rect
        pygame.draw.rect(self.window, palette.PANEL_LIGHT, rect, border_radius=8)
        pygame.draw.rect(self.window, palette.SKY, rect, 2, border_radius=8)
        text.draw(self.window, message, rect.center, 15, palette.TEXT, bold=True, anchor="center")

    # for tests ----------------------------------------------------------------
    def frame_text(self) -> str:
        """Every string on screen in the last frame: drawn text and visible widget text."""
        parts = list(text.DRAWN)
        parts.extend(widget_texts(self.manager))
        return "\n".join(parts)
