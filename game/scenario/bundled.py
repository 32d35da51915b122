"""The scenarios shipped with Demarche, and turning a command-line argument into a file.

``demarche play red_lines`` and ``demarche play path/to/mine.toml`` both work:
an argument that is an existing file is used as is, otherwise it is looked up
among the bundled scenarios by their ``[scenario] id``.
"""

from __future__ import annotations

from pathlib import Path

import tomli

from game import resources
from game.rules.expr import suggest

from ..i18n import _


class UnknownScenarioError(LookupError):
    """Neither a file nor a bundled scenario id; the message lists the ids."""

    def __init__(self, arg: str, ids: list[str], suggestion: str | None, is_path: bool = False):
        self.arg, self.ids, self.suggestion, self.is_path = arg, ids, suggestion, is_path
        if is_path:
            message = _("no scenario file '{arg}'").format(arg=arg)
        else:
            message = _("unknown scenario '{arg}'").format(arg=arg)
        if suggestion:
            message += _(" (did you mean '{suggestion}'?)").format(suggestion=suggestion)
        message += _("; bundled scenarios: ") + (", ".join(ids) if ids else _("none"))
        super().__init__(message)

    def __str__(self) -> str:
        return self.args[0]


def bundled_dir() -> Path:
    """The folder of the bundled scenarios (see ``game.resources``)."""
    return resources.scenarios_dir()


def bundled_scenarios(folder: Path | None = None) -> list[Path]:
    """Every scenario file shipped: each *.toml directly in scenarios/ (not library/)."""
    folder = folder or bundled_dir()
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def scenario_id(path: Path) -> str | None:
    """The ``[scenario] id`` of a file, without checking anything else; None if unreadable."""
    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return None
    header = data.get("scenario")
    ident = header.get("id") if isinstance(header, dict) else None
    return ident if isinstance(ident, str) else None


def bundled_ids(folder: Path | None = None) -> dict[str, Path]:
    """Bundled scenario id -> file (a file whose id cannot be read is listed by its name)."""
    out: dict[str, Path] = {}
    for path in bundled_scenarios(folder):
        out.setdefault(scenario_id(path) or path.stem, path)
    return out


def resolve_scenario(arg: str | Path, folder: Path | None = None) -> Path:
    """A scenario file from a path or a bundled scenario id; ``UnknownScenarioError`` otherwise."""
    path = Path(arg)
    if path.is_file():
        return path
    ids = bundled_ids(folder)
    text = str(arg)
    if text in ids:
        return ids[text]
    stems = {p.stem: p for p in ids.values()}
    if text in stems:
        return stems[text]
    looks_like_path = path.suffix == ".toml" or "/" in text or "\\" in text
    guess = suggest(path.stem if looks_like_path else text, list(ids))
    raise UnknownScenarioError(text, sorted(ids), guess, is_path=looks_like_path)
