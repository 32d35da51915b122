"""Modal layers over any screen: confirmations, messages, text prompts, the game menu.

Every layer can be closed by mouse and by key: Esc closes each one, and a layer
that has no button of its own that closes it (Close, Cancel, OK, Resume, Back)
is given a Close button by ``Overlay`` itself. The F1 help is in ``help.py``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

from ..i18n import N_, _
from . import look, palette
from .look import px


@runtime_checkable
class SavesGame(Protocol):
    """A screen of a seated game, which can save it under a name (Ctrl+S)."""

    def save_prompt(self) -> None: ...


#: How a button that closes a layer without doing anything else begins (lower case).
LABEL_PAD = 12  # pixels of a label's width its text leaves free
DISMISS_WORDS = ("close", "cancel", "ok", "resume", "back", "done")
#: The same words as the buttons say them, looked up in the language spoken (``dismiss_words``).
DISMISS_LABELS = (N_("Close"), N_("Cancel"), N_("OK"), N_("Resume"), N_("Back"), N_("Done"))


def dismiss_words() -> tuple[str, ...]:
    """How a closing button begins, in English and in the language spoken (lower case)."""
    return DISMISS_WORDS + tuple(_(w).lower() for w in DISMISS_LABELS)


def corner(r: pygame.Rect, i: int) -> pygame.Rect:
    """The ``i``-th button from the right along the bottom of a layer ``r`` (130 by 38 at 100%)."""
    return pygame.Rect(r.right - px(150 + 140 * i), r.bottom - px(54), px(130), px(38))


class Overlay:
    width, height = 560, 300

    def __init__(self, app):
        self.app = app
        self.elements: list = []
        self.closer: UIButton | None = None  # the Close this class added, when the layer had none
        self.heading: UILabel | None = None  # its "#heading" label, if it has one: a toast keeps off its words

    @property
    def rect(self) -> pygame.Rect:
        w, h = self.app.size
        r = pygame.Rect(0, 0, min(look.px(self.width), w - 40), min(look.px(self.height), h - 40))
        r.center = (w // 2, h // 2)
        return r

    def open(self) -> None:
        if not self.app.overlays and self.app.screen is not None:
            # Widgets draw above everything drawn by hand, so the screen's own
            # widgets hide while a modal layer is open.
            for e in self.app.screen.elements:
                e.hide()
        self.app.overlays.append(self)
        self.build()
        self.add_closer()
        self.app.dirty = True

    def close(self) -> None:
        for e in self.elements:
            e.kill()
        self.elements = []
        if self in self.app.overlays:
            self.app.overlays.remove(self)
            if not self.app.overlays and self.app.screen is not None:
                for e in self.app.screen.elements:
                    e.show()
        self.app.dirty = True

    LABEL_FONTS = {"#heading": (22, True, False), "#dim": (15, False, False)}  # object id: (size, bold, italic)

    def label_font(self, object_id: str | None = None) -> pygame.font.Font:
        """The font ``label`` draws a label of ``object_id`` in."""
        from . import text

        return text.font(*self.LABEL_FONTS.get(object_id or "", (15, False, False)))

    def label(self, rect, words: str, object_id: str | None = None) -> UILabel:
        """A one-line label shortened with an ellipsis rather than clipped."""
        from . import text

        f = self.label_font(object_id)
        fitted = text.fit(" ".join(words.split()), f, pygame.Rect(rect).w - LABEL_PAD)
        element = UILabel(look.tall_enough(pygame.Rect(rect), f), fitted, self.app.manager, object_id=object_id)
        self.elements.append(element)
        if object_id == "#heading":
            self.heading = element
        return element

    def toast_room(self) -> pygame.Rect | None:
        """Where a toast over this layer may show: its heading's row, right of the heading's words (a
        toast drawn where it shows over a screen would cover them); None if it has no heading."""
        h = self.heading
        if h is None or not h.alive():
            return None
        left = h.rect.x + LABEL_PAD + self.label_font("#heading").size(h.text)[0] + px(16)
        return pygame.Rect(left, h.rect.y, max(0, h.rect.right - left), h.rect.h)

    def label_lines(self, words: str, width: int, object_id: str | None = None, most: int = 2) -> list[str]:
        """``words`` in the lines (``most`` at the most) that labels ``width`` wide show whole; the last
        holds the rest, which its ``label`` ends with an ellipsis if it is still too long."""
        from . import text

        lines = text.wrap(words, self.label_font(object_id), width - LABEL_PAD)
        return lines if len(lines) <= most else [*lines[: most - 1], " ".join(lines[most - 1 :])]

    def rebuild(self) -> None:
        for e in self.elements:
            e.kill()
        self.elements = []
        self.build()
        self.add_closer()

    def build(self) -> None:
        pass

    def dismiss_control(self) -> UIButton | None:
        """The button that closes this layer and does nothing else (a layer may name its own)."""
        for e in self.elements:
            if isinstance(e, UIButton) and e.text.strip().lower().startswith(dismiss_words()):
                return e
        return self.closer

    def add_closer(self) -> None:
        """A Close button, bottom right (left of the layer's own buttons there), for a layer that
        can otherwise be closed only by a key nobody has told the player about."""
        self.closer = None
        if self.dismiss_control() is not None:
            return
        r = self.rect
        row = pygame.Rect(r.x, r.bottom - px(60), r.w, px(60))
        left = min(
            (e.rect.left for e in self.elements if isinstance(e, UIButton) and row.colliderect(e.rect)),
            default=r.right - 10,
        )
        self.closer = UIButton(
            pygame.Rect(left - px(130), r.bottom - px(54), px(120), px(38)),
            _("Close"),
            self.app.manager,
            tool_tip_text=_("Esc closes it too."),
        )
        self.elements.append(self.closer)

    def dispatch(self, event) -> None:
        """An event for the top layer: the Close this class added, then the layer's own ``handle``."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and self.closer is not None and event.ui_element is self.closer:
            self.close()
            return
        self.handle(event)

    def draw_under(self, surface: pygame.Surface) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((8, 10, 16, 200))
        surface.blit(shade, (0, 0))
        pygame.draw.rect(surface, palette.PANEL, self.rect, border_radius=10)
        pygame.draw.rect(surface, palette.SKY, self.rect, 2, border_radius=10)

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1):
            self.close()


