"""Which language is spoken: --lang, then DEMARCHE_LANG, then the system locale, then English."""

import subprocess
import sys

import pytest

from game import i18n


def test_french_is_shipped_beside_english():
    assert {"en", "fr"} <= set(i18n.available())


@pytest.mark.parametrize(
    "tag, lang", [("fr_FR.UTF-8", "fr"), ("fr-CA", "fr"), ("FR", "fr"), ("C", None), ("POSIX", None), ("", None)]
)
def test_locale_tags_are_read_as_gettext_does(tag, lang):
    assert i18n.normalise(tag) == lang


def test_the_command_line_wins_then_the_variable_then_the_system():
    env = {"DEMARCHE_LANG": "en", "LANG": "fr_FR.UTF-8"}
    assert i18n.choose("fr", env) == "fr"
    assert i18n.choose(None, env) == "en"
    assert i18n.choose(None, {"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.choose(None, {"LANGUAGE": "de:fr", "LANG": "en_GB.UTF-8"}) == "fr"  # the first one shipped
    assert i18n.choose(None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}) == "en"  # LC_ALL set: it decides
    assert i18n.choose(None, {}) == "en"


def test_a_language_without_a_catalogue_is_an_error_only_when_asked_for_by_name():
    with pytest.raises(i18n.UnknownLanguageError, match="'xx'.*en, fr"):
        i18n.choose("xx", {})
    assert i18n.choose(None, {"DEMARCHE_LANG": "xx", "LANG": "xx_YY"}) == "en"


def test_lookups_follow_the_language_set_and_plurals_follow_french_rules():
    i18n.set_language("fr")
    assert i18n.language() == "fr"
    assert i18n._("positional arguments") == "arguments positionnels"
    # French puts 0 and 1 in the singular, unlike English.
    assert i18n.ngettext("expected %s argument", "expected %s arguments", 0) == "%s argument attendu"
    assert i18n.ngettext("expected %s argument", "expected %s arguments", 2) == "%s arguments attendus"
    i18n.set_language("en")
    assert i18n._("positional arguments") == "positional arguments"
    assert i18n.ngettext("expected %s argument", "expected %s arguments", 0) == "expected %s arguments"


def _run(*args, env=None):
    import os

    full = {**os.environ, "DEMARCHE_LANG": "", **(env or {})}
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=full)


def test_demarche_help_speaks_french_from_the_variable_or_the_option():
    by_variable = _run("--help", env={"DEMARCHE_LANG": "fr"})
    assert by_variable.returncode == 0
    assert by_variable.stdout.startswith("utilisation : demarche")
    by_option = _run("play", "--lang", "fr", "--help")
    assert "utilisation : demarche play" in by_option.stdout
    assert _run("--help", env={"DEMARCHE_LANG": "en"}).stdout.startswith("usage: demarche")


def test_an_unknown_language_on_the_command_line_exits_2_and_names_the_languages():
    result = _run("--lang", "xx", "list")
    assert result.returncode == 2
    assert "unknown language 'xx'" in result.stderr and "en, fr" in result.stderr
