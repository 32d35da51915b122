"""Small pieces of English the board, the validator and the review all need, so they say it alike."""

from __future__ import annotations

_IRREGULAR = {"crisis": "crises", "process": "processes"}


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is 1: "1 crisis", "3 crises", "2 rounds"."""
    return f"{n} {word if n == 1 else _IRREGULAR.get(word, word + 's')}"
