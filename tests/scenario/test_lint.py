"""Design-flaw warnings (game.scenario.lint): where they point, what they say, and no false alarms.

Three layers: the interval analysis of one expression (``intervals``), what a
scenario's rules can reach (``reach``), and the warnings themselves on one
fixture per kind. Soundness is checked against real games: whatever the
analysis calls impossible never happens when bots play, on the bundled
scenarios and on randomly generated ones.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.cli import main
from game.rules.expr import Context, Names, parse
from game.rules.orders import legal_orders
from game.scenario import (
    ScenarioError,
    bundled_dir,
    bundled_scenarios,
    check_file,
    check_scenario,
    check_scenario_files,
    intervals,
    read_scenario_files,
    validate_file,
)
from game.scenario.intervals import INF, Num
from game.scenario.reach import reach
from game.session.autoplay import play_round, seat_bots
from game.session.game import Game

from .support import ERRORS, FIXTURES

LINT = FIXTURES / "lint"


def where(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    i = text.index(needle) + offset
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


# --------------------------------------------------------------------------- one fixture per warning

# fixture, text to point at (its first occurrence), characters into it, words the message must contain
CASES = [
    (
        "instrument_in_no_hand",
        'id = "sue"',
        5,
        ["instrument 'sue' is in no role's hand", "category 'legal'", "add it to a role's instruments"],
    ),
    (
        "instrument_too_costly",
        "cost = 3",
        7,
        ["no role can use instrument 'state_visit'", "costs 3 capital", "never has more than 2", "lower its cost"],
    ),
    (
        "instrument_untargetable",
        'requires = "target.trust >= 90"',
        12,
        [
            "no actor can be targeted by instrument 'alliance'",
            "requires can never hold for veyra",
            "target.trust is at most 80",
            "loosen requires",
        ],
    ),
    (
        "library_instrument_listed",
        '"summit"]',
        0,
        [
            "role 'foreign' lists instrument 'summit' but can never use it",
            '"target.trust >= 95" can never hold',
            "at most 90",
            "remove it from the list",
        ],
    ),
    (
        "meter_unread",
        "[meters.grievance]",
        0,
        ["nothing reads global meter 'grievance'", "nobody sees it during play", 'visibility = "public"'],
    ),
    (
        "meter_unchanged",
        "[meters.prestige]",
        0,
        ["nothing changes global meter 'prestige'", "stays at 20 all game", "add an effect"],
    ),
    (
        "consequence_never_fires",
        "veyra.trust < 0",
        0,
        [
            "consequence 'rift' can never fire",
            '"veyra.trust < 0" can never hold',
            "veyra.trust is at least 0",
            "change its condition",
        ],
    ),
    (
        "crisis_never_breaks",
        'when = "round > rounds',
        8,
        [
            "crisis 'walkout' can never break",
            '"round > rounds" can never hold: round is at most 4',
            '"stability >= 120" can never hold: stability is at most 100',
            "inject = true",
        ],
    ),
    (
        "objective_never_met",
        "self.capital >= 3",
        0,
        [
            "objective 'reserves' of role 'foreign' can never be met",
            "self.capital is at most 2 (nothing raises it above 2)",
        ],
    ),
    (
        "lose_when_never_holds",
        "stability < 0",
        0,
        [
            "the shared loss can never happen",
            '"stability < 0" can never hold',
            "stability is at least 0",
            "change lose_when",
        ],
    ),
    (
        "hidden_without_debrief",
        'id = "rift"',
        5,
        [
            "hidden consequence 'rift'",
            "reveal_to: only foreign",
            "has no debrief",
            "after-action review",
            "add debrief =",
        ],
    ),
    ("without_reveal", 'id = "rift"', 5, ["consequence 'rift' has no reveal text", "only its title", "add reveal ="]),
    (
        "cooldown_once",
        "cooldown = 2",
        11,
        ["consequence 'rift' fires at most once", "cooldown never matters", "set once = false"],
    ),
    (
        "recurs_never",
        "recurs = 2",
        9,
        ["crisis 'storm' can never break again", "no when condition or consequence", "remove recurs"],
    ),
    (
        "response_never_fires",
        "stability > 100",
        0,
        ["response 'walkout' can never fire", "stability is at most 100", "change its condition"],
    ),
    (
        "response_key_does_nothing",
        "weight = 2",
        0,
        ["response 'walkout' sets weight, which does nothing", "picks by priority", 'pick = "weight"'],
    ),
    (
        "objective_throughout_last",
        "throughout_from = 4",
        18,
        ["objective 'calm' of role 'foreign' has throughout_from = 4, the last round", "as without it"],
    ),
    (
        "partial_never_credits",
        'partial = "stability / 1000"',
        11,
        ["partial credit of objective 'calm'", "can never give a point", "at most 0.1 of 1 point", "remove partial"],
    ),
]


def test_the_clean_fixture_has_no_warning():
    assert check_scenario(LINT / "clean.toml", lint=True) == []


@pytest.mark.parametrize(("name", "needle", "offset", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_warning_points_at_the_flaw_and_says_what_to_do(name, needle, offset, words):
    path = LINT / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    found = check_scenario(path, lint=True)
    assert len(found) == 1, "\n".join(map(str, found))
    [d] = found
    assert d.severity == "warning"
    assert (d.line, d.col) == where(text, needle, offset), str(d)
    assert str(d).startswith(f"{path}:{d.line}:{d.col}: warning: ")
    for word in words:
        assert word in d.message, f"{word!r} not in {d.message!r}"
    assert check_scenario(path) == []  # loading alone does not lint


def test_every_warning_kind_has_a_fixture():
    named = {p.stem for p in LINT.glob("*.toml")} - {"clean"}
    assert named == {c[0] for c in CASES}


def test_library_instruments_had_through_a_category_are_not_reported():
    """The library's grand_bargain costs 5 and comes only through "economic": not a flaw to report."""
    found = check_scenario(LINT / "library_instrument_listed.toml", lint=True)
    assert not any("grand_bargain" in d.message for d in found)
    assert check_file(LINT / "library" / "tools.toml", lint=True) == []


