"""The Load screen: named saves first and marked, one entry per game with its autosaves folded under it
(newest first), by keyboard and mouse, scrolled when long, and a broken file listed without hiding the rest."""

import json
from datetime import datetime, timezone
from pathlib import Path

import pygame

from game.bots import make_bot
from game.scenario import resolve_scenario
from game.session import slots
from game.session.autosaver import Autosaver
from game.session.game import Game
from game.session.hotseat import ORDERS, OVER, TALKS, HotSeat, Seat
from game.session.save_groups import group_saves
from game.session.slots import SaveInfo, list_saves, saves_dir
from game.ui import palette
from game.ui.run import build_app
from game.ui.screens.save_list import AUTOSAVE, BROKEN, GAME, HEADING, NAMED
from game.ui.screens.save_words import when

from .driver import Driver


def play(names, seed: int, steps: int, scenario: str = "tutorial") -> Game:
    """A hot-seat game with people in the first seats (their orders drawn by a random bot) and random bots
    in the others, autosaved after every phase, stopped after ``steps`` steps."""
    game = Game.from_path(resolve_scenario(scenario), seed)
    seats = {
        r: Seat(r, names[i]) if i < len(names) else Seat(r, "", "random") for i, r in enumerate(game.scenario.role_ids)
    }
    hs = HotSeat(game, seats, Autosaver())
    hs.autosave(game, "setup")
    hand = make_bot("random", seed)
    for _ in range(steps):
        if hs.step.kind == OVER:
            break
        if hs.step.kind == ORDERS:
            hs.submit(hand.choose(game.scenario, game.state, hs.seat))
        elif hs.step.kind == TALKS:
            hs.end_talks()
        else:
            hs.advance()
    return game


def stamp(path: Path, created: str) -> None:
    """Give a save the time it was written (saves made in one second would otherwise tie)."""
    data = json.loads(path.read_text())
    data["created"] = created
    path.write_text(json.dumps(data))


def three_games():
    """Three games of autosaves (Ana's played last) and two named saves, the later one named "later"."""
    bo = play(["Bo"], 3, 14)
    cy = play(["Cy", "Di"], 4, 18)
    ana = play(["Ana"], 5, 14)
    early = slots.save_named(bo, "early")
    later = slots.save_named(cy, "later")
    stamp(early, "2026-01-01T09:00:00+00:00")
    stamp(later, "2026-01-02T09:00:00+00:00")
    return ana, cy, bo


def load_screen(size=(1280, 800)):
    app = build_app(size=size)
    d = Driver(app)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # Load game
    assert d.screen_name == "LoadScreen"
    return app, d


def kinds(app) -> list[str]:
    return [r.kind for r in app.screen.box.rows]


def info(name: str, created: str, game_id: str = "", error: str = "", auto: bool = True, **kw) -> SaveInfo:
    return SaveInfo(Path(name), "Title", 1, False, created, auto, error, game_id=game_id, **kw)


# ------------------------------------------------------------------------------------------- grouping


def test_saves_are_grouped_by_game_named_first_newest_first():
    a1 = info("autosave-1-tutorial-gaaaaaaaaaaaa.json", "2026-01-01T10:00:00", "aaaaaaaaaaaa01")
    a2 = info("autosave-3-tutorial-gaaaaaaaaaaaa.json", "2026-01-01T12:00:00", "aaaaaaaaaaaa01")
    b1 = info("autosave-2-tutorial-gbbbbbbbbbbbb.json", "2026-01-01T11:00:00", "bbbbbbbbbbbb02")
    old = info("old.json", "2025-06-01T10:00:00", "aaaaaaaaaaaa01", auto=False)
    new = info("new.json", "2026-02-01T10:00:00", "", auto=False)
    # an autosave too damaged to read stays with its game (its file names the game); a broken named file goes last
    torn = info("autosave-4-tutorial-gbbbbbbbbbbbb.json", "2026-01-01T13:00:00", error="damaged save: cut short")
    junk = info("junk.json", "2026-03-01T10:00:00", error="damaged save: not a readable save", auto=False)
    lost = info("autosave-5-tutorial-gcccccccccccc.json", "2026-01-01T14:00:00", error="damaged save: cut short")
    listing = group_saves([a1, b1, old, a2, new, torn, junk, lost])
    assert listing.named == (new, old)
    assert [g.autosaves for g in listing.games] == [(a2, a1), (torn, b1)]  # the game played last first
    assert listing.games[1].latest is b1, "Load resumes the newest autosave that can be read"
    assert listing.broken == (junk, lost), "a game none of whose saves can be read is no game to list"


