"""Many bot games of one scenario, in parallel processes, reproducibly.

Game ``i`` of a run with seed ``S`` is the game ``demarche autoplay SCENARIO
--seed S+i --bots <its seats>`` plays: the same engine seed, the same bots,
seeded the same way (``game.session.autoplay.seat_bots``), so any game of a
report can be replayed on its own. Each seat's bot comes from a ``BotSpec``:
a seat named in it gets that bot; every other seat draws its bot for game
``i`` from the spec's mix with a hash of (S, i, seat index), so the draw is
fixed by the seed and the game index alone.

Results therefore depend only on the scenario, ``n``, the spec and ``S``: the
number of processes only changes how fast they arrive. Each worker process
loads the scenario once (from the same texts the parent checked) and plays
chunks of consecutive games; the parent puts the records back in game order.
"""

from __future__ import annotations

import os
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterable

import attrs
from attrs import frozen

from ..bots import BOT_NAMES, BotNameError, make_bot, read_bot, split_seat
from ..i18n import _
from ..rules.counts import RunningCounts
from ..rules.engine import apply, check_submission, new_game, resolve_submitted
from ..rules.model import Scenario
from ..rules.negotiation import deal_tally
from ..rules.rng import MASK
from ..rules.state import GameState, Order, Resolve, Submit
from ..session.autoplay import bots_play_round


class BotSpecError(ValueError):
    """A ``--bots`` value that names an unknown bot or role."""


@frozen
class BotSpec:
    """Which bot sits in each seat: ``fixed`` seats by role, the rest drawn from ``mix``."""

    mix: tuple[str, ...] = ("random",)
    fixed: tuple[tuple[str, str], ...] = ()

    def label(self) -> str:
        parts = [f"{r}={b}" for r, b in self.fixed]
        if not self.fixed or self.mix != ("random",):
            parts.append(",".join(self.mix))
        return ",".join(parts)


def parse_bot_spec(text: str, role_ids: Iterable[str], scenario: Scenario | None = None) -> BotSpec:
    """``"random"``, ``"random,greedy"`` (each other seat draws one per game),
    ``"foreign=greedy,defence=random"`` (those seats fixed; unnamed seats random),
    or both (``"foreign=greedy,random,greedy"``). Any bot may carry a policy
    (``"greedy,foreign=greedy:avoid=private"``, see ``game.bots.policy``); with
    ``scenario``, its items must name instruments, categories or signals of it."""
    role_ids = list(role_ids)
    mix: list[str] = []
    fixed: dict[str, str] = {}
    parts = [p.strip() for p in text.split(",")]
    if not any(parts):
        raise BotSpecError(_("--bots is empty; name a bot: {bots}").format(bots=", ".join(sorted(BOT_NAMES))))
    for part in parts:
        if not part:
            raise BotSpecError(_("'{text}': an empty item between commas").format(text=text))
        role, bot = split_seat(part)
        try:
            read_bot(bot, scenario)
        except BotNameError as e:
            raise BotSpecError(str(e)) from None
        if role is None:
            mix.append(bot)
        elif role not in role_ids:
            raise BotSpecError(
                _("unknown role '{role}'; roles are {roles}").format(role=role, roles=", ".join(role_ids))
            )
        elif role in fixed:
            raise BotSpecError(_("role '{role}' is given twice").format(role=role))
        else:
            fixed[role] = bot
    return BotSpec(tuple(mix) or ("random",), tuple((r, fixed[r]) for r in role_ids if r in fixed))


def _mix64(x: int) -> int:
    """SplitMix64's finaliser: a well-spread 64-bit hash of ``x``."""
    x = (x + 0x9E3779B97F4A7C15) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def game_seed(seed: int, index: int) -> int:
    """The engine seed of game ``index``: ``seed + index``."""
    return seed + index


def seat_plan(spec: BotSpec, role_ids: tuple[str, ...], seed: int, index: int) -> tuple[str, ...]:
    """The bot of each seat (in role order) in game ``index``."""
    fixed = dict(spec.fixed)
    out = []
    for j, role in enumerate(role_ids):
        if role in fixed:
            out.append(fixed[role])
        elif len(spec.mix) == 1:
            out.append(spec.mix[0])
        else:
            out.append(spec.mix[_mix64(_mix64(seed & MASK) ^ (index * 0x10001 + j)) % len(spec.mix)])
    return tuple(out)


