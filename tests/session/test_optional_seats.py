"""Optional seats (``[[roles]] optional = true``): one file played with and without a red cell.

The fixture is Embassy Row with its Veyra cell made optional; every test here can fail on its own:
the variant without the cell is the file with the cell's table deleted, errors only that variant has
are placed in the real file, sessions bring the seat in only when they name it, and saves replay on
the variant they were played on."""

import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.rules.engine import new_game
from game.rules.hashing import state_hash
from game.rules.observe import observe
from game.rules.state import FACILITATOR_SEAT, PUBLIC_SEAT
from game.scenario import ScenarioError, check_scenario, load_scenario, load_scenario_files
from game.scenario import loader as loader_module
from game.scenario.variants import OptionalSeatError, with_optional
from game.session.autoplay import autoplay
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.session.reload import ReloadError, reload_game
from game.session.save import SaveError, parse_save, replay_save, to_json

FIXTURES = Path(__file__).parents[1] / "rules" / "fixtures"
RED_CELL = FIXTURES / "red_cell.toml"
HASH = re.compile(r"Final state hash: ([0-9a-f]{64})")


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def written(tmp_path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def without_table(text: str, role_id: str) -> str:
    """The file text with one [[roles]] table (and its objectives) deleted by hand."""
    lines = text.splitlines(keepends=True)
    out, skipping = [], False
    for i, line in enumerate(lines):
        if line.startswith("[[roles]]"):
            nxt = "".join(lines[i + 1 : i + 2])
            skipping = nxt.strip() == f'id = "{role_id}"'
        elif line.startswith("[[") and not line.startswith("[[roles.objectives]]"):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


# --------------------------------------------------------------------------- the format


def test_the_file_loads_with_the_seat_and_its_variant_without_it():
    full = load_scenario(RED_CELL)
    assert full.role_ids == ("foreign", "defence", "cell")
    assert full.optional_roles == ("cell",) and full.optional_in == ("cell",) and full.left_out == ()
    assert full.role("cell").optional and not full.role("foreign").optional
    without = with_optional(full, [])
    assert without.role_ids == ("foreign", "defence")
    assert without.left_out == ("cell",) and without.optional_roles == ("cell",)
    assert [le.id for le in without.lessons] == ["quiet"], "a lesson about the cell needs the cell"
    assert without.content_hash == full.content_hash, "one file, one content hash"
    assert with_optional(without, ["cell"]) is full and with_optional(full, []) is without, "variants are kept"
    assert all(not p.startswith("cell.") for p in without.meters)
    assert {le.id: le.with_ for le in full.lessons} == {"quiet": (), "cell_charm": ("cell",)}


def test_the_variant_is_the_file_with_the_table_deleted(tmp_path):
    text = RED_CELL.read_text(encoding="utf-8")
    deleted = without_table(text, "cell").replace('role = "cell"', 'role = "defence"')
    by_hand = load_scenario(written(tmp_path, deleted))
    variant = with_optional(load_scenario(RED_CELL), [])
    assert variant.role_ids == by_hand.role_ids
    assert variant.meters.keys() == by_hand.meters.keys()
    for seed in (1, 7, 42):
        assert state_hash(new_game(variant, seed)) == state_hash(new_game(by_hand, seed))
    a = autoplay(Game(variant, {"s.toml": text}, "s.toml", 5), "greedy")
    b = autoplay(Game(by_hand, {"s.toml": deleted}, "s.toml", 5), "greedy")
    assert a.hash == b.hash, "the same game, bit for bit"


def test_an_error_only_the_variant_has_is_placed_in_the_real_file(tmp_path):
    text = RED_CELL.read_text(encoding="utf-8").replace(
        "when = \"veyra.plan >= 6 and fired('veyra.expel')\"", 'when = "veyra.plan >= 6 and cell.standing > 40"'
    )
    path = written(tmp_path, text)
    diagnostics = [d for d in check_scenario(path) if d.severity == "error"]
    assert len(diagnostics) == 1, diagnostics
    d = diagnostics[0]
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "cell.standing > 40" in t)
    assert (d.file, d.line) == (str(path), line)
    assert d.col == text.splitlines()[line - 1].index("cell.standing") + 1
    assert "cell" in d.message
    assert "(when the optional seat 'cell' is left out: make it not depend on that seat" in d.message
    with pytest.raises(ScenarioError):
        load_scenario(path)


