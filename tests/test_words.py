"""One plural for the board, the validator's summary and the review ("1 crises in all" was issue 13)."""

from game.words import plural


def test_plural_says_one_in_the_singular_and_crises_for_crisis():
    assert plural(1, "crisis") == "1 crisis"
    assert plural(3, "crisis") == "3 crises"
    assert plural(0, "round") == "0 rounds"
    assert plural(1, "round") == "1 round"
