"""Before a game: title, scenario picker, seat set-up, load game."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextBox, UITextEntryLine
from pygame_gui.windows import UIFileDialog

from .. import text, title_art
from .base import MenuScreen

if TYPE_CHECKING:
    from ...rules.model import Scenario
    from ...session.slots import SaveInfo


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
            (x, h // 2 - 60, bw, 52), "New game", "Pick a scenario and seat the players.", "#primary"
        )
        self.load = self.button((x, h // 2 + 4, bw, 48), "Load game", "Resume an autosave or a saved game.")
        self.quit = self.button((x, h // 2 + 64, bw, 48), "Quit")
        self.move_focus(1)

    def draw(self, surface: pygame.Surface) -> None:
        title_art.draw(surface, self.app.size)  # drawn, not labels: the first frame shows it before pygame_gui loads

    def on_button(self, element) -> None:
        if element is self.new:
            self.app.show(PickerScreen(self.app, self.preselect, self.path))
        elif element is self.load:
            self.app.show(LoadScreen(self.app))
        elif element is self.quit:
            self.app.quit()

    def on_back(self) -> None:
        self.app.quit()


class PickerScreen(MenuScreen):
    """Choose a bundled scenario (the tutorial first) or open a file."""

    def __init__(self, app, preselect: str | None = None, path: Path | None = None):
        super().__init__(app)
        self.entries: list[tuple[str, Scenario | str]] = []  # (label, Scenario | error text)
        self.paths: list[Path] = []
        self.files: dict = {}
        self.preselect = preselect or "tutorial"
        self.dialog: UIFileDialog | None = None
        from ...scenario import bundled_scenarios  # here, not at the top: the title screen opens without the loader

        bundled = bundled_scenarios()
        for each in bundled:
            self._add_path(each)
        if path is not None and Path(path).resolve() not in {b.resolve() for b in bundled}:
            self._add_path(Path(path))
        self.selected = next(
            (i for i, (_, s) in enumerate(self.entries) if getattr(s, "id", None) == self.preselect), 0
        )

    def _add_path(self, path: Path) -> int:
        from ...scenario import ScenarioError, load_scenario_with_files

        try:
            scenario, files, main = load_scenario_with_files(path)
            self.entries.append((scenario.title, scenario))
            self.files[len(self.paths)] = (files, main)
        except ScenarioError as e:
            self.entries.append((f"{path.name} (does not validate)", str(e)))
        self.paths.append(path)
        return len(self.entries) - 1

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        self.label(pygame.Rect(40, 24, w - 80, 40), "Choose a scenario", "#heading")
        list_w = max(320, int(w * 0.32))
        self.list = self.add(
            UISelectionList(
                pygame.Rect(40, 76, list_w, h - 170),
                [label for label, _ in self.entries],
                m,
                default_selection=self.entries[self.selected][0] if self.entries else None,
            )
        )
        self.details = self.add(
            UITextBox(self.details_html(), pygame.Rect(60 + list_w, 76, w - list_w - 100, h - 170), m)
        )
        self.back = self.button((40, h - 74, 140, 44), "Back")
        self.open = self.button((196, h - 74, 190, 44), "Open file…", "Play a scenario file from disk.")
        self.next = self.button((w - 260, h - 74, 220, 44), "Seat the players", object_id="#primary")
        self.next.select()
        self.focus_index = self.focusables.index(self.next)
        self.sync_next()

    def details_html(self) -> str:
        if not self.entries:
            return "No scenarios found."
        label, sc = self.entries[self.selected]
        if isinstance(sc, str):
            return f"<b>{escape(label)}</b><br><br>This file has mistakes:<br>{escape(sc)}"
        roles = "".join(
            f"<br>• <b>{escape(r.name)}</b>{' (' + escape(optional_label(sc, r)) + ')' if r.optional else ''}"
            f"{' — ' + text.plain(r.summary) if r.summary.strip() else ''}"
            for r in sc.roles
        )
        return (
            f"<font size=5><b>{escape(sc.title)}</b></font><br><br>{text.html(sc.summary)}<br><br>"
            f"<b>Players:</b> {escape(players_text(sc))} (empty seats are played by bots)<br>"
            f"<b>Rounds:</b> {sc.rounds}<br><br>"
            f"<b>Roles</b>{roles}"
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
            labels = [label for label, _ in self.entries]
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
                "Open a scenario",
                allowed_suffixes={".toml"},
                initial_file_path=str(Path.cwd()),
            )
        elif element is self.next:
            sc = self.entries[self.selected][1]
            files, main = self.files[self.selected]
            self.app.show(SeatsScreen(self.app, sc, files, main, self.paths[self.selected]))

    def on_back(self) -> None:
        self.app.show(TitleScreen(self.app))


LEFT_OUT = "out"  # an optional seat (``[[roles]] optional``) the game is played without


def optional_label(scenario, role) -> str:
    """How the set-up screen names an optional seat: "optional: red cell, playing Veyra"."""
    if role.plays is not None:
        return f"optional: red cell, playing {scenario.actor(role.plays).name}"
    return "optional seat"


def players_text(scenario) -> str:
    """ "1–3", or with optional seats that change it, "1–3 (1–2 without the optional seat)"."""
    lo, hi = scenario.players
    out = f"{lo}–{hi}"
    if scenario.optional_roles:
        from ...scenario.variants import with_optional

        full = with_optional(scenario, scenario.optional_roles)
        bare = with_optional(scenario, [])
        if full.players != bare.players:
            many = "s" if len(scenario.optional_roles) > 1 else ""
            (lo, hi), (bare_lo, bare_hi) = full.players, bare.players
            out = f"{lo}–{hi} ({bare_lo}–{bare_hi} without the optional seat{many})"
    return out


class SeatsScreen(MenuScreen):
    """Each role: a human with a name, or a bot; an optional seat may also be left out (it is, at first)."""

    def __init__(self, app, scenario, files, main, source=None):
        super().__init__(app)
        from ...scenario.variants import with_optional

        scenario = with_optional(scenario, scenario.optional_roles)  # every seat listed; the game has those taken
        self.scenario, self.files, self.main, self.source = scenario, files, main, source
        lo, hi = scenario.players
        # Each seat: None for a human, the bot's name, or LEFT_OUT (an optional seat only).
        ordinary = [r for r in scenario.roles if not r.optional]
        humans = {r.id for r in ordinary[: max(1, min(hi, 2))]}
        self.kinds: dict[str, str | None] = {
            r.id: LEFT_OUT if r.optional else None if r.id in humans else "random" for r in scenario.roles
        }
        self.names = {r.id: "" for r in scenario.roles}
        self.facilitator = False
        self.pin = ""

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        sc = self.scenario
        self.label(pygame.Rect(40, 24, w - 80, 40), f"Seat the players — {sc.title}", "#heading")
        self.label(
            pygame.Rect(40, 64, w - 80, 26),
            f"This scenario suits {players_text(sc)} people at one computer. Empty seats are played by bots.",
            "#dim",
        )
        self.toggles, self.entries = {}, {}
        row_h = min(92, (h - 300) // max(1, len(sc.roles)))
        for i, role in enumerate(sc.roles):
            y = 104 + i * row_h
            self.label(pygame.Rect(40, y, w - 520, 34), role.name, "#heading")
            about = " ".join(role.summary.split())
            if role.optional:
                about = f"{optional_label(sc, role)} — {about}" if about else optional_label(sc, role)
            self.label(pygame.Rect(40, y + 34, w - 520, 26), text.fit(about, text.font(15), w - 520), "#dim")
            kind = self.kinds[role.id]
            human = kind is None
            label = "Left out" if kind == LEFT_OUT else "Human" if human else f"Bot: {kind}"
            tip = "Human, random bot (plays any legal orders) or greedy bot (looks one round ahead). Click to change."
            if role.optional:
                tip = "An optional seat: left out (the game is played without it), human, or a bot. Click to change."
            self.toggles[role.id] = self.button((w - 460, y + 6, 150, 42), label, tip)
            entry = self.add(UITextEntryLine(pygame.Rect(w - 296, y + 6, 256, 42), m, placeholder_text="Player's name"))
            entry.set_text(self.names[role.id])
            entry.set_text_length_limit(24)
            if not human:
                entry.disable()
            self.entries[role.id] = entry
        y = 104 + len(sc.roles) * row_h + 6
        self.label(pygame.Rect(40, y, w - 520, 34), "Facilitator seat (for training exercises)", "#heading")
        self.label(
            pygame.Rect(40, y + 34, w - 520, 26),
            "Sees everything, steers with injects and adjustments; opened between turns with a PIN.",
            "#dim",
        )
        self.fac_toggle = self.button(
            (w - 460, y + 6, 150, 42),
            "On" if self.facilitator else "Off",
            "Add a facilitator who controls the exercise.",
        )
        self.pin_entry = self.add(
            UITextEntryLine(pygame.Rect(w - 296, y + 6, 256, 42), m, placeholder_text="PIN (4+ digits)")
        )
        self.pin_entry.set_text_hidden(True)
        self.pin_entry.set_allowed_characters("numbers")
        self.pin_entry.set_text(self.pin)
        if not self.facilitator:
            self.pin_entry.disable()
        self.back = self.button((40, h - 74, 140, 44), "Back")
        self.start = self.button((w - 260, h - 74, 220, 44), "Start the game", object_id="#primary")
        self.focus_index = self.focusables.index(self.start)
        self.start.select()

    def on_button(self, element) -> None:
        if element is self.fac_toggle:
            self.names = {r: e.get_text() for r, e in self.entries.items()}
            self.facilitator = not self.facilitator
            self.pin = self.pin_entry.get_text()
            self.rebuild()
            return
        for role, toggle in self.toggles.items():
            if element is toggle:
                self.pin = self.pin_entry.get_text()
                self.names = {r: e.get_text() for r, e in self.entries.items()}
                order: list[str | None] = [None, "random", "greedy"]
                if self.scenario.role(role).optional:
                    order.insert(0, LEFT_OUT)
                self.kinds[role] = order[(order.index(self.kinds[role]) + 1) % len(order)]
                keep = self.focusables.index(toggle)
                self.rebuild()
                self.focus_index = keep
                return
        if element is self.back:
            self.on_back()
        elif element is self.start:
            self.names = {r: e.get_text().strip() for r, e in self.entries.items()}
            from ...session.hotseat import Seat

            seats = {
                r: Seat(r, self.names[r] if kind is None else "", kind)
                for r, kind in self.kinds.items()
                if kind != LEFT_OUT
            }
            pin = self.pin_entry.get_text().strip() if self.facilitator else None
            if pin is not None:
                from ...session.control import pin_problem

                problem = pin_problem(pin)
                if problem:
                    self.app.toast(f"Facilitator seat: {problem}")
                    return
            from .flow import start_game

            start_game(self.app, self.scenario, self.files, self.main, seats, pin=pin, source=self.source)

    def on_back(self) -> None:
        self.app.show(PickerScreen(self.app, self.scenario.id, self.source))


class LoadScreen(MenuScreen):
    def __init__(self, app):
        super().__init__(app)
        self.damaged: dict = {}  # path -> reason, for saves found damaged only when replayed

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        import attrs

        from ...session.slots import list_saves

        self.saves = [
            attrs.evolve(s, error=self.damaged[s.path]) if s.path in self.damaged else s for s in list_saves()
        ]
        self.label(pygame.Rect(40, 24, w - 80, 40), "Load a game", "#heading")
        labels: list[str | tuple[str, str]] = [s.label for s in self.saves] or [
            "No saved games yet. Games are autosaved after every phase."
        ]
        self.list = self.add(UISelectionList(pygame.Rect(40, 76, w - 80, h - 170), labels, m))
        self.choice: SaveInfo | None = None
        self.back = self.button((40, h - 74, 140, 44), "Back")
        self.replay = self.button(
            (w - 480, h - 74, 200, 44),
            "Replay",
            "Step through the chosen game round by round, everything visible, and try a different course "
            "from any round. Nothing is changed. A game not yet finished needs the facilitator's PIN.",
        )
        self.load = self.button((w - 260, h - 74, 220, 44), "Load", object_id="#primary")
        self.load.disable()
        self.replay.disable()

    def on_event(self, event) -> bool:
        if (
            event.type
            in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION)
            and event.ui_element is self.list
        ):
            labels = [s.label for s in self.saves]
            if event.text in labels:
                self.choose(self.saves[labels.index(event.text)])
                if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
                    self.on_button(self.load)
            return True
        return False

    def on_key(self, event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN) and self.saves:
            labels: list[str | tuple[str, str]] = [s.label for s in self.saves]
            choice = self.choice
            i = labels.index(choice.label) if choice is not None and choice in self.saves else -1
            i = (i + (1 if event.key == pygame.K_DOWN else -1)) % len(self.saves)
            choice = self.choice = self.saves[i]
            self.list.kill()
            rect = self.list.relative_rect
            self.list = self.add(UISelectionList(rect, labels, self.manager, default_selection=choice.label))
            self.choose(choice)
            self.app.dirty = True
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.choice is not None:
            self.on_button(self.load)
            return True
        return False

    def mark_damaged(self, path, error) -> None:
        """A save that failed to replay is listed as damaged from now on."""
        self.damaged[Path(path)] = (
            f"damaged save: {error.reason}" if getattr(error, "damaged", True) else str(getattr(error, "reason", error))
        )
        self.rebuild()

    def choose(self, info) -> None:
        """Select a save; a damaged one (its reason is in its label) cannot be opened."""
        self.choice = info
        for button in (self.load, self.replay):
            if info.error:
                button.disable()
            else:
                button.enable()
        if info.error:
            self.app.toast("This save is damaged and cannot be opened; your other saves are fine.")

    def on_button(self, element) -> None:
        if self.choice is not None and self.choice.error and element in (self.load, self.replay):
            return
        if element is self.back:
            self.on_back()
        elif element is self.load and self.choice is not None:
            from .flow import resume_game

            resume_game(self.app, self.choice.path)
        elif element is self.replay and self.choice is not None:
            from .replay import open_replay

            open_replay(self.app, self.choice.path)

    def on_back(self) -> None:
        self.app.show(TitleScreen(self.app))
