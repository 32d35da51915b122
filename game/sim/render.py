"""The balance report as rich tables (``demarche simulate`` without ``--json``)."""

from __future__ import annotations

from rich.console import Console, JustifyMethod
from rich.markup import escape
from rich.table import Table

from ..i18n import N_, _, ngettext


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}" if x in (0, 1) else f"{x:.1%}"


def _num(x, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}" if isinstance(x, float) else str(x)


def _signed(x: float | None) -> str:
    if x is None:
        return "[dim]—[/]"
    colour = "green" if x > 0 else "red" if x < 0 else "dim"
    return f"[{colour}]{x:+.2f}[/]"


def _bar(games: int, most: int, width: int = 20) -> str:
    return "█" * (round(width * games / most) if most else 0)


# The columns of the tables, each with its alignment (looked up in the language spoken when shown).
_SCORE_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    (N_("Role"), "left"),
    (N_("Bots"), "left"),
    (N_("Mean"), "right"),
    (N_("Median"), "right"),
    (N_("Min–max"), "right"),
    (N_("Possible"), "right"),
    (N_("Win"), "right"),
    (N_("All met"), "right"),
)
_INSTRUMENT_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    (N_("Role"), "left"),
    (N_("Instrument"), "left"),
    (N_("Used in"), "right"),
    (N_("Uses"), "right"),
    (N_("Mean with"), "right"),
    (N_("Without"), "right"),
    (N_("Difference"), "right"),
)
_SAME_BOT: tuple[tuple[str, JustifyMethod], ...] = ((N_("Same bot"), "right"),)
_METER_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    (N_("Meter"), "left"),
    (N_("Range"), "right"),
    (N_("Mean"), "right"),
    (N_("At min"), "right"),
    (N_("At max"), "right"),
)
_VERSUS_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    (N_("Role"), "left"),
    (N_("Mean"), "right"),
    (N_("Versus"), "right"),
    (N_("Win"), "right"),
    (N_("Versus win"), "right"),
    (N_("Gap"), "right"),
    (N_("95% interval"), "right"),
    (N_("Of possible"), "right"),
)


def optional_seats_line(with_, left_out) -> str:
    """Which optional seats (``[[roles]] optional``) were in the games and which were left out; "" if none."""
    seats, others = ", ".join(with_ or ()), ", ".join(left_out or ())
    if with_ and left_out:
        parts = _("with {seats}; left out: {others}").format(seats=seats, others=others)
    elif with_:
        parts = _("with {seats}").format(seats=seats)
    elif left_out:
        parts = _("left out: {others}").format(others=others)
    else:
        return ""
    return _("Optional seats: {seats}").format(seats=escape(parts))


