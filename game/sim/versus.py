"""Does skill pay? ``demarche simulate SCENARIO --bots greedy --versus novice``.

The same games are played twice on paired seeds: game ``i`` of both runs has
the same engine seed, once with the ``--bots`` seats and once with the
``--versus`` seats. For each role the report gives both mean scores and the
mean of the per-game differences (bots minus versus) with a 95% confidence
interval, also as a share of the role's possible points: the figure an author
reads to see whether a strong player outscores a first-time one.

``skill_does_not_pay`` is raised for a role whose mean gap is below
``skill_gap`` (15%) of its possible points. It only means something when the
``--bots`` seats play better than the ``--versus`` ones (greedy against
novice or random); the report does not guess which is stronger.
"""

from __future__ import annotations

import statistics

from ..i18n import N_, _
from ..rules.model import Scenario
from .lessons import paired_difference
from .report import _rate, translated, winners
from .runner import BotSpec, GameRecord

SKILL_GAP = 0.15  # a role's mean gap below this share of its possible points raises skill_does_not_pay

DEFINITIONS = {
    "gap": N_("mean over paired games of the role's points with the --bots seats minus with the --versus seats"),
    "gap_share": N_("the gap as a share of the role's possible points"),
    "ci_low": N_("low end of the 95% confidence interval of the gap (normal approximation)"),
}


def compare(
    scenario: Scenario,
    report: dict,
    records: list[GameRecord],
    versus: list[GameRecord],
    spec: BotSpec,
    other: BotSpec,
) -> dict:
    """The ``versus`` part of ``report`` (the --bots run's, whose win rates it reuses), from both runs'
    records in game order."""
    n = len(records)
    wins_other = [winners(scenario, r) for r in versus]
    roles = []
    warnings = []
    for j, role in enumerate(scenario.roles):
        possible = sum(o.points for o in role.objectives)
        diffs = [a.points[j] - b.points[j] for a, b in zip(records, versus, strict=True)]
        mean, low, high = paired_difference(diffs)
        share = mean / possible if possible > 0 else None
        roles.append(
            {
                "id": role.id,
                "name": role.name,
                "possible": possible,
                "mean": round(statistics.fmean(r.points[j] for r in records), 4),
                "mean_versus": round(statistics.fmean(r.points[j] for r in versus), 4),
                "win_rate": report["roles"][j]["win_rate"],
                "win_rate_versus": _rate(sum(j in w for w in wins_other), n),
                "gap": round(mean, 4),
                "ci_low": round(low, 4),
                "ci_high": round(high, 4),
                "gap_share": None if share is None else round(share, 4),
            }
        )
        if share is not None and share < SKILL_GAP:
            warnings.append(
                {
                    "kind": "skill_does_not_pay",
                    "role": role.id,
                    "message": _(
                        "{role} scored {gap} points with {bots} against {versus} ({share} of its {possible}; "
                        "at least {expected} expected)"
                    ).format(
                        role=role.name,
                        gap=f"{mean:+.2f}",
                        bots=spec.label(),
                        versus=other.label(),
                        share=f"{share:+.0%}",
                        possible=possible,
                        expected=f"{SKILL_GAP:.0%}",
                    ),
                }
            )
    return {
        "bots": {"mix": list(other.mix), "fixed": dict(other.fixed)},
        "definitions": translated(DEFINITIONS),
        "skill_gap": SKILL_GAP,
        "shared_loss_rate": _rate(sum(r.lost for r in versus), n),
        "roles": roles,
        "warnings": warnings,
    }
