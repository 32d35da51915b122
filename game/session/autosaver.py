"""Autosaving after each phase, and knowing whether it worked.

A full disk or a read-only folder must not end the game, but the players must
not be told "everything is saved" when it is not. ``Autosaver`` is the
hot-seat's autosave callback: it writes through ``slots.autosave``, keeps the
last failure's reason, and counts the actions since the last save that
worked, so the board can show a warning and the quit dialog can tell the truth.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _, ngettext
from . import slots

if TYPE_CHECKING:
    from .hotseat import HotSeat


def describe(error: OSError) -> str:
    """'No space left on device', 'Read-only file system', … in a few words."""
    reason = error.strerror or str(error) or type(error).__name__
    return reason[:1].upper() + reason[1:]


class Autosaver:
    """The hot-seat's autosave callback, which remembers whether saving works.

    ``saved_actions`` is how much of the log is in some file: None for a new
    game nothing has been written for yet, the log's length for a game loaded
    from a save.
    """

    def __init__(self, saved_actions: int | None = None, write=None):
        self.write = write  # None: slots.autosave, looked up at each call
        self.saved_actions = saved_actions
        self.error = ""  # why the last autosave failed; "" when it worked
        self.elsewhere = False  # saved with Ctrl+S since the last failure
        self.failures = 0
        self.last_path: Path | None = None

    def __call__(self, game, phase: str) -> None:
        write = self.write or slots.autosave
        try:
            self.last_path = write(game, phase)
        except OSError as e:
            self.error = describe(e)
            self.failures += 1
            return
        self.error, self.elsewhere = "", False
        self.saved_actions = len(game.actions)

    def saved_elsewhere(self, game) -> None:
        """The player saved the whole game under a name (Ctrl+S)."""
        self.saved_actions = len(game.actions)
        self.elsewhere = True

    def unsaved(self, game) -> int:
        """Actions taken since the last save that worked."""
        return len(game.actions) - (self.saved_actions or 0)

    def warning(self, game) -> str:
        """What is not saved, for the quit dialog and the game menu; "" when all is saved."""
        if not self.error:
            return ""
        n = self.unsaved(game)
        if n:
            lost = ngettext("Your last {n} change is not saved.", "Your last {n} changes are not saved.", n).format(n=n)
        elif self.saved_actions is None:
            lost = _("Nothing of this game is saved yet.")
        elif self.elsewhere:
            lost = _("The game so far is in the file you saved with Ctrl+S.")
        else:
            lost = _("The moves so far are in an earlier autosave.")
        return _("The last autosave failed ({error}). {lost}").format(error=self.error, lost=lost)

    def banner(self, game) -> str:
        """The line the board shows while autosaving fails."""
        if not self.error:
            return ""
        failed = _("Autosave failed: {error}.").format(error=self.error)
        if self.elsewhere and not self.unsaved(game):
            return failed + " " + _("The game so far is in the file you saved with Ctrl+S.")
        n = self.unsaved(game)
        lost = ngettext("{n} change not saved.", "{n} changes not saved.", n).format(n=n) + " " if n else ""
        return f"{failed} {lost}" + _("Ctrl+S saves elsewhere: type a path such as ~/demarche-game.")


def status_of(hotseat: HotSeat | None) -> Autosaver | None:
    """The autosaver of a hot-seat game, if it has one."""
    saver = getattr(hotseat, "autosave", None)
    return saver if isinstance(saver, Autosaver) else None
