"""What a seat must never find on screen, minus what it legitimately sees.

``Secrets(scenario, viewer)`` collects every string private to others: other
seats' whole briefing paragraphs and their sentences, their objectives and the
reasons they typed, every consequence reveal and lesson (until ``observe``
shows the viewer its event), the events the viewer may not see (other seats'
private orders, reveals addressed to sets of roles without it, the
facilitator's log), and the labels of meters it may not see. From that it
removes everything the viewer's own ``observe()`` and the public scenario text
contain, so a phrase that is private to one seat but also public (a shared
meter label, a sentence quoted in a crisis) is never a false alarm; and it
checks that ``observe()`` itself keeps to the rules, written out again here.

Text is compared as lower-case words, so wrapping, HTML markup and escaping do
not matter: a long secret leaks when any run of ``N`` of its words is on screen,
a short one when all its words are, in order.
"""

from __future__ import annotations

import html
import re

from game.rules.news import fixed_parts
from game.rules.observe import observe
from game.rules.state import PUBLIC_SEAT
from game.ui.text import reflow

N = 6
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return WORD.findall(html.unescape(TAG.sub(" ", str(text))).lower())


def grams(ws: list[str]) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + N]) for i in range(len(ws) - N + 1)}


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if len(s) > 20]


def private_event(event, viewer: str) -> bool:
    """Written out here rather than taken from ``game.rules.observe``, so that a
    mistake in the gate cannot hide itself from this test."""
    audience = event.audience
    if audience == "all":
        return False
    return not (isinstance(audience, tuple) and viewer in audience)


def hidden_meter(sc, path: str, viewer: str) -> bool:
    """Only public meters are seen, and a ministry's own meters only by that ministry; a seat that
    plays an actor (a red cell) also sees that actor's facilitator meters."""
    owner, _, rest = path.partition(".")
    visibility = sc.meters[path].visibility
    if rest and owner in sc.role_ids:
        return owner != viewer or visibility != "public"
    if rest and visibility == "facilitator" and viewer in sc.role_ids and sc.role(viewer).plays == owner:
        return False
    return visibility != "public"


def public_texts(sc) -> list[str]:
    """Scenario text every seat may see: titles, actors, instruments, crises, role names and summaries."""
    out = [sc.title, sc.summary, *sc.objectives, *sc.debrief]
    for a in sc.actors:
        out += [a.name, a.summary]
    for i in sc.instruments:
        out += [i.name, i.text]
    for c in sc.crises:
        out += [c.title, c.text]
    for r in sc.roles:
        out += [r.name, r.summary]
    # The board's "Our side: A · B · C" lists every seat's name in order: words of one name run into the next.
    out.append(" ".join(r.name for r in sc.roles))
    # A seat's own picks read "Private letter on Republic of Veyra": the words are public,
    # only who played it is not (the role's name before it).
    out += [f"{i.name} on {a.name}" for i in sc.instruments for a in (*sc.actors, *sc.roles)]
    return out


class Secrets:
    """The strings ``viewer`` (a role id or ``PUBLIC_SEAT``) must not see, for a given state."""

    def __init__(self, scenario, viewer: str):
        self.sc, self.viewer = scenario, viewer
        static = []
        for r in scenario.roles:
            if r.id != viewer:
                for p in reflow(r.briefing):
                    static += [p, *sentences(p)]
                static += [o.text for o in r.objectives]
        for c in scenario.consequences:
            static += [t for t in (*fixed_parts(c.reveal), c.debrief) if t.strip()]
        self.static = static
        self.public = public_texts(scenario)
        self.hidden_meters = [p for p in scenario.meters if hidden_meter(scenario, p, viewer)]

    def private(self, state, reasons: dict[str, list[str]]) -> list[str]:
        out = list(self.static)
        out += [e.text for e in state.events if private_event(e, self.viewer)]
        # letters and deal notes between other seats
        out += [x.text for x in state.letters if self.viewer != x.sender and self.viewer not in x.to]
        out += [d.text for d in state.deals if d.text and self.viewer not in d.parties]
        for role, typed in reasons.items():
            if role != self.viewer:
                out += typed
        sc = self.sc
        out += [sc.meter_label(p) for p in self.hidden_meters] + [
            sc.meters[p].label for p in self.hidden_meters if "." not in p
        ]
        return out

    def allowed(self, state) -> list[str]:
        """What ``observe`` shows the viewer, after checking the gate against the rules above."""
        obs = observe(self.sc, state, self.viewer)
        wrong = [e.text for e in obs.events if private_event(e, self.viewer)] + [
            p for p in obs.meters if hidden_meter(self.sc, p, self.viewer) or self.estimated(state, p)
        ]
        wrong += [f"{c.path} in the news" for e in obs.events for c in e.changes if self.sc.meters[c.path].estimate]
        assert not wrong, f"observe() gives {self.viewer} what is not its to see: {[w[:60] for w in wrong]}"
        own = self.sc.role(self.viewer) if self.viewer != PUBLIC_SEAT else None
        assert obs.briefing == (own.briefing if own else "") and not obs.pending and not obs.all_orders
        strangers = [x.number for x in obs.letters if self.viewer != x.sender and self.viewer not in x.to]
        strangers += [d.number for d in obs.deals if self.viewer not in d.parties]
        assert not strangers, f"observe() gives {self.viewer} letters or deals of other seats: {strangers}"
        out = [obs.briefing, *(o.text for o in obs.objectives), *(e.text for e in obs.events)] + self.public
        out += [x.text for x in obs.letters] + [d.text for d in obs.deals]
        for p in obs.meters:
            m = self.sc.meters[p]
            out += [self.sc.meter_label(p), m.label, m.text]
        return out

    def estimated(self, state, path: str) -> bool:
        """An estimated meter the viewer may see only as a band (it sees the value once sharpened to 0)."""
        m = self.sc.meters[path]
        if not m.estimate:
            return False
        if self.viewer == PUBLIC_SEAT or not m.sharpened_by:
            return True
        return m.estimate - state.meters.get(f"{self.viewer}.{m.sharpened_by}", 0) > 0

    def leaks(self, screen: str, state, reasons: dict[str, list[str]]) -> list[str]:
        """The private strings (each once) that are on ``screen`` and nowhere in what the viewer may see."""
        shown = words(screen)
        shown_grams, shown_line = grams(shown), f" {' '.join(shown)} "
        allowed_words = [words(t) for t in self.allowed(state)]
        allowed_grams = set().union(*(grams(w) for w in allowed_words))
        allowed_line = f" {' | '.join(' '.join(w) for w in allowed_words)} "
        found = []
        for secret in dict.fromkeys(self.private(state, reasons)):
            ws = words(secret)
            if not ws:
                continue
            if len(ws) >= N:
                if (grams(ws) - allowed_grams) & shown_grams:
                    found.append(secret)
            else:
                phrase = " ".join(ws)
                if f" {phrase} " in shown_line and f" {phrase} " not in allowed_line:
                    found.append(secret)
        return found
