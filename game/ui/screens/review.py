"""Semi-rigid adjudication: the facilitator reviews a round before anyone sees it.

Every seat has confirmed; the engine's proposal for the round is listed whole,
grouped by who did what (``review_rows``) and scrolled (``review_list``). Any
change can be overridden with a new amount and a reason (``override``); an
overridden row stays where it was, marked with what was proposed and what the
facilitator set, and can be reverted. Nothing is applied until the facilitator
accepts, and then exactly what the review showed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...i18n import _, ngettext
from ...rules.engine import IllegalAction
from ...rules.state import Override
from .. import palette, text
from ..scroll import KEYS
from .base import MenuScreen, TableScreen
from .facilitator import ControlView, readable_events, without_ministries
from .override import OverrideOverlay
from .pin import PinOverlay
from .review_list import ReviewList, Slot
from .review_rows import GROUPS, Anchor, bands

if TYPE_CHECKING:
    from ...rules.state import Change, Event
    from ...session.hotseat import HotSeat
    from ..app import App

FOOT = 56  # the accept button's row under the list
# Seconds before Enter publishes: the Enter that opened the review (from the PIN dialog), pressed
# twice or held, must not publish the round before the facilitator has seen it. The button always works.
ENTER_AFTER = 0.8


def first_fitting(choices: tuple[str, ...], f: pygame.font.Font, width: int) -> str:
    """The first (the fullest) of ``choices`` that fits ``width``; the last, shortened, if none does."""
    for words in choices:
        if f.size(words)[0] <= width:
            return words
    return text.fit(choices[-1], f, width)


class ReviewScreen(TableScreen):
    """The round's proposed results, each change overridable, before they are published."""

    private = True
    sees_everything = True  # the facilitator's, behind the PIN

    @property
    def board_fraction(self) -> float:
        return 0.5  # the list is what the facilitator reads here: the board gives it room

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        self.real = hotseat
        super().__init__(app, ControlView(hotseat))
        self.overrides: dict[str, Override] = {}
        self.proposed: dict[str, Change | None] = {}  # per overridden key: the change the engine proposed
        self.anchors: dict[str, Anchor] = {}  # per overridden key: where it was made
        self.offset = 0
        self.list: ReviewList | None = None
        self.shown_for = 0.0  # seconds on screen

    def seat_caption(self, short: bool = False) -> str:
        return _("Facilitator — review round {round} before it is published").format(round=self.real.state.round)

    def shown_meters(self) -> dict[str, int]:
        return without_ministries(self.real.scenario, self.obs.meters)

    # the proposal ------------------------------------------------------------
    def proposal(self) -> tuple[Event, ...]:
        """The round with the overrides. An override that no longer names the change it was made on
        (an earlier override changed which events come before it) is dropped, and the facilitator told."""
        dropped: list[str] = []
        while True:
            try:
                events = self.real.proposal(tuple(self.overrides.values()))
            except IllegalAction:
                if not self.overrides:
                    raise
                lost = list(self.overrides)
            else:
                lost = [k for k in self.overrides if not self.anchors[k].holds(events)]
            if not lost:
                break
            dropped += [self.real.scenario.meter_label(k.partition(":")[2]) for k in lost]
            for k in lost:
                self.forget(k)
        if dropped:
            self.app.toast(
                _("No longer matching this round's results, so dropped: {meters}").format(meters=", ".join(dropped)),
                6.0,
            )
        return events

    def fixed(self, events: tuple[Event, ...]) -> set[int]:
        """The events whose changes the engine cannot replace (its drift between rounds): each event
        with changes is tried once with an override of its first change to what it already is."""
        out = set()
        overrides = tuple(self.overrides.values())
        for i, event in enumerate(events):
            if not event.changes or any(k.partition(":")[0] == str(i) for k in self.overrides):
                continue
            c = event.changes[0]
            try:
                self.real.proposal((*overrides, Override(f"{i}:{c.path}", c.after - c.before, "probe")))
            except IllegalAction:
                out.add(i)
        return out

    def forget(self, key: str) -> None:
        for d in (self.overrides, self.proposed, self.anchors):
            d.pop(key, None)

    # layout ------------------------------------------------------------------
    def build(self) -> None:
        b = self.layout()["bottom"]
        self.events = self.proposal()
        sc, fixed = self.real.scenario, self.fixed(self.events)
        shown = bands(sc, self.real.seat_label, self.events, self.overrides, self.proposed, fixed, self.anchors)
        self.list = ReviewList(self, pygame.Rect(b.x, b.y, b.w, b.h - FOOT), shown, self.offset)
        accept_w = 320 if b.w >= 800 else 280
        self.accept = self.button(
            (b.right - accept_w, b.bottom - 46, accept_w, 44), _("Accept and publish (Enter)"), object_id="#primary"
        )
        self.news_box(readable_events(self.real.scenario, self.real.facilitator_view().events), _("Everything so far"))

    def draw_bottom(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        if self.list is None:
            return
        self.list.draw(surface)
        count = len(self.list.slots)
        n, k = ngettext("{n} proposed change", "{n} proposed changes", count).format(n=count), len(self.overrides)
        where = self.list.position()
        w = area.w - self.accept.rect.w - 16
        summary = first_fitting(
            (
                _("{changes} · {k} overridden (marked in yellow)").format(changes=n, k=k),
                _("{changes} · {k} overridden").format(changes=n, k=k),
                _("{changes}, {k} overridden").format(changes=n, k=k),
            ),
            text.font(15, True),
            w,
        )
        help_words = (
            (
                _("{where} · scroll: wheel, bar, arrows, PgUp/PgDn, Home/End").format(where=where),
                _("{where} · scroll: wheel, arrows, PgUp/PgDn").format(where=where),
                _("{where} · wheel or arrows scroll").format(where=where),
                where,
            )
            if where
            else (_("Every change is in view"),)
        )
        x = area.x + 4
        text.draw(surface, summary, (x, area.bottom - 46), 15, palette.TEXT, bold=True)
        text.draw(surface, first_fitting(help_words, text.font(13), w), (x, area.bottom - 22), 13, palette.TEXT_DIM)

    def update(self, dt: float) -> bool:
        moving = super().update(dt)
        self.shown_for += dt
        if self.list is not None:
            if self.list.scroll.follow_bar():
                self.offset = self.list.scroll.offset
                self.app.dirty = True
            self.list.place(shown=not self.app.overlays)
        return moving

    def scrolled(self) -> None:
        """After a scroll: the buttons follow, and a highlighted one scrolled out of the box lets go."""
        assert self.list is not None
        self.offset = self.list.scroll.offset
        self.list.place(shown=not self.app.overlays)
        focused = self.focused()
        if focused is not None and not focused.visible:
            focused.unselect()
            self.focus_index = -1
        self.app.dirty = True

    def move_focus(self, step: int) -> None:
        """Tab reaches every row's buttons, scrolled or not: the list scrolls to the one highlighted."""
        usable = [i for i, b in enumerate(self.focusables) if b.is_enabled and b.alive()]
        if not usable or self.list is None:
            return
        pos = (
            (usable.index(self.focus_index) + step) % len(usable)
            if self.focus_index in usable
            else (0 if step > 0 else len(usable) - 1)
        )
        if 0 <= self.focus_index < len(self.focusables):
            self.focusables[self.focus_index].unselect()
        self.focus_index = usable[pos]
        button = self.focusables[self.focus_index]
        found = self.list.slot_of(button)
        if found is not None:
            self.list.show_slot(found[0])
            self.offset = self.list.scroll.offset
            self.list.place()
        button.select()
        self.app.dirty = True

    # acting ------------------------------------------------------------------
    def override(self, slot: Slot) -> None:
        row = slot.row
        key = row.key
        sc = self.real.scenario
        path = key.partition(":")[2]
        proposed = self.proposed[key] if key in self.overrides else row.now
        index = int(key.partition(":")[0])

        def chosen(delta: int, reason: str) -> None:
            if key not in self.overrides:
                self.proposed[key] = proposed
                self.anchors[key] = Anchor.of(index, self.events, (slot.band.who, slot.item.title, slot.item.detail))
            self.overrides[key] = Override(key, delta, reason)
            self.app.toast(
                _("Overridden: {meter} by {delta}").format(meter=row.label, delta=f"{delta:+d}")
                if delta
                else _("Overridden: {meter} stays").format(meter=row.label)
            )
            self.rebuild()

        groups = {_(g) for g in GROUPS}
        event = slot.item.title if slot.band.who in groups else f"{slot.band.who} — {slot.item.title}"
        OverrideOverlay(self.app, row.label, event, sc.meters[path], proposed, self.overrides.get(key), chosen).open()

    def revert(self, slot: Slot) -> None:
        self.forget(slot.row.key)
        self.app.toast(_("Back to the proposal: {meter}").format(meter=slot.row.label))
        self.rebuild()

    def on_button(self, element) -> None:
        if element is self.accept:
            self.real.adjudicate(tuple(self.overrides.values()))
            self.app.route.show_step()
            return
        found = self.list.slot_of(element) if self.list is not None else None
        if found is not None:
            slot, name = found
            if name == "revert":
                self.revert(slot)
            else:
                self.override(slot)

    def on_key(self, event) -> bool:
        if event.key in KEYS and self.list is not None:
            self.list.scroll.key(event.key)
            self.scrolled()
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused() is None:
            if self.shown_for >= ENTER_AFTER:
                self.on_button(self.accept)
            return True
        return False

    def on_event(self, event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.list is not None:
            self.list.scroll.wheel(event.y)
            self.scrolled()
            return True
        return super().on_event(event)

    def on_back(self) -> None:
        self.app.request_quit()

    def wants_quit_confirmation(self) -> bool:
        return True

    def help_lines(self):
        return [
            (_("Wheel, arrows, PgUp/PgDn, Home/End"), _("scroll the proposed changes")),
            ("Tab", _("the next change's button (the list follows)")),
            (_("Enter"), _("press the highlighted button; with none, accept and publish")),
        ]


class ReviewHandoverScreen(MenuScreen):
    """Semi-rigid: every seat has confirmed; the facilitator reviews before anyone sees results."""

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        super().__init__(app)
        self.hotseat = hotseat

    def build(self) -> None:
        w, h = self.app.size
        hs = self.hotseat
        self.label(
            pygame.Rect(0, h // 2 - 110, w, 30),
            _("{title} — round {round} of {rounds}").format(
                title=hs.scenario.title, round=hs.state.round, rounds=hs.scenario.rounds
            ),
            "#subtitle",
        )
        self.label(pygame.Rect(0, h // 2 - 70, w, 60), _("Pass the computer to the facilitator"), "#title")
        self.label(
            pygame.Rect(0, h // 2, w, 30),
            _("Every seat has confirmed. The facilitator reviews this round's results before they are published."),
            "#subtitle",
        )
        self.ready = self.button(
            (w // 2 - 180, h // 2 + 60, 360, 54), _("Review the round (facilitator PIN)"), object_id="#primary"
        )
        self.move_focus(1)

    def on_button(self, element) -> None:
        if element is self.ready:
            hs = self.hotseat
            PinOverlay(self.app, lambda: self.app.show(ReviewScreen(self.app, hs)), hs.game).open()

    def on_key(self, event) -> bool:
        if event.key == pygame.K_SPACE:
            self.on_button(self.ready)
            return True
        return False

    def on_back(self) -> None:
        self.app.request_quit()

    def wants_quit_confirmation(self) -> bool:
        return True
