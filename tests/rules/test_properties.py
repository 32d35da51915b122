"""Property tests over random legal games: determinism, replay equality,
clamping, and observations that never leak another seat's secrets."""

from __future__ import annotations

import random
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.bots import RandomBot
from game.rules.engine import apply, new_game, play
from game.rules.hashing import state_hash
from game.rules.model import PUBLIC
from game.rules.news import fixed_parts
from game.rules.observe import observe
from game.rules.orders import legal_orders, orders_problem
from game.rules.state import (
    ALL,
    FACILITATOR_SEAT,
    PUBLIC_SEAT,
    Adjust,
    Inject,
    Order,
    Resolve,
    Submit,
)
from game.scenario import load_scenario

from .builders import O, make_rich_scenario, make_scenario, round_of

SCENARIO = make_rich_scenario(rounds=5)
SMALL = make_scenario()

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

seeds = st.integers(min_value=0, max_value=2**64 - 1)


# --------------------------------------------------------------------------- random legal games


def choose(sc, state, role, rnd: random.Random) -> tuple[Order, ...]:
    """Random legal orders, each carrying a reason that names its role (a secret marker)."""
    options = legal_orders(sc, state, role)
    rnd.shuffle(options)
    want = rnd.randint(0, sc.role(role).orders)
    chosen: list[Order] = []
    for o in options:
        if len(chosen) >= want:
            break
        o = Order(o.instrument, o.target, (f"REASON-{role}-{rnd.randrange(10**6)}",))
        if orders_problem(sc, state, role, tuple(chosen) + (o,)) is None:
            chosen.append(o)
    return tuple(chosen)


def facilitator_action(sc, state, rnd: random.Random, n: int):
    if rnd.random() < 0.7:
        path = rnd.choice(sorted(sc.meters))
        return Adjust(path, rnd.randint(-70, 70), f"FACIL-REASON-{n}")
    broken = {c.id for c in state.crises}
    options = [c.id for c in sc.crises if c.id not in broken]
    return Inject(rnd.choice(options), f"FACIL-INJECT-{n}") if options else None


def random_game(sc, rnd: random.Random, game_seed: int, facilitator: bool = True):
    """Play a random legal game to the end. Returns (states, actions); states[0] is the new game."""
    state = new_game(sc, game_seed)
    states, actions = [state], []

    def step(action):
        nonlocal state
        state, _ = apply(sc, state, action)
        states.append(state)
        actions.append(action)

    n = 0
    while not state.over:
        roles = list(sc.role_ids)
        rnd.shuffle(roles)
        for role in roles:
            for _ in range(rnd.choice((1, 1, 1, 2))):  # sometimes a seat changes its mind
                if facilitator and rnd.random() < 0.2:
                    action = facilitator_action(sc, state, rnd, n)
                    n += 1
                    if action is not None:
                        step(action)
                step(Submit(role, choose(sc, state, role, rnd)))
        step(Resolve())
    return states, actions


def bot_game(sc, seed: int, game_seed: int):
    """A game played by game.bots.RandomBot in every seat."""
    bots = {r: RandomBot(seed + i) for i, r in enumerate(sc.role_ids)}
    state = new_game(sc, game_seed)
    actions = []
    while not state.over:
        for role in sc.role_ids:
            actions.append(Submit(role, bots[role].choose(sc, state, role)))
            state, _ = apply(sc, state, actions[-1])
        actions.append(Resolve())
        state, _ = apply(sc, state, actions[-1])
    return state, actions


# --------------------------------------------------------------------------- determinism, replay


@PROPERTY_SETTINGS
@given(seed=seeds, game_seed=seeds)
def test_determinism_same_seed_same_actions_same_hash(seed, game_seed):
    states1, actions1 = random_game(SCENARIO, random.Random(seed), game_seed)
    states2, actions2 = random_game(SCENARIO, random.Random(seed), game_seed)
    assert actions1 == actions2
    assert [state_hash(s) for s in states1] == [state_hash(s) for s in states2]
    assert states1[-1].over


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32), game_seed=seeds)
def test_determinism_with_random_bots(seed, game_seed):
    for sc in (SCENARIO, SMALL):
        end1, actions1 = bot_game(sc, seed, game_seed)
        end2, actions2 = bot_game(sc, seed, game_seed)
        assert actions1 == actions2
        assert state_hash(end1) == state_hash(end2)
        assert state_hash(play(sc, actions1, game_seed)) == state_hash(end1)


