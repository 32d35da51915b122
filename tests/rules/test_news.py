"""News that repeats (game.rules.news): the k-th firing of a consequence or a response reads the k-th
of its texts, the last one repeating, and {times} counts the firings; on tests/rules/fixtures/news.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.rules import news
from game.rules.engine import apply, new_game
from game.rules.hashing import state_hash
from game.rules.state import Order, Resolve, Submit
from game.scenario import load_scenario_files

PATH = Path(__file__).parent / "fixtures" / "news.toml"
TEXT = PATH.read_text()
TALK, WAIT = Order("talk"), Order("wait")


def load(text: str = TEXT):
    return load_scenario_files({"news.toml": text}, "news.toml")


SC = load()


def play(sc, orders, seed=1):
    """Play one order a round; the final state."""
    state = new_game(sc, seed)
    for order in orders:
        state, _ = apply(sc, state, Submit("foreign", (order,)))
        state, _ = apply(sc, state, Resolve())
    return state


def news_of(state, ref):
    return [(e.round, e.text) for e in state.events if e.ref == ref]


def test_the_kth_firing_reads_the_kth_text_and_the_last_repeats():
    state = play(SC, [TALK, TALK, WAIT, TALK, TALK])
    assert news_of(state, "quiet") == [
        (1, "Quiet progress in Port Aven."),
        (2, "Port Aven again: the back channel holds."),
        # Round 3 had no talks: the count is of firings, not rounds.
        (4, "More quiet progress in Port Aven (3 rounds of it)."),
        (5, "More quiet progress in Port Aven (4 rounds of it)."),
    ]
    assert state.meters["progress"] == 4


def test_times_counts_in_a_single_text_and_in_an_outcome_text():
    state = play(SC, [TALK, TALK, TALK])
    assert [text for _, text in news_of(state, "counted")] == [
        "Rumours of talks, for the 1. time. (1 so far.)",
        "Rumours of talks, for the 2. time. (2 so far.)",
        "Rumours of talks, for the 3. time. (3 so far.)",
    ]


def test_a_plain_text_reads_the_same_every_time():
    state = play(SC, [TALK, TALK, TALK])
    assert [text for _, text in news_of(state, "plain")] == ["The same paragraph, again."] * 3


def test_a_response_varies_its_news_too():
    state = play(SC, [TALK, WAIT, TALK, TALK])
    assert news_of(state, "aven.note") == [
        (1, "Port Aven takes note."),
        (3, "Port Aven takes note again (2 times now)."),
        (4, "Port Aven takes note again (3 times now)."),
    ]


def test_the_count_is_the_one_the_state_keeps():
    """No new state: the firings are the entries of GameState.fired, which max_fires and cooldown read."""
    state = play(SC, [TALK, TALK, WAIT, TALK])
    assert news.times_fired(state.fired, "quiet") == 3
    assert news.times_fired(state.fired, "aven.note") == 3
    assert len(news_of(state, "quiet")) == 3


def test_a_list_of_one_text_plays_the_very_game_the_plain_text_does():
    """Texts never draw from the generator nor change a meter: a one-text list and the plain text give
    byte-identical games, and varying texts change the events' texts only."""
    one = load(TEXT.replace('reveal = "The same paragraph, again."', 'reveal = ["The same paragraph, again."]'))
    assert one.consequence("plain").reveal == ("The same paragraph, again.",)
    orders = [TALK, TALK, WAIT, TALK, TALK, TALK]
    for seed in (1, 2, 3):
        assert state_hash(play(one, orders, seed)) == state_hash(play(SC, orders, seed))
    flat = load(
        TEXT.replace("{times}", "n").replace(
            'text = ["Port Aven takes note.", "Port Aven takes note again (n times now)."]',
            'text = "Port Aven takes note."',
        )
    )
    varied, same = play(SC, orders), play(flat, orders)
    assert varied.meters == same.meters and varied.rng == same.rng and varied.fired == same.fired
    assert [e.text for e in varied.events] != [e.text for e in same.events]


@pytest.mark.parametrize(
    ("text", "k", "want"),
    [
        ("one", 1, "one"),
        ("one", 5, "one"),
        (("a", "b", "c"), 1, "a"),
        (("a", "b", "c"), 3, "c"),
        (("a", "b", "c"), 9, "c"),
    ],
)
def test_nth(text, k, want):
    assert news.nth(text, k) == want


def test_varies():
    assert not news.varies("the same")
    assert not news.varies(("only one",))
    assert news.varies(("first", "later"))
    assert news.varies("fired {times} times")
    assert news.varies("plain", "outcome {times}")


def test_fixed_parts():
    assert news.fixed_parts("One text.") == ["One text."]
    assert news.fixed_parts(("First time.", "Now {times} times, and counting on.")) == [
        "First time.",
        "times, and counting on.",
    ]
    assert news.fixed_parts("A long opening part, then {times}.", shortest=5) == ["A long opening part, then"]