@frozen
class GameRecord:
    """What one game contributes to a report. Per-role tuples are in role order."""

    index: int
    seed: int
    bots: tuple[str, ...]
    lost: bool
    rounds: int
    points: tuple[int, ...]
    met: tuple[tuple[str, ...], ...]
    uses: tuple[tuple[tuple[str, int], ...], ...]  # per role: (instrument, times used), sorted
    fired: tuple[tuple[str, int], ...]  # (consequence, times fired), sorted
    crises: tuple[str, ...]  # crises that broke, sorted
    final: tuple[int, ...] = ()  # each meter's value at the end, in ``Scenario.meters`` order
    idle: tuple[int, ...] = ()  # rounds in which no order moved a meter that decides the game (decisive_meters)
    unchanged: tuple[int, ...] = ()  # rounds in which no order moved any meter at all (capital costs aside)
    deals: tuple[int, int, int, int] = (0, 0, 0, 0)  # deals offered, accepted, kept, broken


# Bots that choose from the state's rule data alone (``orders._shares_rule_data``), never from the news
# (events) nor from who has submitted: with only these at the table, the game's record needs no events,
# the rounds resolve headless, and the round's submissions need not be applied one by one.
_BLIND_TO_NEWS = frozenset({"random"})


def final_state(scenario: Scenario, s: int, bots: tuple[str, ...], tally: list | None = None) -> GameState:
    """The last state of the game with engine seed ``s`` and these bots (in role order), played
    with the engine alone, as ``autoplay`` would (each bot seeded as ``seat_bots`` seeds it).

    When no seat reads the news, the rounds resolve headless (``engine.resolve_submitted``, each round's
    submissions together): the same game, without writing its event log or the causes of what it
    schedules, nor the states between one seat's submission and the next. ``tally``
    collects what each order did (``engine.apply``)."""
    seated = [make_bot(name, s * 1009 + j) for j, name in enumerate(bots)]
    record = not _BLIND_TO_NEWS.issuperset(bots)
    resolve = Resolve()
    state = new_game(scenario, s)
    seats = [(role.id, bot) for role, bot in zip(scenario.roles, seated, strict=True)]
    # Headless, the round's submissions wait here, checked, and go to its resolve together: the states
    # that applying each Submit would build between are never read, unless a seat talks after one.
    orders: dict[str, tuple[Order, ...]] = {}
    counts = RunningCounts()

    def do(action) -> None:
        nonlocal state
        if not record and type(action) is Submit:
            submission = tuple(action.orders)
            check_submission(scenario, state, action.role, submission)
            orders[action.role] = submission
            return
        for role, waiting in orders.items():  # a seat talks after another submitted: as the log has it
            state, _ = apply(scenario, state, Submit(role, waiting))
        orders.clear()
        state, _ = apply(scenario, state, action, counts=counts)

    def now() -> GameState:
        return state

    while state.outcome is None:
        bots_play_round(scenario, now, do, seats)
        if orders:
            state = resolve_submitted(scenario, state, orders, tally, counts)
            orders.clear()
        else:
            state, _ = apply(scenario, state, resolve, record=record, tally=tally, counts=counts)
    return state


def decisive_meters(scenario: Scenario) -> frozenset[str]:
    """The meter paths that can decide a game: those an objective (``self.X`` for its own role), its partial
    credit or ``[end] lose_when`` reads. An order that moves none of them changes nothing that scores."""
    paths: set[str] = set()
    for role in scenario.roles:
        for o in role.objectives:
            for expr in (o.when, o.partial):
                for name in expr.reads if expr is not None else ():
                    paths.add(f"{role.id}.{name[5:]}" if name.startswith("self.") else name)
    if scenario.end.lose_when is not None:
        paths.update(scenario.end.lose_when.reads)
    return frozenset(paths)


