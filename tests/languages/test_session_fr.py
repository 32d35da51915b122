"""A game in French: the same game as in English (the state and its hash never depend on the language), and
its news and results read in French, every name and text of the scenario's author as written."""

import re
import tomllib
from pathlib import Path

import pytest

from game import i18n
from game.i18n import N_
from game.rules.engine import apply
from game.rules.observe import observe
from game.rules.orders import instrument_blocker, legal_orders, order_problem
from game.rules.state import Adjust, Inject, Order, Resolve, SetMode, Submit
from game.session.autoplay import autoplay
from game.session.game import Game
from game.session.narrate import changes_text, event_text, failure_reason, outcome_text
from game.session.results import own_results

from .english import english_words

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def _played(name: str, seed: int, bots: str = "greedy", lang: str = "en") -> Game:
    i18n.set_language(lang)
    return autoplay(Game.from_path(SCENARIOS / f"{name}.toml", seed=seed), bots)


@pytest.mark.parametrize("name", ["red_lines", "sanctions_coalition"])
@pytest.mark.parametrize("seed", [1, pytest.param(7, marks=pytest.mark.slow)])  # (a second seed: in the slow run)
def test_a_game_in_french_is_the_same_game_as_in_english(name, seed):
    english = _played(name, seed)
    french = _played(name, seed, lang="fr")
    assert french.state.over and french.hash == english.hash
    assert [e.text for e in french.state.events] == [e.text for e in english.state.events]  # the log: English