def test_when_says_today_yesterday_or_the_date_in_local_time():
    now = datetime(2026, 3, 10, 18, 0, tzinfo=timezone.utc).astimezone()
    at = datetime(2026, 3, 10, 14, 3, 9, tzinfo=timezone.utc)
    local = at.astimezone()
    assert when(at.isoformat(), now) == f"today {local:%H:%M}"
    assert when(at.isoformat(), now, seconds=True) == f"today {local:%H:%M:%S}"
    assert when(at.replace(day=9).isoformat(), now).startswith("yesterday ")
    assert when(at.replace(day=2).isoformat(), now).startswith("2 Mar ")
    assert when(at.replace(year=2025).isoformat(), now).startswith("10 Mar 2025 ")
    assert when("not a time", now) == ""


# ------------------------------------------------------------------------------------------- the screen


def test_one_entry_per_game_named_saves_first_and_marked(data_dir):
    ana, cy, bo = three_games()
    autosaves = len(list(saves_dir().glob("autosave-*.json")))
    app, d = load_screen()
    screen = app.screen
    assert kinds(app) == [HEADING, NAMED, NAMED, HEADING, GAME, GAME, GAME]
    assert autosaves > 3 * len(kinds(app)), "far fewer rows than autosaves"
    rows = screen.box.rows
    assert [r.save.path.stem for r in rows[1:3]] == ["later", "early"]
    assert [r.save.game_id for r in rows[4:]] == [g.meta.game_id for g in (ana, cy, bo)]
    shown = " ".join(d.text().split())
    assert "Your First Démarche" in shown and "Cy, Di" in shown and "Ana and 1 bot" in shown
    assert "2 saved games · 3 games autosaved" in shown
    newest = max(list_saves(), key=lambda s: (s.created, s.path.name))
    assert rows[4].save == newest and f"{len(rows[4].game.autosaves)} autosaves" in shown
    # a named save is drawn apart: the yellow band at its left edge, which a game's entry has not
    named, game = (screen.box.row_rect(rows[i]) for i in (1, 4))
    assert app.window.get_at((named.x + 2, named.centery))[:3] == palette.YELLOW
    assert app.window.get_at((game.x + 2, game.centery))[:3] != palette.YELLOW
    d.shot("load_grouped")


def test_a_game_opens_to_its_autosaves_newest_first_by_keyboard(data_dir):
    ana, *_ = three_games()
    app, d = load_screen()
    screen = app.screen
    assert screen.choice is None and not screen.load.is_enabled
    for _ in range(3):  # two named saves, then the first game
        d.key(pygame.K_DOWN)
    game = screen.box.rows[screen.box.chosen]
    assert game.kind == GAME and screen.choice == game.game.latest and screen.load.is_enabled
    d.key(pygame.K_RIGHT)
    rows = screen.box.rows
    under = [r.save for r in rows if r.kind == AUTOSAVE]
    assert under == list(game.game.autosaves) and len(under) > 3
    created = [(s.created, s.path.name) for s in under]
    assert created == sorted(created, reverse=True), "newest first"
    assert "after Ana's orders" in d.text()
    d.key(pygame.K_DOWN)
    d.key(pygame.K_DOWN)  # the second newest autosave
    assert screen.choice == under[1]
    d.key(pygame.K_LEFT)  # folded away: its game chosen again
    assert AUTOSAVE not in kinds(app) and screen.choice == game.game.latest
    d.key(pygame.K_SPACE)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # loads the one chosen
    assert d.screen_name != "LoadScreen"
    assert app.hotseat.game.actions == Game.load(under[1].path).actions, "that point of Ana's game"
    assert app.hotseat.game.meta.game_id == ana.meta.game_id


