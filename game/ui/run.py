"""Open the window: on the title screen, straight into a seated game, a loaded save, or a replay."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import App


def build_app(
    scenario_path=None, seats=None, load=None, seed=None, size=None, replay=None, pin=None, preview=None, feel=None
) -> App:
    """The app with its first screen, ready for ``run()`` (or ``step()`` in tests).

    A board that opens on the title screen shows its art first (``title_art``), before
    pygame_gui and the screens are imported: that frame is on screen in half the time.
    """
    app = new_app(size, _opens_on_title(scenario_path, seats, load, replay, preview), feel)
    open_first_screen(app, scenario_path, seats, load, seed, replay, pin, preview)
    return app


def _opens_on_title(scenario_path, seats, load, replay, preview) -> bool:
    return replay is None and load is None and (scenario_path is None or (preview is None and seats is None))


def new_app(size=None, on_title: bool = True, feel=None) -> App:
    """The window and its app, with no screen yet (the title's art shown first when it opens on the title),
    in the text size and contrast of ``feel`` (by default the stored preferences)."""
    from . import look
    from .feel import Feel

    feel = feel if feel is not None else Feel()
    look.use(feel.preferences.text_size, feel.preferences.high_contrast, size)  # the first frame's look too
    if on_title:
        from . import title_art

        title_art.first_frame(size)
    from .app import App
    from .screens.route import Route

    app = App(size=size, feel=feel)
    app.route = Route(app)
    app.after_first_frame.append(_clean_temp_files)  # what writes interrupted by a crash or a kill left
    return app


def open_first_screen(
    app: App, scenario_path=None, seats=None, load=None, seed=None, replay=None, pin=None, preview=None
) -> None:
    """Show the screen a launch asked for: a replay, a loaded save, a preview, a seated game or the title."""
    if (
        replay is not None
        or load is not None
        or (scenario_path is not None and (preview is not None or seats is not None))
    ):
        app.load_all_fonts()  # only the title screen opens with its own fonts alone
    if replay is not None:
        from .screens.replay import open_replay

        open_replay(app, replay)  # a save that does not replay: the Load screen says why
    elif load is not None:
        from .screens.flow import resume_game

        resume_game(app, load)  # a save that does not load: the Load screen says why
    elif scenario_path is not None and preview is not None:
        from ..scenario import load_scenario_with_files
        from .screens.flow import preview_role

        scenario, files, main = load_scenario_with_files(scenario_path)
        preview_role(app, scenario, files, main, preview, source=scenario_path)
    elif scenario_path is not None and seats is not None:
        from ..scenario import load_scenario_with_files
        from .screens.flow import start_game

        scenario, files, main = load_scenario_with_files(scenario_path)
        start_game(app, scenario, files, main, seats, seed, pin=pin, source=scenario_path)
    else:
        from .screens.menus import TitleScreen  # the game's modules are imported by the screens that need them

        preselect = None
        if scenario_path is not None:
            from ..scenario import load_scenario

            preselect = load_scenario(scenario_path).id
        app.show(TitleScreen(app, preselect, scenario_path))


def _feel(text_size: int | None, high_contrast: bool):
    """The stored preferences with a launch's text size and contrast over them (None: none given)."""
    if text_size is None and not high_contrast:
        return None
    from .feel import Feel

    return Feel(text_size=text_size, high_contrast=high_contrast)


def _clean_temp_files() -> None:
    from ..session.slots import clean_temp_files  # not before the first frame: it loads the save modules

    clean_temp_files()


def run_app(
    mute: bool = False, reduce_motion: bool = False, text_size: int | None = None, high_contrast: bool = False, **kwargs
) -> int:
    """Run the board until it is quit; 0 also when it was ended by SIGTERM. ``mute``, ``reduce_motion``,
    ``text_size`` and ``high_contrast`` hold for this run only (the stored preferences are left as they are)."""
    from .feel import Feel

    size = kwargs.pop("size", None)
    opens = _opens_on_title(*(kwargs.get(k) for k in ("scenario_path", "seats", "load", "replay", "preview")))
    feel = Feel(mute=mute, reduce_motion=reduce_motion, text_size=text_size, high_contrast=high_contrast)
    app = new_app(size, opens, feel)
    with quit_on_sigterm(app):  # before the first screen: starting a game autosaves, and a kill may follow at once
        open_first_screen(app, **kwargs)
        app.run()
    return 0


def screenshot_app(path, frames: int = 3, text_size: int | None = None, high_contrast: bool = False, **kwargs) -> None:
    """Save the first screen ``build_app`` opens to ``path`` (PNG) after a few frames, then close
    (at ``text_size`` and in ``high_contrast`` when given, else as the preferences have it)."""
    import pygame

    app = build_app(**kwargs, feel=_feel(text_size, high_contrast))
    try:
        for _ in range(frames):
            app.step(dt=0.05, wait=False)
        pygame.image.save(app.window, str(path))
    finally:
        pygame.quit()


@contextmanager
def quit_on_sigterm(app: App):
    """SIGTERM ends the loop after the frame under way, like Quit, under any video driver.

    SDL turns SIGTERM into a window-close event, and during a game closing the window asks
    for confirmation first, so a terminated board went on running. Nothing is lost by
    stopping: every phase is autosaved as it ends. Installed after pygame has initialised its display so that
    it replaces SDL's handler; the loop notices within one idle nap.
    """

    def stop(signum, frame) -> None:
        app.quit()

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
