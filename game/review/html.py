"""The after-action review as one self-contained HTML page, from Jinja2 templates.

Training centres hand the review out, print it, mail it and open it on
machines with no network, so the page carries everything itself: inline CSS
(``templates/report.css``), inline SVG charts (``svg``), no scripts, no fonts
or images to fetch. The templates (``templates/*.html.j2``) autoescape every
value and fail on any name they do not know (``StrictUndefined``); the only
HTML that is not escaped on the way out is the SVG, which ``svg`` builds from
numbers and escaped text. Escaping keeps the entities the page has always used
(``html.escape``: ``&quot;``, ``&#x27;``), and a boolean reads as a word.
Badges always carry a word (Public, Private, Facilitator, Met, Missed), so
colour is never the only cue.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..words import plural
from . import model as m
from .seen import read_text, seen_text
from .svg import Line, lag_strip, lags_strip, line_chart, style, swatch
from .talks import STATUS_WORD, commitment_counts, commitment_tally

VIS_BADGE = {"facilitator": ("Facilitator only", "b-fac"), "hidden": ("Hidden in play", "b-hidden")}
STATUS_BADGE = {"met": ("✓ Met", "b-met"), "missed": ("✗ Missed", "b-missed"), "open": ("Not scored", "b-open")}
KIND_WORD = {
    "crisis_started": "Crisis",
    "crisis_ongoing": "Crisis",
    "crisis_escalated": "Crisis escalates",
    "crisis_ended": "Crisis ends",
    "drift": "Drift",
    "consequence": "Consequence",
    "scheduled": "Condition met",
    "note": "Note",
    "adjust": "Adjustment",
    "override": "Override",
    "mode": "Mode",
    "schedule": "Schedule",
    "order_failed": "Order failed",
    "game_over": "End",
    "deal_kept": "Deal kept",
    "deal_broken": "Deal broken",
}
VIEW_WORD = {
    "order": "Order",
    "order_failed": "Your order failed",
    "consequence": "News",
    "crisis_started": "Crisis",
    "crisis_ongoing": "Crisis",
    "crisis_escalated": "Crisis escalates",
    "crisis_ended": "Crisis ends",
    "drift": "Drift",
    "game_over": "End",
    "deal_kept": "Deal kept",
    "deal_broken": "Deal broken",
}
RUN_A = {"colour": "#0072B2", "shape": "circle", "dashed": True, "filled": False, "tag": "A"}
RUN_B = {"colour": "#D55E00", "shape": "square", "dashed": False, "filled": True, "tag": "B"}


def esc(value) -> Markup:
    """What every ``{{ value }}`` becomes: Markup as is, anything else escaped; booleans read as words, not Python."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if isinstance(value, bool):
        value = "yes" if value else "no"
    return Markup(escape("" if value is None else str(value), quote=True))


# --------------------------------------------------------------------------- words


def when_text(created: str) -> str:
    if not created:
        return "not recorded"
    try:
        dt = datetime.fromisoformat(created)
    except ValueError:
        return created
    zone = " UTC" if dt.utcoffset() is not None and not dt.utcoffset() else ""
    return dt.strftime("%d %B %Y, %H:%M") + zone


def delta(d: int) -> str:
    return f"+{d}" if d > 0 else f"−{-d}" if d < 0 else "±0"


def modes_text(modes: list[m.Mode]) -> str:
    if len(modes) == 1:
        return modes[0].mode
    return "; ".join(f"{x.mode} from round {x.from_round}" for x in modes)


def seat_text(seat: m.Seat) -> str:
    if seat.kind == "bot":
        return f"Bot ({seat.bot})"
    if seat.kind == "human":
        return "Human"
    return "Not recorded"


def players_text(seats: list[m.Seat]) -> str:
    humans = sum(1 for s in seats if s.kind == "human")
    bots = sum(1 for s in seats if s.kind == "bot")
    if humans + bots == 0:
        return f"{len(seats)} seats (not recorded)"
    return f"{plural(humans, 'human')}, {plural(bots, 'bot')}"


def side_outcome(side: m.Side) -> str:
    out = side.outcome
    if out is None:
        return f"unfinished (round {side.round})"
    return f"shared loss in round {out.round}" if out.lost else f"completed ({out.round} rounds)"


def last_value(values: m.Series) -> int | str:
    return next((v for v in reversed(values) if v is not None), "–")


# --------------------------------------------------------------------------- pieces the templates lay out


def cover_stats(r: m.GameReport) -> list[tuple[int, str]]:
    orders = [i for rd in r.timeline for i in rd.items if i.kind == "order"]
    private = sum(1 for i in orders if isinstance(i, m.OrderEvent) and not i.order.public)
    return [
        (len(orders), f"orders ({len(orders) - private} public, {private} private)"),
        (len(r.consequences), "consequences fired"),
        (len(r.crises), "crises"),
        (len(r.facilitator_actions), "facilitator actions"),
        (len(r.pending), "consequences still pending"),
    ] + ([] if r.commitments is None else [(len(r.commitments), f"commitments ({commitment_tally(r.commitments)})")])


