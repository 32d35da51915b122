"""Open the window: on the title screen, straight into a seated game, a loaded save, or a replay."""

from __future__ import annotations

from .app import App
from .screens.menus import TitleScreen  # the game's modules are imported by the screens that need them


def build_app(scenario_path=None, seats=None, load=None, seed=None, size=None, replay=None, pin=None, preview=None) -> App:
    """The app with its first screen, ready for ``run()`` (or ``step()`` in tests)."""
    app = App(size=size) if size else App()
    app.hotseat = None
    if replay is not None or load is not None or (scenario_path is not None and (preview is not None or seats is not None)):
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
        preselect = None
        if scenario_path is not None:
            from ..scenario import load_scenario

            preselect = load_scenario(scenario_path).id
        app.show(TitleScreen(app, preselect))
    return app


def run_app(**kwargs) -> int:
    app = build_app(**kwargs)
    app.run()
    return 0


def screenshot_app(path, frames: int = 3, **kwargs) -> None:
    """Save the first screen ``build_app`` opens to ``path`` (PNG) after a few frames, then close."""
    import pygame

    app = build_app(**kwargs)
    try:
        for _ in range(frames):
            app.step(dt=0.05, wait=False)
        pygame.image.save(app.window, str(path))
    finally:
        pygame.quit()
