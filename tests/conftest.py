import os

# No window and no sound in tests, on any machine.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# The tests read English unless one asks for another language: a French desktop must not turn the goldens French.
os.environ["DEMARCHE_LANG"] = "en"


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _english_again():
    """Whatever language a test spoke, the next one starts in English (a failed test cannot leave French on)."""
    yield
    from game import i18n

    if i18n.language() != i18n.SOURCE:
        i18n.set_language(i18n.SOURCE)