def render_report(report: dict, console: Console) -> None:
    sc = report["scenario"]
    bots = report["bots"]
    seats = ", ".join(f"{r}={b}" for r, b in bots["fixed"].items())
    if len(bots["mix"]) > 1:
        drawn = _("others drawn from {bots}") if seats else _("each seat drawn from {bots}")
        mix = drawn.format(bots=" / ".join(bots["mix"]))
    else:
        mix = (_("others {bot}") if seats else _("every seat {bot}")).format(bot=bots["mix"][0])
    games = report["games"]
    # Translators: the English says "games" whatever the count.
    head = ngettext(
        "{title} ({id}): {games} games, seeds {first}..{last}; bots: {bots}",
        "{title} ({id}): {games} games, seeds {first}..{last}; bots: {bots}",
        games,
    )
    console.print(
        head.format(
            title=f"[bold]{escape(sc['title'])}[/]",
            id=escape(sc["id"]),
            games=games,
            first=report["seed"],
            last=report["seed"] + games - 1,
            bots=escape(", ".join(filter(None, [seats, mix]))),
        )
    )
    optional = optional_seats_line(report.get("with", ()), report.get("left_out", ()))
    if optional:
        console.print(optional)
    lost = _("Shared loss in {share} of games; {rounds} rounds on average.").format(
        share=f"[bold]{_pct(report['shared_loss_rate'])}[/]", rounds=_num(report["mean_rounds"], 1)
    )
    console.print(f"{lost}\n")
    deals = report.get("deals") or {}
    if deals.get("offered"):
        dealt = _(
            "Deals: one accepted in {share} of games; per game {offered} offered, {accepted} accepted, "
            "{kept} kept, {broken} broken."
        ).format(
            share=f"[bold]{_pct(deals['games_with_a_deal'])}[/]",
            offered=f"{deals['offered']:.1f}",
            accepted=f"{deals['accepted']:.1f}",
            kept=f"{deals['kept']:.1f}",
            broken=f"{deals['broken']:.1f}",
        )
        console.print(f"{dealt}\n")

    t = Table(title=_("Scores by role"), title_justify="left")
    for col, just in _SCORE_COLUMNS:
        t.add_column(_(col), justify=just)
    for r in report["roles"]:
        s = r["score"]
        t.add_row(
            escape(r["name"]),
            escape(", ".join(f"{b} {k}" for b, k in r["bots"].items())),
            _num(s["mean"]),
            _num(s["median"], 1),
            f"{s['min']}–{s['max']}",
            str(r["possible"]),
            _pct(r["win_rate"]),
            _pct(r["all_objectives_rate"]),
        )
    console.print(t)
    if "versus" in report:
        _render_versus(report, console)

    for r in report["roles"]:
        h = Table(title=escape(r["name"]), title_justify="left", show_header=True)
        h.add_column(_("Points"), justify="right")
        h.add_column(_("Games"), justify="right")
        h.add_column("")
        most = max((b["games"] for b in r["score"]["histogram"]), default=0)
        for b in r["score"]["histogram"]:
            label = str(b["from"]) if b["from"] == b["to"] else f"{b['from']}–{b['to']}"
            h.add_row(label, str(b["games"]), f"[cyan]{_bar(b['games'], most)}[/]")
        o = Table(show_header=True, box=None)
        o.add_column(_("Objective"))
        # Translators: a column of points, kept short.
        o.add_column(_("Pts"), justify="right")
        # Translators: a column: the share of games in which the objective was met.
        o.add_column(_("Met"), justify="right")
        for ob in r["objectives"]:
            o.add_row(escape(ob["id"]), str(ob["points"]), _pct(ob["met_rate"]))
        grid = Table.grid(padding=(0, 4))
        grid.add_row(h, o)
        console.print(grid)

    it = Table(title=_("Instruments: use and association with the user's score"), title_justify="left")
    mixed = len(bots["mix"]) > 1
    for col, just in _INSTRUMENT_COLUMNS + (_SAME_BOT if mixed else ()):
        it.add_column(_(col), justify=just)
    for row in report["instruments"]:
        cells = [
            escape(row["role"]),
            escape(row["name"]),
            _pct(row["use_rate"]),
            str(row["uses"]),
            _num(row["mean_with"]),
            _num(row["mean_without"]),
            _signed(row["difference"]),
        ]
        it.add_row(*cells, *([_signed(row["difference_within_bot"])] if mixed else []))
    console.print(it)

    ct = Table(title=_("Consequences and crises"), title_justify="left")
    ct.add_column(_("Kind"))
    ct.add_column(_("Id"))
    ct.add_column(_("Fired in"), justify="right")
    ct.add_column(_("Per game"), justify="right")
    for c in report["consequences"]:
        ct.add_row(_("consequence"), escape(c["id"]), _pct(c["fire_rate"]), _num(c["fires_per_game"]))
    for c in report["crises"]:
        kind = _("crisis (inject)") if c["inject_only"] else _("crisis")
        ct.add_row(kind, escape(c["id"]), _pct(c["fire_rate"]), "")
    console.print(ct)
    mt = Table(title=_("Meters at the end of the games"), title_justify="left")
    for col, just in _METER_COLUMNS:
        mt.add_column(_(col), justify=just)
    for m in report["meters"]:
        mt.add_row(
            escape(m["label"]),
            f"{m['min']}–{m['max']}",
            _num(m["final_mean"], 1),
            _pct(m["final_at_min_rate"]),
            _pct(m["final_at_max_rate"]),
        )
    console.print(mt)
    idle = [
        _("round {n} {share}").format(n=row["round"], share=_pct(row["idle_rate"]))
        for row in report["idle_rounds"]
        if row["idle_rate"]
    ]
    if idle:
        rounds = _("Rounds in which no order moved a meter that decides the game (share of games): {rounds}").format(
            rounds=", ".join(idle)
        )
        console.print(f"[dim]{rounds}[/]")
    if report["never_fired"]:
        label = _("Never fired:")
        console.print(f"[yellow]{label}[/] {escape(', '.join(report['never_fired']))}")
    if report["never_started"]:
        label = _("Crises never started:")
        console.print(f"[yellow]{label}[/] {escape(', '.join(report['never_started']))}")
    if report["inject_only"]:
        injected = _("Inject-only crises (a facilitator starts them; bots never do): {crises}").format(
            crises=escape(", ".join(report["inject_only"]))
        )
        console.print(f"[dim]{injected}[/]")
    if report["unused_instruments"]:
        unused = _("Never used: {instruments}").format(
            instruments=escape(", ".join(u["role"] + ":" + u["instrument"] for u in report["unused_instruments"]))
        )
        console.print(f"[dim]{unused}[/]")

    console.print()
    if report["warnings"]:
        n = len(report["warnings"])
        counted = ngettext("{n} warning:", "{n} warnings:", n).format(n=n)
        console.print(f"[bold yellow]{counted}[/]")
        for w in report["warnings"]:
            # Translators: a warning's id (never translated), then what it says.
            line = _("{kind}: {message}").format(kind=f"[yellow]⚠ {escape(w['kind'])}[/]", message=escape(w["message"]))
            console.print(f"  {line}")
    else:
        none = _("No warnings.")
        console.print(f"[green]{none}[/]")