def test_a_hidden_consequence_to_nobody_and_an_open_one_without_debrief_are_worded_apart():
    text = (LINT / "clean.toml").read_text(encoding="utf-8")
    lesson = 'debrief = "A rebuke to a partner that no longer trusts us reads as a break."'
    [hidden] = check_scenario_files({"s.toml": text.replace(lesson, 'reveal_to = "none"')}, "s.toml", lint=True)[1]
    assert "hidden consequence 'rift' (reveal_to: nobody) has no debrief" in hidden.message
    [open_] = check_scenario_files({"s.toml": text.replace(lesson, "")}, "s.toml", lint=True)[1]
    assert open_.message.startswith("consequence 'rift' has no debrief: the after-action review shows that it fired")


def test_reveal_to_an_unknown_role_stays_an_error():
    found = check_scenario(ERRORS / "bad_reveal_to.toml", lint=True)
    assert [d.severity for d in found] == ["error"]
    assert "unknown role 'foriegn' in reveal_to" in found[0].message
    with pytest.raises(ScenarioError):
        validate_file(ERRORS / "bad_reveal_to.toml")


def test_a_chance_of_zero_never_fires():
    text = (
        (LINT / "clean.toml")
        .read_text(encoding="utf-8")
        .replace('effects = { "stability" = -5 }', 'chance = 0\neffects = { "stability" = -5 }')
    )
    [d] = check_scenario_files({"s.toml": text}, "s.toml", lint=True)[1]
    assert (d.line, d.col) == where(text, "chance = 0", 9)
    assert "consequence 'rift' has chance = 0, so it never fires" in d.message


def test_a_when_beside_a_round_and_an_ends_when_that_can_never_hold():
    crisis = (
        '[[crises]]\nid = "storm"\ntitle = "Storm"\ntext = "A storm."\nround = 2\n'
        'when = "stability > 200"\nends_when = "stability < -5"\nlasts = 2\neffects = { "stability" = -2 }\n\n'
    )
    text = (LINT / "clean.toml").read_text(encoding="utf-8").replace("[[consequences]]", crisis + "[[consequences]]")
    found = check_scenario_files({"s.toml": text}, "s.toml", lint=True)[1]
    assert [(d.line, d.col) for d in found] == [where(text, "stability > 200"), where(text, "stability < -5")]
    assert "crisis 'storm': its when can never hold, so only its round or the schedule starts it" in found[0].message
    assert "crisis 'storm' can never end by ends_when (it ends only after lasts = 2 rounds)" in found[1].message


