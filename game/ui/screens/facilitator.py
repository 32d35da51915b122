"""The facilitator's control seat and the pause screen.

Reached between seats' turns with a PIN (``pin``). The facilitator sees
everything (the facilitator observation): every meter, every seat's orders and
reasons, pending consequences, the schedule. Every change made here is an action
in the game's log, so a save replays it exactly. Meters, actors and teams are
named as the players read them (``names``), never by their ids. The semi-rigid
review is in ``review``.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING, Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextBox, UITextEntryLine

from ...i18n import N_, _, labelled
from ...rules.engine import IllegalAction
from ...rules.state import Adjust, Inject, Note, Reschedule, SetMode
from .. import look, text
from ..theme import measuring_font
from .base import MenuScreen, TableScreen
from .names import about_choices, consequence_name, meter_choices, note_subject, readable
from .pin import PinOverlay
from .talks import history_html

if TYPE_CHECKING:
    from ...rules.model import Scenario
    from ...rules.observe import Observation
    from ...rules.state import Action, Event, GameState
    from ...session.hotseat import HotSeat
    from ..app import App

# The control seat's tabs, by their English names (their keys); each shown with ``_``.
TABS = (N_("Overview"), N_("Injects"), N_("Adjust"), N_("Notes"), N_("Mode"))
SCHEDULE_DONE = {"publish": N_("Published now"), "skip": N_("Skipped"), "defer": N_("Deferred one round")}


# The adjudication modes (``state.mode``), as the control seat's caption and toasts name them.
MODE_WORDS = {"rigid": N_("rigid"), "semi-rigid": N_("semi-rigid")}

GAP = 6  # between the tab buttons


def button_widths(labels: tuple[str, ...], width: int, f: pygame.font.Font) -> list[int]:
    """Widths for a row of buttons across ``width``: each as wide as its label (in the bold of the
    chosen tab) and the room left shared out, so no label is cut in a small window."""
    need = [f.size(label)[0] + 24 for label in labels]
    spare = max(0, width - sum(need) - GAP * (len(labels) - 1))
    return [n + spare // len(labels) for n in need]


def readable_events(sc: Scenario, events: Iterable[Event]) -> list[Event]:
    """The log as the facilitator reads it: the engine's own lines in names, not ids."""
    return [readable(sc, e) for e in events]


def without_ministries(sc: Scenario, meters: dict[str, int]) -> dict[str, int]:
    """The meters for the side column: every seat's own meters, all shown at once, would run under the
    log and past the window's bottom; the Overview lists them, the review shows each one that moves."""
    return {p: v for p, v in meters.items() if not sc.has_role(p.partition(".")[0]) or "." not in p}


def ministries_html(sc: Scenario, seat_label: Callable[[str], str], meters: dict[str, int]) -> str:
    """Each seat's own meters, one line a seat."""
    parts = []
    for role in sc.roles:
        own = [(p, v) for p, v in meters.items() if p.partition(".")[0] == role.id and "." in p]
        if own:
            values = " · ".join(f"{escape(sc.meters[p].label)} {v}" for p, v in own)
            parts.append("<br>• " + labelled(escape(seat_label(role.id)), values))
    return "".join(parts)


def open_control(app: App, hotseat: HotSeat) -> None:
    PinOverlay(app, lambda: app.show(FacilitatorScreen(app, hotseat)), hotseat.game).open()


class ControlView:
    """Stands in for the hot-seat game so the table draws the facilitator's view."""

    def __init__(self, hotseat: HotSeat) -> None:
        self._hs = hotseat
        self.scenario = hotseat.scenario
        self.state: GameState = hotseat.state
        self.game = hotseat.game

    def observation(self) -> Observation:
        return self._hs.facilitator_view()

    def seat_label(self, role: str) -> str:
        return self._hs.seat_label(role)


