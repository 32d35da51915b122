"""Talks in the review: every message and deal with its fate, every commitment and whether it was kept,
in JSON, Markdown and HTML; a role's view holds only its own; a game without talks has no such section."""

import json
from html import escape

import pytest

from game.cli import main
from game.review.build import build_report
from game.review.jsondata import from_json, to_json
from game.review.report import render, report_for_save
from game.rules.engine import new_game
from game.rules.negotiation import describe_terms
from game.rules.state import Resolve, Submit
from game.scenario import resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game
from tests.report.htmlcheck import check_page
from tests.report.talks_game import LONG, MARKERS, PRESS, play
from tests.rules.builders import make_rich_scenario

SEATS = ("east", "west", "north")


@pytest.fixture(scope="module")
def games(tmp_path_factory):
    folder = tmp_path_factory.mktemp("talks")
    return {"unfinished": play(folder), "finished": play(folder, finish=True)}


def full_report(path, role=None):
    game = Game.load(path)
    return build_report(game.scenario, game.seed, game.actions, game.meta, role=role)


def test_json_lists_every_commitment_with_parties_terms_and_whether_it_was_kept(games):
    data = full_report(games["unfinished"]).to_json()
    got = [(c["id"], c["parties"], c["round"], c["kept"], c["status"]) for c in data["commitments"]]
    assert got == [
        (1, ["east", "west"], 1, True, "kept"),
        (4, ["east", "west"], 2, False, "broken"),
        (5, ["west", "east"], 2, None, "accepted"),  # its terms fall in round 3, still to be played
    ]
    kept, broken, pending = data["commitments"]
    assert [{k: t[k] for k in ("role", "instrument", "target", "round", "do")} for t in kept["terms"]] == [
        {"role": "east", "instrument": "press", "target": "korsk", "round": 1, "do": True},
        {"role": "west", "instrument": "press", "target": "korsk", "round": 1, "do": True},
    ]
    assert kept["terms"][0]["text"] == "East Ministry plays Press Korsk on Korsk in round 1"
    assert (broken["broken_by"], broken["settled"], broken["text"]) == (["west"], 2, "DEAL-BROKEN-NOTE again")
    assert (pending["accepted"], pending["settled"]) == (2, None)
    assert "to be judged when round 3 resolves" in pending["fate"]
    finished = full_report(games["finished"]).to_json()["commitments"]
    assert [(c["id"], c["kept"]) for c in finished] == [(1, True), (4, False), (5, True)]


def test_json_timeline_has_each_round_s_messages_and_offers_with_their_fates(games):
    neg = full_report(games["unfinished"]).to_json()["negotiation"]
    assert (neg["mode"], neg["messages"], neg["deals"]) == ("step", 5, 7)
    assert [r["round"] for r in neg["rounds"]] == [1, 2, 3]
    r1, _, r3 = neg["rounds"]
    senders = [(x["sender"], x["to"]) for x in r1["messages"]]
    assert senders == [("east", ["west"]), ("east", ["north"]), ("west", ["east"])]
    assert r1["messages"][2]["text"] == LONG.strip(), "a message is kept as written, line breaks and all"
    fates = {d["number"]: (d["status"], d["fate"]) for r in neg["rounds"] for d in r["deals"]}
    assert fates[2] == ("declined", "declined by East Ministry in round 1")
    assert fates[3] == ("expired", "expired unanswered at the end of round 1")
    assert fates[4] == ("broken", "accepted by West Ministry in round 2; broken by West Ministry when round 2 resolved")
    assert fates[6] == ("countered", "countered by East Ministry in round 3 with deal 7")
    assert fates[7] == ("proposed", "no answer yet from North Ministry")
    assert [d["counters"] for d in r3["deals"]] == [None, 6] and r3["deals"][0]["countered_by"] == 7
    last = full_report(games["finished"]).to_json()["negotiation"]["rounds"][-1]["deals"][-1]
    assert last["fate"] == "North Ministry had not answered when the game ended"