def test_news_for_an_optional_seat_reaches_it_when_it_plays_and_nobody_else_when_it_does_not(tmp_path):
    """``reveal_to`` may name a red cell: left out, the seat is dropped from the list (an emptied list
    tells nobody), so one file can send the cell news about its own instruments."""
    base = RED_CELL.read_text(encoding="utf-8")
    for told, without_cell in (('["foreign", "cell"]', ("foreign",)), ('["cell"]', "none")):
        path = written(tmp_path, base.replace('reveal_to = ["foreign"]', f"reveal_to = {told}"))
        assert [d for d in check_scenario(path) if d.severity == "error"] == []
        full = load_scenario(path)
        played = with_optional(full, ["cell"])
        left = with_optional(full, [])
        assert played.consequence("plan_hatches").reveal_to == tuple(json.loads(told))
        assert left.consequence("plan_hatches").reveal_to == without_cell


def test_entries_after_a_left_out_role_are_placed_at_their_own_line(tmp_path):
    """Leaving the first role out shifts every later [[roles]] entry: errors must still point at theirs."""
    text = RED_CELL.read_text(encoding="utf-8")
    cell = text[text.index('[[roles]]\nid = "cell"') : text.index("[[actors]]")]
    text = text.replace(cell, "")
    first_role = text.index("[[roles]]")
    text = text[:first_role] + cell + text[first_role:]
    text = text.replace('when = "veyra.trust <= 35"', 'when = "veyra.trust <= 35 and cell.standing > 0"')
    path = written(tmp_path, text)
    errors = [d for d in check_scenario(path) if d.severity == "error"]
    assert len(errors) == 1, errors
    line, col = next((n, t.index("cell.standing") + 1) for n, t in enumerate(text.splitlines(), 1) if "cell.st" in t)
    assert (errors[0].line, errors[0].col) == (line, col), errors[0]
    assert errors[0].message.startswith("unknown actor or role 'cell' (when the optional seat 'cell' is left out")


def test_an_error_of_the_whole_file_is_reported_once_without_the_variant_note(tmp_path):
    text = RED_CELL.read_text(encoding="utf-8").replace('when = "veyra.trust <= 35"', 'when = "veyra.trst <= 35"')
    errors = [d for d in check_scenario(written(tmp_path, text)) if d.severity == "error"]
    assert len(errors) == 1 and "left out" not in errors[0].message, errors


def test_at_least_one_role_is_not_optional(tmp_path):
    text = RED_CELL.read_text(encoding="utf-8")
    for role in ('id = "foreign"\n', 'id = "defence"\n'):
        text = text.replace(role, role + "optional = true\n", 1)
    errors = [d for d in check_scenario(written(tmp_path, text)) if d.severity == "error"]
    assert any("every role is optional" in d.message for d in errors), errors


def test_a_lessons_with_names_optional_roles_only(tmp_path):
    base = RED_CELL.read_text(encoding="utf-8")
    for named, expected, hint in (
        ('["defence"]', "'defence', an ordinary role, always in the game; the optional roles are cell", None),
        ('["cel"]', "'cel', not a role; the optional roles are cell", "cell"),
    ):
        text = base.replace('role = "foreign"\n', f'role = "foreign"\nwith = {named}\n', 1)
        errors = [d for d in check_scenario(written(tmp_path, text)) if d.severity == "error"]
        assert [d.message for d in errors] == [f"lesson 'quiet': with names {expected}"], errors
        assert errors[0].suggestion == hint
    text = base.replace('role = "foreign"\n', 'role = "foreign"\nwith = ["cell"]\n', 1)
    scenario = load_scenario(written(tmp_path, text))
    assert scenario.lessons[0].with_ == ("cell",)
    assert [le.id for le in with_optional(scenario, []).lessons] == [], "both lessons need the cell"


def test_a_file_without_optional_roles_is_loaded_once(monkeypatch):
    def no_variant(*args):
        raise AssertionError("a file without optional roles must not be loaded a second time")

    monkeypatch.setattr(loader_module, "_variant", no_variant)
    scenario = load_scenario(FIXTURES / "embassy.toml")
    assert scenario.variants is None and scenario.optional_roles == ()
    with pytest.raises(OptionalSeatError, match="no optional seat 'red'|'red' is not an optional seat"):
        with_optional(scenario, ["red"])
    assert with_optional(scenario, []) is scenario


# --------------------------------------------------------------------------- sessions


def test_seats_bring_an_optional_role_in_only_when_named():
    full = load_scenario(RED_CELL)
    seats = parse_seats("foreign=Ana", full.role_ids, full.optional_roles)
    assert list(seats) == ["foreign", "defence"] and seats["defence"].bot == "greedy"
    seats = parse_seats("foreign=Ana,cell=bot:greedy", full.role_ids, full.optional_roles)
    assert list(seats) == ["foreign", "defence", "cell"] and seats["cell"].bot == "greedy"
    assert parse_seats("cell=Bo", full.role_ids, full.optional_roles)["cell"].human


