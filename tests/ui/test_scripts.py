"""Names in any script on the board and in its widgets: no missing-glyph boxes, right to left where
written so, CJK wrapped between characters.

A box is found by comparing each character's image with the image the font draws for a character
no font has (U+10FFFD, private use); a script no font here has must be said once on stderr instead.
"""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.ui import fonts, text, theme

NAMES = {
    "Latin": "Dalmara São Tomé",
    "Greek": "Ελληνική Δημοκρατία",
    "Cyrillic": "Российская Федерация",
    "Arabic": "جمهورية فيرا",
    "Hebrew": "הפדרציה של דלמרה",
}
# Drawn when a font for them is here (pygame_gui's own Noto fonts, or the system's), else said.
MAYBE = {
    "Chinese": "北京市",
    "Japanese": "東京都のカタカナ",
    "Korean": "서울특별시",
    "Thai": "กรุงเทพมหานคร",
    "Georgian": "საქართველო",
    "Armenian": "Հայաստան",
}
MISSING = "\U0010fffd"  # no font has it: what a box looks like
WHITE = (255, 255, 255)


@pytest.fixture(autouse=True)
def board_fonts():
    pygame.init()
    text.set_language("en")
    text.forget()
    yield
    text.set_language("en")
    text.forget()


def ink(image: pygame.Surface) -> bytes:
    """The pixels of an image's ink, cropped: the same drawing gives the same bytes."""
    return pygame.image.tobytes(image.subsurface(image.get_bounding_rect()).copy(), "RGBA")


def boxes(size: int = 15, bold: bool = False) -> set[bytes]:
    """What a missing glyph looks like in Noto Sans and in every fallback font a name could take."""
    drawn = {ink(pygame.font.Font.render(text.font(size, bold), MISSING, True, WHITE))}
    for path in fonts.chain(bold).paths:
        drawn.add(ink(pygame.font.Font(path, size).render(MISSING, True, WHITE)))
    return drawn


def covered(name: str) -> bool:
    return all(fonts.chain().face_for(c) is not None for c in name if not c.isspace())


def assert_no_box(name: str, draw, size: int = 15, bold: bool = False) -> None:
    tofu = boxes(size, bold)
    for ch in name:
        if not ch.isspace():
            assert ink(draw(ch)) not in tofu, f"{ch!r} (U+{ord(ch):04X}) of {name!r} is drawn as a box"


def columns(image: pygame.Surface) -> list[int]:
    w, h = image.get_size()
    return [sum(image.get_at((x, y)).a for y in range(h)) for x in range(w)]


def distance(drawn: list[int], pieces: list[list[int]]) -> int:
    expected = [c for piece in pieces for c in piece]
    expected = (expected + [0] * len(drawn))[: len(drawn)]
    return sum(abs(a - b) for a, b in zip(drawn, expected, strict=True))


def seen(f, words: str) -> str:
    """The characters of ``words`` in the order they are drawn, left to right."""
    return "".join(chars[::-1] if rtl else chars for chars, _, rtl in f.runs(words))


# ---------------------------------------------------------------- the board's text ------------------------


@pytest.mark.parametrize("script", NAMES)
@pytest.mark.parametrize("bold", [False, True])
def test_the_board_draws_every_name_without_a_box(script, bold):
    name = NAMES[script]
    assert_no_box(name, lambda ch: text.rendered(ch, 15, WHITE, bold=bold), bold=bold)
    whole = text.rendered(name, 15, WHITE, bold=bold)
    assert whole.get_width() == text.font(15, bold).size(name)[0]  # laid out as it is measured
    assert fonts.missing() == {}


@pytest.mark.parametrize("script", MAYBE)
def test_other_scripts_are_drawn_when_a_font_is_here_else_said_once(script, capsys, monkeypatch):
    monkeypatch.setattr(fonts, "_reported", {})
    name = MAYBE[script]
    if covered(name):
        assert_no_box(name, lambda ch: text.rendered(ch, 15, WHITE))
        assert capsys.readouterr().err == ""
    else:
        text.rendered(name, 15, WHITE)
        text.rendered(name + " 2", 15, WHITE)
        err = capsys.readouterr().err
        assert err.count("demarche: no font here has") == 1, err
        assert "install a font for" in err and "fonts-noto" in err and name[:4] in err


