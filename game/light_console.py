"""A console for the commands that only print lines of markup, without loading rich.

``demarche validate`` prints a few lines of rich console markup (``[bold]``,
``[red]`` ... ``[/]``), and importing rich costs more than validating a small
file. ``LightConsole.print`` reads the same markup with rich's own rules
(``escape`` below is rich's, so escaped author text comes out as written),
writes exactly the text rich would, and colours it with the same ANSI codes
when rich would (a terminal, ``FORCE_COLOR``, ``TTY_COMPATIBLE``; ``NO_COLOR``
keeps bold and dim only; a dumb ``TERM`` gets none). Every string goes through
``printable`` first, as ``SafeConsole`` does. A line it does not handle the
same way (a tab, which rich expands by display width; a style it does not
know; markup rich would refuse) is handed to rich's console, loaded then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

import os
import re
import sys

from .terminal import printable

_TAG = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")  # rich.markup.RE_TAGS
_ESCAPE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")

ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}  # SGR codes, in rich's order
COLOURS = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36"}


class _NotLight(ValueError):
    """Markup this console leaves to rich."""


def escape(markup: str) -> str:
    """Text made literal inside markup, as ``rich.markup.escape`` does."""
    markup = _ESCAPE.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", markup)
    if markup.endswith("\\") and not markup.endswith("\\\\"):
        return markup + "\\"
    return markup


def segments(markup: str) -> list[tuple[str, tuple[str, ...]]]:
    """``markup`` as (text, style names in force) pieces, following ``rich.markup.render``."""
    out: list[tuple[str, tuple[str, ...]]] = []
    stack: list[str] = []
    position = 0

    def text(piece: str) -> None:
        if piece:
            add(piece.replace("\\[", "["))

    def add(piece: str) -> None:
        styles = tuple(stack)
        if out and out[-1][1] == styles:  # one run per style, as rich writes it
            out[-1] = (out[-1][0] + piece, styles)
        else:
            out.append((piece, styles))

    for match in _TAG.finditer(markup):
        full, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            text(markup[position:start])
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            if backslashes:
                add("\\" * backslashes)
            if escaped:
                add(full[len(escapes) :])
                position = end
                continue
        if tag.startswith("/"):
            name = tag[1:].strip()
            if not stack or (name and name not in stack):
                raise _NotLight(f"closing tag '[{tag}]' matches no open tag")
            if name:
                del stack[len(stack) - 1 - stack[::-1].index(name)]
            else:
                stack.pop()
        else:
            for word in tag.split():
                if word not in ATTRIBUTES and word not in COLOURS:
                    raise _NotLight(f"style '{tag}' is not one the light console knows")
            stack.append(tag)
        position = end
    if position < len(markup):
        text(markup[position:])
    return out


def _sgr(styles: tuple[str, ...], colour: bool) -> str:
    words = [w for style in styles for w in style.split()]
    codes = [ATTRIBUTES[w] for w in ATTRIBUTES if w in words]
    if colour:
        shown = [w for w in words if w in COLOURS]
        if shown:
            codes.append(COLOURS[shown[-1]])  # the innermost colour wins, as in rich
    return ";".join(codes)


class LightConsole:
    """Prints lines of simple markup to stdout (or stderr) as rich's Console with soft_wrap would."""

    def __init__(self, stderr: bool = False):
        self._stderr = stderr
        self._rich: Console | None = None

    @property
    def file(self):
        return sys.stderr if self._stderr else sys.stdout  # looked up at each print, as rich does

    def _terminal(self) -> bool:
        compatible = os.environ.get("TTY_COMPATIBLE", "")
        if compatible in ("0", "1"):
            return compatible == "1"
        force = os.environ.get("FORCE_COLOR")
        if force is not None:
            return force != ""
        isatty = getattr(self.file, "isatty", None)
        try:
            return bool(isatty and isatty())
        except ValueError:  # a closed file
            return False

    def render(self, markup: str) -> str:
        """The text ``print`` writes for ``markup``, without the newline; ``_NotLight`` if it is rich's to do."""
        markup = printable(markup)
        if "\t" in markup:
            raise _NotLight("a tab")
        pieces = segments(markup)
        if not self._terminal() or os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
            return "".join(piece for piece, _ in pieces)
        colour = os.environ.get("NO_COLOR", "") == ""
        out = []
        for piece, styles in pieces:
            codes = _sgr(styles, colour)
            out.append(f"\x1b[{codes}m{piece}\x1b[0m" if codes else piece)
        return "".join(out)

    def print(self, markup: str = "") -> None:
        try:
            line = self.render(markup)
        except _NotLight:
            if self._rich is None:
                from .terminal import SafeConsole

                self._rich = SafeConsole(stderr=self._stderr, highlight=False, soft_wrap=True, emoji=False)
            self._rich.print(markup)
            return
        file = self.file
        try:
            file.write(line + "\n")
            file.flush()
        except BrokenPipeError:  # ``demarche validate ... | head``: stop quietly, as rich does
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, file.fileno())
            raise SystemExit(1) from None
