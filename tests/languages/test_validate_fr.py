"""``demarche --lang fr validate`` says its diagnostics in French, at the same file:line:col.

Broken scenarios are written to a temporary folder and validated by the
program itself (``python -m game``), in French and in English: the French
lines keep their place and hold no English word outside what the author wrote
(keys, ids, names, file names); the English lines are the ones the rest of the
test suite knows.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .english import english_words

ROOT = Path(__file__).resolve().parents[2]

BASE = """format = 1

[scenario]
id = "essai"
title = "Essai"
rounds = 4

[meters.stabilite]
label = "Stabilité"
start = 50

[actor_meters.trust]
label = "Confiance"
start = 50

[role_meters.capital]
label = "Capital politique"
start = 2
refill = 2

[[roles]]
id = "affaires"
name = "Affaires étrangères"
orders = 2
instruments = ["*"]

[[roles.objectives]]
id = "calme"
text = "Garder la région calme."
when = "stabilite >= 40"

[[actors]]
id = "veyra"
name = "Veyra"
kind = "allie"
at = [0.5, 0.5]

[[instruments]]
id = "entretien"
name = "Entretien"
category = "private"
text = "Un mot discret."
cost = 1
targets = ["allie"]
effects = { "target.trust" = 5, "stabilite" = 2 }

[[instruments]]
id = "blame"
name = "Blâme"
category = "public"
text = "Un blâme public."
cost = 1
targets = ["allie"]
effects = { "target.trust" = -8, "stabilite" = -3 }

[[crises]]
id = "greve"
title = "Grève"
text = "Le port est en grève."
round = 2
effects = { "stabilite" = -5 }

[[consequences]]
id = "rupture"
title = "Rupture"
when = "veyra.trust < 30 and used('blame', within=2) >= 1"
effects = { "stabilite" = -5 }
reveal = "Veyra se détourne."
debrief = "Un blâme à un partenaire qui ne nous fait plus confiance se lit comme une rupture."

[end]
lose_when = "stabilite <= 10"
"""

# A library checked on its own, whose condition names an actor of some scenario: an expression it cannot read.
LIBRARY = """format = 1

[contract]
actor_meters = ["trust"]

