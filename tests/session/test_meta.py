"""The save's metadata as a typed record, written exactly as the board always wrote it."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from game.session.game import Game
from game.session.meta import GameMeta, ParentMeta, PinMeta, SeatMeta
from game.session.save import read_save, to_json

FIXTURES = Path(__file__).parent / "fixtures"
# Written by the build before the metadata was typed (a hot-seat autosave, and a
# what-if branch of it with a key from a "newer version" added by hand).
WRITTEN_BEFORE = sorted(FIXTURES.glob("*.json"))


@pytest.mark.parametrize("path", WRITTEN_BEFORE, ids=lambda p: p.stem)
def test_a_save_written_before_reads_back_byte_for_byte(path):
    assert len(WRITTEN_BEFORE) == 2
    text = path.read_text(encoding="utf-8")
    assert to_json(read_save(path)) == text
    game = Game.load(path)  # replays, checks both hashes
    assert to_json(attrs.evolve(game.to_save(), created=read_save(path).created)) == text


def test_the_fields_read_from_a_save_are_typed():
    meta = read_save(FIXTURES / "branch_with_facilitator.json").meta
    assert meta.seats == {"foreign": SeatMeta("Ana", None), "defence": SeatMeta("", "random")}
    assert meta.parent == ParentMeta("parent.json", meta.parent.final_hash if meta.parent else None, 2, 3)
    assert isinstance(meta.facilitator, PinMeta) and meta.news_index == 1 and meta.briefed == []
    assert meta.extra == {"from_a_newer_version": {"kept": [1, None, "as it is"]}}
    assert meta.source is None and meta.game_id is None


def test_keys_are_written_in_the_order_first_set_and_none_unsets():
    meta = GameMeta()
    meta.phase = "setup"
    meta.title = "T"
    meta.phase = "orders"  # keeps its place
    meta.seats = {"a": SeatMeta("Ana")}
    assert list(meta.to_json()) == ["phase", "title", "seats"]
    meta.title = None
    assert meta.to_json() == {"phase": "orders", "seats": {"a": {"name": "Ana", "bot": None}}}
    assert list(GameMeta(title="T", phase="p").to_json()) == ["title", "phase"]


def test_a_copy_is_independent():
    meta = GameMeta(briefed=["a"], seats={"a": SeatMeta("Ana")})
    copy = meta.copy()
    copy.briefed = [*(copy.briefed or []), "b"]
    assert meta.briefed == ["a"] and copy.seats == meta.seats and copy.seats is not meta.seats
    assert copy.to_json() == {"seats": {"a": {"name": "Ana", "bot": None}}, "briefed": ["a", "b"]}


def test_a_seat_without_a_bot_is_played_by_one_and_null_is_a_human():
    assert SeatMeta.from_json({"name": "x"}) == SeatMeta("x", "random")
    assert SeatMeta.from_json({"bot": None}) == SeatMeta("", None)
