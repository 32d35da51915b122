"""The pygame board. The only package that imports pygame.

``run_app`` opens the window; everything else in ``game`` works without it.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and os.name == "posix" and "darwin" not in os.sys.platform:
    # No display at all (a server, CI): run without a window rather than fail.
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the game has no sound
