"""A text parsed before is not parsed again, and no caller can change what the next one gets."""

from __future__ import annotations

from game.scenario import bundled_dir
from game.scenario.sources import parse_toml


def test_a_text_parsed_twice_gives_equal_independent_data():
    text = (bundled_dir() / "library" / "instruments.toml").read_text(encoding="utf-8")
    first, problems = parse_toml("library/instruments.toml", text)
    assert problems == []
    first["instruments"][0]["id"] = "changed"
    first["injected"] = True
    second, _ = parse_toml("library/instruments.toml", text)
    assert "injected" not in second and second["instruments"][0]["id"] != "changed"
    assert second == parse_toml("other.toml", text)[0]


def test_a_syntax_error_is_reported_every_time():
    for _ in range(2):
        data, problems = parse_toml("bad.toml", "x = \n")
        assert data is None and problems and "TOML syntax" in problems[0].message
