"""A stable hash of a game state: sha256 of a canonical JSON encoding.

Canonical means: attrs objects become dicts of their fields, tuples become
lists, dict keys are sorted, no whitespace. The same state gives the same
hex digest on any machine and Python version.

A field added to the state after games were saved is declared with
``quiet_field``: at its default it is left out of the encoding, so every
game that never uses it keeps the hash it had before the field existed (and
its save still replays), while a game that does use it is told apart.
"""

from __future__ import annotations

import hashlib
import json

import attrs

QUIET = "quiet_at_default"


def quiet_field(default, **kwargs):
    """An attrs field left out of the hash while it holds ``default`` (see the module doc)."""
    return attrs.field(default=default, metadata={QUIET: True}, **kwargs)


def to_data(obj):
    """Plain JSON-able data for a state, an action or any part of them."""
    if attrs.has(type(obj)):
        data = {"_type": type(obj).__name__}
        for f in attrs.fields(type(obj)):
            value = getattr(obj, f.name)
            if f.metadata.get(QUIET) and value == f.default:
                continue
            data[f.name] = to_data(value)
        return data
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_data(v) for v in obj]
    if isinstance(obj, float) and obj.is_integer():
        return int(obj)
    return obj


def canonical(obj) -> bytes:
    return json.dumps(to_data(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def state_hash(state) -> str:
    return hashlib.sha256(canonical(state)).hexdigest()