def test_play_with_and_without_the_cell_and_replay_both(tmp_path):
    games = {}
    for with_ in ((), ("cell",)):
        game = autoplay(Game.from_path(RED_CELL, 3, with_=with_), "greedy")
        assert game.scenario.optional_in == with_
        assert all(o.role in game.scenario.role_ids for o in game.state.outcome.scores)
        save = game.to_save()
        assert save.with_ == with_
        text = to_json(save)
        assert ('"with"' in text) == bool(with_), "a game without optional seats writes no 'with'"
        scenario, state = replay_save(parse_save(text))
        assert scenario.role_ids == game.scenario.role_ids and state_hash(state) == game.hash
        path = tmp_path / f"game{len(with_)}.json"
        game.save(path)
        assert Game.load(path).hash == game.hash
        games[with_] = game
    assert games[()].hash != games[("cell",)].hash
    assert len(games[()].state.outcome.scores) == 2 and len(games[("cell",)].state.outcome.scores) == 3


def test_a_save_naming_an_optional_seat_its_scenario_lacks_is_refused():
    game = autoplay(Game.from_path(RED_CELL, 3, with_=["cell"]), "random")
    data = json.loads(to_json(game.to_save()))
    for named, expected in (
        (["veyra"], "played with an optional seat its scenario lacks: no optional seat 'veyra'"),
        (["foreign"], "'foreign' is not an optional seat"),
        ([1], "'with' should list role ids"),
        (["cell", "cell"], "names a seat twice"),
    ):
        data["scenario"]["with"] = named
        with pytest.raises(SaveError, match=re.escape(expected)):
            replay_save(parse_save(json.dumps(data)))
    del data["scenario"]["with"]  # played with the cell, replayed without it: the log does not fit
    with pytest.raises(SaveError, match="cannot be replayed|replaying it gives"):
        replay_save(parse_save(json.dumps(data)))


def test_a_save_of_a_file_without_optional_roles_is_unchanged():
    game = autoplay(Game.from_path(FIXTURES / "embassy.toml", 4), "random")
    data = json.loads(to_json(game.to_save()))
    assert set(data["scenario"]) == {"id", "main", "content_hash", "files"}
    assert parse_save(json.dumps(data)).with_ == ()


def test_nothing_shown_names_a_left_out_seat():
    game = autoplay(Game.from_path(RED_CELL, 3), "greedy")
    for seat in (PUBLIC_SEAT, FACILITATOR_SEAT, "foreign"):
        view = observe(game.scenario, game.state, seat)
        shown = repr(view)
        assert "Veyra cell" not in shown and "'cell'" not in shown and "cell." not in shown, seat


def test_f5_reload_keeps_the_optional_seats_in(tmp_path):
    path = written(tmp_path, RED_CELL.read_text(encoding="utf-8"))
    game = Game.from_path(path, 2, with_=["cell"])
    autoplay(game, "random", rounds=1)
    fresh = reload_game(game, path)
    assert fresh.scenario.optional_in == ("cell",) and fresh.hash == game.hash
    path.write_text(path.read_text(encoding="utf-8").replace("optional = true\n", ""), encoding="utf-8")
    with pytest.raises(ReloadError, match="'cell' is not an optional seat"):
        reload_game(game, path)


def test_an_embedded_scenario_loads_its_variants_from_its_own_texts():
    text = RED_CELL.read_text(encoding="utf-8")
    scenario = load_scenario_files({"red_cell.toml": text}, "red_cell.toml")
    assert with_optional(scenario, []).role_ids == ("foreign", "defence")


# --------------------------------------------------------------------------- the command line


def test_autoplay_with_and_bots_bring_the_seat_in(capsys, tmp_path):
    hashes = {}
    for argv in ((), ("--with", "cell"), ("--bots", "cell=random"), ("--with", "cell", "--bots", "cell=random")):
        code, out = run(capsys, "autoplay", str(RED_CELL), "-q", "--seed", "3", *argv)
        assert code == 0, out
        hashes[argv] = HASH.search(out).group(1)
    assert hashes[()] == autoplay(Game.from_path(RED_CELL, 3), "random").hash
    assert hashes[("--with", "cell")] == autoplay(Game.from_path(RED_CELL, 3, with_=["cell"]), "random").hash
    assert len(set(hashes.values())) == 2 and hashes[("--bots", "cell=random")] == hashes[("--with", "cell")]
    code, out = run(capsys, "autoplay", str(RED_CELL), "--with", "foreign")
    assert code == 2 and "'foreign' is not an optional seat" in out
    code, out = run(capsys, "autoplay", str(RED_CELL), "--with", "cel")
    assert code == 2 and "no optional seat 'cel'; the optional seats are cell" in out


