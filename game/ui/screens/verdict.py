"""The verdict, after the last round: how the team came out, the seats ranked, and the game's meters.

A final list of scores says who won but not how the game went. The verdict
puts the shared outcome first (a shared loss, or the situation held), ranks the
seats by their points with each objective met or missed and the values it was
judged on, and charts the key meters round by round: every shared meter and
each seat's own meters that its objectives read. The game is over, so
everything is revealed, as in the debrief: the charts include the meters hidden
during play, marked as such. Their values come from replaying the game's log
(``game.review.replay``), the same series as the review's charts.
"""

from __future__ import annotations

from html import escape

import pygame
from pygame_gui.elements import UITextBox

from ...i18n import N_, _
from ...session import narrate
from .. import look, palette, text
from ..board import draw_tooltip
from ..chart import MeterChart
from ..ranking import NO_SCORES, draw_standings, objectives_html, standings, standings_height
from .base import MenuScreen
from .endgame import DebriefScreen, meter_history, write_review

MIN_CHART = (240, 190)  # px: the smallest chart cell; the window's size decides how many share a page
BANNER_LINES = 4  # of the outcome's text; a longer one ends with an ellipsis
NOTES = {"hidden": N_("hidden in play"), "facilitator": N_("the facilitator's only in play")}


def outcome_text(scenario, outcome) -> tuple[str, str]:
    """(headline, what it means) of the team's result: a shared loss, the situation held, or (a scenario
    with no shared collapse) simply the end."""
    if outcome.lost:
        said = narrate.outcome_text(scenario, outcome)
        return _("Shared loss"), _("Round {round}: {text}").format(round=outcome.round, text=said)
    if scenario.end.lose_when is not None:
        return _("The situation held"), _(
            "It did not collapse in {rounds} rounds: the team avoided the shared loss. "
            "Each seat scores its own objectives."
        ).format(rounds=outcome.round)
    said = narrate.outcome_text(scenario, outcome)
    return _("The game is over"), _("{text} Each seat scores its own objectives.").format(text=said)


def played_note(meter) -> str:
    """How the seats saw a meter during play, when not plainly: the verdict reveals it all."""
    if isinstance(meter.visibility, tuple):
        return _("seen by some seats only in play")
    note = NOTES.get(meter.visibility)
    return _(note) if note else _("estimated in play") if meter.estimate else ""


def key_meters(scenario, visible) -> list[str]:
    """The meters charted: every shared (global) meter, then each seat's own meters that its objectives
    read (a meter refilled every round, like capital, tells nothing over the game), of those ``visible``."""
    paths = [m.id for m in scenario.global_meters]
    for role in scenario.roles:
        for obj in role.objectives:
            for read in sorted(obj.when.reads):
                path = f"{role.id}.{read[5:]}" if read.startswith("self.") else read
                mine = path.startswith(f"{role.id}.") and path in scenario.meters
                if mine and scenario.meters[path].refill is None and path not in paths:
                    paths.append(path)
    return [p for p in paths if visible(p)]


