"""After the last round, behind the verdict (``verdict``): the debrief, every hidden consequence and its cause,
and the review written from the finished game."""

from __future__ import annotations

from html import escape

import pygame
from pygame_gui.elements import UITextBox

from ...i18n import _, ngettext
from ...review import seen
from ...review.replay import Replay
from .. import text
from .base import MenuScreen


def meter_history(hotseat) -> tuple[list[str], dict]:
    """Every meter at the start and at the end of each round of the game, replayed from its log
    (the engine keeps only the current state): the verdict's charts and the debrief's cited values."""
    game = hotseat.game
    return Replay(game.scenario, game.seed, game.actions).series()


def _why(sc, e, rows) -> str:
    """Why a consequence fired this time: when its condition held, the orders and the meters it read.

    A condition is checked partway through a round's resolution, at values no board showed: each meter
    it read is cited as the board showed it at the end of the round before and at the end of that round
    (``game.review.seen``, from the replayed ``rows``: the verdict's charts)."""
    cause = e.cause
    if cause is None:
        return ""
    parts = []
    gap = e.round - cause.round
    when = (
        ngettext(
            "its condition held in round {round}, {n} round before it fired",
            "its condition held in round {round}, {n} rounds before it fired",
            gap,
        ).format(round=cause.round, n=gap)
        if gap
        else _("its condition held in round {round}").format(round=cause.round)
    )
    why = _("Why:")
    parts.append(f"<i>{why}</i> {when}.")
    for p in cause.orders:
        inst = sc.instrument(p.instrument)
        on = _(" on {target}").format(target=sc.name_of(p.target)) if p.target else ""
        head = _("Round {round}:").format(round=p.round)
        parts.append(f"<br>&nbsp;&nbsp;• {head} {escape(sc.role(p.role).name)} — {escape(inst.name)}{escape(on)}")
    for name, _value in cause.values:
        board = seen.around(rows, name, cause.round) if name in sc.meters else None
        if board is None:  # an order count or a fact ("used(...)", "fired(...)"): the orders above say it
            continue
        said = seen.seen_text(*board, cause.round)
        parts.append(f"<br>&nbsp;&nbsp;• {escape(sc.meter_label(name))} — {said}")
    parts.append("<br>")
    return "".join(parts)


def debrief_html(hotseat, rows: seen.Rows | None = None) -> str:
    """The debrief: every consequence that fired and why, the ones still on their way, and the
    scenario's questions. ``rows``: every meter's value at the end of each round (replayed if not given)."""
    sc = hotseat.scenario
    view = hotseat.debrief_view()
    if rows is None:
        rows = meter_history(hotseat)[1]
    heading = _("What happened, and why")
    parts = [f"<font size=5><b>{heading}</b></font><br>"]
    fired = [e for e in view.events if e.kind == "consequence"]
    if fired:
        said = _(
            "A condition is checked while its round resolves: the meters it read are given "
            "as the board showed them, at the end of the round before and at the end of that round."
        )
        parts.append(f"<font color='#A0AABC'>{said}</font><br>")
    parts.append("<br>")
    if not fired:
        parts.append(_("No hidden consequence fired in this game.") + "<br>")
    groups: dict[str, list] = {}  # a consequence that fired several times is told once, each firing under it
    for e in fired:
        groups.setdefault(e.ref, []).append(e)
    for ref, events in groups.items():
        c = sc.consequence(ref)
        title = c.title or c.id
        same = all(e.text == events[0].text for e in events)
        if len(events) == 1:
            head = _("Round {round}: {title}").format(round=events[0].round, title=escape(title))
            parts.append(f"<font color='#56B4E9'><b>{head}</b></font><br>{text.plain(events[0].text)}<br>")
        else:
            rounds = ", ".join(str(e.round) for e in events)
            head = _("Rounds {rounds}: {title}").format(rounds=rounds, title=escape(title))
            times = _("Fired {n} times: rounds {rounds}.").format(n=len(events), rounds=rounds)
            parts.append(f"<font color='#56B4E9'><b>{head}</b></font><br><i>{times}</i><br>")
            if same:
                parts.append(f"{text.plain(events[0].text)}<br>")
        for e in events:
            if len(events) > 1:
                head = _("Round {round}.").format(round=e.round)
                parts.append(f"<b>{head}</b> " + ("" if same else f"{text.plain(e.text)}<br>"))
            parts.append(_why(sc, e, rows))
        if c.debrief:
            lesson = _("Lesson:")
            parts.append(f"<b>{lesson}</b> {text.plain(c.debrief)}<br>")
        parts.append("<br>")
    pending = view.pending
    if pending:
        heading = _("Consequences that were on their way when the game ended")
        parts.append(f"<b>{heading}</b><br>")
        for p in pending:
            c = sc.consequence(p.consequence)
            would = _("(would have fired in round {round}).").format(round=p.fire_round)
            parts.append(f"• {escape(c.title or c.id)} {would} {text.plain(c.debrief)}<br>")
        parts.append("<br>")
    if sc.objectives:
        heading = _("Learning objectives")
        parts.append(
            f"<font size=4><b>{heading}</b></font><br>" + "".join(f"• {escape(o)}<br>" for o in sc.objectives) + "<br>"
        )
    if sc.debrief:
        heading = _("Questions to discuss")
        parts.append(f"<font size=4><b>{heading}</b></font><br>" + "".join(f"• {escape(q)}<br>" for q in sc.debrief))
    return "".join(parts)


