"""A valid scenario loads into the model the engine expects, and its expressions run."""

from __future__ import annotations

from collections import namedtuple

from game.rules.expr import Context
from game.rules.model import Scenario, start_values
from game.scenario import (
    check_scenario,
    load_scenario,
    load_scenario_files,
    load_scenario_with_files,
    read_scenario_files,
)

from .support import VALID

Played = namedtuple("Played", "round role instrument target category signals")


def test_valid_file_loads_without_diagnostics():
    assert check_scenario(VALID) == []
    s = load_scenario(VALID)
    assert isinstance(s, Scenario)
    assert (s.id, s.title, s.rounds, s.players, s.seed) == ("harbour_talks", "Harbour Talks", 6, (1, 2), 42)
    assert s.objectives == ("Pair pressure with a private channel.",)
    assert [m.id for m in s.global_meters] == ["legitimacy", "stability", "leak_risk"]
    assert s.meters["leak_risk"].visibility == "hidden" and s.meters["leak_risk"].good == "low"
    assert s.meters["foreign.capital"].refill == 3 and s.meters["foreign.capital"].max == 10
    assert s.meters["portia.access"].label == "Port access"


def test_actors_roles_and_instruments():
    s = load_scenario(VALID)
    portia, valen = s.actors
    assert portia.at == (0.6, 0.4) and isinstance(portia.at[0], float)
    assert portia.starts == (("trust", 30), ("pressure", 0), ("access", 10))
    assert valen.starts == (("trust", 70), ("pressure", 0), ("access", 20))  # dotted key meters.trust
    assert start_values(s)["valen.trust"] == 70
    # Library first (in file order), then the scenario's own instruments.
    assert [i.id for i in s.instruments] == [
        "private_demarche",
        "public_condemnation",
        "forum_speech",
        "consult_capitals",
        "port_visit",
    ]
    # forum_speech targets only 'forum' and there is no forum actor: left out of "*" and categories.
    assert s.role("foreign").instruments == (
        "private_demarche",
        "public_condemnation",
        "consult_capitals",
        "port_visit",
    )
    assert s.role("trade").instruments == ("private_demarche", "consult_capitals", "port_visit")
    demarche = s.instrument("private_demarche")
    assert demarche.needs_target and demarche.visibility == "private" and demarche.signals == ("private_pressure",)
    assert not s.instrument("consult_capitals").needs_target
    visit = s.instrument("port_visit")
    assert [(e.path, e.op) for e in visit.effects] == [
        ("target.access", "add"),
        ("target.trust", "add"),
        ("leak_risk", "set"),
    ]
    assert [o.id for o in s.role("foreign").objectives] == ["port_open", "keep_capital"]
    assert s.role("foreign").objectives[1].points == 1


def test_crises_consequences_and_end():
    s = load_scenario(VALID)
    assert s.crisis("harbour_strike").round == 2 and s.crisis("harbour_strike").lasts == 2
    assert s.crisis("border_incident").chance == 0.5 and s.crisis("border_incident").when.kind == "bool"
    assert s.crisis("leak").inject
    assert s.consequence("rupture").reveal_to == "all"
    assert s.consequence("quiet_progress").reveal_to == ("foreign",)
    assert not s.consequence("quiet_progress").once
    assert s.end.lose_text == "The region slides into conflict."


def _context(s: Scenario, **kw) -> Context:
    meters = start_values(s)
    meters.update(kw.pop("meters", {}))
    return Context(meters, kw.pop("round", 1), s.rounds, **kw)


def test_expressions_evaluate():
    s = load_scenario(VALID)
    c = _context(s)
    assert s.end.lose_when.fn(c) is False
    assert s.end.lose_when.fn(_context(s, meters={"stability": 0})) is True
    port_open = s.role("foreign").objectives[0].when
    assert port_open.fn(_context(s, meters={"portia.access": 40})) is True
    assert port_open.reads == frozenset({"portia.access"})
    keep = s.role("foreign").objectives[1].when
    assert keep.fn(_context(s, self_role="foreign")) is True  # capital starts at 3
    border = s.crisis("border_incident").when
    assert border.fn(_context(s, meters={"portia.pressure": 30}, active=())) is True
    assert border.fn(_context(s, meters={"portia.pressure": 30}, active=("harbour_strike",))) is False


def test_effect_values_evaluate():
    s = load_scenario(VALID)
    condemn = s.instrument("public_condemnation")
    values = {e.path: e.value.fn(_context(s, target="portia", self_role="foreign")) for e in condemn.effects}
    assert values == {"target.pressure": 10, "target.trust": -3.0, "legitimacy": 2}
    requires = s.instrument("private_demarche").requires
    assert requires.fn(_context(s, target="portia")) is True
    assert requires.fn(_context(s, target="portia", meters={"portia.trust": 5})) is False
    visit = s.instrument("port_visit").effects[2]
    assert visit.op == "set" and visit.value.fn(_context(s)) == 15
    progress = s.consequence("quiet_progress").effects[0]
    assert progress.value.fn(_context(s, meters={"portia.pressure": 40})) == 4


def test_used_counts_orders():
    s = load_scenario(VALID)
    when = s.consequence("rupture").when
    history = [
        Played(2, "foreign", "public_condemnation", "portia", "public", ("public_pressure",)),
        Played(3, "trade", "public_condemnation", "portia", "public", ("public_pressure",)),
    ]
    assert when.fn(_context(s, round=3, history=history)) is True
    history.append(Played(1, "foreign", "private_demarche", "portia", "private", ("private_pressure",)))
    assert when.fn(_context(s, round=3, history=history)) is False


def test_files_round_trip_through_a_save(valid_files):
    files, main = valid_files
    assert main == "harbour.toml"
    assert sorted(files) == ["harbour.toml", "library/instruments.toml"]
    from_disk = load_scenario(VALID)
    from_save = load_scenario_files(files, main)
    assert from_save == from_disk
    assert len(from_disk.content_hash) == 64
    assert from_save.content_hash == from_disk.content_hash
    scenario, read, read_main = load_scenario_with_files(VALID)
    assert (read, read_main) == (files, main) and scenario.content_hash == from_disk.content_hash


def test_content_hash_changes_with_any_file(valid_files):
    files, main = valid_files
    base = load_scenario_files(files, main).content_hash
    changed = dict(files)
    changed["library/instruments.toml"] += "\n# a comment changes the content\n"
    assert load_scenario_files(changed, main).content_hash != base
    extra = dict(files, **{"unused.toml": "format = 1\n"})
    assert load_scenario_files(extra, main).content_hash == base  # only files the scenario reads count


def test_read_scenario_files_skips_missing_includes(tmp_path):
    (tmp_path / "s.toml").write_text(
        'format = 1\n[scenario]\nid = "s"\ntitle = "S"\nrounds = 1\ninclude = ["nope.toml"]\n', encoding="utf-8"
    )
    files, main = read_scenario_files(tmp_path / "s.toml")
    assert (list(files), main) == (["s.toml"], "s.toml")
