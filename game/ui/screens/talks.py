"""The seat's private talks, over its orders screen: what it was told and offered, a letter to write,
a deal to propose, the offers to answer. Everything shown comes from the seat's observation; every
message, offer and answer is an action through ``HotSeat.talk``, so it is saved and replayed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextBox, UITextEntryBox

from ...rules.engine import IllegalAction
from ...rules.negotiation import describe_terms
from ...rules.orders import targets_for
from ...rules.state import Answer, Propose, Term, Write
from .. import palette, text
from ..overlays import Overlay
from .base import TableScreen
from .table import GameKeys

if TYPE_CHECKING:
    from ...rules.observe import Observation
    from ...session.hotseat import HotSeat
    from ..app import App

NOTHING = "(nothing)"
WILL, WONT = "will play", "will not play"
NOW, NEXT = "this round", "next round"
SHOWN_OFFERS = 3  # offers to answer listed at once (the oldest first)


def chosen(menu: UIDropDownMenu) -> str:
    """A drop-down's selected option's text (pygame_gui gives the text, or (text, id))."""
    pick = menu.selected_option
    return pick[0] if isinstance(pick, tuple) else pick


def open_offers(view: Observation) -> list:
    """The offers made to the seat that still wait for its answer."""
    return [d for d in view.deals if d.partner == view.seat and d.status == "proposed"]


def news_count(view: Observation) -> int:
    """Messages to the seat in this round and the last, and the offers waiting for its answer."""
    letters = sum(1 for x in view.letters if x.sender != view.seat and x.round >= view.round - 1)
    return letters + len(open_offers(view))


def history_html(hotseat: HotSeat, view: Observation) -> str:
    """Deals and letters the seat is party to, newest first, as the text box's HTML."""
    sc = hotseat.scenario
    name = hotseat.seat_label
    items: list[tuple[int, int, str]] = []
    for d in view.deals:
        head = f"<b>Deal {d.number}</b>, round {d.round}: {text.html(name(d.proposer))} to {text.html(name(d.partner))}"
        body = text.html(describe_terms(sc, d.terms, view.round))
        note = f"<br><i>{text.html(d.text)}</i>" if d.text else ""
        items.append((d.round, 1, f"{head} — <b>{d.status}</b><br>{body}{note}"))
    for x in view.letters:
        to = ", ".join(name(r) for r in x.to)
        head = f"<b>{text.html(name(x.sender))}</b> to {text.html(to)}, round {x.round}"
        items.append((x.round, 0, f"{head}<br>{text.html(x.text)}"))
    if not items:
        return "No messages or deals yet. Write to another seat, or propose a deal: what you will do, for what they do."
    items.sort(key=lambda t: (-t[0], -t[1]))
    return "<br><br>".join(t[2] for t in items)


