"""The board's text caches: the same string drawn again is the same image, and the caches stay bounded."""

import pygame
import pytest

from game.ui import text


@pytest.fixture(autouse=True)
def fonts():
    pygame.init()
    text.forget()
    yield
    text.forget()
    pygame.quit()


def test_the_same_string_size_and_colour_is_rendered_once():
    first = text.rendered("Tension", 14, (232, 236, 242), bold=True)
    assert text.rendered("Tension", 14, (232, 236, 242), bold=True) is first
    assert text.rendered("Tension", 14, (200, 0, 0), bold=True) is not first  # another colour
    assert text.rendered("Tension", 15, (232, 236, 242), bold=True) is not first  # another size
    assert text.rendered("Tension", 14, (232, 236, 242)) is not first  # another style
    assert text.rendered("Tension ", 14, (232, 236, 242), bold=True) is not first


def test_draw_blits_the_kept_image_and_still_records_the_string():
    surface = pygame.Surface((200, 40))
    text.DRAWN.clear()
    rect = text.draw(surface, "Round 2", (0, 0), 14, [232, 236, 242], bold=True)  # a list colour is fine too
    image = text.rendered("Round 2", 14, (232, 236, 242), bold=True)
    assert rect.size == image.get_size() and text.DRAWN == ["Round 2"]
    assert pygame.image.tobytes(surface, "RGB") != bytes(200 * 40 * 3)  # the words are on the surface


def test_the_image_cache_is_bounded_and_drops_the_least_recently_used():
    first = text.rendered("label 0", 12, (255, 255, 255))
    for i in range(1, text.RENDERED_MAX + 40):
        text.rendered(f"label {i}", 12, (255, 255, 255))
    assert text._image.cache_info().currsize == text.RENDERED_MAX
    assert text.rendered("label 0", 12, (255, 255, 255)) is not first  # it had to be rendered again


def test_fit_and_wrap_give_what_they_compute_and_a_caller_cannot_spoil_the_kept_lines():
    f = text.font(14)
    words = "The coalition wavers; a minister resigns and the markets take fright. " * 3
    fresh = text._wrap.__wrapped__(words, f, 200, None)
    lines = text.wrap(words, f, 200)
    assert tuple(lines) == fresh and len(lines) > 2
    lines.append("spoiled")
    assert text.wrap(words, f, 200) == list(fresh)
    fitted = text.fit(words, f, 120)
    assert fitted == text._fit.__wrapped__(words, f, 120) and fitted.endswith("…")
    hits = text._fit.cache_info().hits
    assert text.fit(words, f, 120) == fitted and text._fit.cache_info().hits == hits + 1


def test_fonts_loaded_anew_after_pygame_quit_are_used_not_the_old_images():
    before = text.rendered("Capital", 13, (1, 2, 3))
    pygame.quit()
    pygame.init()
    text.font.cache_clear()  # as a new window does for its fonts
    after = text.rendered("Capital", 13, (1, 2, 3))
    assert after is not before and after.get_size() == before.get_size()
    text.forget()
    assert text._image.cache_info().currsize == 0 and text._fit.cache_info().currsize == 0
