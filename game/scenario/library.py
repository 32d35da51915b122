"""Instrument libraries and their ``[contract]``: the meters their instruments rely on.

A library does not declare meters, actors or roles: the scenario that includes
it does. Its ``[contract]`` names the meters its instruments use, which gives
two things:

- a library can be checked on its own (``demarche validate library.toml``):
  its expressions are compiled against the contract's meters, with no actors,
  roles, crises or consequences known;
- a scenario that includes it and lacks one of those meters gets one error per
  missing meter at its include entry, instead of an error at every use inside
  the library. The library's instruments are then compiled with the contract's
  meters added, so that nothing inside it is reported twice.

A library without a contract still works in a scenario (each use of a meter the
scenario lacks is reported inside the library, as before); checked alone it is
told to declare one, with the meters it was found to use.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import attrs

from game.rules.expr import Names, meter_names
from game.rules.model import CAPITAL

from ..i18n import N_, _, ngettext
from .checker import ID, RESERVED, Checker, Origin
from .sources import Source
from .spec import ContractSpec
from .structure import Parts

# [contract] key (also the scenario table that declares such a meter) -> what messages call it
TABLES = {"actor_meters": N_("actor meter"), "meters": N_("global meter"), "role_meters": N_("role meter")}
_NAMES_FIELD = {"actor_meters": "actor_meters", "meters": "global_meters", "role_meters": "role_meters"}


def contract_of(parts: Parts) -> ContractSpec | None:
    """The library's contract, if it declares one that structured."""
    return parts.values.get("contract")


def declares_contract(parts: Parts) -> bool:
    """Whether the file has a [contract] table at all (even one with mistakes)."""
    return "contract" in parts.raw


def with_meters(names: Names, meters: Mapping[str, Collection[str]]) -> Names:
    """``names`` with the meters of ``meters`` (keyed like [contract]) added."""
    changes = {
        _NAMES_FIELD[table]: getattr(names, _NAMES_FIELD[table]) | frozenset(meters.get(table, ())) for table in TABLES
    }
    return attrs.evolve(names, **changes)


def check_contract(ck: Checker, parts: Parts) -> None:
    """Meter ids in [contract] are ids, each listed once per list."""
    contract = contract_of(parts)
    if contract is None:
        return
    for table in TABLES:
        entries = [(parts.file, ("contract", table, k), name) for k, name in enumerate(getattr(contract, table))]
        for file, path, name in entries:
            ck.check_id(file, path, name, "meter")
        ck.unique("meter", entries, _(" in [contract] {table}").format(table=table))


def meters_used(parts: Parts) -> dict[str, set[str]]:
    """The meters the file's instruments use, keyed like [contract].

    Read from the source text of ``requires`` and effects (their keys and
    expression values): ``target.X`` is an actor meter, ``self.X`` a role meter,
    a plain name a global meter; an instrument with a cost uses ``capital``.
    Full paths like ``veyra.trust`` are not counted (a library cannot use them).
    """
    used: dict[str, set[str]] = {table: set() for table in TABLES}
    for _k, ins in parts.entries("instruments"):
        if ins.cost > 0:
            used["role_meters"].add(CAPITAL)
        texts = [ins.requires] if ins.requires else []
        for key, value in ins.effects.items():
            texts.append(key)
            if isinstance(value, str):
                texts.append(value.removeprefix("="))
        for text in texts:
            for name in meter_names(text):
                owner, _dot, meter = name.rpartition(".")
                if not owner:
                    used["meters"].add(meter)
                elif owner == "target":
                    used["actor_meters"].add(meter)
                elif owner == "self":
                    used["role_meters"].add(meter)
    return used


def _valid(name: str) -> bool:
    return bool(ID.match(name)) and name not in RESERVED


def _listing(meters: dict[str, set[str]]) -> str:
    """The [contract] lines for ``meters``, on one line: actor_meters = ["trust"], meters = [], ..."""
    lists = {table: ", ".join(f'"{m}"' for m in sorted(meters[table])) for table in TABLES}
    return ", ".join(f"{table} = [{names}]" for table, names in lists.items())


