"""Games to report on: autoplayed bundled scenarios and one run by an active facilitator.

The facilitated game uses a copy of red_lines with a ``[[schedule]]`` entry so
every facilitator action (note, mode, adjust, override, inject, defer, publish)
happens in one saved game. Its texts contain HTML and Markdown specials to
prove the reports escape them.
"""

import re
import shutil

import attrs
import pytest

from game.rules.engine import preview
from game.rules.state import Adjust, Inject, Note, Override, Reschedule, Resolve, SetMode, Submit
from game.scenario import bundled_scenarios, resolve_scenario
from game.scenario.bundled import bundled_dir
from game.session.autoplay import autoplay, play_round, seat_bots
from game.session.game import Game
from game.session.meta import SeatMeta

SCENARIO_IDS = ["tutorial", "red_lines", "sanctions_coalition", "neutral_mandate"]
NASTY = '<script>alert("x")</script> & *stars* | pipe'
REASON = "Reason-FOREIGN-SECRET: show resolve <b>before</b> the summit"
NOTE = "Note-FAC-SECRET: defence looks hesitant"


def seat_people(game: Game) -> None:
    """Every other role played by a named person, the rest by the random bot."""
    game.meta.title = game.scenario.title
    game.meta.seats = {
        r.id: SeatMeta(f"Player {i + 1}", None) if i % 2 == 0 else SeatMeta("", "random")
        for i, r in enumerate(game.scenario.roles)
    }


def autoplayed(scenario_id: str, seed: int) -> Game:
    game = Game.from_path(resolve_scenario(scenario_id), seed)
    seat_people(game)
    return autoplay(game)


@pytest.fixture(scope="session")
def saves(tmp_path_factory):
    """scenario id -> {seed: path of a finished autoplayed save}, for seeds 1 and 2."""
    assert {p.stem for p in bundled_scenarios()} >= set(SCENARIO_IDS)
    folder = tmp_path_factory.mktemp("saves")
    out = {}
    for sid in SCENARIO_IDS:
        out[sid] = {}
        for seed in (1, 2):
            path = folder / f"{sid}_{seed}.json"
            autoplayed(sid, seed).save(path)
            out[sid][seed] = path
    return out


def _with_reasons(orders, reason):
    return tuple(attrs.evolve(o, reasons=(reason, NASTY)) for o in orders)


def facilitated_game(folder) -> Game:
    """red_lines with a scheduled inject, played by bots with a busy facilitator."""
    shutil.copytree(bundled_dir() / "library", folder / "library", dirs_exist_ok=True)
    text = (bundled_dir() / "red_lines.toml").read_text(encoding="utf-8")
    # the facilitator's riot, inject and bombing must not end the game in a shared loss before it is played out
    text = re.sub(r"^lose_when = .*$", 'lose_when = "stability < 0"', text, count=1, flags=re.M)
    text += '\n[[schedule]]\nround = 3\ncrisis = "port_bombing"\nnote = "Schedule note: test their crisis protocol"\n'
    (folder / "red_lines.toml").write_text(text, encoding="utf-8")
    game = Game.from_path(folder / "red_lines.toml", 5)
    seat_people(game)
    bots = seat_bots(game)
    sc = game.scenario
    # Round 1: notes, mode, reasons, an adjustment and an override.
    game.do(Note(NOTE, "defence"))
    game.do(Note(NASTY, None))
    game.do(SetMode("semi-rigid"))
    for role in sc.roles:
        orders = bots[role.id].choose(sc, game.state, role.id)
        if role.id == "foreign":
            orders = _with_reasons(orders, REASON)
        game.do(Submit(role.id, orders))
    game.do(Adjust("stability", -7, "Adjust-reason: a riot the scenario does not model"))
    proposal = preview(sc, game.state)
    index, change = next((i, e.changes[0]) for i, e in enumerate(proposal) if e.kind == "order" and e.changes)
    delta = change.after - change.before
    game.do(
        Resolve(
            (
                Override(
                    f"{index}:{change.path}",
                    delta - 1 if delta > 0 else delta + 1,
                    "Override-reason: the minister called ahead",
                ),
            )
        )
    )
    # Round 2: an inject and a deferral of the scheduled inject.
    game.do(Inject("mass_grave", "Inject-reason: test their nerve"))
    game.do(Reschedule(0, "defer", 1, "Defer-reason: running late"))
    play_round(game, bots)
    # Round 3: publish the deferred inject early, back to rigid adjudication.
    game.do(Reschedule(0, "publish", reason="Publish-reason: the room is ready"))
    game.do(SetMode("rigid"))
    return autoplay_rest(game, bots)


def autoplay_rest(game: Game, bots) -> Game:
    while not game.state.over:
        play_round(game, bots)
    return game


@pytest.fixture(scope="session")
def facilitated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("facilitated")
    game = facilitated_game(folder)
    path = folder / "facilitated.json"
    game.save(path)
    return path
