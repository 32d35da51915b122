"""News that repeats: the text of a consequence or an actor's response that fires more than once.

A consequence's ``reveal`` and a response's ``text`` are either one text or a list of texts
(docs/format.md, "News that repeats"). The k-th firing in a game (k = 1, 2, ...) reads the k-th text, and past
the end of the list the last one repeats. ``{times}`` in any of them (and in a consequence's outcome
texts) becomes how many times it has fired in this game, this firing included.

The count is read from ``GameState.fired``, which already holds every firing: nothing new is kept.
A plain text without ``{times}`` is returned as it is, so older scenarios read exactly as before.
"""

from __future__ import annotations

import re

TIMES = "{times}"
# A placeholder as an author writes it: a word in braces. Other braces are left alone.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

NewsText = str | tuple[str, ...]

# The placeholders each kind of news may use (``{against}``: the role a response is aimed at).
CONSEQUENCE_PLACEHOLDERS = ("times",)
RESPONSE_PLACEHOLDERS = ("against", "times")


def texts_of(text: NewsText) -> tuple[str, ...]:
    """Every text a firing may read, in order."""
    return (text,) if isinstance(text, str) else text


def varies(text: NewsText, *more: str) -> bool:
    """Does the news change from one firing to the next: two texts or more, or ``{times}`` in any
    of them (``more``: outcome texts, which may count too)?"""
    texts = texts_of(text)
    return len(texts) > 1 or any(TIMES in t for t in texts) or any(TIMES in t for t in more)


def nth(text: NewsText, k: int) -> str:
    """The text of the k-th firing (k from 1): the k-th of the list, the last one past its end."""
    if isinstance(text, str):
        return text
    return text[min(k, len(text)) - 1] if text else ""


def times_fired(fired, key: str) -> int:
    """How many times ``key`` has fired so far: its entries in ``GameState.fired`` (or the engine's
    working list of it)."""
    return sum(1 for cid, _ in fired if cid == key)


def read(text: NewsText, fired, key: str) -> str:
    """The text of the firing of ``key`` just recorded in ``fired`` (``{times}`` is left for ``filled``,
    as an outcome's text may be added to it first). A plain text is returned without counting."""
    return text if isinstance(text, str) else nth(text, times_fired(fired, key))


def filled(text: str, fired, key: str) -> str:
    """``text`` with ``{times}`` replaced by how many times ``key`` has fired (counted only when it
    is there)."""
    return text.replace(TIMES, str(times_fired(fired, key))) if TIMES in text else text


def fixed_parts(text: NewsText, shortest: int = 12) -> list[str]:
    """What any firing's news shows of ``text`` whatever the count: each text without placeholders whole,
    and of one with placeholders the pieces between them of ``shortest`` characters or more (to search
    a seat's view for news it may not read)."""
    out: list[str] = []
    for t in texts_of(text):
        if PLACEHOLDER.search(t) is None:
            out.append(t)
        else:
            out += [p.strip() for p in PLACEHOLDER.split(t)[::2] if len(p.strip()) >= shortest]
    return out
