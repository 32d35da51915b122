"""After the last round: scores, then the debrief with every hidden consequence and its cause."""

from __future__ import annotations

from html import escape

import pygame
from pygame_gui.elements import UITextBox

from ...rules.timing import timing_text
from ...words import plural
from .. import text
from .base import MenuScreen


def final_values(scenario, role_id: str, objective, meters) -> str:
    """ " — at the end: Halvard Federation: Pressure 15": what the objective was judged on."""
    shown = []
    for path in sorted(objective.when.reads):
        full = f"{role_id}.{path[5:]}" if path.startswith("self.") else path
        if full in meters:
            shown.append(f"{scenario.meter_label(full)} {meters[full]}")
    return f" <font color='#A0AABC'>— at the end: {escape('; '.join(shown))}</font>" if shown else ""


def _timing(objective) -> str:
    """ "; by round 4" for a timed objective, "" for one judged after the last round."""
    when = timing_text(objective)
    return f"; {when}" if when else ""


def scores_html(hotseat) -> str:
    sc = hotseat.scenario
    view = hotseat.debrief_view()
    outcome = view.outcome
    meters = view.meters
    head = (
        "<font color='#D55E00'><b>Shared loss.</b></font> "
        if outcome.lost
        else "<font color='#56B4E9'><b>The game is over.</b></font> "
    )
    parts = [head + text.plain(outcome.text) + "<br>"]
    ranked = sorted(outcome.scores, key=lambda s: -s.points)
    for score in ranked:
        role = sc.role(score.role)
        names = {o.id: o for o in role.objectives}
        parts.append(
            f"<br><font size=4><b>{escape(hotseat.seat_label(role.id))}</b> — {score.points} of "
            f"{score.possible} points</font>"
        )
        for oid in score.met:
            parts.append(
                f"<br>&nbsp;&nbsp;<font color='#56B4E9'><b>Met</b></font> — {escape(names[oid].text)} "
                f"({names[oid].points}{_timing(names[oid])}){final_values(sc, role.id, names[oid], meters)}"
            )
        credit = dict(score.partial)
        for oid in score.missed:
            got = _timing(names[oid]) + (f"; partial credit {credit[oid]}" if oid in credit else "")
            parts.append(
                f"<br>&nbsp;&nbsp;<font color='#E69F00'><b>Missed</b></font> — {escape(names[oid].text)} "
                f"({names[oid].points}{got}){final_values(sc, role.id, names[oid], meters)}"
            )
        parts.append("<br>")
    if outcome.lost:
        parts.append("<br><i>Everyone loses together when the shared situation collapses: no role scores.</i>")
    return "".join(parts)


def _why(sc, e) -> str:
    """Why a consequence fired this time: when its condition held, the orders and values it read."""
    cause = e.cause
    if cause is None:
        return ""
    parts = []
    when = f"its condition held in round {cause.round}" + (
        f", {plural(e.round - cause.round, 'round')} before it fired" if e.round != cause.round else ""
    )
    parts.append(f"<i>Why:</i> {when}.")
    for p in cause.orders:
        inst = sc.instrument(p.instrument)
        on = f" on {sc.name_of(p.target)}" if p.target else ""
        parts.append(
            f"<br>&nbsp;&nbsp;• Round {p.round}: {escape(sc.role(p.role).name)} — {escape(inst.name)}{escape(on)}"
        )
    for name, value in cause.values:
        if "(" in name:
            continue
        label = sc.meter_label(name) if name in sc.meters else name
        parts.append(f"<br>&nbsp;&nbsp;• {escape(label)} was {value}")
    parts.append("<br>")
    return "".join(parts)


