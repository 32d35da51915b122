"""Load a scenario: files -> parsed TOML -> spec objects -> checked, compiled model.

The phases run in order and each reports everything it finds: syntax errors
and includes of every file; then structural errors of every entry; then the
cross-reference checks of everything that structured. A phase is skipped only
when its input is unusable (a file that does not parse, an include that is
missing). Problems are placed at file:line:col only at the end, and only if
there are any, so the happy path never builds the location index.

An instrument library can also be checked on its own (``check_library_files``,
``validate_file``), against the meters its ``[contract]`` declares (see ``library``).

A scenario without errors can also be linted for design flaws (``lint=True``;
``validate_file`` does by default): the warnings of ``game.scenario.lint``.
Loading a scenario to play it never lints.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.rules.model import Instrument, Scenario

from ..i18n import _, language, ngettext
from . import actor_rules, headers, library, limits, salvage, sections, variants
from .checker import Checker
from .diagnostics import ERROR, Diagnostic, Problem, ScenarioError
from .lint import lint as design_flaws
from .records import Record, _set
from .sources import (
    Source,
    content_hash,
    disk_reader,
    display_name,
    folder_files,
    is_library,
    library_order,
    parse_toml,
    walk,
)
from .spec import ContractSpec, LibraryFile, ScenarioFile
from .structure import Parts, structure

if TYPE_CHECKING:  # tree-sitter is loaded only to place problems: a clean file never needs it
    from .locations import KeyIndex


class Library(Record):
    """An instrument library checked on its own (libraries are not played alone): ``instruments`` are
    its own and its includes', includes first."""

    __slots__ = ("instruments", "contract")
    instruments: tuple[Instrument, ...]
    contract: ContractSpec | None

    def __init__(self, instruments: tuple[Instrument, ...], contract: ContractSpec | None) -> None:
        _set(self, "instruments", instruments)
        _set(self, "contract", contract)


class Validated(Record):
    """What ``validate_file`` found: ``kind`` is "scenario" or "library"; ``summary`` is one line;
    ``warnings`` the design-flaw warnings and other non-errors; ``files`` the texts read, by shown
    file name (not compared, not in the repr)."""

    __slots__ = ("kind", "summary", "scenario", "library", "warnings", "files")
    _uncompared = ("files",)
    kind: str
    summary: str
    scenario: Scenario | None
    library: Library | None
    warnings: tuple[Diagnostic, ...]
    files: dict[str, str]

    def __init__(
        self,
        kind: str,
        summary: str,
        scenario: Scenario | None = None,
        library: Library | None = None,
        warnings: tuple[Diagnostic, ...] = (),
        files: dict[str, str] | None = None,
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "summary", summary)
        _set(self, "scenario", scenario)
        _set(self, "library", library)
        _set(self, "warnings", warnings)
        _set(self, "files", {} if files is None else files)


