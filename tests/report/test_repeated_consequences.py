"""A consequence that fired several times is listed once in the review ("fired 4 times: rounds 1, 2, 4,
5"), each firing's timing, news and causes under it; the JSON keeps one record per firing
(tests/rules/fixtures/news.toml)."""

from __future__ import annotations

from pathlib import Path

from game.review import model
from game.review.markdown import md as md_text
from game.review.report import build_report, render
from game.rules.state import Order, Resolve, Submit
from game.scenario import load_scenario
from tests.report.htmlcheck import check_page

SC = load_scenario(Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "news.toml")
ROUNDS = ["talk", "talk", "wait", "talk", "talk"]  # 'quiet' fires in rounds 1, 2, 4 and 5
ACTIONS = [a for name in ROUNDS for a in (Submit("foreign", (Order(name),)), Resolve())]
REPORT = build_report(SC, 1, ACTIONS)


def test_the_json_keeps_one_record_per_firing():
    quiet = [c for c in REPORT.consequences if c.id == "quiet"]
    assert [c.fired for c in quiet] == [1, 2, 4, 5]
    assert quiet[2].text == "More quiet progress in Port Aven (3 rounds of it)."
    assert [c["id"] for c in REPORT.to_json()["consequences"]] == [c.id for c in REPORT.consequences]


def test_groups_in_the_order_each_first_fired():
    groups = model.fired_groups(REPORT.consequences)
    assert [g[0].id for g in groups] == ["quiet", "counted", "plain"]
    assert [model.fired_summary(g) for g in groups] == ["fired 4 times: rounds 1, 2, 4, 5"] * 3
    assert model.fired_summary(groups[0][:1]) == "fired in round 1"


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def _firings(block: str) -> dict[int, str]:
    """The part under each "#### Round N" heading of a consequence's block."""
    parts = block.split("#### Round ")[1:]
    return {int(part.split("\n", 1)[0]): part for part in parts}


def test_markdown_lists_it_once_with_each_firing_and_its_news():
    md = _section(render(REPORT, "md"), "## Consequences and their causes", "## Meters over the rounds")
    assert md.count("### Rounds 1, 2, 4, 5: Quiet progress in Port Aven") == 1
    assert md.count("Fired 4 times: rounds 1, 2, 4, 5.") == 3
    assert md.count("**Lesson.** Private talks build up") == 1
    quiet = _firings(_section(md, "### Rounds 1, 2, 4, 5: Quiet progress", "**Lesson.** Private talks"))
    # The texts vary: each firing shows its own under its round, with its causes.
    assert list(quiet) == [1, 2, 4, 5]
    for n, text in (
        (1, "Quiet progress in Port Aven."),
        (2, "Port Aven again: the back channel holds."),
        (4, "More quiet progress in Port Aven (3 rounds of it)."),
        (5, "More quiet progress in Port Aven (4 rounds of it)."),
    ):
        assert f"> {md_text(text)}" in quiet[n]
        assert f"Condition held in round {n}, fired in round {n}" in quiet[n]
        assert f"- R{n} **Foreign Ministry**: Quiet talks" in quiet[n]
    # The same text every time: shown once, above the firings.
    plain = md[md.index("### Rounds 1, 2, 4, 5: Same again") :]
    assert plain.count("The same paragraph, again.") == 1
    assert plain.index("> The same paragraph, again.") < plain.index("#### Round 1")
    assert len(_firings(plain)) == 4


def test_html_lists_it_once_and_each_firing_keeps_its_anchor():
    page = render(REPORT, "html")
    check_page(page)
    section = _section(page, '<section id="consequences">', '<section id="meters">')
    assert section.count('<article class="card repeated">') == 3
    assert section.count("Fired 4 times: rounds 1, 2, 4, 5.") == 3
    for c in REPORT.consequences:
        at = section.index(f'<div class="firing" id="{c.anchor}">')
        block = section[at : section.index("</article>", at)].split('<div class="firing"')[1]
        assert f"<b>Round {c.fired}</b>" in block
        assert "Quiet talks" in block, "each firing names the orders that caused it"
        if c.id == "quiet":
            assert f"<blockquote>{c.text}</blockquote>" in block, "a varying text is shown with its firing"
        assert f'href="#{c.anchor}"' in page, "the timeline links to each firing"
    assert section.count("<blockquote>The same paragraph, again.</blockquote>") == 1


def test_one_strip_shows_every_firing():
    page = render(REPORT, "html")
    start = page.index("Rounds 1, 2, 4, 5 · Quiet progress in Port Aven")
    card = page[start : page.index("</article>", start)]
    assert card.count('<svg class="lag"') == 1
    label = (
        "Fired in rounds 1 (condition held in round 1), 2 (condition held in round 2), 4 (condition held in round 4)"
    )
    assert f'aria-label="{label}, 5 (condition held in round 5)"' in card
    assert card.count("<polygon") == 4 + 1, "a diamond at each firing, and one in the key"


def test_a_comparison_lists_a_repeated_consequence_once(tmp_path):
    from game.review.compare import compare_saves
    from game.session.game import Game

    paths = []
    for name, rounds in (("a", ROUNDS + ["wait"]), ("b", ["wait"] * 6)):
        game = Game.from_path(Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "news.toml", seed=1)
        for order in rounds:
            game.do(Submit("foreign", (Order(order),)))
            game.do(Resolve())
        game.save(tmp_path / f"{name}.json")
        paths.append(tmp_path / f"{name}.json")
    comparison = compare_saves(*paths)
    assert [c.id for c in comparison.consequences.only_a].count("quiet") == 4
    md = render(comparison, "md")
    assert "- R1, R2, R4, R5 Quiet progress in Port Aven (fired 4 times): Private talks build up" in md
    assert md.count("Private talks build up") == 1
    page = render(comparison, "html")
    check_page(page)
    assert page.count("Rounds 1, 2, 4, 5 · Quiet progress in Port Aven") == 1
    assert page.count("Private talks build up, round by round.") == 1
