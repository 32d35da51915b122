"""Events in words, the same on the terminal and on the board, and the tone they strike.

The engine logs its own sentences in English ("Round 2 of 8 begins.", "Veyra: Sanctions on Korsk."):
the event log is part of the state, which is hashed and must not depend on the language. ``event_text``
reads such a logged sentence back into the language spoken, keeping every name and text the scenario's
author wrote as written; in English, and for any text the engine did not make (a consequence's news, a
facilitator's note), it is the logged text itself. Show ``event_text(scenario, event)`` rather than
``event.text``, and ``outcome_text`` rather than ``outcome.text``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import i18n
from ..i18n import N_, _
from ..rules import engine, facilitator, negotiation, orders, responses

ARROW = " › "  # a glyph every bundled font has
DEFAULT_LOSE_TEXT = N_("The situation has collapsed. Everyone loses.")  # a scenario's lose_text if it gives none


def change_text(scenario, change) -> str:
    """ "Republic of Veyra: Trust in us 70 › 60"."""
    return f"{scenario.meter_label(change.path)} {change.before}{ARROW}{change.after}"


def changes_text(scenario, changes) -> str:
    return "; ".join(change_text(scenario, c) for c in changes)


def tone(scenario, effects, seat: str) -> str:
    """ "good", "bad" or "mixed": which way ``effects`` (a crisis's, as the scenario declares them) move
    the meters ``seat`` sees, each by its good direction. Not every event the engine calls a crisis is
    bad news (a donor conference, a ceasefire): the board should not dress good news as an alarm. Only
    meters the seat sees count, so the tone says nothing of a hidden one."""
    from ..rules.compiler import constant_value
    from ..rules.observe import meter_visible

    score = 0
    for e in effects:
        if e.path not in scenario.meters or not meter_visible(scenario, e.path, seat) or e.op != "add":
            continue
        if e.span is not None:
            amount = sum(e.span)
        else:
            try:
                amount = constant_value(e.value.node)
            except LookupError:
                continue
        if amount:
            score += (1 if amount > 0 else -1) * (1 if scenario.meters[e.path].good == "high" else -1)
    return "good" if score > 0 else "bad" if score < 0 else "mixed"


# --------------------------------------------------------------------------- the engine's sentences, retold

_FIELD = re.compile(r"\{(\w+)(?::([^{}]*))?\}")


@lru_cache(maxsize=256)
def _pattern(template: str, choices: tuple = ()) -> re.Pattern:
    """``template`` as a pattern that reads its fields back out of the text it made; ``choices``:
    (field, the values it may hold) for the fields that hold a name, so that a name holding a word of the
    sentence ("Development and Treasury") is read whole."""
    known = dict(choices)
    out, pos = [], 0
    for m in _FIELD.finditer(template):
        out.append(re.escape(template[pos : m.start()]))
        name = m.group(1)
        if name in known:
            values = sorted(known[name], key=len, reverse=True)
            out.append(f"(?P<{name}>{'|'.join(map(re.escape, values))})" if values else "(?!)")
        elif m.group(2) == "+d":
            out.append(f"(?P<{name}>[+-]\\d+)")
        else:
            out.append(f"(?P<{name}>.+?)")
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out), re.S)


def _fields(template: str, text: str, **choices) -> dict | None:
    """The values ``template.format`` was given to make ``text``, or None if it did not make it."""
    key = tuple(sorted((k, tuple(sorted(v))) for k, v in choices.items()))
    m = _pattern(template, key).fullmatch(text)
    if m is None:
        return None
    fields: dict = m.groupdict()
    for f in _FIELD.finditer(template):
        if f.group(2) == "+d":
            fields[f.group(1)] = int(fields[f.group(1)])
    return fields


def _retold(template: str, text: str, fix=None, **choices) -> str | None:
    """``text``, made by ``template``, in the language spoken; ``fix(fields)`` may put a field in it too."""
    fields = _fields(template, text, **choices)
    if fields is None:
        return None
    if fix is not None:
        fields = fix(fields)
    return _(template).format(**fields)


def _first(text: str, *templates: str, fix=None, **choices) -> str | None:
    for template in templates:
        told = _retold(template, text, fix, **choices)
        if told is not None:
            return told
    return None


def _roles(scenario) -> set[str]:
    return {r.name for r in scenario.roles}


def _names(scenario) -> set[str]:
    return {a.name for a in scenario.actors} | _roles(scenario)


def failure_reason(scenario, event) -> str:
    """Why an order could not be carried out (an ``order_failed`` event), in the language spoken
    (``scenario`` may be None: a condition the order required is then quoted as logged)."""
    text = event.text
    why = text[text.find("(") + 1 : text.rfind(")")] if "(" in text else text
    if i18n.language() == i18n.SOURCE:
        return why
    inst = scenario.find_instrument(event.ref) if scenario is not None else None
    fields = _fields(engine.FAILED, text)
    if fields is not None:
        why = fields["problem"]
    return _problem(scenario, inst, why)


def _problem(scenario, inst, why: str) -> str:
    def condition(fields: dict) -> dict:
        if "condition" in fields and inst is not None and inst.requires is not None:
            fields["condition"] = orders._readable(scenario, inst.requires)
        return fields

    return _first(why, engine.COSTS_NOW, *orders.LOGGED, fix=condition) or why


def _order(scenario, event) -> str | None:
    inst = scenario.find_instrument(event.ref)
    if inst is None:
        return None
    text, rest = event.text, ""
    for o in sorted(inst.outcomes, key=lambda o: len(o.text)):  # an outcome's own (the author's) text follows
        if o.text and event.text.endswith(" " + o.text):
            text, rest = event.text[: -len(o.text) - 1], " " + o.text
    told = _first(
        text,
        engine.ORDER_ON,
        engine.ORDER,
        role=_roles(scenario),
        instrument={inst.name},
        target=_names(scenario),
    )
    return None if told is None else told + rest


def _failed(scenario, event) -> str | None:
    inst = scenario.find_instrument(event.ref)
    if inst is None:
        return None

    def problem(fields: dict) -> dict:
        fields["problem"] = _problem(scenario, inst, fields["problem"])
        return fields

    return _retold(engine.FAILED, event.text, problem, role=_roles(scenario), instrument={inst.name})


def _crisis(scenario, event) -> str | None:
    if not scenario.has_crisis(event.ref):
        return None
    crisis = scenario.crisis(event.ref)
    parts = [(crisis.title, crisis.text), *((s.title, s.text) for s in crisis.stages)]
    text = event.text
    if event.kind in ("crisis_started", "crisis_escalated"):
        for title, words in parts:
            if text == engine.CRISIS_NEWS.format(title=title, text=words):
                return _(engine.CRISIS_NEWS).format(title=title, text=words)
    elif event.kind == "crisis_ongoing":
        for title, _words in parts:
            if text == engine.CONTINUES.format(title=title):
                return _(engine.CONTINUES).format(title=title)
    elif event.kind == "crisis_ended":
        for template in (engine.RESOLVED, engine.RAN_ITS_COURSE):
            if text == template.format(title=crisis.title):
                return _(template).format(title=crisis.title)
    return None


def _overrides(text: str) -> str | None:
    fields = _fields(engine.OVERRODE, text)
    if fields is None:
        return None
    parts, pending = [], ""
    for piece in fields["overrides"].split("; "):  # a reason may hold "; " too
        pending = f"{pending}; {piece}" if pending else piece
        told = _retold(engine.OVERRIDE, pending)
        if told is not None:
            parts.append(told)
            pending = ""
    if pending:
        return None
    return _(engine.OVERRODE).format(overrides="; ".join(parts))


def _terms(scenario, text: str, parties: set[str]) -> str | None:
    """The terms of a deal as the log gives them ("A plays X on B in round 2; ..."), in the language spoken."""
    rounds = range(1, scenario.rounds + 1)
    choices = {
        "role": parties,
        "instrument": {i.name for i in scenario.instruments},
        "target": _names(scenario),
        "when": {negotiation.IN_ROUND.format(round=r) for r in rounds},
    }
    sentences = (negotiation.SKIPS_ON, negotiation.SKIPS, negotiation.PLAYS_ON, negotiation.PLAYS)
    told = []
    rest = text
    while rest:  # terms are joined by "; ", which a name may hold too: the longest piece that reads as a term
        for end in [i for i in range(len(rest), 0, -1) if i == len(rest) or rest.startswith("; ", i)]:
            said = _first(rest[:end], *sentences, fix=_when, **choices)
            if said is not None:
                told.append(said)
                rest = rest[end + 2 :]
                break
        else:
            return None
    return _(negotiation.TERMS_JOIN).join(told)


def _when(fields: dict) -> dict:
    when = _fields(negotiation.IN_ROUND, fields["when"])
    if when is not None:
        fields["when"] = negotiation.in_round().format(**when)
    return fields


def _deal(scenario, event) -> str | None:
    template = negotiation.DEAL_BROKEN if event.kind == "deal_broken" else negotiation.DEAL_KEPT
    roles = _roles(scenario)
    both = {negotiation.BOTH.format(a=a, b=b) for a in roles for b in roles if a != b}
    fields = _fields(template, event.text, a=roles, b=roles, who=roles | both)
    if fields is None:
        return None
    terms = _terms(scenario, fields["terms"], {fields["a"], fields["b"]})
    if terms is None:
        return None
    fields["terms"] = terms
    if "who" in fields and fields["who"] not in roles:
        pair = _fields(negotiation.BOTH, fields["who"], a=roles, b=roles)
        if pair is None:
            return None
        fields["who"] = _(negotiation.BOTH).format(**pair)
    return _(template).format(**fields)


def _facilitator(scenario, event) -> str | None:
    if event.kind == "mode":
        fields = _fields(facilitator.MODE_SET, event.text, mode=set(facilitator.MODE_NAMES))
        if fields is None:
            return None
        return _(facilitator.MODE_SET).format(mode=_(facilitator.MODE_NAMES[fields["mode"]]))
    if event.kind == "schedule":
        return _first(event.text, facilitator.INJECT_DEFERRED, facilitator.INJECT_SKIPPED)
    if event.kind == "adjust" and event.ref in scenario.meters:
        label = scenario.meters[event.ref].label
        return _retold(facilitator.ADJUSTED, event.text, meter={label}, path={event.ref})
    return None


def _retell(scenario, event) -> str | None:
    kind, text = event.kind, event.text
    if kind == "round":
        return _retold(engine.ROUND_BEGINS, text)
    if kind == "order":
        return _order(scenario, event)
    if kind == "order_failed":
        return _failed(scenario, event)
    if kind.startswith("crisis_"):
        return _crisis(scenario, event)
    if kind == "scheduled":
        return _retold(engine.WILL_FIRE, text)
    if kind == "drift":
        return _(engine.DRIFT) if text == engine.DRIFT else None
    if kind == "game_over":
        return _outcome_words(text)
    if kind == "adjudication":
        return _overrides(text)
    if kind in ("mode", "schedule", "adjust"):
        return _facilitator(scenario, event)
    if kind == "response":
        return _retold(responses.RESPONDS, text, actor={a.name for a in scenario.actors})
    if kind in ("deal_broken", "deal_kept"):
        return _deal(scenario, event)
    return None


def _outcome_words(text: str) -> str | None:
    if text == engine.LAST_ROUND:
        return _(engine.LAST_ROUND)
    if text == DEFAULT_LOSE_TEXT:
        return _(DEFAULT_LOSE_TEXT)
    return None


def event_text(scenario, event) -> str:
    """What ``event`` says, in the language spoken: the engine's own sentences translated, every name and
    text of the scenario's author as written (see the module doc). In English, ``event.text`` itself."""
    if i18n.language() == i18n.SOURCE:
        return event.text
    try:
        told = _retell(scenario, event)
    except (KeyError, IndexError, ValueError, AttributeError):  # a log from another version of a scenario
        told = None
    return event.text if told is None else told


def outcome_text(scenario, outcome) -> str:
    """How the game ended (``Outcome.text``), in the language spoken: the engine's own words translated,
    the author's ``lose_text`` as written."""
    if i18n.language() == i18n.SOURCE:
        return outcome.text
    return _outcome_words(outcome.text) or outcome.text
