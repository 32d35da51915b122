"""Shared pieces of screens: keyboard focus over buttons, and the table layout.

``MenuScreen`` gives any screen keyboard play over its buttons (Tab/arrows
move, Enter presses). ``TableScreen`` lays out the board, the situation column
and the news log for the screens shown during a game.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox

from ...i18n import _
from .. import look, palette, text
from ..app import Screen
from ..board import TIP_MAX, Board, Highlight, draw_tooltip
from ..news import news_html
from ..sparkline import draw_history_tip, history_line
from ..theme import measuring_font

if TYPE_CHECKING:  # for annotations only: the title screen opens without the rules modules
    from pygame.typing import RectLike
    from pygame_gui.core import UIContainer

    from ...rules.model import Scenario
    from ...rules.observe import Observation
    from ...rules.state import Event, GameState
    from ..app import App
    from ..board import Hit


class TableGame(Protocol):
    """What the table is drawn from: the hot-seat game, or a stand-in for one
    (the facilitator's view of it, a state of a replayed save)."""

    @property
    def scenario(self) -> Scenario: ...

    def observation(self) -> Observation: ...

    @property
    def state(self) -> GameState: ...


TOP_BAR = 48


def top_bar() -> int:
    """The height of the bar over a game's screens: 48 pixels, or a line of its title and some."""
    return max(TOP_BAR, text.font(18, bold=True).get_linesize() + 12)


class MenuScreen(Screen):
    """A screen whose buttons can be reached with Tab, arrows and Enter."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.focusables: list[UIButton] = []
        self.focus_index = -1

    def clear(self) -> None:
        super().clear()
        self.focusables = []
        self.focus_index = -1

    def button(
        self,
        rect: RectLike,
        label: str,
        tip: str | None = None,
        object_id: str | None = None,
        focus: bool = True,
        container: UIContainer | None = None,
    ) -> UIButton:
        tip = text.clip(tip, TIP_MAX) if tip else tip  # pygame_gui lays a tooltip out on hover
        b = self.add(
            UIButton(
                self.roomy(pygame.Rect(rect), text.clip(label, 200), object_id, container is None),
                text.clip(label, 200),
                self.manager,
                container=container,
                tool_tip_text=tip,
                object_id=object_id,
            )
        )
        if focus:
            self.focusables.append(b)
        return b

    BUTTON_FONTS = {"#primary": (17, True), "#chosen": (15, True), "#start_here": (15, True)}

    def roomy(self, rect: pygame.Rect, label: str, object_id: str | None, in_window: bool) -> pygame.Rect:
        """``rect``, at a text size above 100%, wide and tall enough for ``label`` in its button's
        font (grown about its centre, kept in the window): a button's words are never clipped."""
        if look.percent() == look.DEFAULT:
            return rect
        size, bold = self.BUTTON_FONTS.get(object_id or "", (14, False))
        window = pygame.Rect((0, 0), self.app.size) if in_window else None
        return look.roomy(rect, label, measuring_font(self.manager, size, bold), window)

    LABEL_FONTS = {
        "#title": (40, True, False),
        "#heading": (22, True, False),
        "#subtitle": (17, False, True),
        "#role": (18, True, False),
    }

    def label(self, rect: RectLike, words: str, object_id: str | None = None) -> UILabel:
        """A one-line label whose text is shortened with an ellipsis rather than clipped."""
        rect = pygame.Rect(rect)
        size, bold, italic = self.LABEL_FONTS.get(object_id or "", (15, False, False))
        f = measuring_font(self.manager, size, bold, italic)
        fitted = text.fit(" ".join(words.split()), f, rect.w - 12)
        return self.add(UILabel(look.tall_enough(rect, f), fitted, self.manager, object_id=object_id))

    def stack(self, lines: list[tuple[str, str | None]], area: pygame.Rect, below: int = 0) -> int:
        """Labels one under the other, each (words, object id) wrapped to ``area``'s width, the whole
        and ``below`` pixels more centred in ``area`` (a larger text size); the bottom of the last."""
        rows = []
        for words, object_id in lines:
            size, bold, italic = self.LABEL_FONTS.get(object_id or "", (15, False, False))
            f = measuring_font(self.manager, size, bold, italic)
            step = f.size("Hg")[1] + 6
            rows += [(line, object_id, step) for line in text.wrap(" ".join(words.split()), f, area.w - 12)]
        y = max(area.y, area.centery - (sum(step for *_, step in rows) + below) // 2)
        for line, object_id, step in rows:
            self.label(pygame.Rect(area.x, y, area.w, step), line, object_id)
            y += step
        return y

    def move_focus(self, step: int) -> None:
        usable = [i for i, b in enumerate(self.focusables) if b.is_enabled and b.visible and b.alive()]
        if not usable:
            return
        if self.focus_index in usable:
            pos = (usable.index(self.focus_index) + step) % len(usable)
        else:
            pos = 0 if step > 0 else len(usable) - 1
        if 0 <= self.focus_index < len(self.focusables):
            self.focusables[self.focus_index].unselect()
        self.focus_index = usable[pos]
        self.focusables[self.focus_index].select()
        self.app.dirty = True

    def focused(self) -> UIButton | None:
        if 0 <= self.focus_index < len(self.focusables):
            b = self.focusables[self.focus_index]
            if b.alive() and b.is_enabled:
                return b
        return None

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.on_button(event.ui_element)
            return True
        if event.type == pygame.KEYDOWN:
            if self.on_key(event):
                return True
            if event.key == pygame.K_TAB:
                self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            if event.key in (pygame.K_DOWN, pygame.K_RIGHT):
                self.move_focus(1)
                return True
            if event.key in (pygame.K_UP, pygame.K_LEFT):
                self.move_focus(-1)
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused() is not None:
                self.on_button(self.focused())
                return True
            if event.key == pygame.K_ESCAPE:
                self.on_back()
                return True
        return self.on_event(event)

    # for subclasses
    def on_button(self, element: object) -> None:
        pass

    def on_key(self, event: pygame.event.Event) -> bool:
        return False

    def on_event(self, event: pygame.event.Event) -> bool:
        return False

    def on_back(self) -> None:
        pass


class TableScreen(MenuScreen):
    """The board, the situation column and the news; subclasses add the bottom panel."""

    @property
    def board_fraction(self) -> float:
        """The share of the height below the top bar that the board takes."""
        return 0.6

    def __init__(self, app: App, hotseat: TableGame) -> None:
        super().__init__(app)
        self.hotseat = hotseat
        self.board = Board(hotseat.scenario)
        self.hover: tuple[int, int] | None = None
        self.obs: Observation = hotseat.observation()
        self._history: tuple[Observation, dict[str, tuple[int, ...]]] | None = None

    # layout
    def layout(self) -> dict[str, pygame.Rect]:
        w, h = self.app.size
        side_w = max(330, int(w * 0.29))
        board = pygame.Rect(12, top_bar() + 8, w - side_w - 36, int((h - top_bar()) * self.board_fraction))
        side = pygame.Rect(board.right + 12, top_bar() + 8, side_w, h - top_bar() - 20)
        bottom = pygame.Rect(12, board.bottom + 10, board.w, h - board.bottom - 22)
        if look.percent() != look.DEFAULT:  # a larger text: the panel below spans the window, the column stops above it
            side.h = board.h
            bottom.w = w - 24
        return {"board": board, "side": side, "bottom": bottom}

    def seat_caption(self, short: bool = False) -> str:
        """Whose screen this is, for the top bar; ``short``: where the bar is narrow (a seat by name alone)."""
        return ""

    def highlight(self) -> Highlight | None:
        return None

    def shown_meters(self) -> dict[str, int] | None:
        return None

    def shown_crises(self) -> tuple[str, ...] | None:
        """The active crises to draw (None: all of them; the news holds back those not yet told)."""
        return None

    def watch_motion(self, meters: dict[str, int] | None) -> None:
        """Bars and tokens move from what this seat saw last, or everyone did (``motion``)."""
        from ...rules.state import PUBLIC_SEAT  # (the title screen opens without the rules)

        motion = self.board.motion = self.app.feel.motion
        seat = self.obs.seat
        shown = self.obs.meters if meters is None else meters
        motion.watch(self.hotseat.scenario, seat, shown, also=() if seat == PUBLIC_SEAT else (PUBLIC_SEAT,))

    def draw(self, surface: pygame.Surface) -> None:
        lay = self.layout()
        self.board.hits = []
        w = self.app.size[0]
        pygame.draw.rect(surface, palette.PANEL, pygame.Rect(0, 0, w, top_bar()))
        sc = self.hotseat.scenario
        track = self.board.draw_round_track(surface, pygame.Rect(w - 520, 0, 500, top_bar()), self.obs)
        caption = self.seat_caption()
        title_w = w // 2 - 40
        room = max(0, track - 16 - 24)  # for the title and the caption, up to the round track
        wanted = text.font(15).size(caption)[0] + 24 if caption else 0
        title_need = min(title_w, text.font(18, bold=True).size(sc.title)[0])
        if caption and title_need + wanted > room:  # a narrow window: the seat by its name alone ("Di — ...")
            caption = self.seat_caption(short=True)
            wanted = text.font(15).size(caption)[0] + 24
        if look.percent() != look.DEFAULT or title_need + wanted > room:
            # a larger text, or a narrow window: the seat's caption first (whose screen it is), the title shortened
            title_w = max(room - wanted, int(room * 0.4))
        title = text.fit(sc.title, text.font(18, bold=True), title_w)
        text.draw(surface, title, (16, top_bar() // 2), 18, palette.TEXT, bold=True, anchor="midleft")
        if caption:
            left = 16 + text.font(18, bold=True).size(title)[0] + 24
            room = track - 24 - left  # (never over "Round 1 of 8")
            if room > text.font(15).size("…")[0] * 4:
                fitted = text.fit(caption, text.font(15), room)
                text.draw(surface, fitted, (left, top_bar() // 2), 15, palette.YELLOW, anchor="midleft")
        meters = self.shown_meters()
        self.watch_motion(meters)
        self.board.draw_area(surface, lay["board"], self.obs, self.highlight(), meters)
        side = lay["side"]
        if look.percent() == look.DEFAULT:
            used = self.board.draw_meters(surface, pygame.Rect(side.x, side.y, side.w, side.h), self.obs, meters)
            crisis_area = pygame.Rect(side.x, side.y + used + 12, side.w, self.news_rect().y - (side.y + used + 12) - 8)
            self.board.draw_crises(surface, crisis_area, self.obs, self.shown_crises())
        else:
            self.draw_side_scrolled(surface, side, meters)
        self.draw_bottom(surface, lay["bottom"])

    def side_view(self) -> pygame.Rect:
        """Where the meters and the crises are shown above the news (scrolled at a larger text size)."""
        side = self.layout()["side"]
        return pygame.Rect(side.x, side.y, side.w, self.news_rect().y - 8 - side.y)

    def draw_side_scrolled(self, surface: pygame.Surface, side: pygame.Rect, meters) -> None:
        """The meters and the crises at a larger text size: in full, one under the other, in a view
        that the wheel scrolls (the arrows say there is more above or below)."""
        view = self.side_view()
        scroll = getattr(self, "side_scroll", 0)
        first = len(self.board.hits)
        clip = surface.get_clip()
        surface.set_clip(view)
        top = view.y - scroll
        used = self.board.draw_meters(surface, pygame.Rect(side.x, top, side.w, side.h), self.obs, meters)
        crises = self.shown_crises()
        count = len(self.obs.active_crises if crises is None else crises)
        card = text.font(13).get_linesize() * 6 + look.px(40)  # a crisis's card: its title and a few lines
        room = text.font(16, bold=True).get_linesize() + count * card
        crisis_area = pygame.Rect(side.x, top + used + 12, side.w, max(room, look.px(60)))
        used += 12 + self.board.draw_crises(surface, crisis_area, self.obs, crises)
        surface.set_clip(clip)
        self.side_scroll_max = max(0, used - view.h)
        kept = [h for h in self.board.hits[first:] if h.rect.colliderect(view)]  # what is scrolled out is not hovered
        for h in kept:
            h.rect = h.rect.clip(view)
        self.board.hits[first:] = kept
        if self.side_scroll_max:  # a thin bar in the margin says how much there is, and where the view is
            track = pygame.Rect(view.right + 4, view.y, 5, view.h)
            pygame.draw.rect(surface, palette.PANEL_LIGHT, track, border_radius=2)
            thumb_h = max(20, view.h * view.h // max(1, used))
            thumb_y = view.y + (view.h - thumb_h) * min(scroll, self.side_scroll_max) // self.side_scroll_max
            pygame.draw.rect(surface, palette.BORDER, pygame.Rect(track.x, thumb_y, 5, thumb_h), border_radius=2)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.hover:
            hit = self.board.hit_at(self.hover)
            if hit is not None:
                values = self.history().get(hit.ref) if hit.kind == "meter" else None
                if values is not None and len(values) > 1:
                    m = self.hotseat.scenario.meters[hit.ref]
                    over = self.hotseat.state.over
                    line = _("Over the game: {history}").format(history=history_line(values, over))
                    tip = f"{hit.tip}\n\n{line}"
                    draw_history_tip(surface, tip, self.hover, values, m.min, m.max, m.good == "high", over)
                else:
                    draw_tooltip(surface, hit.tip, self.hover)

    def history(self) -> dict[str, tuple[int, ...]]:
        """The meters' history as this screen's seat saw it, worked out once per observation."""
        if self._history is None or self._history[0] is not self.obs:
            from ...rules.observe import seen_history  # (the title screen opens without the rules)

            seat = self.obs.seat
            self._history = (self.obs, seen_history(self.hotseat.scenario, self.hotseat.state, seat))
        return self._history[1]

    def news_rect(self) -> pygame.Rect:
        side = self.layout()["side"]
        if look.percent() != look.DEFAULT:  # a larger text: the meters and crises above scroll (draw_side_scrolled)
            h = int(side.h * 0.4)
            return pygame.Rect(side.x, side.bottom - h, side.w, h)
        h = max(180, int(side.h * (0.36 if side.h >= 700 else 0.3)))  # (a short window keeps room for crises)
        if self.obs.active_crises:  # room for the crises' heading and a card, above the log
            h = max(140, min(h, side.h - self.board.meters_height(self.obs, side.h) - 12 - 64))
        return pygame.Rect(side.x, side.bottom - h, side.w, h)

    def draw_bottom(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        pass

    def on_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.hover and look.percent() != look.DEFAULT:
            if self.side_view().collidepoint(self.hover):  # the situation column scrolls at a larger text size
                most = getattr(self, "side_scroll_max", 0)
                self.side_scroll = max(0, min(most, getattr(self, "side_scroll", 0) - event.y * look.px(40)))
                self.app.dirty = True
                return True
        if event.type == pygame.MOUSEMOTION:
            old = self.board.hit_at(self.hover) if self.hover else None
            self.hover = event.pos
            new = self.board.hit_at(event.pos)
            if old is not new:
                self.app.dirty = True
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit = self.board.hit_at(event.pos)
            if hit is not None:
                return self.on_board_click(hit)
        return False

    def on_board_click(self, hit: Hit) -> bool:
        return False

    def news_box(self, events: Iterable[Event], heading: str) -> UITextBox:
        """The scrolling news log: what this seat may know, newest first."""
        return self.add(
            UITextBox(
                news_html(self.hotseat.scenario, events, heading), self.news_rect(), self.manager, object_id="#news"
            )
        )

    def wants_quit_confirmation(self) -> bool:
        return True
