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

Every word of the page is looked up in the language spoken (``game.i18n``):
``{% trans %}`` blocks and ``_()`` in the templates, ``N_`` tables here. The
page's ``<html lang>`` is that language; the author's text keeps the
scenario's own (``[scenario] language``), marked with ``lang`` (and
``dir="rtl"`` for a right-to-left script) where the two differ.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from functools import cache
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup

from .. import i18n
from ..i18n import N_, _, ngettext
from ..scenario.language import is_rtl, same
from . import model as m
from .seen import read_text, seen_text
from .svg import Line, lag_strip, lags_strip, line_chart, style, swatch
from .talks import STATUS_WORD, commitment_counts, commitment_tally

# Each badge's word (looked up with ``_`` where it is shown) and its class; a status badge's mark stays outside.
VIS_BADGE = {"facilitator": (N_("Facilitator only"), "b-fac"), "hidden": (N_("Hidden in play"), "b-hidden")}
STATUS_BADGE = {
    "met": ("✓ ", N_("Met"), "b-met"),
    "missed": ("✗ ", N_("Missed"), "b-missed"),
    "open": ("", N_("Not scored"), "b-open"),
}
KIND_WORD = {
    "crisis_started": N_("Crisis"),
    "crisis_ongoing": N_("Crisis"),
    "crisis_escalated": N_("Crisis escalates"),
    "crisis_ended": N_("Crisis ends"),
    "drift": N_("Drift"),
    "consequence": N_("Consequence"),
    "scheduled": N_("Condition met"),
    "note": N_("Note"),
    "adjust": N_("Adjustment"),
    "override": N_("Override"),
    "mode": N_("Mode"),
    "schedule": N_("Schedule"),
    "order_failed": N_("Order failed"),
    "game_over": N_("End"),
    "deal_kept": N_("Deal kept"),
    "deal_broken": N_("Deal broken"),
}
VIEW_WORD = {
    "order": N_("Order"),
    "order_failed": N_("Your order failed"),
    "consequence": N_("News"),
    "crisis_started": N_("Crisis"),
    "crisis_ongoing": N_("Crisis"),
    "crisis_escalated": N_("Crisis escalates"),
    "crisis_ended": N_("Crisis ends"),
    "drift": N_("Drift"),
    "game_over": N_("End"),
    "deal_kept": N_("Deal kept"),
    "deal_broken": N_("Deal broken"),
}
# The adjudication modes, by their ids.
MODE_WORD = {"rigid": N_("rigid"), "semi-rigid": N_("semi-rigid")}
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
RUN_A = {"colour": "#0072B2", "shape": "circle", "dashed": True, "filled": False, "tag": "A"}
RUN_B = {"colour": "#D55E00", "shape": "square", "dashed": False, "filled": True, "tag": "B"}


def esc(value) -> Markup:
    """What every ``{{ value }}`` becomes: Markup as is, anything else escaped; booleans read as words, not Python."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if isinstance(value, bool):
        value = _("yes") if value else _("no")
    return Markup(escape("" if value is None else str(value), quote=True))


# The language the author's text of the page being rendered is written in (``render_html`` sets it).
_AUTHOR_LANGUAGE: ContextVar[str] = ContextVar("author_language", default=i18n.SOURCE)


def author_attrs() -> Markup:
    """`` lang="fr"`` (and `` dir="rtl"``) for an element holding the author's text, when the scenario is
    written in another language than the page; nothing when they are the same."""
    lang = _AUTHOR_LANGUAGE.get()
    if same(lang, i18n.language()):
        return Markup("")
    return Markup(' lang="{lang}"{rtl}').format(lang=lang, rtl=Markup(' dir="rtl"') if is_rtl(lang) else "")


def author(value) -> Markup:
    """The author's text (a name, a title, news): as any value, in a ``<span lang>`` when its language is not
    the page's."""
    attrs = author_attrs()
    return Markup("<span{attrs}>{text}</span>").format(attrs=attrs, text=esc(value)) if attrs else esc(value)


def authors(names: list[str]) -> Markup:
    """Names joined by commas, each marked as ``author`` marks one (``|join`` escapes as markupsafe does)."""
    if not author_attrs():
        return Markup(", ").join(names)
    return Markup(", ").join(author(n) for n in names)


# ``_`` in an expression gives a plain string, escaped on the way out as every value is; ``gettext`` and
# ``ngettext`` (what ``{% trans %}`` calls) keep the translated markup and escape the values filled in the page's
# way (``esc``), as ``{{ }}`` does.
@pass_context
def _expression(context, message: str, **variables) -> str:
    text = _(message)
    return text % variables if variables else text


@pass_context
def _trans(context, message: str, **variables) -> Markup:
    return Markup(_(message)) % {k: esc(v) for k, v in variables.items()}


@pass_context
def _trans_plural(context, singular: str, plural: str, n: int, **variables) -> Markup:
    variables.setdefault("num", n)
    return Markup(ngettext(singular, plural, n)) % {k: esc(v) for k, v in variables.items()}


# --------------------------------------------------------------------------- words


