"""Every user-facing string is in every shipped catalogue, translated, with the English's placeholders."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _catalog_tool():
    spec = importlib.util.spec_from_file_location("catalog", ROOT / "scripts" / "catalog.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalog"] = module
    spec.loader.exec_module(module)
    return module


catalog = _catalog_tool()


def test_every_python_file_of_the_game_belongs_to_a_domain():
    files = [p for p in (ROOT / "game").rglob("*.py") if "data" not in p.relative_to(ROOT / "game").parts[:1]]
    assert files
    assert [p for p in files if catalog.domain_of(p) is None] == []


@pytest.mark.parametrize("lang", [lang for lang in catalog.languages()])
def test_the_catalogue_holds_every_string_translated_and_compiled(lang):
    problems = catalog.problems(lang)
    assert problems == [], "\n".join(problems[:40]) + f"\n({len(problems)} in all; fix the .po files, then "
    "run python scripts/catalog.py update)"


def test_a_placeholder_the_english_lacks_is_caught(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "LOCALE", tmp_path)
    monkeypatch.setattr(catalog, "DOMAINS", {"cli": ("i18n.py",)})
    monkeypatch.setattr(catalog, "ARGPARSE", "none")
    monkeypatch.setattr(catalog, "domains", lambda: ["cli"])
    catalog.update(["fr"])
    po = catalog.po_path("fr", "cli")
    text = po.read_text(encoding="utf-8")
    assert 'msgid "unknown language' in text
    problems = catalog.problems("fr")
    assert any("not translated" in p for p in problems)
    text = text.replace(
        'msgstr ""\n\n',
        'msgstr "langue inconnue {asked!r} {oops}"\n\n',
        1,
    )
    po.write_text(text, encoding="utf-8")
    assert any("{oops}" in p for p in catalog.problems("fr"))
