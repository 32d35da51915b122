"""Many bot games of one scenario in parallel, summed up as a balance report.

``simulate(files, main, n, spec, seed, jobs)`` plays the games
(``runner``) and builds the report (``report``); ``render`` prints it as
tables. The report depends on the scenario, ``n``, the bots and the seed,
never on the number of processes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Callable

from .report import DEFINITIONS, THRESHOLDS, build_report
from .runner import (
    BotSpec,
    BotSpecError,
    GameRecord,
    default_jobs,
    game_seed,
    parse_bot_spec,
    play_game,
    run_games,
    seat_plan,
)


def simulate(
    files: dict[str, str],
    main: str,
    n: int,
    spec: BotSpec | None = None,
    seed: int | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    scenario=None,
    versus: BotSpec | None = None,
    with_: Iterable[str] = (),
) -> dict:
    """Play ``n`` games and return the report (a JSON-able dict).

    ``scenario`` may be passed when the caller has already loaded it from
    ``files``; the worker processes load their own copy either way. With
    ``versus``, the same ``n`` seeds are played again with those bots and the
    report gains a ``versus`` part (``game.sim.versus``): does skill pay?
    ``with_`` names the optional roles in the games (``[[roles]] optional``); a role ``spec`` or
    ``versus`` seats by name is in too. The others are left out, whichever variant ``scenario`` is,
    as ``demarche simulate`` leaves them out without ``--with``.
    """
    from ..scenario.variants import check_optional, with_optional

    if scenario is None:
        from ..scenario import load_scenario_files

        scenario = load_scenario_files(files, main)
    spec = spec or BotSpec()
    named = set(check_optional(scenario, with_)) | {r for r, _ in spec.fixed}
    named |= {r for r, _ in versus.fixed} if versus is not None else set()
    scenario = with_optional(scenario, [r for r in scenario.optional_roles if r in named])
    seed = scenario.seed if seed is None else seed
    records = run_games(files, main, n, spec, seed, jobs, progress, scenario.optional_in)
    report = build_report(scenario, records, spec, seed)
    if versus is not None:
        from .versus import compare

        other = run_games(files, main, n, versus, seed, jobs, progress, scenario.optional_in)
        report["versus"] = compare(scenario, report, records, other, spec, versus)
        report["warnings"].extend(report["versus"]["warnings"])
    return report


__all__ = [
    "DEFINITIONS",
    "THRESHOLDS",
    "BotSpec",
    "BotSpecError",
    "GameRecord",
    "build_report",
    "default_jobs",
    "game_seed",
    "parse_bot_spec",
    "play_game",
    "run_games",
    "seat_plan",
    "simulate",
]