def test_meter_seen_by_listed_roles_is_not_reported_as_read_by_nothing():
    text = (LINT / "clean.toml").read_text(encoding="utf-8")
    text += '\n[meters.intel]\nlabel = "Intel"\nstart = 5\nvisibility = ["foreign"]\n'
    text = text.replace('"stability" = 2 }', '"stability" = 2, "intel" = 1 }')
    _, found = check_scenario_files({"s.toml": text}, "s.toml", lint=True)
    assert [str(d) for d in found] == []
    _, found = check_scenario_files({"s.toml": text.replace('["foreign"]', '"hidden"')}, "s.toml", lint=True)
    assert any("nothing reads global meter 'intel'" in d.message for d in found)


def test_meter_read_by_nothing_but_public_is_not_reported():
    text = (
        (LINT / "meter_unread.toml")
        .read_text(encoding="utf-8")
        .replace('visibility = "hidden"', 'visibility = "public"')
    )
    assert check_scenario_files({"s.toml": text}, "s.toml", lint=True)[1] == []


def test_one_dead_rule_can_make_others_dead():
    """A consequence that can never fire changes nothing, so what only it could reach is out of reach too."""
    text = (LINT / "consequence_never_fires.toml").read_text(encoding="utf-8")
    text = text.replace(
        "[[consequences]]",
        '[[consequences]]\nid = "echo"\nwhen = "fired(\'rift\')"\nreveal = "r"\ndebrief = "d"\n\n[[consequences]]',
    )
    found = check_scenario_files({"s.toml": text}, "s.toml", lint=True)[1]
    messages = [d.message for d in found]
    assert any(
        m.startswith(
            "consequence 'echo' can never fire: \"fired('rift')\" can never hold: consequence 'rift' can never fire"
        )
        for m in messages
    ), messages


# --------------------------------------------------------------------------- no false alarm on the bundled scenarios


@pytest.mark.parametrize(
    "path", [*bundled_scenarios(), bundled_dir() / "library" / "instruments.toml"], ids=lambda p: p.stem
)
def test_bundled_files_are_lint_clean(path):
    assert check_file(path, lint=True) == []
    assert validate_file(path).warnings == ()


# --------------------------------------------------------------------------- --strict


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_warnings_print_but_exit_0_and_are_counted(capsys):
    path = str(LINT / "without_reveal.toml")
    code, out = run(capsys, "validate", path)
    assert code == 0, out
    assert f"{path}:58:6: warning: consequence 'rift' has no reveal text" in out
    assert "✓" in out and out.rstrip().endswith("— 1 warning")


def test_strict_makes_warnings_errors(capsys):
    path = str(LINT / "without_reveal.toml")
    code, out = run(capsys, "validate", "--strict", path)
    assert code == 1, out
    assert f"{path}:58:6: error: consequence 'rift' has no reveal text" in out
    assert "✗" in out and "1 warning, errors under --strict" in out


def test_strict_passes_clean_files_and_fails_on_real_errors(capsys):
    code, out = run(
        capsys,
        "validate",
        "--strict",
        str(LINT / "clean.toml"),
        *map(str, bundled_scenarios()),
        str(bundled_dir() / "library" / "instruments.toml"),
    )
    assert code == 0, out
    assert "warning" not in out
    code, out = run(capsys, "validate", str(ERRORS / "bad_reveal_to.toml"))
    assert code == 1 and "error: unknown role 'foriegn' in reveal_to" in out
    code, out = run(capsys, "validate", str(LINT / "clean.toml"), str(LINT / "meter_unchanged.toml"), "--strict")
    assert code == 1 and out.count("✓") == 1 and out.count("✗") == 1


# --------------------------------------------------------------------------- interval analysis of one expression


