"""The players' language: which one is spoken, and every user-facing string looked up in it.

Every string the board, the command line, the validator, the review and the
simulate report show goes through ``_`` (or ``ngettext`` for a count), with
named placeholders filled after the lookup, so a translator may reorder them::

    _("{name} has no seat").format(name=role.name)
    ngettext("{n} error", "{n} errors", n).format(n=n)

A string built before the language is known (a module-level table) is marked
with ``N_`` for the catalogue and looked up with ``_`` where it is shown.

The catalogues are GNU ``.mo`` files in ``game/locale/<lang>/LC_MESSAGES/``,
one per part of the program (``scripts/catalog.py`` lists them, extracts the
strings with Babel and compiles them). All the files of a language are merged
into one lookup, so a string is found whichever part says it. English is the
source language and needs no catalogue.

The language is chosen once per process by ``choose``: ``--lang``, then the
``DEMARCHE_LANG`` variable, then the system locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``), then English. The lookup is global state read only
at the edges (what is shown); the rules engine's state never depends on it.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path


def N_(message: str) -> str:  # noqa: N802 - the usual gettext name, which Babel extracts
    """Marks ``message`` for the catalogue without translating it yet: look it up with ``_`` where shown."""
    return message


SOURCE = "en"
ENV = "DEMARCHE_LANG"
SYSTEM_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# The languages a scenario may be written in, named in the language spoken (looked up with ``_``).
LANGUAGE_NAMES = {
    "ar": N_("Arabic"),
    "de": N_("German"),
    "en": N_("English"),
    "es": N_("Spanish"),
    "fa": N_("Persian"),
    "fr": N_("French"),
    "he": N_("Hebrew"),
    "it": N_("Italian"),
    "ja": N_("Japanese"),
    "ko": N_("Korean"),
    "nl": N_("Dutch"),
    "pl": N_("Polish"),
    "pt": N_("Portuguese"),
    "ru": N_("Russian"),
    "uk": N_("Ukrainian"),
    "zh": N_("Chinese"),
}

_current = SOURCE
_lookup: _gettext.NullTranslations = _gettext.NullTranslations()


class UnknownLanguageError(ValueError):
    """A language asked for by name (``--lang``) that has no catalogue."""

    def __init__(self, asked: str):
        self.asked = asked
        super().__init__(
            _("unknown language {asked!r}; the languages are {known}").format(asked=asked, known=", ".join(available()))
        )


@lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """English and every language with a catalogue shipped in the package, sorted."""
    found = {SOURCE}
    if LOCALE_DIR.is_dir():
        found |= {d.name for d in LOCALE_DIR.iterdir() if (d / "LC_MESSAGES").is_dir()}
    return tuple(sorted(found))


def normalise(tag: str) -> str | None:
    """``"fr_FR.UTF-8"``, ``"fr-CA"``, ``"FR"`` -> ``"fr"``; None for ``C``, ``POSIX`` or nothing."""
    tag = tag.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not tag or tag.upper() in ("C", "POSIX"):
        return None
    return tag.split("_")[0].lower() or None


def from_system(environ: Mapping[str, str] | None = None) -> str:
    """The first language of the system locale that has a catalogue, else English.

    ``LANGUAGE`` may list several (``fr_CA:fr:en``); the first variable that is
    set decides, as gettext does.
    """
    env = os.environ if environ is None else environ
    for name in SYSTEM_ENV:
        value = env.get(name, "")
        if not value:
            continue
        for tag in value.split(":"):
            lang = normalise(tag)
            if lang in available():
                return lang
        if name != "LANGUAGE":
            break
    return SOURCE


def choose(asked: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: ``asked`` (``--lang``, must exist), else ``DEMARCHE_LANG``, else the system's.

    A ``DEMARCHE_LANG`` or system locale with no catalogue falls back to English
    rather than stopping the program: only a language asked for on the command
    line is an error.
    """
    env = os.environ if environ is None else environ
    if asked is not None:
        lang = normalise(asked)
        if lang not in available():
            raise UnknownLanguageError(asked)
        assert lang is not None  # it is in available()
        return lang
    variable = normalise(env.get(ENV, ""))
    if variable is not None and variable in available():
        return variable
    return from_system(env)


def catalogues(lang: str) -> list[Path]:
    """The compiled catalogues of ``lang``, in a fixed order."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    return sorted(folder.glob("*.mo")) if folder.is_dir() else []


def translations(lang: str) -> _gettext.NullTranslations:
    """Every catalogue of ``lang`` merged into one lookup (nothing translated for English)."""
    lookup: _gettext.NullTranslations = _gettext.NullTranslations()
    files = [] if lang == SOURCE else catalogues(lang)
    for index, path in enumerate(files):
        with path.open("rb") as f:
            part = _gettext.GNUTranslations(f)
        if index == 0:
            lookup = part
        else:
            lookup.add_fallback(part)
    return lookup


def set_language(lang: str) -> None:
    """Speak ``lang`` from now on (a name from ``available()``; anything else is English)."""
    global _current, _lookup
    _current = lang if lang in available() else SOURCE
    _lookup = translations(_current)
    _install_argparse()


def language() -> str:
    """The language spoken now, as its short tag (``"en"``, ``"fr"``)."""
    return _current


def _(message: str) -> str:
    """``message`` in the language spoken now (itself where no translation exists)."""
    return _lookup.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message that fits ``n`` in the language spoken now."""
    return _lookup.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in a ``context`` that tells two uses of the same English apart."""
    return _lookup.pgettext(context, message)


def labelled(label: str, value: object) -> str:
    """``label`` and ``value`` joined as the language joins a name and what it says ("Trust: 5", « Confiance : 5 »)."""
    return _("{label}: {value}").format(label=label, value=value)


def language_name(tag: str) -> str:
    """A scenario's language (a BCP 47 tag) named in the language spoken: "French", « anglais »; the tag itself
    for a language this table does not name."""
    base = normalise(tag)
    return _(LANGUAGE_NAMES[base]) if base in LANGUAGE_NAMES else tag


def _install_argparse() -> None:
    """argparse's own words ("usage:", "options", its error messages) in the language spoken now.

    argparse looks them up through the stdlib ``gettext`` functions it imported;
    it is handed ours instead, whose catalogues carry those words too.
    """
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
