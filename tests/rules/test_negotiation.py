"""Deals between seats: offered, answered, judged kept or broken, with the scenario's effects and news;
messages and deals seen only by their parties; all of it in the log, replayed bit for bit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.rules.engine import apply, new_game, play
from game.rules.facilitator import IllegalAction
from game.rules.hashing import state_hash
from game.rules.negotiation import cannot_keep, honours, promised
from game.rules.observe import observe
from game.rules.state import FACILITATOR_SEAT, PUBLIC_SEAT, Answer, Order, Propose, Resolve, Submit, Term, Write
from game.scenario import check_scenario, load_scenario
from game.session.codec import decode_action, encode_action

DEALS = Path(__file__).parent / "fixtures" / "deals.toml"
PRESS = Order("press", "korsk")
TRADE = Order("trade")


@pytest.fixture(scope="module")
def sc():
    return load_scenario(DEALS)


def both_press(round_: int) -> tuple[Term, ...]:
    return (Term("east", "press", "korsk", round_), Term("west", "press", "korsk", round_))


def run(sc, actions):
    state = new_game(sc)
    events = []
    for a in actions:
        state, ev = apply(sc, state, a)
        events.extend(ev)
    return state, events


def test_a_deal_kept_lets_two_seats_act_together(sc):
    state, events = run(
        sc,
        [
            Propose("east", "west", both_press(1), "Together, this round?"),
            Answer("west", 1, True),
            Submit("east", (PRESS,)),
            Submit("west", (PRESS,)),
            Resolve(),
        ],
    )
    deal = state.deals[0]
    assert (deal.status, deal.kept, deal.settled, deal.broken_by) == ("kept", True, 1, ())
    assert "joint_pressure" in state.fired_ids() and "word_kept" in state.fired_ids()
    assert "word_broken" not in state.fired_ids()
    assert state.meters["east.standing"] == 51 and state.meters["west.standing"] == 51, "kept = self.standing +1"
    kept = [e for e in events if e.kind == "deal_kept"]
    assert len(kept) == 1 and kept[0].audience == ("east", "west")
    assert "was kept" in kept[0].text and "Press Korsk" in kept[0].text


def test_the_seat_that_breaks_a_deal_pays_and_everyone_hears_of_it(sc):
    state, events = run(
        sc,
        [
            Propose("east", "west", both_press(1)),
            Answer("west", 1, True),
            Submit("east", (PRESS,)),
            Submit("west", (TRADE,)),
            Resolve(),
        ],
    )
    deal = state.deals[0]
    assert (deal.status, deal.kept, deal.broken_by) == ("broken", False, ("west",))
    assert state.meters["west.standing"] == 50 + 3 - 10, "trade +3, then broken: self.standing -10"
    assert state.meters["east.standing"] == 50 + 2, "the wronged party: target.standing +2"
    assert "word_broken" in state.fired_ids() and "joint_pressure" not in state.fired_ids()
    broken = [e for e in events if e.kind == "deal_broken"]
    assert len(broken) == 1 and broken[0].audience == "all" and "broken by West Ministry" in broken[0].text


def test_conditions_count_who_broke_deals_with_whom(sc):
    state, _ = run(
        sc,
        [
            Propose("east", "west", both_press(1)),
            Answer("west", 1, True),
            Submit("east", (TRADE,)),
            Submit("west", (PRESS,)),
            Resolve(),
        ],
    )
    from game.rules.evaluate import Context
    from game.rules.expr import compile_expr

    ctx = Context(state.meters, state.round, sc.rounds, state.history, deals=state.deals, self_role="east")
    for source, expected in (
        ("broken(by='east')", 1),
        ("broken(by='west')", 0),
        ("broken(by='east', with='west')", 1),
        ("broken(with='east')", 0),
        ("kept()", 0),
        ("broken(within=1)", 0),  # settled in round 1; the state is in round 2 now
        ("broken(within=2)", 1),
    ):
        assert compile_expr(source, sc.names, "num").fn(ctx) == expected, source
    objective = next(o for o in sc.role("east").objectives if o.id == "trusted")
    assert objective.when.source == "broken(by='self') == 0"
    assert objective.when.fn(ctx) is False, "by='self' in an objective is the role whose objective it is"
    assert state.outcome is None
    final = state
    for _ in range(2):
        final, _ = apply(sc, final, Submit("east", ()))
        final, _ = apply(sc, final, Submit("west", ()))
        final, _ = apply(sc, final, Resolve())
    east = next(s for s in final.outcome.scores if s.role == "east")
    assert "trusted" in east.missed, "East broke a deal: its objective 'never break a deal' is lost"


def test_a_deal_for_next_round_is_judged_then_and_an_unanswered_offer_lapses(sc):
    state, _ = run(
        sc,
        [
            Propose("east", "west", both_press(2)),
            Answer("west", 1, True),
            Propose("west", "east", (Term("east", "trade", None, 1),)),
            Submit("east", ()),
            Submit("west", ()),
            Resolve(),
        ],
    )
    assert state.deals[0].status == "accepted", "its term is in round 2: not judged yet"
    assert state.deals[1].status == "expired", "nobody answered; its only term was round 1"
    state, _ = apply(sc, state, Submit("east", (PRESS,)))
    state, _ = apply(sc, state, Submit("west", (PRESS,)))
    state, _ = apply(sc, state, Resolve())
    assert state.deals[0].status == "kept" and state.deals[0].settled == 2


def test_a_counter_offer_replaces_the_offer_it_answers(sc):
    state, _ = run(
        sc,
        [
            Propose("east", "west", (Term("west", "press", "korsk", 1),)),
            Propose("west", "east", both_press(1), "Only if you press too.", counters=1),
            Answer("east", 2, True),
        ],
    )
    assert [d.status for d in state.deals] == ["countered", "accepted"]
    assert state.deals[1].counters == 1 and state.deals[1].text == "Only if you press too."


@pytest.mark.parametrize(
    "action, why",
    [
        (Propose("east", "east", both_press(1)), "with itself"),
        (Propose("east", "west", ()), "at least one term"),
        (Propose("east", "west", (Term("east", "press", "korsk", 3),)), "must fall in round 1 or 2"),
        (Propose("east", "west", (Term("east", "nuke", None, 1),)), "no instrument 'nuke'"),
        (Propose("east", "west", (Term("east", "press", "moon", 1),)), "cannot be aimed at 'moon'"),
        (Propose("east", "west", (Term("north", "press", None, 1),)), "binds one of the two parties"),
        (Propose("east", "west", both_press(1) + both_press(1)[:1]), "same term twice"),
        (Answer("west", 7, True), "no deal 7"),
        (Write("east", (), "hello"), "at least one recipient"),
        (Write("east", ("east",), "hello"), "write to itself"),
        (Write("east", ("west",), "   "), "empty"),
        (Write("east", ("nobody",), "hello"), "unknown role 'nobody'"),
    ],
)
def test_impossible_talk_is_refused_with_a_reason(sc, action, why):
    with pytest.raises(IllegalAction, match=why):
        apply(sc, new_game(sc), action)


def test_limits_per_round_and_answers_only_by_the_partner_once(sc):
    state, _ = run(sc, [Propose("east", "west", both_press(1))])
    with pytest.raises(IllegalAction, match="made its 1 proposals this round"):
        apply(sc, state, Propose("east", "west", both_press(2)))
    with pytest.raises(IllegalAction, match="not offered to East Ministry"):
        apply(sc, state, Answer("east", 1, True))
    state, _ = apply(sc, state, Answer("west", 1, False))
    with pytest.raises(IllegalAction, match="already declined"):
        apply(sc, state, Answer("west", 1, True))
    state, _ = run(sc, [Write("east", ("west",), "one"), Write("east", ("west",), "two")])
    with pytest.raises(IllegalAction, match="sent its 2 messages this round"):
        apply(sc, state, Write("east", ("west",), "three"))


def test_a_scenario_with_negotiation_off_refuses_talk(tmp_path):
    text = DEALS.read_text(encoding="utf-8").replace('mode = "step"', 'mode = "off"')
    path = tmp_path / "off.toml"
    path.write_text(text, encoding="utf-8")
    off = load_scenario(path)
    with pytest.raises(IllegalAction, match="no negotiation"):
        apply(off, new_game(off), Write("east", ("west",), "hello"))


def test_a_scenario_without_the_table_has_no_talks_and_the_table_alone_means_inline(tmp_path):
    head, _, _ = DEALS.read_text(encoding="utf-8").partition("[negotiation]")
    (tmp_path / "none.toml").write_text(head, encoding="utf-8")
    (tmp_path / "bare.toml").write_text(head + "[negotiation]\n", encoding="utf-8")
    assert load_scenario(tmp_path / "none.toml").negotiation.mode == "off"
    assert load_scenario(tmp_path / "bare.toml").negotiation.mode == "inline"


def test_in_step_mode_the_talks_end_with_the_first_orders_but_offers_can_still_be_answered(sc):
    state, _ = run(sc, [Propose("east", "west", both_press(1)), Submit("east", (PRESS,))])
    for late in (Write("west", ("east",), "too late?"), Propose("west", "east", both_press(2))):
        with pytest.raises(IllegalAction, match="talks of this round are over"):
            apply(sc, state, late)
    state, _ = apply(sc, state, Answer("west", 1, True))
    assert state.deals[0].status == "accepted"


def test_letters_and_deals_are_seen_by_their_parties_and_the_facilitator_only(tmp_path):
    text = DEALS.read_text(encoding="utf-8").replace(
        "[[actors]]",
        '[[roles]]\nid = "north"\nname = "North Ministry"\nbriefing = "x"\norders = 1\ninstruments = ["trade"]\n\n'
        '[[roles.objectives]]\nid = "calm"\ntext = "Pressure under 50."\nwhen = "pressure < 50"\npoints = 1\n\n'
        "[[actors]]",
        1,
    )
    path = tmp_path / "three.toml"
    path.write_text(text, encoding="utf-8")
    three = load_scenario(path)
    state, _ = run(
        three,
        [
            Write("east", ("west",), "secret plan: we both press"),
            Propose("east", "west", both_press(1), "the secret deal"),
        ],
    )
    for seat, sees in (("east", True), ("west", True), ("north", False), (PUBLIC_SEAT, False)):
        view = observe(three, state, seat)
        assert bool(view.letters) == sees and bool(view.deals) == sees, seat
        assert ("secret plan" in repr(view)) == sees and ("the secret deal" in repr(view)) == sees, seat
    everything = observe(three, state, FACILITATOR_SEAT)
    assert len(everything.letters) == 1 and len(everything.deals) == 1


def test_talk_is_saved_and_replayed_bit_for_bit(sc):
    actions = [
        Write("east", ("west",), "Shall we press together? «Ensemble»"),
        Propose("east", "west", both_press(1) + (Term("west", "trade", None, 2, do=False),), "and no trade next round"),
        Answer("west", 1, True),
        Submit("east", (PRESS,)),
        Submit("west", (PRESS,)),
        Resolve(),
        Submit("east", ()),
        Submit("west", (TRADE,)),
        Resolve(),
    ]
    coded = [json.loads(json.dumps(encode_action(a))) for a in actions]
    decoded = [decode_action(d) for d in coded]
    assert decoded == actions
    state = play(sc, decoded)
    assert state.deals[0].status == "broken" and state.deals[0].broken_by == ("west",), "traded in round 2"
    assert state_hash(state) == state_hash(play(sc, actions))
    assert state_hash(state) != state_hash(play(sc, [a for a in actions if not isinstance(a, Write)])), (
        "a message is part of the game: the hash tells it apart"
    )


def test_expression_mistakes_in_kept_and_broken_are_explained(tmp_path):
    for wrong, message in (
        ("kept(by='eats') >= 1", "unknown role 'eats'"),
        ("kept(whith='west') >= 1", "kept() has no argument 'whith'"),
        ("broken('east') >= 1", "takes only keyword arguments"),
    ):
        text = DEALS.read_text(encoding="utf-8").replace("kept(by='east', with='west', within=1) >= 1", wrong)
        path = tmp_path / "bad.toml"
        path.write_text(text, encoding="utf-8")
        errors = [d for d in check_scenario(path) if d.severity == "error"]
        assert len(errors) == 1 and message in errors[0].message, (wrong, errors)
    text = DEALS.read_text(encoding="utf-8").replace('mode = "step"', 'mode = "chat"')
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    errors = [d for d in check_scenario(path) if d.severity == "error"]
    assert len(errors) == 1 and "mode" in errors[0].message and errors[0].line > 0, errors


def test_a_deal_whose_round_never_comes_is_void_when_the_game_ends_early(tmp_path):
    """A game lost in round 1 leaves a deal for round 2 neither kept nor broken: void, no effects apply, and
    the review says it was never judged rather than still pending."""
    from game.review.build import build_report

    text = DEALS.read_text(encoding="utf-8").replace(
        "[negotiation]", '[end]\nlose_when = "pressure >= 12"\n\n[negotiation]'
    )
    path = tmp_path / "early.toml"
    path.write_text(text, encoding="utf-8")
    early = load_scenario(path)
    actions = [
        Propose("east", "west", both_press(2), "Next round, together"),
        Answer("west", 1, True),
        Submit("east", (PRESS,)),
        Submit("west", (TRADE,)),
        Resolve(),
    ]
    state, _ = run(early, actions)
    assert state.outcome is not None and state.outcome.lost and state.outcome.round == 1
    deal = state.deals[0]
    assert (deal.status, deal.kept, deal.settled) == ("void", None, 1)
    assert state.meters["east.standing"] == 50, "neither the kept nor the broken effects"
    [commitment] = build_report(early, early.seed, actions).to_json()["commitments"]
    assert (commitment["status"], commitment["kept"]) == ("void", None)
    assert "never judged: the game ended before round 2" in commitment["result"]


def test_a_seat_s_word_for_the_round_and_whether_orders_keep_it(sc):
    state, _ = run(
        sc,
        [
            Propose("east", "west", (Term("east", "press", "korsk", 1), Term("west", "trade", None, 1, do=False))),
            Answer("west", 1, True),
            Propose("west", "east", (Term("east", "trade", None, 2),)),  # for round 2, and not yet accepted
        ],
    )
    [(deal, term)] = promised(state.deals, "west", 1)
    assert deal.number == 1 and term == Term("west", "trade", None, 1, do=False)
    assert honours(term, (PRESS,)) and not honours(term, (TRADE,))  # a promise not to trade: trading breaks it
    [(_, mine)] = promised(state.deals, "east", 1)
    assert honours(mine, (PRESS,)) and not honours(mine, ()) and not honours(mine, (Order("press", "other"),))
    assert promised(state.deals, "east", 2) == []  # an offer not accepted binds nobody


def cooldown_deals(folder: Path) -> Path:
    """The deals fixture where trading rests a round after each use (written into ``folder``)."""
    path = folder / "cooldown.toml"
    trade = 'effects = { "self.standing" = 3 }'
    path.write_text(DEALS.read_text(encoding="utf-8").replace(trade, f"cooldown = 1\n{trade}"), encoding="utf-8")
    return path


def test_a_promise_its_seat_could_not_keep_says_why(tmp_path):
    sc = load_scenario(cooldown_deals(tmp_path))
    state, _ = run(sc, [Submit("east", (TRADE,)), Submit("west", ()), Resolve()])
    assert state.round == 2
    now, later = Term("east", "trade", None, 2), Term("east", "trade", None, 3)
    assert cannot_keep(sc, state, now) == "used in round 1; back in round 3"  # the card's own reason
    assert cannot_keep(sc, state, later) is None  # back by then
    assert cannot_keep(sc, state, Term("east", "trade", None, 2, do=False)) is None  # not playing it is easy
    assert cannot_keep(sc, state, Term("west", "trade", None, 2)) is None  # West did not trade
