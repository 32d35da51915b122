"""Fonts, wrapping and drawing text — and a record of every string drawn.

The fonts are Noto Sans with a fallback chain for the scripts it lacks (Arabic, Hebrew, CJK ...;
``fonts``): a text Noto Sans draws whole is drawn exactly as by Noto Sans. Wrapping breaks CJK text,
which has no spaces, between characters where line breaking allows it.

All text the board draws itself goes through ``draw``/``draw_wrapped``, which
append it to ``DRAWN``. The secrecy tests read that record (plus the text of
the visible widgets) to prove a seat's secrets never reach the screen during
another seat's turn.

The board redraws every string of a screen each frame it draws, and nearly all
of them are the same as in the frame before; so the rendered images, the fitted
labels and the wrapped lines are kept (bounded LRU caches, emptied with the
fonts by ``forget``). Rendering was most of a frame's time.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pygame

from .. import resources
from . import fonts, look
from .fonts import FONT_FILES

FONTS = resources.fonts_dir()

DRAWN: list[str] = []  # cleared by the app at the start of every frame


RENDERED_MAX = 1024  # images kept: several screens' worth (a frame of the orders screen draws ~130 strings)
FITTED_MAX = 4096  # fitted labels and wrapped texts kept (strings and tuples of them, small)


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """Noto Sans at ``size`` at the text size chosen (``look.px``), falling back to other fonts for the
    scripts it lacks (``fonts``). A change of text size empties this cache (``forget``)."""
    return fonts.FallbackFont(str(FONTS / FONT_FILES[(bold, italic)]), look.px(size), bold, italic)


def set_language(tag: str | None) -> None:
    """The language the scenario's text is in (its CJK font first); what was drawn before is dropped."""
    if fonts.set_language(tag):
        forget()


def rendered(words: str, size: int, colour: tuple, bold: bool = False, italic: bool = False) -> pygame.Surface:
    """The image of ``words`` in the board's font: shared, so callers blit it and never draw on it."""
    return _image(font(size, bold, italic), words, colour)


@lru_cache(maxsize=RENDERED_MAX)
def _image(f: pygame.font.Font, words: str, colour: tuple) -> pygame.Surface:
    # Kept per font object, so fonts loaded anew (after pygame.quit()) never meet an old image.
    return f.render(words, True, colour)


def forget() -> None:
    """Drop the fonts and everything made with them: pygame.quit() ends every font."""
    for cache in (font, _image, _fit, _wrap):
        cache.cache_clear()
    fonts.forget()


def reflow(text: str) -> list[str]:
    """Author text -> paragraphs: a single newline is a space, a blank line a break."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


FIRST_PROBE = 128  # characters measured first when fitting: most lines and labels are shorter

# pygame_gui lays out a text box in time that grows faster than its longest paragraph, so author
# text fed to one is clipped: far above anything bundled (news 401 characters, a briefing's
# paragraph 600, a whole briefing 1,236), far below what would stall the board.
LONG = 600  # characters of one author line in a text box (a news item, a role summary)
PARAGRAPH = 1500  # characters of one paragraph of a briefing or summary
TEXT_BOX_MAX = 6000  # characters of one briefing or summary


def clip(words: str, limit: int = LONG) -> str:
    """``words`` cut to ``limit`` characters with an ellipsis: author text can be any length, and
    pygame_gui's layout time grows faster than the text."""
    return words if len(words) <= limit else words[:limit].rstrip() + "…"


def plain(words: str, limit: int = LONG) -> str:
    """Author text as one escaped, clipped line for a text box."""
    from html import escape

    return escape(clip(" ".join(words.split()), limit), quote=False)


def _longest(f: pygame.font.Font, s: str, start: int, width: int, suffix: str = "") -> int:
    """The largest ``end`` with ``s[start:end] + suffix`` within ``width`` pixels (``start`` if none).

    Widths grow with the prefix, so a probe of FIRST_PROBE characters, doubling while it fits,
    then bisection finds the cut in O(log n) measurements of strings at most twice the answer's
    length, however long ``s`` is.
    """
    n = len(s)

    def fits(end: int) -> bool:
        return f.size(s[start:end] + suffix)[0] <= width

    lo, hi = start, min(n, start + FIRST_PROBE)
    while fits(hi):
        if hi == n:
            return n
        lo, hi = hi, min(n, start + 2 * (hi - start))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


def wrap(text: str, f: pygame.font.Font, width: int, max_lines: int | None = None) -> list[str]:
    """Lines of ``text`` that fit ``width`` pixels; words longer than a line are split.

    Each line is the longest run of whole words that fits, found by measuring prefixes
    (``_longest``), so a line costs O(log n) measurements. ``max_lines`` stops early: callers
    that show only a few lines ask for one more than they show, to know whether text remains.
    """
    return list(_wrap(text, f, width, max_lines))