def test_the_mouse_opens_a_game_and_a_double_click_loads(data_dir):
    three_games()
    app, d = load_screen()
    screen = app.screen
    first_game = kinds(app).index(GAME)
    box = screen.box.row_rect(screen.box.rows[first_game])
    d.click((box.x + 20, box.y + 20))  # the triangle
    assert AUTOSAVE in kinds(app)
    wanted = screen.box.rows[first_game].game.autosaves[2]
    row = next(r for r in screen.box.rows if r.save == wanted)
    d.click(screen.box.row_rect(row).center)
    assert screen.choice == wanted and d.screen_name == "LoadScreen"
    d.click(screen.box.row_rect(row).center)  # again at once: a double click
    assert d.screen_name != "LoadScreen" and app.hotseat.game.actions == Game.load(wanted.path).actions


def test_a_long_list_scrolls_and_keeps_the_chosen_row_in_view(data_dir):
    for seed in range(9):
        play([f"P{seed}"], seed, 3)
    app, d = load_screen(size=(1024, 700))
    screen = app.screen
    assert len([k for k in kinds(app) if k == GAME]) == 9
    assert screen.box.scroll.limit > 0 and screen.box.scroll.bar is not None
    assert "Showing 1–" in d.text()
    d.key(pygame.K_END)
    last = screen.box.rows[-1]
    assert screen.box.chosen == len(screen.box.rows) - 1 and screen.box.scroll.offset == screen.box.scroll.limit
    assert screen.box.inner.contains(screen.box.row_rect(last))
    assert last.save.players in d.text()
    d.shot("load_scrolled_1024x700")
    d.key(pygame.K_HOME)
    assert screen.box.scroll.offset == 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False))
    d.frame()
    assert screen.box.scroll.offset > 0, "the wheel scrolls"


def test_a_broken_file_is_listed_with_its_reason_and_the_others_still_load(data_dir):
    game = play(["Ana"], 3, 8)
    (saves_dir() / "garbage.json").write_text("{not json")
    newest = sorted(saves_dir().glob("autosave-*.json"))[-1]
    newest.write_text(newest.read_text()[:200])  # the game's newest autosave cut short
    app, d = load_screen()
    screen = app.screen
    assert kinds(app) == [HEADING, GAME, HEADING, BROKEN]
    shown = d.text()
    assert "garbage.json: cannot be loaded (damaged save: not a readable save" in shown
    assert "1 file cannot be loaded (it is last)" in shown
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RIGHT)
    torn = next(r for r in screen.box.rows if r.kind == AUTOSAVE and r.save.error)
    assert torn.save.path == newest and f"{newest.name}: cannot be loaded" in d.text()
    d.key(pygame.K_END)  # the broken file: nothing to load
    assert screen.choice.error and not screen.load.is_enabled and not screen.replay.is_enabled
    d.key(pygame.K_HOME)  # the game: its newest autosave that can be read
    assert screen.box.rows[screen.box.chosen].kind == GAME
    assert screen.choice.path != newest and not screen.choice.error and screen.load.is_enabled
    d.shot("load_broken_listed")
    d.key(pygame.K_RETURN)
    assert d.screen_name != "LoadScreen" and app.hotseat.game.meta.game_id == game.meta.game_id


def test_f1_lists_the_keys_of_the_load_screen(data_dir):
    app, d = load_screen()
    d.key(pygame.K_F1)
    shown = " ".join(d.text().split())
    assert "autosaves, newest first (Space again folds them)" in shown and "a double click to load" in shown
