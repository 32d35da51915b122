"""Author text made safe for a terminal: no escape sequences, no control characters.

A scenario's titles, names, news and debriefs are written by whoever wrote the
file. Printed raw, ``"\\x1b[2J"`` in a title clears the screen, an OSC
sequence can retitle the window or forge a hyperlink, and a carriage return
can overwrite what was printed before. ``printable`` replaces each escape
sequence or control character with one U+FFFD (so the reader sees that
something was there, and no markup can form from what is left); newlines and
tabs stay. ``SafeConsole`` applies it to every string it prints, so a command
cannot forget to.
"""

from __future__ import annotations

import re
from functools import cache

REPLACEMENT = "\ufffd"

_UNSAFE = r"""
    \x1b\[[0-?]*[\x20-/]*[@-~]?          # CSI: colours, cursor moves, clearing the screen
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC: window title, hyperlinks
  | \x1b[P^_X][^\x1b]*(?:\x1b\\)?        # DCS, PM, APC, SOS strings
  | \x1b.?                               # any other escape
  | [\x00-\x08\x0b-\x1f\x7f-\x9f]        # other C0 controls (not \t, \n), DEL, C1 controls
  | [\u200e\u200f\u202a-\u202e\u2066-\u2069]  # bidirectional overrides that reorder a line
    """


@cache
def _pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use: most commands print only text with nothing to replace."""
    return re.compile(source, flags)


def printable(text: str) -> str:
    """``text`` without escape sequences or control characters (see the module docstring)."""
    if text.isprintable():  # every character the pattern can start with is a control or format character
        return text
    return _pattern(_UNSAFE, re.VERBOSE).sub(REPLACEMENT, text)


_JSON_UNSAFE = "[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def json_for_terminal(text: str) -> str:
    """JSON text (``json.dumps`` escapes C0 controls already) with DEL, C1 and bidi controls
    escaped as \\uXXXX too: the same data, safe to print."""
    return _pattern(_JSON_UNSAFE).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@cache
def _safe_console_class():
    from rich.console import Console  # loaded when something is printed: start-up stays quick

    class SafeConsole(Console):
        """A rich console that passes every string through ``printable`` before rendering it."""

        def render_str(self, text: str, **kwargs):
            return super().render_str(printable(text), **kwargs)

    return SafeConsole


def SafeConsole(**kwargs):  # noqa: N802 - stands for the console class, made on first use
    """A rich console whose every string goes through ``printable`` first."""
    return _safe_console_class()(**kwargs)
