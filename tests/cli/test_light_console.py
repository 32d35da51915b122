"""The light console writes what rich's console writes, for the markup ``demarche validate`` prints."""

from __future__ import annotations

import io

import pytest
from rich.markup import escape as rich_escape

from game.light_console import LightConsole, escape
from game.terminal import SafeConsole

AUTHOR_TEXTS = [
    "plain",
    "file [x].toml",
    "weird [ok] \\[x]",
    "ends with a backslash\\",
    "\\\\[b]",
    "[x]\\",
    "C:\\path\\",
    "x = [1, 2] # [bold] \\ end\\",
    "é…— wide 漢字 text",
    "\x1b[2J clears \x07 the screen\r",
    "trailing   ",
    "[/]",
    "[red]not a style[/red]",
]

MARKUP = [
    "plain line",
    "",
    "[bold]f.toml:1:2:[/] [red]error:[/] a message",
    "[bold]a[red]b[/]c[/]",
    "[dim]     |[/]    [red]^[/]",
    "[green]✓[/] done",
    "[ not a tag",
    "[1, 2] is a list",
    "tab\tinside\tthe line",  # rich expands tabs by display width: left to rich
    "[a=b]x[/a]",  # a style the light console does not know: left to rich
] + [f"[bold]{escape(t)}[/] [yellow]{escape(t)}[/] {escape(t)}" for t in AUTHOR_TEXTS]


@pytest.mark.parametrize("text", AUTHOR_TEXTS)
def test_escape_is_riches(text):
    assert escape(text) == rich_escape(text)


def _rich(markup: str, **kwargs) -> str:
    out = io.StringIO()
    SafeConsole(file=out, highlight=False, soft_wrap=True, emoji=False, **kwargs).print(markup)
    return out.getvalue()


def _light(markup: str, capsys) -> str:
    LightConsole().print(markup)
    return capsys.readouterr().out


@pytest.mark.parametrize("markup", MARKUP)
def test_plain_output_is_riches(markup, capsys, monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    assert _light(markup, capsys) == _rich(markup)


@pytest.mark.parametrize("markup", MARKUP)
@pytest.mark.parametrize("system", ["standard", "256", "truecolor"])
def test_coloured_output_is_riches(markup, system, capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert _light(markup, capsys) == _rich(markup, color_system=system)


def test_no_color_keeps_bold_only(capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    markup = "[bold]f:1:1:[/] [red]error:[/] x"
    assert _light(markup, capsys) == _rich(markup, color_system="standard")
    assert "\x1b[31m" not in _light(markup, capsys)


def test_markup_rich_refuses_is_refused_the_same_way():
    from rich.errors import MarkupError

    with pytest.raises(MarkupError):
        LightConsole().print("closes [/] nothing")