class FakeEnv:
    """Meters x in 0..100, y in 0..100, z always 5, u in -10..10; used() up to 2; fired('gone') impossible."""

    meters = {
        "x": Num(0, 100),
        "y": Num(0, 100),
        "z": Num(5, 5, ("nothing changes it",), ("nothing changes it",)),
        "u": Num(-10, 10),
    }

    def meter(self, name):
        return self.meters[name]

    def round(self):
        return Num(1, 6)

    def rounds(self):
        return Num(6, 6)

    def used(self, filters, within):
        return Num(0, 0 if filters.get("instrument") == "nobody_has_it" else 2 * (within or 6))

    def flag(self, kind, ident):
        return (ident != "gone", f"consequence '{ident}' can never fire")


FAKE_NAMES = Names(
    global_meters=frozenset({"x", "y", "z", "u"}),
    instruments=frozenset({"talk", "nobody_has_it"}),
    signals=frozenset({"quiet"}),
    crises=frozenset({"here"}),
    consequences=frozenset({"gone", "here"}),
)


def analyse(source: str, env):
    """The interval analysis of ``source``, parsed with the names ``FakeEnv`` knows."""
    node, _ = parse(source, FAKE_NAMES)
    return intervals.analyse(node, source, env)


def verdict(source: str) -> str:
    t = analyse(source, FakeEnv())
    if not t.can_true:
        return "never"
    if not t.can_false:
        return "always"
    return "maybe"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # comparisons, both ways round
        ("x >= 120", "never"),
        ("x >= 100", "maybe"),
        ("x > 100", "never"),
        ("120 <= x", "never"),
        ("100 < x", "never"),
        ("x < 0", "never"),
        ("x <= 0", "maybe"),
        ("0 > x", "never"),
        ("x >= 0", "always"),
        ("x == 101", "never"),
        ("x == 100", "maybe"),
        ("z == 5", "always"),
        ("z != 5", "never"),
        ("z != 6", "always"),
        ("x < y", "maybe"),
        ("x > y + 100", "never"),
        # arithmetic
        ("x + y >= 201", "never"),
        ("x + y >= 200", "maybe"),
        ("x - y > 100", "never"),
        ("x - y >= -100", "always"),
        ("x - x >= 1", "maybe"),  # intervals forget that both sides are x: may, never a false alarm
        ("x * 2 > 200", "never"),
        ("x * u < -1000", "never"),
        ("x * u <= -1000", "maybe"),
        ("x / 2 > 50", "never"),
        ("x / 4 + 75 <= 100", "always"),
        ("x / u > 1000", "maybe"),  # u may come close to 0
        ("x / (z - 5) != 0", "never"),  # division by zero gives 0
        ("-x > 0", "never"),
        ("-(x - 50) <= 50", "always"),
        ("abs(u) > 10", "never"),
        ("abs(u) >= 10", "maybe"),
        ("abs(x - 200) < 100", "never"),
        ("min(x, 50) > 50", "never"),
        ("max(x, 120) < 120", "never"),
        ("min(x, y, z) <= 5", "always"),
        ("round > rounds", "never"),
        ("round >= 1", "always"),
        ("x * 0.5 >= 50.5", "never"),
        # and / or / not
        ("x > 100 and y > 0", "never"),
        ("y > 0 and x > 100", "never"),
        ("x > 100 or y > 0", "maybe"),
        ("x > 100 or y > 100", "never"),
        ("x >= 0 or y > 100", "always"),
        ("x >= 0 and y >= 0", "always"),
        ("not (x <= 100)", "never"),
        ("not (x > 100)", "always"),
        ("not not (x > 100)", "never"),
        ("not x > 50", "maybe"),
        ("(x > 100 or y > 100) and z == 5", "never"),
        ("true", "always"),
        ("false", "never"),
        ("true == false", "never"),
        ("(x > 100) == false", "always"),
        ("(x > 50) != (y > 50)", "maybe"),
        # used, fired, pending, active
        ("used('talk', within=2) >= 5", "never"),
        ("used('talk', within=2) >= 4", "maybe"),
        ("used('talk') + used(signal='quiet') >= 25", "never"),
        ("used('nobody_has_it') >= 1", "never"),
        ("used('nobody_has_it') == 0", "always"),
        ("fired('gone')", "never"),
        ("not fired('gone')", "always"),
        ("fired('here')", "maybe"),
        ("active('here') and fired('gone')", "never"),
    ],
)
def test_interval_verdicts(source, expected):
    assert verdict(source) == expected


