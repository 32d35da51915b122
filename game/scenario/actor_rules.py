"""Checks and compilation of what actors do and who plays them: ``[[actors.responses]]``, ``pick``
and a role's ``plays`` (the red cell). Kept apart from ``sections`` so that the sections every
scenario has stay as they were; a scenario without these keys passes through untouched.
"""

from __future__ import annotations

import attrs

from game.rules.expr import Names, suggest
from game.rules.model import PICKS, ROLE_TARGET, Actor, Effect, Response, Role
from game.rules.news import RESPONSE_PLACEHOLDERS

from ..i18n import N_, _
from .checker import Checker
from .sections import raw_entries
from .structure import Parts

AGAINST = "against."
NO_AGAINST = {
    "against": N_(
        "{against} is the name of the role a response is aimed at, and this one has no against; add "
        'against = "..." (a number for each role) or write the role\'s name'
    )
}


def response_names(raw: dict) -> frozenset[str]:
    """Every response as ``fired()`` names it ("veyra.expel"), from the raw file (see ``sections``)."""
    out: set[str] = set()
    for i, actor in raw_entries(raw.get("actors")):
        for _k, rid in raw_entries(raw["actors"][i].get("responses")):
            out.add(f"{actor}.{rid}")
    return frozenset(out)


def responses(ck: Checker, main: Parts, names: Names, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """The actors with their responses and pick checked and compiled in (unchanged when they have none)."""
    f = main.file
    found = main.raw.get("actors")
    raw_actors: list = found if isinstance(found, list) else []
    ck.unique(
        "response",
        (
            (f, ("actors", i, "responses", k, "id"), rid)
            for i, _ in raw_entries(raw_actors)
            for k, rid in raw_entries(raw_actors[i].get("responses"))
        ),
        _(" (response ids are unique across the scenario)"),
    )
    compiled = {a.id: a for a in actors}
    out = []
    role_names = names.in_role()
    for i, spec in main.entries("actors"):
        actor = compiled.get(spec.id)
        if actor is None:
            continue
        path = ("actors", i)
        if spec.kind == ROLE_TARGET:
            ck.error(
                f,
                path + ("kind",),
                _(
                    'kind "{ROLE_TARGET}" is the word instruments use to target roles; give the actor another kind'
                ).format(ROLE_TARGET=ROLE_TARGET),
            )
        if not spec.responses and "pick" not in raw_actors[i]:
            out.append(actor)
            continue
        ck.one_of(f, path + ("pick",), spec.pick, PICKS, "pick")
        made = []
        for k, r in enumerate(spec.responses):
            rpath = path + ("responses", k)
            ck.check_id(f, rpath + ("id",), r.id, "response")
            ck.between(f, rpath + ("chance",), r.chance, 0, 1, "chance")
            ck.at_least(f, rpath + ("weight",), r.weight, 0, "weight")
            ck.at_least(f, rpath + ("cooldown",), r.cooldown, 0, "cooldown")
            if r.max_fires is not None:
                ck.at_least(f, rpath + ("max_fires",), r.max_fires, 1, "max_fires")
            when = ck.expr(f, rpath + ("when",), r.when, names, "bool")
            against = ck.expr(f, rpath + ("against",), r.against, role_names, "num")
            effects = _effects(ck, f, rpath + ("effects",), r.effects, names, r.against is not None)
            if r.against is not None:
                ck.news_text(f, rpath + ("text",), r.text, RESPONSE_PLACEHOLDERS, "text")
            else:
                ck.news_text(f, rpath + ("text",), r.text, ("times",), "text", NO_AGAINST)
            if when is None or effects is None:
                continue
            made.append(
                Response(
                    r.id,
                    actor.id,
                    when,
                    effects,
                    r.text,
                    r.chance,
                    r.priority,
                    r.weight,
                    r.cooldown,
                    r.max_fires,
                    against,
                )
            )
        out.append(attrs.evolve(actor, responses=tuple(made), pick=spec.pick))
    return tuple(out)


def _effects(
    ck: Checker, f: str, path: tuple, table: dict, names: Names, has_against: bool
) -> tuple[Effect, ...] | None:
    """A response's effects: meter paths as anywhere else, and ``against.X`` for a role meter X of the
    role it is aimed at (only with ``against``)."""
    plain = {key: value for key, value in table.items() if not key.startswith(AGAINST)}
    checked = ck.effects(f, path, plain, names)
    ok = checked is not None
    by_key = {e.path: e for e in checked or ()}
    out: list[Effect] = []
    for key, value in table.items():
        if not key.startswith(AGAINST):
            if key in by_key:
                out.append(by_key[key])
            continue
        here = path + (key,)
        meter = key[len(AGAINST) :]
        if not has_against:
            ck.error(
                f,
                here,
                _(
                    "'{key}': this response has no against, so there is no role to change; add "
                    'against = "..." (a number for each role, e.g. "used(by=\'self\', within=1)") or '
                    "name the role"
                ).format(key=key),
                at="key",
            )
            ok = False
        elif meter not in names.role_meters:
            ck.error(
                f,
                here,
                _("roles have no meter '{meter}'").format(meter=meter),
                _dotted(suggest(meter, sorted(names.role_meters))),
                at="key",
            )
            ok = False
        compiled = ck._effect_value(f, here, value, names, None)
        if compiled is None:
            ok = False
        else:
            out.append(Effect(key, compiled[0], compiled[1]))
    return tuple(out) if ok else None


def _dotted(meter: str | None) -> str | None:
    return f"{AGAINST}{meter}" if meter else None


def plays(ck: Checker, main: Parts, names: Names, roles: tuple[Role, ...]) -> tuple[Role, ...]:
    """The roles with the actor each plays (its red cell), checked."""
    f = main.file
    wanted = {r.id: (i, r.plays) for i, r in main.entries("roles") if r.plays is not None}
    if not wanted:
        return roles
    out = []
    for role in roles:
        if role.id not in wanted:
            out.append(role)
            continue
        i, actor = wanted[role.id]
        if actor not in names.actors:
            known = sorted(names.actors)
            listed = (
                _("; the actors are {listed}").format(listed=", ".join(known))
                if known
                else _("; the scenario has no actors")
            )
            ck.error(
                f,
                ("roles", i, "plays"),
                _("unknown actor '{actor}' in plays{listed}").format(actor=actor, listed=listed),
                suggest(actor, known),
            )
            out.append(role)
            continue
        out.append(attrs.evolve(role, plays=actor))
    return tuple(out)
