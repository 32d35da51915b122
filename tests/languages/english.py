"""Telling English left in a translated screen or message: words French never uses.

A screen of a French game, or a French command's output, should hold none of
these outside the names and text an author wrote. Short, common words, so a
string that was missed is caught whatever it says.
"""

import dataclasses
import re
from html import unescape

ENGLISH_ONLY = frozenset(
    """the and of to is are was were be been with without for from your you our their this that these those
    what which who when where why how not no yes has have had will would can could should must may
    round rounds orders order seat seats turn next back save load quit play open new game
    meter meters target targets news crisis ally allies
    show hide choose chosen done ready start end after before over under into onto than then each every
    any all none some other others only also just still yet here there them they it its he she his her
    won lost win lose loss shared facilitator review help settings sound keys key press click
    error errors warning warnings file line did mean""".split()
)
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def english_words(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The English-only words of ``text`` (lower-cased), less those ``allowed`` (an author's names, ids)."""
    words = {w.lower() for w in _WORD.findall(text)}
    return (words & ENGLISH_ONLY) - {a.lower() for a in allowed}


def author_strings(obj, seen=None) -> set[str]:
    """Every string a scenario holds (names, labels, texts, ids): an author's words, shown as written."""
    seen = set() if seen is None else seen
    if isinstance(obj, str):
        return {obj}
    if id(obj) in seen or obj is None or isinstance(obj, (int, float, bool)):
        return set()
    seen.add(id(obj))
    found: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            found |= author_strings(k, seen) | author_strings(v, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            found |= author_strings(v, seen)
    elif dataclasses.is_dataclass(obj) or hasattr(obj, "__attrs_attrs__"):
        names = (
            [f.name for f in dataclasses.fields(obj)]
            if dataclasses.is_dataclass(obj)
            else [a.name for a in obj.__attrs_attrs__]
        )
        for name in names:
            found |= author_strings(getattr(obj, name, None), seen)
    return found


def plain(words: str) -> str:
    """Widget HTML as the words it shows, on one line."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", words)).split())


def without(words: str, strings) -> str:
    """``words`` (plain) less every whole occurrence of ``strings``, longest first."""
    words = plain(words)
    for s in sorted({plain(s) for s in strings if len(s.strip()) >= 3}, key=len, reverse=True):
        words = re.sub(rf"(?<!\w){re.escape(s)}(?!\w)", " ", words)
    return words
