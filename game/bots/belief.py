"""A seat's believed game state, built from its observation and nothing else.

``believed_state(scenario, view)`` takes an ``Observation`` (what
``game.rules.observe.observe`` gives one seat) and returns a full
``GameState`` that the engine can run forward. It never sees the real state,
so it cannot leak what the seat may not know. What goes in:

- meters the seat sees (public meters, its own role meters) at their values,
  and estimated meters it sees as a band at the band's middle;
  every other meter (facilitator-only and hidden meters, other roles' role
  meters) at its declared start value for that path (``start_values``),
  except role meters with a ``refill``, which every briefing resets to it;
- the round, and which crises are active or over (public), each started in
  the round its latest public "crisis_started" event names, at the stage its
  "crisis_escalated" events since then reached;
- past orders as ``used()`` counts them: the seat's own orders (its own order
  events carry them) and the other seats' *public* orders, read back from the
  public order events' text ("Role: Instrument on Actor.") by exact match
  against the scenario's names. Other seats' private orders are unknown;
- consequences that fired, as far as their reveal reached the seat; a
  consequence revealed to nobody, or to others, is believed not to have fired;
- the deals the seat is party to (its own messages are not needed to play);
- no pending consequences (the schedule is facilitator-only), no planned
  injects, no orders submitted this round, and a generator state of 0 (the
  caller puts its own seed in before rolling anything).
"""

from __future__ import annotations

import attrs

from ..rules.model import Scenario, start_values
from ..rules.observe import Observation
from ..rules.orders import targets_for
from ..rules.state import CrisisState, GameState, Played

OrderReading = tuple[str, str, str | None]  # (role, instrument, target)


def _public_order_texts(scenario: Scenario) -> dict[str, OrderReading]:
    """Event text of every public order -> (role, instrument, target), for reading others' public orders."""
    return scenario.derived(_read_public_orders)


def _read_public_orders(scenario: Scenario) -> dict[str, OrderReading]:
    texts: dict[str, OrderReading] = {}
    ambiguous = set()
    for role in scenario.roles:
        for inst_id in role.instruments:
            inst = scenario.instrument(inst_id)
            if inst.visibility != "public":
                continue
            targets: list[str | None] = [*targets_for(scenario, inst, role.id)] if inst.targets else [None]
            for target in targets:
                on = f" on {scenario.name_of(target)}" if target else ""
                text = f"{role.name}: {inst.name}{on}."
                # with an outcome table, the news adds the outcome's text (engine._with_outcome)
                for told in [text] + [f"{text} {o.text}" for o in inst.outcomes if o.text]:
                    if told in texts and texts[told] != (role.id, inst_id, target):
                        ambiguous.add(told)
                    texts[told] = (role.id, inst_id, target)
    for text in ambiguous:  # two readings of one text: believe neither
        del texts[text]
    return texts


def believed_history(scenario: Scenario, view: Observation) -> tuple[Played, ...]:
    """The resolved orders the seat knows of, in the order they were resolved."""
    texts = _public_order_texts(scenario)
    out: list[Played] = []
    for e in view.events:
        if e.kind != "order":
            continue
        cause = e.cause
        if cause is not None and cause.kind == "order" and cause.role == view.seat and cause.orders:
            out.extend(cause.orders)  # its own order: the seat knows exactly what it did
            continue
        found = texts.get(e.text)
        if found is None:
            continue
        role, inst_id, target = found
        inst = scenario.instrument(inst_id)
        out.append(Played(e.round, role, inst_id, target, inst.category, inst.signals, True))
    return tuple(out)


