"""The ``demarche`` command (``python -m game`` runs the same).

Each subcommand is a thin shell over ``game.scenario`` and ``game.session``:
it parses arguments, calls them, and prints with rich. Exit codes: 0 success,
1 failure (invalid scenario, broken save, hash mismatch), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from . import i18n
from .i18n import N_, _, labelled, ngettext

if TYPE_CHECKING:  # rich and the console modules are imported when a command prints: the board opens without them
    from rich.console import Console

    from .light_console import LightConsole

OK, FAILED, USAGE = 0, 1, 2


def escape(text: str) -> str:
    """rich's markup escape (``light_console.escape``, which does not load rich)."""
    from .light_console import escape

    return escape(text)


def _error(message: str) -> str:
    """A line of markup: the word "error:" in red (in the language spoken), then ``message`` (markup)."""
    label = _("error:")
    return f"[red]{escape(label)}[/] {message}"


def printable(text: str) -> str:
    from .terminal import printable

    return printable(text)


def _console(stderr: bool = False) -> Console:
    # SafeConsole: author text never reaches the terminal with escape sequences in it.
    from .terminal import SafeConsole

    return SafeConsole(
        stderr=stderr, highlight=False, soft_wrap=True, emoji=False
    )  # ":100:" is a line number, not an emoji


class Printer(Protocol):
    """What the commands print through: a rich console, or one made on first print."""

    def print(self, *args: Any, **kwargs: Any) -> None: ...


class _LazyConsole:
    """A console made on first print: ``play`` opens the board without loading rich unless it has to say something."""

    def __init__(self, stderr: bool = False):
        self._stderr = stderr
        self._real: Console | None = None

    def print(self, *args, **kwargs) -> None:
        if self._real is None:
            self._real = _console(self._stderr)
        self._real.print(*args, **kwargs)


def Table(*args, **kwargs):  # noqa: N802 - stands for rich's Table, imported when a command prints one
    from rich.table import Table

    return Table(*args, **kwargs)


# --------------------------------------------------------------------------- validate


_SNIPPET = 160  # characters of a long source line shown around the column

# The severity of a diagnostic as printed before its message ("error:", "warning:").
_SEVERITY = {"error": N_("error:"), "warning": N_("warning:")}


