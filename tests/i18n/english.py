"""Telling English left in a translated screen or message: words French never uses.

A screen of a French game, or a French command's output, should hold none of
these outside the names and text an author wrote. Short, common words, so a
string that was missed is caught whatever it says.
"""

import re

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

