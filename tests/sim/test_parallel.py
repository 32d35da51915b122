"""Parallel simulate: whole chunks per message, shrinking towards the end, the same records whatever --jobs."""

from __future__ import annotations

from itertools import pairwise

import pytest

from game.scenario import load_scenario_with_files, resolve_scenario
from game.sim import BotSpec, GameRecord, run_games
from game.sim.runner import _MAX_CHUNK, _MIN_CHUNK, chunks


@pytest.mark.parametrize(
    "n,jobs,greedy",
    [
        (4000, 2, False),
        (4000, 1, False),
        (37, 2, False),
        (1, 2, False),
        (100, 2, True),
        (7, 3, True),
        (10_000, 2, False),
    ],
)
def test_chunks_cover_every_game_once_in_order_and_shrink(n, jobs, greedy):
    parts = chunks(n, jobs, greedy)
    assert parts[0][0] == 0 and parts[-1][1] == n
    assert all(a[1] == b[0] for a, b in pairwise(parts)), "consecutive, no gap, no overlap"
    sizes = [stop - start for start, stop in parts]
    kind = "greedy" if greedy else "random"
    assert all(s <= _MAX_CHUNK[kind] for s in sizes)
    assert all(s >= min(_MIN_CHUNK[kind], n) for s in sizes[:-1])
    assert sizes == sorted(sizes, reverse=True), "largest first"


def test_two_processes_keep_about_a_quarter_of_what_is_left_per_chunk():
    sizes = [b - a for a, b in chunks(4000, 2, False)]
    assert len(sizes) < 60, "few messages: a chunk is hundreds of games, not one"
    assert sizes[-1] <= _MIN_CHUNK["random"], "the last chunks are small, so neither process waits long for the other"


def test_progress_moves_once_per_chunk_and_records_do_not_depend_on_jobs():
    _, files, main = load_scenario_with_files(resolve_scenario("tutorial"))
    n = 60
    moves: list[int] = []
    two = run_games(files, main, n, BotSpec(), 5, jobs=2, progress=moves.append)
    assert sorted(moves, reverse=True) == sorted((b - a for a, b in chunks(n, 2, False)), reverse=True)
    assert sum(moves) == n
    one = run_games(files, main, n, BotSpec(), 5, jobs=1)
    assert all(isinstance(r, GameRecord) for r in two)
    assert two == one
