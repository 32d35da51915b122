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


def test_content_hash_is_the_sha256_of_the_compact_json_of_the_sorted_pairs():
    """The hash saves pin: written without the json package, it must stay byte for byte json.dumps's."""
    import json
    from hashlib import sha256

    from game.scenario.sources import Source, content_hash

    texts = {
        "s.toml": 'title = "Quote \\" and \\\\ backslash"\n\ttab\r\x01\x1f\x7f déjà \u2028 \U0001f600 </script>',
        "library/a.toml": "",
        "b.toml": "[x]\ny = 1\n",
    }
    sources = [Source(key, text, {}) for key, text in texts.items()]
    pairs = sorted([key, text] for key, text in texts.items())
    blob = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
    assert content_hash(sources) == sha256(blob.encode("utf-8")).hexdigest()
