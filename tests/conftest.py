import os

# No window and no sound in tests, on any machine.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# The tests read English unless one asks for another language: a French desktop must not turn the goldens French.
os.environ["DEMARCHE_LANG"] = "en"