def _idle_rounds(rounds: int, tally: list, watched: frozenset[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The rounds 1..``rounds`` in which no order moved a meter of ``watched``, and those in which no
    order moved any meter: one walk of the tally for both."""
    busy: set[int] = set()
    moving: set[int] = set()
    for r, _role, _instrument, moved in tally:
        if moved:
            moving.add(r)
            if not watched.isdisjoint(moved):
                busy.add(r)
    return (
        tuple(r for r in range(1, rounds + 1) if r not in busy),
        tuple(r for r in range(1, rounds + 1) if r not in moving),
    )


def play_game(scenario: Scenario, index: int, seed: int, bots: tuple[str, ...]) -> GameRecord:
    """Play game ``index`` to the end (``final_state``); a ``GameRecord`` reads no events."""
    s = game_seed(seed, index)
    tally: list[tuple[int, str, str, tuple[str, ...]]] = []
    return game_record(scenario, index, s, bots, final_state(scenario, s, bots, tally), tally)


def game_record(
    scenario: Scenario, index: int, s: int, bots: tuple[str, ...], state: GameState, tally: list
) -> GameRecord:
    """The ``GameRecord`` of game ``index`` (engine seed ``s``), from its last state and its orders' ``tally``."""
    roles = scenario.roles
    outcome = state.outcome
    assert outcome is not None  # final_state plays to the end
    scores = {sc.role: sc for sc in outcome.scores}
    counts: dict[str, dict[str, int]] = {r.id: {} for r in roles}
    for p in state.history:
        c = counts[p.role]
        c[p.instrument] = c.get(p.instrument, 0) + 1
    fired: dict[str, int] = {}
    for cid, _times in state.fired:
        fired[cid] = fired.get(cid, 0) + 1
    idle, unchanged = _idle_rounds(outcome.round, tally, scenario.derived(decisive_meters))
    return GameRecord(
        index=index,
        seed=s,
        bots=bots,
        lost=outcome.lost,
        rounds=outcome.round,
        points=tuple(scores[r.id].points for r in roles),
        met=tuple(scores[r.id].met for r in roles),
        uses=tuple(tuple(sorted(counts[r.id].items())) for r in roles),
        fired=tuple(sorted(fired.items())),
        crises=tuple(sorted(c.id for c in state.crises)),
        final=tuple(state.meters[path] for path in scenario.meters),
        idle=idle,
        unchanged=unchanged,
        deals=deal_tally(state.deals),
    )


# --------------------------------------------------------------------------- processes
#
# Both cores stay busy when the workers never wait for the parent and the
# parent has almost nothing to do while they play (it shares the cores with
# them): a worker plays a whole chunk of consecutive games and sends back one
# message, its records as plain tuples (cheap to pickle and unpickle); the
# parent only files each chunk away and moves the progress bar, and builds the
# ``GameRecord``s once every chunk is in. Chunks shrink as the run nears its
# end (guided scheduling), so no process is left playing a long last chunk
# while the other has stopped.

_WORKER: dict = {}
_MIN_CHUNK = {"random": 8, "greedy": 1}
_MAX_CHUNK = {"random": 250, "greedy": 8}


def _init_worker(
    files: dict[str, str], main: str, spec: BotSpec, seed: int, child: bool = False, with_: tuple[str, ...] = ()
) -> None:
    from ..scenario import load_scenario_files
    from ..scenario.variants import with_optional

    if child:  # Ctrl-C is the parent's to handle: it cancels what is queued and lets running chunks end
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    _WORKER["scenario"] = with_optional(load_scenario_files(files, main), with_)
    _WORKER["spec"] = spec
    _WORKER["seed"] = seed


_RECORD_FIELDS = tuple(a.name for a in attrs.fields(GameRecord))


def _play_chunk(start: int, stop: int) -> list[tuple]:
    """Games ``start``..``stop - 1``, each as the tuple of its ``GameRecord`` fields."""
    scenario, spec, seed = _WORKER["scenario"], _WORKER["spec"], _WORKER["seed"]
    roles = scenario.role_ids
    out = []
    for i in range(start, stop):
        r = play_game(scenario, i, seed, seat_plan(spec, roles, seed, i))
        out.append(tuple(getattr(r, name) for name in _RECORD_FIELDS))
    return out


def chunks(n: int, jobs: int, greedy: bool) -> list[tuple[int, int]]:
    """Consecutive index ranges, largest first: each about 1/(4·jobs) of the games still to
    hand out, between a floor (messages stay few) and a ceiling (the bar keeps moving)."""
    kind = "greedy" if greedy else "random"
    low, high = _MIN_CHUNK[kind], _MAX_CHUNK[kind]
    out = []
    start = 0
    while start < n:
        size = max(low, min(high, -(-(n - start) // (4 * jobs))))
        out.append((start, min(n, start + size)))
        start += size
    return out


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_games(
    files: dict[str, str],
    main: str,
    n: int,
    spec: BotSpec,
    seed: int,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    with_: tuple[str, ...] = (),
) -> list[GameRecord]:
    """Play ``n`` games (indices 0..n-1) in ``jobs`` processes; records in game order.

    ``progress(k)`` is called with the number of games just finished (once per chunk). ``with_``
    names the optional roles in the games (``[[roles]] optional``); the others are left out.
    """
    greedy = any(b != "random" for b in spec.mix + tuple(b for _, b in spec.fixed))
    parts = chunks(n, jobs, greedy)
    rows: list[tuple | None] = [None] * n
    if jobs <= 1 or len(parts) <= 1:
        _init_worker(files, main, spec, seed, with_=with_)
        try:
            for start, stop in parts:
                rows[start:stop] = _play_chunk(start, stop)
                if progress:
                    progress(stop - start)
        finally:
            _WORKER.clear()
    else:
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(parts)), initializer=_init_worker, initargs=(files, main, spec, seed, True, with_)
        )
        futures: dict = {}
        try:
            for start, stop in parts:
                futures[pool.submit(_play_chunk, start, stop)] = (start, stop)
            for future in as_completed(futures):
                start, stop = futures[future]
                rows[start:stop] = future.result()
                if progress:
                    progress(stop - start)
        except BaseException:  # Ctrl-C or a failed game: do not play the queued chunks first
            for future in futures:
                future.cancel()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    return [GameRecord(*row) for row in rows]  # type: ignore[misc]
