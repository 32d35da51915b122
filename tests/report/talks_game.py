"""A game full of talks to report on: the deals fixture (tests/rules/fixtures/deals.toml) with a third
seat, so that some letters and deals are kept from one seat, played through every fate a deal can have.

Round 1: deal 1 (East–West) kept; deal 2 (West to East) declined; deal 3 (North to East) expires.
Round 2: deal 4 (East–West) broken by West; deal 5 (West–East, for round 3) accepted.
Round 3, in its talks: deal 6 (North to East) countered by East with deal 7, still open. The game is
saved there (``unfinished``), so deal 5 is still to be judged; ``finished`` plays on to the end.

Every text carries a marker naming who may read it, and one letter is long, with HTML and Markdown
specials and line breaks, to show the review escapes and wraps it.
"""

from __future__ import annotations

from pathlib import Path

from game.rules.state import Answer, Order, Propose, Resolve, Submit, Term, Write
from game.session.game import Game

DEALS = Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "deals.toml"
NORTH = """
[[roles]]
id = "north"
name = "North Ministry"
briefing = "Watch the two others; press Korsk when it pays."
orders = 1
instruments = ["press", "trade"]

[[roles.objectives]]
id = "pressed"
text = "Pressure at 30 or more."
when = "pressure >= 30"
points = 1
"""
PRESS = Order("press", "korsk")
TRADE = Order("trade")
LONG = (
    "LETTER-WE-LONG <script>alert('x')</script> & *stars* | pipe [link](http://x) # not a heading\n"
    "Second line of a long letter. " + "Averyveryverylongwordwithoutanyspaces" * 4 + " " + "and more words " * 30
)

# marker -> the seats that may read it (the facilitator reads every one)
MARKERS: dict[str, tuple[str, ...]] = {
    "LETTER-EW-1": ("east", "west"),
    "LETTER-EN-SECRET": ("east", "north"),
    "LETTER-WE-LONG": ("east", "west"),
    "LETTER-NW-SECRET": ("north", "west"),
    "LETTER-W-ALL": ("east", "west", "north"),
    "DEAL-KEPT-NOTE": ("east", "west"),
    "DEAL-DECLINED-NOTE": ("east", "west"),
    "DEAL-NE-SECRET": ("east", "north"),
    "DEAL-BROKEN-NOTE": ("east", "west"),
    "DEAL-PENDING-NOTE": ("east", "west"),
    "DEAL-NE2-SECRET": ("east", "north"),
    "DEAL-EN-COUNTER-SECRET": ("east", "north"),
}


def talks_scenario(folder: Path) -> Path:
    path = folder / "talks.toml"
    path.write_text(DEALS.read_text(encoding="utf-8") + NORTH, encoding="utf-8")
    return path


def press(role: str, round_: int) -> Term:
    return Term(role, "press", "korsk", round_)


def rounds_1_to_3_talks():
    return [
        # round 1
        Write("east", ("west",), "LETTER-EW-1 Shall we press Korsk together this week?"),
        Write("east", ("north",), "LETTER-EN-SECRET between East and North only"),
        Write("west", ("east",), LONG),
        Propose("east", "west", (press("east", 1), press("west", 1)), "DEAL-KEPT-NOTE together now"),
        Propose("west", "east", (Term("east", "trade", None, 2),), "DEAL-DECLINED-NOTE trade for me"),
        Propose("north", "east", (press("north", 1), press("east", 1)), "DEAL-NE-SECRET north offers"),
        Answer("west", 1, True),
        Answer("east", 2, False),
        Submit("east", (PRESS,)),
        Submit("west", (PRESS,)),
        Submit("north", (TRADE,)),
        Resolve(),
        # round 2
        Write("north", ("west",), "LETTER-NW-SECRET between North and West only"),
        Propose("east", "west", (press("east", 2), press("west", 2)), "DEAL-BROKEN-NOTE again"),
        Propose("west", "east", (press("east", 3), press("west", 3)), "DEAL-PENDING-NOTE next round"),
        Answer("west", 4, True),
        Answer("east", 5, True),
        Submit("east", (PRESS,)),
        Submit("west", (TRADE,)),
        Submit("north", (TRADE,)),
        Resolve(),
        # round 3, the talks
        Write("west", ("east", "north"), "LETTER-W-ALL to both of you"),
        Propose("north", "east", (press("north", 3),), "DEAL-NE2-SECRET north alone"),
        Propose("east", "north", (press("north", 3), Term("east", "trade", None, 3)), "DEAL-EN-COUNTER-SECRET", 6),
    ]


def play(folder: Path, finish: bool = False) -> Path:
    """Play the game and save it: stopped in round 3's talks, or (``finish``) played to the end."""
    game = Game.from_path(talks_scenario(folder), 7)
    for action in rounds_1_to_3_talks():
        game.do(action)
    name = "unfinished"
    if finish:
        for action in (Submit("east", (PRESS,)), Submit("west", (PRESS,)), Submit("north", (PRESS,)), Resolve()):
            game.do(action)
        assert game.state.over
        name = "finished"
    path = folder / f"{name}.json"
    game.save(path)
    return path