def test_a_script_with_no_font_is_said_once_and_drawn_as_boxes(capsys, monkeypatch):
    monkeypatch.setenv(fonts.NO_SYSTEM, "1")  # only the shipped fonts and pygame_gui's: no Thai among them
    monkeypatch.setattr(fonts, "_reported", {})
    fonts.forget()
    image = text.rendered("Envoy กรุงเทพ", 15, WHITE)
    text.draw(pygame.Surface((400, 40)), "กรุงเทพ meets", (0, 0))
    err = capsys.readouterr().err
    assert image.get_width() > 0
    assert err.count("\n") == 1 and "no font here has Thai letters (U+0E01, in 'กรุงเทพ')" in err, err
    assert "the shipped Noto Sans Arabic and Hebrew" in err and "fonts-noto-core (Noto Sans Thai)" in err
    assert fonts.missing() == {"Thai": "กรุงเทพ"}


def test_english_is_drawn_exactly_as_by_noto_sans():
    for size, bold, italic in [(15, False, False), (14, True, False), (17, False, True), (12, True, True)]:
        f = text.font(size, bold, italic)
        plain = pygame.font.Font(str(text.FONTS / text.FONT_FILES[(bold, italic)]), size)
        for words in ["Round 3 of 8", "Dalmara São Tomé — 12% «guillemets»", "Ελλάδα Россия ₂"]:
            assert f.plain(words)
            assert f.size(words) == plain.size(words)
            assert pygame.image.tobytes(f.render(words, True, WHITE), "RGBA") == pygame.image.tobytes(
                plain.render(words, True, WHITE), "RGBA"
            )


def test_cjk_font_follows_the_scenarios_language():
    han = "東"
    if fonts._dependency_dir() is None or not (fonts._dependency_dir() / fonts.DEPENDENCY["ja"][0]).is_file():
        pytest.skip("this pygame_gui has no Noto Sans JP")
    text.set_language("ja")
    assert fonts.chain().face_for(han).endswith("NotoSansJP-Regular.otf")
    text.set_language("zh-Hans")
    assert fonts.chain().face_for(han).endswith("NotoSansSC-Regular.otf")
    text.set_language("en")
    assert fonts.chain().face_for(han).endswith("NotoSansSC-Regular.otf")  # Chinese forms by default
    assert fonts.chain(hint="ja").face_for(han).endswith("NotoSansJP-Regular.otf")  # kana in the text say Japanese
    assert [face.name for _, face, _ in text.font(15).runs("とうきょう東京")] == ["Noto Sans JP"]


# ---------------------------------------------------------------- right to left ---------------------------


@pytest.mark.parametrize("pair", ["אב", "اد"])  # two letters that do not join: each keeps its own shape
def test_right_to_left_letters_are_drawn_right_to_left(pair):
    drawn = columns(text.rendered(pair, 15, WHITE))
    first, second = (columns(text.rendered(c, 15, WHITE)) for c in pair)
    assert distance(drawn, [second, first]) < distance(drawn, [first, second]) // 4


def test_arabic_letters_join():
    joined = columns(text.rendered("ببب", 15, WHITE))
    alone = columns(text.rendered("ب", 15, WHITE))
    assert joined != alone * 3 and len(joined) < 3 * len(alone)  # initial, medial and final forms


def test_a_mixed_line_keeps_english_left_to_right_and_the_name_right_to_left():
    f = text.font(15)
    assert seen(f, "Envoy اد meets") == "Envoy دا meets"
    assert seen(f, "Talks with אבג, then ד") == "Talks with גבא, then ד"
    assert seen(f, "אב 12 גד") == "דג 12 בא"  # a number inside right-to-left text reads left to right
    assert fonts.levels("a 12 ב 34") == [0, 0, 0, 0, 0, 1, 1, 2, 2]
    assert fonts.levels("اد 12") == [1, 1, 1, 2, 2]  # digits after Arabic letters are Arabic digits (W2)
    image = text.rendered("Envoy اد meets", 15, WHITE)
    assert image.get_width() == f.size("Envoy اد meets")[0]
    left = pygame.font.Font.size(f, "Envoy ")[0]
    assert columns(image)[:left] == columns(text.rendered("Envoy ", 15, WHITE))[:left]


