"""Seating the players before a game: each role a human with a name or a bot; an optional seat may be left out."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextEntryLine

from .. import text
from .base import MenuScreen

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
        from ...bots import DEFAULT_BOT  # here, not at the top: the title screen opens without the bots
        from ...scenario.variants import with_optional

        scenario = with_optional(scenario, scenario.optional_roles)  # every seat listed; the game has those taken
        self.scenario, self.files, self.main, self.source = scenario, files, main, source
        lo, hi = scenario.players
        # Each seat: None for a human, the bot's name, or LEFT_OUT (an optional seat only).
        ordinary = [r for r in scenario.roles if not r.optional]
        humans = {r.id for r in ordinary[: max(1, min(hi, 2))]}
        self.kinds: dict[str, str | None] = {
            r.id: LEFT_OUT if r.optional else None if r.id in humans else DEFAULT_BOT for r in scenario.roles
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
            tip = "Human, greedy bot (looks one round ahead) or random bot (plays any legal orders). Click to change."
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
                order: list[str | None] = [None, "greedy", "random"]
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
        self.app.route.picker(self.scenario.id, self.source)