class ConfirmOverlay(Overlay):
    """Yes or no. ``safe_default``: Enter means "no" (for destructive questions)."""

    width, height = 520, 220

    def __init__(
        self, app, title: str, message: str, yes: str, on_yes, no: str | None = None, safe_default: bool = False
    ):
        super().__init__(app)
        no = _("Cancel") if no is None else no
        self.title, self.message, self.yes_text, self.no_text, self.on_yes = title, message, yes, no, on_yes
        self.safe_default = safe_default

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        self.label(pygame.Rect(r.x + 20, r.y + 14, r.w - 40, 36), self.title, "#heading")
        self.elements.append(UITextBox(self.message, pygame.Rect(r.x + 20, r.y + 56, r.w - 40, r.h - 120), m))
        primary, other = ("#primary", None) if not self.safe_default else (None, "#primary")
        self.yes = UIButton(corner(r, 0), self.yes_text, m, object_id=primary)
        self.no = UIButton(corner(r, 1), self.no_text, m, object_id=other)
        self.elements += [self.yes, self.no]

    def dismiss_control(self) -> UIButton | None:
        return getattr(self, "no", None)  # whatever it is called, "no" closes and does nothing else

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.close()
            if not self.safe_default:
                self.on_yes()
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.yes:
                self.close()
                self.on_yes()
            elif event.ui_element is self.no:
                self.close()
            return
        super().handle(event)