def _print_diagnostic(console: Printer, d, files: dict[str, str] | None = None) -> None:
    """The diagnostic, then its source line from ``files`` (the texts the loader read).

    Only a file the loader accepted is quoted, never one read again from disk:
    an include that was refused (outside the scenario's folder, a device, too
    large) has no text here, so nothing of it is printed.
    """
    colour = "red" if d.severity == "error" else "yellow"
    word = _(_SEVERITY[d.severity]) if d.severity in _SEVERITY else f"{d.severity}:"
    hint = ""
    if d.suggestion:
        hint = " " + _("(did you mean {suggestion}?)").format(suggestion=f"[bold]{escape(repr(d.suggestion))}[/]")
    console.print(
        f"[bold]{escape(str(d.file))}:{d.line}:{d.col}:[/] [{colour}]{escape(word)}[/] {escape(d.message)}{hint}"
    )
    line = _source_line((files or {}).get(d.file), d.line)
    if line is None:
        return
    col = d.col
    if len(line) > _SNIPPET:  # a huge one-line array: show the part around the column
        start = max(0, min(col - 1 - _SNIPPET // 2, len(line) - _SNIPPET))
        line = ("…" if start else "") + line[start : start + _SNIPPET] + ("…" if start + _SNIPPET < len(line) else "")
        col = col - start + (1 if start else 0)
    console.print(f"  [dim]{d.line:>4} |[/] {escape(printable(line))}")
    console.print(f"  [dim]     |[/] {' ' * (col - 1)}[{colour}]^[/]")


_LINES: dict[int, tuple[str, list[str]]] = {}


def _source_line(text: str | None, number: int) -> str | None:
    """Line ``number`` of ``text``, splitting each text once however many diagnostics it has."""
    if text is None:
        return None
    cached = _LINES.get(id(text))
    if cached is None or cached[0] is not text:
        _LINES.clear()
        cached = _LINES[id(text)] = (text, text.split("\n"))
    lines = cached[1]
    return lines[number - 1] if 1 <= number <= len(lines) else None


def cmd_validate(args) -> int:
    from .light_console import LightConsole
    from .scenario import ScenarioError, validate_file

    console = LightConsole()  # lines of markup only: rich is not loaded for them
    failed = 0
    for raw in args.paths:
        path = _validate_target(raw, console)
        if path is None:
            failed += 1
            continue
        try:
            checked = validate_file(path)  # a scenario, or an instrument library checked on its own
        except ScenarioError as e:
            failed += 1
            for d in e.diagnostics:
                _print_diagnostic(console, d, e.files)
            errors = sum(1 for d in e.diagnostics if d.severity == "error")
            counted = ngettext("{n} error", "{n} errors", errors).format(n=errors)
            console.print(f"[red]✗[/] {labelled(escape(raw), counted)}")
            continue
        warnings = len(checked.warnings)
        counted = " — " + ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings) if warnings else ""
        for d in checked.warnings:
            _print_diagnostic(console, d.as_error() if args.strict else d, checked.files)
        if warnings and args.strict:
            failed += 1
            strict = _("errors under --strict")
            console.print(f"[red]✗[/] {labelled(escape(raw), escape(checked.summary) + counted)}, {strict}")
            continue
        console.print(f"[green]✓[/] {labelled(escape(raw), escape(checked.summary) + counted)}")
    return FAILED if failed else OK


def _validate_target(raw: str, console: Console | LightConsole) -> Path | None:
    """The file to validate: ``raw`` itself, or the bundled scenario of that id; None after saying neither."""
    from .scenario import UnknownScenarioError, resolve_scenario

    if Path(raw).exists():
        return Path(raw)
    try:
        return resolve_scenario(raw)
    except UnknownScenarioError as e:
        if e.is_path:
            return Path(raw)  # validate_file says which file is missing
        console.print(_error(escape(str(e))))
        neither = _("not a file nor a bundled scenario")
        console.print(f"[red]✗[/] {labelled(escape(raw), neither)}")
        return None


# --------------------------------------------------------------------------- helpers


def _load_scenario_arg(arg: str, console: Printer):
    """(path, scenario, files, main) for a scenario given as a path or a bundled id,
    or None after printing why it cannot be loaded."""
    from .scenario import ScenarioError, UnknownScenarioError, load_scenario_with_files, resolve_scenario

    try:
        path = resolve_scenario(arg)
        scenario, files, main = load_scenario_with_files(path)
    except UnknownScenarioError as e:
        console.print(_error(escape(str(e))))
        return None
    except ScenarioError as e:
        for d in e.diagnostics:
            _print_diagnostic(console, d, e.files)
        console.print(
            _error(_("{scenario} does not validate; run 'demarche validate {scenario}'").format(scenario=escape(arg)))
        )
        return None
    return path, scenario, files, main


def _parse_with(spec: str | None, scenario, console: Printer) -> list[str] | None:
    """``--with cell[,other]``: the optional seats named (none without it), or None after printing why not."""
    from .scenario.variants import OptionalSeatError, check_optional

    named = [p.strip() for p in (spec or "").split(",") if p.strip()]
    if spec is not None and not named:
        console.print(_error(escape(_("--with names no seat; write --with ROLE[,ROLE]"))))
        return None
    try:
        check_optional(scenario, named)
    except OptionalSeatError as e:
        console.print(_error(f"--with: {escape(str(e))}"))
        return None
    return named


def _with_optional(scenario, named, console: Printer):
    """The variant of ``scenario`` with the optional seats among ``named`` in (ordinary roles ignored),
    or None after printing why it does not load."""
    from .scenario import ScenarioError
    from .scenario.variants import with_optional

    try:
        return with_optional(scenario, [r for r in scenario.optional_roles if r in set(named)])
    except ScenarioError as e:
        for d in e.diagnostics:
            _print_diagnostic(console, d, e.files)
        console.print(
            _error(_("{scenario} does not load with these optional seats").format(scenario=escape(scenario.id)))
        )
        return None


def _parse_bots(spec: str, scenario, console: Console):
    """'random' for every seat, or 'role=bot,role=bot' (unnamed roles get random); a bot may carry a
    policy ('greedy:avoid=private')."""
    from .bots import BotNameError, read_bot, split_seat

    role_ids = scenario.role_ids
    try:
        role, bot = split_seat(spec)
        if role is None:
            read_bot(bot, scenario)
            return bot
        out = {}
        for part in spec.split(","):
            role, bot = split_seat(part)
            if role is None or role not in role_ids:
                console.print(
                    _error(
                        _("unknown role '{role}' in --bots; roles are {roles}").format(
                            role=escape(role or part), roles=", ".join(role_ids)
                        )
                    )
                )
                return None
            read_bot(bot, scenario)
            out[role] = bot
        return out
    except BotNameError as e:
        console.print(_error(escape(str(e))))
        return None


def _print_scores(console: Console, scenario, outcome) -> None:
    from .session.narrate import outcome_text

    if outcome.lost:
        lost = _("Shared loss")
        verdict = f"[red]{lost}[/]"
    else:
        over = _("Game over")
        verdict = f"[green]{over}[/]"
    # Translators: how the game ended ("Game over" or "Shared loss"), then why.
    ended = _("{verdict}: {why}").format(verdict=verdict, why=escape(outcome_text(scenario, outcome)))
    console.print(f"\n{ended}")
    table = Table(title=_("Final scores"), title_justify="left")
    table.add_column(_("Role"))
    table.add_column(_("Points"), justify="right")
    table.add_column(_("Objectives met"))
    table.add_column(_("Missed"))
    for score in outcome.scores:
        role = scenario.role(score.role)
        names = {o.id: o.text for o in role.objectives}
        table.add_row(
            escape(role.name),
            f"{score.points}/{score.possible}",
            escape("\n".join(names[m] for m in score.met) or "—"),
            escape("\n".join(names[m] for m in score.missed) or "—"),
        )
    console.print(table)


# --------------------------------------------------------------------------- autoplay


def cmd_autoplay(args) -> int:
    from .rules.observe import observe
    from .rules.state import PUBLIC_SEAT
    from .session.autoplay import autoplay
    from .session.game import Game
    from .session.narrate import changes_text, event_text

    console = _console()
    loaded = _load_scenario_arg(args.scenario, console)
    if loaded is None:
        return FAILED
    _path, scenario, files, main = loaded
    bots = _parse_bots(args.bots, scenario, console)
    if bots is None:
        return USAGE
    named = _parse_with(args.with_, scenario, console)
    if named is None:
        return USAGE
    played = _with_optional(scenario, [*named, *(bots if isinstance(bots, dict) else ())], console)
    if played is None:
        return FAILED
    game = Game(played, files, main, args.seed)
    problem = _autoplay_problem(args)
    if problem:
        console.print(_error(escape(problem)))
        return USAGE
    if args.facilitator_pin is not None:
        from .session.control import set_pin

        set_pin(game, args.facilitator_pin)
    autoplay(game, bots, args.rounds)
    sc = game.scenario
    if not game.state.over:
        from .session.autoplay import hand_to_people

        hand_to_people(game)
    if not args.quiet:
        seed = _("seed {seed}").format(seed=game.seed)
        console.print(f"[bold]{escape(sc.title)}[/] — {seed}")
        view = observe(sc, game.state, PUBLIC_SEAT)
        for event in view.events:
            if event.kind == "round":
                console.print(f"\n[bold cyan]{escape(event_text(sc, event))}[/]")
                continue
            if event.kind == "game_over":
                continue  # the scores below say how it ended
            changes = changes_text(sc, event.changes)
            extra = f" [dim]({escape(changes)})[/]" if changes else ""
            console.print(f"  • {escape(event_text(sc, event))}{extra}")
        if game.state.over:
            _print_scores(console, sc, game.state.outcome)
        else:
            stopped = _("Stopped after round {n} of {rounds}: the game is not finished.").format(
                n=game.state.round - 1, rounds=sc.rounds
            )
            console.print(f"\n{stopped}")
        if game.state.deals:
            from .rules.negotiation import deal_tally

            offered, accepted, kept, broken = deal_tally(game.state.deals)
            tally = _("Deals between seats: {offered} offered, {accepted} accepted; {kept} kept, {broken} broken")
            where = " " + _("(the review lists them: demarche report SAVE)") if args.save else ""
            console.print(escape(tally.format(offered=offered, accepted=accepted, kept=kept, broken=broken) + where))
    if args.save:
        try:
            game.save(args.save)
        except OSError as e:
            console.print(
                _error(
                    _("cannot write {file}: {reason}").format(
                        file=escape(args.save), reason=escape(e.strerror or str(e))
                    )
                )
            )
            return FAILED
        if not args.quiet:
            console.print(_("Saved to {file}").format(file=escape(args.save)))
    console.print(_("Final state hash: {hash}").format(hash=game.hash))
    return OK


def _autoplay_problem(args) -> str | None:
    """Why these autoplay options do not go together, or None."""
    if args.rounds is not None and args.rounds < 1:
        return _("{option} must be at least 1").format(option="--rounds")
    if args.facilitator_pin is not None:
        from .session.control import pin_problem

        if not args.save:
            return _("--facilitator-pin needs --save FILE: the PIN is kept in the save")
        problem = pin_problem(args.facilitator_pin)
        if problem:
            return f"--facilitator-pin: {problem}"
    return None


# --------------------------------------------------------------------------- replay


def cmd_replay(args) -> int:
    from .session.game import Game
    from .session.save import SaveError

    console = _console()
    if str(args.save).endswith(".toml"):
        console.print(
            _error(
                _("{file} is a scenario, not a save; play it with 'demarche play' or 'demarche autoplay'").format(
                    file=escape(args.save)
                )
            )
        )
        return FAILED
    try:
        game = Game.load(args.save)
    except SaveError as e:
        console.print(_error(escape(str(e))))
        return FAILED
    state = game.state
    n = len(game.actions)
    if state.over:
        # Translators: the English says "actions" whatever the count.
        line = ngettext(
            "{title}: {n} actions replayed, game finished; hash matches.",
            "{title}: {n} actions replayed, game finished; hash matches.",
            n,
        )
    else:
        # Translators: the English says "actions" whatever the count.
        line = ngettext(
            "{title}: {n} actions replayed, game in round {round}; hash matches.",
            "{title}: {n} actions replayed, game in round {round}; hash matches.",
            n,
        )
    console.print(line.format(title=escape(game.scenario.title), n=n, round=state.round))
    if state.over and args.scores:
        _print_scores(console, game.scenario, state.outcome)
    console.print(_("Final state hash: {hash}").format(hash=game.hash))
    return OK


# --------------------------------------------------------------------------- list


_LIST_COLUMNS = (
    (N_("Id"), "left"),
    (N_("Title"), "left"),
    (N_("Players"), "left"),
    (N_("Rounds"), "right"),
    (N_("Roles"), "right"),
)


def cmd_list(args) -> int:
    from .scenario import ScenarioError, bundled_dir, bundled_scenarios, load_scenario

    console = _console()
    if not bundled_scenarios():
        _console(stderr=True).print(
            _error(
                _("no bundled scenarios found in {folder}; the install looks incomplete: reinstall Demarche").format(
                    folder=escape(str(bundled_dir()))
                )
            )
        )
        return FAILED
    table = Table(title=_("Bundled scenarios"), title_justify="left")
    for col, just in _LIST_COLUMNS:
        table.add_column(_(col), justify=just)
    broken = 0
    for path in bundled_scenarios():
        try:
            sc = load_scenario(path)
        except ScenarioError:
            broken += 1
            invalid = _("does not validate: demarche validate {path}").format(path=escape(str(path)))
            table.add_row(escape(path.stem), f"[red]{invalid}[/]", "", "", "")
            continue
        lo, hi = sc.players
        players = str(lo) if lo == hi else f"{lo}–{hi}"
        k = len(sc.optional_roles)
        # Translators: how many of a scenario's roles are optional seats, after the count of its roles.
        optional = " " + ngettext("({n} optional)", "({n} optional)", k).format(n=k) if k else ""
        roles = str(len(sc.roles)) + optional
        table.add_row(escape(sc.id), escape(sc.title), players, str(sc.rounds), roles)
    console.print(table)
    return FAILED if broken else OK


# --------------------------------------------------------------------------- play


def cmd_play(args) -> int:
    console = _LazyConsole(stderr=True)
    path = None
    seats = None
    if args.load and (args.scenario or args.seats):
        console.print(_error(_("--load resumes a save; do not also give a scenario or --seats")))
        return USAGE
    if args.replay:
        return _play_replay(args, console)
    if args.scenario:
        loaded = _load_scenario_arg(args.scenario, console)
        if loaded is None:
            return FAILED
        path, scenario = loaded[:2]
        if args.seats:
            from .session.hotseat import parse_seats

            try:
                seats = parse_seats(args.seats, scenario.role_ids, scenario.optional_roles)
            except ValueError as e:
                console.print(_error(f"--seats: {escape(str(e))}"))
                return USAGE
    elif args.seats:
        console.print(_error(_('--seats needs a scenario: demarche play SCENARIO --seats "role=Name,role=bot"')))
        return USAGE
    if args.load:
        from .session.save import SaveError, open_save
        from .session.slots import find_save

        args.load = find_save(args.load)
        try:
            open_save(args.load)  # replayed and checked here, so a damaged save never opens a window
        except SaveError as e:
            console.print(_error(f"{escape(str(e))}{escape(_saves_hint(e))}"))
            return FAILED
    if args.preview is not None:
        if path is None or seats is not None or args.load:
            console.print(
                _error(_("--preview needs a scenario and no --seats or --load: demarche play SCENARIO --preview ROLE"))
            )
            return USAGE
        if args.preview not in scenario.role_ids:
            console.print(
                _error(
                    _("--preview: unknown role '{role}'; roles are {roles}").format(
                        role=escape(args.preview), roles=", ".join(scenario.role_ids)
                    )
                )
            )
            return USAGE
    if args.facilitator_pin is not None:
        from .session.control import pin_problem

        problem = (
            pin_problem(args.facilitator_pin)
            if seats is not None
            else _("--facilitator-pin needs a scenario and --seats")
        )
        if problem:
            console.print(_error(f"--facilitator-pin: {escape(problem)}"))
            return USAGE
    options = dict(
        scenario_path=path, seats=seats, load=args.load, seed=args.seed, pin=args.facilitator_pin, preview=args.preview
    )
    if args.screenshot is not None:
        return _play_screenshot(args.screenshot, {**options, **_look_flags(args)}, console)
    if not _display_ok(console):
        return FAILED
    from .ui.run import run_app

    return run_app(**options, **_feel_flags(args))


def _saves_hint(e) -> str:
    """The words " (saves are kept in FOLDER)" after a save that was not found (a ``SaveError`` raised on a
    ``FileNotFoundError``, whatever the language of its message), else ""."""
    from .session.slots import saves_dir

    if getattr(e, "damaged", True) or not isinstance(e.__context__, FileNotFoundError):
        return ""
    return " " + _("(saves are kept in {folder})").format(folder=saves_dir())


def _feel_flags(args) -> dict[str, Any]:
    """--mute, --reduce-motion, --text-size and --high-contrast, for this launch only, passed on when given."""
    names = ("mute", "reduce_motion", "high_contrast")
    flags: dict[str, Any] = {k: True for k in names if getattr(args, k, False)}
    if getattr(args, "text_size", None) is not None:
        flags["text_size"] = args.text_size
    return flags


def _look_flags(args) -> dict[str, Any]:
    """--text-size and --high-contrast, for a screenshot."""
    return {k: v for k, v in _feel_flags(args).items() if k in ("text_size", "high_contrast")}


def _play_screenshot(out: str, options: dict, console) -> int:
    """``demarche play ... --screenshot FILE.png``: the first screen as a picture, no window needed."""
    target = Path(out)
    if target.suffix.lower() != ".png":
        console.print(_error(_("--screenshot: {file} must end in .png").format(file=escape(out))))
        return USAGE
    if not target.parent.is_dir():
        console.print(
            _error(
                _("--screenshot: no folder {folder} to write {file} in").format(
                    folder=escape(str(target.parent)), file=escape(target.name)
                )
            )
        )
        return FAILED
    from .ui import display_problem

    if display_problem():
        import os

        os.environ["SDL_VIDEODRIVER"] = "dummy"  # no screen here: draw off-screen
    from .ui.run import screenshot_app

    try:
        screenshot_app(target, **options)
    except OSError as e:
        console.print(
            _error(_("--screenshot: cannot write {file} ({reason})").format(file=escape(out), reason=escape(str(e))))
        )
        return FAILED
    console.print(_("wrote {file}").format(file=escape(out)))
    return OK


def _display_ok(console) -> bool:
    """A window can open here; otherwise say why."""
    from .ui import display_problem

    problem = display_problem()
    if problem:
        console.print(_error(escape(problem)))
    return problem is None


def _play_replay(args, console) -> int:
    """``demarche play --replay FILE``: the viewer, after checking the save replays."""
    from .session.game import Game
    from .session.save import SaveError
    from .session.slots import find_save

    if args.scenario or args.seats or args.load:
        console.print(_error(_("--replay opens a save in the viewer; do not also give a scenario, --seats or --load")))
        return USAGE
    if str(args.replay).endswith(".toml"):
        console.print(
            _error(
                _("{file} is a scenario, not a save; play it with 'demarche play {file}'").format(
                    file=escape(args.replay)
                )
            )
        )
        return FAILED
    path = find_save(args.replay)
    try:
        game = Game.load(path)
    except SaveError as e:
        console.print(_error(f"{escape(str(e))}{escape(_saves_hint(e))}"))
        return FAILED
    from .session import review

    if review.review_lock(game, game.state.over) == review.CLOSED:  # with a facilitator, the board asks for the PIN
        how = _(
            "resume it with 'demarche play --load {save}', or see one role's view with "
            "'demarche report {save} --role ROLE'"
        ).format(save=args.replay)
        console.print(_error(f"{escape(review.closed_reason(game.state.round, 'replay'))}; {escape(how)}"))
        return FAILED
    if not _display_ok(console):
        return FAILED
    from .ui.run import run_app

    return run_app(replay=path, **_feel_flags(args))


# --------------------------------------------------------------------------- report


def cmd_report(args) -> int:
    """After-action review of one save (optionally one role's view first), or a comparison of two."""
    from .review.report import ReportError, UnknownRoleError, write_report

    console = _console()
    if len(args.saves) > 2:
        console.print(_error(_("give one save to report on, or two to compare")))
        return USAGE
    if args.role and len(args.saves) == 2:
        console.print(_error(_("--role applies to the report of one save, not to a comparison")))
        return USAGE
    try:
        path = write_report(args.saves, args.out, args.role, args.format, args.pin)
    except UnknownRoleError as e:
        console.print(_error(escape(str(e))))
        return USAGE
    except ReportError as e:
        console.print(_error(escape(str(e))))
        return FAILED
    console.print(escape(str(path)))
    return OK


# --------------------------------------------------------------------------- schema


def cmd_schema(args) -> int:
    """Print the JSON Schema of a scenario (or, with --library, of an instrument library)."""
    from .scenario.schema import dumps, library_schema, scenario_schema

    sys.stdout.write(dumps(library_schema() if args.library else scenario_schema()))
    return OK


# --------------------------------------------------------------------------- new


def cmd_new(args) -> int:
    """Write a commented scenario that validates and plays as it is, or a copy of one."""
    from .scenario import ScenarioError, UnknownScenarioError, validate_file
    from .scenario.scaffold import BadPathError, ScaffoldError, create

    console = _console()
    path = Path(args.path)
    try:
        made = create(path, args.source, force=args.force, shown=args.path)
    except UnknownScenarioError as e:
        console.print(_error(f"--from: {escape(str(e))}"))
        return FAILED
    except BadPathError as e:
        console.print(_error(escape(str(e))))
        return USAGE
    except ScaffoldError as e:
        console.print(_error(escape(str(e))))
        return FAILED
    except OSError as e:
        console.print(
            _error(
                _("cannot write {file}: {reason}").format(file=escape(args.path), reason=escape(e.strerror or str(e)))
            )
        )
        return FAILED
    for f in made.files:
        console.print(f"[green]{f.action}[/] {escape(str(f.path))}: {escape(f.why)}")
    try:
        checked = validate_file(path)
    except ScenarioError as e:
        for d in e.diagnostics:
            _print_diagnostic(console, d, e.files)
        unfinished = _("{file} was written, but it does not validate yet: fix the errors above.").format(
            file=escape(args.path)
        )
        console.print(f"[yellow]{unfinished}[/]")
        return FAILED
    shown = escape(args.path if " " not in args.path else f'"{args.path}"')
    ident = _("(id '{id}')").format(id=escape(made.scenario_id))
    console.print(f"[green]✓[/] {escape(checked.summary)} {ident}")
    then = _(
        "Edit it in any text editor (the comments in it explain each section; every key is in docs/format.md), then:"
    )
    console.print(f"\n{then}")
    steps = [
        ("validate", _("check it: every mistake with its line and column")),
        ("play", _("play it on the board")),
        ("autoplay", _("let bots play it through, headless")),
    ]
    width = max(len(f"demarche {verb} {shown}") for verb, _what in steps)
    for verb, what in steps:
        console.print(f"  {f'demarche {verb} {shown}':<{width}}   [dim]# {what}[/]")
    return OK


# --------------------------------------------------------------------------- simulate


def cmd_simulate(args) -> int:
    """Many bot games in parallel processes, summed up as a balance report (tables, or JSON)."""
    import json
    import time

    from .sim import BotSpecError, default_jobs, parse_bot_spec, simulate

    err = _console(stderr=True)
    jobs = default_jobs() if args.jobs is None else args.jobs
    if args.lesson:
        args.lessons = True
    if args.games is None:
        args.games = LESSON_GAMES if args.lessons else 2000
    if args.games < 1 or jobs < 1:
        err.print(_error(_("{option} must be at least 1").format(option="-n" if args.games < 1 else "--jobs")))
        return USAGE
    loaded = _load_scenario_arg(args.scenario, err)
    if loaded is None:
        return FAILED
    _path, scenario, files, main = loaded
    if args.lessons:
        if args.with_ is not None:
            err.print(_error(_("--lessons plays each lesson with the optional seats it names; leave out --with")))
            return USAGE
        return _simulate_lessons(args, scenario, files, main, jobs, err)
    try:
        spec = parse_bot_spec(args.bots, scenario.role_ids, scenario)
    except BotSpecError as e:
        err.print(_error(f"--bots: {escape(str(e))}"))
        return USAGE
    versus = None
    if args.versus is not None:
        try:
            versus = parse_bot_spec(args.versus, scenario.role_ids, scenario)
        except BotSpecError as e:
            err.print(_error(f"--versus: {escape(str(e))}"))
            return USAGE
    named = _parse_with(args.with_, scenario, err)
    if named is None:
        return USAGE
    seated = [r for r, _bot in spec.fixed + (versus.fixed if versus is not None else ())]
    played = _with_optional(scenario, [*named, *seated], err)
    if played is None:
        return FAILED
    scenario = played
    start = time.perf_counter()
    if args.json:
        report = simulate(
            files, main, args.games, spec, args.seed, jobs, scenario=scenario, versus=versus, with_=scenario.optional_in
        )
        from .terminal import json_for_terminal

        sys.stdout.write(json_for_terminal(json.dumps(report, indent=2, ensure_ascii=False)) + "\n")
        return OK
    total = args.games * (1 if versus is None else 2)
    with _games_bar(err) as bar:
        processes = ngettext("{n} process", "{n} processes", jobs).format(n=jobs)
        task = bar.add_task(f"{escape(scenario.id)}: {processes}", total=total)
        report = simulate(
            files,
            main,
            args.games,
            spec,
            args.seed,
            jobs,
            progress=lambda k: bar.advance(task, k),
            scenario=scenario,
            versus=versus,
            with_=scenario.optional_in,
        )
    elapsed = time.perf_counter() - start
    from .sim.render import render_report

    console = _console()
    render_report(report, console)
    timing = ngettext(
        "{n} games in {seconds} s ({rate} games/s, {processes}).",
        "{n} games in {seconds} s ({rate} games/s, {processes}).",
        total,
    ).format(n=total, seconds=f"{elapsed:.1f}", rate=f"{total / elapsed:.0f}", processes=processes)
    console.print(f"[dim]{timing}[/]")
    return OK


def _games_bar(err: Console):
    """The progress bar of a long run of games, on stderr, gone when it ends."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        # Translators: before the time left in a progress bar.
        TextColumn(escape(_("eta"))),
        TimeRemainingColumn(),
    )
    return Progress(*columns, console=err, transient=True)


LESSON_GAMES = 200  # paired games per side of each lesson, unless -n says otherwise


def _simulate_lessons(args, scenario, files, main, jobs: int, err) -> int:
    """``simulate --lessons``: each of the scenario's lessons played on paired seeds; exit 1 if one does not hold."""
    import json

    from .sim.lessons import check_lessons

    if not scenario.lessons:
        err.print(
            _error(
                _(
                    "{scenario} has no {lessons} to test; docs/format.md, section {lessons}, says how to write one"
                ).format(scenario=escape(scenario.id), lessons=escape("[[lessons]]"))
            )
        )
        return USAGE
    if args.bots != "random" or args.versus is not None:
        err.print(_error(_("--lessons plays the bots each lesson names; leave out --bots and --versus")))
        return USAGE
    if args.lesson:
        from .rules.expr_base import suggest

        known = [lesson.id for lesson in scenario.lessons]
        for wanted in args.lesson:
            if wanted not in known:
                near = suggest(wanted, known)
                hint = " " + _("(did you mean {suggestion}?)").format(suggestion=escape(repr(near))) if near else ""
                err.print(
                    _error(
                        _("--lesson: {scenario} has no lesson {lesson}{hint}; its lessons: {known}").format(
                            scenario=escape(scenario.id),
                            lesson=escape(repr(wanted)),
                            hint=hint,
                            known=escape(", ".join(known)),
                        )
                    )
                )
                return USAGE
        import attrs

        scenario = attrs.evolve(scenario, lessons=tuple(x for x in scenario.lessons if x.id in args.lesson))
    seed = scenario.seed if args.seed is None else args.seed
    if args.json:
        report = check_lessons(scenario, files, main, args.games, seed, jobs)
        from .terminal import json_for_terminal

        sys.stdout.write(json_for_terminal(json.dumps(report, indent=2, ensure_ascii=False)) + "\n")
    else:
        total = 2 * args.games * len(scenario.lessons)
        with _games_bar(err) as bar:
            task = bar.add_task(_("{scenario}: lessons").format(scenario=escape(scenario.id)), total=total)
            report = check_lessons(
                scenario, files, main, args.games, seed, jobs, progress=lambda k: bar.advance(task, k)
            )
        from .sim.render import render_lessons

        render_lessons(report, _console())
    return OK if all(lesson["holds"] for lesson in report["lessons"]) else FAILED


# --------------------------------------------------------------------------- main


COMMANDS = ("validate", "autoplay", "replay", "play", "list", "report", "schema", "new", "simulate")


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing shutil (and with it bz2 and lzma)."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width as argparse would ask shutil for it."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)


