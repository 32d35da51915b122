"""fit() and wrap() on long author text: correct lines, same lines as before for normal text."""

import random
import tomllib
from pathlib import Path

import pygame
import pytest

from game.ui import text

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(autouse=True)
def fonts():
    pygame.init()
    text.font.cache_clear()
    yield
    pygame.quit()


def reference_wrap(words, f, width):
    """wrap() as it was, one character at a time: the behaviour normal text must keep."""
    lines = []
    for paragraph in text.reflow(words) or [""]:
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if f.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while f.size(word)[0] > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and f.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def reference_fit(words, f, width):
    if f.size(words)[0] <= width:
        return words
    while words and f.size(words + "…")[0] > width:
        words = words[:-1]
    return words.rstrip() + "…"


def author_strings():
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and len(value) > 8:
            found.add(value)

    for path in sorted(SCENARIOS.rglob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return sorted(found)


def assert_wrapped(lines, words, f, width):
    """Every line fits (or is a single character), no line has an edge space, no text is lost."""
    for line in lines:
        assert f.size(line)[0] <= width or len(line) == 1, line[:40]
        assert line == line.strip()
    flat = "".join(text.reflow(words)).replace(" ", "")
    assert "".join(lines).replace(" ", "") == flat


@pytest.mark.slow  # every text of every bundled scenario, wrapped at many widths (about 9 s)
def test_bundled_text_wraps_and_fits_exactly_as_before():
    strings = author_strings()
    assert len(strings) > 100
    for f, width in ((text.font(13), 70), (text.font(14, bold=True), 190), (text.font(17, italic=True), 420)):
        for s in strings:
            assert text.wrap(s, f, width) == reference_wrap(s, f, width), (s[:40], width)
            if len(s) < 400:  # the old fit() is quadratic
                assert text.fit(s, f, width) == reference_fit(s, f, width), (s[:40], width)


def test_long_words_and_odd_widths_match_the_old_lines():
    rng = random.Random(7)
    f = text.font(15)
    alphabet = "abcdefghijklmnopqrstuvwxyzWMil.,—é "
    for _ in range(60):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        s += " " + "W" * rng.randint(0, 120)
        width = rng.choice([1, 8, 25, 60, 133, 250])
        assert text.wrap(s, f, width) == reference_wrap(s, f, width), (s, width)
        assert text.fit(s, f, width) == reference_fit(s, f, width), (s, width)


LONG_INPUTS = {
    "name of 5,000 characters": ("Federal Office of Lorem Ipsum " * 200)[:5000],
    "single word of 5,000 characters": "Ab" * 2500,
    "text of 200,000 characters": ("The coalition wavers; a minister resigns.\n" * 5000)[:200_000],
}


@pytest.mark.parametrize("name", sorted(LONG_INPUTS))
def test_long_inputs_wrap_into_fitting_lines_that_keep_the_text(name):
    words = LONG_INPUTS[name]
    f = text.font(14, bold=True)
    for width in (190, 600):
        lines = text.wrap(words, f, width)
        assert len(lines) > 5
        assert_wrapped(lines, words, f, width)
        assert text.wrap(words, f, width, max_lines=4) == lines[:4]


@pytest.mark.parametrize("name", sorted(LONG_INPUTS))
def test_long_inputs_fit_one_line_with_an_ellipsis(name):
    words = LONG_INPUTS[name]
    f = text.font(14, bold=True)
    for width in (60, 190, 600):
        fitted = text.fit(words, f, width)
        assert fitted.endswith("…") and f.size(fitted)[0] <= width
        assert words.startswith(fitted[:-1])
        assert f.size(words[: len(fitted)] + "…")[0] > width or words[len(fitted) - 1] == " ", (
            "not the longest prefix that fits"
        )


def test_draw_wrapped_and_wrapped_height_stop_at_what_is_shown():
    f = text.font(13)
    words = LONG_INPUTS["text of 200,000 characters"]
    surface = pygame.Surface((400, 200))
    text.DRAWN.clear()
    used = text.draw_wrapped(surface, words, pygame.Rect(0, 0, 300, 100), 13)
    step = f.get_linesize() + 2
    assert used == (100 // step + 1) * step
    assert text.DRAWN[-1].endswith("…") and len(text.DRAWN) == 100 // step + 1
    assert text.wrapped_height(words, 300, 13, max_height=54) > 54
    assert text.wrapped_height("Short.", 300, 13, max_height=54) == step


def test_clip_and_plain_cap_author_text_for_text_boxes():
    assert text.clip("short") == "short"
    long = "word " * 10_000
    assert len(text.clip(long)) <= text.LONG + 1 and text.clip(long).endswith("…")
    assert text.plain("a <b>\n  c") == "a &lt;b&gt; c"
    assert len(text.html(long * 10)) <= text.TEXT_BOX_MAX + 10
