"""The command line in French: every command's help, the list of scenarios, the framing of its messages."""

import io
import re
import sys

import pytest

from game import cli, i18n
from game.light_console import LightConsole
from game.scenario import Diagnostic, bundled_scenarios, load_scenario

from .command import demarche
from .english import english_words

# What stays as written in a French command line: the commands themselves (``demarche play``) and the
# options (``--save``, ``--facilitator-pin``), which are removed from the text before it is read.
_OPTION = re.compile(r"(?<![\w-])--?[a-z][a-z-]*")


def _run(*args, lang="fr"):
    return demarche(*args, lang=lang, columns=200)


def _english(text: str, allowed=frozenset()) -> set[str]:
    return english_words(_OPTION.sub(" ", text), allowed=set(allowed) | set(cli.COMMANDS))


@pytest.mark.parametrize("command", ["", *cli.COMMANDS])
def test_every_help_is_in_french(command):
    result = _run(*filter(None, [command]), "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("utilisation : demarche")
    assert _english(result.stdout) == set(), result.stdout
    # The same help in English is caught by the same check: the test can fail.
    english = _run(*filter(None, [command]), "--help", lang="en")
    assert english.stdout.startswith("usage: demarche")
    assert _english(english.stdout)


def test_the_help_names_its_placeholders_in_french():
    out = _run("autoplay", "--help").stdout
    assert "--save FICHIER" in out and "SCÉNARIO" in out and "--seed GRAINE" in out
    assert "--with RÔLE[,RÔLE]" in out


def _scenario_words() -> set[str]:
    """The bundled scenarios' ids and titles: author text, shown as written."""
    words: set[str] = set()
    for path in bundled_scenarios():
        sc = load_scenario(path)
        words |= set(re.findall(r"[A-Za-z]+", f"{sc.id} {sc.title} {path.stem}"))
    return words


def test_the_list_of_scenarios_is_in_french():
    result = _run("list")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Scénarios fournis" in out
    for header in ("Titre", "Joueurs", "Manches", "Rôles"):
        assert header in out
    assert "facultatif" in out  # a scenario with an optional seat says so in French
    assert _english(out, _scenario_words()) == set(), out
    assert _english(_run("list", lang="en").stdout, _scenario_words())


@pytest.mark.parametrize(
    "args",
    [
        ["play", "--seats", "foreign=Ana"],
        ["play", "--load", "x.json", "--seats", "a=b"],
        ["report", "a", "b", "c"],
        ["simulate", "tutorial", "-n", "0"],
        ["autoplay", "tutorial", "--rounds", "0"],
        ["autoplay", "tutorial", "--facilitator-pin", "1234"],
        ["play", "--screenshot", "out.jpg"],
    ],
)
def test_the_command_lines_own_errors_are_in_french(args):
    result = _run(*args)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert out.startswith("erreur : "), out
    assert _english(out) == set(), out


def test_a_save_that_is_missing_says_where_saves_are_kept_in_french(tmp_path):
    out = _run("play", "--load", str(tmp_path / "gone.json")).stderr
    assert "les sauvegardes sont rangées dans" in out


def test_an_autoplay_and_its_replay_speak_french(tmp_path):
    save = tmp_path / "game.json"
    played = _run("autoplay", "tutorial", "--quiet", "--save", str(save))
    assert played.returncode == 0, played.stderr
    assert played.stdout.startswith("Empreinte de l'état final : ")
    replayed = _run("replay", str(save), "--scores")
    assert replayed.returncode == 0, replayed.stderr
    sc = load_scenario(bundled_scenarios()[0].parent / "tutorial.toml")
    names = {w for r in sc.roles for o in r.objectives for w in re.findall(r"[A-Za-z]+", f"{r.name} {o.text}")}
    assert "actions rejouées, partie finie ; l'empreinte concorde." in replayed.stdout
    assert "Scores finaux" in replayed.stdout
    assert "\nPartie terminée : " in replayed.stdout
    # Why the game ended is the engine's sentence, told in French through narrate.outcome_text.
    assert _english(replayed.stdout, names | set(re.findall(r"[A-Za-z]+", sc.title))) == set(), replayed.stdout


def test_validates_framing_is_in_french():
    """The severity, the "did you mean" and the summary's own words (the messages are the validator's)."""
    i18n.set_language("fr")
    out = io.StringIO()
    console = LightConsole()
    diagnostics = [
        Diagnostic("a.toml", 3, 1, "error", "MESSAGE", suggestion="rounds"),
        Diagnostic("a.toml", 4, 2, "warning", "MESSAGE"),
    ]
    sys.stdout, saved = out, sys.stdout
    try:
        for d in diagnostics:
            cli._print_diagnostic(console, d)
    finally:
        sys.stdout = saved
    assert out.getvalue().splitlines() == [
        "a.toml:3:1: erreur : MESSAGE (vouliez-vous dire 'rounds' ?)",
        "a.toml:4:2: avertissement : MESSAGE",
    ]
    result = _run("validate", "no_such_scenario_at_all")
    assert result.returncode == 1
    assert "✗ no_such_scenario_at_all : ni un fichier ni un scénario fourni" in result.stdout