def debrief_html(hotseat) -> str:
    sc = hotseat.scenario
    view = hotseat.debrief_view()
    parts = ["<font size=5><b>What happened, and why</b></font><br><br>"]
    fired = [e for e in view.events if e.kind == "consequence"]
    if not fired:
        parts.append("No hidden consequence fired in this game.<br>")
    groups: dict[str, list] = {}  # a consequence that fired several times is told once, each firing under it
    for e in fired:
        groups.setdefault(e.ref, []).append(e)
    for ref, events in groups.items():
        c = sc.consequence(ref)
        title = c.title or c.id
        same = all(e.text == events[0].text for e in events)
        if len(events) == 1:
            parts.append(
                f"<font color='#56B4E9'><b>Round {events[0].round}: {escape(title)}</b></font><br>"
                f"{text.plain(events[0].text)}<br>"
            )
        else:
            rounds = ", ".join(str(e.round) for e in events)
            parts.append(
                f"<font color='#56B4E9'><b>Rounds {rounds}: {escape(title)}</b></font><br>"
                f"<i>Fired {len(events)} times: rounds {rounds}.</i><br>"
            )
            if same:
                parts.append(f"{text.plain(events[0].text)}<br>")
        for e in events:
            if len(events) > 1:
                parts.append(f"<b>Round {e.round}.</b> " + ("" if same else f"{text.plain(e.text)}<br>"))
            parts.append(_why(sc, e))
        if c.debrief:
            parts.append(f"<b>Lesson:</b> {text.plain(c.debrief)}<br>")
        parts.append("<br>")
    pending = view.pending
    if pending:
        parts.append("<b>Consequences that were on their way when the game ended</b><br>")
        for p in pending:
            c = sc.consequence(p.consequence)
            parts.append(
                f"• {escape(c.title or c.id)} (would have fired in round {p.fire_round}). {text.plain(c.debrief)}<br>"
            )
        parts.append("<br>")
    if sc.objectives:
        parts.append(
            "<font size=4><b>Learning objectives</b></font><br>"
            + "".join(f"• {escape(o)}<br>" for o in sc.objectives)
            + "<br>"
        )
    if sc.debrief:
        parts.append(
            "<font size=4><b>Questions to discuss</b></font><br>" + "".join(f"• {escape(q)}<br>" for q in sc.debrief)
        )
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
        app.toast(f"Could not write the review: {e}")
        return
    app.toast(f"Review written: {out}", 8)
    if os.environ.get("SDL_VIDEODRIVER") != "dummy":
        try:
            webbrowser.open(out.as_uri())
        except webbrowser.Error:
            pass


class ScoresScreen(MenuScreen):
    def __init__(self, app, hotseat):
        super().__init__(app)
        self.hotseat = hotseat

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        self.label(pygame.Rect(40, 20, w - 80, 40), f"Final scores — {self.hotseat.scenario.title}", "#heading")
        self.add(UITextBox(scores_html(self.hotseat), pygame.Rect(40, 70, w - 80, h - 160), m))
        self.menu = self.button((40, h - 74, 200, 46), "Main menu")
        self.review = self.button(
            (260, h - 74, 320, 46),
            "Write the review (HTML)",
            "The after-action review: timeline, causes, charts, notes. Opens in your browser.",
        )
        self.next = self.button(
            (w - 300, h - 74, 260, 46), "Debrief (Enter)", "Which decisions caused which consequences.", "#primary"
        )
        self.focus_index = 2
        self.next.select()

    def on_button(self, element) -> None:
        if element is self.review:
            write_review(self.app, self.hotseat)
        elif element is self.next:
            self.app.show(DebriefScreen(self.app, self.hotseat))
        elif element is self.menu:
            self.on_back()

    def on_back(self) -> None:
        self.app.route.title()


class DebriefScreen(MenuScreen):
    def __init__(self, app, hotseat):
        super().__init__(app)
        self.hotseat = hotseat

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        self.label(pygame.Rect(40, 20, w - 80, 40), f"Debrief — {self.hotseat.scenario.title}", "#heading")
        self.box = self.add(UITextBox(debrief_html(self.hotseat), pygame.Rect(40, 70, w - 80, h - 160), m))
        self.back = self.button((40, h - 74, 200, 46), "Scores")
        self.review = self.button(
            (260, h - 74, 320, 46),
            "Write the review (HTML)",
            "The after-action review: timeline, causes, charts, notes. Opens in your browser.",
        )
        self.menu = self.button((w - 260, h - 74, 220, 46), "Main menu (Enter)", object_id="#primary")
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
            self.app.show(ScoresScreen(self.app, self.hotseat))
        elif element is self.menu:
            self.app.route.title()

    def on_back(self) -> None:
        self.app.show(ScoresScreen(self.app, self.hotseat))