# --------------------------------------------------------------------------- a library on its own


def check_alone(ck: Checker, files: list[Parts], names: Names) -> dict[str, tuple[Names, Origin]]:
    """Check the contracts of a library checked on its own and its includes.

    ``files`` are the library's includes then the library; ``names`` knows the
    instruments and signals of all of them and nothing else. Returns, per file,
    the names its instruments compile with and its ``Origin``.
    """
    scopes: dict[str, tuple[Names, Origin]] = {}
    for p in files:
        check_contract(ck, p)
        contract = contract_of(p)
        used = meters_used(p)
        if contract is not None:
            meters = {table: set(getattr(contract, table)) for table in TABLES}
            for table, label in TABLES.items():
                for k, name in enumerate(getattr(contract, table)):
                    if name not in used[table] and _valid(name) and name not in getattr(contract, table)[:k]:
                        ck.warn(
                            p.file,
                            ("contract", table, k),
                            _("[contract] lists {label} '{name}', but no instrument in this library uses it").format(
                                label=_(label), name=name
                            ),
                        )
        else:
            meters = used  # keep checking everything else as if the contract were written
            if not declares_contract(p):  # (a [contract] with mistakes is reported where they are)
                if any(used.values()):
                    advice = _("declare the meters this library uses in [contract]: {listing}").format(
                        listing=_listing(used)
                    )
                else:
                    advice = _(
                        "declare the meters this library uses in [contract] (it uses none: an empty "
                        "[contract] table will do)"
                    )
                ck.error(
                    p.file, ("format",), _("this library has no [contract]; {advice}").format(advice=advice), at="key"
                )
        scopes[p.file] = (with_meters(names, meters), Origin(p.file, contract=declares_contract(p), alone=True))
    return scopes


# --------------------------------------------------------------------------- a library in a scenario


def in_scenario(
    ck: Checker, main: Parts, libraries: list[Parts], sources: list[Source], names: Names
) -> dict[str, tuple[Names, Origin]]:
    """Check that the scenario declares every meter its libraries' contracts name.

    One error per missing meter, at the scenario's include entry through which
    the (first) library needing it is included. Returns, per library, the names
    its instruments compile with (the scenario's plus its contract's) and its
    ``Origin``.
    """
    declared = {"actor_meters": names.actor_meters, "meters": names.global_meters, "role_meters": names.role_meters}
    missing: dict[tuple[str, str], list[str]] = {}
    scopes: dict[str, tuple[Names, Origin]] = {}
    for p in libraries:
        check_contract(ck, p)
        contract = contract_of(p)
        if contract is None:
            scopes[p.file] = (names, Origin(p.file))
            continue
        for table in TABLES:
            for name in getattr(contract, table):
                if name not in declared[table] and _valid(name) and p.file not in missing.get((table, name), []):
                    missing.setdefault((table, name), []).append(p.file)
        scopes[p.file] = (with_meters(names, {t: getattr(contract, t) for t in TABLES}), Origin(p.file, contract=True))
    by_key = {s.key: s for s in sources}
    for (table, name), needing in missing.items():
        ck.error(
            main.file,
            _include_entry(by_key, needing[0], main.file),
            ngettext(
                "{listed} needs {label} '{name}'; declare [{table}.{name}]",
                "{listed} need {label} '{name}'; declare [{table}.{name}]",
                len(needing),
            ).format(listed=_(" and ").join(needing), label=_(TABLES[table]), name=name, table=table),
        )
    return scopes


def _include_entry(by_key: dict[str, Source], library: str, main: str) -> tuple:
    """Key path of the scenario's include entry through which ``library`` is included."""
    source = by_key[library]
    while source.included_by is not None and source.included_by[0] != main:
        source = by_key[source.included_by[0]]
    return source.included_by[1] if source.included_by is not None else ("scenario", "include")


__all__ = ["TABLES", "check_alone", "contract_of", "in_scenario", "meters_used"]
