"""The pygame board. The only package that imports pygame.

``run_app`` opens the window; everything else in ``game`` works without it.
"""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# No audio driver is chosen here: SDL finds the machine's own, and where there is none the
# board stays silent (game.ui.sound). Tests and CI set SDL_AUDIODRIVER=dummy.


def display_problem() -> str | None:
    """Why no window can open here, or None. Linux without X11 or Wayland and
    without an explicit SDL video driver (tests set ``dummy``) has no screen."""
    if not sys.platform.startswith("linux") or os.environ.get("SDL_VIDEODRIVER"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    from ..i18n import _

    return _(
        "no display found (DISPLAY is not set). Run it on a desktop, or try 'demarche autoplay SCENARIO' in a terminal."
    )
