"""The after-action review in French: a French game's review says nothing in English.

A game of the French tutorial (``tutorial_fr``, ``language = "fr"``), reviewed with French spoken, has
``<html lang="fr">`` and, everything on the page being French, no other ``lang``; and neither its HTML nor its
Markdown holds an English word (``english.py``), whichever part is shown: one role's view before the
reveal, the full reveal, an unfinished game seen by one role, two games compared. Only code is left out
of the check (the conditions and the bots of the lessons, which are written in the expression language).

The page's language is the one spoken, the author's text keeps the scenario's: an English review of the
French tutorial marks its text ``lang="fr"``, a French review of the English one marks it ``lang="en"``,
and an Arabic scenario's text is also marked right to left.
"""

import html
import re

import pytest

from game import i18n
from game.review.compare import compare_saves
from game.review.report import render, report_for_save
from game.scenario import bundled_dir, resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game
from game.session.meta import SeatMeta

from .english import english_words


def played(path, seed: int, folder, name: str, rounds: int | None = None, bots: str = "random"):
    """A game of the scenario at ``path``: its first role played by a named person, the other by a bot."""
    game = Game.from_path(path, seed)
    game.meta.title = game.scenario.title
    game.meta.seats = {
        r.id: SeatMeta("Camille", None) if i == 0 else SeatMeta("", bots) for i, r in enumerate(game.scenario.roles)
    }
    autoplay(game, bots, rounds=rounds)
    out = folder / f"{name}.json"
    game.save(out)
    return out


@pytest.fixture(scope="module")
def parties(tmp_path_factory):
    """Finished games of the French tutorial (named in French, as the page shows the file's name)."""
    folder = tmp_path_factory.mktemp("parties")
    path = resolve_scenario("tutorial_fr")
    return {
        seed: played(path, seed, folder, f"partie_{seed}", bots=bots)
        for seed, bots in ((1, "random"), (2, "greedy"), (3, "novice"), (4, "random"))
    }


def visible_text(page: str) -> str:
    """What a reader sees of a page: no style sheet, no markup, no code."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<code>.*?</code>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def markdown_text(text: str) -> str:
    return re.sub(r"`[^`]*`", " ", text)


def assert_french(report, what: str) -> None:
    page = render(report, "html")
    assert '<html lang="fr">' in page, what
    assert page.count(' lang="') == 1, f"{what}: the author's French marked as another language"
    assert english_words(visible_text(page)) == set(), what
    assert english_words(markdown_text(render(report, "md"))) == set(), what


def test_a_french_review_of_the_french_tutorial_has_no_english(parties):
    i18n.set_language("fr")
    for seed, path in parties.items():
        assert_french(report_for_save(path, "foreign"), f"seed {seed}, the foreign role's view and the reveal")
        assert_french(report_for_save(path, "defence"), f"seed {seed}, the defence role's view and the reveal")
        assert_french(report_for_save(path), f"seed {seed}, the full review")


def test_a_french_review_of_an_unfinished_game_and_of_two_games_compared(parties, tmp_path):
    i18n.set_language("fr")
    unfinished = played(resolve_scenario("tutorial_fr"), 5, tmp_path, "inachevee", rounds=2)
    assert_french(report_for_save(unfinished, "defence"), "an unfinished game seen by one role")
    assert_french(compare_saves(parties[1], parties[2]), "a comparison")


def test_the_french_review_says_what_the_english_one_says(parties):
    """The same report, two languages: the numbers and the author's text are the same, the words are not."""
    english = render(report_for_save(parties[2], "foreign"), "md")
    i18n.set_language("fr")
    french = render(report_for_save(parties[2], "foreign"), "md")
    assert french != english
    assert french.count("\n") == english.count("\n")
    assert re.findall(r"\d+", french.split("# Tout dévoilé")[0]) == re.findall(
        r"\d+", english.split("# Full reveal")[0]
    )
    for heading in ("## Manche par manche", "## Journal de l'animateur", "## Questions pour le bilan"):
        assert heading in french
    assert "Votre première démarche" in french and "Votre première démarche" in english


def test_an_english_review_marks_the_french_authors_text(parties):
    page = render(report_for_save(parties[1], "foreign"), "html")
    assert '<html lang="en">' in page
    assert '<h1 lang="fr">Votre première démarche</h1>' in page
    assert '<div class="briefing" lang="fr">' in page
    assert '<span lang="fr">Affaires étrangères</span>' in page
    assert 'dir="rtl"' not in page
    assert "Round by round" in visible_text(page)


def test_a_french_review_marks_the_english_authors_text(tmp_path):
    path = played(bundled_dir() / "tutorial.toml", 1, tmp_path, "partie")
    i18n.set_language("fr")
    page = render(report_for_save(path), "html")
    assert '<html lang="fr">' in page and '<h1 lang="en">Your First Démarche</h1>' in page
    assert "Manche par manche" in page


def test_a_right_to_left_scenario_is_marked_so(tmp_path):
    text = (bundled_dir() / "tutorial_fr.toml").read_text(encoding="utf-8")
    (tmp_path / "ar.toml").write_text(text.replace('language = "fr"', 'language = "ar"', 1), encoding="utf-8")
    path = played(tmp_path / "ar.toml", 1, tmp_path, "partie")
    page = render(report_for_save(path), "html")
    assert '<h1 lang="ar" dir="rtl">' in page and '<span lang="ar" dir="rtl">' in page
    i18n.set_language("fr")
    assert '<h1 lang="ar" dir="rtl">' in render(report_for_save(path), "html")


def test_the_scenario_language_is_in_the_json_only_when_it_is_not_english(parties, tmp_path):
    import json

    data = json.loads(render(report_for_save(parties[1], "foreign"), "json"))
    assert data["header"]["language"] == "fr" and data["role_view"]["language"] == "fr"
    english = json.loads(render(report_for_save(played(bundled_dir() / "tutorial.toml", 1, tmp_path, "p")), "json"))
    assert "language" not in english["header"]