@PROPERTY_SETTINGS
@given(rnd=st.randoms(use_true_random=False), game_seed=seeds, cut=st.floats(0, 1))
def test_replay_equals_step_by_step(rnd, game_seed, cut):
    states, actions = random_game(SCENARIO, rnd, game_seed)
    replayed = play(SCENARIO, actions, game_seed)
    assert replayed == states[-1]
    assert state_hash(replayed) == state_hash(states[-1])
    k = int(cut * len(actions))  # any prefix replays to the state reached at that point
    assert state_hash(play(SCENARIO, actions[:k], game_seed)) == state_hash(states[k])


def test_hash_is_sensitive_to_the_state():
    states, actions = random_game(SCENARIO, random.Random(1), 5)
    # every Resolve adds events (at least a new round or the end), so those states all differ
    resolved = [state_hash(s) for s, a in zip(states[1:], actions, strict=True) if isinstance(a, Resolve)]
    assert len(resolved) >= 2 and len(set(resolved)) == len(resolved)
    assert state_hash(new_game(SCENARIO, 5)) != state_hash(new_game(SCENARIO, 6))  # the generator is state
    s = states[-1]
    bumped = attrs.evolve(s, meters={**s.meters, "stability": s.meters["stability"] + 1})
    assert state_hash(bumped) != state_hash(s)


# --------------------------------------------------------------------------- clamping


@PROPERTY_SETTINGS
@given(rnd=st.randoms(use_true_random=False), game_seed=seeds)
def test_meters_stay_within_their_range(rnd, game_seed):
    states, _ = random_game(SCENARIO, rnd, game_seed)
    for state in states:
        assert set(state.meters) == set(SCENARIO.meters)
        for path, v in state.meters.items():
            m = SCENARIO.meters[path]
            assert type(v) is int, (path, v)
            assert m.min <= v <= m.max, (path, v, m.min, m.max)


# --------------------------------------------------------------------------- observe never leaks

RED_CELL = load_scenario(Path(__file__).parent / "fixtures" / "embassy.toml")


def visible_paths(sc, seat) -> set[str]:
    """Which meters a seat may see, from the format rules (written independently of observe.py)."""
    if seat == FACILITATOR_SEAT:
        return set(sc.meters)

    def seen(m) -> bool:  # public, or a list of role ids naming this seat
        return m.visibility == PUBLIC or (isinstance(m.visibility, tuple) and seat in m.visibility)

    out = {m.id for m in sc.global_meters if seen(m)}
    out |= {f"{a.id}.{m.id}" for a in sc.actors for m in sc.actor_meters if seen(m)}
    if seat in sc.role_ids:
        out |= {f"{seat}.{m.id}" for m in sc.role_meters if m.visibility == PUBLIC}
        played = sc.role(seat).plays  # a red cell also sees its actor's facilitator meters, never hidden ones
        if played is not None:
            out |= {f"{played}.{m.id}" for m in sc.actor_meters if m.visibility == "facilitator"}
    return out


def told(sc, p, seat) -> bool:
    """Whether ``seat`` is told of the private order ``p``: it is aimed at the seat, or at the actor it plays."""
    return seat is not None and seat in sc.role_ids and (p.target == seat or p.target == sc.role(seat).plays)


def role_secrets(sc, state, role_id, viewer=None) -> list[str]:
    """Strings only ``role_id`` (and the facilitator) may see; with ``viewer``, less what it is told."""
    role = sc.role(role_id)
    out = [role.briefing, f"REASON-{role_id}-"]
    out += [o.text for o in role.objectives]
    for p in state.history:
        inst = sc.instrument(p.instrument)
        if p.role == role_id and inst.visibility == "private" and not told(sc, p, viewer):
            out.append(f"{role.name}: {inst.name}" + (f" on {sc.name_of(p.target)}" if p.target else ""))
    return out


