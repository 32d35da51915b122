"""The strict shape of a save file, checked before anything replays it.

A save may come from anywhere (a mail attachment, a half-written disk, a
curious player with an editor). This module turns its bytes into plain,
bounded data or raises ``Damaged`` with a short reason: size capped before
reading, JSON parsed with limits on number length and nesting, every string
valid Unicode, and every field of the header, the metadata and the action log
of the right type, range and length. ``save.parse_save`` is its one caller.
"""

from __future__ import annotations

import json
import math
import re

from ..i18n import N_, _

MAX_BYTES = 16 * 1024 * 1024  # a long facilitated game is well under 1 MB
MAX_DEPTH = 24  # the deepest real save is 5 levels
MAX_NUMBER_CHARS = 24  # seeds fit in 20 digits
MAX_FILES = 200
MAX_FILE_CHARS = 4 * 1024 * 1024
MAX_ACTIONS = 20_000  # a two-hour exercise logs about 200; the log replays in quadratic time
MAX_ID = 200  # ids, roles, instruments, bot names, meter paths
MAX_NAME = 200  # player names, titles, file names
MAX_TEXT = 20_000  # notes and reasons
MAX_LIST = 10_000
SEED_RANGE = (-(2**63), 2**64)  # what the generator keeps (64 bits), either sign
SMALL_INT = 10**9  # deltas, indices, counters
HEX64 = re.compile(r"^[0-9a-f]{64}$")


class Damaged(Exception):
    """The save is damaged; the message is the short reason."""


# --------------------------------------------------------------------------- bytes -> JSON


def _parse_int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_CHARS:
        raise Damaged(_long_number().format(n=len(digits), limit=MAX_NUMBER_CHARS))
    return int(digits)


def _long_number() -> str:  # (one message, said in two places)
    return _("a number with {n} digits (saves hold none longer than {limit})")


def _parse_float(digits: str) -> float:
    if len(digits) > MAX_NUMBER_CHARS:
        raise Damaged(_long_number().format(n=len(digits), limit=MAX_NUMBER_CHARS))
    value = float(digits)
    if not math.isfinite(value):
        raise Damaged(_("the number {number} is out of range").format(number=digits))
    return value


def _constant(name: str):
    raise Damaged(_("'{name}' is not a number a save can hold").format(name=name))


def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise Damaged(_("the key '{key}' appears twice in one object").format(key=short(key)))
        out[key] = value
    return out


