"""`demarche report` as a user runs it: default files, formats, exit codes and messages."""

import json
import shutil

import pytest

from game.cli import main
from tests.report.conftest import SCENARIO_IDS
from tests.report.htmlcheck import check_page


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_default_html_next_to_the_save_is_self_contained(saves, tmp_path, capsys, sid):
    save = tmp_path / "game.json"
    shutil.copy(saves[sid][2], save)
    code, out = run(capsys, "report", save)
    assert code == 0 and out.strip() == str(tmp_path / "game.html")
    html = (tmp_path / "game.html").read_text(encoding="utf-8")
    checked = check_page(html)
    assert {"svg", "polyline", "style"} <= checked.tags
    assert html.count('<svg class="chart"') >= 2  # the shared situation, each actor, the roles
    assert "After-action review" in html and "Lesson." in html or "No hidden consequence fired" in html


def test_md_and_json_defaults_never_overwrite_the_save(saves, tmp_path, capsys):
    save = tmp_path / "g.json"
    shutil.copy(saves["tutorial"][1], save)
    before = save.read_bytes()
    code, out = run(capsys, "report", save, "--format", "json")
    assert code == 0 and out.strip() == str(tmp_path / "g.report.json")
    assert save.read_bytes() == before
    assert json.loads((tmp_path / "g.report.json").read_text(encoding="utf-8"))["header"]["scenario_id"] == "tutorial"
    code, out = run(capsys, "report", save, "--format", "md")
    assert code == 0 and (tmp_path / "g.md").read_text(encoding="utf-8").startswith("# After-action review")
    code, out = run(capsys, "report", save, "--role", "foreign")
    assert code == 0 and out.strip() == str(tmp_path / "g.foreign.html")
    code, out = run(capsys, "report", save, "--out", save)
    assert code == 1 and "choose another --out" in out and save.read_bytes() == before


def test_bad_saves_exit_1_with_a_clear_message(saves, tmp_path, capsys):
    code, out = run(capsys, "report", tmp_path / "missing.json")
    assert code == 1 and "no such file" in out and "Traceback" not in out
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    code, out = run(capsys, "report", junk)
    assert code == 1 and "not a readable save" in out
    edited = tmp_path / "edited.json"
    data = json.loads(saves["tutorial"][1].read_text(encoding="utf-8"))
    data["actions"] = data["actions"][:-3]
    edited.write_text(json.dumps(data), encoding="utf-8")
    code, out = run(capsys, "report", edited)
    assert code == 1 and "error:" in out and not (tmp_path / "edited.html").exists()
    code, out = run(capsys, "report", saves["tutorial"][1], junk)
    assert code == 1 and "not a readable save" in out


def test_usage_errors_exit_2(saves, capsys):
    a = saves["tutorial"][1]
    code, out = run(capsys, "report", a, a, a)
    assert code == 2 and "one save" in out
    code, out = run(capsys, "report", a, saves["tutorial"][2], "--role", "foreign")
    assert code == 2 and "--role" in out
    code, out = run(capsys, "report", a, "--role", "nobody")
    assert code == 2 and "unknown role 'nobody'" in out and "roles in tutorial:" in out
    with pytest.raises(SystemExit) as e:
        main(["report", str(a), "--format", "pdf"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["report"])
    assert e.value.code == 2


def test_unwritable_out_exits_1(saves, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out = run(capsys, "report", saves["tutorial"][1], "--out", blocker / "r.html")
    assert code == 1 and "cannot write" in out
