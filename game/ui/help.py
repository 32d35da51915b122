"""F1: the keys, how the game works, and what the board's symbols mean, on three tabs.

A list of keys alone leaves a new player guessing at trust, pressure and the marks beside the
numbers. The help names the scenario's own meters when a game is open, but only those the screen
behind it shows (or public ones): it is opened over private screens and hand-over screens alike.
Tabs switch by click, Tab or the arrow keys left and right; each page scrolls (wheel, arrows up and
down, Page Up/Down, Home/End); Close, Esc and F1 close it. Its top right holds the board's two
settings, sound and motion, as toggles (M toggles the sound here too).
"""

from __future__ import annotations

from html import escape

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from ..i18n import N_, _
from .concepts import concepts_html
from .legend import STEP, Legend, entries
from .overlays import Overlay

# Looked up where shown (``keys_html``): the keys' names too, as a keyboard of the language labels them.
GLOBAL_KEYS = [
    ("F1", N_("show or hide this help")),
    (N_("Esc"), N_("back / close / quit (asks first during a game)")),
    (N_("Tab, arrows"), N_("move between buttons and list items")),
    (N_("Enter"), N_("activate the highlighted button")),
    ("Ctrl+S", N_("save the game under a name")),
    ("F5", N_("reload the scenario file after editing it (authors)")),
    ("F9", N_("the facilitator's control seat, between turns (with its PIN)")),
    ("M", N_("sound on or off (with reduced motion, also a toggle at the top of this help)")),
]

# The toggles at the top right, right to left: each preference and what its button's tooltip says.
SETTINGS = (
    ("reduce_motion", N_("Reduced: meter bars and tokens show new values at once, nothing moves. Remembered.")),
    ("mute", N_("The hand-over chime and the crisis sound (M). Remembered for the next launch.")),
)

# The tabs, named in English (ids the code and tests use), each labelled with ``_(name)``.
KEYS, CONCEPTS, SYMBOLS = N_("Keys"), N_("How the game works"), N_("Symbols")
TABS = (KEYS, CONCEPTS, SYMBOLS)


class HelpOverlay(Overlay):
    width, height = 820, 620

    def __init__(self, app, tab: str = KEYS) -> None:
        super().__init__(app)
        self.tab = tab
        self.page: UITextBox | None = None
        screen = app.screen
        self.scenario = getattr(getattr(screen, "hotseat", None), "scenario", None)
        obs = getattr(screen, "obs", None)  # the observation the screen behind is drawn from
        self.shown = {p.partition(".")[2] or p for p in (*obs.meters, *obs.bands)} if obs is not None else None
        self.legend = Legend(entries(self.scenario, self.shown))

    def keys_html(self) -> str:
        lines = [(_(k), _(v)) for k, v in GLOBAL_KEYS]  # (a key unmarked, "F1", is itself)
        if self.app.screen is not None:
            lines += self.app.screen.help_lines()
        return "".join(f"<b>{escape(k)}</b> — {escape(v)}<br>" for k, v in lines)

    def page_text(self) -> str:
        """Everything on the open tab, scrolled into view or not."""
        if self.tab == SYMBOLS:
            return self.legend.words()
        return self.page.html_text if self.page is not None else ""

    def body(self) -> pygame.Rect:
        r = self.rect
        return pygame.Rect(r.x + 20, r.y + 106, r.w - 40, r.h - 172)

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        self.label(pygame.Rect(r.x + 20, r.y + 12, r.w - 380, 36), _("Help"), "#heading")
        self.toggles: dict[str, UIButton] = {}
        for i, (name, tip) in enumerate(SETTINGS):  # remembered for the next launch (game.ui.preferences)
            rect = pygame.Rect(r.right - 20 - (i + 1) * 172 + 8, r.y + 12, 164, 36)
            self.toggles[name] = UIButton(rect, self.app.feel.button_text(name), m, tool_tip_text=_(tip))
        self.elements += self.toggles.values()
        w = (r.w - 40 - 8 * (len(TABS) - 1)) // len(TABS)
        self.tab_buttons: dict[str, UIButton] = {}
        for i, name in enumerate(TABS):
            button = UIButton(
                pygame.Rect(r.x + 20 + i * (w + 8), r.y + 54, w, 38),
                _(name),
                m,
                object_id="#primary" if name == self.tab else None,
            )
            self.tab_buttons[name] = button
            self.elements.append(button)
        self.page = None
        if self.tab == SYMBOLS:
            self.legend.layout(self.body())
        else:
            html = self.keys_html() if self.tab == KEYS else concepts_html(self.scenario, self.shown)
            self.page = UITextBox(html, self.body(), m)
            self.elements.append(self.page)
        self.label(
            pygame.Rect(r.x + 20, r.bottom - 50, r.w - 200, 30),
            _("Tab or Left/Right: another page. Up/Down, Page Up/Down: scroll. Esc or F1 closes."),
            "#dim",
        )
        self.close_button = UIButton(pygame.Rect(r.right - 140, r.bottom - 54, 120, 38), _("Close"), m)
        self.elements.append(self.close_button)

    def toggle(self, name: str) -> None:
        feel = self.app.feel
        said = feel.toggle(name)
        self.toggles[name].set_text(feel.button_text(name))
        if said != feel.state_words(name):  # only what the button cannot say (no audio device, not remembered)
            self.app.toast(said)

    def draw_under(self, surface: pygame.Surface) -> None:
        super().draw_under(surface)
        if self.tab == SYMBOLS:
            self.legend.draw(surface)

    def show_tab(self, tab: str) -> None:
        self.tab = tab
        self.legend.scroll = 0
        self.rebuild()
        self.app.dirty = True

    def scroll(self, dy: int, end: bool | None = None) -> None:
        """Scroll the open page by ``dy`` pixels, or to its start or ``end``."""
        if self.tab == SYMBOLS:
            moved = self.legend.scroll_to_end(end) if end is not None else self.legend.scroll_by(dy)
            self.app.dirty = self.app.dirty or moved
            return
        page = self.page
        bar = page.scroll_bar if page is not None else None
        if page is None or bar is None:
            return
        shown = max(0.01, bar.visible_percentage)
        if end is not None:
            start = 1.0 - shown if end else 0.0
        else:
            start = bar.start_percentage + dy / max(1, page.rect.h) * shown
        bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - shown, start)))
        self.app.dirty = True

    def handle(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is getattr(self, "close_button", None):
                self.close()
            for name, button in getattr(self, "toggles", {}).items():
                if event.ui_element is button:
                    self.toggle(name)
            for name, button in getattr(self, "tab_buttons", {}).items():
                if event.ui_element is button and name != self.tab:
                    self.show_tab(name)
            return
        if event.type == pygame.MOUSEWHEEL and self.tab == SYMBOLS:  # a text page scrolls by itself
            self.scroll(-event.y * STEP)
            return
        if event.type != pygame.KEYDOWN:
            return
        key = event.key
        if key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT):
            back = key == pygame.K_LEFT or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            self.show_tab(TABS[(TABS.index(self.tab) + (-1 if back else 1)) % len(TABS)])
        elif key in (pygame.K_DOWN, pygame.K_UP):
            self.scroll(STEP if key == pygame.K_DOWN else -STEP)
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.scroll(self.body().h - STEP if key == pygame.K_PAGEDOWN else STEP - self.body().h)
        elif key in (pygame.K_HOME, pygame.K_END):
            self.scroll(0, end=key == pygame.K_END)
        elif key == pygame.K_m:
            self.toggle("mute")
        else:
            super().handle(event)  # Esc and F1 close it