def _render_versus(report: dict, console: Console) -> None:
    """The ``--versus`` table: both runs' mean scores and win rates per role, and the paired gap."""
    vs = report["versus"]
    other = ", ".join([*(f"{r}={b}" for r, b in vs["bots"]["fixed"].items()), " / ".join(vs["bots"]["mix"])])
    t = Table(
        title=_("Does skill pay? The same seeds with {bots} (shared loss {share})").format(
            bots=escape(other), share=_pct(vs["shared_loss_rate"])
        ),
        title_justify="left",
    )
    for col, just in _VERSUS_COLUMNS:
        t.add_column(_(col), justify=just)
    for r in vs["roles"]:
        share = r["gap_share"]
        low = share is not None and share < vs["skill_gap"]
        t.add_row(
            escape(r["name"]),
            _num(r["mean"]),
            _num(r["mean_versus"]),
            _pct(r["win_rate"]),
            _pct(r["win_rate_versus"]),
            f"{r['gap']:+.2f}",
            f"{r['ci_low']:+.2f}..{r['ci_high']:+.2f}",
            "–" if share is None else (f"[yellow]{share:+.0%}[/]" if low else f"{share:+.0%}"),
        )
    console.print(t)


def render_lessons(report: dict, console: Console) -> None:
    """``simulate --lessons``: each claim with both sides' mean scores, the paired difference with its 95%
    interval, and the verdict; one block per lesson, so long bot names never get cut."""
    sc = report["scenario"]
    games = report["games"]
    # Translators: the English says "seeds" whatever the count.
    head = ngettext(
        "{title} ({id}): each lesson on {games} paired seeds, {first}..{last}",
        "{title} ({id}): each lesson on {games} paired seeds, {first}..{last}",
        games,
    ).format(
        title=f"[bold]{escape(sc['title'])}[/]",
        id=escape(sc["id"]),
        games=games,
        first=report["seed"],
        last=report["seed"] + games - 1,
    )
    console.print(f"{head}\n")
    better_label, worse_label = _("better"), _("worse")
    labels = max(len(better_label), len(worse_label)) + 2
    for lesson in report["lessons"]:
        if lesson["holds"]:
            holds = _("holds")
            mark = f"[green]✓ {holds}[/]"
        else:
            holds = _("does not hold")
            mark = f"[red]✗ {holds}[/]"
        # Translators: a lesson's id and role (never translated), then the author's text of it.
        claim = _("{lesson} ({role}): {text}").format(
            lesson=f"[bold]{escape(lesson['id'])}[/]", role=escape(lesson["role"]), text=escape(lesson["text"])
        )
        console.print(f"{mark}  {claim}")
        if lesson.get("with"):
            played = ngettext(
                "played with the optional seat {seats}", "played with the optional seats {seats}", len(lesson["with"])
            ).format(seats=escape(", ".join(lesson["with"])))
            console.print(f"    {played}")
        width = max(len(lesson["better"]), len(lesson["worse"]))
        for label, side, mean in (
            (better_label, lesson["better"], lesson["mean_better"]),
            (worse_label, lesson["worse"], lesson["mean_worse"]),
        ):
            score = _("mean score {score}").format(score=f"{mean:.2f}")
            console.print(f"    {label:<{labels}}{escape(side):<{width}}   {score}")
        interval = _(
            "difference {difference}, 95% interval [{low}, {high}], margin {margin}; other seats {others}"
        ).format(
            difference=f"{lesson['difference']:+.2f}",
            low=f"{lesson['ci_low']:+.2f}",
            high=f"{lesson['ci_high']:+.2f}",
            margin=f"{lesson['margin']:g}",
            others=escape(lesson["others"]),
        )
        console.print(f"    {interval}\n")
    failed = sum(not lesson["holds"] for lesson in report["lessons"])
    total = len(report["lessons"])
    if failed:
        # Translators: the English says "lessons do not hold" whatever the count; {start} and {end} colour the
        # part between them.
        fails = ngettext(
            "{start}{failed} of {total} lessons do not hold{end}: the low end of the interval must clear the margin.",
            "{start}{failed} of {total} lessons do not hold{end}: the low end of the interval must clear the margin.",
            failed,
        )
        console.print(fails.format(start="[yellow]", end="[/]", failed=failed, total=total))
    elif total == 1:
        holds = _("The lesson holds.")
        console.print(f"[green]{holds}[/]")
    else:
        holds = _("All {total} lessons hold.").format(total=total)
        console.print(f"[green]{holds}[/]")