def decode_text(raw: bytes) -> str:
    if b"\x00" in raw:
        raise Damaged(_("it is binary data, not a Demarche save"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Damaged(
            _("not UTF-8 text (bad byte at offset {offset}); it is not a Demarche save").format(offset=e.start)
        ) from None


def load_json(text: str):
    """JSON to Python data, with every number, string and nesting level bounded."""
    try:
        data = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_constant,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as e:
        cut = e.pos >= len(text.rstrip()) - 1 or e.msg.startswith("Unterminated")
        # (``e.msg`` is the JSON parser's own English)
        where = _("not a readable save: {problem} (line {line}, column {column})").format(
            problem=e.msg, line=e.lineno, column=e.colno
        )
        raise Damaged(where + (_("; it looks cut short") if cut else "")) from None
    except RecursionError:
        raise Damaged(_too_deep().format(levels=MAX_DEPTH)) from None
    _check_tree(data)
    return data


def _too_deep() -> str:  # (one message, said in two places)
    return _("not a readable save: nested deeper than any save ({levels} levels)")


def _check_tree(data) -> None:
    """Depth and valid Unicode everywhere, without recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise Damaged(_too_deep().format(levels=MAX_DEPTH))
        if isinstance(value, str):
            _check_unicode(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_unicode(key)
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _check_unicode(s: str) -> None:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise Damaged(_("it holds text that is not valid Unicode (a lone surrogate)")) from None
    if "\x00" in s:
        raise Damaged(_("it holds text with a NUL character"))


def _at(where: str) -> str:
    return _("{where}: ").format(where=_(where)) if where else ""


def short(s, n: int = 40) -> str:
    """A value named in a message: one printable line (a damaged save may hold any text), cut at ``n``."""
    s = "".join(c if c.isprintable() else "?" for c in str(s))
    return s if len(s) <= n else s[:n] + "…"


# --------------------------------------------------------------------------- fields


_KIND = {
    dict: N_("an object"),
    list: N_("a list"),
    str: N_("text"),
    int: N_("a whole number"),
    float: N_("a number"),
    bool: N_("true or false"),
    type(None): N_("null"),
}
# The parts of a save a message names (``where``), looked up where shown.
PLACES = (N_("save scenario"), N_("save metadata"), N_("facilitator PIN"), N_("branch parent"))


def need(data: dict, key: str, kind, where: str = "", optional: bool = False, default=None, nullable: bool = False):
    """``data[key]`` of type ``kind`` (bool is not an int); missing: an error, or
    ``default`` when ``optional``; null only when ``nullable``."""
    if key not in data or (nullable and data[key] is None):
        if optional or nullable:
            return default
        if where:
            raise Damaged(_("{where} has no '{key}': the file is incomplete").format(where=_(where), key=key))
        raise Damaged(_("no '{key}': the file is incomplete").format(key=key))
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        names = _(" or ").join(_(_KIND.get(k, k.__name__)) for k in kinds)
        found = _(_KIND.get(type(value), type(value).__name__))
        raise Damaged(
            _at(where) + _("'{key}' should be {kinds}, not {found}").format(key=key, kinds=names, found=found)
        )
    return value


def text(
    data: dict,
    key: str,
    where: str,
    limit: int,
    optional: bool = False,
    default=None,
    empty: bool = True,
    nullable: bool = False,
):
    value = need(data, key, str, where, optional, default, nullable)
    if value is None:
        return None
    if len(value) > limit:
        raise Damaged(
            _at(where)
            + _("'{key}' is {n} characters long (at most {limit})").format(key=key, n=len(value), limit=limit)
        )
    if not empty and not value:
        raise Damaged(_at(where) + _("'{key}' is empty").format(key=key))
    return value


def integer(data: dict, key: str, where: str, lo: int, hi: int, optional: bool = False, default=None):
    value = need(data, key, int, where, optional, default)
    if value is None:
        return None
    if not lo <= value < hi:
        raise Damaged(_at(where) + _("'{key}' = {value} is out of range").format(key=key, value=short(value, 24)))
    return value


def items(data: dict, key: str, where: str, limit: int = MAX_LIST, optional: bool = False) -> list:
    value = need(data, key, list, where, optional, [])
    if len(value) > limit:
        raise Damaged(
            _at(where) + _("'{key}' has {n} entries (at most {limit})").format(key=key, n=len(value), limit=limit)
        )
    return value


# --------------------------------------------------------------------------- header and metadata


def check_files(sc: dict) -> dict[str, str]:
    files = need(sc, "files", dict, "save scenario")
    if not files or len(files) > MAX_FILES:
        raise Damaged(_("the embedded scenario has {n} files").format(n=len(files)))
    for key, value in files.items():
        if not isinstance(value, str) or len(key) > MAX_NAME or len(value) > MAX_FILE_CHARS:
            raise Damaged(_("the embedded scenario files are damaged"))
    return files


def check_header(data: dict) -> dict:
    """The header fields of a save, strictly typed and bounded."""
    sc = need(data, "scenario", dict)
    files = check_files(sc)
    main = text(sc, "main", "save scenario", MAX_NAME, empty=False)
    if main not in files:
        raise Damaged(_("the embedded scenario has no main file '{file}'").format(file=short(main)))
    content_hash = text(sc, "content_hash", "save scenario", 64)
    final_hash = text(data, "final_hash", "", 64)
    for key, value in (("content_hash", content_hash), ("final_hash", final_hash)):
        if not HEX64.match(value):
            raise Damaged(_("'{key}' is not a state hash").format(key=key))
    return {
        "scenario_id": text(sc, "id", "save scenario", MAX_ID, empty=False),
        "main": main,
        "with_": check_with(sc),
        "files": files,
        "content_hash": content_hash,
        "seed": integer(data, "seed", "", *SEED_RANGE),
        "final_hash": final_hash,
        "round": integer(data, "round", "", 0, SMALL_INT),
        "over": need(data, "over", bool),
        "created": text(data, "created", "", 64, optional=True, default=""),
        "meta": check_meta(need(data, "meta", dict, optional=True, default={})),
    }


def check_with(sc: dict) -> tuple[str, ...]:
    """The optional seats a game was played with (``"with"`` of the save's scenario; absent: none)."""
    named = items(sc, "with", "save scenario", optional=True)
    for name in named:
        if not isinstance(name, str) or not name or len(name) > MAX_ID:
            raise Damaged(_("the save scenario's 'with' should list role ids"))
    if len(set(named)) != len(named):
        raise Damaged(_("the save scenario's 'with' names a seat twice"))
    return tuple(named)


def check_meta(meta: dict) -> dict:
    """The bookkeeping the board keeps in a save; known keys must have their type.

    Unknown keys are kept (a newer version may add some): the tree check has
    already bounded them.
    """
    from ..bots import BotNameError, read_bot

    w = "save metadata"
    for key in ("title", "source", "preview", "phase"):
        text(meta, key, w, MAX_NAME if key != "source" else 4096, optional=True)
    if "game_id" in meta:
        gid = text(meta, "game_id", w, 64)
        if not re.fullmatch(r"[0-9a-f]{12,64}", gid):
            raise Damaged(_("save metadata: 'game_id' is not a game id"))
    seats = need(meta, "seats", dict, w, optional=True, default={})
    for role, seat in seats.items():
        ws = _("seat '{role}'").format(role=short(role))
        if len(role) > MAX_ID or not isinstance(seat, dict):
            raise Damaged(_at(w) + _("{seat} is damaged").format(seat=ws))
        text(seat, "name", ws, MAX_NAME, optional=True)
        bot = text(seat, "bot", ws, MAX_ID, optional=True, nullable=True)  # null: a human
        if bot is not None:
            try:
                read_bot(bot)
            except BotNameError:
                raise Damaged(_at(ws) + _("unknown bot '{bot}'").format(bot=short(bot))) from None
    for key in ("briefed", "talked"):
        for role in items(meta, key, w, optional=True):
            if not isinstance(role, str) or len(role) > MAX_ID:
                raise Damaged(_at(w) + _("'{key}' holds something that is not a role").format(key=key))
    integer(meta, "talked_round", w, 0, SMALL_INT, optional=True)
    read = need(meta, "talks_read", dict, w, optional=True, default={})
    for role in read:
        if len(role) > MAX_ID:
            raise Damaged(_at(w) + _("'{key}' holds something that is not a role").format(key="talks_read"))
        integer(read, role, _at(w) + "'talks_read'", 0, SMALL_INT)
    if "news_round" in meta and meta["news_round"] != "final":
        integer(meta, "news_round", w, 0, SMALL_INT)
    integer(meta, "news_index", w, 0, SMALL_INT, optional=True)
    fac = need(meta, "facilitator", dict, w, optional=True)
    if fac is not None:
        text(fac, "salt", "facilitator PIN", MAX_ID)
        text(fac, "pin", "facilitator PIN", MAX_ID)
    parent = need(meta, "parent", dict, w, optional=True)
    if parent is not None:
        text(parent, "file", "branch parent", MAX_NAME, optional=True)
        text(parent, "final_hash", "branch parent", 64, optional=True)
        integer(parent, "round", "branch parent", 0, SMALL_INT, optional=True)
        integer(parent, "actions", "branch parent", 0, SMALL_INT, optional=True)
    return meta
