"""The facilitator's seat: who may open it (a PIN) and what it offers.

The PIN only keeps a trainee from opening the control seat by accident on a
shared computer; it is not a security boundary. It is stored salted and
hashed in the save's metadata, outside the game state, so it never changes a
game's hash.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from ..i18n import _
from .meta import PinMeta

if TYPE_CHECKING:
    from .game import Game
    from .save import SaveData

MIN_PIN = 4


def pin_problem(pin: str) -> str | None:
    """Why this PIN cannot be used, or None."""
    if len(pin) < MIN_PIN or not pin.isdigit():
        return _("the PIN must be at least {n} digits").format(n=MIN_PIN)
    return None


def _digest(salt: str, pin: str) -> str:
    return hashlib.sha256(f"{salt}:{pin}".encode()).hexdigest()


def set_pin(game: Game, pin: str) -> None:
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    salt = secrets.token_hex(8)
    game.meta.facilitator = PinMeta(salt, _digest(salt, pin))


def has_facilitator(game: Game | SaveData) -> bool:
    return game.meta.facilitator is not None


def check_pin(game: Game | SaveData, pin: str) -> bool:
    entry = game.meta.facilitator
    if entry is None:
        return False
    return secrets.compare_digest(_digest(entry.salt, pin), entry.pin)