FACILITATOR_SECRETS = [
    "FACIL-REASON-",
    "FACIL-INJECT-",
    "REVEAL-FACILITATOR-ONLY",
    "will fire in round",
    "Facilitator adjusted",
]


def check_observation(sc, state, seat):
    obs = observe(sc, state, seat)
    allowed = visible_paths(sc, seat)
    assert set(obs.meters) == allowed
    assert all(obs.meters[p] == state.meters[p] for p in allowed)

    # Events: exactly those addressed to everyone or to this seat, without causes
    # (except the seat's own orders) and without changes to meters it cannot see.
    expected = [e for e in state.events if e.audience == ALL or (isinstance(e.audience, tuple) and seat in e.audience)]
    assert len(obs.events) == len(expected)
    for e, shown in zip(expected, obs.events, strict=True):
        assert (shown.round, shown.kind, shown.text, shown.ref) == (e.round, e.kind, e.text, e.ref)
        assert shown.cause is None or (shown.cause.kind == "order" and shown.cause.role == seat)
        assert {c.path for c in shown.changes} <= allowed
        assert set(shown.changes) == {c for c in e.changes if c.path in allowed}
    assert obs.pending == ()

    # Search the whole observation for every string the seat must not see.
    own_objectives = obs.objectives
    text = repr(attrs.evolve(obs, objectives=()))
    others = [r for r in sc.role_ids if r != seat]
    forbidden = list(FACILITATOR_SECRETS)
    for r in others:
        forbidden += role_secrets(sc, state, r, seat)
    for c in sc.consequences:
        if isinstance(c.reveal_to, tuple) and seat not in c.reveal_to:
            forbidden += [t for t in fixed_parts(c.reveal) if t]
    forbidden += sorted(set(sc.meters) - allowed)
    leaked = [s for s in forbidden if s in text]
    assert leaked == [], f"{seat} sees {leaked}"

    if seat in sc.role_ids:
        role = sc.role(seat)
        assert obs.briefing == role.briefing
        assert own_objectives == role.objectives
        assert obs.my_orders == state.orders_of(seat)
    else:
        assert obs.briefing == "" and own_objectives == () and obs.my_orders is None
    return obs, text


@PROPERTY_SETTINGS
@given(rnd=st.randoms(use_true_random=False), game_seed=seeds)
def test_observe_never_leaks(rnd, game_seed):
    states, _ = random_game(SCENARIO, rnd, game_seed)
    for state in states:
        for seat in SCENARIO.role_ids:
            check_observation(SCENARIO, state, seat)
        obs, text = check_observation(SCENARIO, state, PUBLIC_SEAT)
        # The public seat sees no role's private data at all.
        for r in SCENARIO.role_ids:
            assert not any(p.startswith(r + ".") for p in obs.meters)
            for secret in role_secrets(SCENARIO, state, r):
                assert secret not in text
        assert all(e.audience == ALL and e.cause is None for e in obs.events)
        assert obs.submitted == tuple(r for r, _ in state.submitted)


@PROPERTY_SETTINGS
@given(rnd=st.randoms(use_true_random=False), game_seed=seeds)
def test_observe_never_leaks_with_a_red_cell_and_actors_that_act(rnd, game_seed):
    """A seat playing an actor sees that actor's facilitator meters and the private orders aimed at it,
    a role aimed at privately sees that order, and nobody else does (the rules above, with a red cell)."""
    sc = RED_CELL
    states, _ = random_game(sc, rnd, game_seed)
    for state in states:
        for seat in (*sc.role_ids, PUBLIC_SEAT):
            check_observation(sc, state, seat)
    final = states[-1]
    red = observe(sc, final, "red")
    assert "veyra.resolve" in red.meters and "veyra.plan" not in red.meters
    assert "veyra.resolve" not in observe(sc, final, "foreign").meters
    for p in final.history:
        if p.instrument == "demarche":  # foreign's private démarche to Veyra: Veyra's seat knows, defence does not
            text = "Foreign Ministry: Private démarche on Republic of Veyra."
            assert text in [e.text for e in red.events if e.round == p.round]
            assert text not in [e.text for e in observe(sc, final, "defence").events]


