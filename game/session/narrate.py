"""Events in words, the same on the terminal and on the board, and the tone they strike."""

from __future__ import annotations

ARROW = " › "  # a glyph every bundled font has


def change_text(scenario, change) -> str:
    """ "Republic of Veyra: Trust in us 70 › 60"."""
    return f"{scenario.meter_label(change.path)} {change.before}{ARROW}{change.after}"


def changes_text(scenario, changes) -> str:
    return "; ".join(change_text(scenario, c) for c in changes)


def tone(scenario, effects, seat: str) -> str:
    """ "good", "bad" or "mixed": which way ``effects`` (a crisis's, as the scenario declares them) move
    the meters ``seat`` sees, each by its good direction. Not every event the engine calls a crisis is
    bad news (a donor conference, a ceasefire): the board should not dress good news as an alarm. Only
    meters the seat sees count, so the tone says nothing of a hidden one."""
    from ..rules.compiler import constant_value
    from ..rules.observe import meter_visible

    score = 0
    for e in effects:
        if e.path not in scenario.meters or not meter_visible(scenario, e.path, seat) or e.op != "add":
            continue
        if e.span is not None:
            amount = sum(e.span)
        else:
            try:
                amount = constant_value(e.value.node)
            except LookupError:
                continue
        if amount:
            score += (1 if amount > 0 else -1) * (1 if scenario.meters[e.path].good == "high" else -1)
    return "good" if score > 0 else "bad" if score < 0 else "mixed"
