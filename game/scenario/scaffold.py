"""``demarche new``: a scenario file that validates and plays as it is, ready to edit.

Without a source it writes ``scaffold.toml.in`` (beside this module): a small but
complete scenario (2 roles, 3 actors, 4 rounds) that includes the shared
instrument library, with a plain-English comment on every section. With a
source (a bundled id or a path) it copies that scenario under a new id, with a
header saying where it came from.

Either way the new file must work from where it is written, so everything it
refers to by a relative path is put beside it when missing: the instrument
libraries it includes (copied, never overwritten), and the JSON Schemas its
``#:schema`` lines name (written from ``game.scenario.schema``, refreshed when
stale: they are generated, never edited by hand). The template is hand-written
TOML, not built with tomli-w: comments do not survive a round trip.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import attrs
import tomli

from ..i18n import _, pgettext
from . import schema
from .bundled import bundled_dir, bundled_ids, resolve_scenario
from .checker import ID, RESERVED

TEMPLATE = Path(__file__).with_name("scaffold.toml.in")
SCHEMA_LINE = f"#:schema ./{schema.SCENARIO_SCHEMA_NAME}"
_DIRECTIVE = re.compile(r"^#:schema\s+(\S+)\s*$")


class ScaffoldError(Exception):
    """Nothing was written; the message says why and what to do."""


class BadPathError(ScaffoldError):
    """PATH cannot name a scenario file (a usage error)."""


@attrs.frozen
class Written:
    """One file ``new`` wrote (or left alone), and why it is there."""

    path: Path
    why: str
    action: str = "wrote"  # wrote | copied | updated | kept, in the language spoken when it was written


@attrs.frozen
class Scaffold:
    path: Path
    scenario_id: str
    source: Path | None
    files: tuple[Written, ...]


def scenario_id_for(path: Path, taken: set[str], suffix: str) -> str:
    """An id made from the file name (``my-crisis.toml`` -> ``my_crisis``), not one already taken."""
    ident = re.sub(r"\W", "_", path.stem, flags=re.ASCII).strip("_") or "my_scenario"
    if not ID.match(ident):
        ident = "s_" + ident
    if ident in RESERVED or ident in taken:
        ident += suffix
    return ident


def title_for(path: Path) -> str:
    words = re.sub(r"[_\-.]+", " ", path.stem).split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "My Scenario"


def new_scenario_text(path: Path, ident: str, title: str, shown: str | None = None) -> str:
    """The commented template, for a file written at ``path`` (``shown`` is how the user typed it)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    quoted_title = title.replace("\\", "\\\\").replace('"', '\\"')
    return (
        text.replace("__ID__", ident)
        .replace('"__TITLE__"', f'"{quoted_title}"')
        .replace("__TITLE__", title)
        .replace("__PATH__", shlex.quote(shown or str(path)))
    )


def copied_scenario_text(source: Path, text: str, ident: str, source_name: str) -> str:
    """``text`` (the source scenario) under a new id and title, with a header saying where it came from."""
    lines = text.splitlines(keepends=True)
    while lines and _DIRECTIVE.match(lines[0].strip()):
        lines.pop(0)  # the copy gets its own #:schema line, right for where it is written
    old_id, changed = _replace_in_scenario_table(lines, ident)
    header = [
        SCHEMA_LINE + "\n",
        f"# A copy of {source_name}, made by `demarche new`. Its id is now '{ident}'"
        + (f" (was '{old_id}')" if old_id else "")
        + ".\n",
        "# Edit it freely: every key is explained in docs/format.md. Check it with `demarche validate`.\n",
        "#\n",
    ]
    out = "".join(header + lines)
    data = tomli.loads(out)
    if not changed or data.get("scenario", {}).get("id") != ident:
        raise ScaffoldError(
            _(
                "could not find the id line in the [scenario] table of {source}; copy the file "
                "by hand and change its id"
            ).format(source=source)
        )
    return out


_TABLE = re.compile(r"^\s*\[")
_SCENARIO = re.compile(r"^\s*\[\s*scenario\s*\]\s*(#.*)?$")
_STRING = r'"((?:[^"\\\n]|\\.)*)"'


def _replace_in_scenario_table(lines: list[str], ident: str) -> tuple[str | None, bool]:
    """Give the ``[scenario]`` table's ``id`` the value ``ident`` and mark its title as a copy, in place."""
    inside, old, changed = False, None, False
    for i, line in enumerate(lines):
        if _SCENARIO.match(line):
            inside = True
            continue
        if inside and _TABLE.match(line):
            break
        if not inside:
            continue
        m = re.match(rf"^(\s*id\s*=\s*){_STRING}(.*)$", line, re.S)
        if m and not changed:
            old = m.group(2)
            lines[i] = f'{m.group(1)}"{ident}"{m.group(3)}'
            changed = True
            continue
        m = re.match(rf"^(\s*title\s*=\s*){_STRING}(.*)$", line, re.S)
        if m and not m.group(2).endswith("(copy)"):
            lines[i] = f'{m.group(1)}"{m.group(2)} (copy)"{m.group(3)}'
    return old, changed


