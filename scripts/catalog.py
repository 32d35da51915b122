"""The translation catalogues: extract the strings with Babel, merge them into each language, compile them.

    python scripts/catalog.py update            # extract, merge into every .po, compile every .mo
    python scripts/catalog.py update --lang fr  # the same, for one language (a new one is created)
    python scripts/catalog.py check             # exit 1 if a string is missing, untranslated or stale

Each part of the program (a *domain*: the board, the command line, the validator...)
has its own ``game/locale/<lang>/LC_MESSAGES/<domain>.po``, so the files stay a
size a translator can read and two people translating two parts do not meet in
one file. The program merges them all at run time (``game/i18n.py``).

Strings are found by Babel in the calls ``_``, ``N_``, ``ngettext``, ``pgettext``
and in the review's Jinja2 templates; argparse's own words come from the
standard library's ``argparse.py``. A ``# Translators:`` comment above a call is
carried into the catalogue. Locations name files only, never lines, so moving
code does not rewrite the catalogues.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import re
import sys
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"
LOCALE = GAME / "locale"
PROJECT = "Demarche"

# Each Python file of the package belongs to the first domain whose pattern its path (from game/) matches.
DOMAINS: dict[str, tuple[str, ...]] = {
    "screens": ("ui/screens/*.py",),
    "board": ("ui/*.py",),
    "session": ("session/*.py",),
    "rules": ("rules/*.py", "bots/*.py"),
    "validate": ("scenario/*.py",),
    "review": ("review/*.py", "review/templates/*.j2"),
    "simulate": ("sim/*.py",),
    "cli": ("*.py",),
}
ARGPARSE = "argparse"  # the standard library's own words, from its argparse.py

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ["Translators:"]
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[a-z]|%[a-z]")


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def domain_of(path: Path) -> str | None:
    """The domain a file of ``game/`` belongs to, or None for a file no domain reads."""
    relative = path.relative_to(GAME).as_posix()
    for domain, patterns in DOMAINS.items():
        if any(fnmatch(relative, p) and relative.count("/") == p.count("/") for p in patterns):
            return domain
    return None


def sources(domain: str) -> list[Path]:
    """The files of one domain, sorted."""
    if domain == ARGPARSE:
        return [Path(argparse.__file__)]
    found = [p for p in GAME.rglob("*") if p.is_file() and "locale" not in p.parts and domain_of(p) == domain]
    return sorted(found)


def _method(path: Path) -> str:
    return "jinja2.ext:babel_extract" if path.suffix == ".j2" else "python"


def extract(domain: str) -> Catalog:
    """Every string of ``domain``'s files, as a template catalogue (no translations)."""
    catalog = Catalog(project=PROJECT, fuzzy=False)
    for path in sources(domain):
        where = path.name if domain == ARGPARSE else _shown(path)
        options = {"extensions": "jinja2.ext.i18n", "trimmed": "true"} if path.suffix == ".j2" else {}
        keywords = {"_": None, "ngettext": (1, 2)} if domain == ARGPARSE else KEYWORDS
        if path.suffix == ".j2":  # a {% trans %} block without a plural is a call of gettext
            keywords = {**keywords, "gettext": None}
        for _lineno, message, comments, context in extract_from_file(
            _method(path), str(path), keywords=keywords, comment_tags=COMMENT_TAGS, options=options
        ):
            catalog.add(message, None, [(where, None)], auto_comments=comments, context=context)
    return catalog


def domains() -> list[str]:
    return [*DOMAINS, ARGPARSE]


def po_path(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def languages() -> list[str]:
    return sorted(d.name for d in LOCALE.iterdir() if (d / "LC_MESSAGES").is_dir()) if LOCALE.is_dir() else []


# gettext's classic rule for each language (CLDR's, which Babel would write, gives French a third form for millions).
PLURALS = {"fr": (2, "(n > 1)")}


def _read(path: Path, lang: str, domain: str) -> Catalog:
    if path.exists():
        with path.open("rb") as f:
            return read_po(f, locale=lang, domain=domain)
    catalog = Catalog(
        locale=lang,
        domain=domain,
        project=PROJECT,
        version="",
        fuzzy=False,
        copyright_holder="the Demarche authors",
        msgid_bugs_address="",
        last_translator="",
        language_team="",
        header_comment=(
            f"# {lang} catalogue of Demarche: {domain}.\n# Distributed under the same licence as Demarche (MIT)."
        ),
    )
    if lang in PLURALS:
        catalog._num_plurals, catalog._plural_expr = PLURALS[lang]
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def merged(lang: str, domain: str) -> Catalog:
    """``lang``'s catalogue of ``domain`` brought up to the strings the code has now (translations kept)."""
    catalog = _read(po_path(lang, domain), lang, domain)
    catalog.update(extract(domain), no_fuzzy_matching=True)
    catalog.revision_date = catalog.creation_date = _FIXED
    return catalog


# The dates Babel writes into a header change every run; a fixed one keeps the files still when nothing changed.
_FIXED = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)