def test_a_report_with_talks_reads_back_from_json_the_same(games):
    report = full_report(games["finished"], role="west")
    again = from_json(json.loads(json.dumps(to_json(report))))
    assert again == report
    assert render(again, "md") == render(report, "md")


def test_markdown_timeline_and_commitments(games):
    text = render(full_report(games["unfinished"]), "md")
    talks = text.split("## Talks and commitments", 1)[1].split("\n## ", 1)[0]
    assert "3 commitments: 1 kept, 1 broken, 1 still to be judged." in talks
    assert (
        "- **Deal 4** (round 2), East Ministry ↔ West Ministry — **BROKEN**, broken by West Ministry when round 2 "
        "resolved: East Ministry plays Press Korsk on Korsk in round 2; West Ministry plays" in talks
    )
    assert "- **Deal 5** (round 2), West Ministry ↔ East Ministry — **PENDING**, still to be judged" in talks
    assert "### Talks in round 1" in talks and "### Talks in round 3" in talks
    assert "- Message from **East Ministry** to West Ministry: “LETTER-EW-1 Shall we press" in talks
    assert "- Message from **West Ministry** to East Ministry, North Ministry: “LETTER-W-ALL" in talks
    assert "**Deal 7** (countering deal 6) offered by **East Ministry** to North Ministry" in talks
    assert "— **Countered**: countered by East Ministry in round 3 with deal 7." in talks
    assert "— **Declined**: declined by East Ministry in round 1." in talks
    # The long letter stays on one list line, its specials escaped.
    line = next(x for x in talks.splitlines() if "LETTER-WE-LONG" in x)
    assert r"\<script\>alert" in line and r"\*stars\* \| pipe \[link\]\(http://x\) \# not" in line
    assert "Second line of a long letter" in line and "<script>" not in text


def test_html_timeline_and_commitments_escape_and_wrap(games):
    page = render(full_report(games["unfinished"]), "html")
    check_page(page)
    talks = page.split('<section id="talks">', 1)[1].split("</section>", 1)[0]
    assert '<a href="#talks">Talks and commitments</a>' in page
    assert "3 commitments: 1 kept, 1 broken, 1 still to be judged" in talks
    assert '<span class="badge b-broken">Broken</span>' in talks and '<span class="badge b-kept">Kept</span>' in talks
    assert "<li>West Ministry plays Press Korsk on Korsk in round 2</li>" in talks
    assert "countered by East Ministry in round 3 with deal 7." in talks
    assert "<b>West Ministry</b> → East Ministry, North Ministry" in talks
    assert escape(LONG.strip()) in talks, "a message escaped, its line breaks kept (the page wraps it)"
    assert "<script>" not in page and ".said{white-space:pre-wrap;overflow-wrap:anywhere" in page
    assert "commitments (1 kept, 1 broken, 1 still to be judged)" in page  # on the cover


def view_parts(report, fmt):
    """(the role's own view, the full reveal) of a report rendered as ``fmt``."""
    text = render(report, fmt)
    if fmt == "json":
        data = json.loads(text)
        return json.dumps(data["role_view"], ensure_ascii=False), json.dumps(
            {k: v for k, v in data.items() if k != "role_view"}, ensure_ascii=False
        )
    if fmt == "md":
        before, _, after = text.partition("# Full reveal")
    else:
        before, _, after = text.partition('<div class="reveal" id="reveal">')
    assert after
    return before, after


@pytest.mark.parametrize("seat", SEATS)
def test_a_role_s_view_holds_only_its_own_letters_and_deals(games, seat):
    report = full_report(games["unfinished"], role=seat)
    own = [k for k, seats in MARKERS.items() if seat in seats]
    others = [k for k, seats in MARKERS.items() if seat not in seats]
    assert own and others
    for fmt in ("json", "md", "html"):
        before, after = view_parts(report, fmt)
        for marker in own:
            assert marker in before, f"{seat} misses its own {marker!r} in {fmt}"
        for marker in others:
            assert marker not in before, f"{marker!r} leaks into {seat}'s {fmt} view"
        for marker in MARKERS:
            assert marker in after, f"{marker!r} missing from the full reveal in {fmt}"
    mine = report.role_view.commitments
    # numbered as the seat knew them, between the two parties: deals 1, 4 and 5 are East and West's 1st,
    # 3rd and 4th (West was not told of deal 3, North to East)
    assert [c.id for c in mine] == ([1, 3, 4] if seat != "north" else [])
    assert all(seat in c.parties for c in mine)
    assert all(seat in (d.proposer, d.partner) for r in report.role_view.negotiation.rounds for d in r.deals)


