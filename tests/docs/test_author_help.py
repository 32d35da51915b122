"""What an author reads must work on their machine: commands that run as written, no private paths."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHIPPED = [*sorted((ROOT / "scenarios").rglob("*.toml")), ROOT / "game" / "scenario" / "scaffold.toml.in"]


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_cite_no_path_an_author_does_not_have(path):
    for n, line in enumerate(text(path).splitlines(), 1):
        if line.lstrip().startswith("#"):
            assert not re.search(r"(^|\s)(/work/|/home/|/root/|~/|notes/)", line), f"{path.name}:{n}: {line}"


def test_every_tombi_command_in_the_docs_works_offline():
    commands = [m for path in DOCS for m in re.findall(r"tombi lint[^`\n]*", text(path))]
    assert commands, "the docs should show how to check a file against the schema from a terminal"
    assert all("--offline" in c for c in commands), commands


def test_the_docs_run_no_schema_tool_that_the_extras_do_not_install():
    extras = " ".join(tomllib.loads(text(ROOT / "pyproject.toml"))["project"]["optional-dependencies"]["test"])
    assert "tombi" in extras
    for path in DOCS:
        assert not re.search(r"`taplo (lint|check|format)", text(path)), (
            f"{path.name} runs taplo, which nothing installs"
        )


def test_the_preview_screenshot_for_authors_without_a_display_is_documented():
    guide = text(ROOT / "docs" / "authoring.md")
    assert re.search(r"demarche play \S+ --preview \w+ --screenshot \S+\.png", guide)


def test_the_format_says_a_failed_crisis_roll_is_rolled_again():
    reference = text(ROOT / "docs" / "format.md")
    crises = reference[reference.index("## `[[crises]]`") : reference.index("## `[[consequences]]`")]
    assert "rolls `chance` again" in crises
