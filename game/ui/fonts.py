"""Any script on the board: a fallback chain of fonts, right-to-left runs, and the same for the widgets.

Noto Sans draws Latin, Greek and Cyrillic; an actor named in Arabic, Hebrew,
Chinese or Thai would be a row of empty boxes in it. So the board's fonts are
``FallbackFont``: a ``pygame.font.Font`` that, for a text Noto Sans draws
whole, left to right, is exactly Noto Sans (the same image, the same size: the
English board is unchanged), and for any other text lays it out itself:

1. the characters are put in **bidi levels** by the Unicode bidirectional
   algorithm's implicit rules (``levels``: UAX #9, W1-W7, N1-N2, I1-I2, L1), so
   "Envoy محمد علي meets" keeps its English left to right and the name right
   to left. A line is left to right, as the program's English and French are,
   unless the scenario's language is written right to left: then each line
   takes the direction of its first letter (P2, P3);
2. each character takes the **first font of the chain that has its glyph**
   (``Chain``): Noto Sans, then the shipped Noto Sans Arabic and Hebrew, then
   the Noto fonts pygame_gui itself ships (Japanese, Simplified Chinese,
   Korean, Georgian), then the system's fonts (fontconfig's ``fc-list`` when
   it is there, else the usual font folders). The scenario's ``language``
   (``set_language``) puts its own CJK font first: a Han character is drawn
   the Japanese way in a Japanese scenario, the Chinese way in a Chinese one;
3. the runs of one level and one font are shaped by HarfBuzz inside SDL_ttf
   (``Font.set_script`` and ``Font.set_direction``, pygame-ce 2.1.4+: Arabic
   letters join, a right-to-left run is drawn right to left) and placed in
   visual order (L2), each on Noto Sans's baseline.

Which font has a glyph is read from the font's own ``cmap`` table
(``Coverage``): pygame's ``Font.metrics`` answers for a missing glyph with the
box's metrics, so it cannot tell.

A script no font here draws is said once on stderr (which script, the text it
was met in, the fonts looked for, what to install) and drawn as boxes: never
an error.

Why not python-bidi: its API gives the reordered string only, in which a
right-to-left run is reversed character by character; HarfBuzz must shape
Arabic in logical order, so the runs and their levels are what is needed, and
the implicit rules on ``unicodedata.bidirectional`` give them in a few lines.
Explicit embeddings and isolates (U+202A-U+202E, U+2066-U+2069) and bracket
pairs (N0) are not applied: author text on a board does not use them.

pygame_gui (0.6.x) draws with one font per element, and its per-locale fonts
change the font of the whole interface with the program's language, not the
script of a name inside an English label. So ``adopt`` gives the manager's
"demarche" fonts the same chain: each loaded font resource gets a
``WidgetFont``, pygame_gui's font interface over a ``FallbackFont``, and
labels, buttons, text boxes and tooltips draw Arabic, Hebrew and CJK names.
"""

from __future__ import annotations

import bisect
import os
import shutil
import struct
import subprocess
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pygame

from .. import resources
from ..i18n import _, normalise

LTR, RTL = 0, 1  # pygame.DIRECTION_LTR, pygame.DIRECTION_RTL

FONT_FILES = {
    (False, False): "NotoSans-Regular.ttf",
    (True, False): "NotoSans-Bold.ttf",
    (False, True): "NotoSans-Italic.ttf",
    (True, True): "NotoSans-BoldItalic.ttf",
}
# Shipped for the scripts Noto Sans lacks that scenarios name actors in most; upright only.
SHIPPED = {
    False: ("NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf"),
    True: ("NotoSansArabic-Bold.ttf", "NotoSansHebrew-Bold.ttf"),
}
# pygame_gui (a dependency) ships these; found by name, skipped if a version lacks one.
DEPENDENCY = {
    "ja": ("NotoSansJP-Regular.otf", "NotoSansJP-Bold.otf"),
    "zh": ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf"),
    "ko": ("NotoSansKR-Regular.ttf", "NotoSansKR-Bold.ttf"),
    "ka": ("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf"),
}
CJK_ORDER = ("zh", "ja", "ko")  # Han characters with no language to say otherwise: the Chinese forms

SYSTEM_FOLDERS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
    os.path.join(os.environ.get("WINDIR", "C:/Windows"), "Fonts"),
    os.path.join(os.environ.get("LOCALAPPDATA", ""), "Microsoft/Windows/Fonts"),
)
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
SKIP_NAMES = ("emoji", "symbol", "mono", "serif", "math")  # tried last: pictures, other faces
SYSTEM_QUERIES = 64  # fontconfig is asked about this many characters at most per process
NO_SYSTEM = "DEMARCHE_NO_SYSTEM_FONTS"  # set (to anything but "") to use only the shipped fonts


