"""Nothing private to one seat is ever on screen during another seat's turn,
on a hand-over screen, or on the public news; hidden meters never before the end.

The second test walks everything a seat can reach (every screen and overlay,
every tooltip, the Load list and the Replay button, F9 without the PIN) in every
bundled scenario, and checks each frame against ``privacy.Secrets``."""

import html
import random
import re
from pathlib import Path

import pygame
import pytest

from game.rules.facilitator import IllegalAction
from game.rules.model import PUBLIC
from game.rules.state import PUBLIC_SEAT, Propose, SetMode, Term, Write
from game.scenario import resolve_scenario
from game.session import control
from game.session.autoplay import autoplay, hand_to_people
from game.session.game import Game
from game.session.hotseat import Seat, parse_seats, seats_to_meta
from game.session.slots import saves_dir
from game.ui import text as ui_text
from game.ui.help import TABS as HELP_TABS
from game.ui.help import HelpOverlay
from game.ui.run import build_app
from game.ui.screens.facilitator import PinOverlay
from game.ui.screens.results import ResultsOverlay
from game.ui.text import reflow

from .driver import Driver
from .privacy import Secrets


def talk_in_secret(app, driver: Driver, rng: random.Random) -> None:
    """At a seat's turn of talks: a letter and an offer (with a note) to another seat, each carrying a
    marker that only the two of them (and the facilitator) may ever see; then the talks left open."""
    hs = app.hotseat
    seat, others = hs.seat, [r for r in hs.scenario.role_ids if r != hs.seat]
    other = rng.choice(others)
    n = len(hs.state.letters)
    hs.talk(Write(seat, (other,), f"letter qw{hs.state.round}x{n} from {seat} to {other} only"))
    inst = hs.scenario.role(seat).instruments[0]
    try:
        hs.talk(Propose(seat, other, (Term(seat, inst, None, hs.state.round),), f"note qv{len(hs.state.deals)} {seat}"))
    except IllegalAction:
        pass  # its proposals for the round are spent
    while app.overlays and isinstance(app.overlays[-1], ResultsOverlay):  # the card the round opens with, read
        driver.key(pygame.K_RETURN)
    driver.key(pygame.K_t)


def secrets_by_role(scenario):
    out = {}
    for role in scenario.roles:
        chunks = [p[:80] for p in reflow(role.briefing)]
        chunks += [o.text for o in role.objectives]
        out[role.id] = [c for c in chunks if len(c) > 15]
    return out


def visible(chunk: str, screen: str) -> bool:
    flat = " ".join(screen.split())
    return chunk in flat or html.escape(chunk, quote=False) in flat


@pytest.mark.slow
def test_no_seat_sees_another_seats_secrets_on_any_screen():
    path = resolve_scenario("red_lines")
    scenario = Game.from_path(path).scenario
    seats = parse_seats("foreign=Ana,defence=Ben,development=Cleo", scenario.role_ids)
    app = build_app(scenario_path=path, seats=seats, seed=11)
    driver = Driver(app)
    secrets = secrets_by_role(scenario)
    not_public = [m.label for m in scenario.global_meters + scenario.actor_meters if m.visibility != PUBLIC]
    rng = random.Random(3)
    checked = numbered_late = 0
    private_events: dict[str, list[str]] = {r: [] for r in scenario.role_ids}

    def check():
        nonlocal checked, numbered_late
        screen = driver.text()
        drawn = set(ui_text.DRAWN)
        hs = app.hotseat
        viewer = hs.step.role if app.screen.private else None
        for e in hs.state.events:  # learn every seat's private events as they happen
            if isinstance(e.audience, tuple) and len(e.audience) == 1:
                if e.text not in private_events[e.audience[0]]:
                    private_events[e.audience[0]].append(e.text)
        for role in scenario.role_ids:
            if role == viewer or hs.state.over:  # scores and debrief reveal everything
                continue
            for chunk in secrets[role] + private_events[role]:
                assert not visible(" ".join(chunk.split()), screen), (
                    f"{role}'s secret on {type(app.screen).__name__} (viewer {viewer}): {chunk[:60]}"
                )
        for x in hs.state.letters if not hs.state.over else ():  # letters: their writer and readers only
            if viewer != x.sender and viewer not in x.to:
                assert not visible(x.text, screen), f"a letter on {type(app.screen).__name__} (viewer {viewer})"
        for deal in hs.state.deals if not hs.state.over else ():
            if deal.text and viewer not in deal.parties:
                assert not visible(deal.text, screen), f"a deal's note on {type(app.screen).__name__} ({viewer})"
        if viewer is not None and not hs.state.over:  # a deal's number does not count the others' deals
            known = sum(1 for d in hs.state.deals if viewer in d.parties)
            shown = {int(n) for n in re.findall(r"\b[Dd]eal (\d+)", " ".join(screen.split()))}
            assert shown <= set(range(1, known + 1)), f"deal numbers {shown} on {type(app.screen).__name__} ({viewer})"
            numbered_late += any(d.number > known for d in hs.state.deals if viewer in d.parties)
        if not hs.state.over:
            for label in not_public:
                assert label not in drawn, f"non-public meter '{label}' drawn on {type(app.screen).__name__}"
        checked += 1

    for _ in range(600):
        check()
        name = driver.screen_name
        if name in ("VerdictScreen", "DebriefScreen"):
            break
        if name == "HandoverScreen":
            driver.key(pygame.K_SPACE)
        elif name == "BriefingScreen":
            driver.key(pygame.K_RETURN)
        elif name == "NewsScreen":
            driver.key(pygame.K_SPACE)
            check()
            driver.key(pygame.K_SPACE)
        elif name == "TalksScreen":
            talk_in_secret(app, driver, rng)
            check()
            driver.key(pygame.K_ESCAPE)
            driver.key(pygame.K_RETURN)
        elif name == "OrdersScreen":
            for _ in range(2):
                driver.key(pygame.K_1 + rng.randrange(6))
                if app.screen.pending:  # waiting for a target: Tab to the first, Enter to aim
                    driver.key(pygame.K_TAB)
                    driver.key(pygame.K_RETURN)
                check()
            driver.key(pygame.K_b)  # the briefing overlay: own secrets only
            check()
            driver.key(pygame.K_b)
            driver.key(pygame.K_RETURN)
            if app.overlays:
                driver.key(pygame.K_RETURN)
    assert app.hotseat.state.over, "the game should have reached its end"
    assert checked > 100
    assert any(private_events.values()), "the game should have produced private events to hide"
    assert numbered_late, "a seat should have been party to a deal made after others' deals"


