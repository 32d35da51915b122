"""Every bundled scenario validates, meets the content brief, and plays to the end on 50 seeds."""

import pytest

from game.rules.engine import new_game
from game.rules.model import CATEGORIES
from game.rules.news import texts_of
from game.scenario import (
    bundled_scenarios,
    load_scenario,
    load_scenario_files,
    read_scenario_files,
)
from game.session.autoplay import autoplay
from game.session.game import Game

PATHS = {p.stem: p for p in bundled_scenarios()}
SEED_SCENARIOS = ["red_lines", "sanctions_coalition", "neutral_mandate"]


def test_the_four_bundled_scenarios_exist():
    assert set(PATHS) >= {"tutorial", *SEED_SCENARIOS}


@pytest.mark.parametrize("name", sorted(PATHS))
def test_validates_and_plays_to_the_end_on_50_seeds(name):
    files, main = read_scenario_files(PATHS[name])
    scenario = load_scenario_files(files, main)
    lost = 0
    for seed in range(50):
        game = autoplay(Game(scenario, files, main, seed))
        outcome = game.state.outcome
        assert outcome is not None
        assert outcome.round <= scenario.rounds
        assert {s.role for s in outcome.scores} == set(scenario.role_ids)
        lost += outcome.lost
    assert lost < 50, "random bots lose every game: the shared loss is too easy to reach"


@pytest.mark.parametrize("name", SEED_SCENARIOS)
def test_seed_scenario_meets_the_content_brief(name):
    sc = load_scenario(PATHS[name])
    assert 3 <= len([r for r in sc.roles if not r.optional]) <= 4  # an optional red cell comes on top
    assert len(sc.actors) >= 4
    assert len(sc.crises) >= 3
    assert any(c.inject for c in sc.crises)
    assert len(sc.consequences) >= 8
    for c in sc.consequences:
        assert all(t.strip() for t in texts_of(c.reveal)) and c.debrief.strip(), c.id
    assert 6 <= sc.rounds <= 10
    assert sc.objectives and sc.debrief
    briefings = [r.briefing for r in sc.roles]
    assert len(set(briefings)) == len(briefings)
    for role in sc.roles:
        assert role.objectives, role.id
        assert len(role.briefing) > 200, f"{role.id}: a briefing should be real text"


def test_tutorial_is_small():
    sc = load_scenario(PATHS["tutorial"])
    assert len(sc.roles) == 2 and sc.rounds == 4
    assert len(sc.consequences) >= 1


def test_instrument_library_covers_the_seed_texts():
    sc = load_scenario(PATHS["red_lines"])
    ids = {i.id for i in sc.instruments}
    named_in_seeds = {
        "private_letter",
        "private_demarche",
        "structured_dialogue",
        "public_statement",
        "procedural_protest",
        "conditional_commitment",
        "transparent_reporting",
        "partner_diversification",
        "targeted_sanctions",
        "export_controls",
        "aid_conditionality",
        "reform_incentive",
        "public_diplomacy",
        "formal_review",
        "fact_finding",
        "joint_statement",
        "crisis_protocol",
        "leadership_call",
        "humanitarian_exemption",
        "humanitarian_channel",
        "sunset_clause",
        "synchronised_messaging",
        "humanitarian_corridor",
        "independent_monitoring",
        "impartial_messaging",
        "audit",
        "local_mediation",
    }
    assert named_in_seeds <= ids
    library = [i for i in sc.instruments if i.id in named_in_seeds]
    assert len(library) >= 24
    assert {i.category for i in sc.instruments} == set(CATEGORIES)
    for inst in sc.instruments:
        assert len(inst.text) > 40, f"{inst.id}: needs a real description"


@pytest.mark.parametrize("name", sorted(PATHS))
def test_scenario_starts_cleanly(name):
    sc = load_scenario(PATHS[name])
    state = new_game(sc, 1)
    for path, value in state.meters.items():
        m = sc.meters[path]
        assert m.min <= value <= m.max
