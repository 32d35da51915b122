"""Where the board goes next: the one map from a hot-seat step to its screen.

Screens move on without importing each other: they ask ``app.route`` for the
next screen (the seat's step, the title, the saves). Only this module knows
every screen, and it imports each one when it is first shown, so nothing below
it imports it back: ``game.ui`` has no import cycle, and the title screen opens
without the game's modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..app import App
    from .load import LoadScreen


class Route:
    def __init__(self, app: App) -> None:
        self.app = app

    def show_step(self) -> None:
        """The screen of the hot-seat game's current step."""
        from ...session.hotseat import (
            ADJUDICATE,
            BRIEFING,
            BRIEFING_HANDOVER,
            HANDOVER,
            NEWS,
            ORDERS,
            OVER,
            TALKS,
            TALKS_HANDOVER,
        )
        from .orders import OrdersScreen
        from .review import ReviewHandoverScreen
        from .table import BriefingScreen, HandoverScreen, NewsScreen
        from .talks_turn import TalksScreen
        from .verdict import VerdictScreen

        app = self.app
        hs = app.hotseat
        if hs is None:
            raise RuntimeError("no game is being played")
        kind = hs.step.kind
        if kind in (BRIEFING_HANDOVER, HANDOVER, TALKS_HANDOVER):
            app.show(HandoverScreen(app, hs))
        elif kind == BRIEFING:
            app.show(BriefingScreen(app, hs))
        elif kind == NEWS:
            app.show(NewsScreen(app, hs))
        elif kind == ORDERS:
            app.show(OrdersScreen(app, hs))
        elif kind == TALKS:
            app.show(TalksScreen(app, hs))
        elif kind == ADJUDICATE:
            app.show(ReviewHandoverScreen(app, hs))
        elif kind == OVER:
            app.show(VerdictScreen(app, hs))

    def title(self, preselect: str | None = None) -> None:
        from .menus import TitleScreen

        self.app.show(TitleScreen(self.app, preselect))

    def picker(self, preselect: str | None = None, path=None) -> None:
        """The scenario picker, ``preselect`` chosen (a scenario's id), ``path`` listed if it is not bundled."""
        from .menus import PickerScreen

        self.app.show(PickerScreen(self.app, preselect, path))

    def saves(self) -> LoadScreen:
        """The Load screen, shown unless it is in front already."""
        from .load import LoadScreen

        screen = self.app.screen
        if isinstance(screen, LoadScreen):
            return screen
        screen = LoadScreen(self.app)
        self.app.show(screen)
        return screen
