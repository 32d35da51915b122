"""Actions to and from JSON data, strictly: a save is only as good as its log."""

from __future__ import annotations

from ..i18n import _
from ..rules.state import (
    Adjust,
    Answer,
    Inject,
    Note,
    Order,
    Override,
    Propose,
    Reschedule,
    Resolve,
    SetMode,
    Submit,
    Term,
    Write,
)


class CodecError(ValueError):
    pass


MAX_TEXT = 20_000  # a note or a reason; ids are far shorter
MAX_INT = 10**9  # deltas, indices, rounds
MAX_ITEMS = 1_000  # orders, reasons, overrides in one action


def encode_action(action) -> dict:
    if isinstance(action, Submit):
        return {
            "type": "submit",
            "role": action.role,
            "orders": [
                {"instrument": o.instrument, "target": o.target, "reasons": list(o.reasons)} for o in action.orders
            ],
        }
    if isinstance(action, Resolve):
        if not action.overrides:
            return {"type": "resolve"}
        return {
            "type": "resolve",
            "overrides": [{"key": o.key, "delta": o.delta, "reason": o.reason} for o in action.overrides],
        }
    if isinstance(action, Note):
        return {"type": "note", "text": action.text, "about": action.about}
    if isinstance(action, SetMode):
        return {"type": "mode", "mode": action.mode}
    if isinstance(action, Reschedule):
        return {
            "type": "reschedule",
            "index": action.index,
            "op": action.op,
            "rounds": action.rounds,
            "reason": action.reason,
        }
    if isinstance(action, Inject):
        return {"type": "inject", "crisis": action.crisis, "reason": action.reason}
    if isinstance(action, Adjust):
        return {"type": "adjust", "path": action.path, "delta": action.delta, "reason": action.reason}
    if isinstance(action, Write):
        return {"type": "write", "role": action.role, "to": list(action.to), "text": action.text}
    if isinstance(action, Propose):
        data: dict = {
            "type": "propose",
            "role": action.role,
            "partner": action.partner,
            "terms": [
                {"role": t.role, "instrument": t.instrument, "target": t.target, "round": t.round, "do": t.do}
                for t in action.terms
            ],
            "text": action.text,
        }
        if action.counters is not None:
            data["counters"] = action.counters
        return data
    if isinstance(action, Answer):
        return {"type": "answer", "role": action.role, "deal": action.deal, "accept": action.accept}
    raise CodecError(_("cannot save action {action!r}").format(action=action))


def _field(data: dict, key: str, kind, where: str, optional: bool = False):
    if key not in data:
        if optional:
            return None
        raise CodecError(_("{where}: missing '{key}'").format(where=where, key=key))
    value = data[key]
    if value is None and optional:
        return None
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise CodecError(
            _("{where}: '{key}' should be {kind}, not {found}").format(
                where=where, key=key, kind=kind.__name__, found=type(value).__name__
            )
        )
    if isinstance(value, (str, list)) and len(value) > (MAX_TEXT if kind is str else MAX_ITEMS):
        raise CodecError(_("{where}: '{key}' is too long ({n})").format(where=where, key=key, n=len(value)))
    if kind is int and not -MAX_INT <= value <= MAX_INT:
        raise CodecError(_("{where}: '{key}' is out of range").format(where=where, key=key))
    return value


def _object(where: str) -> str:
    return _("{where}: expected an object").format(where=where)


def decode_action(data, where: str = "action"):
    if not isinstance(data, dict):
        raise CodecError(_object(where))
    kind = _field(data, "type", str, where)
    if kind == "submit":
        orders = []
        for i, o in enumerate(_field(data, "orders", list, where)):
            w = f"{where}.orders[{i}]"
            if not isinstance(o, dict):
                raise CodecError(_object(w))
            reasons = _field(o, "reasons", list, w, optional=True) or []
            if not all(isinstance(r, str) and len(r) <= MAX_TEXT for r in reasons):
                raise CodecError(_("{where}: reasons must be text").format(where=w))
            orders.append(
                Order(_field(o, "instrument", str, w), _field(o, "target", str, w, optional=True), tuple(reasons))
            )
        return Submit(_field(data, "role", str, where), tuple(orders))
    if kind == "resolve":
        overrides = []
        for i, o in enumerate(_field(data, "overrides", list, where, optional=True) or []):
            w = f"{where}.overrides[{i}]"
            if not isinstance(o, dict):
                raise CodecError(_object(w))
            overrides.append(
                Override(_field(o, "key", str, w), _field(o, "delta", int, w), _field(o, "reason", str, w))
            )
        return Resolve(tuple(overrides))
    if kind == "note":
        return Note(_field(data, "text", str, where), _field(data, "about", str, where, optional=True))
    if kind == "mode":
        return SetMode(_field(data, "mode", str, where))
    if kind == "reschedule":
        return Reschedule(
            _field(data, "index", int, where),
            _field(data, "op", str, where),
            _field(data, "rounds", int, where, optional=True) or 1,
            _field(data, "reason", str, where, optional=True) or "",
        )
    if kind == "inject":
        return Inject(_field(data, "crisis", str, where), _field(data, "reason", str, where, optional=True) or "")
    if kind == "adjust":
        return Adjust(
            _field(data, "path", str, where), _field(data, "delta", int, where), _field(data, "reason", str, where)
        )
    if kind == "write":
        to = _field(data, "to", list, where)
        if not all(isinstance(r, str) and len(r) <= MAX_TEXT for r in to):
            raise CodecError(_("{where}: 'to' must list role ids").format(where=where))
        return Write(_field(data, "role", str, where), tuple(to), _field(data, "text", str, where))
    if kind == "propose":
        terms = []
        for i, t in enumerate(_field(data, "terms", list, where)):
            w = f"{where}.terms[{i}]"
            if not isinstance(t, dict):
                raise CodecError(_object(w))
            do = _field(t, "do", bool, w, optional=True)
            terms.append(
                Term(
                    _field(t, "role", str, w),
                    _field(t, "instrument", str, w),
                    _field(t, "target", str, w, optional=True),
                    _field(t, "round", int, w),
                    True if do is None else do,
                )
            )
        return Propose(
            _field(data, "role", str, where),
            _field(data, "partner", str, where),
            tuple(terms),
            _field(data, "text", str, where, optional=True) or "",
            _field(data, "counters", int, where, optional=True),
        )
    if kind == "answer":
        return Answer(
            _field(data, "role", str, where), _field(data, "deal", int, where), _field(data, "accept", bool, where)
        )
    raise CodecError(_("{where}: unknown action type {kind!r}").format(where=where, kind=kind))