def when_text(created: str) -> str:
    """ "06 August 2025, 14:30 UTC": the day, the month's name in the language spoken, the time."""
    if not created:
        return _("not recorded")
    try:
        dt = datetime.fromisoformat(created)
    except ValueError:
        return created
    zone = " UTC" if dt.utcoffset() is not None and not dt.utcoffset() else ""
    # Translators: a date and time, "06 August 2025, 14:30".
    return (
        _("{day} {month} {year}, {time}").format(
            day=f"{dt.day:02d}", month=_(MONTHS[dt.month - 1]), year=dt.year, time=f"{dt:%H:%M}"
        )
        + zone
    )


def delta(d: int) -> str:
    return f"+{d}" if d > 0 else f"−{-d}" if d < 0 else "±0"


def mode_word(mode: str) -> str:
    return _(MODE_WORD[mode]) if mode in MODE_WORD else mode


def modes_text(modes: list[m.Mode]) -> str:
    if len(modes) == 1:
        return mode_word(modes[0].mode)
    return _("; ").join(_("{mode} from round {n}").format(mode=mode_word(x.mode), n=x.from_round) for x in modes)


def seat_text(seat: m.Seat) -> str:
    if seat.kind == "bot":
        return _("Bot ({bot})").format(bot=seat.bot)
    if seat.kind == "human":
        return _("Human")
    return _("Not recorded")


def players_text(seats: list[m.Seat]) -> str:
    humans = sum(1 for s in seats if s.kind == "human")
    bots = sum(1 for s in seats if s.kind == "bot")
    if humans + bots == 0:
        return ngettext("{n} seat (not recorded)", "{n} seats (not recorded)", len(seats)).format(n=len(seats))
    people = ngettext("{n} human", "{n} humans", humans).format(n=humans)
    machines = ngettext("{n} bot", "{n} bots", bots).format(n=bots)
    return f"{people}, {machines}"


def side_outcome(side: m.Side) -> str:
    out = side.outcome
    if out is None:
        return _("unfinished (round {n})").format(n=side.round)
    if out.lost:
        return _("shared loss in round {n}").format(n=out.round)
    return ngettext("completed ({n} round)", "completed ({n} rounds)", out.round).format(n=out.round)


def last_value(values: m.Series) -> int | str:
    return next((v for v in reversed(values) if v is not None), "–")


# --------------------------------------------------------------------------- pieces the templates lay out


def cover_stats(r: m.GameReport) -> list[tuple[int, str]]:
    orders = [i for rd in r.timeline for i in rd.items if i.kind == "order"]
    private = sum(1 for i in orders if isinstance(i, m.OrderEvent) and not i.order.public)
    n = len(orders)
    # Translators: each label follows its number, drawn large above it ("5 / orders (3 public, 2 private)");
    # the English says the plural whatever the number, the French may not.
    stats = [
        (n, ngettext("orders ({public} public, {private} private)", "orders ({public} public, {private} private)", n)),
        (len(r.consequences), ngettext("consequences fired", "consequences fired", len(r.consequences))),
        (len(r.crises), ngettext("crises", "crises", len(r.crises))),
        (
            len(r.facilitator_actions),
            ngettext("facilitator actions", "facilitator actions", len(r.facilitator_actions)),
        ),
        (len(r.pending), ngettext("consequences still pending", "consequences still pending", len(r.pending))),
    ]
    out = [(k, label.format(public=n - private, private=private)) for k, label in stats]
    if r.commitments is not None:
        k = len(r.commitments)
        label = ngettext("commitments ({tally})", "commitments ({tally})", k).format(
            tally=commitment_tally(r.commitments)
        )
        out.append((k, label))
    return out


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
    return line_chart(axis, lines, bounds, _("{label}: meters over the rounds").format(label=group.label)), lines


def compare_chart(axis: list[str], mt: m.CompareMeter) -> tuple[Markup, list[Line]]:
    """One meter in both games: A dashed with hollow circles, B solid with filled
    squares, each labelled at its end, so neither colour nor dash alone carries it."""
    lines = [Line(label="A", values=mt.series_a, **RUN_A), Line(label="B", values=mt.series_b, **RUN_B)]  # type: ignore[arg-type]
    title = _("{label}: game A and game B").format(label=mt.label)
    return line_chart(axis, lines, (mt.min, mt.max), title, width=360, height=180), lines


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
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(gettext=_trans, ngettext=_trans_plural, _=_expression)  # values escaped as ``{{ }}`` does
    env.policies["ext.i18n.trimmed"] = True  # as Babel extracts them (scripts/catalog.py)
    env.filters.update(
        delta=delta,
        when=when_text,
        modes=modes_text,
        seat=seat_text,
        players=players_text,
        side_outcome=side_outcome,
        last_value=last_value,
        author=author,
        mode=mode_word,
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
        author_attrs=author_attrs,
        authors=authors,
        page_language=i18n.language,
    )
    return env


TEMPLATES = {"game": "game.html.j2", "role": "role.html.j2", "compare": "compare.html.j2"}


def report_language(report: m.Report) -> str:
    """The language the scenario of ``report`` is written in."""
    if isinstance(report, m.Comparison):
        return report.language
    if isinstance(report, m.RoleReport):
        return report.role_view.language
    return report.header.language


def render_html(report: m.Report) -> str:
    """The whole page for a game report, a role's report, or a comparison."""
    token = _AUTHOR_LANGUAGE.set(report_language(report))
    try:
        return environment().get_template(TEMPLATES[report.kind]).render(r=report) + "\n"
    finally:
        _AUTHOR_LANGUAGE.reset(token)