def test_an_unfinished_game_seen_by_one_role_alone_shows_its_talks_and_no_others(games, tmp_path, capsys):
    out = tmp_path / "north.json"
    assert main(["report", str(games["unfinished"]), "--role", "north", "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == "role" and set(data) == {"format", "version", "kind", "role_view"}
    assert data["role_view"]["commitments"] == []
    dumped = json.dumps(data, ensure_ascii=False)
    assert "DEAL-EN-COUNTER-SECRET" in dumped and "LETTER-NW-SECRET" in dumped
    for fmt in ("md", "html"):
        text = render(report_for_save(games["unfinished"], "north"), fmt)
        for marker, seats in MARKERS.items():
            assert (marker in text) == ("north" in seats), (marker, fmt)
    west = report_for_save(games["unfinished"], "west")
    mine = west.role_view.commitments
    assert [c.id for c in mine] == [1, 3, 4] and [c.kept for c in mine] == [True, False, None]


def test_no_talks_no_section():
    rich = make_rich_scenario(rounds=2)
    assert rich.negotiation.mode == "off"
    actions = [Submit("foreign", ()), Submit("defence", ()), Resolve()] * 2
    report = build_report(rich, 1, actions, role="foreign")
    data = report.to_json()
    assert "commitments" not in data and "negotiation" not in data and "commitments" not in data["role_view"]
    for fmt in ("md", "html"):
        text = render(report, fmt)
        assert "talks" not in text.lower() and "commitment" not in text.lower(), fmt


def test_talks_on_but_nobody_talked_says_so_in_one_line(games):
    sc = Game.load(games["finished"]).scenario
    assert new_game(sc).deals == ()
    quiet = [Submit(r.id, (PRESS,)) for r in sc.roles] + [Resolve()]
    report = build_report(sc, 1, quiet, role="east")
    data = report.to_json()
    assert data["commitments"] == [] and data["negotiation"]["rounds"] == []
    md = render(report, "md")
    assert md.count("No messages were written and no deals offered.") == 2  # the role's view and the full review
    assert "### Commitments" not in md and "### Talks in round" not in md
    page = render(report, "html")
    assert "No messages were written and no deals offered by or to you." in page
    assert "<h3>Commitments</h3>" not in page


def test_bundled_negotiating_game_keeps_each_seat_s_deals_to_it():
    game = autoplay(Game.from_path(resolve_scenario("sanctions_coalition"), 1), "greedy", rounds=2)
    deals = game.state.deals
    assert deals and any(d.status in ("kept", "broken") for d in deals), "the greedy bots negotiate in the coalition"

    def report(role=None):
        return build_report(game.scenario, game.seed, game.actions, game.meta, role=role)

    accepted = [d.number for d in deals if d.status in ("accepted", "kept", "broken")]
    assert [c.id for c in report().commitments] == accepted
    for role in game.scenario.role_ids:
        view = report(role).role_view
        shown = [(d.proposer, d.round, d.summary) for r in view.negotiation.rounds for d in r.deals]
        own = [d for d in deals if role in d.parties]
        assert shown == [(d.proposer, d.round, describe_terms(game.scenario, d.terms)) for d in own], role
        # numbered as the seat knew them in play: 1, 2, 3... with each other seat, whatever the others made
        pairs = [frozenset(d.parties) for d in own]
        expected = [pairs[: i + 1].count(pair) for i, pair in enumerate(pairs)]
        assert [d.number for r in view.negotiation.rounds for d in r.deals] == expected
        assert all(role in c.parties for c in view.commitments)
