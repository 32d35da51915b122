"""The replay viewer: step through a saved game round by round, and branch from any round.

A replay is a review, so it shows the facilitator's view of each past state:
every meter, every private order and every hidden consequence. It reads the
save and writes nothing, unless the user presses "Continue from here", which
saves a what-if game (``session.branch``) and resumes it in the normal
hot-seat flow. An unfinished game is still being played: it opens here (and
so can be continued from) only with its facilitator's PIN, and not at all
without a facilitator (``session.review``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from ...i18n import N_, _, labelled
from ...rules.observe import observe
from ...rules.state import ALL, FACILITATOR_SEAT, Submit
from ...session import review
from ...session.branch import Point, replay_points, save_branch, states_at
from ...session.game import Game
from ...session.narrate import changes_text, event_text, outcome_text
from .. import look, palette, text
from ..board import Board, Hit
from ..look import px
from ..theme import measuring_font
from .base import TableScreen

CAPTION = N_("Replay — everything is visible")
COLOURS = {
    "crisis_started": "#F0A070",
    "crisis_escalated": "#F0A070",
    "consequence": "#56B4E9",
    "game_over": "#F0E442",
    "order_failed": "#D55E00",
    "crisis_ended": "#A0AABC",
}
DIM = "#A0AABC"
EVENT_LABELS = {
    "crisis_started": N_("Crisis:"),
    "crisis_escalated": N_("Crisis:"),
    "consequence": N_("Consequence:"),
    "note": N_("Facilitator's note:"),
    "game_over": N_("End:"),
}


class ReplayView:
    """What ``TableScreen`` needs from a hot-seat game, for one past state."""

    def __init__(self, game: Game, state):
        self.game = game
        self.scenario = game.scenario
        self.state = state

    def observation(self):
        return observe(self.scenario, self.state, FACILITATOR_SEAT)


class ReplayBoard(Board):
    """The board, with every ministry's own meters listed under its name."""

    def draw_meters(self, surface, area: pygame.Rect, obs, meters: dict | None = None) -> int:
        meters = obs.meters if meters is None else meters
        shared = {p: v for p, v in meters.items() if not self.scenario.has_role(p.split(".")[0])}
        used = super().draw_meters(surface, area, obs, shared)
        y = area.y + used + 4
        # Meters that refill every round (capital) are spending money, not the
        # situation: at a round's start they are always full.
        kept = [m for m in self.scenario.role_meters if m.refill is None]
        rows = [(role, [m for m in kept if f"{role.id}.{m.id}" in meters]) for role in self.scenario.roles]
        rows = [(role, ms) for role, ms in rows if ms]
        if not rows:
            return used
        text.draw(surface, _("Each ministry (private to it)"), (area.x, y), 14, palette.TEXT_DIM, bold=True)
        y += 20
        labels = " · ".join(m.label for m in kept)
        text.draw(surface, text.fit(labels, text.font(13), area.w), (area.x, y), 13, palette.TEXT_DIM)
        y += 22
        for role, ms in rows:
            values = " · ".join(str(meters[f"{role.id}.{m.id}"]) for m in ms)
            value_w = text.font(14, bold=True).size(values)[0]
            name = text.fit(role.name, text.font(14), max(60, area.w - value_w - 12))
            text.draw(surface, name, (area.x, y), 14, palette.TEXT)
            text.draw(surface, values, (area.right, y), 14, palette.SKY, bold=True, anchor="topright")
            tip = (
                _("{seat}, at this point:").format(seat=role.name)
                + "\n\n"
                + "\n\n".join(labelled(m.label, meters[f"{role.id}.{m.id}"]) for m in ms)
            )
            self.hits.append(Hit(pygame.Rect(area.x, y, area.w, 22), "meter", role.id, tip))
            y += 24
        return y - area.y


def open_replay(app, path) -> "ReplayScreen | None":
    """Show the viewer for the save at ``path``; a save that does not load goes
    back to the Load screen with the reason, as loading a game does."""
    from .flow import load_or_explain

    game = load_or_explain(app, path, "replayed")
    if game is None:
        return None
    lock = review.review_lock(game, game.state.over)
    if lock == review.OPEN:
        return _show(app, game, path)
    from ..overlays import MessageOverlay
    from .facilitator import PinOverlay

    app.route.saves()
    if lock == review.CLOSED:
        reason = review.closed_reason(game.state.round, "replay")
        said = _("{reason}. Load it to carry on playing.").format(reason=f"{reason[0].upper()}{reason[1:]}")
        MessageOverlay(app, _("This game cannot be replayed yet"), said).open()
    else:
        title = _("Facilitator PIN: the game is not finished")
        PinOverlay(app, lambda: _show(app, game, path), game, title).open()
    return None