def update(langs: Iterable[str], only: Iterable[str] | None = None) -> None:
    """Bring each catalogue of ``langs`` (of the domains ``only``, or all) up to the code, and compile it."""
    chosen = list(only) if only else domains()
    for lang in langs:
        for domain in chosen:
            catalog = merged(lang, domain)
            path = po_path(lang, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_po_bytes(catalog))
            with path.open("rb") as f:  # compile what was written, so .po and .mo cannot disagree
                path.with_suffix(".mo").write_bytes(_mo_bytes(read_po(f, locale=lang, domain=domain)))
            missing = [m for m in catalog if m.id and not _translated(m)]
            print(f"{_shown(path)}: {len(catalog)} strings, {len(missing)} untranslated")


def _translated(message) -> bool:
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings) and bool(strings)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems(lang: str, only: Iterable[str] | None = None) -> list[str]:
    """Everything wrong with ``lang``'s catalogues: strings of the code not in them, untranslated or fuzzy
    ones, placeholders that differ from the English, and compiled files that are not the .po compiled."""
    found = []
    for domain in list(only) if only else domains():
        path = po_path(lang, domain)
        if not path.exists():
            found.append(f"{_shown(path)}: missing (python scripts/catalog.py update --lang {lang})")
            continue
        catalog = _read(path, lang, domain)
        for message in extract(domain):
            if not message.id:
                continue
            have = catalog.get(message.id, message.context)
            shown = message.id if isinstance(message.id, str) else message.id[0]
            if have is None:
                found.append(f"{_shown(path)}: not in the catalogue: {shown!r}")
            elif not _translated(have):
                found.append(f"{_shown(path)}: not translated: {shown!r}")
            else:
                english = message.id if isinstance(message.id, tuple | list) else (message.id,)
                wanted = set().union(*(_placeholders(e) for e in english))
                strings = have.string if isinstance(have.string, tuple | list) else (have.string,)
                for s in strings:
                    # A plural form may leave out the count ("une erreur"), never add a name the English lacks.
                    extra = _placeholders(s) - wanted
                    if extra:
                        found.append(f"{_shown(path)}: {shown!r}: placeholders {sorted(extra)} not in the English")
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            found.append(f"{_shown(mo)}: not the .po compiled (python scripts/catalog.py update)")
    return found + disagreements(lang)


def disagreements(lang: str) -> list[str]:
    """Strings two parts translate differently. The program merges the parts into one lookup, so one
    of the two would be shown in both places: give both one translation, or tell the two uses apart
    with ``pgettext``."""
    said: dict[tuple, dict[object, list[str]]] = {}
    for domain in domains():
        path = po_path(lang, domain)
        if not path.exists():
            continue
        for message in _read(path, lang, domain):
            if message.id and _translated(message):
                key = (message.context, message.id if isinstance(message.id, str) else tuple(message.id))
                text = message.string if isinstance(message.string, str) else tuple(message.string)
                said.setdefault(key, {}).setdefault(text, []).append(domain)
    return [
        f"{lang}: {key[1]!r} is translated differently by "
        + "; ".join(f"{', '.join(parts)}: {text!r}" for text, parts in texts.items())
        for key, texts in said.items()
        if len(texts) > 1
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["update", "check"])
    parser.add_argument("--lang", action="append", help="a language (default: every one there is)")
    parser.add_argument("--domain", action="append", choices=domains(), help="one part of the program (default: all)")
    args = parser.parse_args(argv)
    langs = args.lang or languages()
    if args.command == "update":
        update(langs, args.domain)
        return 0
    bad = [line for lang in langs for line in problems(lang, args.domain)]
    for line in bad:
        print(line)
    print(f"{len(bad)} problems" if bad else "every catalogue is complete")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