# --------------------------------------------------------------------------- the whole walk

PIN = "8642"
# scenario -> games as (seed, rounds the bots play first, the seats people take): one game
# from the briefings, one from the middle, one to the end, so every stretch of every
# scenario is walked, and every role is looked through in one of them. Each game is
# walked at the board for one round (the last one up to the scores).
WALKS = {
    "tutorial": [(3, 0, (0, 1)), (4, 1, (0, 1)), (5, 3, (0, 1))],
    # seed 6: random bots still have a game to hand over after seven rounds (on seed 5 Veyra's table collapses)
    "red_lines": [(3, 0, (0, 1)), (4, 4, (2, 3)), (6, 7, (0, 3))],
    "sanctions_coalition": [(3, 0, (2, 3)), (4, 4, (0, 1)), (5, 7, (1, 2))],
    "neutral_mandate": [(3, 0, (1, 3)), (4, 4, (0, 2)), (5, 7, (2, 3))],
    # A red cell (seat 2 plays Veyra, with a private threat aimed at roles) and actors that act.
    "embassy_row": [(3, 0, (0, 2)), (4, 2, (1, 2)), (5, 3, (0, 1, 2))],
    # The same table with the red cell an optional seat, brought in (seat 2, cell).
    "embassy_cell": [(3, 0, (0, 2)), (4, 2, (1, 2)), (5, 3, (0, 1, 2))],
}
# Scenarios walked that are not bundled: test fixtures, by id.
FIXTURES = Path(__file__).parents[1] / "rules" / "fixtures"
FIXTURE_SCENARIOS = {"embassy_row": FIXTURES / "embassy.toml", "embassy_cell": FIXTURES / "red_cell.toml"}
# The optional seats each walked scenario is played with.
WALK_WITH = {"embassy_cell": ("cell",)}
# Games walked in semi-rigid mode (scenario, seed): the facilitator reviews the round, behind the PIN.
SEMI_RIGID = {("red_lines", 4)}


def coached(scenario_id: str) -> bool:
    """Whether the scenario shows a first game's tips ([scenario] coach)."""
    path = FIXTURE_SCENARIOS.get(scenario_id) or resolve_scenario(scenario_id)
    return Game.from_path(path, with_=WALK_WITH.get(scenario_id, ())).scenario.coach


