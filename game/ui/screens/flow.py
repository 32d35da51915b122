"""Starting, resuming, previewing and reloading games; ``app.route`` shows their screens."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ...i18n import _, ngettext
from ...session.autosaver import Autosaver
from ...session.game import Game
from ...session.hotseat import HotSeat, Seat
from ...session.save import SaveError

if TYPE_CHECKING:
    from ...rules.model import Scenario
    from ..app import App


def start_game(
    app: App,
    scenario: Scenario,
    files: dict[str, str],
    main: str,
    seats: dict[str, Seat],
    seed: int | None = None,
    pin: str | None = None,
    source: str | os.PathLike | None = None,
) -> HotSeat:
    """A new hot-seat game with ``seats``: an optional role is in the game exactly when it has a seat."""
    from ...scenario.variants import with_optional

    scenario = with_optional(scenario, [r for r in scenario.optional_roles if r in seats])
    game = Game(scenario, files, main, seed)
    if source is not None:
        game.meta.source = str(source)  # where F5 reloads the scenario from
    if pin:
        from ...session import control

        control.set_pin(game, pin)
    saver = Autosaver()  # a full disk must not end the game: the board says so, the next phase tries again
    hotseat = HotSeat(game, seats, saver)
    saver(game, "setup")
    app.hotseat = hotseat
    app.route.show_step()
    return hotseat


def load_or_explain(app: App, path: str | os.PathLike, doing: str = "loaded") -> Game | None:
    """The game in a save, or None after showing, on the Load screen, why it
    cannot be ``doing`` ("loaded", "replayed")."""
    from ..overlays import MessageOverlay

    try:
        return Game.load(path)
    except SaveError as e:
        app.route.saves().mark_damaged(path, e)
        reason = str(e).replace(str(path), Path(path).name)
        title = _("This save cannot be replayed") if doing == "replayed" else _("This save cannot be loaded")
        MessageOverlay(app, title, _("{reason}. Your other saves are untouched.").format(reason=reason)).open()
        return None


def resume_game(app: App, path: str | os.PathLike) -> HotSeat | None:
    game = load_or_explain(app, path)
    if game is None:
        return None
    hotseat = HotSeat(game, None, Autosaver(saved_actions=len(game.actions)))
    app.hotseat = hotseat
    app.route.show_step()
    return hotseat


def preview_role(
    app: App,
    scenario: Scenario,
    files: dict[str, str],
    main: str,
    role: str,
    source: str | os.PathLike | None = None,
) -> HotSeat:
    """The first round exactly as ``role``'s player sees it, with no set-up and
    nothing saved: for authors checking what a seat will see. An optional role previewed is in the
    game; the other optional roles are left out."""
    from ...scenario.variants import with_optional

    scenario = with_optional(scenario, [role] if role in scenario.optional_roles else [])
    preview = _("Preview")
    seats = {r: Seat(r, preview if r == role else "", None if r == role else "random") for r in scenario.role_ids}
    game = Game(scenario, files, main)
    game.meta.source = str(source) if source is not None else ""
    game.meta.preview = role
    game.meta.briefed = [role]
    game.meta.news_round = 1
    game.meta.news_index = len(game.state.events)
    hotseat = HotSeat(game, seats, None)
    hotseat.advance()  # past the hand-over: straight to the seat's private screen
    app.hotseat = hotseat
    app.route.show_step()
    return hotseat


def reload_scenario(app: App) -> None:
    """F5: reload the scenario from disk and replay the game onto it, or explain why not."""
    from ...scenario import ScenarioError
    from ...session.reload import ReloadError, reload_game
    from ..overlays import MessageOverlay

    hs = app.hotseat
    source = hs.game.meta.source if hs is not None else None
    if hs is None or not source:
        app.toast(_("This game was not started from a scenario file, so there is nothing to reload"))
        return
    try:
        game = reload_game(hs.game, source)
    except ScenarioError as e:
        shown = "\n".join(str(d) for d in e.diagnostics[:12])
        left = len(e.diagnostics) - 12
        more = "\n" + ngettext("…and {n} more", "…and {n} more", left).format(n=left) if left > 0 else ""
        fix = _("The game goes on unchanged; fix the file and press F5 again.")
        MessageOverlay(app, _("The edited scenario does not validate"), f"{shown}{more}\n\n{fix}").open()
        return
    except (ReloadError, OSError) as e:
        unchanged = _("The game goes on unchanged.")
        MessageOverlay(app, _("Could not reload"), f"{e}\n\n{unchanged}").open()
        return
    app.hotseat = HotSeat(game, hs.seats, hs.autosave)
    app.route.show_step()
    n = len(game.actions)
    # Translators: the English says "actions" for one too; the singular form is for n = 1 (and 0 in French).
    done = ngettext("Reloaded {source}: {n} actions replayed", "Reloaded {source}: {n} actions replayed", n)
    app.toast(done.format(source=source, n=n))