def test_simulate_says_which_optional_seats_were_in(capsys):
    code, out = run(capsys, "simulate", str(RED_CELL), "-n", "6", "--jobs", "1", "--json", "--with", "cell")
    report = json.loads(out)
    assert code == 0 and report["with"] == ["cell"] and report["left_out"] == []
    assert [r["id"] for r in report["roles"]] == ["foreign", "defence", "cell"]
    code, out = run(capsys, "simulate", str(RED_CELL), "-n", "6", "--jobs", "1", "--json")
    report = json.loads(out)
    assert report["with"] == [] and report["left_out"] == ["cell"]
    assert [r["id"] for r in report["roles"]] == ["foreign", "defence"]
    assert "cell" not in json.dumps(report["instruments"]) + json.dumps(report["meters"])
    code, out = run(capsys, "simulate", str(RED_CELL), "-n", "6", "--jobs", "1", "--bots", "cell=greedy")
    assert code == 0 and "Optional seats: with cell" in out
    code, out = run(capsys, "simulate", str(RED_CELL), "-n", "4", "--jobs", "1", "--lessons", "--with", "cell")
    assert code == 2 and "leave out --with" in out


def test_lessons_play_with_the_seats_they_name(capsys):
    code, out = run(capsys, "simulate", str(RED_CELL), "-n", "4", "--jobs", "1", "--lessons", "--json")
    lessons = {le["id"]: le for le in json.loads(out)["lessons"]}
    assert lessons["quiet"]["with"] == [] and lessons["cell_charm"]["with"] == ["cell"]
    assert lessons["cell_charm"]["mean_better"] != lessons["cell_charm"]["mean_worse"], "the cell played both ways"


def test_play_seats_and_preview_accept_an_optional_seat(capsys, tmp_path):
    shot = tmp_path / "preview.png"
    code, out = run(capsys, "play", str(RED_CELL), "--preview", "cell", "--screenshot", str(shot))
    assert code == 0 and shot.exists(), out
    code, out = run(capsys, "play", str(RED_CELL), "--seats", "cell=Bo,nobody=X")
    assert code == 2 and "unknown role 'nobody'" in out


def test_the_review_lists_the_seats_of_the_game_as_played(capsys, tmp_path):
    for with_, expected in (((), False), (("cell",), True)):
        game = autoplay(Game.from_path(RED_CELL, 3, with_=with_), "greedy")
        save, out = tmp_path / f"g{len(with_)}.json", tmp_path / f"g{len(with_)}.md"
        game.save(save)
        code, printed = run(capsys, "report", str(save), "--format", "md", "--out", str(out))
        assert code == 0, printed
        review = out.read_text(encoding="utf-8")
        assert ("Veyra cell" in review) is expected and ("Red objective" in review) is expected
        assert "Foreign Ministry" in review


def test_list_says_how_many_roles_are_optional(capsys, monkeypatch):
    import game.scenario as scenario_module

    monkeypatch.setattr(scenario_module, "bundled_scenarios", lambda: [RED_CELL, FIXTURES / "embassy.toml"])
    code, out = run(capsys, "list")
    assert code == 0 and "3 (1 optional)" in out


def test_the_review_of_a_left_out_seat_says_it_was_left_out(capsys, tmp_path):
    game = autoplay(Game.from_path(RED_CELL, 3), "greedy")
    save = tmp_path / "g.json"
    game.save(save)
    code, out = run(capsys, "report", str(save), "--format", "md", "--role", "cell", "--out", str(tmp_path / "r.md"))
    assert code != 0 and "'cell' is an optional seat this game was played without" in out


def test_simulate_leaves_the_optional_seats_out_unless_named_whichever_variant_it_is_given():
    from game.scenario import read_scenario_files
    from game.sim import BotSpec, simulate

    files, main = read_scenario_files(RED_CELL)
    full = load_scenario_files(files, main)
    assert full.optional_in == ("cell",), "the file as loaded has every seat in"
    assert simulate(files, main, 3, scenario=full)["with"] == []
    assert simulate(files, main, 3)["with"] == []
    assert simulate(files, main, 3, scenario=full, with_=["cell"])["with"] == ["cell"]
    assert simulate(files, main, 3, BotSpec(fixed=(("cell", "greedy"),)))["with"] == ["cell"]
    with pytest.raises(OptionalSeatError):
        simulate(files, main, 3, with_=["foreign"])
