"""The after-action review: ``demarche report`` and the functions behind it.

Facilitators close an exercise by showing which decisions caused which
consequences. ``build`` replays a save into the report model (``model``); this
module reads and checks saves, picks the output (JSON from ``jsondata``,
Markdown from ``markdown``, one self-contained HTML page from ``html``), and
writes it. A role's own view before the reveal is ``view``; two games side by
side is ``compare``. Who may see a whole unfinished game is decided in
``game.session.review``, which the replay viewer shares.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ..i18n import _
from ..rules.model import Scenario
from ..session.review import CLOSED, OPEN, ReviewLocked, check_review, review_lock
from ..session.save import SaveData, SaveError, open_save
from .build import build_report
from .jsondata import from_json, report_json
from .model import REPORT_FORMAT, REPORT_VERSION, Report, ReportError, RoleReport, UnknownRoleError

__all__ = [
    "REPORT_FORMAT",
    "REPORT_VERSION",
    "ReportError",
    "UnknownRoleError",
    "build_report",
    "load_for_report",
    "check_full_review",
    "report_for_save",
    "report_json",
    "render",
    "default_out",
    "write_report",
    "FORMATS",
]


def load_for_report(path: str | os.PathLike) -> tuple[SaveData, Scenario]:
    """Read and check a save (both hashes) or raise ``ReportError``."""
    try:
        save, scenario, _ = open_save(path)
    except SaveError as e:
        raise ReportError(str(e)) from None
    return save, scenario


def check_full_review(save: SaveData, pin: str | None, name: str = "", role_hint: bool = True) -> None:
    """Raise ``ReportError`` unless the whole of this (replayed) save may be shown:
    a finished game, or an unfinished one with its facilitator's PIN (``session.review``)."""
    lock = review_lock(save, save.over)
    try:
        check_review(save, save.over, save.round, pin)
    except ReviewLocked as e:
        own = (
            _("see one role's own view with --role ROLE")
            if role_hint
            else _("report on each game alone with --role ROLE")
        )
        if lock == CLOSED:
            hint = _("; {own}").format(own=own)
        elif pin is None:
            hint = _("; give it with --pin PIN, or {own}").format(own=own)
        else:
            hint = ""
        where = _("{name}: ").format(name=name) if name else ""
        raise ReportError(f"{where}{e}{hint}") from None


def report_for_save(path: str | os.PathLike, role: str | None = None, pin: str | None = None) -> Report:
    """The report of one saved game; with ``role``, that role's view first, then the reveal.

    An unfinished game is shown whole only with its facilitator's PIN; asked
    for one role without the PIN, it gets that role's own view and no reveal."""
    save, sc = load_for_report(path)
    if role is not None and pin is None and review_lock(save, save.over) != OPEN:
        full = build_report(sc, save.seed, save.actions, save.meta, save.created, Path(path).name, role)
        assert full.role_view is not None
        return RoleReport(role_view=attrs.evolve(full.role_view, reveal=False))
    check_full_review(save, pin)
    return build_report(sc, save.seed, save.actions, save.meta, save.created, Path(path).name, role)


FORMATS = ("html", "md", "json")


def render(report: Report | dict, fmt: str) -> str:
    """The report as ``fmt`` (html, md or json); ``report`` may also be its JSON form, read back."""
    if isinstance(report, dict):
        report = from_json(report)
    if fmt == "json":
        return report_json(report) + "\n"
    if fmt == "md":
        from .markdown import render_md

        return render_md(report)
    from .html import render_html

    return render_html(report)


def default_out(saves: list[Path], fmt: str, role: str | None = None) -> Path:
    """Next to the (first) save, never over a save: ``game.html``, ``game.foreign.html``, ``a_vs_b.html``."""
    first = saves[0]
    stem = first.stem if len(saves) == 1 else f"{first.stem}_vs_{saves[1].stem}"
    if role:
        stem += f".{role}"
    out = first.with_name(f"{stem}.{fmt}")
    if any(out.resolve() == s.resolve() for s in saves):
        out = first.with_name(f"{stem}.report.{fmt}")
    return out


def write_report(
    saves: list[str | os.PathLike],
    out: str | os.PathLike | None = None,
    role: str | None = None,
    fmt: str = "html",
    pin: str | None = None,
) -> Path:
    """Build, render and write a report (one save) or a comparison (two); return the path written."""
    from ..session.save import write_atomic

    paths = [Path(s) for s in saves]
    report: Report
    if len(paths) == 2:
        from .compare import compare_saves

        report = compare_saves(paths[0], paths[1], pin)
    else:
        report = report_for_save(paths[0], role, pin)
    target = Path(out) if out else default_out(paths, fmt, role)
    if any(target.resolve() == p.resolve() for p in paths):
        raise ReportError(_("{target} is a save being reported on; choose another --out").format(target=target))
    text = render(report, fmt)
    if fmt == "md":  # Markdown is read in terminals (cat, less): no escape sequences from author text
        from game.terminal import printable

        text = printable(text)
    try:
        write_atomic(target, text)
    except OSError as e:
        raise ReportError(_("cannot write {target}: {reason}").format(target=target, reason=e.strerror or e)) from None
    return target
