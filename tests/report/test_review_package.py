"""The review package: typed records that write the JSON the review always wrote,
templates that escape everything, and dependencies that point one way.

``golden/`` holds four saves and the reports the review made of them before it
had templates or typed records (f-strings and plain dicts): a facilitated game
with HTML and Markdown specials in its texts, seen by one role and then in full;
a comparison with a branch of a game; and an unfinished game seen by one role.
Since then one thing changed on purpose: a consequence that fired several times is listed once, with
each firing under it, so the facilitated game's "Consequences and their causes" and the comparison's
"Consequences in one game only" were remade in its Markdown and HTML. And a meter a consequence's
condition read is cited as the board showed it either side of the round of the check (the JSON's
``before`` and ``after``; "45 at the end of round 2, 41 at the end of round 3" in the Markdown and HTML,
with the value read partway through the round said as such), not as a value no board showed. Everything
else is as it was.
"""

import ast
import gzip
import json
import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from game.review import html as review_html
from game.review import model
from game.review.compare import compare_saves
from game.review.jsondata import from_json, to_json
from game.review.report import render, report_for_save
from tests.report.htmlcheck import check_page

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
BLOCK = (
    "html|head|body|main|footer|header|section|div|nav|ol|ul|li|table|tr|td|th|h1|h2|h3|h4|p|dl|dt|dd|"
    "article|details|summary|blockquote|style|title|meta|!DOCTYPE"
)


def squeeze(page: str) -> str:
    """A page with its insignificant whitespace taken out: runs of white space
    become one space, and none is kept beside block-level tags or before a tag's '>'."""
    page = re.sub(r"\s+", " ", page)
    page = re.sub(rf"\s*(</?(?:{BLOCK})\b[^>]*>)\s*", r"\1", page)
    return re.sub(r"\s+>", ">", page)


def golden(name: str) -> str:
    return gzip.decompress((GOLDEN / f"{name}.gz").read_bytes()).decode("utf-8")


@pytest.fixture(scope="module")
def saves(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("golden")
    for name in ("facilitated", "red_lines_1", "red_lines_1_branch", "closed_open"):
        (folder / f"{name}.json").write_text(golden(f"{name}.json"), encoding="utf-8")
    return folder


def reports(saves: Path) -> dict[str, model.Report]:
    return {
        "facilitated.foreign": report_for_save(saves / "facilitated.json", "foreign"),
        "compare": compare_saves(saves / "red_lines_1.json", saves / "red_lines_1_branch.json"),
        "closed_open.foreign": report_for_save(saves / "closed_open.json", "foreign"),
    }


def test_every_output_is_the_one_made_before_templates_and_records(saves):
    made = reports(saves)
    assert [type(r) for r in made.values()] == [model.GameReport, model.Comparison, model.RoleReport]
    for name, report in made.items():
        assert render(report, "json") == golden(f"{name}.json"), name  # byte for byte: same keys, same order
        assert render(report, "md") == golden(f"{name}.md"), name
        page = render(report, "html")
        check_page(page)
        assert squeeze(page) == squeeze(golden(f"{name}.html")), name
        assert page != golden(f"{name}.html")  # laid out by the templates, not by the old f-strings


def test_a_report_read_back_from_json_is_the_same_record_and_renders_the_same(saves):
    for name, report in reports(saves).items():
        data = json.loads(json.dumps(to_json(report)))
        back = from_json(data)
        assert back == report, name
        assert render(data, "html") == render(report, "html") and render(data, "md") == render(report, "md")
    items = [i for rd in reports(saves)["facilitated.foreign"].timeline for i in rd.items]
    kinds = {type(i) for i in items}
    assert {
        model.OrderEvent,
        model.InjectedCrisis,
        model.CrisisEvent,
        model.NoteEvent,
        model.OverrideEvent,
        model.ScheduleEvent,
        model.FacilitatorEvent,
    } <= kinds
    with pytest.raises(model.ReportError, match="not a Demarche report"):
        from_json({"format": "demarche-save"})


def test_templates_escape_every_value_and_know_every_name():
    env = review_html.environment()
    assert env.autoescape is not False and env.undefined.__name__ == "StrictUndefined"
    page = env.from_string("<p title='{{ t }}'>{{ t }} {{ flag }} {{ svg }}</p>").render(
        t='<b>"Veyra\'s" & co</b>', flag=True, svg=Markup("<svg/>")
    )
    assert page == (
        "<p title='&lt;b&gt;&quot;Veyra&#x27;s&quot; &amp; co&lt;/b&gt;'>"
        "&lt;b&gt;&quot;Veyra&#x27;s&quot; &amp; co&lt;/b&gt; yes <svg/></p>"
    )
    with pytest.raises(UndefinedError):
        env.from_string("{{ nobody_set_this }}").render()
    names = sorted(p.name for p in (ROOT / "game" / "review" / "templates").iterdir())
    assert "page.html.j2" in names and "report.css" in names
    assert not (ROOT / "game" / "review" / "templates" / "report.css").read_text(encoding="utf-8").count("url(")


def _imports(path: Path) -> set[str]:
    """The game modules a file imports, as dotted names (relative imports resolved)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package if node.level else ""
            out.add(f"{base}.{node.module}" if base and node.module else base or node.module or "")
    return out


def test_dependencies_point_one_way_ui_cli_then_review_then_session():
    for path in (ROOT / "game" / "session").glob("*.py"):
        assert not any(n.startswith("game.review") for n in _imports(path)), f"{path.name} imports the review"
    for path in (ROOT / "game" / "review").glob("*.py"):
        bad = [n for n in _imports(path) if n.startswith(("game.ui", "game.cli", "game.bots", "game.sim", "pygame"))]
        assert not bad, f"review/{path.name} imports {bad}"
    assert not list((ROOT / "game" / "session").glob("report*.py"))
