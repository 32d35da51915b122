"""Seating the players before a game: each role a human with a name or a bot; an optional seat may be left out.

Every seat is a segmented toggle (Human | Bot, and Off for an optional seat), and
beside it the player's name or the bot's kind (Greedy | Random), so every choice
is in view. A seat nobody takes gets the greedy bot (``DEFAULT_BOT``): the random
one teaches a new player nothing to play against. The keyboard walks the screen
with Tab (and the arrows up and down), a toggle changes with the arrows left and
right, and typing goes to the name field in focus.
"""

from __future__ import annotations

from typing import Union

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ...i18n import N_, _, ngettext, pgettext
from .. import look, palette, text
from ..theme import measuring_font
from .base import MenuScreen
from .fields import HintedEntry
from .segments import Option, Segments

LEFT_OUT = "out"  # an optional seat (``[[roles]] optional``) the game is played without
HUMAN, BOT = "human", "bot"  # the seat's toggle; LEFT_OUT is its third place
BOT_KINDS = (
    Option("greedy", N_("Greedy"), N_("Greedy bot: looks one round ahead on what its seat can see. A fair opponent.")),
    Option(
        "random", N_("Random"), N_("Random bot: plays any legal orders. An easy opponent, and an unpredictable one.")
    ),
)
SEAT_OPTIONS = (
    Option(HUMAN, N_("Human"), N_("A person plays this seat: type their name beside it.")),
    Option(BOT, N_("Bot"), N_("The computer plays this seat: choose its kind beside it.")),
)
# Translators: a seat's toggle (Human | Bot | Off): this optional seat is left out of the game.
OFF = Option(LEFT_OUT, N_("Off"), N_("Left out: the game is played as if this seat did not exist."))
NAME_HINT = N_("Player's name")
PIN_HINT = N_("PIN, 4 digits or more")

# The layout, in pixels.
MARGIN, TOP = 40, 96
SEG_W, SEG_H = 78, 40  # one segment of a seat's toggle
GAP = 16
FIELD_W = 248  # the name field, the bot's kind, the PIN
NAME_LINE, ABOUT_LINE = 25, 21  # a line of a role's name (18 bold) and of its summary (15): their fonts' heights
ROW_GAP = 10
BOTTOM = 84  # the Back and Start buttons, and a little room above them

Stop = Union[Segments, HintedEntry, UIButton]  # one place the keyboard's focus can be


class Dims:
    """The layout's sizes: the constants above at 100% text; at a larger text size, each from its
    font, and a row stacked (its name, then its toggle and field, then its summary), the rows
    scrolled when they are more than the window holds."""

    def __init__(self, manager, w: int) -> None:
        self.seg_w, self.seg_h, self.field_w = SEG_W, SEG_H, FIELD_W
        self.name_line, self.about_line, self.top, self.bottom = NAME_LINE, ABOUT_LINE, TOP, BOTTOM
        self.stacked = look.percent() != look.DEFAULT
        if not self.stacked:
            return
        seg = measuring_font(manager, 15, True)  # a chosen segment's font, the widest
        labels = [_(o.label) for o in (*SEAT_OPTIONS, OFF)] + [pgettext("facilitator", "Off")]
        self.seg_w = max(SEG_W, max(seg.size(label)[0] for label in labels) + 24)
        self.seg_h = max(SEG_H, seg.size("Hg")[1] + 14)
        kinds = max(seg.size(_(o.label))[0] for o in BOT_KINDS) + 24
        room = w - 2 * MARGIN - 3 * self.seg_w - GAP
        self.field_w = max(kinds * len(BOT_KINDS), min(look.px(FIELD_W), room))
        self.name_line = max(NAME_LINE, measuring_font(manager, 18, True).size("Hg")[1] + 2)
        self.about_line = max(ABOUT_LINE, measuring_font(manager, 15).size("Hg")[1] + 2)
        heading = measuring_font(manager, 22, True).size("Hg")[1]
        self.top = max(TOP, 24 + heading + self.about_line + 12)
        self.bottom = max(BOTTOM, measuring_font(manager, 17, True).size("Hg")[1] + 48)


def translated(options) -> list[Option]:
    """A table's options (marked for the catalogue) in the language spoken now."""
    return [Option(o.value, _(o.label), _(o.tip) if o.tip else "") for o in options]


def optional_label(scenario, role) -> str:
    """How the set-up screen names an optional seat: "optional: red cell, playing Veyra"."""
    if role.plays is not None:
        return _("optional: red cell, playing {actor}").format(actor=scenario.actor(role.plays).name)
    return _("optional seat")


