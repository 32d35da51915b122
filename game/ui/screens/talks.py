"""The seat's private talks, over its orders screen: what it was told and offered, a letter to write,
a deal to propose, the offers to answer. Everything shown comes from the seat's observation; every
message, offer and answer is an action through ``HotSeat.talk``, so it is saved and replayed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextBox, UITextEntryBox

from ...i18n import N_, _, ngettext
from ...rules import negotiation
from ...rules.engine import IllegalAction
from ...rules.negotiation import STATUS_NAMES, describe_term, describe_terms
from ...rules.orders import targets_for
from ...rules.state import Answer, Propose, Term, Write
from ...session.hotseat import Draft
from .. import look, text
from ..focus import FocusRing, fold, open_menus, stepped
from ..look import px
from ..overlays import Overlay
from ..theme import measuring_font
from .talks_column import Column

if TYPE_CHECKING:
    from ...rules.model import Scenario
    from ...rules.observe import Observation
    from ...session.hotseat import HotSeat
    from ..app import App

# The deal builder's words (looked up with ``_`` where shown, and compared with the menus' choices so).
NOTHING = N_("(nothing)")
WILL, WONT = N_("will play"), N_("will not play")
NOW, NEXT = N_("this round"), N_("next round")
SHOWN_OFFERS = 3  # offers to answer listed at once (the oldest first)
ANSWER_PAUSE = 500  # milliseconds after an answer in which the answer buttons do nothing
WARN = "#F0E442"  # palette.YELLOW: a promise the seat could not keep
OFFER_H = 142  # an offer to answer at least: its terms in full, then Accept, Decline, Counter
HISTORY_MIN = 80  # the history above the offers keeps this much where offers grow with their words
HISTORY_SCROLLED = 94  # its height where the column scrolls: three whole lines of its text
FIRST_WORDS = N_(
    "No messages or deals yet. Write to another seat, or propose a deal: what you will do, for what they do."
)


def chosen(menu: UIDropDownMenu) -> str:
    """A drop-down's selected option's text (pygame_gui gives the text, or (text, id))."""
    pick = menu.selected_option
    return pick[0] if isinstance(pick, tuple) else pick


def open_offers(view: Observation) -> list:
    """The offers made to the seat that still wait for its answer."""
    return [d for d in view.deals if d.partner == view.seat and d.status == "proposed"]


def history_html(sc: Scenario, name: Callable[[str], str], view: Observation, empty: str = "") -> str:
    """Deals and letters in ``view`` (a seat's own, or all of them for the facilitator), newest first, as a
    text box's HTML; ``name`` gives a role's seat label."""
    items: list[tuple[int, int, str]] = []
    for d in view.deals:
        deal = _("Deal {n}").format(n=view.deal_label(d.number))
        head = "<b>{deal}</b>{rest}".format(
            deal=deal,
            rest=_(", round {round}: {proposer} to {partner}").format(
                round=d.round, proposer=text.html(name(d.proposer)), partner=text.html(name(d.partner))
            ),
        )
        # (this round's deals say "this round" and "next round"; older ones name their rounds, which those
        # words would now misplace)
        body = text.html(describe_terms(sc, d.terms, view.round if d.round == view.round else None))
        note = f"<br><i>{text.html(d.text)}</i>" if d.text else ""
        status = _(STATUS_NAMES[d.status]) if d.status in STATUS_NAMES else d.status
        if d.status == "broken":
            status = _("broken by {seats}").format(seats=_(" and ").join(name(r) for r in d.broken_by))
        answers = _(" (a counter to deal {n})").format(n=view.deal_label(d.counters)) if d.counters else ""
        items.append((d.round, 1, f"{head}{answers} — <b>{text.html(status)}</b><br>{body}{note}"))
    for x in view.letters:
        to = ", ".join(name(r) for r in x.to)
        to_whom = _("to {seats}, round {round}").format(seats=text.html(to), round=x.round)
        head = f"<b>{text.html(name(x.sender))}</b> {to_whom}"
        items.append((x.round, 0, f"{head}<br>{text.html(x.text)}"))
    if not items:
        return empty or _("No messages or deals yet.")
    items.sort(key=lambda t: (-t[0], -t[1]))
    return "<br><br>".join(t[2] for t in items)


class TalksOverlay(Overlay):
    """Letters and deals for the seat giving its orders (T on the orders screen). Every widget is on the
    keyboard's focus ring; the deal being built survives the overlay being built again."""

    width, height = 1120, 700

    def __init__(self, app: App, hotseat: HotSeat, on_close=None) -> None:
        super().__init__(app)
        self.hotseat = hotseat
        self.seat = hotseat.seat
        self.on_close = on_close
        self.ring = FocusRing(app.manager)
        draft = hotseat.drafts.get(self.seat) or Draft()  # what the seat left unsent when it last closed them
        self.to: set[str] = set(draft.to)
        self.draft = draft.letter
        self.picks: dict[str, str] = dict(draft.picks)  # the deal builder's choices, by menu name
        self.countering: int | None = draft.countering  # the offer the deal being built answers
        self.answered_at = -ANSWER_PAUSE  # when an offer was last answered (pygame ticks)
        # The history and offers (and, at a larger text, the writing under them), where they scroll: a
        # larger text size, or offers that do not fit whole beside the writing (see build).
        self.column = Column()
        self.pointer = (0, 0)  # where the mouse last moved: the wheel scrolls the column it is over
        self.history_box: UITextBox | None = None  # (see build)

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
                out[_("{instrument} on {target}").format(instrument=inst.name, target=sc.name_of(t))] = (inst_id, t)
        return out

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        view = self.view
        sc = self.hotseat.scenario
        self.ring.clear()
        self.label(
            pygame.Rect(r.x + 20, r.y + 10, r.w - 40, 34),
            _("Talks — {seat} (private)").format(seat=self.hotseat.seat_label(self.seat)),
            "#heading",
        )
        writing = self.hotseat.talks_open()
        if self.countering and self.hotseat.state.deals[self.countering - 1].status != "proposed":
            self.countering = None  # the offer was answered, or lapsed, since the counter was begun
        offers = open_offers(view)[:SHOWN_OFFERS]
        offer_h = px(OFFER_H)
        cards = [self.offer_words(view, d) for d in offers]
        heights = [offer_h] * len(offers)
        footer_w = r.w - 40 - px(180)
        footer = self.label_lines(self.footer_words(), footer_w, "#dim")  # two lines where it is narrow
        pitch = self.label_font("#dim").get_linesize()
        lift = pitch * (len(footer) - 1)  # the columns end higher by the footer's extra line
        self.band = pygame.Rect(r.x, r.y + px(50), r.w, r.h - px(50) - px(60) - lift)  # where the scrolled part shows
        column = self.column
        if self.stacked():  # a larger text: the history and offers, then the writing, in one column that scrolls
            box_h = px(150)
            column.snaps = False
            left = pygame.Rect(r.x + 20, self.band.y - column.offset, r.w - 40, box_h + offer_h * len(offers))
            right = pygame.Rect(left.x, left.bottom + px(16), left.w, px(350) if writing else px(90))
        else:
            left = pygame.Rect(r.x + 20, r.y + 50, int(r.w * 0.46), r.h - 110 - lift)
            right = pygame.Rect(left.right + 16, left.y, r.right - left.right - 36, left.h)
            # Each offer as tall as its words, the history above keeping at least three lines. Where they
            # do not all fit so (a small window), the column of history and offers scrolls as one, each
            # offer still whole: a note is never cut inside a box of its own.
            heights = [max(offer_h, self.words_height(words, left.w) + px(44)) for words in cards]
            box_h = left.h - sum(heights)
            column.snaps = box_h < px(HISTORY_MIN)
            if column.snaps:
                box_h = px(HISTORY_SCROLLED)
                left = pygame.Rect(left.x, left.y - column.offset, left.w, box_h + sum(heights))
            else:
                column.offset = 0  # (an offer answered since: all of them fit again)
        first = len(self.elements)
        history = history_html(sc, self.hotseat.seat_label, view, _(FIRST_WORDS) if writing else "")
        self.history_box = UITextBox(history, pygame.Rect(left.x, left.y, left.w, box_h), m)
        self.elements.append(self.history_box)
        self.answers: dict = {}
        self.counters: dict = {}
        y = left.y + box_h + 6
        column.units = []
        column.stops = [0]
        for d, words, offer_h in zip(offers, cards, heights, strict=True):
            column.stops.append(y - left.y - 6)
            first_of_unit = len(self.elements)
            self.elements.append(UITextBox(words, pygame.Rect(left.x, y, left.w, offer_h - px(44)), m))
            row = y + offer_h - px(40)
            accept = self.add_button(f"accept {d.number}", pygame.Rect(left.x, row, px(130), px(36)), _("Accept"))
            decline = self.add_button(
                f"decline {d.number}", pygame.Rect(left.x + px(140), row, px(130), px(36)), _("Decline")
            )
            self.answers[accept] = Answer(self.seat, d.number, True)
            self.answers[decline] = Answer(self.seat, d.number, False)
            if writing:
                at = pygame.Rect(left.x + px(280), row, px(150), px(36))
                counter = self.add_button(f"counter {d.number}", at, _("Counter"))
                self.counters[counter] = d
            column.units.append(self.elements[first_of_unit:])
            y += offer_h
        offers_end = len(self.elements)  # (the history and offers: the column that scrolls side by side)
        column.rect = left

        self.recipients: dict = {}
        self.send: UIButton | None = None
        self.propose: UIButton | None = None
        self.partner_menu: UIDropDownMenu | None = None
        self.letter: UITextEntryBox | None = None
        self.note: UITextEntryBox | None = None
        self.term_menus: list[list[UIDropDownMenu]] = []
        if writing:
            self.build_writing(right, view)
        else:
            over = _("The talks of this round are over: every seat has had its turn. You can still answer offers.")
            self.elements.append(UITextBox(over, pygame.Rect(right.x, right.y, right.w, px(84)), m))
        column.shown = self.band.copy()
        if self.scrolls():
            self.hide_scrolled(self.elements[first:] if self.stacked() else self.elements[first:offers_end])
        self.close_button = self.add_button(
            "close", pygame.Rect(r.right - px(170), r.bottom - px(50), px(150), px(38)), _("Back (Esc)")
        )
        for i, line in enumerate(footer):  # under the columns, beside the button
            top = r.bottom - px(46) - pitch * (len(footer) - 1 - i)
            self.label(pygame.Rect(r.x + 20, top, footer_w, px(30)), line, "#dim")
        self.ring.show()

    def hide_scrolled(self, scrolled: list) -> None:
        """Hide what of ``scrolled`` (what scrolls) is out of view (``Column.out_of_view``). Side by side, the
        view keeps a line under the offers, which says how many are below it (or above)."""
        column = self.column
        if not self.stacked():
            column.shown.h -= px(28)
        out, below, above = column.out_of_view(scrolled)
        for e in out:
            e.hide()
        if (below or above) and not self.stacked():
            if below:
                more = ngettext(
                    "{n} more offer below: scroll down, or Tab to it",
                    "{n} more offers below: scroll down, or Tab to them",
                    below,
                ).format(n=below)
            else:
                more = ngettext(
                    "{n} more offer above: scroll up, or Shift+Tab to it",
                    "{n} more offers above: scroll up, or Shift+Tab to them",
                    above,
                ).format(n=above)
            spot = pygame.Rect(column.rect.x, column.shown.bottom + px(2), column.rect.w, px(24))
            self.label(spot, more, "#dim")

    def footer_words(self) -> str:
        """Who sees the talks, and the keys."""
        return (
            _(
                "Only you and the facilitator see this; a broken deal and its terms go in everyone's news. "
                "Keys: Tab, Enter, arrows."
            )
            if self.hotseat.scenario.negotiation.news == "all"
            else _("Only you and the facilitator see this; the news says who kept a deal. Keys: Tab, Enter, arrows.")
        )

    def add_button(
        self, key: str, rect: pygame.Rect, words: str, object_id: str | None = None, tip: str | None = None
    ) -> UIButton:
        f = measuring_font(self.app.manager, 17 if object_id == "#primary" else 14, object_id == "#primary")
        rect = look.roomy(rect, words, f, None if self.stacked() else self.rect)  # (a scrolled one stays in its row)
        button = UIButton(rect, words, self.app.manager, object_id=object_id, tool_tip_text=tip)
        self.elements.append(button)
        self.ring.add(key, button)
        return button

    def words_height(self, words: str, width: int) -> int:
        """The height a text box of ``width`` takes to show ``words`` whole: one is laid out to see."""
        probe = UITextBox(words, pygame.Rect(0, 0, width, -1), self.app.manager)
        height = probe.rect.height
        probe.kill()
        return height

    def offer_words(self, view: Observation, d) -> str:
        """An offer to answer as its card says it (HTML): the seat's own promises it could not keep first,
        then the terms, then the proposer's note."""
        sc = self.hotseat.scenario
        deal = _("Deal {n}").format(n=view.deal_label(d.number))
        sender = _("from {seat}:").format(seat=self.hotseat.seat_label(d.proposer))
        words = f"<b>{deal}</b> {text.html(sender)} {text.html(describe_terms(sc, d.terms, view.round))}"
        if d.text:  # the note, with the offer it goes with (the history above may be scrolled)
            words += f"<br><i>{text.html(d.text)}</i>"
        for term in d.terms:  # the seat's own promises it could not keep: said before it accepts
            why = negotiation.cannot_keep(sc, self.hotseat.state, term) if term.role == self.seat else None
            if why:
                warning = _("You could not keep {term}: {reason}.").format(
                    term=describe_term(sc, term, view.round), reason=why
                )
                words = f"<font color='{WARN}'>{text.html(warning)}</font><br>{words}"  # first: seen unscrolled
        return words

    def add_menu(self, key: str, rect: pygame.Rect, choices: list[str], default: str) -> UIDropDownMenu:
        """A drop-down that starts on the choice kept for it (if it is still one of ``choices``)."""
        pick = self.picks.get(key, default)
        room = max(px(80), self.app.size[1] - rect.bottom - px(12))  # its list stays in the window, scrolling
        menu = UIDropDownMenu(
            list(choices), pick if pick in choices else default, rect, self.app.manager, expansion_height_limit=room
        )
        self.elements.append(menu)
        self.ring.add(key, menu)
        return menu

    def build_writing(self, right: pygame.Rect, view: Observation) -> None:
        """The composer and the deal builder."""
        m = self.app.manager
        rules = self.hotseat.scenario.negotiation
        # a letter
        sent = sum(1 for x in view.letters if x.sender == self.seat and x.round == view.round)
        self.label(
            pygame.Rect(right.x, right.y, right.w, px(26)),
            _("Write to (click to choose) — {n} left this round").format(n=max(0, rules.messages - sent)),
            "#dim",
        )
        others = self.others()
        names = [self.hotseat.seat_label(role) for role in others]
        spots = recipient_spots([text.font(15, bold=True).size("• " + n)[0] + 28 for n in names], right.w)
        rows = max((line for line, _x, _w in spots), default=0) + 1
        bh = px(36 if rows == 1 else 28)  # more rows of names take from the letter box, never from a name
        if rows == 1:  # one row: the toggles share it evenly
            even = (right.w - 8 * (len(others) - 1)) // max(1, len(others))
            spots = [(0, k * (even + 8), even) for k in range(len(others))]
        for role, name, (line, x, w) in zip(others, names, spots, strict=True):
            chosen_one = role in self.to
            b = self.add_button(
                f"to {role}",
                pygame.Rect(right.x + x, right.y + px(30) + line * (bh + 4), w, bh),
                text.fit(("• " if chosen_one else "") + name, text.font(15, bold=True), w - 14),
                "#chosen" if chosen_one else None,  # (the primary style's 17 px would cut a long name)
                tip=_("{seat}: chosen").format(seat=name)
                if chosen_one
                else _("{seat}: click to write to them too").format(seat=name),
            )
            self.recipients[b] = role
        used = rows * (bh + 4) - 4
        if rows == 1:
            self.letter = UITextEntryBox(pygame.Rect(right.x, right.y + px(72), right.w, px(76)), self.draft, m)
            send = pygame.Rect(right.right - px(180), right.y + px(154), px(180), px(38))
        else:  # the names took the room under the box: Send goes beside it
            box_top = right.y + px(36) + used
            box_h = max(px(40), px(160) - used) if self.stacked() else 160 - used
            box = pygame.Rect(right.x, box_top, right.w - px(190), box_h)
            self.letter = UITextEntryBox(box, self.draft, m)
            send = pygame.Rect(right.right - px(180), box_top, px(180), px(38))
        self.elements.append(self.letter)
        self.ring.add("letter", self.letter)
        self.send = self.add_button("send", send, _("Send message"))

        # a deal: for each party, whether it will or will not, and when, then what (the whole width, so the
        # instrument and its target are read in full)
        top = right.y + px(204)
        made = sum(1 for d in view.deals if d.proposer == self.seat and d.round == view.round)
        heading = _("Propose a deal")
        if self.countering:
            heading = _("Counter to deal {n}").format(n=view.deal_label(self.countering))
        self.label(
            pygame.Rect(right.x, top, right.w, px(26)),
            _("{heading} — {n} left this round").format(heading=heading, n=max(0, rules.proposals - made)),
            "#dim",
        )
        others = [self.hotseat.seat_label(x) for x in self.others()]
        at = pygame.Rect(right.x, top + px(30), right.w, px(34))
        self.partner_menu = self.add_menu("partner", at, others, others[0])
        for k, (who, role) in enumerate(((_("I"), self.seat), (_("They"), self.partner()))):
            y0 = top + px(72 + k * 82)
            self.label(pygame.Rect(right.x, y0, px(50), px(34)), who)
            at = pygame.Rect(right.x + px(50), y0, px(160), px(34))
            will = self.add_menu(f"will {k}", at, [_(WILL), _(WONT)], _(WILL))
            at = pygame.Rect(right.x + px(218), y0, px(150), px(34))
            when = self.add_menu(f"when {k}", at, [_(NOW), _(NEXT)], _(NOW))
            choices = [_(NOTHING), *self.options(role)]
            at = pygame.Rect(right.x + px(50), y0 + px(38), right.w - px(50), px(34))
            what = self.add_menu(f"what {k}", at, choices, _(NOTHING))
            row = [will, what, when]
            self.term_menus.append(row)
        self.label(pygame.Rect(right.x, top + px(232), right.w, px(22)), _("A note with the deal (optional)"), "#dim")
        # Up to three lines of note (a note is read over before it goes), its button beside it, in whole lines
        # above the footer (one line where a small window's footer takes two).
        box = pygame.Rect(right.x, top + px(256), right.w - px(190), px(90))
        if not self.stacked() and box.bottom > self.band.bottom:
            lines = max(0, (self.band.bottom - box.top - px(46)) // px(22))  # (46: one line, with the padding)
            box.h = px(46) + px(22) * min(2, lines)
        self.note = UITextEntryBox(box, self.picks.get("note", ""), m)
        self.elements.append(self.note)
        self.ring.add("note", self.note)
        label = _("Send counter") if self.countering else _("Propose deal")
        self.propose = self.add_button(
            "propose", pygame.Rect(right.right - px(180), box.bottom - px(38), px(180), px(38)), label
        )

    def partner(self) -> str:
        name = chosen(self.partner_menu) if self.partner_menu is not None else self.picks.get("partner")
        for role in self.others():
            if self.hotseat.seat_label(role) == name:
                return role
        return self.others()[0]

    def keep_picks(self) -> None:
        """Remember the deal builder's choices and texts, so building the overlay again keeps them."""
        if self.partner_menu is None:
            return
        self.picks["partner"] = chosen(self.partner_menu)
        for k, row in enumerate(self.term_menus):
            for name, menu in zip(("will", "what", "when"), row, strict=True):
                self.picks[f"{name} {k}"] = chosen(menu)
        if self.note is not None:
            self.picks["note"] = self.note.get_text()
        if self.letter is not None:
            self.draft = self.letter.get_text()
        offer = self.hotseat.state.deals[self.countering - 1] if self.countering else None
        if offer is not None and self.partner() != offer.proposer:
            self.countering = None  # a deal for someone else answers nothing

    def counter(self, offer) -> None:
        """Start a counter-offer: the builder holds the offer's terms, to be changed before sending."""
        self.keep_picks()
        self.countering = offer.number
        self.picks["partner"] = self.hotseat.seat_label(offer.proposer)
        round_now = self.view.round
        for k, role in enumerate((self.seat, offer.proposer)):
            names = {v: name for name, v in self.options(role).items()}
            term = next((t for t in offer.terms if t.role == role), None)
            nothing = _(NOTHING)
            self.picks[f"what {k}"] = names.get((term.instrument, term.target), nothing) if term else nothing
            self.picks[f"will {k}"] = _(WILL) if term is None or term.do else _(WONT)
            self.picks[f"when {k}"] = _(NOW) if term is None or term.round == round_now else _(NEXT)
        self.ring.current = "what 0"
        self.rebuild(keep=False)

    def terms(self) -> tuple[Term, ...]:
        round_now = self.view.round
        out = []
        for role, (will, what, when) in zip((self.seat, self.partner()), self.term_menus, strict=True):
            pick = chosen(what)
            if pick == _(NOTHING):
                continue
            inst, target = self.options(role)[pick]
            later = 1 if chosen(when) == _(NEXT) else 0
            out.append(Term(role, inst, target, round_now + later, chosen(will) == _(WILL)))
        return tuple(out)

    def act(self, action, done: str) -> None:
        self.keep_picks()
        try:
            self.hotseat.talk(action)
        except IllegalAction as e:
            self.app.toast(str(e), 5.0)
            return
        self.app.toast(done)
        if isinstance(action, Write):
            self.to, self.draft = set(), ""
        if isinstance(action, Propose):
            self.picks, self.countering = {}, None
        self.rebuild(keep=False)

    def rebuild(self, keep: bool = True) -> None:
        if keep:
            self.keep_picks()
        super().rebuild()
        self.app.dirty = True

    def close(self) -> None:
        self.keep_picks()
        self.hotseat.drafts[self.seat] = Draft(self.draft, tuple(sorted(self.to)), dict(self.picks), self.countering)
        self.hotseat.read_talks(self.seat)
        super().close()
        self.app.manager.set_focus_set(None)
        if self.on_close:
            self.on_close()

    def draw_under(self, surface: pygame.Surface) -> None:
        super().draw_under(surface)
        if self.scrolls():  # (wheel, or Tab to what is out of view): a bar in its margin says where it is
            self.column.draw(surface, self.rect.right - 12 if self.stacked() else self.column.rect.right + 5)
        self.ring.draw(surface)

    def choose(self, menu: UIDropDownMenu, step: int) -> None:
        """The arrows on a focused drop-down: the next or previous choice."""
        key = next(k for k, e in self.ring.items if e is menu)
        self.keep_picks()
        self.picks[key] = stepped(menu, step)
        if key == "partner":
            self.keep_picks_for_new_partner()
        self.rebuild(keep=False)

    def keep_picks_for_new_partner(self) -> None:
        """Their instruments differ from one partner to the next: their term starts empty."""
        self.picks["what 1"] = _(NOTHING)
        offer = self.hotseat.state.deals[self.countering - 1] if self.countering else None
        if offer is not None and self.hotseat.seat_label(offer.proposer) != self.picks["partner"]:
            self.countering = None

    def stacked(self) -> bool:
        """A larger text: one column (the history and offers, then the writing) that scrolls."""
        return look.percent() != look.DEFAULT

    def scrolls(self) -> bool:
        """Whether a column scrolls: the one column of a larger text, or, side by side, the history and
        offers where the offers do not fit whole (the writing beside them stays put)."""
        return self.stacked() or self.column.snaps

    def over_history(self) -> bool:
        """Whether the mouse is over the history where it scrolls on its own (the wheel is then its)."""
        box = self.history_box
        return bool(box is not None and box.visible and box.scroll_bar and box.rect.collidepoint(self.pointer))

    def scroll_by(self, dy: int) -> None:
        if self.column.step(dy):
            self.rebuild()

    def follow_focus(self) -> None:
        """Scroll the column so the widget the keyboard is on is in view, with the rest of its offer where
        the view has room for the offer whole."""
        target = self.ring.focused()
        if not self.scrolls() or getattr(target, "rect", None) is None or target is self.close_button:
            return
        dy = self.column.step_to(target)
        if dy:
            self.scroll_by(dy)

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if not self.fold_open_menu():
                self.close()
            return
        if event.type == pygame.MOUSEMOTION:
            self.pointer = event.pos
        if event.type == pygame.MOUSEWHEEL and self.scrolls() and not self.over_history():
            if self.stacked() or self.column.rect.left <= self.pointer[0] <= self.column.rect.right + 12:
                self.scroll_by(-event.y * px(40))
                return  # (beside the column, the wheel is the writing's: an open list scrolls)
        move = self.ring.handle(event)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            self.follow_focus()
        if move is not None:
            if isinstance(move.element, UIDropDownMenu):
                self.choose(move.element, move.step)
            else:
                self.press(move.element)
            return
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.partner_menu:
            self.picks["partner"] = chosen(self.partner_menu)
            self.keep_picks_for_new_partner()
            self.rebuild(keep=False)
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.press(event.ui_element)

    def fold_open_menu(self) -> bool:
        """Close a drop-down list that is open (Esc closes the list first, then the talks); whether one was."""
        menus = open_menus(self.elements)
        if menus:
            fold(menus[0])
        return bool(menus)

    def press(self, element) -> None:
        key = next((k for k, e in self.ring.items if e is element), None)
        if key is not None:
            self.ring.current = key
        if element is self.close_button:
            self.close()
        elif element in self.answers:
            now = pygame.time.get_ticks()
            if now - self.answered_at < ANSWER_PAUSE:
                return  # the next offer's button has just moved under the pointer: a double click answers one
            self.answered_at = now
            answer = self.answers[element]
            said = _("Deal {n} with {seat} accepted") if answer.accept else _("Deal {n} with {seat} declined")
            deal = self.hotseat.state.deals[answer.deal - 1]  # (deals are numbered between two seats: name the other)
            seat = self.hotseat.seat_label(deal.other(self.seat))
            kind = "accept " if answer.accept else "decline "
            place = [k for k, _ in self.ring.items if k.startswith(kind)].index(key) if key else 0
            self.act(answer, said.format(n=self.view.deal_label(answer.deal), seat=seat))
            left = [k for k, _ in self.ring.items if k.startswith(kind)]
            if left and self.ring.focused() is None:  # the keys go on to the offer now in its place
                self.ring.current = left[min(place, len(left) - 1)]
                self.ring.show()
                self.follow_focus()
        elif element in self.counters:
            self.counter(self.counters[element])
        elif element in self.recipients:
            role = self.recipients[element]
            self.to ^= {role}
            self.rebuild()
        elif element is not None and element is self.send:
            if not self.to:
                self.app.toast(_("Choose who the message is for first"))
                return
            words = self.letter.get_text() if self.letter is not None else ""
            self.act(Write(self.seat, tuple(r for r in self.others() if r in self.to), words), _("Sent"))
        elif element is not None and element is self.propose:
            terms = self.terms()
            if not terms:
                self.app.toast(_("Choose what you will do, what they will do, or both"))
                return
            note = self.note.get_text() if self.note is not None else ""
            done = _("Counter sent") if self.countering else _("Deal proposed")
            self.act(Propose(self.seat, self.partner(), terms, note, counters=self.countering), done)


def recipient_spots(widths: list[int], room: int) -> list[tuple[int, int, int]]:
    """(row, x, width) for toggles of the given natural widths, left to right, wrapping to a new row
    when the next would not fit (a toggle wider than the row gets the row)."""
    spots, row, x = [], 0, 0
    for w in widths:
        w = min(w, room)
        if x and x + w > room:
            row, x = row + 1, 0
        spots.append((row, x, w))
        x += w + 8
    return spots