def write_review(app, hotseat) -> None:
    """Save the finished game and write its after-action review (HTML) beside it."""
    import os
    import webbrowser
    from datetime import datetime

    from ...review.report import ReportError, write_report
    from ...session.slots import save_named

    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    try:
        save = save_named(hotseat.game, f"{hotseat.scenario.id}-{stamp}")
        out = write_report([save])
    except (OSError, ReportError) as e:
        app.toast(_("Could not write the review: {error}").format(error=e))
        return
    app.toast(_("Review written: {path}").format(path=out), 8)
    if os.environ.get("SDL_VIDEODRIVER") != "dummy":
        try:
            webbrowser.open(out.as_uri())
        except webbrowser.Error:
            pass


class DebriefScreen(MenuScreen):
    def __init__(self, app, hotseat, rows=None):
        super().__init__(app)
        self.hotseat = hotseat
        self.rows = rows  # every meter's value round by round, when the verdict has replayed them already

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        heading = _("Debrief — {title}").format(title=self.hotseat.scenario.title)
        self.label(pygame.Rect(40, 20, w - 80, 40), heading, "#heading")
        self.box = self.add(UITextBox(debrief_html(self.hotseat, self.rows), pygame.Rect(40, 70, w - 80, h - 160), m))
        self.back = self.button((40, h - 74, 200, 46), _("Verdict"))
        self.review = self.button(
            (260, h - 74, 320, 46),
            _("Write the review (HTML)"),
            _("The after-action review: timeline, causes, charts, notes. Opens in your browser."),
        )
        self.menu = self.button((w - 260, h - 74, 220, 46), _("Main menu (Enter)"), object_id="#primary")
        self.focus_index = 2
        self.menu.select()

    def on_key(self, event) -> bool:
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.box.scroll_bar is not None:
            bar = self.box.scroll_bar
            bar.set_scroll_from_start_percentage(
                min(1.0, max(0.0, bar.start_percentage + (0.2 if event.key == pygame.K_PAGEDOWN else -0.2)))
            )
            self.app.dirty = True
            return True
        return False

    def on_button(self, element) -> None:
        if element is self.review:
            write_review(self.app, self.hotseat)
        elif element is self.back:
            self.on_back()
        elif element is self.menu:
            self.app.route.title()

    def on_back(self) -> None:
        self.app.route.show_step()  # the game is over: its step is the verdict