def test_a_right_to_left_scenario_takes_each_lines_direction_from_its_first_letter():
    f = text.font(15)
    assert seen(f, "اد (Korvel)") == "دا (Korvel)"  # an English or French scenario: lines left to right
    text.set_language("ar")
    f = text.font(15)
    # The line is right to left: the name at the right; its brackets are in a right-to-left run, whose
    # glyphs HarfBuzz mirrors, so ")Korvel(" reads "(Korvel)" on the screen.
    assert seen(f, "اد (Korvel)") == ")Korvel( دا"


# ---------------------------------------------------------------- pygame_gui ------------------------------


@pytest.fixture
def manager():
    pygame.display.init()
    window = pygame.display.set_mode((900, 300))
    made = theme.make_manager((900, 300))
    theme.preload_rest(made)
    yield made, window


def label_image(manager, words: str) -> pygame.Surface:
    made, window = manager
    label = pygame_gui.elements.UILabel(pygame.Rect(10, 10, 880, 40), words, made)
    made.update(0.01)
    window.fill((0, 0, 0))
    made.draw_ui(window)
    image = label.image.copy()
    label.kill()
    return image


@pytest.mark.parametrize("script", [*NAMES, *MAYBE])
def test_a_label_draws_every_name_without_a_box(manager, script):
    name = {**NAMES, **MAYBE}[script]
    if script in MAYBE and not covered(name):
        pytest.skip(f"no font here draws {script}")
    tofu = ink(label_image(manager, MISSING))
    assert ink(label_image(manager, name)) != ink(label_image(manager, MISSING * len(name)))
    for ch in name:
        if not ch.isspace():
            assert ink(label_image(manager, ch)) != tofu, f"{ch!r} of {name!r} is a box in a label"


def test_every_widget_font_draws_any_script(manager):
    made, _ = manager
    loaded = made.get_theme().get_font_dictionary().loaded_fonts
    demarche = [r for font_id, r in loaded.items() if font_id.startswith(("demarche_", "noto_sans_"))]
    assert len(demarche) >= 30
    assert all(type(r.loaded_font).__name__ == "WidgetFont" for r in demarche)


def test_a_label_draws_hebrew_right_to_left(manager):
    made, _ = manager
    f = made.get_theme().get_font_dictionary().find_font(15, "demarche")
    drawn = columns(f.render_premul("אב", pygame.Color("white")))
    first, second = (columns(f.render_premul(c, pygame.Color("white"))) for c in "אב")
    assert distance(drawn, [second, first]) < distance(drawn, [first, second]) // 4


def test_a_text_box_draws_names_in_any_script(manager):
    made, window = manager
    box = pygame_gui.elements.UITextBox("<b>אבי</b> met جمهورية فيرا", pygame.Rect(10, 10, 400, 80), made)
    made.update(0.01)
    made.draw_ui(window)
    empty = pygame_gui.elements.UITextBox(
        f"<b>{MISSING * 3}</b> met {MISSING * 12}", pygame.Rect(10, 100, 400, 80), made
    )
    made.update(0.01)
    made.draw_ui(window)
    assert ink(box.image) != ink(empty.image)


# ---------------------------------------------------------------- wrapping CJK ----------------------------

JAPANESE = "東京は「世界で最も大きい都市」の一つです。東京はLondonと同じくらい古く、人口は約千四百万人です。"
CHINESE = "北京是中国的首都，也是政治、文化和国际交往的中心。会议在北京举行，参加者来自Veyra和Dalmara。"


@pytest.mark.parametrize("words", [JAPANESE, CHINESE])
@pytest.mark.parametrize("width", [90, 140, 200, 333])
def test_cjk_wraps_between_characters_as_line_breaking_allows(words, width):
    f = text.font(15)
    lines = text.wrap(words, f, width)
    assert len(lines) > 1 and "".join(lines) == words  # no spaces: nothing lost, nothing added
    for i, line in enumerate(lines):
        assert f.size(line)[0] <= width, line
        if i:
            assert line[0] not in text.NO_LINE_START, lines  # never 、。」 at a line's start
            before = lines[i - 1][-1]
            assert before not in text.NO_LINE_END, lines  # never 「 at a line's end
            assert not (before.isascii() and before.isalpha() and line[0].isascii() and line[0].isalpha()), lines
    for word in ("London", "Veyra", "Dalmara"):
        if word in words and f.size(word)[0] <= width:
            assert any(word in line for line in lines), (word, lines)