class TalksOverlay(Overlay):
    """Letters and deals for the seat giving its orders (T on the orders screen)."""

    width, height = 1120, 700

    def __init__(self, app: App, hotseat: HotSeat, on_close=None) -> None:
        super().__init__(app)
        self.hotseat = hotseat
        self.seat = hotseat.seat
        self.on_close = on_close
        self.to: set[str] = set()
        self.draft = ""

    @property
    def view(self) -> Observation:
        return self.hotseat.observation()

    def others(self) -> list[str]:
        return [r for r in self.hotseat.scenario.role_ids if r != self.seat]

    def options(self, role: str) -> dict[str, tuple[str, str | None]]:
        """What a term of ``role`` can name: "Instrument on Target" -> (instrument, target)."""
        sc = self.hotseat.scenario
        out: dict[str, tuple[str, str | None]] = {}
        for inst_id in sc.role(role).instruments:
            inst = sc.instrument(inst_id)
            targets = targets_for(sc, inst, role) if inst.targets else ()
            if not targets:
                out[inst.name] = (inst_id, None)
            for t in targets:
                out[f"{inst.name} on {sc.name_of(t)}"] = (inst_id, t)
        return out

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        view = self.view
        sc = self.hotseat.scenario
        self.label(
            pygame.Rect(r.x + 20, r.y + 10, r.w - 40, 34),
            f"Talks — {self.hotseat.seat_label(self.seat)} (private)",
            "#heading",
        )
        left = pygame.Rect(r.x + 20, r.y + 50, int(r.w * 0.46), r.h - 110)
        right = pygame.Rect(left.right + 16, left.y, r.right - left.right - 36, left.h)
        offers = open_offers(view)[:SHOWN_OFFERS]
        box_h = left.h - 84 * len(offers)
        self.elements.append(UITextBox(history_html(self.hotseat, view), pygame.Rect(left.x, left.y, left.w, box_h), m))
        self.answers: dict = {}
        y = left.y + box_h + 6
        for d in offers:
            words = (
                f"Deal {d.number} from {self.hotseat.seat_label(d.proposer)}: {describe_terms(sc, d.terms, view.round)}"
            )
            self.label(pygame.Rect(left.x, y, left.w, 26), words, "#dim")
            accept = UIButton(pygame.Rect(left.x, y + 30, 130, 40), "Accept", m, object_id="#primary")
            decline = UIButton(pygame.Rect(left.x + 140, y + 30, 130, 40), "Decline", m)
            self.answers[accept] = Answer(self.seat, d.number, True)
            self.answers[decline] = Answer(self.seat, d.number, False)
            self.elements += [accept, decline]
            y += 84

        self.recipients: dict = {}
        self.send: UIButton | None = None
        self.propose: UIButton | None = None
        self.partner_menu: UIDropDownMenu | None = None
        self.letter: UITextEntryBox | None = None
        rules = sc.negotiation
        if rules.mode == "step" and view.submitted:  # the engine refuses new letters and offers now
            self.label(
                pygame.Rect(right.x, right.y, right.w, 26),
                "The talks of this round are over: orders are being given. You can still answer offers.",
                "#dim",
            )
        else:
            self.build_writing(right, view)
        self.close_button = UIButton(pygame.Rect(r.right - 170, r.bottom - 50, 150, 38), "Back (Esc)", m)
        self.elements.append(self.close_button)
        self.label(
            pygame.Rect(r.x + 20, r.bottom - 46, r.w - 220, 30),
            "Only you and the facilitator see this. A deal binds nobody: the news says who kept it.",
            "#dim",
        )

    def build_writing(self, right: pygame.Rect, view: Observation) -> None:
        """The composer and the deal builder."""
        m = self.app.manager
        sc = self.hotseat.scenario
        rules = sc.negotiation
        # a letter
        sent = sum(1 for x in view.letters if x.sender == self.seat and x.round == view.round)
        self.label(
            pygame.Rect(right.x, right.y, right.w, 26),
            f"Write to (click to choose) — {max(0, rules.messages - sent)} left this round",
            "#dim",
        )
        bw = max(100, (right.w - 8 * (len(self.others()) - 1)) // max(1, len(self.others())))
        for k, role in enumerate(self.others()):
            mark = "✓ " if role in self.to else ""
            b = UIButton(
                pygame.Rect(right.x + k * (bw + 8), right.y + 30, bw, 36),
                text.fit(mark + self.hotseat.seat_label(role), text.font(15), bw - 12),
                m,
            )
            self.recipients[b] = role
            self.elements.append(b)
        self.letter = UITextEntryBox(pygame.Rect(right.x, right.y + 72, right.w, 130), self.draft, m)
        self.send = UIButton(pygame.Rect(right.right - 180, right.y + 208, 180, 38), "Send message", m)
        self.elements += [self.letter, self.send]

        # a deal
        top = right.y + 262
        made = sum(1 for d in view.deals if d.proposer == self.seat and d.round == view.round)
        self.label(
            pygame.Rect(right.x, top, right.w, 26),
            f"Propose a deal — {max(0, rules.proposals - made)} left this round",
            "#dim",
        )
        others: list[str | tuple[str, str]] = [self.hotseat.seat_label(x) for x in self.others()]
        self.partner_menu = UIDropDownMenu(others, others[0], pygame.Rect(right.x, top + 30, right.w, 34), m)
        self.elements.append(self.partner_menu)
        self.term_menus = []
        for k, who in enumerate(("I", "They")):
            y0 = top + 72 + k * 44
            self.label(pygame.Rect(right.x, y0, 50, 34), who)
            will = UIDropDownMenu([WILL, WONT], WILL, pygame.Rect(right.x + 50, y0, 140, 34), m)
            what = UIDropDownMenu([NOTHING], NOTHING, pygame.Rect(right.x + 196, y0, right.w - 196 - 136, 34), m)
            when = UIDropDownMenu([NOW, NEXT], NOW, pygame.Rect(right.right - 130, y0, 130, 34), m)
            self.term_menus.append([will, what, when])
            self.elements += [will, what, when]
        self.refill_terms()
        self.note = UITextEntryBox(pygame.Rect(right.x, top + 166, right.w, 60), "", m)
        self.propose = UIButton(pygame.Rect(right.right - 180, top + 232, 180, 38), "Propose deal", m)
        self.elements += [self.note, self.propose]

    def partner(self) -> str:
        assert self.partner_menu is not None
        name = chosen(self.partner_menu)
        for role in self.others():
            if self.hotseat.seat_label(role) == name:
                return role
        return self.others()[0]

    def refill_terms(self) -> None:
        """The instrument lists for the two terms: this seat's and the chosen partner's."""
        m = self.app.manager
        for k, role in enumerate((self.seat, self.partner())):
            old = self.term_menus[k][1]
            choices: list[str | tuple[str, str]] = [NOTHING, *self.options(role)]
            new = UIDropDownMenu(choices, NOTHING, old.relative_rect.copy(), m)
            self.elements[self.elements.index(old)] = new
            old.kill()
            self.term_menus[k][1] = new

    def terms(self) -> tuple[Term, ...]:
        round_now = self.view.round
        out = []
        for role, (will, what, when) in zip((self.seat, self.partner()), self.term_menus, strict=True):
            pick = chosen(what)
            if pick == NOTHING:
                continue
            inst, target = self.options(role)[pick]
            later = 1 if chosen(when) == NEXT else 0
            out.append(Term(role, inst, target, round_now + later, chosen(will) == WILL))
        return tuple(out)

    def act(self, action, done: str) -> None:
        try:
            self.hotseat.talk(action)
        except IllegalAction as e:
            self.app.toast(str(e), 5.0)
            return
        self.app.toast(done)
        self.draft = "" if isinstance(action, Write) or self.letter is None else self.letter.get_text()
        if isinstance(action, Write):
            self.to = set()
        self.rebuild()

    def rebuild(self) -> None:
        super().rebuild()
        self.build()
        self.app.dirty = True

    def close(self) -> None:
        super().close()
        if self.on_close:
            self.on_close()

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
            return
        if (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and self.partner_menu is not None
            and event.ui_element is self.partner_menu
        ):
            self.refill_terms()
            return
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        element = event.ui_element
        if element is self.close_button:
            self.close()
        elif element in self.answers:
            answer = self.answers[element]
            self.act(answer, f"Deal {answer.deal} {'accepted' if answer.accept else 'declined'}")
        elif element in self.recipients:
            role = self.recipients[element]
            self.to ^= {role}
            self.draft = self.letter.get_text() if self.letter is not None else ""
            self.rebuild()
        elif element is not None and element is self.send:
            if not self.to:
                self.app.toast("Choose who the message is for first")
                return
            words = self.letter.get_text() if self.letter is not None else ""
            self.act(Write(self.seat, tuple(r for r in self.others() if r in self.to), words), "Sent")
        elif element is not None and element is self.propose:
            terms = self.terms()
            if not terms:
                self.app.toast("Choose what you will do, what they will do, or both")
                return
            self.act(Propose(self.seat, self.partner(), terms, self.note.get_text()), "Deal proposed")


class PrivateTurn:
    """What a seat's private turns (of talks, of orders) share: the talks one key away, Ctrl+S and Esc."""

    app: App
    hotseat: HotSeat
    keys: GameKeys
    obs: Observation
    if TYPE_CHECKING:

        def rebuild(self) -> None: ...

    def open_talks(self) -> None:
        TalksOverlay(self.app, self.hotseat, on_close=self.after_talks).open()

    def after_talks(self) -> None:
        """Talks may have changed what the seat sees (a deal accepted, an offer made): read it again."""
        self.obs = self.hotseat.observation()
        self.rebuild()

    def save_prompt(self) -> None:
        self.keys.save_prompt()

    def on_back(self) -> None:
        self.app.request_quit()


class TalksScreen(PrivateTurn, TableScreen):
    """A seat's private turn of talks ("step" talks): the board and its news, the talks one key away,
    and the hand-over to the next seat when it is done. It gives no orders."""

    private = True
    hotseat: HotSeat

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        super().__init__(app, hotseat)
        self.hotseat = hotseat
        self.keys = GameKeys(self, hotseat)

    def seat_caption(self) -> str:
        return f"{self.hotseat.seat_label(self.hotseat.seat)} — your turn of talks (private)"

    def build(self) -> None:
        b = self.layout()["bottom"]
        new = news_count(self.obs)
        self.open_button = self.button(
            (b.x, b.y + 70, b.w // 2 - 8, 48),
            f"Open talks (T){f' — {new} new' if new else ''}",
            "Read, write, propose and answer, in private.",
        )
        self.done_button = self.button(
            (b.x + b.w // 2 + 8, b.y + 70, b.w - b.w // 2 - 8, 48),
            "Done talking (Enter)",
            "Hand the computer on. Orders come after every seat's turn of talks.",
            "#primary",
        )
        self.news_box(self.obs.events, "News and intelligence (newest round first)")

    def draw_bottom(self, surface, area: pygame.Rect) -> None:
        text.draw(surface, "Your turn of talks", (area.x, area.y), 17, palette.TEXT, bold=True)
        text.draw(
            surface,
            text.fit(
                "Every seat talks in private before anyone gives orders: agree this round's moves now.",
                text.font(15),
                area.w,
            ),
            (area.x, area.y + 30),
            15,
            palette.TEXT_DIM,
        )

    def done(self) -> None:
        self.hotseat.end_talks()
        self.app.route.show_step()

    def on_button(self, element) -> None:
        if self.keys.pressed(element):
            return
        if element is self.open_button:
            self.open_talks()
        elif element is self.done_button:
            self.done()

    def on_key(self, event) -> bool:
        if self.keys.handle(event):
            return True
        if event.key == pygame.K_t:
            self.open_talks()
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused() is None:
            self.done()
            return True
        return False

    def help_lines(self):
        return [
            ("T", "open the talks: messages and deals with the other seats"),
            ("Enter", "done talking: hand the computer on"),
        ]