def test_the_culprit_is_the_part_that_can_never_hold():
    t = analyse("y > 10 and x >= 120", FakeEnv())
    assert t.never.pos == len("y > 10 and ")
    assert t.never.text() == '"x >= 120" can never hold: x is at most 100'
    t = analyse("x > 100 or z > 5", FakeEnv())
    assert t.never.pos == 0
    assert (
        t.never.text()
        == '"x > 100" can never hold: x is at most 100; and "z > 5" can never hold: z is always 5 (nothing changes it)'
    )
    t = analyse("not (x <= 100)", FakeEnv())
    assert t.never.text() == '"x <= 100" always holds: x is at most 100'
    t = analyse("used('talk', within=1) > 2", FakeEnv())
    assert t.never.text() == "\"used('talk', within=1) > 2\" can never hold: used('talk', within=1) is at most 2"


def test_unbounded_arithmetic_stays_sound():
    t = analyse("x / u", FakeEnv())
    assert (t.lo, t.hi) == (-INF, INF)
    assert verdict("x / u * 0 == 0") == "always"  # a real number times 0 is 0, even an unbounded one
    assert verdict("x / u >= 0") == "maybe"


# --------------------------------------------------------------------------- what a scenario can reach


def _reach_of(name: str):
    files, main_key = read_scenario_files(LINT / f"{name}.toml")
    scenario, found = check_scenario_files(files, main_key)
    assert scenario is not None, found
    return scenario, reach(scenario)


def test_ranges_follow_the_direction_of_every_effect():
    sc, r = _reach_of("clean")
    assert (r.ranges["veyra.trust"].lo, r.ranges["veyra.trust"].hi) == (0, 100)  # talk raises it, rebuke lowers it
    assert (r.ranges["foreign.capital"].lo, r.ranges["foreign.capital"].hi) == (0, 2)  # refill 2, costs lower it
    sc, r = _reach_of("meter_unchanged")
    assert (r.ranges["prestige"].lo, r.ranges["prestige"].hi) == (20, 20)
    sc, r = _reach_of("instrument_untargetable")
    assert ("foreign", "alliance") not in r.pairs and ("foreign", "talk") in r.pairs
    assert r.env().used({"instrument": "alliance"}, None) == Num(0, 0, (), ("no role can give an order it counts",))
    assert r.env().used({"instrument": "talk"}, 2).hi == 2  # once per target per round, 2 rounds
    assert r.env().used({}, None).hi == 2 * 4  # two orders a round, four rounds


# --------------------------------------------------------------------------- soundness against real games


def assert_sound(scenario, files, main_key, seeds) -> None:
    """Nothing the analysis calls impossible happens when random bots play."""
    r = reach(scenario)
    conditions = [c.when for c in scenario.consequences] + [
        e for k in scenario.crises for e in (k.when, k.ends_when) if e is not None
    ]
    conditions += [scenario.end.lose_when] if scenario.end.lose_when is not None else []
    dead = [e for e in conditions if not r.truth(e).can_true]
    goals = [
        (role.id, o.when)
        for role in scenario.roles
        for o in role.objectives
        if not r.truth(o.when, role=role.id).can_true
    ]
    for seed in seeds:
        game = Game(scenario, files, main_key, seed)
        bots = seat_bots(game)
        while not game.state.over:
            state = game.state
            for role in scenario.roles:
                for order in legal_orders(scenario, state, role.id):
                    assert (role.id, order.instrument) in r.pairs, (role.id, order)
                    assert order.target is None or order.target in r.pairs[(role.id, order.instrument)]
            play_round(game, bots)
            state = game.state
            ctx = Context(
                state.meters,
                state.round,
                scenario.rounds,
                state.history,
                state.fired_ids(),
                state.active_crises(),
                None,
                None,
                None,
                frozenset(p.consequence for p in state.pending),
            )
            for expr in dead:
                assert not expr.fn(ctx), expr.source
            for role_id, expr in goals:
                ctx.self_role = role_id
                assert not expr.fn(ctx), expr.source
        state = game.state
        for event in state.events:
            for change in event.changes:
                rng = r.ranges[change.path]
                assert rng.lo <= change.after <= rng.hi, (change, rng)
        for path, value in state.meters.items():
            assert r.ranges[path].lo <= value <= r.ranges[path].hi, path
        # Actors' responses ("actor.response") are not narrowed by the reach: any of them may fire.
        assert {cid for cid, _ in state.fired if "." not in cid} <= r.live_consequences
        assert {c.id for c in state.crises} <= r.live_crises


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_sound_on_the_bundled_scenarios(path):
    files, main_key = read_scenario_files(path)
    scenario, _ = check_scenario_files(files, main_key)
    assert_sound(scenario, files, main_key, range(12))