@PROPERTY_SETTINGS
@given(rnd=st.randoms(use_true_random=False), game_seed=seeds)
def test_facilitator_sees_everything(rnd, game_seed):
    states, _ = random_game(SCENARIO, rnd, game_seed)
    for state in states:
        obs = observe(SCENARIO, state, FACILITATOR_SEAT)
        assert obs.meters == state.meters
        assert obs.events == state.events
        assert obs.pending == state.pending
        assert obs.outcome == state.outcome


# --------------------------------------------------------------------------- the leak checks are not vacuous


def scripted_game():
    """A fixed game in which every kind of secret exists."""
    sc = SCENARIO
    st = new_game(sc, 3)
    st, _ = apply(sc, st, Adjust("veyra.abuses", -3, "FACIL-REASON-scripted"))
    st, _ = apply(sc, st, Inject("coup", "FACIL-INJECT-scripted"))
    # defence: a private démarche -> purge (any defence order), scheduled, revealed to nobody;
    # both seats condemn -> two public_pressure orders -> backlash (chance 0.8), revealed to foreign only.
    st, _ = round_of(
        sc,
        st,
        foreign=[O("condemn", "veyra", "REASON-foreign-1"), O("statement", None, "REASON-foreign-2")],
        defence=[O("demarche", "veyra", "REASON-defence-1"), O("condemn", "norda", "REASON-defence-2")],
    )
    st, _ = round_of(sc, st)  # purge fires
    st, _ = apply(sc, st, Submit("defence", (O("statement", None, "REASON-defence-3"),)))
    return sc, st


def test_scripted_game_has_secrets_that_only_the_right_seats_see():
    sc, st = scripted_game()
    assert ("backlash", 1) in st.fired and ("purge", 2) in st.fired
    assert not st.over and st.round == 3
    facilitator = repr(observe(sc, st, FACILITATOR_SEAT))
    for secret in [
        "FACIL-REASON-scripted",
        "FACIL-INJECT-scripted",
        "REASON-foreign-1",
        "REASON-defence-1",
        "Defence Ministry: Private démarche",
        "will fire in round",
        "REVEAL-FACILITATOR-ONLY",
        "REVEAL-FOREIGN-ONLY",
        "Facilitator adjusted",
        "veyra.abuses",
        "foreign.morale",
        "defence.plan",
        "legitimacy",
    ]:
        assert secret in facilitator, secret

    foreign_obs, foreign = check_observation(sc, st, "foreign")
    defence_obs, defence = check_observation(sc, st, "defence")
    _, public = check_observation(sc, st, PUBLIC_SEAT)
    # each seat sees its own secrets ...
    assert "REASON-foreign-1" in foreign and "BRIEFING-SECRET-foreign" in foreign
    assert "REASON-defence-1" in defence and "REASON-defence-3" in defence  # its own private order and resubmission
    assert "Defence Ministry: Private démarche" in defence
    assert "REVEAL-FOREIGN-ONLY" in foreign
    assert defence_obs.my_orders == (O("statement", None, "REASON-defence-3"),)
    # ... and not the others'
    assert "REASON-defence" not in foreign and "Private démarche" not in foreign
    assert "REASON-foreign" not in defence and "REVEAL-FOREIGN-ONLY" not in defence
    for text in (foreign, defence, public):
        assert "REVEAL-FACILITATOR-ONLY" not in text and "FACIL-" not in text
    assert "REVEAL-FOREIGN-ONLY" not in public and "REASON-" not in public and "BRIEFING" not in public


def test_role_meters_marked_facilitator_or_hidden_are_not_shown_to_their_role():
    sc, st = scripted_game()
    obs = observe(sc, st, "foreign")
    assert "foreign.capital" in obs.meters and "foreign.secret" in obs.meters
    assert "foreign.morale" not in obs.meters  # visibility = facilitator
    assert "foreign.plan" not in obs.meters  # visibility = hidden
    assert "defence.capital" not in obs.meters
    assert "legitimacy" not in obs.meters and "veyra.abuses" not in obs.meters
    assert {"stability", "veyra.trust", "norda.trust"} <= set(obs.meters)
    backlash = [e for e in obs.events if e.ref == "backlash"]
    assert backlash and all(c.path not in ("foreign.morale", "legitimacy") for e in backlash for c in e.changes)
