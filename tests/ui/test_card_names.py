"""Every instrument name of every bundled scenario is read whole on its card (issue 13: "Public statement
of c…"), at the usual window size and at the smallest one."""

import pygame
import pytest

from game.scenario import bundled_ids, load_scenario
from game.ui import hand, text

from .test_screens import orders_screen


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_every_bundled_instrument_name_fits_its_card_whole(size):
    app, _ = orders_screen(size)
    width = app.screen.hand.cards[0].rect.w - hand.NAME_INSET
    cut = []
    for sid, path in bundled_ids().items():
        for inst in load_scenario(path).instruments:
            _, _, lines = hand.name_lines(inst.name, width)
            if " ".join(lines) != " ".join(inst.name.split()):
                cut.append(f"{sid}: {inst.name!r} -> {lines}")
    assert not cut, cut


def test_a_name_too_long_for_three_lines_still_ends_in_an_ellipsis():
    pygame.init()
    text.font.cache_clear()
    _, _, lines = hand.name_lines("An extraordinarily long instrument name that no card could ever hold whole", 110)
    assert len(lines) == 3 and lines[-1].endswith("…")