def random_scenario(rng: random.Random) -> str:
    """A small valid scenario with random ranges, effects and conditions, many of them impossible."""
    rounds = rng.randint(2, 5)
    out = [f'format = 1\n[scenario]\nid = "fuzz"\ntitle = "Fuzz"\nrounds = {rounds}\n']
    meters = {}
    for g in ("g0", "g1", "g2"):
        lo = rng.choice([0, -20, 10])
        hi = lo + rng.choice([10, 50, 100])
        meters[g] = (lo, hi)
        out.append(f'[meters.{g}]\nlabel = "{g}"\nstart = {rng.randint(lo, hi)}\nmin = {lo}\nmax = {hi}\n')
    trust_hi = rng.choice([50, 100])
    meters["a0.trust"] = meters["a1.trust"] = (0, trust_hi)
    out.append(f'[actor_meters.trust]\nlabel = "t"\nstart = {rng.randint(0, trust_hi)}\nmax = {trust_hi}\n')
    out.append(
        f'[role_meters.capital]\nlabel = "c"\nstart = {rng.randint(0, 3)}\nmax = 5\nrefill = {rng.randint(1, 3)}\n'
    )
    out.append(f'[role_meters.zeal]\nlabel = "z"\nstart = {rng.randint(0, 10)}\nmax = 20\n')
    meters["r0.zeal"] = meters["r1.zeal"] = (0, 20)
    ids = [f"i{k}" for k in range(5)]
    cons = [f"c{k}" for k in range(5)]

    def threshold(path):
        lo, hi = meters[path]
        return rng.choice([lo - 1, lo, lo + 1, (lo + hi) // 2, hi - 1, hi, hi + 1])

    def atom(inside=False, target=False):
        choice = rng.random()
        if choice < 0.5:
            path = rng.choice(["g0", "g1", "g2", "a0.trust", "r1.zeal"] + (["target.trust"] if target else []))
            key = "a0.trust" if path == "target.trust" else path
            left = rng.choice(
                [path, f"{path} + {rng.randint(-5, 5)}", f"{path} * 2", f"-{path}", f"abs({path})", f"{path} / 2"]
            )
            op = rng.choice([">=", ">", "<=", "<", "==", "!="])
            return f"{left} {op} {threshold(key) * (2 if '* 2' in left else 1)}"
        if choice < 0.75:
            filt = rng.choice(
                [f"'{rng.choice(ids)}'", "signal='s0'", "category='public'", "by='r0'", f"'{rng.choice(ids)}', on='a1'"]
            )
            within = rng.choice(["", f", within={rng.randint(1, 3)}"])
            return f"used({filt}{within}) {rng.choice(['>=', '==', '<'])} {rng.randint(0, 12)}"
        if choice < 0.85 and not inside:
            return f"fired('{rng.choice(cons)}')" if rng.random() < 0.6 else f"pending('{rng.choice(cons)}')"
        return rng.choice(["round > rounds", "round == rounds", "round >= 2"])

    def condition(depth=0, target=False, inside=False):
        if depth > 1 or rng.random() < 0.4:
            return atom(inside, target)
        form = rng.random()
        a, b = condition(depth + 1, target, inside), condition(depth + 1, target, inside)
        if form < 0.4:
            return f"{a} and {b}"
        if form < 0.8:
            return f"({a} or {b})"
        return f"not ({a})"

    def effects(instrument=False, target=False):
        parts = []
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(
                ["g0", "g1", "g2", "a0.trust", "r0.zeal"]
                + (["target.trust", "self.zeal"] if target else ["self.zeal"] if instrument else [])
            )
            value = rng.choice(
                [
                    str(rng.randint(-10, 10)),
                    str(rng.randint(0, 8)),
                    f'"={rng.randint(-30, 120)}"',
                    '"g1 / 10"',
                    '"-g0 / 5"',
                    '"=g2"',
                    '"abs(g0) / 20 + 1"',
                ]
            )
            if f'"{path}"' not in " ".join(parts):
                parts.append(f'"{path}" = {value}')
        return "{ " + ", ".join(parts) + " }"

    for n, iid in enumerate(ids):
        targets = rng.choice([[], ["ally"], ["rival"], ["ally", "rival"]])
        text = (
            f'[[instruments]]\nid = "{iid}"\nname = "{iid}"\n'
            f'category = "{rng.choice(["private", "public", "economic"])}"\ntext = "t"\ncost = {rng.randint(0, 4)}\n'
        )
        text += f"targets = {targets!r}\n".replace("'", '"') if targets else ""
        text += f'signals = ["s{n % 2}"]\n'
        if rng.random() < 0.5:
            text += f'requires = "{condition(1, bool(targets), inside=True)}"\n'.replace("r1.zeal", "self.zeal")
        text += f"effects = {effects(True, bool(targets))}\n"
        out.append(text)
    for role in ("r0", "r1"):
        hand = rng.sample(ids + ["public", "private", "*"], rng.randint(1, 4))
        out.append(
            (
                f'[[roles]]\nid = "{role}"\nname = "{role}"\norders = {rng.randint(1, 2)}\ninstruments = {hand!r}\n'
            ).replace("'", '"')
        )
        out.append(
            f'[[roles.objectives]]\nid = "o_{role}"\ntext = "t"\n'
            f'when = "{condition().replace("r1.zeal", "self.zeal")}"\n'
        )
    out.append('[[actors]]\nid = "a0"\nname = "a0"\nkind = "ally"\nat = [0.5, 0.5]\n')
    out.append(
        '[[actors]]\nid = "a1"\nname = "a1"\nkind = "rival"\nat = [0.2, 0.2]\n'
        f"meters = {{ trust = {rng.randint(0, trust_hi)} }}\n"
    )
    for cid in cons:
        out.append(
            f'[[consequences]]\nid = "{cid}"\nwhen = "{condition()}"\ndelay = {rng.randint(0, 2)}\n'
            f'once = {rng.choice(["true", "false"])}\neffects = {effects()}\nreveal = "r"\ndebrief = "d"\n'
        )
    for k in range(2):
        start = f"round = {rng.randint(1, rounds)}\n" if rng.random() < 0.3 else f'when = "{condition()}"\n'
        ends = f'ends_when = "{condition()}"\n' if rng.random() < 0.5 else ""
        out.append(
            f'[[crises]]\nid = "k{k}"\ntitle = "k"\ntext = "k"\n'
            f"{start}{ends}effects = {effects()}\nongoing = {effects()}\n"
        )
    if rng.random() < 0.7:
        out.append(f'[end]\nlose_when = "{condition()}"\n')
    return "\n".join(out)


def test_sound_on_random_scenarios():
    checked = impossible = 0
    for seed in range(60):
        text = random_scenario(random.Random(seed))
        scenario, found = check_scenario_files({"s.toml": text}, "s.toml", lint=True)
        assert scenario is not None, "\n".join(map(str, found)) + "\n" + text
        impossible += sum("can never" in d.message for d in found)
        assert_sound(scenario, {"s.toml": text}, "s.toml", range(4))
        checked += 1
    assert checked == 60 and impossible > 20  # the generator does produce impossible rules to check against


def test_lint_is_fast_enough_for_the_largest_bundled_scenario():
    import time

    path = max(bundled_scenarios(), key=lambda p: len(Path(p).read_text(encoding="utf-8")))
    start = time.perf_counter()
    check_file(path, lint=True)
    assert time.perf_counter() - start < 5