class VerdictScreen(MenuScreen):
    def __init__(self, app, hotseat):
        super().__init__(app)
        self.hotseat = hotseat
        self.axis, self.rows = meter_history(hotseat)
        view = hotseat.debrief_view()
        self.paths = key_meters(hotseat.scenario, view.meters.__contains__)
        self.standings = standings(hotseat)  # the seats best first, as the ranking draws them
        self.page = 0
        self.charts: list[MeterChart] = []  # those drawn on the current page
        self.hover: tuple[int, int] | None = None

    # layout ------------------------------------------------------------------
    def banner_rect(self) -> pygame.Rect:
        w = self.app.size[0]
        return pygame.Rect(40, 62, w - 80, self.banner_height(w - 80))

    def banner_height(self, width: int) -> int:
        _headline, said = outcome_text(self.hotseat.scenario, self.hotseat.state.outcome)
        lines = len(text.wrap(said, text.font(15), width - 24, max_lines=BANNER_LINES))
        return self.headline_height() + 4 + lines * (text.font(15).get_linesize() + 2)

    @staticmethod
    def headline_height() -> int:
        """The headline's line, from the top of the banner to the text under it (a larger text: taller)."""
        return 30 if look.percent() == look.DEFAULT else 6 + text.font(18, bold=True).get_linesize()

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        """(the ranking with the objectives under it, the charts with their page line above them)."""
        w, h = self.app.size
        top = self.banner_rect().bottom + 12
        bottom = h - 90
        left_w = max(340, int((w - 80) * 0.36))
        return pygame.Rect(40, top, left_w, bottom - top), pygame.Rect(60 + left_w, top, w - 100 - left_w, bottom - top)

    def ranking_rect(self) -> pygame.Rect:
        left = self.columns()[0]
        lost = self.hotseat.state.outcome.lost
        high = standings_height(self.standings, left.w - 24, lost)
        if look.percent() != look.DEFAULT:  # a larger text: half the column at most, the ranking's box scrolls
            high = min(high, left.h // 2)
        return pygame.Rect(left.x, left.y, left.w, high)

    def ranking_html(self) -> str:
        """The ranking as a text box says it (a larger text size: it scrolls)."""
        lost = self.hotseat.state.outcome.lost
        heading = escape(_("Ranking"))
        parts = [f"<b>{heading}</b>"]
        if lost:
            parts.append(escape(_(NO_SCORES)))
        for s in self.standings:
            score = _("{points} of {possible}").format(points=s.points, possible=s.possible)
            seat = s.seat + (" " + _("(tied)") if s.tied else "")
            place = f"<b>{s.place}.</b> " if s.place is not None else ""
            parts.append(f"{place}{escape(seat)} — <b>{escape(score)}</b>")
        return "<br>".join(parts)

    def grid(self) -> list[pygame.Rect]:
        """The chart cells of a page, left to right and down."""
        area = self.columns()[1]
        head = 44 if look.percent() == look.DEFAULT else look.px(84)  # the page's line (and its buttons under it)
        area = pygame.Rect(area.x, area.y + head, area.w, area.h - head)
        cols = max(1, area.w // look.px(MIN_CHART[0]))
        rows = max(1, area.h // look.px(MIN_CHART[1]))
        cw, ch = (area.w - 12 * (cols - 1)) // cols, (area.h - 12 * (rows - 1)) // rows
        return [
            pygame.Rect(area.x + c * (cw + 12), area.y + r * (ch + 12), cw, ch)
            for r in range(rows)
            for c in range(cols)
        ]

    def pages(self) -> int:
        per = len(self.grid())
        return max(1, -(-len(self.paths) // per))

    def page_paths(self) -> list[str]:
        per = len(self.grid())
        return self.paths[self.page * per : (self.page + 1) * per]

    # widgets -----------------------------------------------------------------
    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        self.page = min(self.page, self.pages() - 1)
        heading = _("Verdict — {title}").format(title=self.hotseat.scenario.title)
        self.label(pygame.Rect(40, 16, w - 80, 40), heading, "#heading")
        left, right = self.columns()
        below = self.ranking_rect().bottom + 10
        self.objectives = self.add(
            UITextBox(objectives_html(self.hotseat), pygame.Rect(left.x, below, left.w, left.bottom - below), m)
        )
        if look.percent() == look.DEFAULT:
            self.page_label = self.label(pygame.Rect(right.x, right.y, right.w - 300, 36), self.page_text())
            pages_y, pages_h = right.y, 36
        else:  # a larger text: the page's line, then its buttons under it
            self.page_label = self.label(pygame.Rect(right.x, right.y, right.w, look.px(36)), self.page_text())
            pages_y, pages_h = right.y + look.px(40), look.px(36)
        half = (right.w - 8) // 2 if look.percent() != look.DEFAULT else 0
        self.previous = self.button(
            (right.x, pages_y, half, pages_h) if half else (right.right - 292, right.y, 140, 36),
            _("Earlier meters"),
            _("The previous page of charts (Page Up)."),
        )
        self.following = self.button(
            (right.x + half + 8, pages_y, half, pages_h) if half else (right.right - 144, right.y, 144, 36),
            _("More meters"),
            _("The next page of charts (Page Down)."),
        )
        if look.percent() != look.DEFAULT:
            self.add(UITextBox(self.ranking_html(), self.ranking_rect(), m))
        self.paging()
        self.menu = self.button((40, h - 74, 200, 46), _("Main menu"))
        self.review = self.button(
            (260, h - 74, 320, 46),
            _("Write the review (HTML)"),
            _("The after-action review: timeline, causes, charts, notes. Opens in your browser."),
        )
        self.next = self.button(
            (w - 300, h - 74, 260, 46),
            _("Debrief (Enter)"),
            _("Which decisions caused which consequences."),
            "#primary",
        )
        self.focus_index = self.focusables.index(self.next)
        self.next.select()

    def page_text(self) -> str:
        per = len(self.grid())
        first = self.page * per + 1
        last = min(len(self.paths), first + per - 1)
        if not self.paths:
            return _("No meters to chart.")
        return _("Meters over the game: {first}–{last} of {n}").format(first=first, last=last, n=len(self.paths))

    def paging(self) -> None:
        """Enable the page buttons that lead somewhere."""
        (self.previous.enable if self.page > 0 else self.previous.disable)()
        (self.following.enable if self.page < self.pages() - 1 else self.following.disable)()

    def turn(self, step: int) -> None:
        page = min(max(0, self.page + step), self.pages() - 1)
        if page != self.page:
            self.page = page
            self.page_label.set_text(self.page_text())
            self.paging()
            self.app.dirty = True

    # drawing -----------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self.draw_banner(surface)
        if look.percent() == look.DEFAULT:  # (at a larger text size, a text box that scrolls)
            draw_standings(surface, self.ranking_rect(), self.standings, self.hotseat.state.outcome.lost)
        sc = self.hotseat.scenario
        self.charts = []
        for path, cell in zip(self.page_paths(), self.grid(), strict=False):
            meter = sc.meters[path]
            title = sc.meter_label(path)
            owner = path.partition(".")[0]
            if "." in path and sc.has_role(owner):
                title = f"{self.hotseat.seat_label(owner)}: {meter.label}"
            chart = MeterChart(
                title,
                self.axis,
                self.rows[path],
                (meter.min, meter.max),
                meter.good,
                played_note(meter),
            )
            chart.draw(surface, cell)
            self.charts.append(chart)

    def draw_banner(self, surface: pygame.Surface) -> None:
        """The team's result, first: its headline in the colour and with the word of its kind."""
        rect = self.banner_rect()
        lost = self.hotseat.state.outcome.lost
        headline, said = outcome_text(self.hotseat.scenario, self.hotseat.state.outcome)
        edge = palette.BAD if lost else palette.GOOD
        pygame.draw.rect(surface, palette.PANEL_LIGHT, rect, border_radius=8)
        pygame.draw.rect(surface, edge, rect, 2, border_radius=8)
        text.draw(surface, headline, (rect.x + 12, rect.y + 6), 18, edge, bold=True)
        top = self.headline_height()
        text.draw_wrapped(surface, said, pygame.Rect(rect.x + 12, rect.y + top, rect.w - 24, rect.h - top - 4), 15)

    def draw_over(self, surface: pygame.Surface) -> None:
        point = self.point_at(self.hover) if self.hover else None
        if point is not None:
            draw_tooltip(surface, point.tip, self.hover)

    def point_at(self, pos):
        for chart in self.charts:
            if chart.rect.collidepoint(pos):
                return chart.point_at(pos)
        return None

    # input -------------------------------------------------------------------
    def on_key(self, event) -> bool:
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.turn(1 if event.key == pygame.K_PAGEDOWN else -1)
            return True
        return False

    def on_event(self, event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            before = self.point_at(self.hover) if self.hover else None
            self.hover = event.pos
            if self.point_at(event.pos) is not before:
                self.app.dirty = True
        return False

    def on_button(self, element) -> None:
        if element is self.review:
            write_review(self.app, self.hotseat)
        elif element is self.next:
            self.app.show(DebriefScreen(self.app, self.hotseat, self.rows))
        elif element is self.menu:
            self.on_back()
        elif element is self.previous:
            self.turn(-1)
        elif element is self.following:
            self.turn(1)

    def on_back(self) -> None:
        self.app.route.title()

    def help_lines(self) -> list[tuple[str, str]]:
        return [
            (_("Page Down / Page Up"), _("More meters / earlier meters")),
            (_("Mouse over a chart"), _("A round's value")),
            (_("Enter"), _("The debrief")),
        ]
