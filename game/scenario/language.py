"""The language a scenario is written in: ``[scenario] language``, a BCP 47 tag.

What an author writes (names, briefings, news) is shown as written, whatever
language the program speaks; the tag says which language that text is in, so
the review can mark it (``lang``, and ``dir="rtl"`` for a right-to-left
script). It is metadata only: it changes nothing in the game or its hash.

The check is the well-formedness of RFC 5646 (a language subtag, then an
optional script, region, variants, extensions and private use), with the
language subtag of two or three letters as every registered one is (the
five-to-eight-letter form RFC 5646 reserves has none, and is what a language
written by its name looks like). It does not look the subtags up in the IANA
registry, so ``"fr"``, ``"zh-Hans"``, ``"pt-BR"`` and ``"sr-Latn-RS"`` pass and
``"fr_FR"`` or ``"French"`` do not.
"""

from __future__ import annotations

import re

from ..i18n import _

DEFAULT = "en"

# RFC 5646's langtag with a registered language's length, without the grandfathered tags (in the JSON Schema
# too: no inline flags).
TAG = re.compile(
    r"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}"
    r"(-[A-Za-z]{4})?"
    r"(-([A-Za-z]{2}|[0-9]{3}))?"
    r"(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*"
    r"(-[xX](-[A-Za-z0-9]{1,8})+)?$"
)

# A language written by its name instead of its tag: the name in English and in the language itself.
BY_NAME = {
    "english": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "german": "de",
    "deutsch": "de",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "italian": "it",
    "italiano": "it",
    "portuguese": "pt",
    "português": "pt",
    "dutch": "nl",
    "nederlands": "nl",
    "arabic": "ar",
    "العربية": "ar",
    "hebrew": "he",
    "עברית": "he",
    "persian": "fa",
    "farsi": "fa",
    "فارسی": "fa",
    "urdu": "ur",
    "اردو": "ur",
    "chinese": "zh",
    "中文": "zh",
    "japanese": "ja",
    "日本語": "ja",
    "korean": "ko",
    "한국어": "ko",
    "russian": "ru",
    "русский": "ru",
    "ukrainian": "uk",
    "українська": "uk",
    "polish": "pl",
    "polski": "pl",
    "turkish": "tr",
    "türkçe": "tr",
    "greek": "el",
    "ελληνικά": "el",
}

# Languages written right to left (by their language subtag), and the scripts that are.
RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ckb", "dv"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})


def well_formed(tag: str) -> bool:
    """Whether ``tag`` is a well-formed BCP 47 language tag."""
    return bool(TAG.match(tag))


def suggestion(tag: str) -> str | None:
    """A well-formed tag the author probably meant (``"fr_FR"`` -> ``"fr-FR"``, ``"French"`` -> ``"fr"``)."""
    named = BY_NAME.get(tag.strip().lower())
    if named:
        return named
    fixed = re.sub(r"[_\s]+", "-", tag.strip()).strip("-")
    fixed = fixed.split(".")[0].split("@")[0]  # a POSIX locale: "fr_FR.UTF-8"
    return fixed if fixed != tag and well_formed(fixed) else None


def message(tag: str) -> str:
    """What an author reads for a tag that is not well formed."""
    return _(
        'language {tag!r} is not a BCP 47 language tag; write one such as "en", "fr", "ar", "he" or "zh-Hans"'
    ).format(tag=tag)


def is_rtl(tag: str) -> bool:
    """Whether text in ``tag`` is written right to left (Arabic, Hebrew, Persian, Urdu...)."""
    parts = tag.lower().split("-")
    if any(len(p) == 4 and p in RTL_SCRIPTS for p in parts[1:]):
        return True
    return parts[0] in RTL_LANGUAGES and not any(p == "latn" for p in parts[1:])


def same(a: str, b: str) -> bool:
    """Whether two tags name the same language (tags are case-insensitive)."""
    return a.lower() == b.lower()