def _includes(text: str, is_scenario: bool) -> list[str]:
    data = tomli.loads(text)
    raw = (data.get("scenario") or {}).get("include", []) if is_scenario else data.get("include", [])
    return [p for p in raw if isinstance(p, str)] if isinstance(raw, list) else []


def _schema_target(path: Path, text: str) -> Path | None:
    """Where a file's relative ``#:schema`` directive points, if it names one of our schemas."""
    first = text.splitlines()[0].strip() if text else ""
    m = _DIRECTIVE.match(first)
    if not m or "://" in m.group(1) or Path(m.group(1)).is_absolute():
        return None
    target = Path(os.path.normpath(path.parent / m.group(1)))
    return target if target.name in (schema.SCENARIO_SCHEMA_NAME, schema.LIBRARY_SCHEMA_NAME) else None


def _schema_text(name: str) -> str:
    return schema.dumps(schema.scenario_schema() if name == schema.SCENARIO_SCHEMA_NAME else schema.library_schema())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def create(path: Path, source: str | None = None, force: bool = False, shown: str | None = None) -> Scaffold:
    """Write a new scenario at ``path`` (from the template, or a copy of ``source``) and what it needs.

    Raises ``ScaffoldError`` (nothing written) if ``path`` exists and ``force`` is false, or cannot
    be a scenario file; ``UnknownScenarioError`` if ``source`` is neither a file nor a bundled id.
    """
    if path.suffix != ".toml":
        raise BadPathError(
            _("{path} must end in .toml, e.g. {name}").format(path=path, name=path.with_suffix(".toml").name)
        )
    if path.is_dir():
        raise ScaffoldError(
            _("{path} is a folder; give the name of the new file, e.g. {path2}").format(
                path=path, path2=path / "my_scenario.toml"
            )
        )
    if path.exists() and not force:
        raise ScaffoldError(
            _("{path} already exists; choose another name, or add --force to overwrite it").format(path=path)
        )
    taken = set(bundled_ids())
    if source is None:
        src_file, src_dir = None, bundled_dir()
        ident = scenario_id_for(path, taken, "_new")
        text = new_scenario_text(path, ident, title_for(path), shown)
        why = _("a new scenario")
    else:
        src_file = resolve_scenario(source)
        if _same_file(src_file, path):
            raise ScaffoldError(
                _("{path} is the scenario you are copying from; give the copy another name").format(path=path)
            )
        try:
            source_text = src_file.read_text(encoding="utf-8")
            source_data = tomli.loads(source_text)
        except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as e:
            raise ScaffoldError(
                _("cannot read {src_file} as TOML ({e}); run 'demarche validate {src_file}'").format(
                    src_file=src_file, e=e
                )
            ) from e
        if not isinstance(source_data.get("scenario"), dict):
            raise ScaffoldError(
                _("{src_file} is not a scenario (it has no [scenario] table); give a scenario to copy").format(
                    src_file=src_file
                )
            )
        old_id = source_data["scenario"].get("id")
        ident = scenario_id_for(path, taken | {old_id}, "_copy")
        src_dir = src_file.parent
        name = f"the bundled scenario '{old_id}'" if _same_file(src_dir, bundled_dir()) else str(src_file)
        text = copied_scenario_text(src_file, source_text, ident, name)
        why = _("a copy of {src_file}").format(src_file=src_file)

    files: list[Written] = []
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    files.append(Written(path, why, pgettext("file", "wrote")))
    _support(path, text, True, src_dir, path.parent, files, set())
    return Scaffold(path, ident, src_file, tuple(files))


def _support(
    path: Path, text: str, is_scenario: bool, src_dir: Path, dest_dir: Path, files: list[Written], seen: set[Path]
) -> None:
    """Put beside ``path`` the schema and the libraries it refers to, copying libraries from ``src_dir``."""
    target = _schema_target(path, text)
    if target is not None and target not in seen:
        seen.add(target)
        wanted = _schema_text(target.name)
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != wanted:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(wanted, encoding="utf-8")
            files.append(
                Written(
                    target,
                    _("the JSON Schema editors use to check the file as you type"),
                    pgettext("file", "wrote") if current is None else pgettext("file", "updated"),
                )
            )
    for include in _includes(text, is_scenario):
        src, dest = src_dir / include, Path(os.path.normpath(dest_dir / include))
        if dest in seen:
            continue
        seen.add(dest)
        if dest.exists() or _same_file(src, dest):
            if not _same_file(src, dest) and not _same_file(src_dir, dest_dir):
                files.append(
                    Written(
                        dest,
                        _("the library it includes ({include}); already there, left as it is").format(include=include),
                        pgettext("file", "kept"),
                    )
                )
            continue
        if not src.is_file():
            continue  # `demarche validate` will say the include is missing
        lib_text = src.read_text(encoding="utf-8")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(lib_text, encoding="utf-8")
        files.append(
            Written(
                dest,
                _("the instrument library it includes ({include})").format(include=include),
                pgettext("file", "copied"),
            )
        )
        _support(dest, lib_text, False, src.parent, dest.parent, files, seen)
