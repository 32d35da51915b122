"""Where the files shipped with Demarche are: scenarios, instrument library, schemas, fonts, theme, sounds.

This is the one place that knows. The repository keeps them in its top-level
``scenarios/`` and ``assets/`` folders; the build (``pyproject.toml``) maps those
into the package as ``game/data/scenarios`` and ``game/data/assets``, so a wheel,
an sdist, ``pip install .`` or pipx carry them inside ``game``. In a checkout
(the source tree, or an editable install of it) ``game/data`` does not exist and
the top-level folders beside the package are used as they are.

Everything is found through ``importlib.resources`` from the ``game`` package,
so it works wherever the package was installed.
"""

from __future__ import annotations

import atexit
import contextlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from .i18n import _

SCENARIOS = "scenarios"
ASSETS = "assets"
SCENARIO_SCHEMA = "demarche.schema.json"
LIBRARY_SCHEMA = "demarche-library.schema.json"
THEME = "theme.json"
FONT_LICENCE = "OFL.txt"
SOUND_LICENCE = "LICENSE.txt"

_extracted = contextlib.ExitStack()  # a zipped install: files copied out for the process's life
atexit.register(_extracted.close)


class MissingResourcesError(FileNotFoundError):
    """The package's own files are not where the build puts them: a broken install."""


def _package_dir() -> Path | None:
    """The ``game`` package's folder when it is a plain folder on disk (a checkout, a usual install), else None."""
    import game

    init = getattr(game, "__file__", None)
    if not init:
        return None
    folder = Path(init).absolute().parent
    return folder if (folder / "__init__.py").is_file() else None  # not inside a zip archive


@lru_cache(maxsize=None)
def _folder(name: str) -> Path:
    package: Any = _package_dir()  # importlib.resources (and zipfile) are loaded only for a zipped install
    if package is None:
        from importlib.resources import files

        package = files("game")
    inside = package / "data" / name
    if inside.is_dir():
        if isinstance(inside, Path):
            return inside
        from importlib.resources import as_file

        return _extracted.enter_context(as_file(inside))
    if isinstance(package, Path) and (package.parent / name).is_dir():
        return package.parent / name  # a checkout: the repository's own folder
    raise MissingResourcesError(
        _(
            "Demarche's bundled '{name}' folder is missing from its install ({package}); reinstall it, e.g. "
            "'pipx reinstall demarche-game'"
        ).format(name=name, package=package)
    )


def scenarios_dir() -> Path:
    """The bundled scenarios (each ``*.toml`` directly in it), with ``library/`` and the schemas beside them."""
    return _folder(SCENARIOS)


def library_dir() -> Path:
    """The shared instrument libraries the bundled scenarios include."""
    return scenarios_dir() / "library"


def schema_file(name: str) -> Path:
    """One of the two JSON Schemas (``SCENARIO_SCHEMA`` or ``LIBRARY_SCHEMA``)."""
    return scenarios_dir() / name


def assets_dir() -> Path:
    return _folder(ASSETS)


def fonts_dir() -> Path:
    """The Noto Sans fonts, with their licence (``FONT_LICENCE``)."""
    return assets_dir() / "fonts"


def theme_file() -> Path:
    """The pygame_gui theme."""
    return assets_dir() / THEME


def sounds_dir() -> Path:
    """The board's sounds (``*.wav``, original works under CC0), with their licence (``SOUND_LICENCE``)."""
    return assets_dir() / "sounds"