def open_game(scenario_id: str, seed: int, opening: int, humans):
    """The board on a game with a facilitator PIN and people in the ``humans`` seats
    (by index; bots in the others), from round 1 or after ``opening`` rounds of bots."""
    path = FIXTURE_SCENARIOS.get(scenario_id) or resolve_scenario(scenario_id)
    game = Game.from_path(path, seed, with_=WALK_WITH.get(scenario_id, ()))
    roles = game.scenario.role_ids
    assert set(WALK_WITH.get(scenario_id, ())) <= set(roles)
    seats = {r: Seat(r, f"Player {i + 1}") if i in humans else Seat(r, "", "random") for i, r in enumerate(roles)}
    if opening == 0:
        return build_app(scenario_path=path, seats=seats, seed=seed, pin=PIN)
    control.set_pin(game, PIN)
    autoplay(game, "random", opening)
    assert not game.state.over, f"{scenario_id} seed {seed}: the bots' opening ended the game; walk another seed"
    hand_to_people(game)
    if (scenario_id, seed) in SEMI_RIGID:
        game.do(SetMode("semi-rigid"))
    game.meta.seats = seats_to_meta(seats)
    save = saves_dir() / f"{scenario_id}-{seed}.json"
    game.save(save)
    return build_app(load=save)


def tooltips(app) -> list[str]:
    """What hovering anything on this screen can show: the board's hover areas and every widget's tooltip."""
    out = [h.tip for h in getattr(getattr(app.screen, "board", None), "hits", [])]

    def walk(container):
        for element in getattr(container, "elements", []):
            tip = getattr(element, "tool_tip_text", None)
            if isinstance(tip, str) and tip:
                out.append(tip)
            inner = getattr(element, "get_container", None)
            if callable(inner):
                walk(inner())

    walk(app.manager.get_root_container())
    return out


