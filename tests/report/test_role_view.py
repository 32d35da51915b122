"""A role's report: before the reveal only what that seat saw; after it, everything."""

import json
from html import escape

import pytest

from game.cli import main
from game.review.report import build_report, render, report_for_save
from game.rules.state import Adjust, Note, Order, Resolve, Submit
from game.session.game import Game
from tests.report.conftest import NOTE, REASON
from tests.report.htmlcheck import check_page
from tests.rules.builders import make_rich_scenario

RICH = make_rich_scenario(rounds=4)
FOREIGN_REASON = "REASON-SECRET-foreign"
DEFENCE_REASON = "REASON-SECRET-defence"
FAC_NOTE = "NOTE-SECRET-facilitator"
REVEALED = (
    "REASON-SECRET-foreign",
    "REASON-SECRET-defence",
    FAC_NOTE,
    "ADJUST-SECRET",
    "REVEAL-FACILITATOR-ONLY",
    "Abuses",
    "Morale",
    "Legitimacy",
    "Plan",
)


def rich_actions():
    rounds = []
    for r in range(RICH.rounds):
        rounds += [
            Submit(
                "foreign",
                (
                    Order("demarche", "veyra", (f"{FOREIGN_REASON} {r}",)),
                    Order("condemn", "norda", ("loud and public",)),
                ),
            ),
            Submit("defence", (Order("demarche", "veyra", (f"{DEFENCE_REASON} {r}",)), Order("condemn", "veyra"))),
            Resolve(),
        ]
    return [Note(FAC_NOTE, "foreign"), Adjust("legitimacy", 3, "ADJUST-SECRET")] + rounds


def secrets_of(seat):
    """What ``seat`` must not find before the reveal in the rich scenario."""
    other = "defence" if seat == "foreign" else "foreign"
    other_name = RICH.role(other).name
    out = [
        f"BRIEFING-SECRET-{other}",
        f"OBJECTIVE-SECRET-{other}",
        f"REASON-SECRET-{other}",
        FAC_NOTE,
        "ADJUST-SECRET",
        "REVEAL-FACILITATOR-ONLY",
        "Abuses",
        "Plan",
        "Morale",
        "Legitimacy",
        f"{other_name}: Capital",
        f"{other_name}: Secret",
        f"{other_name}: Private démarche",
        "Facilitator",
        "Intel freeze",
    ]
    if seat == "defence":
        out.append("REVEAL-FOREIGN-ONLY")
    return out


def parts_html(html):
    before, _, after = html.partition('<div class="reveal" id="reveal">')
    assert after, "no reveal marker"
    return before, after


@pytest.mark.parametrize("seat", ["foreign", "defence"])
def test_before_the_reveal_nothing_the_seat_never_saw(seat):
    report = build_report(RICH, 11, rich_actions(), role=seat).to_json()
    view = report["role_view"]
    own = RICH.role(seat)
    assert view["briefing"] == own.briefing and view["role"] == seat
    assert f"REASON-SECRET-{seat} 0" in json.dumps(view)  # its own reasons are its own
    for fmt in ("html", "md"):
        text = render(report, fmt)
        before, after = parts_html(text) if fmt == "html" else text.split("# Full reveal", 1)
        assert f"BRIEFING-SECRET-{seat}" in before
        for secret in secrets_of(seat):
            assert secret not in before, f"{secret!r} leaks into {seat}'s {fmt} view"
        for secret in REVEALED:
            assert secret in after, f"{secret!r} missing from the full reveal"
        if fmt == "html":
            check_page(text)
    dumped = json.dumps(view, ensure_ascii=False)
    for secret in secrets_of(seat):
        assert secret not in dumped, f"{secret!r} leaks into {seat}'s JSON view"


def test_bundled_scenario_role_view_keeps_other_seats_secrets(facilitated, tmp_path, capsys):
    game = Game.load(facilitated)
    sc = game.scenario
    out = tmp_path / "defence.html"
    assert main(["report", str(facilitated), "--role", "defence", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    check_page(html)
    before, after = parts_html(html)
    hidden = [sc.meter_label(p) for p, m in sc.meters.items() if m.visibility != "public"]
    other_meters = [sc.meter_label(f"{r.id}.{m.id}") for r in sc.roles if r.id != "defence" for m in sc.role_meters]
    private = {
        f"{sc.role(p.role).name}: {sc.instrument(p.instrument).name}"
        for p in game.state.history
        if not p.public and p.role != "defence"
    }
    briefings = [" ".join(r.briefing.split())[:60] for r in sc.roles if r.id != "defence"]
    secrets = [
        REASON,
        NOTE,
        "Adjust-reason",
        "Override-reason",
        "Inject-reason",
        "Defer-reason",
        "Publish-reason",
        "Adjudication mode",
    ]
    secrets += hidden + other_meters + sorted(private) + briefings
    assert private and hidden
    for secret in secrets:
        assert secret not in before and escape(secret) not in before, f"{secret!r} leaks into the defence view"
    for secret in [REASON, NOTE, "Override-reason", "Inject-reason"] + hidden:
        assert escape(secret) in after
    assert escape(" ".join(sc.role("defence").briefing.split())[:60]) in " ".join(before.split())
    # Its own private orders and the public ones of others are there.
    own = [p for p in game.state.history if p.role == "defence"]
    assert own and all(sc.instrument(p.instrument).name in before for p in own)


def test_json_role_view_and_unknown_role(facilitated, tmp_path, capsys):
    out = tmp_path / "v.json"
    assert main(["report", str(facilitated), "--role", "foreign", "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["role_view"]["role"] == "foreign" and data["consequences"] is not None
    assert REASON in json.dumps(data["role_view"], ensure_ascii=False)
    assert NOTE not in json.dumps(data["role_view"], ensure_ascii=False)
    capsys.readouterr()
    assert main(["report", str(facilitated), "--role", "minister"]) == 2
    err = capsys.readouterr().out
    assert "unknown role 'minister'" in err and "foreign, defence, development, mission" in err
    assert (
        report_for_save(facilitated, "mission").to_json()["role_view"]["role_name"]
        == "Mission to the Littoral Security Council"
    )