[[instruments]]
id = "sommet"
name = "Sommet"
category = "public"
text = "Une rencontre au sommet."
targets = ["allie"]
requires = "veyra.trust > 60"
effects = { "target.trust" = 3 }
"""


def _broken() -> dict[str, str]:
    """File name -> text, each with one kind of mistake."""
    return {
        # an unknown key, one letter from a real one (did you mean 'summary'?)
        "cle_inconnue.toml": BASE.replace('title = "Essai"', 'title = "Essai"\nsumary = "Un essai."'),
        # a value of the wrong type
        "mauvais_type.toml": BASE.replace("round = 2\n", 'round = 2\ninject = "non"\n'),
        # a required key left out
        "cle_manquante.toml": BASE.replace('kind = "allie"\n', ""),
        # an expression naming what a library checked alone cannot know
        "bibliotheque.toml": LIBRARY,
        # an effect amount in words, not a number or a formula
        "expression.toml": BASE.replace('"stabilite" = 2 }', '"stabilite" = "minus 2" }'),
        # a number where a range is wanted, and an unknown placeholder in a news text
        "intervalle.toml": BASE.replace('"stabilite" = 2 }', '"stabilite" = [5, 1] }').replace(
            'reveal = "Veyra se détourne."', 'reveal = "Veyra se détourne ({fois} fois)."'
        ),
        # a design flaw: a hidden meter nothing reads (a warning, an error under --strict)
        "defaut.toml": BASE.replace(
            "[actor_meters.trust]",
            '[meters.grief]\nlabel = "Grief"\nstart = 5\nvisibility = "hidden"\n\n[actor_meters.trust]',
        ).replace('effects = { "stabilite" = -5 }\nreveal', 'effects = { "stabilite" = -5, "grief" = 10 }\nreveal'),
    }


def _validate(folder: Path, names: list[str], lang: str | None) -> str:
    chosen = ("DEMARCHE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # --lang alone decides
    env = {k: v for k, v in os.environ.items() if k not in chosen}
    args = [sys.executable, "-m", "game", *(["--lang", lang] if lang else []), "validate", "--strict", *names]
    done = subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0, done.stdout + done.stderr  # every file has a mistake, or a warning under --strict
    return done.stdout + done.stderr


def _authored(files: dict[str, str]) -> set[str]:
    """Every word an author wrote: keys, ids and values of the files, and the file names."""
    words: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                words.update(re.findall(r"[A-Za-z]+", key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            words.update(re.findall(r"[A-Za-z]+", value))

    for name, text in files.items():
        words.update(re.findall(r"[A-Za-z]+", name))
        try:
            walk(tomllib.loads(text))
        except tomllib.TOMLDecodeError:  # pragma: no cover - the files above all parse
            pass
    return words


def _said(output: str) -> list[str]:
    """The diagnostic and summary lines (not the quoted source lines and carets under them)."""
    return [line for line in output.splitlines() if line.strip() and not re.match(r"^\s+(\d+\s*)?\|", line)]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("broken")
    files = _broken()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    names = sorted(files)
    return {"fr": _validate(folder, names, "fr"), "en": _validate(folder, names, None)}


def _located(output: str, name: str) -> list[str]:
    return [line for line in _said(output) if re.match(rf"^{re.escape(name)}:\d+:\d+: ", line)]


def test_french_diagnostics_keep_their_place(outputs):
    for name in _broken():
        french, english = _located(outputs["fr"], name), _located(outputs["en"], name)
        assert french, f"no diagnostic for {name}:\n{outputs['fr']}"
        where = [re.match(r"^[^:]+:\d+:\d+:", line).group() for line in french]  # type: ignore[union-attr]
        assert where == [re.match(r"^[^:]+:\d+:\d+:", line).group() for line in english]  # type: ignore[union-attr]


def test_french_diagnostics_hold_no_english(outputs):
    allowed = _authored(_broken())
    said = _said(outputs["fr"])  # the expression parser's own words included
    found = {line: english_words(line, allowed) for line in said}
    left = {line: words for line, words in found.items() if words}
    assert not left, "\n".join(f"{sorted(words)}: {line}" for line, words in left.items())


def test_french_says_each_mistake(outputs):
    fr = outputs["fr"]
    assert "clé inconnue « sumary » dans [scenario]" in fr
    assert "summary" in fr  # the near miss is still suggested
    assert 'inject doit être true ou false, pas le texte "non"' in fr
    assert "[[actors]] : il manque la clé obligatoire « kind »" in fr
    assert "une bibliothèque ne connaît ni les acteurs ni les rôles du scénario" in fr
    assert "un intervalle s’écrit [bas, haut] avec bas <= haut, pas [5, 1]" in fr
    assert "variable inconnue {fois}" in fr
    assert "rien ne lit la jauge globale « grief »" in fr
    amount = next(line for line in _located(fr, "expression.toml"))
    assert " ; le montant d’un effet est un nombre (-2, sans guillemets)" in amount and "'-2'" in amount


def test_english_is_unchanged(outputs):
    en = outputs["en"]
    assert "unknown key 'sumary' in [scenario]" in en
    assert 'inject must be true or false, not the text "non"' in en
    assert "[[actors]] is missing the required key 'kind'" in en
    assert "a library does not know the scenario's actors and roles" in en
    assert "a range is [low, high] with low <= high, not [5, 1]" in en
    assert "unknown placeholder {fois}; this text may use only {times}" in en
    assert "nothing reads global meter 'grief'" in en
    assert "; an effect's amount is a number (-2, without quotes)" in en
    assert not any(mark in en for mark in ("«", "clé", "jauge"))