def believed_state(scenario: Scenario, view: Observation) -> GameState:
    """A state consistent with ``view``; everything the seat cannot see is a neutral guess (see module doc)."""
    meters = start_values(scenario)
    for role in scenario.roles:  # the rules refill these at every briefing, so their value is known
        for m in scenario.role_meters:
            if m.refill is not None:
                meters[f"{role.id}.{m.id}"] = m.refill
    meters.update(view.meters)
    for path, (lo, hi) in view.bands.items():  # an estimated meter: the middle of its band
        meters[path] = (lo + hi) // 2
    started: dict[str, int] = {}  # the latest time each crisis broke (a crisis may recur)
    breaks: dict[str, int] = {}
    stage: dict[str, int] = {}  # escalations since it last broke
    fired: list[tuple[str, int]] = []
    for e in view.events:
        if e.kind == "crisis_started" and e.ref:
            started[e.ref] = e.round
            breaks[e.ref] = breaks.get(e.ref, 0) + 1
            stage[e.ref] = 0
        elif e.kind == "crisis_escalated" and e.ref:
            stage[e.ref] = stage.get(e.ref, 0) + 1
        elif e.kind == "consequence" and e.ref is not None and scenario.has_consequence(e.ref):
            fired.append((e.ref, e.round))
        elif e.kind == "response" and e.ref:  # an actor's response is public news
            fired.append((e.ref, e.round))
    ended_round = {e.ref: e.round for e in view.events if e.kind == "crisis_ended"}

    def crisis(c: str, ended: int | None) -> CrisisState:
        return CrisisState(c, started.get(c, view.round), ended, stage.get(c, 0), breaks.get(c, 1))

    crises = [crisis(c, None) for c in view.active_crises]
    crises += [crisis(c, ended_round.get(c, view.round)) for c in view.ended_crises]
    return GameState(
        round=view.round,
        meters=meters,
        rng=0,
        history=believed_history(scenario, view),
        crises=tuple(crises),
        fired=tuple(fired),
        outcome=view.outcome,
        schedule=(None,) * len(scenario.schedule),
        deals=view.deals,
    )


def inferred_state(scenario: Scenario, view: Observation) -> GameState:
    """``believed_state`` with the unseen meters moved by what the seat knows pushed them.

    Another role's meters (its standing with its capital, say) and hidden
    meters stay at their start values in ``believed_state``; but the seat saw
    the other roles' public orders and the consequences revealed to it, and the
    rules say what each of them does; and so for the public crises, when they
    broke and each round they went on. Every such effect on a meter it cannot
    see, when the effect is a plain number (one that reads nothing), is added
    (orders, then consequences, then crises), clipped to the meter's range.
    Effects that read the state and private orders stay unknown. The
    search bot models the other seats from this: a seat whose standing has
    climbed stops playing for standing.
    """
    believed = believed_state(scenario, view)
    meters = dict(believed.meters)
    hidden = {
        p for p, m in scenario.meters.items() if p not in view.meters and p not in view.bands and m.refill is None
    }
    if not hidden:
        return believed

    def push(path: str, effect) -> None:
        if path not in hidden or effect.value.reads or effect.value.functions:
            return
        try:
            value = float(effect.value.fn(None))
        except Exception:  # an effect that needs a context after all: unknown
            return
        m = scenario.meters[path]
        new = value if effect.op == "set" else meters[path] + value
        meters[path] = min(m.max, max(m.min, int(new + 0.5) if new >= 0 else -int(-new + 0.5)))

    known = {e.ref for e in view.events if e.kind == "consequence"}
    for p in believed.history:
        if p.role != view.seat and not p.public:  # another seat's private order: unknown
            continue
        for effect in scenario.instrument(p.instrument).effects:
            owner, _, rest = effect.path.partition(".")
            path = f"{p.role}.{rest}" if owner == "self" else f"{p.target}.{rest}" if owner == "target" else effect.path
            push(path, effect)
    for cid in (c for c, _ in believed.fired if c in known):
        for effect in scenario.consequence(cid).effects:
            push(effect.path, effect)
    for e in view.events:  # a crisis's effects when it broke, its ongoing ones each round it went on
        if e.kind in ("crisis_started", "crisis_ongoing") and scenario.has_crisis(e.ref):
            crisis = scenario.crisis(e.ref)
            for effect in crisis.effects if e.kind == "crisis_started" else crisis.ongoing:
                push(effect.path, effect)
    return attrs.evolve(believed, meters=meters)
