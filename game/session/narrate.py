"""Events in words, the same on the terminal and on the board."""

from __future__ import annotations

ARROW = " › "  # a glyph every bundled font has


def change_text(scenario, change) -> str:
    """ "Republic of Veyra: Trust in us 70 › 60"."""
    return f"{scenario.meter_label(change.path)} {change.before}{ARROW}{change.after}"


def changes_text(scenario, changes) -> str:
    return "; ".join(change_text(scenario, c) for c in changes)
