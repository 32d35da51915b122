"""What a saved file holds, for tests that check a secret is not kept in clear."""

from __future__ import annotations


def stored_values(data) -> set[str]:
    """Every key and scalar value of parsed JSON, as text: a PIN kept in clear is one of them (a hash of it
    may hold its digits anywhere in its hex, so the file's text alone cannot say)."""
    if isinstance(data, dict):
        return {str(k) for k in data} | {v for value in data.values() for v in stored_values(value)}
    if isinstance(data, list):
        return {v for value in data for v in stored_values(value)}
    return {str(data)}