def _show(app, game: Game, path) -> "ReplayScreen":
    screen = ReplayScreen(app, game, Path(path))
    app.show(screen)
    return screen


class ReplayScreen(TableScreen):
    """The board at the start of each round of a saved game, forwards and back."""

    SIDE_W = 290  # the controls beside the round's events

    def __init__(self, app, game: Game, path: Path | None = None, index: int = 0):
        self.game = game
        self.path = path
        self.points: list[Point] = replay_points(game)
        self.states = states_at(game, [p.actions for p in self.points])
        self.index = max(0, min(index, len(self.points) - 1))
        super().__init__(app, ReplayView(game, self.states[self.point.actions]))
        self.board = ReplayBoard(game.scenario)

    # where we are -------------------------------------------------------------
    @property
    def point(self) -> Point:
        return self.points[self.index]

    @property
    def state(self):
        return self.states[self.point.actions]

    def point_title(self) -> str:
        p, rounds = self.point, self.game.scenario.rounds
        if p.start:
            return _("Start of round {round} of {rounds}").format(round=p.round, rounds=rounds)
        if self.state.over:
            return (
                _("The end of the game, after round {round}").format(round=p.round)
                if not self.state.outcome.lost
                else _("The end: shared loss in round {round}").format(round=p.round)
            )
        return _("Round {round} of {rounds}, as far as it was played").format(round=p.round, rounds=rounds)

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.points) - 1))
        if index == self.index:
            return
        self.index = index
        self.hotseat = ReplayView(self.game, self.state)
        self.obs = self.hotseat.observation()
        keep = self.focused()
        keep_name = getattr(keep, "text", None)
        self.rebuild()
        for i, b in enumerate(self.focusables):
            if keep_name is not None and b.text == keep_name and b.is_enabled and i != self.focus_index:
                self.focusables[self.focus_index].unselect()
                self.focus_index = i
                b.select()
                break

    # table --------------------------------------------------------------------
    def seat_caption(self, short: bool = False) -> str:
        return _(CAPTION)

    def panels(self) -> tuple[pygame.Rect, pygame.Rect]:
        b = self.layout()["bottom"]
        side_w = min(px(self.SIDE_W), b.w // 2)  # (a larger text: wider controls)
        side = pygame.Rect(b.right - side_w, b.y, side_w, b.h)
        events = pygame.Rect(b.x, b.y, b.w - side_w - 14, b.h)
        return events, side

    def rows(self) -> tuple[int, int, int]:
        """The heights of the steps' row, Continue and Back: 42, 48 and 40, or a line of their text and some."""
        if look.percent() == look.DEFAULT:
            return 42, 48, 40
        line = measuring_font(self.manager, 14).size("Hg")[1]
        bold = measuring_font(self.manager, 17, True).size("Hg")[1]
        return max(42, line + 12), max(48, bold + 12), max(40, line + 12)

    @property
    def board_fraction(self) -> float:
        return 0.6 if look.percent() == look.DEFAULT else 0.45  # (a larger text: room for the steps' buttons)

    def build(self) -> None:
        events, side = self.panels()
        self.events_box = self.add(UITextBox(self.events_html(), events, self.manager))
        y = side.y + px(28)
        half = (side.w - 8) // 2
        row_h, branch_h, back_h = self.rows()
        self.prev = self.button(
            (side.x, y, half, row_h),
            _("Previous round"),
            _("Step back one round (Left arrow; Home: the first round)."),
        )
        self.next = self.button(
            (side.x + half + 8, y, side.w - half - 8, row_h),
            _("Next round"),
            _("Step forward one round (Right arrow; End: the end of the game)."),
        )
        branch = (side.x, y + row_h + 10, side.w, branch_h)
        self.branch = self.button(branch, _("Continue from here"), self.branch_tip(), "#primary")
        self.back = self.button(
            (side.x, y + row_h + branch_h + 20, side.w, back_h),
            _("Back to the saves (Esc)"),
            _("Close the replay. Nothing was changed."),
        )
        if self.index == 0:
            self.prev.disable()
        if self.index == len(self.points) - 1:
            self.next.disable()
        if not self.point.start:
            self.branch.disable()
        first = next(
            (b for b in (self.next, self.prev, self.branch) if b.is_enabled), self.back
        )  # Enter steps on at once
        self.focus_index = self.focusables.index(first)
        first.select()
        self.news_box(self.obs.events, _("Everything so far (newest round first)"))

    def branch_tip(self) -> str:
        if self.point.start:
            return _(
                "Start a new game from the start of round {round}: the same seats, the same dice, "
                "and everything before this round. The original save is not changed."
            ).format(round=self.point.round)
        if self.state.over:
            return _("The game is over here. Step back to a round to play it differently from there.")
        return _(
            "This round is part-way through. Step back to its start to play it differently, or use Load to carry on."
        )

    def draw_bottom(self, surface, area: pygame.Rect) -> None:
        _events, side = self.panels()
        label = _("Step {n} of {total}").format(n=self.index + 1, total=len(self.points))
        text.draw(surface, label, (side.x, side.y), 15, palette.TEXT, bold=True)
        hint = _("Arrows: rounds · Home / End")
        text.draw(
            surface,
            text.fit(hint, text.font(13), side.w - text.font(15, bold=True).size(label)[0] - 16),
            (side.right, side.y + px(2)),
            13,
            palette.TEXT_DIM,
            anchor="topright",
        )
        row_h, branch_h, back_h = self.rows()
        y = side.y + px(28) + row_h + branch_h + back_h + 32
        if y + px(18) < side.bottom:
            source = self.path.name if self.path else _("this game")
            text.draw_wrapped(
                surface,
                _("Reading {source}; nothing is saved unless you continue from here.").format(source=source),
                pygame.Rect(side.x, y, side.w, side.bottom - y),
                13,
                palette.TEXT_DIM,
                italic=True,
            )

    def shown_meters(self) -> dict:
        return dict(self.obs.meters)

    def news_rect(self) -> pygame.Rect:
        """A shorter log than in play: the panel below the board has this round's events."""
        side = self.layout()["side"]
        h = max(160, int(side.h * 0.3))
        return pygame.Rect(side.x, side.bottom - h, side.w, h)

    # the round's events ------------------------------------------------------
    def new_events(self):
        """What happened since the previous step: last round's results and this round's briefing."""
        before = len(self.states[self.points[self.index - 1].actions].events) if self.index else 0
        return [e for e in self.state.events[before:] if e.kind != "round"]

    def next_orders(self) -> list[tuple[str, tuple]]:
        """The orders each seat confirmed in this round in the saved game (the last submission counts)."""
        if self.index + 1 >= len(self.points):
            return []
        chosen: dict[str, tuple] = {}
        for action in self.game.actions[self.point.actions : self.points[self.index + 1].actions]:
            if isinstance(action, Submit):
                chosen[action.role] = tuple(action.orders)
        roles = [r.id for r in self.game.scenario.roles if r.id in chosen]
        return [(r, chosen[r]) for r in roles]

    def events_html(self) -> str:
        sc = self.game.scenario
        p = self.point
        parts = [f"<font size=5><b>{escape(self.point_title())}</b></font>"]
        if not p.start and self.state.over:
            parts.append("<br>" + outcome_html(sc, self.state.outcome))
        by_round: dict[int, list] = {}
        for e in self.new_events():
            by_round.setdefault(e.round, []).append(e)
        if self.index == 0 and not by_round.get(p.round):
            parts.append("<br>" + _("The game begins: no crisis has broken yet."))
        for rnd in sorted(by_round):
            if rnd < p.round or not p.start:
                heading = _("Round {round}: orders and results").format(round=rnd)
            else:
                heading = _("Round {round} opens").format(round=rnd)
            parts.append(f"<br><br><font color='{DIM}'><b>{heading}</b></font>")
            for e in by_round[rnd]:
                parts.append("<br>• " + event_html(sc, e))
        if p.start and self.index and p.round not in by_round:
            opens = _("Round {round} opens").format(round=p.round)
            quiet = _("A quiet start: nothing new broke.")
            parts.append(f"<br><br><font color='{DIM}'><b>{opens}</b></font><br>{quiet}")
        if not p.start and not self.state.over:
            stops = _("The save stops part-way through round {round}").format(round=p.round)
            parts.append(f"<br><br><font color='{DIM}'><b>{stops}</b></font>")
            for role, picked in self.state.submitted:
                chosen = "; ".join(order_text(sc, o) for o in picked) or _("no orders")
                had = _("{seat} had confirmed: {orders}").format(seat=escape(sc.role(role).name), orders=escape(chosen))
                parts.append(f"<br>• {had}")
            waiting = [r.name for r in sc.roles if self.state.orders_of(r.id) is None]
            if waiting:
                still = _("Still to give orders: {seats}. Use Load to carry on this game.").format(
                    seats=escape(", ".join(waiting))
                )
                parts.append(f"<br><font color='{DIM}'>{still}</font>")
        orders = self.next_orders()
        if p.start and orders:
            chose = _("What the seats chose from here in the saved game")
            shows = _("(Next round shows the results)")
            parts.append(f"<br><br><font color='{DIM}'><b>{chose}</b> {shows}</font>")
            for role, picked in orders:
                chosen = "; ".join(order_text(sc, o) for o in picked) or _("no orders")
                parts.append(f"<br><font color='{DIM}'>• {escape(sc.role(role).name)}: {escape(chosen)}</font>")
        elif p.start and self.index == len(self.points) - 1:
            stops = _("The save stops here: no orders were given in this round yet.")
            parts.append(f"<br><br><font color='{DIM}'><i>{stops}</i></font>")
        return "".join(parts)

    # input ---------------------------------------------------------------------
    def on_key(self, event) -> bool:
        moves = {
            pygame.K_LEFT: self.index - 1,
            pygame.K_RIGHT: self.index + 1,
            pygame.K_HOME: 0,
            pygame.K_END: len(self.points) - 1,
        }
        if event.key in moves:
            self.go(moves[event.key])
            return True
        return False

    def on_button(self, element) -> None:
        if element is self.prev:
            self.go(self.index - 1)
        elif element is self.next:
            self.go(self.index + 1)
        elif element is self.branch:
            self.continue_from_here()
        elif element is self.back:
            self.on_back()

    def continue_from_here(self) -> None:
        from .flow import resume_game

        if not self.point.start:
            return
        try:
            path = save_branch(self.game, self.point.round, self.path)
        except OSError as e:
            self.app.toast(_("Could not save the what-if game: {error}").format(error=e.strerror or e))
            return
        if resume_game(self.app, path) is not None:
            said = _("What-if game from round {round}, saved as {name}").format(round=self.point.round, name=path.name)
            self.app.toast(said, 6.0)

    def on_back(self) -> None:
        self.app.route.saves()

    def wants_quit_confirmation(self) -> bool:
        return False  # a replay has nothing to lose

    def help_lines(self):
        return [
            (_("Left / Right"), _("previous / next round")),
            (_("Home / End"), _("the first round / the end of the save")),
            (_("Tab, Enter"), _("move to a button and press it (Continue from here starts a what-if game)")),
            (_("Mouse"), _("hover tokens, meters and crisis cards for details")),
            (_("Esc"), _("back to the saves")),
        ]


def audience_html(scenario, event) -> str:
    if event.audience == ALL:
        return ""
    if isinstance(event.audience, tuple):
        names = ", ".join(scenario.role(r).name for r in event.audience if scenario.has_role(r))
        knew = _("[only {seats} knew]").format(seats=escape(names))
        return f" <font color='{DIM}'><i>{knew}</i></font>"
    hidden = _("[hidden from the players]")
    return f" <font color='{DIM}'><i>{hidden}</i></font>"


def event_html(scenario, event) -> str:
    line = text.plain(event_text(scenario, event))
    changes = changes_text(scenario, event.changes)
    if changes:
        line += f" <font color='{DIM}'>({text.plain(changes)})</font>"
    label = EVENT_LABELS.get(event.kind)
    if label:
        said = _(label)
        line = f"<b>{said}</b> {line}"
    colour = COLOURS.get(event.kind)
    if colour:
        line = f"<font color='{colour}'>{line}</font>"
    return line + audience_html(scenario, event)


def order_text(scenario, order) -> str:
    inst = scenario.instrument(order.instrument)
    on = _(" on {target}").format(target=scenario.name_of(order.target)) if order.target else ""
    return f"{inst.name}{on}"


def outcome_html(scenario, outcome) -> str:
    if outcome.lost:
        loss, none = _("Shared loss."), _("No role scores.")
        return f"<font color='#D55E00'><b>{loss}</b></font> {text.plain(outcome_text(scenario, outcome))} {none}"
    rows = [
        _("{seat} {points} of {possible}").format(
            seat=escape(scenario.role(s.role).name), points=s.points, possible=s.possible
        )
        for s in sorted(outcome.scores, key=lambda s: -s.points)
    ]
    final = _("Final scores:")
    return f"<b>{final}</b> " + " · ".join(rows)