# ---------------------------------------------------------------- scripts ---------------------------------

# (first, last, script name, ISO 15924 code for HarfBuzz, what to install)
_SCRIPTS = [
    (0x0530, 0x058F, "Armenian", "Armn", "fonts-noto-core (Noto Sans Armenian)"),
    (0x0590, 0x05FF, "Hebrew", "Hebr", "fonts-noto-core (Noto Sans Hebrew)"),
    (0x0600, 0x06FF, "Arabic", "Arab", "fonts-noto-core (Noto Sans Arabic)"),
    (0x0700, 0x074F, "Syriac", "Syrc", "fonts-noto-core (Noto Sans Syriac)"),
    (0x0750, 0x077F, "Arabic", "Arab", "fonts-noto-core (Noto Sans Arabic)"),
    (0x0780, 0x07BF, "Thaana", "Thaa", "fonts-noto-core (Noto Sans Thaana)"),
    (0x08A0, 0x08FF, "Arabic", "Arab", "fonts-noto-core (Noto Sans Arabic)"),
    (0x0900, 0x097F, "Devanagari", "Deva", "fonts-noto-core (Noto Sans Devanagari)"),
    (0x0980, 0x09FF, "Bengali", "Beng", "fonts-noto-core (Noto Sans Bengali)"),
    (0x0A00, 0x0A7F, "Gurmukhi", "Guru", "fonts-noto-core (Noto Sans Gurmukhi)"),
    (0x0A80, 0x0AFF, "Gujarati", "Gujr", "fonts-noto-core (Noto Sans Gujarati)"),
    (0x0B00, 0x0B7F, "Oriya", "Orya", "fonts-noto-core (Noto Sans Oriya)"),
    (0x0B80, 0x0BFF, "Tamil", "Taml", "fonts-noto-core (Noto Sans Tamil)"),
    (0x0C00, 0x0C7F, "Telugu", "Telu", "fonts-noto-core (Noto Sans Telugu)"),
    (0x0C80, 0x0CFF, "Kannada", "Knda", "fonts-noto-core (Noto Sans Kannada)"),
    (0x0D00, 0x0D7F, "Malayalam", "Mlym", "fonts-noto-core (Noto Sans Malayalam)"),
    (0x0D80, 0x0DFF, "Sinhala", "Sinh", "fonts-noto-core (Noto Sans Sinhala)"),
    (0x0E00, 0x0E7F, "Thai", "Thai", "fonts-noto-core (Noto Sans Thai) or fonts-thai-tlwg"),
    (0x0E80, 0x0EFF, "Lao", "Laoo", "fonts-noto-core (Noto Sans Lao)"),
    (0x0F00, 0x0FFF, "Tibetan", "Tibt", "fonts-noto-extra (Noto Serif Tibetan)"),
    (0x1000, 0x109F, "Myanmar", "Mymr", "fonts-noto-core (Noto Sans Myanmar)"),
    (0x10A0, 0x10FF, "Georgian", "Geor", "fonts-noto-core (Noto Sans Georgian)"),
    (0x1100, 0x11FF, "Korean", "Hang", "fonts-noto-cjk (Noto Sans CJK KR)"),
    (0x1200, 0x139F, "Ethiopic", "Ethi", "fonts-noto-core (Noto Sans Ethiopic)"),
    (0x1780, 0x17FF, "Khmer", "Khmr", "fonts-noto-core (Noto Sans Khmer)"),
    (0x1800, 0x18AF, "Mongolian", "Mong", "fonts-noto-extra (Noto Sans Mongolian)"),
    (0x1C90, 0x1CBF, "Georgian", "Geor", "fonts-noto-core (Noto Sans Georgian)"),
    (0x2D00, 0x2D2F, "Georgian", "Geor", "fonts-noto-core (Noto Sans Georgian)"),
    (0x2E80, 0x2FFF, "Chinese, Japanese and Korean", "Hani", "fonts-noto-cjk"),
    (0x3000, 0x303F, "Chinese, Japanese and Korean", "Hani", "fonts-noto-cjk"),
    (0x3040, 0x309F, "Japanese", "Hira", "fonts-noto-cjk (Noto Sans CJK JP)"),
    (0x30A0, 0x30FF, "Japanese", "Kana", "fonts-noto-cjk (Noto Sans CJK JP)"),
    (0x3100, 0x312F, "Chinese (Bopomofo)", "Bopo", "fonts-noto-cjk"),
    (0x3130, 0x318F, "Korean", "Hang", "fonts-noto-cjk (Noto Sans CJK KR)"),
    (0x3190, 0x31EF, "Chinese, Japanese and Korean", "Hani", "fonts-noto-cjk"),
    (0x31F0, 0x31FF, "Japanese", "Kana", "fonts-noto-cjk (Noto Sans CJK JP)"),
    (0x3200, 0x9FFF, "Chinese, Japanese and Korean", "Hani", "fonts-noto-cjk"),
    (0xA960, 0xA97F, "Korean", "Hang", "fonts-noto-cjk (Noto Sans CJK KR)"),
    (0xAC00, 0xD7FF, "Korean", "Hang", "fonts-noto-cjk (Noto Sans CJK KR)"),
    (0xF900, 0xFAFF, "Chinese, Japanese and Korean", "Hani", "fonts-noto-cjk"),
    (0xFB13, 0xFB17, "Armenian", "Armn", "fonts-noto-core (Noto Sans Armenian)"),
    (0xFB1D, 0xFB4F, "Hebrew", "Hebr", "fonts-noto-core (Noto Sans Hebrew)"),
    (0xFB50, 0xFDFF, "Arabic", "Arab", "fonts-noto-core (Noto Sans Arabic)"),
    (0xFE30, 0xFE4F, "Chinese, Japanese and Korean", "Hani", "fonts-noto-cjk"),
    (0xFE70, 0xFEFF, "Arabic", "Arab", "fonts-noto-core (Noto Sans Arabic)"),
    (0xFF00, 0xFFEF, "Chinese, Japanese and Korean", "Hani", "fonts-noto-cjk"),
    (0x20000, 0x3FFFF, "Chinese, Japanese and Korean", "Hani", "fonts-noto-cjk"),
]
_SCRIPT_STARTS = [s[0] for s in _SCRIPTS]
OTHER = ("other symbols", "Zyyy", "fonts-noto-core or fonts-noto-extra")