class GameMenuOverlay(Overlay):
    """Esc during a game: resume (the default), save, back to the title, or quit."""

    width, height = 420, 330

    def __init__(self, app, warning: str = ""):
        super().__init__(app)
        self.warning = warning
        failed = app.autosave_warning() if hasattr(app, "autosave_warning") else ""
        if failed:  # the truth about what is saved, in full, over several lines
            self.warning = (warning + " " if warning else "") + failed
            self.width = 520
        from . import text

        note = self.warning or _("Your game is autosaved after every phase.")
        self.notes = text.wrap(" ".join(note.split()), text.font(15), self.width - 52)[:5] if failed else [note]
        self.height = 330 + 22 * (len(self.notes) - 1)

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        self.label(pygame.Rect(r.x + 20, r.y + 14, r.w - 40, px(36)), _("Game menu"), "#heading")
        for i, line in enumerate(self.notes):
            self.label(pygame.Rect(r.x + 20, r.y + px(52 + 22 * i), r.w - 40, px(26)), line, "#dim")
        x, w, y = r.x + 40, r.w - 80, r.y + px(22) * (len(self.notes) - 1)

        def row(dy: int) -> pygame.Rect:
            return pygame.Rect(x, y + px(dy), w, px(42))

        self.resume = UIButton(row(90), _("Resume (Enter or Esc)"), m, object_id="#primary")
        self.save = UIButton(row(140), _("Save as… (Ctrl+S)"), m)
        self.title = UIButton(row(190), _("Leave to the title screen"), m)
        self.quit = UIButton(row(240), _("Quit Demarche"), m, object_id="#danger")
        self.elements += [self.resume, self.save, self.title, self.quit]

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
            self.close()
            return
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        if event.ui_element is self.resume:
            self.close()
        elif event.ui_element is self.save:
            self.close()
            screen = self.app.screen
            if isinstance(screen, SavesGame):
                screen.save_prompt()
        elif event.ui_element is self.title:
            self.close()
            self.app.route.title()
        elif event.ui_element is self.quit:
            self.close()
            self.app.quit()


class MessageOverlay(Overlay):
    """A message with one OK button (Enter or Esc closes it)."""

    def __init__(self, app, title: str, message: str):
        super().__init__(app)
        self.title, self.message = title, message
        lines = sum(1 + len(line) // 70 for line in message.split("\n"))
        self.width = 560 if lines <= 3 else 820
        self.height = min(600, 170 + 22 * lines)

    def build(self) -> None:
        from html import escape

        r = self.rect
        m = self.app.manager
        self.label(pygame.Rect(r.x + 20, r.y + 14, r.w - 40, 36), self.title, "#heading")
        body = "<br>".join(escape(line) for line in self.message.split("\n"))
        self.elements.append(UITextBox(body, pygame.Rect(r.x + 20, r.y + 56, r.w - 40, r.h - 120), m))
        self.ok = UIButton(corner(r, 0), _("OK"), m, object_id="#primary")
        self.elements.append(self.ok)

    def handle(self, event) -> None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ok) or (
            event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE)
        ):
            self.close()


class PromptOverlay(Overlay):
    """Ask for one line of text (a save name, ...)."""

    width, height = 520, 200

    def __init__(self, app, title: str, initial: str, ok: str, on_ok):
        super().__init__(app)
        self.title, self.initial, self.ok_text, self.on_ok = title, initial, ok, on_ok

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        self.label(pygame.Rect(r.x + 20, r.y + 14, r.w - 40, px(36)), self.title, "#heading")
        self.entry = UITextEntryLine(pygame.Rect(r.x + 20, r.y + px(64), r.w - 40, px(40)), m)
        self.entry.set_text(self.initial)
        self.entry.focus()
        self.ok = UIButton(corner(r, 0), self.ok_text, m, object_id="#primary")
        self.cancel = UIButton(corner(r, 1), _("Cancel"), m)
        self.elements += [self.entry, self.ok, self.cancel]

    def submit(self) -> None:
        value = self.entry.get_text().strip()
        if value:
            self.close()
            self.on_ok(value)

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.ok:
                self.submit()
            elif event.ui_element is self.cancel:
                self.close()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