class _NotAsked:
    """A subcommand other than the one on the command line: its arguments are not built."""

    def add_argument(self, *args, **kwargs) -> None:
        pass

    def set_defaults(self, **kwargs) -> None:
        pass


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or (``only``) of that one: each built costs start-up time.

    Usage lines and errors of a command are the same either way (its prog comes from the main
    parser); ``demarche --help`` and an unknown command get the parser of every command.
    Every help text is looked up in the language spoken (chosen before the parser is built), and so
    are the metavars: the English ones are argparse's own (``--seed SEED``), given explicitly."""
    p = argparse.ArgumentParser(
        prog="demarche",
        description=_("Demarche: a hot-seat wargame engine for diplomacy."),
        formatter_class=_HelpFormatter,
    )
    p.add_argument("--version", action=_VersionAction, help=_("show program's version number and exit"))
    p.add_argument(
        "--lang",
        # Translators: metavars (the placeholders of a command line) are in capitals, as in the English.
        metavar=_("LANG"),
        help=_("the language to speak: {known} (default: $DEMARCHE_LANG, else the system's)").format(
            known=", ".join(i18n.available())
        ),
    )
    sub = p.add_subparsers(dest="command", metavar=_("COMMAND"))

    def add(name: str, **kwargs):
        if only is not None and name != only:
            return _NotAsked()
        return sub.add_parser(name, formatter_class=_HelpFormatter, **kwargs)

    scenario_help = _("a scenario file or the id of a bundled scenario")
    seed_help = _("random seed (default: the scenario's)")

    v = add("validate", help=_("check scenario files; print file:line:col errors and design-flaw warnings"))
    v.add_argument("paths", nargs="+", metavar=_("PATH"))
    v.add_argument("--strict", action="store_true", help=_("treat warnings as errors: exit 1 if there are any"))
    v.set_defaults(func=cmd_validate)

    a = add("autoplay", help=_("play a whole game with bots in every seat, headless"))
    a.add_argument("scenario", metavar=_("SCENARIO"), help=scenario_help)
    a.add_argument("--seed", type=int, default=None, metavar=_("SEED"), help=seed_help)
    a.add_argument(
        "--bots",
        default="random",
        metavar=_("BOTS"),
        help=_("bot for every seat, or role=bot,role=bot (default: random)"),
    )
    a.add_argument(
        "--with",
        dest="with_",
        metavar=_("ROLE[,ROLE]"),
        help=_("bring these optional seats (a red cell) into the game; --bots ROLE=BOT naming one does too"),
    )
    a.add_argument("--save", metavar=_("FILE"), help=_("write the game to a save file"))
    a.add_argument(
        "--rounds",
        type=int,
        metavar="N",
        help=_(
            "stop after round N: with --save, an unfinished game that 'play --load' resumes with people in every seat"
        ),
    )
    a.add_argument(
        "--facilitator-pin",
        metavar="PIN",
        help=_("with --save: add the facilitator's control seat to the save, opened with this PIN (4+ digits)"),
    )
    a.add_argument("--quiet", "-q", action="store_true", help=_("print only the final hash"))
    a.set_defaults(func=cmd_autoplay)

    r = add("replay", help=_("replay a save and check its final state hash"))
    r.add_argument("save", metavar=_("SAVE"))
    r.add_argument("--scores", action="store_true", help=_("also print the final scores"))
    r.set_defaults(func=cmd_replay)

    pl = add("play", help=_("open the board: hot-seat play in a window"))
    pl.add_argument(
        "scenario",
        nargs="?",
        metavar=_("SCENARIO"),
        help=_("a scenario file or bundled id (default: the title screen, tutorial preselected)"),
    )
    pl.add_argument(
        "--seats",
        metavar=_("SEATS"),
        help=_(
            'skip set-up: "foreign=Ana,defence=bot" (unnamed roles and a bare "bot" get the greedy bot, '
            '"bot:random" another; an optional seat is in only if named)'
        ),
    )
    pl.add_argument("--load", metavar=_("FILE"), help=_("resume a saved game"))
    pl.add_argument(
        "--replay",
        metavar=_("FILE"),
        help=_("open a save in the replay viewer: step through it round by round, branch a what-if game"),
    )
    pl.add_argument("--seed", type=int, default=None, metavar=_("SEED"), help=seed_help)
    pl.add_argument(
        "--preview",
        metavar=_("ROLE"),
        help=_("authors: open ROLE's view of the first round at once, without set-up (nothing is saved)"),
    )
    pl.add_argument(
        "--facilitator-pin",
        metavar="PIN",
        help=_("with --seats: add the facilitator's control seat, opened with this PIN (4+ digits)"),
    )
    pl.add_argument("--mute", action="store_true", help=_("no sound this time (M on the board mutes it for good)"))
    pl.add_argument(
        "--reduce-motion",
        action="store_true",
        help=_("nothing moves this time: new values at once (the F1 help turns it on for good)"),
    )
    pl.add_argument(
        "--text-size",
        type=int,
        choices=(100, 125, 150, 175, 200),
        metavar="N",
        help=_("every text this size this time, in percent: 100, 125, 150, 175 or 200 (Ctrl+Plus on the board)"),
    )
    pl.add_argument(
        "--high-contrast",
        action="store_true",
        help=_("white on black this time, bright borders (C on the board turns it on for good)"),
    )
    pl.add_argument(
        "--screenshot",
        metavar=_("FILE.png"),
        help=_(
            "write the first screen (with --preview ROLE: that seat's first round) to FILE.png and exit; needs "
            "no display"
        ),
    )
    pl.set_defaults(func=cmd_play)

    ls = add("list", help=_("list the bundled scenarios"))
    ls.set_defaults(func=cmd_list)

    rp = add("report", help=_("after-action review of a save (HTML, Markdown or JSON); two saves: compare them"))
    rp.add_argument(
        "saves", nargs="+", metavar=_("SAVE"), help=_("a save; give two saves of one scenario to compare them")
    )
    rp.add_argument(
        "--out",
        metavar=_("FILE"),
        help=_("where to write (default: next to the save, with the format's suffix)"),
    )
    rp.add_argument(
        "--role",
        metavar=_("ROLE"),
        help=_(
            "that role's own view of the game first, then the full reveal (a game not yet finished: the view "
            "alone, unless --pin)"
        ),
    )
    rp.add_argument(
        "--format",
        choices=("html", "md", "json"),
        default="html",
        help=_("html (default): one self-contained page; md; json"),
    )
    rp.add_argument(
        "--pin", metavar="PIN", help=_("the facilitator's PIN: needed for the full review of an unfinished game")
    )
    rp.set_defaults(func=cmd_report)

    sc = add(
        "schema", help=_("print the JSON Schema of the scenario format (editors use it to check files as you type)")
    )
    sc.add_argument(
        "--library", action="store_true", help=_("the schema of an instrument library instead of a scenario")
    )
    sc.set_defaults(func=cmd_schema)

    nw = add("new", help=_("write a new scenario file, commented and ready to edit (or a copy of one with --from)"))
    nw.add_argument("path", metavar=_("PATH"), help=_("the file to write, e.g. my_scenario.toml"))
    nw.add_argument(
        "--from",
        dest="source",
        metavar=_("SCENARIO"),
        help=_("copy this scenario (a bundled id or a file) instead of the template"),
    )
    nw.add_argument("--force", action="store_true", help=_("overwrite PATH if it exists"))
    nw.set_defaults(func=cmd_new)
    sm = add(
        "simulate",
        help=_("play many bot games in parallel and report on balance (scores, wins, instruments, consequences)"),
    )
    sm.add_argument("scenario", metavar=_("SCENARIO"), help=scenario_help)
    sm.add_argument(
        "-n",
        "--games",
        type=int,
        default=None,
        metavar=_("GAMES"),
        help=_("how many games (default: 2000; with --lessons, {games} per side of each lesson)").format(
            games=LESSON_GAMES
        ),
    )
    sm.add_argument(
        "--bots",
        default="random",
        metavar=_("BOTS"),
        help=_("random | random,greedy (each seat draws one per game) | role=bot,... (default: random)"),
    )
    sm.add_argument(
        "--with",
        dest="with_",
        metavar=_("ROLE[,ROLE]"),
        help=_("play with these optional seats (a red cell) in; --bots ROLE=BOT naming one does too"),
    )
    sm.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar=_("JOBS"),
        help=_("worker processes (default: one per CPU); the report does not depend on it"),
    )
    sm.add_argument(
        "--versus",
        metavar=_("BOTS"),
        default=None,
        help=_(
            "play the same seeds again with these bots (as --bots) and report, per role, how many more points "
            "--bots scored: does skill pay? e.g. --bots greedy --versus novice"
        ),
    )
    sm.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar=_("SEED"),
        help=_("game i uses seed SEED+i (default: the scenario's seed)"),
    )
    sm.add_argument("--json", action="store_true", help=_("print the report as JSON (no tables, no progress bar)"))
    sm.add_argument(
        "--lessons",
        action="store_true",
        help=_("test the scenario's [[lessons]] on paired seeds instead (exit 1 if one does not hold)"),
    )
    sm.add_argument(
        "--lesson",
        action="append",
        metavar="ID",
        default=[],
        help=_("test only this lesson (may be repeated; implies --lessons)"),
    )
    sm.set_defaults(func=cmd_simulate)
    return p


