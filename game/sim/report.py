"""A balance report from many games' records: plain data, the same for ``--json`` and the tables.

Definitions (also written into the report under ``definitions``):

- **score**: a role's points at the end of a game (0 in a shared loss),
  partial credit of missed objectives (``partial``) included.
- **win**: the game did not end in a shared loss, and the role either met
  every one of its objectives (partial credit does not make one met), or had
  the highest share of its possible points of all roles, partial credit
  included (ties: every tied role wins; a share of 0 never wins).
- **shared loss**: ``lose_when`` ended the game for everyone.
- **instrument use**: a role "used" an instrument in a game if it gave that
  order at least once and the order was carried out. The association is the
  role's mean score in the games where it used the instrument minus its mean
  score in the games where it did not. It is a correlation over these bots'
  games, not a proof of cause. With a mix of bots the plain difference
  partly measures which bot was seated, and a game that ended early had
  fewer rounds to use anything in, so ``difference_within_bot`` compares
  games where the role had the same bot and that lasted as many rounds, and
  averages over those groups (weights n_with x n_without / (n_with +
  n_without)); with one bot and games of one length the two are equal.
- **fire rate**: the share of games in which a consequence fired at least
  once (``fires_per_game`` counts repeats); a crisis's rate is the share of
  games in which it broke. Inject-only crises (``inject = true``) only start
  when a facilitator starts them, so bots never see them; they are listed
  apart and never reported as "never started".

Warnings and their thresholds (``THRESHOLDS``, written into the report):

- ``dominant_instrument``: a role used an instrument in more than
  ``dominant_use`` (50%) of its games, and its mean score with it beats its
  mean score without it (``difference_within_bot``: compared among games
  with the same bot in the seat that lasted as many rounds) by at least
  ``dominant_gain`` (25%) of the role's possible points, with at least
  ``min_group`` (5) games on each side of the comparison and a difference
  of at least ``dominant_z`` (3) standard errors, so that a handful of
  lucky games does not raise it.
- ``cannot_win``: a role won none of the games.
- ``wins_almost_never``: a role won some games, but at most ``wins_rarely``
  (5%) of them; ``wins_almost_always``: a role won at least ``wins_often``
  (90%): either way its choices hardly matter to its result.
- ``objective_always_met``: an objective held at the end of every game: it
  asks nothing of the players.
- ``meter_pinned``: a meter ended at its minimum or maximum in at least
  ``pinned`` (50%) of the games, so late rounds could not move it (budgets
  that a briefing refills, such as capital, are left out).
- ``consequence_repeats``: a consequence fired more than ``repeats`` (3)
  times per game on average, and its news reads the same each time. It is
  not raised for a consequence whose news varies (``game.rules.news``): a
  ``reveal`` that is a list of two texts or more, or that uses ``{times}``.
- ``idle_rounds``: in at least ``idle`` (50%) of the games that reached a
  round, no order of that round moved a meter that decides the game (one an
  objective, its partial credit or ``lose_when`` reads; a meter pinned at its
  bound does not move): the orders changed nothing that scores, and the round
  was filler.
- ``shared_loss``: more than ``shared_loss`` (50%) of the games ended in a
  shared loss.
- ``objective_never_met``: an objective held at the end of no game.
- ``skill_does_not_pay``: only with ``--versus`` (``game.sim.versus``): a
  role scored less than 15% of its possible points more with ``--bots``
  than with the ``--versus`` bots on the same seeds.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from typing import Any

from ..i18n import N_, _, ngettext
from ..rules import news
from ..rules.model import Scenario
from .runner import BotSpec, GameRecord

THRESHOLDS = {
    "dominant_use": 0.5,
    "dominant_gain": 0.25,
    "min_group": 5,
    "dominant_z": 3.0,
    "shared_loss": 0.5,
    "wins_often": 0.9,
    "wins_rarely": 0.05,
    "pinned": 0.5,
    "repeats": 3,
    "idle": 0.5,
}

# In English here; the report holds them in the language spoken (``definitions``).
DEFINITIONS = {
    "score": N_("a role's points at the end of a game (0 in a shared loss), partial credit included"),
    "win": N_(
        "no shared loss, and the role met all its objectives or had the highest share of its possible points "
        "(ties all win; a share of 0 never wins)"
    ),
    "shared_loss": N_("lose_when ended the game for everyone"),
    "use_rate": N_("share of the games in which the role carried out the instrument at least once"),
    "difference": N_(
        "role's mean score in games where it used the instrument minus in games where it did not "
        "(a correlation, not a cause)"
    ),
    "difference_within_bot": N_(
        "the same difference among games where the role had the same bot and that lasted as many rounds, "
        "averaged over those groups; the dominant-instrument warning uses it"
    ),
    "final_mean": N_("a meter's mean value at the end of the games"),
    "final_at_bound_rate": N_("share of the games that ended with the meter at its minimum or maximum"),
    "no_change_rate": N_("share of the games that reached the round in which no order of it moved any meter at all"),
    "idle_rate": N_(
        "share of the games that reached the round in which no order of it moved a meter an objective or "
        "lose_when reads"
    ),
    "fire_rate": N_("share of games in which the consequence fired at least once / the crisis broke"),
    "game_seed": N_(
        "game i uses engine seed (seed + i); replay it with: demarche autoplay SCENARIO --seed SEED --bots role=bot,..."
    ),
}


def translated(definitions: dict[str, str]) -> dict[str, str]:
    """A table of definitions (marked with ``N_``) in the language spoken, keys unchanged."""
    return {key: _(text) for key, text in definitions.items()}


def _rate(k: int, n: int) -> float:
    return round(k / n, 4) if n else 0.0


def _mean(values: list[int]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


Stratum = Any  # what games are compared within: (the seat's bot, the game's length)


def _within_bot(points: list[int], bots: list[Stratum], used: set[int]) -> tuple[float | None, float, int, int]:
    """Mean score with an instrument minus without it, compared among games where
    the role had the same bot and the game lasted as many rounds, then averaged
    over those strata weighted by n_with * n_without / (n_with + n_without).
    Returns (difference or None, its standard error, games with, games without)
    over the strata that have both. Comparing games of one length keeps a game
    lost in round 3 from counting against every instrument it ended too soon to use."""
    strata: dict[Stratum, tuple[list[int], list[int]]] = {}
    for k, (p, b) in enumerate(zip(points, bots, strict=True)):
        strata.setdefault(b, ([], []))[0 if k in used else 1].append(p)
    total_w = diff = var = 0.0
    n_with = n_without = 0
    for b in sorted(strata):
        w_, o_ = strata[b]
        if not w_ or not o_:
            continue
        weight = len(w_) * len(o_) / (len(w_) + len(o_))
        total_w += weight
        diff += weight * (statistics.fmean(w_) - statistics.fmean(o_))
        var += weight * weight * (statistics.pvariance(w_) / len(w_) + statistics.pvariance(o_) / len(o_))
        n_with += len(w_)
        n_without += len(o_)
    if not total_w:
        return None, 0.0, 0, 0
    return diff / total_w, math.sqrt(var) / total_w, n_with, n_without


def _deals(records: list[GameRecord]) -> dict:
    """How much the seats negotiated: the share of games with a deal accepted, and deals per game."""
    n = len(records)
    per = [r.deals for r in records]
    return {
        "games_with_a_deal": _rate(sum(1 for d in per if d[1]), n),
        "offered": sum(d[0] for d in per) / n if n else 0.0,
        "accepted": sum(d[1] for d in per) / n if n else 0.0,
        "kept": sum(d[2] for d in per) / n if n else 0.0,
        "broken": sum(d[3] for d in per) / n if n else 0.0,
    }


def histogram(points: list[int], possible: int) -> list[dict]:
    """Games per score: one bucket per point up to 20 points, else 10 equal buckets."""
    top = max([possible, *points]) if points else possible
    low = min([0, *points]) if points else 0
    counts = Counter(points)
    if top - low <= 20:
        return [{"from": p, "to": p, "games": counts.get(p, 0)} for p in range(low, top + 1)]
    width = -(-(top - low + 1) // 10)
    out = []
    for b in range(low, top + 1, width):
        out.append(
            {"from": b, "to": min(top, b + width - 1), "games": sum(c for p, c in counts.items() if b <= p < b + width)}
        )
    return out


def winners(scenario: Scenario, record: GameRecord) -> set[int]:
    """Indices (role order) of the roles that won this game (see the module doc)."""
    if record.lost:
        return set()
    roles = scenario.roles
    shares = []
    out = set()
    for j, role in enumerate(roles):
        possible = sum(o.points for o in role.objectives)
        if role.objectives and len(record.met[j]) == len(role.objectives):
            out.add(j)
        shares.append(record.points[j] / possible if possible > 0 else 0.0)
    best = max(shares, default=0.0)
    if best > 0:
        out |= {j for j, s in enumerate(shares) if s == best}
    return out


def build_report(scenario: Scenario, records: list[GameRecord], spec: BotSpec, seed: int) -> dict:
    """Everything the tables and ``--json`` show. Depends only on the records, in game order."""
    n = len(records)
    roles = scenario.roles
    lost = sum(r.lost for r in records)
    wins = [winners(scenario, r) for r in records]
    report: dict = {
        "scenario": {
            "id": scenario.id,
            "title": scenario.title,
            "rounds": scenario.rounds,
            "content_hash": scenario.content_hash,
        },
        "games": n,
        "seed": seed,
        "with": list(scenario.optional_in),  # the optional seats in the games
        "left_out": list(scenario.left_out),  # the optional seats left out of them
        "bots": {"mix": list(spec.mix), "fixed": dict(spec.fixed)},
        "definitions": translated(DEFINITIONS),
        "thresholds": THRESHOLDS,
        "shared_loss_rate": _rate(lost, n),
        "mean_rounds": _mean([r.rounds for r in records]),
        "deals": _deals(records),
        "roles": [],
        "instruments": [],
        "unused_instruments": [],
        "consequences": [],
        "never_fired": [],
        "crises": [],
        "never_started": [],
        "inject_only": [],
        "meters": [],
        "idle_rounds": [],
        "warnings": [],
    }
    warnings = report["warnings"]

    for j, role in enumerate(roles):
        points = [r.points[j] for r in records]
        possible = sum(o.points for o in role.objectives)
        met = Counter(o for r in records for o in r.met[j])
        won = sum(j in w for w in wins)
        all_met = sum(bool(role.objectives) and len(r.met[j]) == len(role.objectives) for r in records)
        entry = {
            "id": role.id,
            "name": role.name,
            "possible": possible,
            "bots": dict(sorted(Counter(r.bots[j] for r in records).items())),
            "score": {
                "mean": _mean(points),
                "median": statistics.median(points) if points else None,
                "min": min(points, default=None),
                "max": max(points, default=None),
                "stdev": round(statistics.pstdev(points), 4) if points else None,
                "histogram": histogram(points, possible),
            },
            "win_rate": _rate(won, n),
            "all_objectives_rate": _rate(all_met, n),
            "objectives": [
                {"id": o.id, "text": o.text, "points": o.points, "met_rate": _rate(met.get(o.id, 0), n)}
                for o in role.objectives
            ],
        }
        report["roles"].append(entry)
        # Translators: the English says "games" whatever the count.
        won_of = ngettext("{role} won {won} of {n} games", "{role} won {won} of {n} games", won)
        if n and won == 0:
            message = ngettext("{role} won none of {n} games", "{role} won none of {n} games", n)
            warnings.append({"kind": "cannot_win", "role": role.id, "message": message.format(role=role.name, n=n)})
        elif n and won / n <= THRESHOLDS["wins_rarely"]:
            message = won_of.format(role=role.name, won=won, n=n)
            warnings.append({"kind": "wins_almost_never", "role": role.id, "message": message})
        elif n and won / n >= THRESHOLDS["wins_often"]:
            message = won_of.format(role=role.name, won=won, n=n)
            warnings.append({"kind": "wins_almost_always", "role": role.id, "message": message})
        for o in role.objectives:
            if n and met.get(o.id) == n:
                warnings.append(
                    {
                        "kind": "objective_always_met",
                        "role": role.id,
                        "objective": o.id,
                        "message": ngettext(
                            "{role}: objective '{objective}' was met in all {n} games",
                            "{role}: objective '{objective}' was met in all {n} games",
                            n,
                        ).format(role=role.name, objective=o.id, n=n),
                    }
                )
            if n and not met.get(o.id):
                warnings.append(
                    {
                        "kind": "objective_never_met",
                        "role": role.id,
                        "objective": o.id,
                        "message": ngettext(
                            "{role}: objective '{objective}' was met in none of {n} games",
                            "{role}: objective '{objective}' was met in none of {n} games",
                            n,
                        ).format(role=role.name, objective=o.id, n=n),
                    }
                )

        used_in: dict[str, list[int]] = {inst: [] for inst in role.instruments}
        times: Counter[str] = Counter()
        for k, r in enumerate(records):
            for inst_id, count in r.uses[j]:
                used_in.setdefault(inst_id, []).append(k)
                times[inst_id] += count
        seat_bot: list[Stratum] = [(r.bots[j], r.rounds) for r in records]
        for inst_id in role.instruments:
            games = used_in[inst_id]
            used_set = set(games)
            with_ = [points[k] for k in games]
            without = [points[k] for k in range(n) if k not in used_set]
            mw, mo = _mean(with_), _mean(without)
            diff = round(mw - mo, 4) if mw is not None and mo is not None else None
            within, se, n_with, n_without = _within_bot(points, seat_bot, used_set)
            inst = scenario.instrument(inst_id)
            use_rate = _rate(len(games), n)
            row = {
                "role": role.id,
                "instrument": inst_id,
                "name": inst.name,
                "games_used": len(games),
                "use_rate": use_rate,
                "uses": times[inst_id],
                "mean_with": mw,
                "mean_without": mo,
                "difference": diff,
                "difference_within_bot": None if within is None else round(within, 4),
            }
            if not games:
                report["unused_instruments"].append({"role": role.id, "instrument": inst_id})
            report["instruments"].append(row)
            if (
                within is not None
                and min(n_with, n_without) >= THRESHOLDS["min_group"]
                and use_rate > THRESHOLDS["dominant_use"]
                and within >= THRESHOLDS["dominant_gain"] * possible
                and within >= THRESHOLDS["dominant_z"] * se
            ):
                warnings.append(
                    {
                        "kind": "dominant_instrument",
                        "role": role.id,
                        "instrument": inst_id,
                        "message": _(
                            "{role} used {instrument} in {share} of games and scored {gain} points more with it "
                            "than without (of {possible})"
                        ).format(
                            role=role.name,
                            instrument=inst.name,
                            share=f"{use_rate:.0%}",
                            gain=f"{within:+.2f}",
                            possible=possible,
                        ),
                    }
                )

    fired_games = Counter(cid for r in records for cid, _ in r.fired)
    fired_total: Counter[str] = Counter()
    for r in records:
        for cid, k in r.fired:
            fired_total[cid] += k
    for c in scenario.consequences:
        report["consequences"].append(
            {
                "id": c.id,
                "title": c.title or c.id,
                "fire_rate": _rate(fired_games.get(c.id, 0), n),
                "fires_per_game": round(fired_total.get(c.id, 0) / n, 4) if n else 0.0,
            }
        )
        if not fired_games.get(c.id):
            report["never_fired"].append(c.id)
        if n and fired_total.get(c.id, 0) / n > THRESHOLDS["repeats"] and not news.varies(c.reveal):
            warnings.append(
                {
                    "kind": "consequence_repeats",
                    "consequence": c.id,
                    "message": _("'{title}' fired {times} times per game").format(
                        title=c.title or c.id, times=f"{fired_total[c.id] / n:.1f}"
                    ),
                }
            )
    started = Counter(cid for r in records for cid in r.crises)
    for crisis in scenario.crises:
        report["crises"].append(
            {
                "id": crisis.id,
                "title": crisis.title,
                "fire_rate": _rate(started.get(crisis.id, 0), n),
                "inject_only": crisis.inject,
            }
        )
        if crisis.inject and not started.get(crisis.id):
            report["inject_only"].append(crisis.id)
        elif not started.get(crisis.id):
            report["never_started"].append(crisis.id)

    _meters(scenario, records, report)
    _idle_rounds(scenario, records, report)

    if n and lost / n > THRESHOLDS["shared_loss"]:
        warnings.insert(
            0,
            {
                "kind": "shared_loss",
                "message": _("{share} of games ended in a shared loss (threshold {threshold})").format(
                    share=f"{lost / n:.0%}", threshold=f"{THRESHOLDS['shared_loss']:.0%}"
                ),
            },
        )
    return report


def _meters(scenario: Scenario, records: list[GameRecord], report: dict) -> None:
    """Each meter's final values (``meters``) and a ``meter_pinned`` warning for those that end at a bound."""
    n = len(records)
    for k, (path, m) in enumerate(scenario.meters.items()):
        finals = [r.final[k] for r in records if r.final]
        at_min = sum(v <= m.min for v in finals)
        at_max = sum(v >= m.max for v in finals)
        bound_rate = _rate(at_min + at_max, len(finals))
        row = {
            "id": path,
            "label": scenario.meter_label(path),
            "min": m.min,
            "max": m.max,
            "final_mean": _mean(finals),
            "final_at_min_rate": _rate(at_min, len(finals)),
            "final_at_max_rate": _rate(at_max, len(finals)),
            "final_at_bound_rate": bound_rate,
        }
        report["meters"].append(row)
        if n and finals and m.refill is None and bound_rate >= THRESHOLDS["pinned"]:
            if at_max >= at_min:
                pinned = _("{meter} ended at its maximum {bound} in {share} of games").format(
                    meter=row["label"], bound=m.max, share=f"{bound_rate:.0%}"
                )
            else:
                pinned = _("{meter} ended at its minimum {bound} in {share} of games").format(
                    meter=row["label"], bound=m.min, share=f"{bound_rate:.0%}"
                )
            report["warnings"].append({"kind": "meter_pinned", "meter": path, "message": pinned})