@lru_cache(maxsize=4096)
def script_of(char: str) -> tuple[str, str, str]:
    """(name, ISO 15924 code, what to install) of the script ``char`` is written in, as far as fonts care."""
    cp = ord(char)
    i = bisect.bisect_right(_SCRIPT_STARTS, cp) - 1
    if i >= 0 and _SCRIPTS[i][0] <= cp <= _SCRIPTS[i][1]:
        return _SCRIPTS[i][2:]
    return OTHER


def _cjk_hint(text: str) -> str | None:
    """The CJK language a text shows by its own letters: kana are Japanese, hangul Korean."""
    for ch in text:
        code = script_of(ch)[1]
        if code in ("Hira", "Kana"):
            return "ja"
        if code == "Hang":
            return "ko"
    return None


# ---------------------------------------------------------------- coverage --------------------------------


class Coverage:
    """The characters a font file maps to glyphs, from its ``cmap`` table (formats 4 and 12; of a
    collection, its first face, the one pygame loads)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for lo, hi in sorted(ranges):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self.starts = [lo for lo, _ in merged]
        self.ends = [hi for _, hi in merged]

    def __contains__(self, char: str | int) -> bool:
        cp = ord(char) if isinstance(char, str) else char
        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ends[i]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __len__(self) -> int:
        return sum(hi - lo + 1 for lo, hi in zip(self.starts, self.ends, strict=True))


@lru_cache(maxsize=None)
def coverage(path: str) -> Coverage:
    """What ``path`` has glyphs for: empty if it cannot be read as a TrueType or OpenType font."""
    try:
        with open(path, "rb") as f:
            return Coverage(_cmap_ranges(f))
    except (OSError, struct.error, ValueError):
        return Coverage([])


def _cmap_ranges(f) -> list[tuple[int, int]]:
    def read(offset: int, size: int) -> bytes:
        f.seek(offset)
        data = f.read(size)
        if len(data) < size:
            raise ValueError("truncated font")
        return data

    base = 0
    if read(0, 4) == b"ttcf":
        base = struct.unpack(">I", read(12, 4))[0]  # the first face of a collection
    (tables,) = struct.unpack(">H", read(base + 4, 2))
    cmap = None
    for i in range(tables):
        tag, _, offset, _ = struct.unpack(">4sIII", read(base + 12 + 16 * i, 16))
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        return []
    _, count = struct.unpack(">HH", read(cmap, 4))
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", read(cmap + 4 + 8 * i, 8))
        subtables[(platform, encoding)] = cmap + offset
    for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0)):
        if key not in subtables:
            continue
        at = subtables[key]
        (fmt,) = struct.unpack(">H", read(at, 2))
        if fmt == 12:
            (n,) = struct.unpack(">I", read(at + 12, 4))  # format, reserved, length, language, groups
            groups = read(at + 16, 12 * n)
            return [struct.unpack_from(">II", groups, 12 * j) for j in range(n)]
        if fmt == 4:
            length = struct.unpack(">H", read(at + 2, 2))[0]
            data = read(at, length)
            segs = struct.unpack_from(">H", data, 6)[0] // 2
            ends = struct.unpack_from(f">{segs}H", data, 14)
            starts = struct.unpack_from(f">{segs}H", data, 16 + 2 * segs)
            deltas = struct.unpack_from(f">{segs}h", data, 16 + 4 * segs)
            offsets_at = 16 + 6 * segs
            offsets = struct.unpack_from(f">{segs}H", data, offsets_at)
            ranges = []
            for j in range(segs):
                lo, hi = starts[j], ends[j]
                if lo == 0xFFFF:
                    continue
                if offsets[j] == 0:
                    if all((c + deltas[j]) & 0xFFFF for c in (lo, hi)):
                        ranges.append((lo, hi))
                    else:
                        ranges.extend((c, c) for c in range(lo, hi + 1) if (c + deltas[j]) & 0xFFFF)
                    continue
                for c in range(lo, hi + 1):  # glyph ids read from the array: 0 is the missing glyph
                    where = offsets_at + 2 * j + offsets[j] + 2 * (c - lo)
                    if where + 2 <= len(data) and struct.unpack_from(">H", data, where)[0]:
                        ranges.append((c, c))
            return ranges
    return []


# ---------------------------------------------------------------- the chain --------------------------------

_language = "en"
_rtl_language = False  # the scenario is written right to left: a paragraph takes its first letter's direction
_reported: dict[str, str] = {}  # script -> the text it was first met in, said once on stderr


def set_language(tag: str | None) -> bool:
    """The scenario's language (a BCP 47 tag): its CJK font comes first, and in a right-to-left
    language a paragraph's direction is its first letter's (an English or French scenario's lines
    are left to right, whatever name they start with). True when what was drawn must be dropped."""
    global _language, _rtl_language
    from ..scenario.language import is_rtl

    tag = tag or "en"
    old = (_language if _language in CJK_ORDER else None, _rtl_language)
    _language, _rtl_language = normalise(tag) or "en", is_rtl(tag)
    if old == (_language if _language in CJK_ORDER else None, _rtl_language):
        return False  # the fonts' order and the lines' direction are the same
    _chain_for.cache_clear()
    _runs.cache_clear()
    return True


def language() -> str:
    return _language


def missing() -> dict[str, str]:
    """The scripts met that no font here draws, each with the text it was first met in."""
    return dict(_reported)


def _dependency_dir() -> Path | None:
    try:
        import pygame_gui.data

        return Path(pygame_gui.data.__file__).parent
    except (ImportError, AttributeError, TypeError):
        return None


def _cjk_order(hint: str | None) -> list[str]:
    first = hint if hint in CJK_ORDER else None
    return [first, *[k for k in CJK_ORDER if k != first]] if first else list(CJK_ORDER)


class Chain:
    """The fonts tried, in order, for one style: shipped, then pygame_gui's, then the system's."""

    def __init__(self, bold: bool, italic: bool, hint: str | None):
        fonts = resources.fonts_dir()
        self.bold = bold
        self.hint = hint
        self.paths = [str(fonts / FONT_FILES[(bold, italic)])]
        self.paths += [str(fonts / name) for name in SHIPPED[bold]]
        folder = _dependency_dir()
        if folder is not None:
            for key in [*_cjk_order(hint), "ka"]:
                path = folder / DEPENDENCY[key][bold]
                if path.is_file():
                    self.paths.append(str(path))
        self.found: dict[str, str | None] = {}

    def face_for(self, char: str) -> str | None:
        """The path of the first font that has ``char``, or None when no font here has it."""
        if char not in self.found:
            self.found[char] = self._face_for(char)
        return self.found[char]

    def _face_for(self, char: str) -> str | None:
        for path in self.paths:
            if char in coverage(path):
                return path
        if not os.environ.get(NO_SYSTEM):
            found = _system_font(char, self.hint or _language, self.bold)
            if found is not None and found not in self.paths:
                self.paths.append(found)
                return found
        return None


@lru_cache(maxsize=64)
def _chain_for(bold: bool, italic: bool, hint: str | None) -> Chain:
    return Chain(bold, italic, hint)


def chain(bold: bool = False, italic: bool = False, hint: str | None = None) -> Chain:
    return _chain_for(bold, italic, hint if hint is not None else (_language if _language in CJK_ORDER else None))


# ---------------------------------------------------------------- system fonts -----------------------------

_queries = 0
_unfound: set[str] = set()  # scripts the system has no font for: not asked about again


@lru_cache(maxsize=1024)
def _system_font(char: str, lang: str, bold: bool) -> str | None:
    """A system font that has ``char``: fontconfig's if it is installed, else one from the usual folders."""
    global _queries
    script = script_of(char)[0]
    if script in _unfound:
        return None
    if shutil.which("fc-list"):
        if _queries >= SYSTEM_QUERIES:
            return None
        _queries += 1
        candidates = _fontconfig(ord(char))
    else:
        candidates = _folder_fonts()
    for path in _ranked(candidates, lang, bold):
        if char in coverage(path):
            return path
    _unfound.add(script)
    return None


