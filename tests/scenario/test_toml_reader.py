"""The scenario loader reads TOML with tomli (compiled, about twice as fast as the standard library's
tomllib). It must read exactly what tomllib reads, TOML 1.0: the same values from the same text, and
the same error, word for word and at the same line and column, for a broken one, since the loader's
messages and positions are made from it."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parents[2]
BREAKS = ["[", "]", "=", '"', "'", "\n", "{", "}", ",", "x", ".", "\\", "\\e", "\\x41", "#", "1979-13-01", "0x",
          "\t", " = = ", "\r", "\x00", "é", "[[", "a.b = 1\n", "inf", "1_000", "'''", '"""']  # fmt: skip


def _read(module, text: str):
    try:
        return "value", module.loads(text)
    except module.TOMLDecodeError as e:
        return "error", str(e)


def test_tomli_reads_every_bundled_file_and_its_broken_copies_as_tomllib_does():
    rng = random.Random(9)
    for path in sorted((ROOT / "scenarios").rglob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert _read(tomli, text) == _read(tomllib, text), path
        for _ in range(40):
            at = rng.randrange(len(text))
            if rng.random() < 0.7:
                broken = text[:at] + rng.choice(BREAKS) + text[at:]
            else:
                broken = text[:at] + text[at + rng.randrange(1, 30) :]
            assert _read(tomli, broken) == _read(tomllib, broken), (path, at)


def test_toml_1_1_is_refused_as_tomllib_refuses_it():
    # what TOML 1.1 (tomli 2.3 and later) would accept: a newline or a trailing comma in an inline table, \e
    for text in ("a = {b = 1,\nc = 2}\n", "a = {b = 1,}\n", 'a = "\\e"\n', 'a = "\\x41"\n'):
        assert _read(tomli, text)[0] == "error" and _read(tomli, text) == _read(tomllib, text)
