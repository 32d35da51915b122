"""The balance report as rich tables (``demarche simulate`` without ``--json``)."""

from __future__ import annotations

from rich.console import Console, JustifyMethod
from rich.markup import escape
from rich.table import Table

from ..words import plural


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


def optional_seats_line(with_, left_out) -> str:
    """Which optional seats (``[[roles]] optional``) were in the games and which were left out; "" if none."""
    parts = []
    if with_:
        parts.append(f"with {', '.join(with_)}")
    if left_out:
        parts.append(f"left out: {', '.join(left_out)}")
    return f"Optional seats: {escape('; '.join(parts))}" if parts else ""


def render_report(report: dict, console: Console) -> None:
    sc = report["scenario"]
    bots = report["bots"]
    seats = ", ".join(f"{r}={b}" for r, b in bots["fixed"].items())
    mix = (
        ("others drawn from " if seats else "each seat drawn from ") + " / ".join(bots["mix"])
        if len(bots["mix"]) > 1
        else ("others " if seats else "every seat ") + bots["mix"][0]
    )
    console.print(
        f"[bold]{escape(sc['title'])}[/] ({escape(sc['id'])}): {report['games']} games, seeds "
        f"{report['seed']}..{report['seed'] + report['games'] - 1}; bots: "
        f"{escape(', '.join(filter(None, [seats, mix])))}"
    )
    optional = optional_seats_line(report.get("with", ()), report.get("left_out", ()))
    if optional:
        console.print(optional)
    console.print(
        f"Shared loss in [bold]{_pct(report['shared_loss_rate'])}[/] of games; "
        f"{_num(report['mean_rounds'], 1)} rounds on average.\n"
    )
    deals = report.get("deals") or {}
    if deals.get("offered"):
        console.print(
            f"Deals: one accepted in [bold]{_pct(deals['games_with_a_deal'])}[/] of games; per game "
            f"{deals['offered']:.1f} offered, {deals['accepted']:.1f} accepted, {deals['kept']:.1f} kept, "
            f"{deals['broken']:.1f} broken.\n"
        )

    t = Table(title="Scores by role", title_justify="left")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("Role", "left"),
        ("Bots", "left"),
        ("Mean", "right"),
        ("Median", "right"),
        ("Min–max", "right"),
        ("Possible", "right"),
        ("Win", "right"),
        ("All met", "right"),
    )
    for col, just in columns:
        t.add_column(col, justify=just)
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
        h.add_column("Points", justify="right")
        h.add_column("Games", justify="right")
        h.add_column("")
        most = max((b["games"] for b in r["score"]["histogram"]), default=0)
        for b in r["score"]["histogram"]:
            label = str(b["from"]) if b["from"] == b["to"] else f"{b['from']}–{b['to']}"
            h.add_row(label, str(b["games"]), f"[cyan]{_bar(b['games'], most)}[/]")
        o = Table(show_header=True, box=None)
        o.add_column("Objective")
        o.add_column("Pts", justify="right")
        o.add_column("Met", justify="right")
        for ob in r["objectives"]:
            o.add_row(escape(ob["id"]), str(ob["points"]), _pct(ob["met_rate"]))
        grid = Table.grid(padding=(0, 4))
        grid.add_row(h, o)
        console.print(grid)

    it = Table(title="Instruments: use and association with the user's score", title_justify="left")
    mixed = len(bots["mix"]) > 1
    cols: list[tuple[str, JustifyMethod]] = [
        ("Role", "left"),
        ("Instrument", "left"),
        ("Used in", "right"),
        ("Uses", "right"),
        ("Mean with", "right"),
        ("Without", "right"),
        ("Difference", "right"),
    ]
    for col, just in cols + ([("Same bot", "right")] if mixed else []):
        it.add_column(col, justify=just)
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

    ct = Table(title="Consequences and crises", title_justify="left")
    ct.add_column("Kind")
    ct.add_column("Id")
    ct.add_column("Fired in", justify="right")
    ct.add_column("Per game", justify="right")
    for c in report["consequences"]:
        ct.add_row("consequence", escape(c["id"]), _pct(c["fire_rate"]), _num(c["fires_per_game"]))
    for c in report["crises"]:
        ct.add_row("crisis (inject)" if c["inject_only"] else "crisis", escape(c["id"]), _pct(c["fire_rate"]), "")
    console.print(ct)
    mt = Table(title="Meters at the end of the games", title_justify="left")
    for col, just in (
        ("Meter", "left"),
        ("Range", "right"),
        ("Mean", "right"),
        ("At min", "right"),
        ("At max", "right"),
    ):
        mt.add_column(col, justify=just)
    for m in report["meters"]:
        mt.add_row(
            escape(m["label"]),
            f"{m['min']}–{m['max']}",
            _num(m["final_mean"], 1),
            _pct(m["final_at_min_rate"]),
            _pct(m["final_at_max_rate"]),
        )
    console.print(mt)
    idle = [f"round {row['round']} {_pct(row['idle_rate'])}" for row in report["idle_rounds"] if row["idle_rate"]]
    if idle:
        console.print(
            f"[dim]Rounds in which no order moved a meter that decides the game (share of games): {', '.join(idle)}[/]"
        )
    if report["never_fired"]:
        console.print(f"[yellow]Never fired:[/] {escape(', '.join(report['never_fired']))}")
    if report["never_started"]:
        console.print(f"[yellow]Crises never started:[/] {escape(', '.join(report['never_started']))}")
    if report["inject_only"]:
        console.print(
            "[dim]Inject-only crises (a facilitator starts them; bots never do): "
            f"{escape(', '.join(report['inject_only']))}[/]"
        )
    if report["unused_instruments"]:
        console.print(
            "[dim]Never used: "
            f"{escape(', '.join(u['role'] + ':' + u['instrument'] for u in report['unused_instruments']))}[/]"
        )

    console.print()
    if report["warnings"]:
        console.print(f"[bold yellow]{plural(len(report['warnings']), 'warning')}:[/]")
        for w in report["warnings"]:
            console.print(f"  [yellow]⚠ {escape(w['kind'])}[/]: {escape(w['message'])}")
    else:
        console.print("[green]No warnings.[/]")