def players_text(scenario) -> str:
    """ "1–3", or with optional seats that change it, "1–3 (1–2 without the optional seat)"."""
    lo, hi = scenario.players
    out = f"{lo}–{hi}"
    if scenario.optional_roles:
        from ...scenario.variants import with_optional

        full = with_optional(scenario, scenario.optional_roles)
        bare = with_optional(scenario, [])
        if full.players != bare.players:
            n = len(scenario.optional_roles)
            (lo, hi), (bare_lo, bare_hi) = full.players, bare.players
            out = ngettext(
                "{lo}–{hi} ({bare_lo}–{bare_hi} without the optional seat)",
                "{lo}–{hi} ({bare_lo}–{bare_hi} without the optional seats)",
                n,
            ).format(lo=lo, hi=hi, bare_lo=bare_lo, bare_hi=bare_hi)
    return out


class SeatsScreen(MenuScreen):
    """Each role: a human with a name, or a bot of a kind; an optional seat may also be left out (it is, at first)."""

    LABEL_FONTS = {**MenuScreen.LABEL_FONTS, "#role": (18, True, False), "#dim": (15, False, False)}

    def __init__(self, app, scenario, files, main, source=None):
        super().__init__(app)
        from ...bots import DEFAULT_BOT  # here, not at the top: the title screen opens without the bots
        from ...scenario.variants import with_optional

        scenario = with_optional(scenario, scenario.optional_roles)  # every seat listed; the game has those taken
        self.scenario, self.files, self.main, self.source = scenario, files, main, source
        lo, hi = scenario.players
        # Each seat: None for a human, the bot's name, or LEFT_OUT (an optional seat only).
        ordinary = [r for r in scenario.roles if not r.optional]
        humans = {r.id for r in ordinary[: max(1, min(hi, 2))]}
        self.kinds: dict[str, str | None] = {
            r.id: LEFT_OUT if r.optional else None if r.id in humans else DEFAULT_BOT for r in scenario.roles
        }
        self.bot_kinds = {r.id: DEFAULT_BOT for r in scenario.roles}  # the kind a seat switched to Bot gets
        self.names = {r.id: "" for r in scenario.roles}
        self.facilitator = False
        self.pin = ""
        self.current: str | None = "start"  # the key of the stop in focus; Enter at once starts the game
        self.ring: list[tuple[str, Stop]] = []
        self.scroll = 0  # pixels the rows are scrolled up (a larger text size, a short window)
        self.d = Dims(app.manager, app.size[0])

    # the seats' state ------------------------------------------------------------------------------
    def seat_of(self, role: str) -> str:
        kind = self.kinds[role]
        return HUMAN if kind is None else LEFT_OUT if kind == LEFT_OUT else BOT

    def set_seat(self, role: str, seat: str) -> None:
        self.kinds[role] = None if seat == HUMAN else LEFT_OUT if seat == LEFT_OUT else self.bot_kinds[role]

    def set_bot(self, role: str, kind: str) -> None:
        self.bot_kinds[role] = self.kinds[role] = kind

    def keep_typed(self) -> None:
        """What has been typed survives building the screen again."""
        for role, entry in self.entries.items():
            self.names[role] = entry.get_text()
        if self.pin_entry is not None:
            self.pin = self.pin_entry.get_text()

    # layout ----------------------------------------------------------------------------------------
    def about(self, role) -> str:
        about = " ".join(role.summary.split())
        if role.optional:
            about = f"{optional_label(self.scenario, role)} — {about}" if about else optional_label(self.scenario, role)
        return about

    def rows(self, cap: int | None = None) -> list[tuple[list[str], list[str]]]:
        """Each row's name lines (beside the toggle) and summary lines (the whole width below),
        the facilitator's last; ``cap`` shortens each summary to that many lines."""
        w = self.app.size[0]
        name_w = (w - 2 * MARGIN if self.d.stacked else self.controls_x() - 20 - MARGIN) - 12
        about_w = w - 2 * MARGIN - 12
        name_font = measuring_font(self.manager, 18, True)
        about_font = measuring_font(self.manager, 15)
        texts = [(r.name, self.about(r)) for r in self.scenario.roles]
        texts.append((_("Facilitator seat (for training exercises)"), _(FACILITATOR_ABOUT)))
        out = []
        for name, about in texts:
            about_lines = text.wrap(about, about_font, about_w) if about else []
            if cap is not None and len(about_lines) > cap:
                about_lines = about_lines[: cap - 1] + [text.fit(" ".join(about_lines[cap - 1 :]), about_font, about_w)]
            out.append((text.wrap(name, name_font, name_w), about_lines))
        return out

    def row_height(self, names: list[str], about: list[str]) -> int:
        d = self.d
        if d.stacked:
            return d.name_line * len(names) + d.seg_h + 6 + d.about_line * len(about) + ROW_GAP
        return max(SEG_H + 4, NAME_LINE * len(names)) + ABOUT_LINE * len(about) + ROW_GAP

    def controls_x(self) -> int:
        """Where the seats' toggles begin: the name fields end at the right margin."""
        if self.d.stacked:
            return MARGIN
        return self.app.size[0] - MARGIN - FIELD_W - GAP - len(SEAT_OPTIONS + (OFF,)) * SEG_W

    def laid_out(self) -> list[tuple[list[str], list[str]]]:
        """The rows, their summaries shortened only if the whole list would not fit the window."""
        room = self.app.size[1] - self.d.top - self.d.bottom
        if self.d.stacked:  # the rows scroll: every summary whole
            return self.rows()
        for cap in (None, 2, 1):
            rows = self.rows(cap)
            if sum(self.row_height(*r) for r in rows) <= room:
                return rows
        return rows

    # building ---------------------------------------------------------------------------------------
    def build(self) -> None:
        w, h = self.app.size
        self.d = d = Dims(self.manager, w)
        sc = self.scenario
        heading = _("Seat the players — {title}").format(title=sc.title)
        suits = _(
            "This scenario suits {players} people at one computer. A seat nobody takes is played by a bot."
        ).format(players=players_text(sc))
        if d.stacked:  # the heading, then the line under it wrapped (two lines at most), the rows below them
            head_h = d.top - 24 - d.about_line - 12
            self.label(pygame.Rect(MARGIN, 20, w - 2 * MARGIN, head_h), heading, "#heading")
            lines = text.wrap(suits, measuring_font(self.manager, 15), w - 2 * MARGIN - 12)
            lines = lines[:1] + [" ".join(lines[1:])] if len(lines) > 2 else lines
            for i, line in enumerate(lines):
                self.label(
                    pygame.Rect(MARGIN, 20 + head_h + i * d.about_line, w - 2 * MARGIN, d.about_line), line, "#dim"
                )
            d.top += d.about_line * (len(lines) - 1)
        else:
            self.label(pygame.Rect(MARGIN, 24, w - 2 * MARGIN, 40), heading, "#heading")
            self.label(pygame.Rect(MARGIN, 64, w - 2 * MARGIN, 26), suits, "#dim")
        self.ring = []
        self.groups: dict[str, Segments] = {}
        self.entries: dict[str, HintedEntry] = {}
        self.pin_entry: HintedEntry | None = None
        x_seg = self.controls_x()
        x_field = x_seg + len(SEAT_OPTIONS + (OFF,)) * d.seg_w + GAP
        rows = self.laid_out()
        self.scroll = max(0, min(self.scroll, sum(self.row_height(*r) for r in rows) - (h - d.top - d.bottom)))
        y = d.top - self.scroll
        first = len(self.elements)
        for role, (names, about) in zip(sc.roles, rows, strict=False):
            self.row_text(y, names, about)
            cy = y + d.name_line * len(names) if d.stacked else y  # the toggle's line
            options = list(SEAT_OPTIONS) + ([OFF] if role.optional else [])
            self.group(f"seat:{role.id}", translated(options), self.seat_of(role.id), x_seg, cy)
            kind = self.kinds[role.id]
            if kind is None:
                self.entries[role.id] = self.entry(f"name:{role.id}", _(NAME_HINT), self.names[role.id], x_field, cy)
            elif kind == LEFT_OUT:
                self.label(pygame.Rect(x_field, cy, d.field_w, d.seg_h), _("Not in this game"), "#dim")
            else:
                width = d.field_w // len(BOT_KINDS)
                self.group(f"bot:{role.id}", translated(BOT_KINDS), kind, x_field, cy, width)
            y += self.row_height(names, about)
        names, about = rows[-1]
        self.row_text(y, names, about)
        cy = y + d.name_line * len(names) if d.stacked else y
        fac = [
            # Translators: the facilitator's toggle (Off | On): no facilitator in this game.
            Option(False, pgettext("facilitator", "Off"), _("No facilitator.")),
            # Translators: the facilitator's toggle (Off | On): a facilitator in this game.
            Option(True, pgettext("facilitator", "On"), _("Add a facilitator who controls the exercise.")),
        ]
        self.group("facilitator", fac, self.facilitator, x_seg, cy)
        if self.facilitator:
            self.pin_entry = self.entry("pin", _(PIN_HINT), self.pin, x_field, cy)
            self.pin_entry.set_text_hidden(True)
            self.pin_entry.set_allowed_characters("numbers")
            self.pin_entry.set_text(self.pin)
        self.back = self.button((MARGIN, h - 74, 140, 44), _("Back"), focus=False)
        self.start = self.button((w - 260, h - 74, 220, 44), _("Start the game"), object_id="#primary", focus=False)
        self.ring += [("back", self.back), ("start", self.start)]
        self.rows_shown = pygame.Rect(0, d.top, w, h - d.top - d.bottom)
        for e in self.elements[first:-2]:  # rows scrolled out of the window's band are not shown
            if e.rect.top < self.rows_shown.top - 8 or e.rect.bottom > self.rows_shown.bottom + 8:
                e.hide()
        self.show_focus()

    def row_text(self, y: int, names: list[str], about: list[str]) -> None:
        d = self.d
        if d.stacked:
            name_w = self.app.size[0] - 2 * MARGIN
            band = d.name_line * len(names) + d.seg_h + 6
            top = y
        else:
            name_w = self.controls_x() - 20 - MARGIN
            band = max(SEG_H + 4, NAME_LINE * len(names))
            top = y + (SEG_H - NAME_LINE) // 2 if len(names) == 1 else y
        for i, line in enumerate(names):
            self.label(pygame.Rect(MARGIN, top + i * d.name_line, name_w, d.name_line), line, "#role")
        for i, line in enumerate(about):
            self.label(
                pygame.Rect(MARGIN, y + band + i * d.about_line, self.app.size[0] - 2 * MARGIN, d.about_line),
                line,
                "#dim",
            )

    def group(self, key: str, options: list, chosen, x: int, y: int, width: int | None = None) -> Segments:
        segments = Segments(key, options, chosen)
        segments.build(self, x, y, width or self.d.seg_w, self.d.seg_h)
        self.groups[key] = segments
        self.ring.append((key, segments))
        return segments

    def entry(self, key: str, hint: str, typed: str, x: int, y: int) -> HintedEntry:
        entry = self.add(HintedEntry(pygame.Rect(x, y, self.d.field_w, self.d.seg_h), self.manager, hint))
        entry.set_text_length_limit(24)
        entry.set_text(typed)
        self.ring.append((key, entry))
        return entry

    # focus --------------------------------------------------------------------------------------------
    def stop(self, key: str | None) -> Stop | None:
        return next((s for k, s in self.ring if k == key), None)

    def typing_in(self) -> HintedEntry | None:
        """The field the keys are typed into (Tab put them there, or a click)."""
        chosen = self.manager.get_focus_set() or set()
        return next((s for _key, s in self.ring if isinstance(s, HintedEntry) and s in chosen), None)

    def stop_rect(self, stop: Stop) -> pygame.Rect:
        if isinstance(stop, Segments):
            return stop.buttons[0].rect.unionall([b.rect for b in stop.buttons])
        return stop.rect

    def scroll_to(self, target: Stop | None) -> bool:
        """Scroll the rows so ``target`` is in view; True when they were built again for it."""
        band = getattr(self, "rows_shown", None)
        r = self.stop_rect(target) if target is not None else None
        if r is None or band is None or isinstance(target, UIButton) or band.inflate(0, 16).contains(r):
            return False
        up = r.top - band.top - self.d.name_line if r.top < band.top else r.bottom - band.bottom + self.d.about_line
        self.scroll = max(0, self.scroll + up)
        self.keep_typed()
        self.rebuild()
        return True

    def show_focus(self) -> None:
        """Mark the stop in focus: a button selected, a field taking the keys (a group draws its frame)."""
        target = self.stop(self.current)
        if self.scroll_to(target):
            return
        for _key, stop in self.ring:
            if isinstance(stop, UIButton) and stop is not target:
                stop.unselect()
        if isinstance(target, UIButton):
            target.select()
        if isinstance(target, HintedEntry):
            if self.typing_in() is not target:
                self.manager.set_focus_set(target)
        elif self.typing_in() is not None:
            self.manager.set_focus_set(None)
        self.app.dirty = True

    def move_focus(self, step: int) -> None:
        keys = [k for k, _stop in self.ring]
        typing = self.typing_in()
        here = next((k for k, s in self.ring if s is typing), self.current) if typing is not None else self.current
        pos = (keys.index(here) + step) % len(keys) if here in keys else (0 if step > 0 else len(keys) - 1)
        self.current = keys[pos]
        self.show_focus()

    def focused(self) -> UIButton | None:
        target = self.stop(self.current)
        if isinstance(target, Segments):
            return target.chosen_button()
        return target if isinstance(target, UIButton) and target.is_enabled else None

    def update(self, dt: float) -> bool:
        typing = self.typing_in()  # a click in a field moves the focus there
        if typing is not None:
            key = next(k for k, s in self.ring if s is typing)
            if key != self.current:
                self.current = key
                self.show_focus()
        return False

    def draw(self, surface: pygame.Surface) -> None:
        band = getattr(self, "rows_shown", None)
        if band is not None and self.d.stacked:  # rows above or below the window's band: say so
            hidden = [e.rect for e in self.elements if not e.visible]
            if any(r.top < band.top for r in hidden):
                text.draw(surface, "▲", (self.app.size[0] - MARGIN, band.top), 15, palette.TEXT_DIM, anchor="topright")
            if any(r.bottom > band.bottom for r in hidden):
                at = (self.app.size[0] - MARGIN, band.bottom)
                text.draw(surface, "▼", at, 15, palette.TEXT_DIM, anchor="bottomright")
        target = self.typing_in() or self.stop(self.current)
        if isinstance(target, Segments):
            target.draw_focus(surface)
        elif isinstance(target, HintedEntry):
            pygame.draw.rect(surface, palette.YELLOW, target.rect.inflate(8, 8), 3, border_radius=8)

    # keys and clicks ----------------------------------------------------------------------------------
    def on_key(self, event) -> bool:
        if self.typing_in() is not None:
            return False  # Tab and the arrows up and down still move on; the other keys are typing
        target = self.stop(self.current)
        if isinstance(target, Segments) and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.choose(target, target.beside(-1 if event.key == pygame.K_LEFT else 1))
            return True
        if event.key == pygame.K_SPACE and self.focused() is not None:
            self.on_button(self.focused())
            return True
        return False

    def on_event(self, event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.d.stacked:  # rows longer than the window: they scroll
            self.scroll = max(0, self.scroll - event.y * 40)
            self.keep_typed()
            self.rebuild()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.typing_in():
            self.move_focus(1)  # Enter in a field: on to the next
            return True
        return False

    def choose(self, group: Segments, value) -> None:
        """A segment chosen (a click, Enter or an arrow): the screen is built again around the new choice."""
        self.current = group.key
        if value == group.chosen:
            self.show_focus()
            return
        self.keep_typed()
        kind, _colon, role = group.key.partition(":")
        if kind == "seat":
            self.set_seat(role, value)
        elif kind == "bot":
            self.set_bot(role, value)
        else:
            self.facilitator = bool(value)
        self.rebuild()

    def on_button(self, element) -> None:
        for group in self.groups.values():
            if group.owns(element):
                self.choose(group, group.value_of(element))
                return
        if element is self.back:
            self.on_back()
        elif element is self.start:
            self.keep_typed()
            from ...session.hotseat import Seat

            seats = {
                r: Seat(r, self.names[r].strip() if kind is None else "", kind)
                for r, kind in self.kinds.items()
                if kind != LEFT_OUT
            }
            pin = self.pin.strip() if self.facilitator else None
            if pin is not None:
                from ...session.control import pin_problem

                problem = pin_problem(pin)
                if problem:
                    self.app.toast(_("Facilitator seat: {problem}").format(problem=problem))
                    return
            from .flow import start_game

            start_game(self.app, self.scenario, self.files, self.main, seats, pin=pin, source=self.source)

    def on_back(self) -> None:
        self.app.route.picker(self.scenario.id, self.source)

    def help_lines(self) -> list[tuple[str, str]]:
        return [
            (_("Tab / Shift+Tab"), _("the next or previous toggle, name field or button (the arrows up and down too)")),
            (_("Left / Right"), _("on a toggle: choose the segment beside the chosen one")),
            (_("Enter"), _("in a name field, on to the next; on Start the game, start it")),
            (_("Esc"), _("back to the scenarios")),
        ]


FACILITATOR_ABOUT = N_("Sees everything, steers with injects and adjustments; opened between turns with a PIN.")