class Walk:
    """Drives one game through every screen and overlay, checking each against the seat looking."""

    def __init__(self, app, rng):
        self.app, self.d, self.rng = app, Driver(app), rng
        self.sc = app.hotseat.scenario
        self.reasons: dict[str, list[str]] = {r: [] for r in self.sc.role_ids}
        self.secrets = {seat: Secrets(self.sc, seat) for seat in (*self.sc.role_ids, PUBLIC_SEAT)}
        self.state = app.hotseat.state
        self.seen: dict[str, int] = {}
        self.hovered = 0

    def viewer(self) -> str:
        hs = self.app.hotseat
        if hs is not None and getattr(self.app.screen, "private", False) and hs.step.role:
            return hs.step.role
        return PUBLIC_SEAT

    def check(self, at=None, extra: str = "") -> None:
        """What the screen shows with the mouse over the next hover area of the board, or at ``at``;
        ``extra``: what else the screen holds, out of sight (a help page's scrolled-out rows)."""
        d, app = self.d, self.app
        if app.hotseat is not None:
            self.state = app.hotseat.state
        hits = getattr(getattr(app.screen, "board", None), "hits", [])
        hit = hits[self.hovered % len(hits)] if hits and not app.overlays and at is None else None
        if at is not None:
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0)))
        if hit is not None:  # hover one area for real: the tooltip drawn is the hit's tip
            self.hovered += 1
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=hit.rect.center, rel=(0, 0), buttons=(0, 0, 0))
            )
        screen = d.text() + "\n" + "\n".join(tooltips(app)) + "\n" + extra
        if hit is not None:
            drawn = " ".join(" ".join(ui_text.DRAWN).split())
            first = " ".join(hit.tip.split("\n\n")[0].split()[:3])
            assert first in drawn, f"hovering {hit.kind} {hit.ref} did not draw its tooltip"
        where = type(app.screen).__name__ + "".join(f"+{type(o).__name__}" for o in app.overlays)
        self.seen[where] = self.seen.get(where, 0) + 1
        if self.state.over or getattr(app.screen, "sees_everything", False):
            return  # the scores and the debrief reveal everything, and the facilitator's screens (behind the PIN)
        viewer = self.viewer()
        leaks = self.secrets[viewer].leaks(screen, self.state, self.reasons)
        assert not leaks, f"{self.sc.id}: on {where}, seen by {viewer}: {[s[:300] for s in leaks]}"

    def overlay(self, key) -> None:
        self.d.key(key)
        assert self.app.overlays, f"{pygame.key.name(key)} opened nothing"
        self.check()
        self.d.key(pygame.K_ESCAPE)
        assert not self.app.overlays

    def help_pages(self) -> None:
        """F1, every page of it, each whole (the rows scrolled out of sight too)."""
        self.d.key(pygame.K_F1)
        help_ = self.app.overlays[-1]
        assert isinstance(help_, HelpOverlay)
        for tab in HELP_TABS:
            help_.show_tab(tab)
            self.check(extra=help_.page_text())
        self.d.key(pygame.K_ESCAPE)
        assert not self.app.overlays

    def between_turns(self) -> None:
        """F1 help, F9 without the PIN (a wrong one refused), the Esc menu."""
        d = self.d
        self.help_pages()
        d.key(pygame.K_F9)
        assert isinstance(self.app.overlays[-1], PinOverlay)
        self.check()
        self.app.overlays[-1].entry.set_text("0000")
        d.frame()
        d.key(pygame.K_RETURN)  # refused: the dialog stays open and says so
        assert isinstance(self.app.overlays[-1], PinOverlay) and "not the facilitator's PIN" in d.text()
        self.check()
        d.key(pygame.K_ESCAPE)
        assert not self.app.overlays and type(self.app.screen).__name__ == "HandoverScreen"
        self.check()
        self.overlay(pygame.K_ESCAPE)

    def quit_and_try_the_replay(self) -> None:
        """The reported leak: quit to the title, Load, the running game's autosave, Replay."""
        d, app = self.d, self.app
        actions = list(app.hotseat.game.actions)
        d.key(pygame.K_ESCAPE)
        d.click_element(app.overlays[-1].title)
        assert type(app.screen).__name__ == "TitleScreen"
        self.check()
        d.click_element(app.screen.load)
        d.key(pygame.K_DOWN)  # the newest save: this game's, as last saved
        assert app.screen.choice.title == self.sc.title and not app.screen.choice.over
        self.check()
        screen, chosen = app.screen, app.screen.choice  # every game's autosaves opened: their lines too
        screen.expanded.update(r.game.key for r in screen.box.rows if r.game is not None)
        screen.relay()
        assert any(r.kind == "autosave" for r in screen.box.rows)
        self.check()
        screen.expanded.clear()
        screen.relay()
        screen.choose(chosen)
        d.click_element(app.screen.replay)
        assert app.overlays and isinstance(app.overlays[-1], PinOverlay), (
            f"an unfinished game's Replay must ask for the PIN, not open {type(app.screen).__name__}"
        )
        self.check()
        app.overlays[-1].entry.set_text("1111")
        d.frame()
        d.key(pygame.K_RETURN)
        assert type(app.screen).__name__ == "LoadScreen" and "not the facilitator's PIN" in d.text()
        self.check()
        d.click_element(app.overlays[-1].cancel)
        assert not app.overlays
        d.click_element(app.screen.load)
        assert app.hotseat.game.actions == actions, "Load resumes the same game"

    def orders(self) -> None:
        d, app = self.d, self.app
        screen = app.screen
        role = app.hotseat.step.role
        self.check()
        if screen.coach.step() is not None:  # a first game's tip, drawn over the screen just checked
            self.seen["OrdersScreen+CoachTip"] = self.seen.get("OrdersScreen+CoachTip", 0) + 1
        if app.overlays:  # from round 2: the card of what the seat's own orders did, checked above
            d.key(pygame.K_RETURN)
        card = screen.hand.cards[self.rng.randrange(min(6, len(screen.hand.cards)))]
        screen.hand.scroll_to(card.instrument)  # (an earlier turn may have left the hand scrolled)
        assert screen.hand.area.contains(card.rect)
        self.check(at=card.rect.center)  # the card's tooltip, with the effects the seat can foresee
        assert "Direct effects" in " ".join(ui_text.DRAWN), "hovering a card shows what it does"
        d.key(pygame.K_1 + self.rng.randrange(6))
        if app.screen.pending:  # waiting for a target: its effects in the panel and on each token's tooltip
            self.check()
            aims = [h for h in screen.board.hits if h.kind == "actor" and h.ref in screen.highlight().targets]
            if aims:
                self.check(at=aims[self.rng.randrange(len(aims))].rect.center)
                assert "If you aim" in " ".join(ui_text.DRAWN), "a target's tooltip tells what aiming there does"
            d.key(pygame.K_TAB)
            self.check()
            d.key(pygame.K_RETURN)
        if screen.why_buttons:
            marker = (
                f"{role} reason qz{self.state.round}x{len(self.reasons[role])}"  # fewer than N words: matched whole
            )
            d.click_element(screen.why_buttons[0])
            app.overlays[-1].entries[0].set_text(marker)
            d.frame()
            d.key(pygame.K_RETURN)
            self.reasons[role].append(marker)
            assert marker in " ".join(d.text().split()) or any(marker in r for p in screen.picks for r in p.reasons)
        self.check()
        self.overlay(pygame.K_b)  # the seat's own briefing
        self.help_pages()  # over the seat's private screen: its meters may be named

    def review(self) -> None:
        """Semi-rigid: the hand-over to the facilitator (public), a wrong PIN refused inside its dialog with
        no key reaching the screen, then the review behind the PIN: one change overridden with a reason only
        the facilitator may ever read again, and the round published."""
        d, app = self.d, self.app
        self.check()
        d.key(pygame.K_SPACE)
        pin = app.overlays[-1]
        assert isinstance(pin, PinOverlay)
        pin.entry.set_text("0000")
        d.frame()
        d.key(pygame.K_RETURN)
        d.key(pygame.K_SPACE)  # on the screen behind, Space would ask for the PIN again
        assert app.overlays == [pin] and d.screen_name == "ReviewHandoverScreen"
        self.check()
        pin.entry.set_text(PIN)
        d.frame()
        d.key(pygame.K_RETURN)
        assert d.screen_name == "ReviewScreen"
        self.check()
        slot = [s for s in app.screen.list.slots if s.buttons][-1]  # the last change that can be overridden
        app.screen.list.show_slot(slot)
        d.frame()
        d.click_element(slot.buttons["override"])
        marker = f"facilitator reason qf{self.state.round}"
        overlay = app.overlays[-1]
        overlay.amount.set_text("0")
        overlay.reason.set_text(marker)
        d.frame()
        self.check()
        d.key(pygame.K_RETURN)
        self.reasons.setdefault("facilitator", []).append(marker)  # private to every seat
        first = self.state.round
        d.frame(20)  # Enter publishes once the review has been on screen a moment
        d.key(pygame.K_RETURN)  # accept and publish
        assert app.hotseat.state.round == first + 1
        assert any(marker in e.text for e in app.hotseat.state.events if e.kind == "adjudication")

    def run(self) -> None:
        """One round at the board (from the briefings in a new game), or to the scores."""
        d, app = self.d, self.app
        first = self.state.round
        replayed = False
        for _ in range(300):
            self.check()
            name = d.screen_name
            if name in ("VerdictScreen", "DebriefScreen") or (
                app.hotseat.state.round > first and name == "HandoverScreen"
            ):
                break
            if name == "HandoverScreen":
                if not replayed:
                    self.between_turns()
                    replayed = True
                    self.quit_and_try_the_replay()
                    continue
                d.key(pygame.K_SPACE)
            elif name == "BriefingScreen":
                d.key(pygame.K_RETURN)
            elif name == "NewsScreen":
                d.key(pygame.K_SPACE)
                self.check()
                d.key(pygame.K_SPACE)
            elif name == "TalksScreen":
                talk_in_secret(app, d, self.rng)
                self.check()
                d.key(pygame.K_ESCAPE)
                self.check()
                d.key(pygame.K_RETURN)
            elif name == "OrdersScreen":
                self.orders()
                d.key(pygame.K_RETURN)
                if app.overlays:  # fewer orders than allowed: confirm anyway
                    d.key(pygame.K_RETURN)
            elif name == "ReviewHandoverScreen":
                self.review()
            else:
                raise AssertionError(f"unexpected screen {name}")
        else:
            raise AssertionError("the walk did not finish")
        assert replayed


