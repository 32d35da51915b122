"""docs/format.md is generated from the format's own description; it must not go stale."""

import attrs

from game.scenario import spec
from game.scenario.reference import OUTPUT, generated


def test_format_md_is_up_to_date():
    assert OUTPUT.read_text(encoding="utf-8") == generated(), (
        "docs/format.md is stale: run `python -m game.scenario.reference`"
    )


def test_every_key_of_the_format_is_documented():
    text = OUTPUT.read_text(encoding="utf-8")
    classes = [v for v in vars(spec).values() if isinstance(v, type) and attrs.has(v)]
    assert len(classes) >= 10
    for cls in classes:
        for field in attrs.fields(cls):
            assert field.metadata.get("doc"), f"{cls.__name__}.{field.name} has no description"
            assert f"| `{spec.toml_key(field)}` |" in text, f"{cls.__name__}.{field.name} missing from docs/format.md"


def test_the_whole_file_example_validates_and_plays(tmp_path):
    """The example an author copies first must work as written."""
    import re
    import shutil
    from pathlib import Path

    from game.scenario import load_scenario
    from game.session.autoplay import autoplay
    from game.session.game import Game

    text = OUTPUT.read_text(encoding="utf-8")
    section = text[text.index("## A whole file at a glance") :]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    library = Path(__file__).resolve().parents[2] / "scenarios" / "library"
    shutil.copytree(library, tmp_path / "library")
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.id == "red_lines_mini"
    assert autoplay(Game.from_path(path, 1)).state.over
