"""From the hot-seat step to the screen that shows it; starting and resuming games."""

from __future__ import annotations

from ...session.autosaver import Autosaver
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


def start_game(app, scenario, files, main, seats, seed=None, pin: str | None = None, source=None) -> HotSeat:
    game = Game(scenario, files, main, seed)
    if source is not None:
        game.meta["source"] = str(source)  # where F5 reloads the scenario from
    if pin:
        from ...session import control

        control.set_pin(game, pin)
    saver = Autosaver()  # a full disk must not end the game: the board says so, the next phase tries again
    hotseat = HotSeat(game, seats, saver)
    saver(game, "setup")
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
        app.screen.mark_damaged(path, e)
        reason = str(e).replace(str(path), Path(path).name)
        MessageOverlay(app, f"This save cannot be {doing}", f"{reason}. Your other saves are untouched.").open()
        return None


def resume_game(app, path) -> HotSeat | None:
    game = load_or_explain(app, path)
    if game is None:
        return None
    hotseat = HotSeat(game, None, Autosaver(saved_actions=len(game.actions)))
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


def preview_role(app, scenario, files, main, role: str, source=None) -> HotSeat:
    """The first round exactly as ``role``'s player sees it, with no set-up and
    nothing saved: for authors checking what a seat will see."""
    from ...session.hotseat import Seat

    seats = {r: Seat(r, "Preview" if r == role else "", None if r == role else "random") for r in scenario.role_ids}
    game = Game(scenario, files, main)
    game.meta["source"] = str(source) if source is not None else ""
    game.meta["preview"] = role
    game.meta["briefed"] = [role]
    game.meta["news_round"] = 1
    game.meta["news_index"] = len(game.state.events)
    hotseat = HotSeat(game, seats, None)
    hotseat.advance()  # past the hand-over: straight to the seat's private screen
    app.hotseat = hotseat
    show_step(app)
    return hotseat


def reload_scenario(app) -> None:
    """F5: reload the scenario from disk and replay the game onto it, or explain why not."""
    from ...scenario import ScenarioError
    from ...session.reload import ReloadError, reload_game
    from ..overlays import MessageOverlay

    hs = app.hotseat
    source = hs.game.meta.get("source") if hs is not None else None
    if not source:
        app.toast("This game was not started from a scenario file, so there is nothing to reload")
        return
    try:
        game = reload_game(hs.game, source)
    except ScenarioError as e:
        shown = "\n".join(str(d) for d in e.diagnostics[:12])
        more = f"\n…and {len(e.diagnostics) - 12} more" if len(e.diagnostics) > 12 else ""
        MessageOverlay(
            app,
            "The edited scenario does not validate",
            f"{shown}{more}\n\nThe game goes on unchanged; fix the file and press F5 again.",
        ).open()
        return
    except (ReloadError, OSError) as e:
        MessageOverlay(app, "Could not reload", f"{e}\n\nThe game goes on unchanged.").open()
        return
    app.hotseat = HotSeat(game, hs.seats, hs.autosave)
    show_step(app)
    app.toast(f"Reloaded {source}: {len(game.actions)} actions replayed")