@lru_cache(maxsize=FITTED_MAX)
def _wrap(text: str, f: pygame.font.Font, width: int, max_lines: int | None) -> tuple[str, ...]:
    lines: list[str] = []
    for paragraph in reflow(text) or [""]:
        n = len(paragraph)
        cjk = not paragraph.isascii() and any(_is_cjk(c) for c in paragraph)
        start = 0
        if n == 0:
            lines.append("")
        while start < n:
            if max_lines is not None and len(lines) >= max_lines:
                return tuple(lines)
            end = _longest(f, paragraph, start, width)
            if end >= n:
                lines.append(paragraph[start:])
                break
            space = paragraph.rfind(" ", start, end + 1)
            between = _cjk_break(paragraph, start, end) if cjk else start
            if between > start and between > space:  # CJK: between two characters, as line breaking allows
                lines.append(paragraph[start:between])
                start = between
                continue
            if space > start:  # whole words up to the last space that fits
                lines.append(paragraph[start:space])
                start = space + 1
                continue
            cut = max(end, start + 1)  # the first word alone is too wide: split it
            lines.append(paragraph[start:cut])
            start = cut + 1 if cut < n and paragraph[cut] == " " else cut
    return tuple(lines if max_lines is None else lines[:max_lines])


# Chinese, Japanese and Korean are written without spaces: a line may break between two characters
# when one of them is CJK (UAX #14's ideographs), but never inside a Latin word, never before closing
# punctuation or a small kana (a line does not start with 、。」), never after an opening bracket.
NO_LINE_START = frozenset(
    "、。，．・：；？！‼⁇⁈⁉ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "」』）］｝〕〉》】〙〗〛〟｠’”»…‥゠〜～,.!?:;)]}%‰°′″"
)
NO_LINE_END = frozenset("「『（［｛〔〈《【〘〖〚〝｟‘“«([{")
CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo"})


def _is_cjk(char: str) -> bool:
    return fonts.script_of(char)[1] in CJK_SCRIPTS


def _cjk_break(paragraph: str, start: int, end: int) -> int:
    """The last place in ``(start, end]`` where a line may break between two characters, else ``start``."""
    for i in range(min(end, len(paragraph) - 1), start, -1):
        a, b = paragraph[i - 1], paragraph[i]
        if a == " " or b == " " or b in NO_LINE_START or a in NO_LINE_END:
            continue
        if _is_cjk(a) or _is_cjk(b):
            return i
    return start


def fit(text: str, f: pygame.font.Font, width: int) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` (for one-line labels)."""
    return _fit(text, f, width)


@lru_cache(maxsize=FITTED_MAX)
def _fit(text: str, f: pygame.font.Font, width: int) -> str:
    if _longest(f, text, 0, width) >= len(text):
        return text
    return text[: _longest(f, text, 0, width, "…")].rstrip() + "…"


def draw(
    surface: pygame.Surface,
    text: str,
    pos,
    size: int = 15,
    colour=(232, 236, 242),
    bold: bool = False,
    italic: bool = False,
    anchor: str = "topleft",
) -> pygame.Rect:
    DRAWN.append(text)
    image = rendered(text, size, colour if type(colour) is tuple else tuple(colour), bold, italic)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def draw_wrapped(
    surface: pygame.Surface,
    text: str,
    rect: pygame.Rect,
    size: int = 15,
    colour=(232, 236, 242),
    bold: bool = False,
    italic: bool = False,
    spacing: int = 2,
) -> int:
    """Draw ``text`` wrapped inside ``rect``; return the height used. Lines past the
    bottom are not drawn, and the last visible one ends with an ellipsis."""
    f = font(size, bold, italic)
    step = f.get_linesize() + spacing
    shown = max(0, rect.height // step)  # lines drawn in full; one more may end with "…"
    lines = wrap(text, f, rect.width, max_lines=shown + 2)
    y = rect.top
    for i, line in enumerate(lines):
        if y + step > rect.bottom and i < len(lines) - 1:
            draw(surface, fit(line + " …", f, rect.width), (rect.left, y), size, colour, bold, italic)
            return y + step - rect.top
        draw(surface, line, (rect.left, y), size, colour, bold, italic)
        y += step
    return y - rect.top


def wrapped_height(
    text: str, width: int, size: int = 15, bold: bool = False, spacing: int = 2, max_height: int | None = None
) -> int:
    """The height ``text`` takes wrapped; past ``max_height`` the count stops (the result is then
    above ``max_height``), so long text costs no more than what is shown."""
    f = font(size, bold)
    step = f.get_linesize() + spacing
    limit = None if max_height is None else max(0, max_height) // step + 1
    return len(wrap(text, f, width, max_lines=limit)) * step


def html(text: str) -> str:
    """Author text made safe for a pygame_gui text box: escaped, paragraphs kept, clipped."""
    from html import escape

    return "<br><br>".join(escape(clip(p, PARAGRAPH), quote=False) for p in reflow(clip(text, TEXT_BOX_MAX)))