def _fontconfig(cp: int) -> list[tuple[str, str]]:
    """(file, "family style langs") of every font fontconfig says has the character ``cp``."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{family[0]} %{style[0]} %{lang}\n", f":charset={cp:x}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        path, _, about = line.partition("\t")
        if path.lower().endswith(FONT_SUFFIXES):
            found.append((path, about))
    return found


@lru_cache(maxsize=1)
def _folder_fonts() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for folder in SYSTEM_FOLDERS:
        root = Path(folder).expanduser()
        if not folder or not root.is_dir():
            continue
        for dirpath, _dirs, names in os.walk(root):
            found += [(os.path.join(dirpath, n), n) for n in names if n.lower().endswith(FONT_SUFFIXES)]
            if len(found) > 5000:
                return found
    return found


_LANG_WORDS = {
    "ja": ("jp", "japan", "ja"),
    "zh": ("sc", "cn", "chinese", "zh", "hans", "tc", "hk"),
    "ko": ("kr", "korean", "ko"),
}


def _ranked(candidates: list[tuple[str, str]], lang: str, bold: bool) -> list[str]:
    """Candidate fonts best first: the language's own, sans-serif, the weight asked for, Noto."""
    words = _LANG_WORDS.get(lang, (lang,))

    def key(item: tuple[str, str]) -> tuple:
        path, about = item
        name = (Path(path).name + " " + about).lower()
        tokens = set(name.replace("-", " ").replace("_", " ").replace("|", " ").replace(".", " ").split())
        is_bold = "bold" in name or "black" in name or "heavy" in name
        return (
            any(s in Path(path).name.lower() for s in SKIP_NAMES),
            not (tokens & set(words)),
            is_bold != bold,
            "noto" not in name,
            "sans" not in name,
            path,
        )

    usable = [c for c in candidates if "lastresort" not in Path(c[0]).name.lower()]  # a box for everything
    return [path for path, _ in sorted(usable, key=key)]