def _idle_rounds(scenario: Scenario, records: list[GameRecord], report: dict) -> None:
    """Per round, the share of the games reaching it in which no order moved a meter (``idle_rounds``), and an
    ``idle_rounds`` warning naming the rounds where that is most games."""
    idle: list[int] = []
    for r in range(1, scenario.rounds + 1):
        reached = sum(rec.rounds >= r for rec in records)
        rate = _rate(sum(r in rec.idle for rec in records), reached)
        still = _rate(sum(r in rec.unchanged for rec in records), reached)
        report["idle_rounds"].append({"round": r, "games": reached, "idle_rate": rate, "no_change_rate": still})
        if reached and rate >= THRESHOLDS["idle"]:
            idle.append(r)
    if idle:
        worst = max(report["idle_rounds"], key=lambda row: row["idle_rate"])
        named = ", ".join(str(r) for r in idle)
        report["warnings"].append(
            {
                "kind": "idle_rounds",
                "rounds": idle,
                "message": ngettext(
                    "in round {rounds} no order moved a meter that decides the game in most games "
                    "(round {worst}: {share}); the orders changed nothing that scores",
                    "in rounds {rounds} no order moved a meter that decides the game in most games "
                    "(round {worst}: {share}); the orders changed nothing that scores",
                    len(idle),
                ).format(rounds=named, worst=worst["round"], share=f"{worst['idle_rate']:.0%}"),
            }
        )