class _VersionAction(argparse._VersionAction):
    """``--version``, reading the package metadata only when asked (importlib.metadata is slow to import)."""

    def __call__(self, parser, namespace, values, option_string=None):
        self.version = _version()
        super().__call__(parser, namespace, values, option_string)


def _version() -> str:
    """``demarche X.Y.Z``, from the installed package's metadata."""
    from importlib import metadata

    from . import DISTRIBUTION

    try:
        return f"demarche {metadata.version(DISTRIBUTION)}"
    except metadata.PackageNotFoundError:
        return _(
            "demarche (version unknown: the {package} package is not installed, only its source is on the path)"
        ).format(package=DISTRIBUTION)


def _take_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` (or ``--lang=X``) wherever it stands, and the arguments without it: the language must be
    known before the parser is built, so its help and errors are in it."""
    asked, rest, i = None, [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--lang" and i + 1 < len(argv):
            asked, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            asked, i = arg.split("=", 1)[1], i + 1
            continue
        rest.append(arg)
        i += 1
    return asked, rest


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    asked, argv = _take_lang(argv)
    try:
        i18n.set_language(i18n.choose(asked))
    except i18n.UnknownLanguageError as e:
        label = _("error:")
        _console(stderr=True).print(f"[red]{escape(label)}[/] {escape(str(e))}")
        return USAGE
    parser = build_parser(only=argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return USAGE
    from .resources import MissingResourcesError

    try:
        return args.func(args)
    except MissingResourcesError as e:
        _console(stderr=True).print(_error(escape(str(e))))
        return FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. piped into head
        return OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