def report_missing(char: str, text: str) -> None:
    """Say once, on stderr, that a script has no font here; its characters stay boxes."""
    name, code, install = script_of(char)
    if name in _reported:
        return
    start = end = text.find(char)
    while start > 0 and script_of(text[start - 1])[1] == code:
        start -= 1
    while end < len(text) and (script_of(text[end])[1] == code or text[end] == " ") and end - start < 24:
        end += 1
    sample = text[start:end].strip()
    _reported[name] = sample
    looked = _("Noto Sans, the shipped Noto Sans Arabic and Hebrew, pygame_gui's Noto Sans JP, SC, KR and Georgian")
    if not os.environ.get(NO_SYSTEM):
        looked = _("{fonts}, and the system's fonts").format(fonts=looked)
    print(
        _(
            "demarche: no font here has {script} letters (U+{code:04X}, in {sample!r}); they are drawn as "
            "boxes. Looked in: {looked}. To draw them, install a font for {script}, e.g. {install} on Debian or "
            "Ubuntu, and start Demarche again."
        ).format(script=name, code=ord(char), sample=sample, looked=looked, install=install),
        file=sys.stderr,
    )


# ---------------------------------------------------------------- bidi ------------------------------------

_STRONG_R = frozenset({"R", "AL"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


@lru_cache(maxsize=8192)
def _bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


def is_rtl_char(char: str) -> bool:
    return _bidi_class(char) in _STRONG_R


def levels(text: str, base: int | None = None) -> list[int]:
    """Each character's embedding level by UAX #9's implicit rules (odd: right to left).

    ``base`` is the paragraph's level; None takes it from the first strong character (P2, P3).
    """
    types = [_bidi_class(c) for c in text]
    if base is None:
        base = next((1 if t in _STRONG_R else 0 for t in types if t in ("L", "R", "AL")), 0)
    sos = "R" if base % 2 else "L"
    # W1: a non-spacing mark takes the type of what it follows.
    prev = sos
    for i, t in enumerate(types):
        if t == "NSM":
            types[i] = prev if prev not in ("LRI", "RLI", "FSI", "PDI") else "ON"
        prev = types[i]
    # W2: European digits after Arabic letters are Arabic digits; W3: AL -> R.
    last = sos
    for i, t in enumerate(types):
        if t in ("L", "R", "AL"):
            last = t
        elif t == "EN" and last == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    # W4: one separator between two numbers of the same kind joins them.
    for i in range(1, len(types) - 1):
        a, t, b = types[i - 1], types[i], types[i + 1]
        if t == "ES" and a == b == "EN":
            types[i] = "EN"
        elif t == "CS" and a == b and a in ("EN", "AN"):
            types[i] = a
    # W5: terminators (%, $ ...) next to European digits are digits.
    i = 0
    while i < len(types):
        if types[i] == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    # W6: other separators and terminators are neutral; W7: digits after L are L.
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    last = sos
    for i, t in enumerate(types):
        if t in ("L", "R"):
            last = t
        elif t == "EN" and last == "L":
            types[i] = "L"
    # N1, N2: neutrals between two of the same direction take it, others the paragraph's.
    i = 0
    n = len(types)
    while i < n:
        if types[i] in _NEUTRAL:
            j = i
            while j < n and types[j] in _NEUTRAL:
                j += 1
            before = sos if i == 0 else ("R" if types[i - 1] in ("R", "EN", "AN") else "L")
            after = sos if j == n else ("R" if types[j] in ("R", "EN", "AN") else "L")
            types[i:j] = [before if before == after else sos] * (j - i)
            i = j
        else:
            i += 1
    # I1, I2: the levels.
    out = []
    for t in types:
        if base % 2 == 0:
            out.append(base + (1 if t == "R" else 2 if t in ("AN", "EN") else 0))
        else:
            out.append(base + (1 if t in ("L", "EN", "AN") else 0))
    # L1: spaces at the end of the line go back to the paragraph's level.
    k = n
    while k > 0 and _bidi_class(text[k - 1]) in ("WS", "S", "B", "BN"):
        k -= 1
        out[k] = base
    return out


def visual(items: list, item_levels: list[int]) -> list:
    """``items`` (runs, in logical order, each of one level) in the order they are seen (L2)."""
    order = list(range(len(items)))
    if not item_levels:
        return []
    top = max(item_levels)
    lowest_odd = min(lv for lv in item_levels if lv % 2) if any(lv % 2 for lv in item_levels) else top + 1
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if item_levels[order[i]] >= level:
                j = i
                while j < len(order) and item_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [items[k] for k in order]


# ---------------------------------------------------------------- the font --------------------------------


@lru_cache(maxsize=256)
def _face(path: str, size: int, rtl: bool, script: str, bold: bool) -> pygame.font.Font:
    """A fallback font for one run: shaped for its script, in its direction (set per font object)."""
    face = pygame.font.Font(path, size)
    if script != "Zyyy":
        face.set_script(script)
    face.set_direction(RTL if rtl else LTR)
    if bold and "bold" not in Path(path).name.lower():
        face.bold = True  # no bold file for this script: SDL_ttf's emboldening
    return face


_COMMON = frozenset({"WS", "S", "CS", "ES", "ET", "ON", "EN", "AN", "NSM", "BN", "B"})


class FallbackFont(pygame.font.Font):
    """Noto Sans for text it draws whole left to right (its own ``size`` and ``render``), else the chain.

    ``size`` keeps Noto Sans's height whatever fonts a text takes, so a line is laid out the same
    whichever script is in it; a fallback run is drawn on Noto Sans's baseline.
    """

    def __init__(self, path: str, size: int, bold: bool = False, italic: bool = False):
        super().__init__(path, size)
        self.path = path
        self.points = size
        self.style = (bold, italic)
        self.own = coverage(path)

    # ---- when Noto Sans is enough
    def plain(self, text: str) -> bool:
        """Whether Noto Sans draws ``text`` whole, left to right, as it always did."""
        if text.isascii():
            return True
        own = self.own
        return not own or all(c in own and not is_rtl_char(c) for c in text if ord(c) >= 0x80)

    # ---- the runs
    def runs(self, text: str) -> list[tuple[str, Any, bool]]:
        """(characters, font, right to left) of ``text``, in visual order."""
        return list(_runs(self, text, _language if _language in CJK_ORDER else _cjk_hint(text), _rtl_language))

    def size(self, text) -> tuple[int, int]:
        if not isinstance(text, str) or self.plain(text):
            return super().size(text)
        width = sum(face.size(chars)[0] for chars, face, _ in self.runs(text))
        return width, self.get_height()

    def render(self, text, antialias, color, bgcolor=None, wraplength=0) -> pygame.Surface:
        if not isinstance(text, str) or self.plain(text) or "\n" in text:
            return super().render(text, antialias, color, bgcolor, wraplength)
        placed = []
        x, below = 0, self.get_height()
        baseline = self.get_ascent()
        for chars, face, _rtl in self.runs(text):
            image = face.render(chars, antialias, color, bgcolor)
            y = baseline - face.get_ascent()
            placed.append((image, x, y))
            x += image.get_width()
            ink = image.get_bounding_rect()
            if ink.height:
                below = max(below, y + ink.bottom)  # a descender deeper than Noto Sans's: room below
        canvas = pygame.Surface((max(1, x), below), pygame.SRCALPHA)
        if bgcolor is not None:
            canvas.fill(bgcolor)
        for image, px, py in placed:
            if antialias and bgcolor is None:
                canvas.blit(image, (px, py), special_flags=pygame.BLEND_RGBA_MAX)
            else:
                canvas.blit(image, (px, py))
        return canvas

    def metrics(self, text) -> list:
        if not isinstance(text, str) or self.plain(text):
            return super().metrics(text)
        out: list = []
        for ch in text:
            path = _chain_for_font(self, _language if _language in CJK_ORDER else _cjk_hint(text)).face_for(ch)
            face = self if path is None or path == self.path else _face(path, self.points, False, "Zyyy", False)
            out.extend(pygame.font.Font.metrics(face, ch))
        return out


def _chain_for_font(f: FallbackFont, hint: str | None) -> Chain:
    return chain(f.style[0], f.style[1], hint)


@lru_cache(maxsize=4096)
def _runs(f: FallbackFont, text: str, hint: str | None, auto: bool) -> tuple[tuple[str, Any, bool], ...]:
    fonts = _chain_for_font(f, hint)
    lv = levels(text, None if auto else 0)
    paths: list[str] = []
    prev = f.path
    for ch in text:
        if _bidi_class(ch) in _COMMON and ch in coverage(prev):
            path = prev  # a space, a digit or a mark stays in the run it is in
        elif ch in f.own:
            path = f.path
        else:
            found = fonts.face_for(ch)
            if found is None:
                if unicodedata.category(ch)[0] not in "CZ":
                    report_missing(ch, text)
                found = f.path
            path = found
        paths.append(path)
        prev = path
    logical: list[tuple[str, str, int]] = []  # (characters, path, level)
    for ch, path, level in zip(text, paths, lv, strict=True):
        if logical and logical[-1][1] == path and logical[-1][2] == level:
            logical[-1] = (logical[-1][0] + ch, path, level)
        else:
            logical.append((ch, path, level))
    bold = f.style[0]
    out = []
    for chars, path, level in visual(logical, [lvl for _chars, _path, lvl in logical]):
        rtl = level % 2 == 1
        letters = [script_of(c)[1] for c in chars if unicodedata.category(c)[0] == "L"]
        script = letters[0] if letters and letters[0] != "Zyyy" else ("Zyyy" if not rtl else "Arab")
        face: Any = _PlainView(f) if path == f.path and not rtl else _face(path, f.points, rtl, script, bold)
        out.append((chars, face, rtl))
    return tuple(out)


class _PlainView:
    """``f`` drawn with ``pygame.font.Font``'s own methods (not the fallback's), for one run."""

    def __init__(self, f: FallbackFont):
        self.f = f

    def size(self, chars: str) -> tuple[int, int]:
        return pygame.font.Font.size(self.f, chars)

    def render(self, chars: str, antialias: bool, color: Any, bgcolor: Any = None) -> pygame.Surface:
        return pygame.font.Font.render(self.f, chars, antialias, color, bgcolor)

    def get_ascent(self) -> int:
        return self.f.get_ascent()


def forget() -> None:
    """Drop every font object (pygame.quit() ends them); coverage read from files is kept."""
    for cache in (_face, _runs, _chain_for):
        cache.cache_clear()


# ---------------------------------------------------------------- pygame_gui -------------------------------


def widget_font(path: str, size: int, bold: bool, italic: bool, style: dict | None = None) -> Any:
    """pygame_gui's font interface over a ``FallbackFont`` (its own object: widgets set underline).

    ``style`` is the font resource's, applied as ``GUIFontPygame`` applies it, so English is drawn
    to the same pixels.
    """
    from pygame_gui.core.interfaces.gui_font_interface import IGUIFontInterface

    class WidgetFont(IGUIFontInterface):
        """What ``pygame_gui.core.gui_font_pygame.GUIFontPygame`` does, drawn through the chain."""

        def __init__(self) -> None:
            self.font = FallbackFont(path, size, bold, italic)
            self.font.set_point_size(size)
            self.point_size = size
            self.antialiased = True
            self.direction = LTR
            self._underline_adjustment = 0.0
            if style is not None:
                self.antialiased = style.get("antialiased", True)
                if "script" in style:
                    self.font.set_script(style["script"])
                if "direction" in style:
                    self.font.set_direction(style["direction"])
                    self.direction = style["direction"]

        def size(self, text: str) -> tuple[int, int]:
            return self.get_rect(text).size

        @property
        def underline(self) -> bool:
            return self.font.underline

        @underline.setter
        def underline(self, value: bool) -> None:
            self.font.underline = value

        @property
        def underline_adjustment(self) -> float:
            return self._underline_adjustment

        @underline_adjustment.setter
        def underline_adjustment(self, value: float) -> None:
            self._underline_adjustment = value

        def get_point_size(self) -> int:
            return self.point_size

        def get_rect(self, text: str) -> pygame.Rect:
            if text == "":
                return pygame.Rect(0, 0, 0, 0)
            if self.font.plain(text):
                image_size = self.font.render(text, self.antialiased, pygame.Color("white")).get_size()
            else:
                image_size = self.font.size(text)
            return pygame.Rect((0, self.font.get_ascent()), image_size)

        def get_metrics(self, text: str):
            return self.font.metrics(text)

        def render_premul(self, text: str, text_color) -> pygame.Surface:
            image = self.font.render(text, self.antialiased, text_color).convert_alpha()
            if image.get_width() > 0 and image.get_height() > 0:
                image = image.premul_alpha()
            return image

        def render_premul_to(self, text: str, text_colour, surf_size, surf_position) -> pygame.Surface:
            out = pygame.Surface(surf_size, depth=32, flags=pygame.SRCALPHA)
            out.fill((0, 0, 0, 0))
            image = self.font.render(text, self.antialiased, text_colour).convert_alpha()
            if image.get_width() > 0 and image.get_height() > 0:
                image = image.premul_alpha()
                out.blit(
                    image,
                    (surf_position[0], surf_position[1] - self.font.get_ascent()),
                    special_flags=pygame.BLEND_PREMULTIPLIED,
                )
            return out

        def get_padding_height(self) -> int:
            return -self.font.get_descent() + 1

        def get_direction(self) -> int:
            return self.direction

        # A widget's font measured as the board measures its own (``theme.measuring_font``).
        def get_linesize(self) -> int:
            return self.font.get_linesize()

        def get_height(self) -> int:
            return self.font.get_height()

        def get_ascent(self) -> int:
            return self.font.get_ascent()

        def get_descent(self) -> int:
            return self.font.get_descent()

    return WidgetFont()


def adopt(manager: Any, files: dict[tuple[bool, bool], str]) -> int:
    """Give every loaded Noto Sans of ``manager`` the fallback chain: the theme's (``files``, by
    path: (bold, italic) -> file) and pygame_gui's own default font (same file names), which draws
    every element the theme names no font for (labels, buttons).

    Run after the theme or a preload loads fonts; a resource already adopted is left as it is.
    Returns how many were adopted this time.
    """
    from pygame_gui.core.gui_font_pygame import GUIFontPygame
    from pygame_gui.core.package_resource import PackageResource

    by_path = {str(Path(path)): style for style, path in files.items()}
    by_name = {name: style for style, name in FONT_FILES.items()}
    dependency = _dependency_dir()
    done = 0
    for resource in manager.get_theme().get_font_dictionary().loaded_fonts.values():
        if type(resource.loaded_font) is not GUIFontPygame or resource.force_style:
            continue
        location = resource.location
        if isinstance(location, PackageResource) and location.package == "pygame_gui.data" and dependency:
            if location.resource not in by_name:
                continue
            path, style = str(dependency / location.resource), by_name[location.resource]
        elif isinstance(location, str) and str(Path(location)) in by_path:
            path, style = location, by_path[str(Path(location))]
        else:
            continue
        resource.loaded_font = widget_font(path, int(resource.size), style[0], style[1], resource.style)
        done += 1
    return done
