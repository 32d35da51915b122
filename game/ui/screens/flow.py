"""From the hot-seat step to the screen that shows it; starting and resuming games."""

from __future__ import annotations

from ...session import slots
from ...session.game import Game
from ...session.hotseat import (
    ADJUDICATE,
    BRIEFING,
    BRIEFING_HANDOVER,
    HANDOVER,
    NEWS,
    ORDERS,
    OVER,
    HotSeat,
)
from ...session.save import SaveError


def autosave(game: Game, phase: str) -> None:
    try:
        slots.autosave(game, phase)
    except OSError:
        pass  # a full disk must not end the game; the next phase tries again


def start_game(app, scenario, files, main, seats, seed=None, pin: str | None = None) -> HotSeat:
    game = Game(scenario, files, main, seed)
    if pin:
        from ...session import control

        control.set_pin(game, pin)
    hotseat = HotSeat(game, seats, autosave)
    autosave(game, "setup")
    app.hotseat = hotseat
    show_step(app)
    return hotseat


def load_or_explain(app, path, doing: str = "loaded") -> Game | None:
    """The game in a save, or None after showing, on the Load screen, why it
    cannot be ``doing`` (loaded, replayed)."""
    from pathlib import Path

    from ..overlays import MessageOverlay
    from .menus import LoadScreen

    try:
        return Game.load(path)
    except SaveError as e:
        if not isinstance(app.screen, LoadScreen):
            app.show(LoadScreen(app))
        reason = str(e).replace(str(path), Path(path).name)
        MessageOverlay(app, f"This save cannot be {doing}", f"{reason}. Your other saves are untouched.").open()
        return None


def resume_game(app, path) -> HotSeat | None:
    game = load_or_explain(app, path)
    if game is None:
        return None
    hotseat = HotSeat(game, None, autosave)
    app.hotseat = hotseat
    show_step(app)
    return hotseat


def show_step(app) -> None:
    from .endgame import ScoresScreen
    from .orders import OrdersScreen
    from .table import BriefingScreen, HandoverScreen, NewsScreen

    hs = app.hotseat
    kind = hs.step.kind
    if kind in (BRIEFING_HANDOVER, HANDOVER):
        app.show(HandoverScreen(app, hs))
    elif kind == BRIEFING:
        app.show(BriefingScreen(app, hs))
    elif kind == NEWS:
        app.show(NewsScreen(app, hs))
    elif kind == ORDERS:
        app.show(OrdersScreen(app, hs))
    elif kind == ADJUDICATE:
        from .facilitator import ReviewHandoverScreen

        app.show(ReviewHandoverScreen(app))
    elif kind == OVER:
        app.show(ScoresScreen(app, hs))
