"""Lessons as tested claims: ``demarche simulate SCENARIO --lessons``.

A scenario's ``[[lessons]]`` each say: for this role, playing this way
(``better``) scores at least ``margin`` points more than playing that way
(``worse``), whoever sits in the other seats (``others``). Each claim is
played on paired seeds: game ``i`` of both sides has the same engine seed and
the same bots, seeded the same way, in every other seat, so the two games
differ only in how the role plays, and the per-game differences
(better - worse) cancel most of the luck of the draw.

The report gives, per lesson, the mean difference with a 95% confidence
interval (normal approximation: mean ± 1.96 standard errors of the paired
differences) and whether the claim ``holds``: the interval's low end is
above the margin, so the difference is both large enough and not luck.
"""

from __future__ import annotations

import math
import statistics
from typing import Callable, Sequence

from ..i18n import N_
from ..rules.model import Lesson, Scenario
from .report import translated
from .runner import BotSpec, GameRecord, run_games

Z95 = 1.959963984540054  # the two-sided 95% quantile of the normal distribution

DEFINITIONS = {
    "difference": N_("mean over paired games of the role's points played as 'better' minus as 'worse'"),
    "ci_low": N_("low end of the 95% confidence interval of the difference (normal approximation)"),
    "holds": N_("ci_low is above the margin: the better way wins by more than the margin, and not by luck"),
}


def side_spec(lesson: Lesson, side: str) -> BotSpec:
    """The seats of one side of a lesson: the role as ``better`` or ``worse``, every other seat ``others``."""
    return BotSpec(mix=(lesson.others,), fixed=((lesson.role, getattr(lesson, side)),))


def paired_difference(differences: Sequence[float]) -> tuple[float, float, float]:
    """(mean, 95% low, 95% high) of paired differences; a single game gives an interval of zero width."""
    mean = statistics.fmean(differences)
    se = statistics.stdev(differences) / math.sqrt(len(differences)) if len(differences) > 1 else 0.0
    return mean, mean - Z95 * se, mean + Z95 * se


def judge(scenario: Scenario, lesson: Lesson, better: list[GameRecord], worse: list[GameRecord]) -> dict:
    """One lesson's entry of the report, from both sides' records in game order."""
    j = scenario.role_ids.index(lesson.role)
    diffs = [b.points[j] - w.points[j] for b, w in zip(better, worse, strict=True)]
    mean, low, high = paired_difference(diffs)
    return {
        "id": lesson.id,
        "text": lesson.text,
        "role": lesson.role,
        "better": lesson.better,
        "worse": lesson.worse,
        "others": lesson.others,
        "with": list(scenario.optional_in),
        "margin": lesson.margin,
        "games": len(diffs),
        "mean_better": round(statistics.fmean(b.points[j] for b in better), 4),
        "mean_worse": round(statistics.fmean(w.points[j] for w in worse), 4),
        "difference": round(mean, 4),
        "ci_low": round(low, 4),
        "ci_high": round(high, 4),
        "holds": low > lesson.margin,
    }


def check_lessons(
    scenario: Scenario,
    files: dict[str, str],
    main: str,
    n: int,
    seed: int,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Play every lesson's two sides, ``n`` paired games each; the report (a JSON-able dict). Each
    lesson is played with the optional roles it names in (``Lesson.with_``), the others left out."""
    from ..scenario.variants import with_optional

    lessons = []
    for lesson in scenario.lessons:
        played = with_optional(scenario, lesson.with_)
        sides = [
            run_games(files, main, n, side_spec(lesson, side), seed, jobs, progress, played.optional_in)
            for side in ("better", "worse")
        ]
        lessons.append(judge(played, lesson, *sides))
    return {
        "scenario": {"id": scenario.id, "title": scenario.title, "content_hash": scenario.content_hash},
        "games": n,
        "seed": seed,
        "definitions": translated(DEFINITIONS),
        "lessons": lessons,
    }
