"""``[scenario] coach``: a first-game scenario opts into the board's coach marks, and nothing else does."""

from game.scenario import check_scenario_files, load_scenario, resolve_scenario


def with_coach(valid_files, line: str):
    files, main = valid_files
    text = files[main].replace("[scenario]\n", f"[scenario]\n{line}\n", 1)
    assert text != files[main]
    return check_scenario_files({**files, main: text}, main)


def test_coach_is_off_unless_a_scenario_asks_for_it(valid_files):
    scenario, _ = with_coach(valid_files, "")
    assert scenario is not None and scenario.coach is False
    scenario, _ = with_coach(valid_files, "coach = true")
    assert scenario is not None and scenario.coach is True


def test_coach_must_be_true_or_false(valid_files):
    scenario, diagnostics = with_coach(valid_files, 'coach = "yes"')
    assert scenario is None
    assert any("coach" in str(d) for d in diagnostics if d.severity == "error")


def test_only_the_tutorial_of_the_bundled_scenarios_coaches():
    assert load_scenario(resolve_scenario("tutorial")).coach
    for other in ("red_lines", "sanctions_coalition", "neutral_mandate"):
        assert not load_scenario(resolve_scenario(other)).coach
