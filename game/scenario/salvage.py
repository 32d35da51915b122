"""Name checks for the entries that did not structure, so one run reports both kinds of mistake.

An entry with a shape error (a number in quotes, an unknown key) is not compiled,
so the names in its conditions, effects and lists would be checked only in the
next run, once the author had fixed its shape. Here those fields are checked
from the raw TOML, each on its own, with the same ``Checker`` calls the
sections use: only names and expressions, nothing that depends on the entry's
other keys. A field with a shape error of its own is left out (its error is
already reported); so are an instrument's expressions when its ``targets`` is
malformed, since they depend on whether it has a target.
"""

from __future__ import annotations

from game.rules.expr import Names, suggest
from game.rules.model import CATEGORIES

from ..i18n import _
from .checker import Checker, Origin
from .structure import Parts


def check(
    ck: Checker,
    main: Parts,
    files: list[Parts],
    names: Names,
    scopes: dict[str, tuple[Names, Origin]] | None,
    instruments: list[str],
    alone: bool = False,
) -> None:
    """Check the names of every entry of ``files`` (``main`` last) that failed to structure.

    ``instruments`` are the ids a role's ``instruments`` list may name; ``alone``:
    ``main`` is a library checked on its own.
    """
    for p in files:
        file_names, origin = (scopes or {}).get(p.file) or (names, None if p is main else Origin(p.file))
        for i, raw in _failed(p, "instruments"):
            _instrument(ck, p, ("instruments", i), raw, file_names, origin)
    if alone:
        return
    f = main.file
    for i, raw in _failed(main, "crises"):
        path = ("crises", i)
        for key in ("when", "ends_when"):
            _expr(ck, main, path + (key,), raw.get(key), names)
        for key in ("effects", "ongoing"):
            _effects(ck, main, path + (key,), raw.get(key), names)
    roles = sorted(names.roles)
    for i, raw in _failed(main, "consequences"):
        path = ("consequences", i)
        _expr(ck, main, path + ("when",), raw.get("when"), names)
        _effects(ck, main, path + ("effects",), raw.get("effects"), names)
        reveal_to = raw.get("reveal_to")
        if isinstance(reveal_to, list) and _clean(main, path + ("reveal_to",)):
            for k, rid in enumerate(reveal_to):
                if isinstance(rid, str) and rid not in names.roles:
                    ck.error(
                        f,
                        path + ("reveal_to", k),
                        _("unknown role '{rid}' in reveal_to").format(rid=rid),
                        suggest(rid, roles),
                    )
    choices = instruments + list(CATEGORIES) + ["*"]
    for i, raw in _failed(main, "roles"):
        path = ("roles", i)
        listed = raw.get("instruments")
        if isinstance(listed, list) and _clean(main, path + ("instruments",)):
            for j, entry in enumerate(listed):
                if isinstance(entry, str) and entry not in choices:
                    ck.error(
                        f,
                        path + ("instruments", j),
                        _("unknown instrument or category '{entry}'").format(entry=entry),
                        suggest(entry, choices),
                    )
        objectives = raw.get("objectives")
        for k, o in enumerate(objectives if isinstance(objectives, list) else []):
            if isinstance(o, dict):
                _expr(ck, main, path + ("objectives", k, "when"), o.get("when"), names.in_role())
    crises = sorted(names.crises)
    for i, raw in _failed(main, "schedule"):
        crisis = raw.get("crisis")
        if isinstance(crisis, str) and crisis not in names.crises and _clean(main, ("schedule", i, "crisis")):
            ck.error(
                f,
                ("schedule", i, "crisis"),
                _("unknown crisis '{crisis}' in the schedule").format(crisis=crisis),
                suggest(crisis, crises),
            )
    end = main.raw.get("end")
    if isinstance(end, dict) and "end" not in main.values:
        _expr(ck, main, ("end", "lose_when"), end.get("lose_when"), names)


def _failed(p: Parts, section: str) -> list[tuple[int, dict]]:
    """(index, raw table) of the entries of ``section`` that did not structure."""
    raw = p.raw.get(section)
    if not isinstance(raw, list):
        return []
    done = {i for i, _ in p.entries(section)}
    return [(i, e) for i, e in enumerate(raw) if i not in done and isinstance(e, dict)]


def _clean(p: Parts, path: tuple) -> bool:
    """Whether no shape error lies at ``path`` or inside it."""
    n = len(path)
    return not any(tuple(bad[:n]) == path for bad in p.shape)


def _expr(ck: Checker, p: Parts, path: tuple, source, names: Names, origin: Origin | None = None) -> None:
    if isinstance(source, str) and _clean(p, path):
        ck.expr(p.file, path, source, names, "bool", origin)


def _effects(
    ck: Checker, p: Parts, path: tuple, table, names: Names, has_target: bool | None = None, origin=None
) -> None:
    if not isinstance(table, dict):
        return
    clean = {
        k: v
        for k, v in table.items()
        if isinstance(v, (int, float, str)) and not isinstance(v, bool) and _clean(p, path + (k,))
    }
    if has_target is None:
        ck.effects(p.file, path, clean, names)
    else:
        ck.effects(p.file, path, clean, names, instrument=True, has_target=has_target, origin=origin)


def _instrument(ck: Checker, p: Parts, path: tuple, raw: dict, names: Names, origin: Origin | None) -> None:
    targets = raw.get("targets", [])
    if not isinstance(targets, list) or not _clean(p, path + ("targets",)):
        return
    inner = names.in_instrument(bool(targets))
    _expr(ck, p, path + ("requires",), raw.get("requires"), inner, origin)
    _effects(ck, p, path + ("effects",), raw.get("effects"), inner, bool(targets), origin)