def _render_versus(report: dict, console: Console) -> None:
    """The ``--versus`` table: both runs' mean scores and win rates per role, and the paired gap."""
    vs = report["versus"]
    other = ", ".join([*(f"{r}={b}" for r, b in vs["bots"]["fixed"].items()), " / ".join(vs["bots"]["mix"])])
    t = Table(
        title=f"Does skill pay? The same seeds with {escape(other)} (shared loss {_pct(vs['shared_loss_rate'])})",
        title_justify="left",
    )
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("Role", "left"),
        ("Mean", "right"),
        ("Versus", "right"),
        ("Win", "right"),
        ("Versus win", "right"),
        ("Gap", "right"),
        ("95% interval", "right"),
        ("Of possible", "right"),
    )
    for col, just in columns:
        t.add_column(col, justify=just)
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
    console.print(
        f"[bold]{escape(sc['title'])}[/] ({escape(sc['id'])}): each lesson on {report['games']} paired seeds, "
        f"{report['seed']}..{report['seed'] + report['games'] - 1}\n"
    )
    for lesson in report["lessons"]:
        mark = "[green]✓ holds[/]" if lesson["holds"] else "[red]✗ does not hold[/]"
        console.print(f"{mark}  [bold]{escape(lesson['id'])}[/] ({escape(lesson['role'])}): {escape(lesson['text'])}")
        if lesson.get("with"):
            console.print(
                f"    played with the optional seat{'s' if len(lesson['with']) > 1 else ''} "
                f"{escape(', '.join(lesson['with']))}"
            )
        width = max(len(lesson["better"]), len(lesson["worse"]))
        console.print(f"    better  {escape(lesson['better']):<{width}}   mean score {lesson['mean_better']:.2f}")
        console.print(f"    worse   {escape(lesson['worse']):<{width}}   mean score {lesson['mean_worse']:.2f}")
        console.print(
            f"    difference {lesson['difference']:+.2f}, 95% interval [{lesson['ci_low']:+.2f}, "
            f"{lesson['ci_high']:+.2f}], margin {lesson['margin']:g}; other seats {escape(lesson['others'])}\n"
        )
    failed = sum(not lesson["holds"] for lesson in report["lessons"])
    total = len(report["lessons"])
    if failed:
        console.print(
            f"[yellow]{failed} of {total} lessons do not hold[/]: the low end of the interval must clear the margin."
        )
    else:
        console.print("[green]The lesson holds.[/]" if total == 1 else f"[green]All {total} lessons hold.[/]")