@pytest.mark.slow
@pytest.mark.parametrize("scenario_id", list(WALKS))
def test_every_screen_overlay_and_tooltip_keeps_other_seats_secrets(scenario_id, data_dir):
    seen: dict[str, int] = {}
    private_events = 0
    for seed, opening, humans in WALKS[scenario_id]:
        walk = Walk(open_game(scenario_id, seed, opening, humans), random.Random(seed))
        walk.run()
        for where, n in walk.seen.items():
            seen[where] = seen.get(where, 0) + n
        private_events += sum(1 for e in walk.state.events if e.audience != "all")
        pygame.quit()
    screens = {w.split("+")[0] for w in seen}
    overlays = {o for w in seen for o in w.split("+")[1:]}
    assert {
        "HandoverScreen",
        "OrdersScreen",
        "NewsScreen",
        "BriefingScreen",
        "TitleScreen",
        "LoadScreen",
        "VerdictScreen",
    } <= screens, seen
    assert {"HelpOverlay", "PinOverlay", "GameMenuOverlay", "BriefingOverlay", "ResultsOverlay"} <= overlays, seen
    if coached(scenario_id):  # a first game's tips, on its first orders turns
        assert "CoachTip" in overlays, seen
    if any(scenario_id == walked for walked, _ in SEMI_RIGID):
        assert "ReviewHandoverScreen" in screens and "OverrideOverlay" in overlays, seen
    if scenario_id in ("red_lines", "sanctions_coalition", "neutral_mandate"):  # their talks run in a round of talks
        assert "TalksScreen" in screens and "TalksOverlay" in overlays, seen
    assert private_events, "the walk should have met events private to some seats"