def check_scenario_files(
    files: dict[str, str], main: str, root: str | None = None, known: list[str] | None = None, lint: bool = False
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Check and compile; returns the scenario (None if any error) and every diagnostic.

    ``files`` maps paths relative to the scenario's folder to their text;
    ``main`` is the scenario file's key. ``root`` is the folder as the user
    named it, only to show file names; ``known`` lists existing file keys for
    did-you-mean on a missing include. ``lint`` adds the design-flaw warnings
    of ``game.scenario.lint`` when the scenario has no errors.
    """
    sources, problems, missing = walk(files.get, main, (lambda: known) if known is not None else (lambda: list(files)))
    return _check(sources, problems, missing, root, lint)


def _over_limits(sources: list[Source]) -> list[Problem]:
    """Sizes beyond ``limits``: checked before anything else reads the values, and fatal."""
    found: list[Problem] = []
    for src in sources:
        found += _within_limits(src)
    if not found and sources[0].is_main and not is_library(sources[0].data):
        found = limits.check_game_size(sources[0].key, sources[0].table)
    return found or limits.check_instrument_total(sources)


# (text, language of the messages) -> (file key it was checked as, problems)
_LIMITED: dict[tuple[str, str], tuple[str, tuple[Problem, ...]]] = {}


def _within_limits(src: Source) -> list[Problem]:
    """``limits.check`` of one parsed file, done once per text in a process (like ``_structured``)."""
    key = (src.text, language())
    done = _LIMITED.get(key)
    if done is None:
        if len(_LIMITED) >= _STRUCTURED_MAX:
            _LIMITED.pop(next(iter(_LIMITED)))
        done = _LIMITED[key] = (src.key, tuple(limits.check(src.key, src.table)))
    return _rekeyed(done[1], done[0], src.key)


_STRUCTURED: dict[tuple[str, type, str], tuple[Parts, tuple[Problem, ...]]] = {}
_STRUCTURED_MAX = 16


def _structured(src: Source, cls: type) -> tuple[Parts, list[Problem]]:
    """``structure`` of one parsed file, done once per text in a process: the library every bundled
    scenario includes is structured once, not once per scenario (spec objects are immutable), nor
    again when it is validated on its own under another file name."""
    key = (src.text, cls, language())  # (the problems' messages are in the language spoken)
    done = _STRUCTURED.get(key)
    if done is None:
        parts, problems = structure(src.key, src.table, cls)
        if len(_STRUCTURED) >= _STRUCTURED_MAX:
            _STRUCTURED.pop(next(iter(_STRUCTURED)))
        done = _STRUCTURED[key] = (parts, tuple(problems))
    parts = done[0]
    if parts.file != src.key:
        parts = Parts(src.key, parts.cls, parts.raw, parts.values, parts.shape)
    return parts, _rekeyed(done[1], done[0].file, src.key)


def _rekeyed(problems: tuple[Problem, ...], old: str, new: str) -> list[Problem]:
    """The problems of a text checked as file ``old``, said of file ``new`` (the checks read only the text)."""
    if old == new:
        return list(problems)
    return [p._replace(file=new) if p.file == old else p for p in problems]


def _check(
    sources: list[Source], problems: list[Problem], missing: bool, root: str | None, lint: bool = False
) -> tuple[Scenario | None, list[Diagnostic]]:
    if any(s.data is None for s in sources):
        return None, locate(problems, sources, root)
    over = _over_limits(sources)
    if over:
        return None, locate(problems + over, sources, root)
    main_src = sources[0]
    if lint:  # (a header can put an entry in the wrong place without any error)
        problems += headers.misplaced(main_src.key, main_src.text, main_src.data or {})
    parts: dict[str, Parts] = {}
    for src in sources:
        p, errs = _structured(src, ScenarioFile if src.is_main else LibraryFile)
        parts[src.key] = p
        problems += errs
    if missing:  # the instruments of a missing library are unknown: every reference to them would fail
        return None, locate(problems, sources, root)

    ck = Checker()
    optional = variants.optional_ids(main_src.table)
    kept = None
    if optional:  # (only a file with optional roles pays for the second load)
        kept = variants.Variants(optional, lambda left_out: _variant(sources, left_out, kept), sources, root)
    scenario = _compile(ck, parts[main_src.key], [parts[s.key] for s in library_order(sources)], sources, kept)
    problems += ck.problems
    if kept is not None and not any(p.severity == ERROR for p in problems):
        emptied, found = _variant(sources, optional, kept)
        problems += variants.only_variant_errors(found, problems, optional)
        if emptied is not None and scenario is not None:
            kept.keep(scenario)
            kept.keep(emptied)
    if lint and scenario is not None and not ck.failed and not any(p.severity == ERROR for p in problems):
        problems += design_flaws(scenario, parts[main_src.key], [parts[s.key] for s in library_order(sources)])
    diagnostics = locate(problems, sources, root)
    if any(d.severity == ERROR for d in diagnostics):
        return None, diagnostics
    return scenario, diagnostics


def _variant(
    sources: list[Source], left_out: tuple[str, ...], kept: variants.Variants | None
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario of ``sources`` with the optional roles ``left_out`` dropped from its parsed TOML and
    loaded again by the same checks (``variants``), and its problems said of the real file."""
    main_src = sources[0]
    data, indexes = variants.without(main_src.table, frozenset(left_out))
    main, problems = structure(main_src.key, data, ScenarioFile)
    libraries = [_structured(s, LibraryFile)[0] for s in library_order(sources)]
    ck = Checker()
    scenario = _compile(ck, main, libraries, [Source(main_src.key, main_src.text, data), *sources[1:]], kept, left_out)
    return scenario, variants.said_of_file(problems + ck.problems, main_src.key, indexes)


def _compile(
    ck: Checker,
    main: Parts,
    libraries: list[Parts],
    sources: list[Source],
    kept: variants.Variants | None = None,
    left_out: tuple[str, ...] = (),
) -> Scenario | None:
    files = libraries + [main]
    names = sections.make_names(main, files)
    rounds = sections.header(ck, main)
    dyn = sections.dynamics(ck, main)
    global_meters = sections.meters(ck, main, "meters", dyn)
    actor_meters = sections.meters(ck, main, "actor_meters", dyn)
    role_meters = sections.meters(ck, main, "role_meters", dyn)
    sections.collisions(ck, main)
    actors = sections.actors(ck, main, actor_meters)
    scopes = library.in_scenario(ck, main, libraries, sources, names)
    catalogue = sections.instruments(ck, main, files, names, scopes, fatigue=dyn.fatigue)
    sections.actor_kinds(ck, main, files)
    sections.secret_requires(ck, catalogue, names, global_meters, actor_meters, role_meters)
    roles = sections.roles(ck, main, names, catalogue, rounds)
    crises = sections.crises(ck, main, names, rounds)
    consequences = sections.consequences(ck, main, names)
    schedule = sections.schedule(ck, main, names, rounds)
    end = sections.end(ck, main, names)
    negotiation = sections.negotiation(ck, main, names)
    actors = actor_rules.responses(ck, main, names, actors)
    roles = actor_rules.plays(ck, main, names, roles)
    lessons = sections.lessons(ck, main)
    salvage.check(ck, main, files, names, scopes, catalogue.all_ids)
    if ck.failed or main.values.get("scenario") is None:
        return None
    h = main.values["scenario"]
    scenario = Scenario(
        id=h.id,
        title=h.title,
        summary=h.summary,
        rounds=h.rounds,
        players=h.players or (1, len(roles)),
        seed=h.seed,
        objectives=h.objectives,
        debrief=h.debrief,
        provenance=h.provenance,
        coach=h.coach,
        language=h.language,
        global_meters=global_meters,
        actor_meters=actor_meters,
        role_meters=role_meters,
        roles=roles,
        actors=actors,
        instruments=tuple(catalogue.compiled),
        crises=crises,
        consequences=consequences,
        end=end,
        negotiation=negotiation,
        schedule=schedule,
        lessons=lessons,
        fatigue_within=dyn.fatigue_within,
        content_hash=content_hash(sources),
        names=names,
        left_out=left_out,
        variants=kept,
    )
    sections.lesson_bots(ck, main, scenario)
    return None if ck.failed else scenario


def _check_library(
    sources: list[Source], problems: list[Problem], missing: bool, root: str | None
) -> tuple[Library | None, list[Diagnostic]]:
    """Check an instrument library on its own: ``sources[0]`` is the library."""
    if any(s.data is None for s in sources):
        return None, locate(problems, sources, root)
    over = _over_limits(sources)
    if over:
        return None, locate(problems + over, sources, root)
    parts: dict[str, Parts] = {}
    for src in sources:
        p, errs = _structured(src, LibraryFile)
        parts[src.key] = p
        problems += errs
    if missing:
        return None, locate(problems, sources, root)
    main = parts[sources[0].key]
    files = [parts[s.key] for s in library_order(sources)] + [main]
    ck = Checker()
    names = sections.make_names(main, files)
    scopes = library.check_alone(ck, files, names)
    catalogue = sections.instruments(ck, main, files, names, scopes, alone=True)
    salvage.check(ck, main, files, names, scopes, catalogue.all_ids, alone=True)
    problems += ck.problems
    diagnostics = locate(problems, sources, root)
    if any(d.severity == ERROR for d in diagnostics):
        return None, diagnostics
    return Library(tuple(catalogue.compiled), library.contract_of(main)), diagnostics


def check_library_files(
    files: dict[str, str], main: str, root: str | None = None, known: list[str] | None = None
) -> tuple[Library | None, list[Diagnostic]]:
    """Check an instrument library on its own, from its texts (like ``check_scenario_files``)."""
    sources, problems, missing = walk(files.get, main, (lambda: known) if known is not None else (lambda: list(files)))
    return _check_library(sources, problems, missing, root)


def locate(problems: list[Problem], sources: list[Source], root: str | None) -> list[Diagnostic]:
    """Place every problem at its file:line:col, sorted by file (main first) and position."""
    texts = {s.key: s.text for s in sources}
    order = {s.key: n for n, s in enumerate(sources)}
    indexes: dict[str, KeyIndex] = {}

    def index(key: str) -> KeyIndex:
        from .locations import KeyIndex

        if key not in indexes:
            indexes[key] = KeyIndex(texts.get(key, ""))
        return indexes[key]

    out: list[Diagnostic] = []
    for p in problems:
        line, col = _position(p, index)
        message = p.message
        if p.first is not None:
            first_file, first_path = p.first
            first_line = (
                index(first_file).key_position(first_path)[0]
                if p.at == "key"
                else index(first_file).value_position(first_path)[0]
            )
            where = (
                _("line {first_line}").format(first_line=first_line)
                if first_file == p.file
                else f"{display_name(root, first_file)}:{first_line}"
            )
            message += _(" (first defined at {where})").format(where=where)
        out.append(Diagnostic(display_name(root, p.file), line, col, p.severity, message, p.suggestion))
    unique = list(dict.fromkeys(out))
    keys = {display_name(root, k): n for k, n in order.items()}
    unique.sort(key=lambda d: (keys.get(d.file, len(keys)), d.line, d.col))
    return unique


def _position(p: Problem, index) -> tuple[int, int]:
    if p.line is not None:
        return p.line, p.col or 1
    idx = index(p.file)
    if p.at == "key":
        return idx.key_position(p.path)
    if p.at == "expr":
        return idx.string_position(p.path, p.offset)
    if p.at == "keyexpr":
        return idx.key_text_position(p.path, p.offset)
    return idx.value_position(p.path)


# --------------------------------------------------------------------------- public API


def load_scenario_files(
    files: dict[str, str], main: str, root: str | None = None, known: list[str] | None = None
) -> Scenario:
    """Load a scenario from its texts (as a save embeds them); raise ``ScenarioError`` on any error."""
    scenario, diagnostics = check_scenario_files(files, main, root, known)
    if scenario is None:
        raise ScenarioError(diagnostics, {display_name(root, k): v for k, v in files.items()})
    return scenario


def load_scenario(path: str | Path) -> Scenario:
    """Load and check a scenario file and its includes from disk."""
    scenario, _files, _main = load_scenario_with_files(path)
    return scenario


def load_scenario_with_files(path: str | Path) -> tuple[Scenario, dict[str, str], str]:
    """Load from disk and also return ``(files, main)`` exactly as read, for a save to embed."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError([Diagnostic(str(path), 1, 1, ERROR, _("scenario file not found"))])
    sources, problems, missing = _walk_disk(path)
    root = str(path.parent)
    scenario, diagnostics = _check(sources, problems, missing, root)
    files = {s.key: s.text for s in sources}
    if scenario is None:
        raise ScenarioError(diagnostics, {display_name(root, k): v for k, v in files.items()})
    return scenario, files, path.name


def _walk_disk(path: Path):
    """Read and parse the scenario at ``path`` and its includes, once."""
    folder = path.parent
    return walk(disk_reader(folder, path.name), path.name, lambda: folder_files(folder))


def _not_a_file(path: Path, missing: str) -> str:
    """Why ``path`` (not a file) cannot be read: a folder, a link that leads nowhere, or ``missing``."""
    if path.is_dir():
        return _("this is a folder, not a scenario file: name the .toml file in it")
    if path.is_symlink():
        return _("this link leads to no file")
    return missing


def check_scenario(path: str | Path, lint: bool = False) -> list[Diagnostic]:
    """Every diagnostic (errors and warnings) for a scenario file on disk; [] if it is clean.

    ``lint`` adds the design-flaw warnings (``game.scenario.lint``)."""
    path = Path(path)
    try:
        if not path.is_file():
            return [Diagnostic(str(path), 1, 1, ERROR, _not_a_file(path, _("scenario file not found")))]
        sources, problems, missing = _walk_disk(path)
    except ScenarioError as exc:
        return exc.diagnostics
    return _check(sources, problems, missing, str(path.parent), lint)[1]


def _check_disk(
    path: Path, lint: bool = False
) -> tuple[str, Scenario | Library | None, list[Diagnostic], dict[str, str]]:
    """Check a scenario or a library on disk: (kind, result or None, diagnostics, texts by shown name)."""
    if not path.is_file():
        return "scenario", None, [Diagnostic(str(path), 1, 1, ERROR, _not_a_file(path, _("file not found")))], {}
    try:
        sources, problems, missing = _walk_disk(path)
    except ScenarioError as exc:
        return "scenario", None, exc.diagnostics, exc.files
    root = str(path.parent)
    texts = {display_name(root, s.key): s.text for s in sources}
    if is_library(sources[0].data):
        return ("library", *_check_library(sources, problems, missing, root), texts)
    return ("scenario", *_check(sources, problems, missing, root, lint), texts)


def check_file(path: str | Path, lint: bool = False) -> list[Diagnostic]:
    """Every diagnostic for a scenario or an instrument library on disk (a library is checked on its own).

    ``lint`` adds a scenario's design-flaw warnings (``game.scenario.lint``)."""
    return _check_disk(Path(path), lint)[2]


def validate_file(path: str | Path, lint: bool = True) -> Validated:
    """Check a scenario or an instrument library; raise ``ScenarioError`` on any error.

    Returns what kind of file it is, a one-line summary for ``demarche
    validate`` and its warnings (with ``lint``, a scenario's design flaws too).
    """
    kind, result, diagnostics, texts = _check_disk(Path(path), lint)
    if result is None:
        raise ScenarioError(diagnostics, texts)
    warnings = tuple(diagnostics)
    if isinstance(result, Library):
        return Validated("library", library_summary(result), library=result, warnings=warnings, files=texts)
    s = result
    roles = ngettext("{n} role", "{n} roles", len(s.roles)).format(n=len(s.roles))
    if s.optional_roles:
        n = len(s.optional_roles)
        # Translators: the English says "optional" whatever the count.
        roles = ngettext("{roles} ({n} optional)", "{roles} ({n} optional)", n).format(roles=roles, n=n)
    counts = [
        roles,
        ngettext("{n} actor", "{n} actors", len(s.actors)).format(n=len(s.actors)),
        ngettext("{n} instrument", "{n} instruments", len(s.instruments)).format(n=len(s.instruments)),
        ngettext("{n} crisis", "{n} crises", len(s.crises)).format(n=len(s.crises)),
        ngettext("{n} consequence", "{n} consequences", len(s.consequences)).format(n=len(s.consequences)),
        ngettext("{n} round", "{n} rounds", s.rounds).format(n=s.rounds),
    ]
    summary = s.title + " — " + ", ".join(counts)
    return Validated("scenario", summary, scenario=s, warnings=warnings, files=texts)


def library_summary(lib: Library) -> str:
    """One line such as: instrument library — 35 instruments; needs actor meters trust, pressure; ..."""
    n = len(lib.instruments)
    out = ngettext("instrument library — {n} instrument", "instrument library — {n} instruments", n).format(n=n)
    if lib.contract is not None:
        needs = []
        for table in library.TABLES:
            names = getattr(lib.contract, table)
            if names:
                needs.append(_meters_named(table, len(names)).format(names=", ".join(names)))
        if needs:
            out += _("; needs {needs}").format(needs=_("; ").join(needs))
    return out


def _meters_named(table: str, n: int) -> str:
    """ "actor meter {names}" or "actor meters {names}" for ``n`` meters of ``table`` ([contract]'s keys)."""
    if table == "actor_meters":
        return ngettext("actor meter {names}", "actor meters {names}", n)
    if table == "role_meters":
        return ngettext("role meter {names}", "role meters {names}", n)
    return ngettext("global meter {names}", "global meters {names}", n)


def parse_scenario_file(text: str, name: str = "scenario.toml") -> ScenarioFile:
    """The spec object of one scenario text (no includes, no cross-reference checks).

    For tools that rewrite or export scenarios; raises ``ScenarioError`` on
    syntax or structural errors.
    """
    data, problems = parse_toml(name, text)
    source = [Source(name, text, data)]
    if data is not None:
        problems = limits.check(name, data)
    if data is not None and not problems:
        parts, problems = structure(name, data, ScenarioFile)
    if problems:
        raise ScenarioError(locate(problems, source, None), {name: text})
    return parts.build()