class FacilitatorScreen(TableScreen):
    private = True  # shows everything: never while a player is looking
    sees_everything = True  # the facilitator's, behind the PIN

    def __init__(self, app: App, hotseat: HotSeat, tab: str = "Overview") -> None:
        self.real = hotseat
        super().__init__(app, ControlView(hotseat))
        self.tab = tab
        self.mode_button: UIButton | None = None
        self.apply_button: UIButton | None = None
        self.note_button: UIButton | None = None
        self.inject_buttons: dict[str, UIButton] = {}
        self.schedule_buttons: dict[tuple[int, str], UIButton] = {}
        self.chosen_meter = ""

    def seat_caption(self, short: bool = False) -> str:
        mode = self.real.state.mode
        return _("Facilitator — everything is visible — mode: {mode}").format(mode=_(MODE_WORDS.get(mode, mode)))

    def shown_meters(self) -> dict[str, int]:
        return without_ministries(self.real.scenario, self.obs.meters)

    def refresh(self) -> None:
        self.hotseat = ControlView(self.real)
        self.obs = self.real.facilitator_view()
        self.rebuild()

    def act(self, action: Action, done: str) -> bool:
        try:
            self.real.facilitate(action)
        except IllegalAction as e:
            self.app.toast(str(e))
            return False
        self.app.toast(done)
        self.refresh()
        return True

    # layout ---------------------------------------------------------------
    def build(self) -> None:
        b = self.layout()["bottom"]
        m = self.manager
        self.tab_buttons: dict[str, UIButton] = {}
        keys = (*TABS, "Pause", "Back")
        labels = (*(_(t) for t in TABS), _("Pause"), _("Back (Esc)"))
        f = measuring_font(m, 17, bold=True)
        widths = button_widths(labels, b.w, f)
        row_h = 34 if look.percent() == look.DEFAULT else max(34, f.size("Hg")[1] + 10)
        x, y = b.x, b.y
        for name, label, w in zip(keys, labels, widths, strict=True):
            if look.percent() != look.DEFAULT and x > b.x and x + w > b.right:  # a larger text: on a new row
                x, y = b.x, y + row_h + 6
            rect = (x, y, w, row_h)
            x += w + GAP
            if name == "Pause":
                self.pause = self.button(
                    rect, label, _("Hide everything behind a neutral screen until the PIN is entered.")
                )
            elif name == "Back":
                self.back = self.button(rect, label, _("Back to the game."), "#primary")
            else:
                self.tab_buttons[name] = self.button(rect, label, object_id="#primary" if name == self.tab else None)
        top = y + row_h + 8 - b.y  # under the tabs' rows (one at 100%: 42 pixels)
        self.body = pygame.Rect(b.x, b.y + top, b.w, b.h - top)
        self.mode_button = self.apply_button = self.note_button = None
        self.inject_buttons, self.schedule_buttons = {}, {}
        tabs: dict[str, Callable[[pygame.Rect, pygame_gui.UIManager], None]] = {
            "Overview": self.build_overview,
            "Injects": self.build_injects,
            "Adjust": self.build_adjust,
            "Notes": self.build_notes,
            "Mode": self.build_mode,
        }
        tabs[self.tab](self.body, m)
        self.news_box(readable_events(self.real.scenario, self.obs.events), _("Everything that happened"))

    def build_overview(self, r: pygame.Rect, m: pygame_gui.UIManager) -> None:
        sc = self.real.scenario
        heading = _("Orders this round")
        parts = [f"<b>{heading}</b>"]
        submitted = dict(self.obs.all_orders)
        waiting, none = _("not yet confirmed"), _("no orders")
        for role in sc.roles:
            orders = submitted.get(role.id)
            who = escape(self.real.seat_label(role.id))
            if orders is None:
                parts.append("<br>• " + labelled(who, f"<i>{waiting}</i>"))
                continue
            if not orders:
                parts.append("<br>• " + labelled(who, none))
            for o in orders:
                on = escape(_(" on {target}").format(target=sc.name_of(o.target))) if o.target else ""
                why = f" — <i>{escape('; '.join(o.reasons))}</i>" if o.reasons else ""
                parts.append("<br>• " + labelled(who, f"{escape(sc.instrument(o.instrument).name)}{on}{why}"))
        ministries = ministries_html(sc, self.real.seat_label, self.obs.meters)
        if ministries:
            heading = _("The ministries' own meters")
            parts.append(f"<br><br><b>{heading}</b>" + ministries)
        heading = _("Consequences on their way")
        parts.append(f"<br><br><b>{heading}</b>")
        if not self.obs.pending:
            parts.append("<br>" + _("None."))
        for p in self.obs.pending:
            c = sc.consequence(p.consequence)
            fires = _("fires in round {round} (its condition held in round {held})").format(
                round=p.fire_round, held=p.scheduled
            )
            parts.append("<br>• " + labelled(escape(consequence_name(c)), fires))
        if sc.schedule:
            heading = _("Schedule")
            parts.append(f"<br><br><b>{heading}</b>")
            for i, item in enumerate(sc.schedule):
                due = self.obs.schedule[i] if i < len(self.obs.schedule) else None
                status = _("round {round}").format(round=due) if due is not None else _("done or skipped")
                parts.append(
                    f"<br>• {escape(sc.crisis(item.crisis).title)}: "
                    f"{status}{' — ' + escape(item.note) if item.note else ''}"
                )
        if sc.negotiation.mode != "off":
            heading = _("Talks: every message and deal, newest first")
            parts.append(f"<br><br><b>{heading}</b><br>")
            parts.append(history_html(sc, self.real.seat_label, self.obs))
        self.add(UITextBox("".join(parts), r, m))

    def build_injects(self, r: pygame.Rect, m: pygame_gui.UIManager) -> None:
        sc = self.real.scenario
        y = r.y
        started = set(self.obs.active_crises) | set(self.obs.ended_crises)
        for crisis in sc.crises:
            if crisis.inject and crisis.id not in started and y + 40 <= r.bottom:
                self.inject_buttons[crisis.id] = self.button(
                    (r.x, y, r.w // 2 - 8, 36),
                    text.fit(_("Start now: {title}").format(title=crisis.title), text.font(15), r.w // 2 - 30),
                    f"{crisis.title}: {crisis.text}",
                )
                y += 42
        if not self.inject_buttons:
            self.label(pygame.Rect(r.x, y, r.w // 2, 30), _("No inject-only crisis is waiting."), "#dim")
        y = r.y
        x = r.x + r.w // 2 + 8
        w = r.w // 2 - 8
        for i, item in enumerate(sc.schedule):
            due = self.obs.schedule[i] if i < len(self.obs.schedule) else None
            if due is None or y + 40 > r.bottom:
                continue
            title = sc.crisis(item.crisis).title
            self.label(pygame.Rect(x, y, w, 22), _("Round {round}: {title}").format(round=due, title=title))
            bw = (w - 16) // 3
            ops = (("publish", _("Publish now")), ("skip", _("Skip")), ("defer", _("Defer 1 round")))
            for k, (op, label) in enumerate(ops):
                self.schedule_buttons[(i, op)] = self.button(
                    (x + k * (bw + 8), y + 24, bw, 32), label, item.note or None
                )
            y += 64
        if not self.schedule_buttons:
            self.label(pygame.Rect(x, r.y, w, 30), _("Nothing scheduled is still to come."), "#dim")

    def build_adjust(self, r: pygame.Rect, m: pygame_gui.UIManager) -> None:
        self.meters = meter_choices(self.real.scenario)
        choices: list[str | tuple[str, str]] = list(self.meters)
        start = self.chosen_meter if self.chosen_meter in self.meters else choices[0]
        self.meter_menu = self.add(UIDropDownMenu(choices, start, pygame.Rect(r.x, r.y, r.w, 34), m))
        self.delta = self.add(UITextEntryLine(pygame.Rect(r.x, r.y + 44, 120, 36), m, placeholder_text=_("+5 or -5")))
        self.reason = self.add(
            UITextEntryLine(
                pygame.Rect(r.x + 130, r.y + 44, r.w - 130, 36),
                m,
                placeholder_text=_("Reason (required; it goes in the log and the review)"),
            )
        )
        self.apply_button = self.button((r.right - 200, r.y + 90, 200, 38), _("Apply adjustment"), object_id="#primary")

    def build_notes(self, r: pygame.Rect, m: pygame_gui.UIManager) -> None:
        sc = self.real.scenario
        self.abouts = about_choices(sc)
        about: list[str | tuple[str, str]] = list(self.abouts)
        self.about_menu = self.add(UIDropDownMenu(about, about[0], pygame.Rect(r.x, r.y, r.w // 2, 34), m))
        self.note_entry = self.add(
            UITextEntryLine(
                pygame.Rect(r.x, r.y + 44, r.w - 150, 36),
                m,
                placeholder_text=_("A note for round {round}").format(round=self.obs.round),
            )
        )
        self.note_button = self.button((r.right - 140, r.y + 44, 140, 36), _("Add note"), object_id="#primary")
        notes = [e for e in self.obs.events if e.kind == "note"]
        shown = "".join(
            "• "
            + _("{head}{about}: {note}").format(
                head=_("Round {round}").format(round=e.round),
                about=" — " + escape(note_subject(sc, e.ref)) if e.ref else "",
                note=escape(e.text),
            )
            + "<br>"
            for e in reversed(notes)
        ) or _("No notes yet.")
        self.add(UITextBox(shown, pygame.Rect(r.x, r.y + 88, r.w, r.h - 88), m))

    def build_mode(self, r: pygame.Rect, m: pygame_gui.UIManager) -> None:
        semi = self.obs.mode == "semi-rigid"
        rigid = _("the engine decides each round's results and publishes them at once.")
        semi_rigid = _(
            "when the last seat confirms, the computer is passed to you; you review the "
            "proposed results and accept or override each change, with a reason, before anyone sees them."
        )
        rigid_name, semi_name = _("Rigid"), _("Semi-rigid")
        explain = f"<b>{rigid_name}</b>: {rigid}<br><br><b>{semi_name}</b>: {semi_rigid}"
        self.add(UITextBox(explain, pygame.Rect(r.x, r.y, r.w, r.h - 50), m))
        self.mode_button = self.button(
            (r.x, r.bottom - 44, 320, 40),
            _("Switch to rigid") if semi else _("Switch to semi-rigid"),
            object_id="#primary",
        )

    # events ---------------------------------------------------------------
    def on_button(self, element) -> None:
        for name, button in self.tab_buttons.items():
            if element is button:
                self.tab = name
                self.rebuild()
                return
        if element is self.back:
            self.on_back()
        elif element is self.pause:
            self.app.show(PauseScreen(self.app, self.real))
        elif element is not None and element is self.mode_button:
            mode = "rigid" if self.obs.mode == "semi-rigid" else "semi-rigid"
            self.act(SetMode(mode), _("Adjudication is now {mode}").format(mode=_(MODE_WORDS[mode])))
        elif element is not None and element is self.apply_button:
            self.apply_adjustment()
        elif element is not None and element is self.note_button:
            about = self.about_menu.selected_option
            ref = self.abouts.get(about[0] if isinstance(about, tuple) else about)
            if self.act(Note(self.note_entry.get_text().strip(), ref), _("Note added")):
                return
        else:
            sc = self.real.scenario
            for cid, button in self.inject_buttons.items():
                if element is button:
                    started = _("Started: {title}").format(title=sc.crisis(cid).title)
                    self.act(Inject(cid, "started from the control seat"), started)
                    return
            for (index, op), button in self.schedule_buttons.items():
                if element is button:
                    title = sc.crisis(sc.schedule[index].crisis).title
                    done = _(SCHEDULE_DONE[op])
                    self.act(Reschedule(index, op, 1), f"{done}: {title}")
                    return

    def apply_adjustment(self) -> None:
        chosen = self.meter_menu.selected_option
        label = chosen[0] if isinstance(chosen, tuple) else chosen
        path = self.meters[label]
        self.chosen_meter = label  # still chosen after the tab is built again
        raw = self.delta.get_text().strip().replace("+", "")
        try:
            delta = int(raw)
        except ValueError:
            self.app.toast(_("The change must be a whole number, like 5 or -5"))
            return
        done = _("Adjusted {meter} by {delta}").format(meter=label, delta=f"{delta:+d}")
        self.act(Adjust(path, delta, self.reason.get_text().strip()), done)

    def on_back(self) -> None:
        self.app.route.show_step()

    def wants_quit_confirmation(self) -> bool:
        return True

    def help_lines(self):
        return [(_("Esc"), _("back to the game")), (_("Tabs"), ", ".join(_(t) for t in TABS))]


class PauseScreen(MenuScreen):
    """Nothing on screen but the word: for breaks, discussions, a trainee at the keyboard."""

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        super().__init__(app)
        self.hotseat = hotseat

    def build(self) -> None:
        w, h = self.app.size
        self.label(pygame.Rect(0, h // 2 - 60, w, 60), _("Paused"), "#title")
        self.label(pygame.Rect(0, h // 2 + 4, w, 30), _("The facilitator will resume the exercise."), "#subtitle")
        self.resume = self.button((w // 2 - 140, h // 2 + 60, 280, 46), _("Resume (facilitator PIN)"))
        self.move_focus(1)

    def on_button(self, element) -> None:
        if element is self.resume:
            open_control(self.app, self.hotseat)

    def on_back(self) -> None:
        open_control(self.app, self.hotseat)
