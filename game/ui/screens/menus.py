"""Before a game: the title and the scenario picker (seating is in ``seats``, saves in ``load``)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextBox
from pygame_gui.windows import UIFileDialog

from ... import i18n
from ...i18n import N_, _
from .. import look, text, title_art
from ..theme import measuring_font
from .base import MenuScreen
from .seats import SeatsScreen, optional_label, players_text

if TYPE_CHECKING:
    from ...rules.model import Scenario


class TitleScreen(MenuScreen):
    def __init__(self, app, preselect: str | None = None, path: Path | None = None):
        super().__init__(app)
        self.preselect = preselect
        self.path = path  # the scenario file `demarche play FILE` named (listed in the picker if not bundled)

    def build(self) -> None:
        w, h = self.app.size
        bw = 280
        x = (w - bw) // 2
        self.new = self.button(
            (x, h // 2 - 60, bw, 52), _("New game"), _("Pick a scenario and seat the players."), "#primary"
        )
        self.load = self.button((x, h // 2 + 4, bw, 48), _("Load game"), _("Resume an autosave or a saved game."))
        self.quit = self.button((x, h // 2 + 64, bw, 48), _("Quit"))
        self.move_focus(1)

    def draw(self, surface: pygame.Surface) -> None:
        title_art.draw(surface, self.app.size)  # drawn, not labels: the first frame shows it before pygame_gui loads

    def on_button(self, element) -> None:
        if element is self.new:
            self.app.show(PickerScreen(self.app, self.preselect, self.path))
        elif element is self.load:
            self.app.route.saves()
        elif element is self.quit:
            self.app.quit()

    def on_back(self) -> None:
        self.app.quit()


TUTORIAL = "tutorial"  # the bundled first game, chosen when the picker is not asked for another
# Translators: after the tutorial's title in the scenario list, "Your First Démarche — start here".
START_HERE = N_("start here")


class PickerScreen(MenuScreen):
    """Choose a bundled scenario (the tutorial first: a new player's eye goes to the top) or open a file."""

    def __init__(self, app, preselect: str | None = None, path: Path | None = None):
        super().__init__(app)
        self.entries: list[tuple[str, Scenario | str]] = []  # (label, Scenario | error text)
        self.paths: list[Path] = []
        self.files: dict = {}
        self.preselect = preselect
        self.dialog: UIFileDialog | None = None
        from ...scenario import bundled_scenarios  # here, not at the top: the title screen opens without the loader

        bundled = bundled_scenarios()
        loaded = [self._load(each) for each in bundled]
        for each in sorted(loaded, key=lambda one: not starts_here(one[1])):  # stable: the rest keep their order
            self._append(*each)
        if path is not None and Path(path).resolve() not in {b.resolve() for b in bundled}:
            self._add_path(Path(path))
        # Unless asked for another, the first game in the language spoken (tutorial_fr for a French player).
        wanted = (lambda s: getattr(s, "id", None) == self.preselect) if self.preselect else starts_here
        fallback = next((i for i, (_label, s) in enumerate(self.entries) if getattr(s, "id", None) == TUTORIAL), 0)
        self.selected = next((i for i, (_label, s) in enumerate(self.entries) if wanted(s)), fallback)

    @staticmethod
    def _load(path: Path) -> tuple[Path, Scenario | str, tuple | None]:
        """A scenario file read: its scenario and (files, main), or the text of its mistakes."""
        from ...scenario import ScenarioError, load_scenario_with_files

        try:
            scenario, files, main = load_scenario_with_files(path)
        except ScenarioError as e:
            return path, str(e), None
        return path, scenario, (files, main)

    def _append(self, path: Path, scenario: Scenario | str, files: tuple | None) -> int:
        if isinstance(scenario, str) or files is None:
            self.entries.append((_("{file} (does not validate)").format(file=path.name), str(scenario)))
        else:
            here = _(START_HERE)
            label = f"{scenario.title} — {here}" if starts_here(scenario) else scenario.title
            if not _speaks(scenario):  # written in another language than the board's: say which
                label = f"{label} · {i18n.language_name(scenario.language)}"
            self.entries.append((label, scenario))
            self.files[len(self.paths)] = files
        self.paths.append(path)
        return len(self.entries) - 1

    def _add_path(self, path: Path) -> int:
        return self._append(*self._load(path))

    def items(self) -> list[str | tuple[str, str]]:
        """The list's rows: the place to start in its own style."""
        return [(label, "#start_here") if starts_here(sc) else label for label, sc in self.entries]

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        self.label(pygame.Rect(40, 24, w - 80, 40), _("Choose a scenario"), "#heading")
        list_w = max(320, int(w * 0.32))
        if look.percent() != look.DEFAULT:  # a larger text: as wide as the longest title, up to half the window
            f = measuring_font(m, 15, True)  # pygame_gui's list rows are 14 points; the place to start's 15 bold
            list_w = max(list_w, min(w // 2, max((f.size(label)[0] + 44 for label, _sc in self.entries), default=0)))
        self.list = self.add(
            UISelectionList(
                pygame.Rect(40, 76, list_w, h - 170),
                self.items(),
                m,
                default_selection=self.items()[self.selected] if self.entries else None,
            )
        )
        self.details = self.add(
            UITextBox(self.details_html(), pygame.Rect(60 + list_w, 76, w - list_w - 100, h - 170), m)
        )
        self.back = self.button((40, h - 74, 140, 44), _("Back"))
        self.open = self.button((196, h - 74, 190, 44), _("Open file…"), _("Play a scenario file from disk."))
        self.next = self.button((w - 260, h - 74, 220, 44), _("Seat the players"), object_id="#primary")
        self.next.select()
        self.focus_index = self.focusables.index(self.next)
        self.sync_next()

    def details_html(self) -> str:
        if not self.entries:
            return _("No scenarios found.")
        label, sc = self.entries[self.selected]
        if isinstance(sc, str):
            mistakes = _("This file has mistakes:")
            return f"<b>{escape(label)}</b><br><br>{mistakes}<br>{escape(sc)}"
        roles = "".join(
            f"<br>• <b>{escape(r.name)}</b>{' (' + escape(optional_label(sc, r)) + ')' if r.optional else ''}"
            f"{' — ' + text.plain(r.summary) if r.summary.strip() else ''}"
            for r in sc.roles
        )
        start = (
            "<font color='#F0E442'><b>{new}</b></font> {teaches}<br><br>".format(
                new=_("New to Demarche? Start here:"), teaches=_("a short game that teaches the controls.")
            )
            if starts_here(sc)
            else ""
        )
        players = _("Players:")
        bots = _("(empty seats are played by bots)")
        rounds = _("Rounds:")
        heading = _("Roles")
        return (
            f"<font size=5><b>{escape(sc.title)}</b></font><br><br>{start}{text.html(sc.summary)}<br><br>"
            f"<b>{players}</b> {escape(players_text(sc))} {bots}<br>"
            f"<b>{rounds}</b> {sc.rounds}<br><br>"
            f"<b>{heading}</b>{roles}"
        )

    def sync_next(self) -> None:
        ok = bool(self.entries) and not isinstance(self.entries[self.selected][1], str)
        self.next.enable() if ok else self.next.disable()

    def choose(self, index: int) -> None:
        self.selected = index
        self.details.set_text(self.details_html())
        self.sync_next()
        self.app.dirty = True

    def on_key(self, event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN) and self.entries:
            step = 1 if event.key == pygame.K_DOWN else -1
            self.rebuild_with((self.selected + step) % len(self.entries))
            return True
        return False

    def rebuild_with(self, index: int) -> None:
        self.selected = index
        self.rebuild()

    def on_event(self, event) -> bool:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            labels = [label for label, _sc in self.entries]
            if event.text in labels:
                self.choose(labels.index(event.text))
            return True
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and event.ui_element is self.dialog:
            self.dialog = None
            self.rebuild_with(self._add_path(Path(event.text)))
            return True
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.dialog:
            self.dialog = None
        return False

    def on_button(self, element) -> None:
        if element is self.back:
            self.on_back()
        elif element is self.open:
            w, h = self.app.size
            self.dialog = UIFileDialog(
                pygame.Rect(w // 2 - 300, h // 2 - 250, 600, 500),
                self.manager,
                _("Open a scenario"),
                allowed_suffixes={".toml"},
                initial_file_path=str(Path.cwd()),
            )
        elif element is self.next:
            sc = self.entries[self.selected][1]
            files, main = self.files[self.selected]
            self.app.show(SeatsScreen(self.app, sc, files, main, self.paths[self.selected]))

    def on_back(self) -> None:
        self.app.show(TitleScreen(self.app))


def _speaks(scenario: Scenario) -> bool:
    """The scenario is written in the language the board speaks."""
    return i18n.normalise(scenario.language) == i18n.language()


def starts_here(scenario: Scenario | str) -> bool:
    """A scenario written for a first game (``coach = true``, as the bundled tutorial is) in the language spoken:
    where to start. The tutorial in another language (``tutorial_fr`` for an English player) is only listed."""
    if isinstance(scenario, str) or not scenario.coach:
        return False
    return _speaks(scenario)
