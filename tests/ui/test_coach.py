"""The tutorial's coach marks: they point at the live widget, move on when the player does what they
say, never cover what they point at, and once closed stay closed for the game (and, with "No more
tips", for the session)."""

import pygame
import pytest

from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.session.slots import list_saves
from game.ui.bubble import GOT_IT, NEVER
from game.ui.coach import CARD, CONFIRM, TARGET
from game.ui.run import build_app
from game.ui.screens.flow import resume_game

from .driver import Driver

SIZES = [(1280, 800), (1024, 700)]  # the default window and the smallest (app.MIN_SIZE)


def advance_to_orders(d: Driver) -> None:
    for _ in range(20):
        if d.screen_name == "OrdersScreen":
            return
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached an orders screen")


def tutorial(size=(1280, 800), seats="foreign=Ana,defence=Ben", scenario="tutorial"):
    path = resolve_scenario(scenario)
    roles = Game.from_path(path).scenario.role_ids
    if scenario != "tutorial":
        seats = f"{roles[0]}=Ana,{roles[1]}=Ben"
    app = build_app(scenario_path=path, seats=parse_seats(seats, roles), size=size)
    d = Driver(app)
    advance_to_orders(d)
    d.frame()
    return app, d


def tip(app):
    """The tip on screen, as the last frame drew it (None when there is none)."""
    coach = app.screen.coach
    return coach.bubble if coach.step() is not None else None


def clear_of(bubble, rects) -> bool:
    return not any(bubble.rect.colliderect(r) for r in rects)


def inside_window(app, rect) -> bool:
    return pygame.Rect((0, 0), app.size).contains(rect)


@pytest.mark.parametrize("size", SIZES)
def test_the_tips_point_at_the_live_widgets_and_move_on_with_the_player(size):
    app, d = tutorial(size)
    screen = app.screen
    coach = screen.coach
    # 1. a card: the first one the seat can use, where the hand has drawn it
    bubble = tip(app)
    assert coach.step() == CARD and bubble is not None
    card = next(c for c in screen.hand.cards if c.blocker is None)
    assert bubble.rings == [card.rect]
    assert clear_of(bubble, [card.rect]) and inside_window(app, bubble.rect)
    assert "This is a card" in d.text()
    # picking it, by a click on the card: 2. its targets, the ringed tokens where the board drew them
    d.click(card.rect.center)
    assert screen.pending == card.instrument and coach.step() == TARGET
    bubble = tip(app)
    tokens = {h.ref: h.rect for h in screen.board.hits if h.kind == "actor"}
    targets = [t for t in screen.target_order() if t in tokens]
    assert targets and len(bubble.rings) == len(targets)
    for ring in bubble.rings:
        assert any(tokens[t].collidepoint(ring.center) for t in targets)
    assert clear_of(bubble, bubble.rings + [tokens[t] for t in targets]) and inside_window(app, bubble.rect)
    assert "These ringed tokens are its targets" in d.text()
    # aiming, with Tab and Enter: 3. Confirm, the button itself
    d.key(pygame.K_TAB)
    assert tip(app).rings[0].collidepoint(tokens[screen.highlight().focus].center)  # the arrow follows Tab
    d.key(pygame.K_RETURN)
    assert screen.picks and not screen.pending and coach.step() == CONFIRM
    bubble = tip(app)
    assert bubble.rings == [screen.confirm.rect] and clear_of(bubble, [screen.confirm.rect])
    assert "Confirm hands the computer on" in d.text()
    d.click_element(screen.confirm)
    assert d.screen_name == "HandoverScreen" and CONFIRM in coach.done


def test_a_click_on_a_tip_goes_to_the_tip_and_nothing_under_it():
    app, d = tutorial()
    screen = app.screen
    d.key(pygame.K_1)
    waiting = screen.pending
    bubble = tip(app)
    assert waiting and bubble is not None
    under = [  # a point of the tip's words over a card of the hand
        (x, y)
        for c in screen.hand.cards
        for x in range(c.rect.left + 4, c.rect.right - 4, 8)
        for y in range(c.rect.top + 4, c.rect.bottom - 4, 8)
        if bubble.rect.inflate(-8, -8).collidepoint(x, y) and bubble.button_at((x, y)) is None
    ]
    assert under, "at 1280x800 the targets' tip lies over the hand"
    d.click(under[0])
    assert screen.pending == waiting and not screen.picks and tip(app) is not None


def test_got_it_and_esc_close_a_tip_for_the_rest_of_the_game():
    app, d = tutorial()
    d.click(tip(app).buttons[GOT_IT].center)
    assert tip(app) is None and "This is a card" not in d.text()
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1100, 760), w=1100, h=760))
    d.frame(2)
    assert tip(app) is None  # a rebuilt screen does not bring it back
    d.key(pygame.K_1)
    assert app.screen.coach.step() == TARGET and tip(app) is not None
    d.key(pygame.K_ESCAPE)  # the first Esc closes the tip; the card still waits for its target
    assert tip(app) is None and app.screen.pending and not app.overlays
    d.key(pygame.K_ESCAPE)  # the next one is the screen's again
    assert not app.screen.pending and tip(app) is None
    d.key(pygame.K_1)
    assert tip(app) is None  # the targets' tip was closed: it does not come back for this card
    # leaving the game and resuming it keeps them closed
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)
    d.click_element(app.overlays[-1].title)
    assert d.screen_name == "TitleScreen"
    resume_game(app, list_saves()[0].path)
    advance_to_orders(d)
    d.frame()
    assert app.hotseat.seat == "foreign" and tip(app) is None
    d.key(pygame.K_2)  # a card with targets: the tip closed before is not shown again
    assert app.screen.pending and tip(app) is None


def test_each_seat_is_coached_on_its_own_first_turn_and_never_after():
    app, d = tutorial()
    d.key(pygame.K_2)
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    assert app.screen.coach.step() == CONFIRM
    d.key(pygame.K_RETURN)  # Ana confirms with Enter
    advance_to_orders(d)
    d.frame()
    assert app.hotseat.seat == "defence" and app.screen.coach.step() == CARD  # Ben's first turn
    d.click(tip(app).buttons[GOT_IT].center)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # "confirm with no orders?"
    for _ in range(10):  # the news of round 1, then round 2's turns
        d.key(pygame.K_SPACE)
        if d.screen_name == "OrdersScreen":
            break
    assert d.screen_name == "OrdersScreen" and app.hotseat.state.round == 2
    d.frame()
    assert app.screen.coach.step() is None and "Tip 1 of 3" not in d.text()


def test_no_more_tips_turns_every_tip_off_for_the_session():
    app, d = tutorial()
    d.click(tip(app).buttons[NEVER].center)
    assert tip(app) is None
    d.key(pygame.K_1)
    assert app.screen.pending and tip(app) is None
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    advance_to_orders(d)
    d.frame()
    assert app.hotseat.seat == "defence" and tip(app) is None and "Tip 1 of 3" not in d.text()


def test_a_scenario_that_does_not_ask_for_them_has_no_tips():
    app, d = tutorial(scenario="red_lines")
    assert app.screen.coach.step() is None and "Tip 1 of 3" not in d.text()
    d.key(pygame.K_1)
    d.frame()
    assert app.screen.coach.step() is None
