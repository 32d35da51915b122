"""Motion: a meter bar slides from what the seat saw last to the new value and stops there; a key
or a click ends it at once; reduce motion shows the new value from the first frame; a changed
actor's token pulses; and once nothing moves the board naps again."""

import time

import pygame

from game.rules.state import PUBLIC_SEAT
from game.ui import palette
from game.ui.motion import PULSE, SLIDE, Motion

from .test_screens import orders_screen

GAME = object()


def test_a_slide_runs_from_the_old_value_to_the_new_and_ends():
    m = Motion()
    m.watch(GAME, "foreign", {"tension": 2, "veyra.trust": 5, "est": (1, 4)})
    assert not m.moving  # a first look has nothing to move from
    m.watch(GAME, "foreign", {"tension": 8, "veyra.trust": 5, "est": (3, 6)})
    assert m.value("tension", 8) == 2 and m.value("veyra.trust", 5) == 5 and m.pulse("veyra") is None
    seen = [m.value("tension", 8)]
    while m.update(1 / 60):
        seen.append(m.value("tension", 8))
    assert seen == sorted(seen) and 2 < seen[len(seen) // 2] < 8  # it moves, one way, through the middle
    assert round(SLIDE * 60) <= len(seen) <= round(SLIDE * 60) + 1  # 0.4 s at 60 frames a second
    assert m.value("tension", 8) == 8 and not m.moving


def test_the_newer_of_the_seats_memory_and_the_public_screen_is_the_old_value():
    m = Motion()
    m.watch(GAME, "foreign", {"tension": 2, "foreign.capital": 1})  # the seat's last turn
    m.watch(GAME, PUBLIC_SEAT, {"tension": 6})  # the news everyone has watched since
    m.watch(GAME, "foreign", {"tension": 6, "foreign.capital": 5}, also=(PUBLIC_SEAT,))
    assert "tension" not in m.slides  # not moved a second time
    assert m.value("foreign.capital", 5) == 1  # its own capital refilled: that moves
    m.watch(GAME, "defence", {"tension": 6, "defence.capital": 3}, also=(PUBLIC_SEAT,))
    assert "defence.capital" not in m.slides  # nothing of another seat's memory


def test_another_game_forgets_what_the_last_one_showed():
    m = Motion()
    m.watch(GAME, "foreign", {"tension": 2})
    m.watch(object(), "foreign", {"tension": 9})
    assert not m.moving


def bar_width(app, meter_id: str) -> int:
    """How many pixels of the meter's bar are filled, read off the window."""
    m = app.screen.hotseat.scenario.meters[meter_id]
    value = app.screen.obs.meters[meter_id]
    colour = palette.level(value, m.min, m.max, m.good == "high")
    hit = next(h for h in app.screen.board.hits if h.kind == "meter" and h.ref == meter_id)
    y = hit.rect.y + 26  # the middle row of the bar
    return sum(1 for x in range(hit.rect.x, hit.rect.right) if app.window.get_at((x, y))[:3] == colour)


def with_old_value(app):
    """The public board last showed the first global meter lower than it is (a round's news):
    the seat's turn opens with its bar sliding up. Returns the meter's id and its two widths."""
    screen = app.screen
    sc = screen.hotseat.scenario
    m = next(g for g in sc.global_meters if g.id in screen.obs.meters and screen.obs.meters[g.id] > g.min + 2)
    end = screen.obs.meters[m.id]
    old = dict(screen.obs.meters)
    old[m.id] = m.min
    app.feel.motion.watch(sc, PUBLIC_SEAT, old)
    app.feel.motion.finish()  # (remembered as seen, not moved to)
    bar = next(h for h in screen.board.hits if h.kind == "meter" and h.ref == m.id).rect
    return m.id, 4, int(bar.w * (end - m.min) / max(1, m.max - m.min))  # (a bar at its minimum shows 4 px)


def test_the_bar_slides_on_screen_to_its_new_value_then_the_board_naps():
    app, d = orders_screen()
    meter, start, end = with_old_value(app)
    app.step(dt=1 / 60, wait=False)  # the frame the change is first seen: the old width
    widths = [bar_width(app, meter)]
    assert abs(widths[0] - start) <= 1 and app.feel.motion.moving
    for _ in range(round(SLIDE * 60) + 2):
        app.last_input = time.monotonic() - 100  # nobody touches anything
        app.step(dt=1 / 60, wait=False)
        widths.append(bar_width(app, meter))
    assert widths == sorted(widths) and start < widths[len(widths) // 2] < end
    assert abs(widths[-1] - end) <= 1
    app.feel.motion.update(PULSE)  # the tokens' rings too
    app.step(dt=1 / 60, wait=False)
    assert not app.feel.motion.moving and app.idle(), "nothing moves: the board should nap again"


def test_a_key_or_a_click_finishes_the_motion_at_once():
    for finish in ("key", "click"):
        app, d = orders_screen()
        meter, start, end = with_old_value(app)
        d.frame()
        assert app.feel.motion.moving and abs(bar_width(app, meter) - start) <= 1
        if finish == "key":
            d.key(pygame.K_LSHIFT)
        else:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1))
            d.frame()
        assert not app.feel.motion.moving, finish
        assert abs(bar_width(app, meter) - end) <= 1, finish


def test_reduce_motion_draws_the_new_values_from_the_first_frame():
    app, d = orders_screen()
    app.feel.set("reduce_motion", True)
    meter, start, end = with_old_value(app)
    d.frame()
    assert abs(bar_width(app, meter) - end) <= 1 and not app.feel.motion.moving


def test_an_actor_whose_meters_changed_pulses_and_the_ring_is_drawn():
    app, d = orders_screen()
    screen = app.screen
    sc = screen.hotseat.scenario
    path = next(p for p in screen.obs.meters if p.partition(".")[0] in {a.id for a in sc.actors})
    actor = sc.actor(path.partition(".")[0])
    old = {**screen.obs.meters, path: screen.obs.meters[path] + 1}
    app.feel.motion.watch(sc, PUBLIC_SEAT, old)
    app.feel.motion.finish()
    d.frame()
    assert app.feel.motion.pulse(actor.id) is not None
    for _ in range(3):
        app.step(dt=0.05, wait=False)
    area = screen.layout()["board"]
    cx, cy = screen.board.token_centre(area, actor)
    around = pygame.Rect(cx - 60, cy - 60, 120, 120).clip(app.window.get_rect())
    ringed = pygame.image.tobytes(app.window.subsurface(around), "RGB")
    app.feel.motion.finish()
    d.frame()
    assert pygame.image.tobytes(app.window.subsurface(around), "RGB") != ringed