def test_cjk_wrapping_keeps_spaces_between_latin_words():
    f = text.font(15)
    lines = text.wrap("Envoy 山田 meets the council of Dalmara", f, 120)
    assert " ".join(lines) == "Envoy 山田 meets the council of Dalmara"
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)


# ---------------------------------------------------------------- finding fonts ---------------------------


def test_a_fonts_characters_are_read_from_its_cmap():
    noto, arabic, hebrew = (
        fonts.coverage(str(text.FONTS / name))
        for name in ("NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf")
    )
    assert all(c in noto for c in "Aéßςж€") and not any(c in noto for c in "مש東ก" + MISSING)
    assert "م" in arabic and "ﻻ" in arabic and "ש" not in arabic
    assert "ש" in hebrew and "מ" in hebrew and "م" not in hebrew
    assert len(noto) > 2500 and fonts.coverage("/no/such/font.ttf").starts == []


def test_without_fontconfig_the_usual_folders_are_searched(tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "fonts" / "truetype"
    folder.mkdir(parents=True)
    shutil.copy(text.FONTS / "NotoSansHebrew-Bold.ttf", folder / "SomeHebrew-Bold.ttf")
    (folder / "notes.txt").write_text("not a font")
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    monkeypatch.setattr(fonts, "SYSTEM_FOLDERS", (str(tmp_path / "fonts"), str(tmp_path / "none")))
    monkeypatch.setattr(fonts, "_unfound", set())
    fonts._folder_fonts.cache_clear()
    fonts._system_font.cache_clear()
    try:
        assert fonts._system_font("ש", "he", True) == str(folder / "SomeHebrew-Bold.ttf")
        assert fonts._system_font("ก", "th", False) is None
    finally:
        fonts._folder_fonts.cache_clear()
        fonts._system_font.cache_clear()


@pytest.mark.skipif(not __import__("shutil").which("fc-list"), reason="no fontconfig here")
def test_fontconfig_names_only_fonts_that_have_the_character():
    for char in "Հ東":
        found = fonts._fontconfig(ord(char))
        assert all(path.startswith("/") for path, _ in found)
        assert all(char in fonts.coverage(path) for path, _ in found[:5])


# ---------------------------------------------------------------- a whole board ---------------------------


def test_a_board_with_arabic_hebrew_and_chinese_names_draws_them_all(tmp_path, data_dir):
    """Red Lines with its actors renamed in three scripts, on the orders screen: every name is drawn,
    no character of the frame lacks a font, and the screenshot is kept with the tests' artifacts."""
    import shutil

    from game.scenario import resolve_scenario
    from game.session.game import Game
    from game.session.hotseat import parse_seats
    from game.ui.run import build_app

    from .driver import Driver

    names = {
        "Republic of Veyra": NAMES["Arabic"],
        "Federation of Dalmara": NAMES["Hebrew"],
        "Korvel Front": "جبهة كورفل (Korvel Front)",
        "Littoral Security Council": "沿岸安全保障理事会",
    }
    source = resolve_scenario("red_lines")
    folder = tmp_path / "scenarios"
    shutil.copytree(source.parent, folder)
    path = folder / source.name
    toml = path.read_text(encoding="utf-8")
    for english, other in names.items():
        assert f'name = "{english}"' in toml
        toml = toml.replace(f'name = "{english}"', f'name = "{other}"')
    path.write_text(toml, encoding="utf-8")
    roles = Game.from_path(path).scenario.role_ids
    app = build_app(scenario_path=path, seats=parse_seats(f"{roles[0]}=Ana", roles))
    d = Driver(app)
    for _ in range(20):  # hand-over, briefing, talks: on to the orders
        if d.screen_name == "OrdersScreen":
            break
        d.key(pygame.K_SPACE if d.screen_name == "HandoverScreen" else pygame.K_RETURN)
    assert d.screen_name == "OrdersScreen"
    shown = d.text()
    for other in names.values():
        assert other in shown, f"{other!r} is not on the board"
    lacking = {c for c in shown if not c.isspace() and fonts.chain().face_for(c) is None}
    assert lacking == set(), f"no font draws {sorted(lacking)}"
    assert fonts.missing() == {}
    d.shot("scripts_board")