def round_parts(rd: m.Round) -> tuple[list[m.TimelineItem], list[m.OrderEvent], list[m.TimelineItem]]:
    """A round in the order it ran: what came before the first order (the briefing,
    the facilitator's moves), the orders, and what resolving them caused."""
    items = rd.items
    first = next((k for k, i in enumerate(items) if isinstance(i, m.OrderEvent)), len(items))
    rest = items[first:]
    return (
        items[:first],
        [i for i in rest if isinstance(i, m.OrderEvent)],
        [i for i in rest if not isinstance(i, m.OrderEvent)],
    )


def active_crises(crises: list[m.CrisisRecord], n: int) -> list[str]:
    return [c.title for c in crises if c.started <= n and (c.ended is None or c.ended >= n)]


def absent_orders(c: m.FiredConsequence | m.PendingConsequence) -> bool:
    """Did the condition hold because of what was not done (a count of 0)?"""
    return any(v.kind == "count" and v.value == 0 for v in c.values)


def has_talks(r: m.Report) -> bool:
    """Whether the page shows talks between seats (and needs their styles): a page without them stays as it was."""
    views = [r.role_view] if isinstance(r, m.RoleReport) else [] if isinstance(r, m.Comparison) else [r, r.role_view]
    return any(v is not None and v.negotiation is not None for v in views)


def group_chart(axis: list[str], group: m.MeterGroup) -> tuple[Markup, list[Line]]:
    """One meter group's chart, each meter with its own colour and marker shape."""
    lines = []
    for i, mt in enumerate(group.meters):
        colour, shape = style(i)
        lines.append(Line(label=mt.short, values=mt.series, colour=colour, shape=shape))
    bounds = (min(mt.min for mt in group.meters), max(mt.max for mt in group.meters))
    return line_chart(axis, lines, bounds, f"{group.label}: meters over the rounds"), lines


def compare_chart(axis: list[str], mt: m.CompareMeter) -> tuple[Markup, list[Line]]:
    """One meter in both games: A dashed with hollow circles, B solid with filled
    squares, each labelled at its end, so neither colour nor dash alone carries it."""
    lines = [Line(label="A", values=mt.series_a, **RUN_A), Line(label="B", values=mt.series_b, **RUN_B)]  # type: ignore[arg-type]
    return line_chart(axis, lines, (mt.min, mt.max), f"{mt.label}: game A and game B", width=360, height=180), lines


def consequence_strip(c: m.FiredConsequence, rounds: int) -> Markup:
    return lag_strip(rounds, c.held, c.fired, [o.round for o in c.orders])


def repeated_strip(cs: list[m.FiredConsequence], rounds: int) -> Markup:
    """Every firing of one consequence on one strip."""
    return lags_strip(rounds, [(c.held, c.fired) for c in cs], [o.round for c in cs for o in c.orders])


def run_key(run: dict) -> Markup:
    return swatch(run["colour"], run["shape"], run["dashed"], run["filled"])


# --------------------------------------------------------------------------- the environment


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("game.review", "templates"),
        autoescape=select_autoescape(["html.j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=esc,
    )
    env.filters.update(
        delta=delta,
        when=when_text,
        modes=modes_text,
        seat=seat_text,
        players=players_text,
        side_outcome=side_outcome,
        last_value=last_value,
    )
    env.globals.update(
        m=m,
        VIS_BADGE=VIS_BADGE,
        STATUS_BADGE=STATUS_BADGE,
        STATUS_WORD=STATUS_WORD,
        commitment_counts=commitment_counts,
        KIND_WORD=KIND_WORD,
        VIEW_WORD=VIEW_WORD,
        RUN_A=RUN_A,
        RUN_B=RUN_B,
        swatch=swatch,
        run_key=run_key,
        cover_stats=cover_stats,
        has_talks=has_talks,
        round_parts=round_parts,
        active_crises=active_crises,
        absent_orders=absent_orders,
        group_chart=group_chart,
        compare_chart=compare_chart,
        consequence_strip=consequence_strip,
        repeated_strip=repeated_strip,
        fired_groups=m.fired_groups,
        fired_summary=m.fired_summary,
        isinstance=isinstance,
        seen_text=seen_text,
        read_text=read_text,
    )
    return env


TEMPLATES = {"game": "game.html.j2", "role": "role.html.j2", "compare": "compare.html.j2"}


def render_html(report: m.Report) -> str:
    """The whole page for a game report, a role's report, or a comparison."""
    return environment().get_template(TEMPLATES[report.kind]).render(r=report) + "\n"
