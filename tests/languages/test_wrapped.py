"""No sentence reaches a player, an author or a terminal without going through the catalogue.

The catalogue test (test_catalogue.py) proves every string the code *looks up* is translated;
this one finds the strings it never looks up: an English sentence written straight into a call
that shows it (a label, a button, a drawn text, a printed line, a help text, a problem's message).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

GAME = Path(__file__).resolve().parents[2] / "game"

# Calls that show their text: methods (by name) and constructors (by name).
SHOWN_BY_METHOD = {
    "draw", "draw_wrapped", "fit", "wrap", "print", "add_column", "add_row", "button", "label", "set_text",
    "add_argument", "add_parser", "add_argument_group", "toast", "say", "set_caption", "open_prompt",
}  # fmt: skip
SHOWN_BY_CLASS = {
    "UILabel", "UIButton", "UITextBox", "UITextEntryLine", "UIWindow", "Table", "Panel", "Problem", "Diagnostic",
    "ScenarioError", "ArgumentParser", "print",
}  # fmt: skip
SHOWN_KEYWORDS = {
    "text", "html_text", "title", "help", "tool_tip_text", "tooltip", "description", "message", "caption",
    "placeholder_text", "hint", "epilog", "window_display_title",
}  # fmt: skip
LOOKUPS = {"_", "N_", "ngettext", "pgettext"}
_MARKUP = re.compile(r"\[/?[a-z #0-9]*\]|<[^>]+>|\{[^{}]*\}")  # rich and HTML tags, placeholders
_SENTENCE = re.compile(r"[A-Za-z]{2,}[\s,;:.]+[A-Za-z]{2,}")  # two words: a phrase, not an id or a key


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def unlooked_up(source: str, filename: str = "<source>") -> list[str]:
    """``file:line: call(text)`` for each English phrase written straight into a call that shows it."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        shows = (isinstance(f, ast.Attribute) and f.attr in SHOWN_BY_METHOD) or (
            isinstance(f, ast.Name) and f.id in SHOWN_BY_CLASS
        )
        if not shows:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS)]:
            words = _literal(arg)
            if words and not words.startswith("#") and _SENTENCE.search(_MARKUP.sub(" ", words)):
                name = f.attr if isinstance(f, ast.Attribute) else f.id  # type: ignore[union-attr]
                found.append(f"{filename}:{arg.lineno}: {name}({words[:70]!r})")
    return found


def test_no_phrase_is_shown_without_being_looked_up():
    found = []
    for path in sorted(GAME.rglob("*.py")):
        found += unlooked_up(path.read_text(encoding="utf-8"), str(path.relative_to(GAME.parent)))
    assert found == [], "wrap these in _() (see docs/translating.md):\n" + "\n".join(found)


def test_the_check_finds_a_phrase_left_in_english_and_passes_one_looked_up():
    left = unlooked_up(
        'text.draw(s, "Round over", (0, 0), 14, c)\n'
        'UIButton(r, text=f"Start the game ({key})", manager=m)\n'
        'console.print(f"[red]error:[/] {escape(x)} does not validate")\n'
    )
    assert [line.split(": ", 1)[1].split("(")[0] for line in left] == ["draw", "UIButton", "print"]
    assert unlooked_up('text.draw(s, _("Round over"), (0, 0), 14, c)\nself.label(r, name, "#heading")\n') == []
