"""The simulate report in French: no English left outside what the scenario's author wrote and the ids."""

import json
import re

from rich.console import Console

from game import i18n
from game.scenario import load_scenario, resolve_scenario
from game.sim import BotSpec, build_report, play_game
from game.sim.render import render_lessons, render_report

from .command import demarche
from .english import english_words

_WORD = re.compile(r"[A-Za-z]+")


def _run(*args, lang="fr"):
    return demarche(*args, lang=lang, columns=250)


def _authored(scenario) -> set[str]:
    """Every word of the scenario's names, titles, texts and ids: shown as written, in the author's language."""
    texts = [scenario.id, scenario.title]
    for role in scenario.roles:
        texts += [role.id, role.name, *role.instruments]
        texts += [f"{o.id} {o.text}" for o in role.objectives]
        texts += [scenario.instrument(i).name for i in role.instruments]
    texts += [f"{path} {scenario.meter_label(path)}" for path in scenario.meters]
    texts += [f"{c.id} {c.title or ''}" for c in scenario.consequences]
    texts += [f"{c.id} {c.title}" for c in scenario.crises]
    texts += [f"{x.id} {x.role} {x.better} {x.worse} {x.others} {x.text}" for x in scenario.lessons]
    return {w for text in texts for w in _WORD.findall(text)}


def _ids(out: str) -> set[str]:
    """The warnings' ids (``⚠ objective_never_met``): never translated."""
    return {w for kind in re.findall(r"⚠ (\w+)", out) for w in _WORD.findall(kind)}


def test_a_small_simulate_report_is_in_french():
    scenario = load_scenario(resolve_scenario("tutorial"))
    result = _run("simulate", "tutorial", "-n", "20", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for words in ("parties, graines", "Scores par rôle", "Jauges à la fin des parties", "Conséquences et crises"):
        assert words in out, out
    assert re.search(r"\d+ parties en [\d.]+ s", out)
    assert english_words(out, _authored(scenario) | _ids(out)) == set(), out
    # The English report is caught by the same check.
    english = _run("simulate", "tutorial", "-n", "20", "--jobs", "1", lang="en").stdout
    assert english_words(english, _authored(scenario) | _ids(english))


def test_the_lessons_and_the_versus_tables_are_in_french():
    scenario = load_scenario(resolve_scenario("tutorial"))
    lessons = _run("simulate", "tutorial", "--lessons", "-n", "3", "--jobs", "1")
    assert lessons.returncode in (0, 1), lessons.stderr
    assert "chaque leçon sur 3 graines appariées" in lessons.stdout
    assert "intervalle à 95 %" in lessons.stdout
    assert english_words(lessons.stdout, _authored(scenario)) == set(), lessons.stdout
    versus = _run("simulate", "tutorial", "-n", "6", "--jobs", "1", "--bots", "greedy", "--versus", "random")
    assert versus.returncode == 0, versus.stderr
    assert "Le talent paie-t-il ?" in versus.stdout
    assert english_words(versus.stdout, _authored(scenario) | _ids(versus.stdout)) == set(), versus.stdout


def test_the_json_report_keeps_its_keys_and_explains_itself_in_french():
    result = _run("simulate", "tutorial", "-n", "4", "--jobs", "1", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    english = json.loads(_run("simulate", "tutorial", "-n", "4", "--jobs", "1", "--json", lang="en").stdout)
    assert report.keys() == english.keys() and report["definitions"].keys() == english["definitions"].keys()
    assert [w["kind"] for w in report["warnings"]] == [w["kind"] for w in english["warnings"]]
    assert report["roles"] == english["roles"]  # the numbers and the author's names do not depend on the language
    shown = " ".join(report["definitions"].values())
    assert english_words(shown, {"lose", "when", "ci", "low"}) == set(), shown


def _every_kind_of_line(scenario):
    """A report, made from a few games, that has every part the tables can show."""
    spec = BotSpec()
    records = [play_game(scenario, i, scenario.seed, ("random",) * len(scenario.roles)) for i in range(6)]
    report = build_report(scenario, records, spec, scenario.seed)
    report["deals"] = {"games_with_a_deal": 0.5, "offered": 2.0, "accepted": 1.0, "kept": 0.5, "broken": 0.5}
    report["with"], report["left_out"] = ["cell"], ["observer"]
    report["never_started"], report["inject_only"] = ["a_crisis"], ["an_inject"]
    report["unused_instruments"] = [{"role": "foreign", "instrument": "an_instrument"}]
    report["bots"] = {"mix": ["random", "greedy"], "fixed": {"defence": "greedy"}}
    report["crises"] = [{"id": "an_inject", "title": "", "fire_rate": 0.0, "inject_only": True}]
    return report


def test_every_line_the_tables_can_show_is_in_french():
    scenario = load_scenario(resolve_scenario("tutorial"))
    i18n.set_language("fr")
    report = _every_kind_of_line(scenario)
    console = Console(record=True, width=250, color_system=None)
    render_report(report, console)
    out = console.export_text()
    for words in ("Accords :", "Sièges facultatifs : avec cell ; laissés de côté : observer", "Même bot", "crise"):
        assert words in out, out
    allowed = _authored(scenario) | _ids(out) | {"cell", "observer", "a", "an", "crisis", "inject", "instrument"}
    assert english_words(out, allowed) == set(), out

    lessons = {
        "scenario": {"id": "tutorial", "title": scenario.title},
        "games": 1,
        "seed": 1,
        "lessons": [
            {
                "id": "x",
                "role": "foreign",
                "text": "",
                "with": ["cell", "other"],
                "better": "greedy",
                "worse": "novice",
                "others": "random",
                "mean_better": 1.0,
                "mean_worse": 0.0,
                "difference": 1.0,
                "ci_low": 0.5,
                "ci_high": 1.5,
                "margin": 0.2,
                "holds": holds,
            }
            for holds in (True, False)
        ],
    }
    console = Console(record=True, width=250, color_system=None)
    render_lessons(lessons, console)
    out = console.export_text()
    assert "jouée avec les sièges facultatifs cell, other" in out
    assert "1 leçon sur 2 ne tient pas : la borne basse" in out
    assert english_words(out, {"x", "cell", "other"} | _authored(scenario)) == set(), out


def test_the_warnings_of_the_report_are_in_french():
    """Every warning the report can raise, from games made to raise them."""
    scenario = load_scenario(resolve_scenario("tutorial"))
    i18n.set_language("fr")
    spec = BotSpec()
    played = [play_game(scenario, i, scenario.seed, ("random",) * len(scenario.roles)) for i in range(4)]
    import attrs

    lost = [attrs.evolve(r, lost=True) for r in played]  # a shared loss in every game, which no role wins
    report = build_report(scenario, lost, spec, scenario.seed)
    kinds = {w["kind"] for w in report["warnings"]}
    assert {"shared_loss", "cannot_win"} <= kinds
    text = " ".join(w["message"] for w in report["warnings"])
    assert english_words(text, _authored(scenario)) == set(), text
