"""F1: the keys, how the game works, and what the board's symbols mean, on three tabs.

A list of keys alone leaves a new player guessing at trust, pressure and the marks beside the
numbers. The help names the scenario's own meters when a game is open, but only those the screen
behind it shows (or public ones): it is opened over private screens and hand-over screens alike.
Tabs switch by click, Tab or the arrow keys left and right; each page scrolls (wheel, arrows up and
down, Page Up/Down, Home/End); Close, Esc and F1 close it. Its top right holds the board's
settings, sound, motion, text size and contrast, as toggles (M toggles the sound here too, C the
contrast, Ctrl+Plus and Ctrl+Minus the text size); buttons as wide as their words, on a second
row when the first has no room (a large text size).
"""

from __future__ import annotations

from html import escape

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from ..i18n import N_, _
from . import text
from .concepts import concepts_html
from .feel import BIGGER, SMALLER
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
    ("C", N_("high contrast on or off: white on black, bright borders")),
    (N_("Ctrl+Plus, Ctrl+Minus"), N_("text bigger or smaller, 100% to 200% (also at the top of this help)")),
]

# The toggles at the top right, right to left: each preference and what its button's tooltip says.
SETTINGS = (
    ("reduce_motion", N_("Reduced: meter bars and tokens show new values at once, nothing moves. Remembered.")),
    ("mute", N_("The hand-over chime and the crisis sound (M). Remembered for the next launch.")),
)
# Beside them, right to left: the look's settings, each a button that changes it at once.
LOOKS = (
    ("high_contrast", N_("White text on black, bright borders and focus rings (C). Remembered.")),
    ("text_size", N_("Every text of the board, 100% to 200% (Ctrl+Plus, Ctrl+Minus). Remembered.")),
)

# The tabs, named in English (ids the code and tests use), each labelled with ``_(name)``.
KEYS, CONCEPTS, SYMBOLS = N_("Keys"), N_("How the game works"), N_("Symbols")
TABS = (KEYS, CONCEPTS, SYMBOLS)


class HelpOverlay(Overlay):
    width, height = 820, 620  # at 100% text (``Overlay.rect`` scales them)

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
        top = getattr(self, "tabs_bottom", r.y + 92) + 14
        return pygame.Rect(r.x + 20, top, r.w - 40, r.bottom - 66 - top)

    def settings_rows(self, heading_w: int) -> list[list[tuple[str, str, int]]]:
        """The settings' buttons (name, tip, width), right to left, in rows: the first beside the heading."""
        r = self.rect
        f = text.font(14)  # pygame_gui's own font, which plain buttons are drawn in, is 14 points
        feel = self.app.feel
        rows: list[list[tuple[str, str, int]]] = [[]]
        room = r.w - 40 - heading_w
        for name, tip in (*SETTINGS, *LOOKS):
            w = max(164, f.size(feel.button_text(name))[0] + 28)
            used = sum(b[2] + 8 for b in rows[-1])
            if used + w > room and rows[-1]:
                rows.append([])
                room = r.w - 40
            rows[-1].append((name, tip, w))
        return rows

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        row_h = max(36, text.font(14).get_linesize() + 12)
        heading_w = text.font(22, True).size(_("Help"))[0] + 40
        rows = self.settings_rows(heading_w)
        self.label(pygame.Rect(r.x + 20, r.y + 12, heading_w, max(36, row_h)), _("Help"), "#heading")
        self.toggles: dict[str, UIButton] = {}
        self.looks: dict[str, UIButton] = {}
        y = r.y + 12
        for row in rows:  # remembered for the next launch (game.ui.preferences)
            x = r.right - 20
            for name, tip, w in row:
                x -= w
                button = UIButton(pygame.Rect(x, y, w, row_h), self.app.feel.button_text(name), m, tool_tip_text=_(tip))
                (self.toggles if name in dict(SETTINGS) else self.looks)[name] = button
                x -= 8
            y += row_h + 6
        self.elements += self.toggles.values()
        self.elements += self.looks.values()
        w = (r.w - 40 - 8 * (len(TABS) - 1)) // len(TABS)
        tab_h = max(38, text.font(14).get_linesize() + 12)
        self.tabs_bottom = y + tab_h
        self.tab_buttons: dict[str, UIButton] = {}
        for i, name in enumerate(TABS):
            button = UIButton(
                pygame.Rect(r.x + 20 + i * (w + 8), y, w, tab_h),
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
        close_w = max(120, text.font(14).size(_("Close"))[0] + 28)
        self.label(
            pygame.Rect(r.x + 20, r.bottom - 50, r.w - 60 - close_w, 30),
            _("Tab or Left/Right: another page. Up/Down, Page Up/Down: scroll. Esc or F1 closes."),
            "#dim",
        )
        self.close_button = UIButton(pygame.Rect(r.right - 20 - close_w, r.bottom - 54, close_w, 38), _("Close"), m)
        self.elements.append(self.close_button)

    def toggle(self, name: str) -> None:
        feel = self.app.feel
        said = feel.toggle(name)
        if name in self.looks:  # the app lays everything out anew in the new look (App.restyle)
            if said != feel.state_words(name):
                self.app.toast(said)
            return
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
            for name, button in {**getattr(self, "toggles", {}), **getattr(self, "looks", {})}.items():
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
        elif key == pygame.K_c and not event.mod & pygame.KMOD_CTRL:
            self.toggle("high_contrast")
        elif event.mod & pygame.KMOD_CTRL and key in (*BIGGER, *SMALLER):
            said = self.app.feel.key(event, typing=False)
            if said and said != self.app.feel.state_words("text_size"):
                self.app.toast(said)
        else:
            super().handle(event)  # Esc and F1 close it
