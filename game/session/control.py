"""The facilitator's seat: who may open it (a PIN) and what it offers.

The PIN only keeps a trainee from opening the control seat by accident on a
shared computer; it is not a security boundary. It is stored salted and
hashed in the save's metadata, outside the game state, so it never changes a
game's hash.
"""

from __future__ import annotations

import hashlib
import secrets

MIN_PIN = 4


def pin_problem(pin: str) -> str | None:
    """Why this PIN cannot be used, or None."""
    if len(pin) < MIN_PIN or not pin.isdigit():
        return f"the PIN must be at least {MIN_PIN} digits"
    return None


def _digest(salt: str, pin: str) -> str:
    return hashlib.sha256(f"{salt}:{pin}".encode()).hexdigest()


def set_pin(game, pin: str) -> None:
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    salt = secrets.token_hex(8)
    game.meta["facilitator"] = {"salt": salt, "pin": _digest(salt, pin)}


def has_facilitator(game) -> bool:
    entry = game.meta.get("facilitator")
    return isinstance(entry, dict) and isinstance(entry.get("salt"), str) and isinstance(entry.get("pin"), str)


def check_pin(game, pin: str) -> bool:
    if not has_facilitator(game):
        return False
    entry = game.meta["facilitator"]
    return secrets.compare_digest(_digest(entry["salt"], pin), entry["pin"])