def _author_texts(game: Game) -> list[str]:
    """Every text of the scenario's files, its includes too (names, titles, news...), longest first."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for source in game.files.values():
        walk(tomllib.loads(source))
    return sorted({" ".join(t.split()) for t in found if t.strip()}, key=len, reverse=True)


def _without_author(text: str, author: list[str]) -> str:
    """``text`` less every text of the author in it (a placeholder of the author's, ``{times}``, reads as
    anything)."""
    text = " ".join(text.split())
    for words in author:
        if "{" in words:
            pattern = re.escape(words)
            pattern = re.sub(r"\\\{[a-z_]+\\\}", ".*?", pattern)
            text = re.sub(pattern, " ¶ ", text)
        else:
            text = text.replace(words, " ¶ ")
    return text


def _english_left(game: Game, texts) -> dict[str, set[str]]:
    author = _author_texts(game)
    left = {}
    for text in texts:
        words = english_words(_without_author(text, author))
        if words:
            left[text] = words
    return left


@pytest.mark.parametrize("name", ["red_lines", "sanctions_coalition", "tutorial"])
def test_the_news_of_a_french_game_holds_no_english_but_the_authors(name):
    game = _played(name, 3, lang="fr")
    sc = game.scenario
    told = [event_text(sc, e) for e in game.state.events]
    told += [changes_text(sc, e.changes) for e in game.state.events]
    told.append(outcome_text(sc, game.state.outcome))
    assert _english_left(game, told) == {}
    kinds = {e.kind for e in game.state.events}
    assert {"round", "order", "drift", "game_over"} <= kinds
    # the engine's sentences were told in French, not left as logged
    first = next(e for e in game.state.events if e.kind == "round")
    assert event_text(sc, first) == "La manche 1 sur {n} commence.".format(n=sc.rounds)
    i18n.set_language("en")
    assert [event_text(sc, e) for e in game.state.events] == [e.text for e in game.state.events]


def test_a_failed_order_a_facilitators_lines_and_the_results_card_in_french():
    game = Game.from_path(SCENARIOS / "red_lines.toml", seed=2)
    sc, state = game.scenario, game.state
    role = sc.roles[0]
    costly = next(o for o in legal_orders(sc, state, role.id) if sc.instrument(o.instrument).cost)
    actions = [SetMode("semi-rigid"), SetMode("rigid"), Submit(role.id, (costly,))]
    actions += [Submit(r.id, ()) for r in sc.roles[1:]]
    capital = f"{role.id}.capital"
    quiet = next(c.id for c in sc.crises if c.id not in {cs.id for cs in state.crises})
    actions += [Adjust(capital, -state.meters[capital], "a budget freeze"), Inject(quiet), Resolve()]
    i18n.set_language("fr")
    for action in actions:
        state, _events = apply(sc, state, action)
    failed = [e for e in state.events if e.kind == "order_failed"]
    assert failed and "could not be carried out (costs " in failed[0].text  # logged in English
    told = [event_text(sc, e) for e in state.events]
    assert any("n’a pas pu être exécuté (coûte" in t for t in told)
    assert any(t.startswith("L’animateur a modifié ") for t in told)
    assert "Mode d’arbitrage : semi-rigide." in told
    results = own_results(observe(sc, state, role.id), 1, sc)
    assert results.orders[0].failed.startswith("coûte ") and "il en reste 0" in results.orders[0].failed
    assert failure_reason(sc, failed[0]) == results.orders[0].failed
    assert _english_left(game, [*told, results.orders[0].failed]) == {}


def test_why_an_order_is_refused_is_said_in_french_and_logged_in_english():
    game = Game.from_path(SCENARIOS / "red_lines.toml", seed=2)
    sc, state = game.scenario, game.state
    role = sc.roles[0]
    targeted = next(i for i in role.instruments if sc.instrument(i).targets)
    i18n.set_language("fr")
    said = order_problem(sc, state, role.id, Order(targeted))
    assert said == "{name} demande une cible".format(name=sc.instrument(targeted).name)
    assert order_problem(sc, state, role.id, Order(targeted), N_) == f"{sc.instrument(targeted).name} needs a target"
    other = next(i for r in sc.roles[1:] for i in r.instruments if i not in role.instruments)
    assert instrument_blocker(sc, state, role.id, other) == f"{role.name} n’a pas cet instrument"


def test_an_expressions_mistake_is_said_in_french_and_read_in_english():
    from game.rules.expr import parse
    from game.rules.expr_base import ExprError

    sc = Game.from_path(SCENARIOS / "red_lines.toml").scenario
    actor = sc.actors[0].id
    i18n.set_language("fr")
    for source in (f"{actor}.trus >= 3", "1 +", "min(1)", "true > 1", "(1 + 2", "a ** 2"):
        with pytest.raises(ExprError) as caught:
            parse(source, sc.names)
        assert caught.value.said != caught.value.message
        assert english_words(caught.value.said, {"true", "min"}) == set(), caught.value.said
    with pytest.raises(ExprError) as caught:
        parse("min(1)", sc.names)
    assert (caught.value.message, caught.value.said) == (
        "min() takes at least 2 numbers",
        "min() prend au moins 2 nombres",
    )


def test_the_sessions_own_words_in_french():
    from game.rules.foresee import Foreseen
    from game.rules.negotiation import describe_terms
    from game.rules.state import Term
    from game.session.autosaver import Autosaver
    from game.session.save import SaveError

    game = Game.from_path(SCENARIOS / "red_lines.toml")
    sc = game.scenario
    role = sc.roles[0]
    terms = (Term(role.id, role.instruments[0], None, 2), Term(role.id, role.instruments[0], None, 3, do=False))
    english = describe_terms(sc, terms, 2)
    i18n.set_language("fr")
    french = describe_terms(sc, terms, 2)
    assert french == (
        f"{role.name} joue {sc.instrument(role.instruments[0]).name} cette manche ; "
        f"{role.name} ne joue pas {sc.instrument(role.instruments[0]).name} à la manche suivante"
    )
    assert english.endswith("does not play " + sc.instrument(role.instruments[0]).name + " next round")
    assert Foreseen("a.b", "", "", "add", 1, 4, about=True).amount() == "environ +1 à +4"
    saver = Autosaver(0)
    saver.error = "Disque plein"
    game.actions.append(Submit(role.id, ()))
    assert saver.warning(game) == (
        "La dernière sauvegarde automatique a échoué (Disque plein). Votre dernière modification n’est pas enregistrée."
    )
    assert (
        str(SaveError("pas une sauvegarde Demarche", "x.json"))
        == "x.json : sauvegarde endommagée : pas une sauvegarde Demarche"
    )
    said = [saver.warning(game), saver.banner(game), str(SaveError("x", "y"))]
    assert all(english_words(s) == set() for s in said), said
