"""The report model as JSON data, and back.

``demarche report --format json`` writes these dicts; tools and tests read
them, so their keys stay exactly as they were when the model was plain dicts:
every record field in order, except the ``optional()`` ones, which are left out
while they are None. Reading a JSON report back (``from_json``) gives the typed
model again, so a report saved as JSON renders to HTML or Markdown as well.
"""

from __future__ import annotations

import json

import attrs
from cattrs import Converter
from cattrs.gen import make_dict_unstructure_fn, override

from ..i18n import _
from . import model as m

_ITEM_KINDS: dict[str, type] = {
    "consequence": m.ConsequenceEvent,
    "scheduled": m.ScheduledEvent,
    "note": m.NoteEvent,
    "override": m.OverrideEvent,
    "schedule": m.ScheduleEvent,
    "adjust": m.FacilitatorEvent,
    "mode": m.FacilitatorEvent,
}
_REPORTS: dict[str, type] = {"game": m.GameReport, "role": m.RoleReport, "compare": m.Comparison}


def _item_class(data: dict) -> type:
    """Which timeline record a JSON entry is: by its kind, and for orders and crises by the keys they carry."""
    kind = data["kind"]
    if kind == "order":
        return m.OrderEvent if "order" in data else m.Event
    if kind == "crisis_started":
        return m.InjectedCrisis if "reason" in data else m.CrisisEvent if "trace" in data else m.Event
    return _ITEM_KINDS.get(kind, m.Event)


def _converter() -> Converter:
    conv = Converter()

    def unstructure_fn(cls):
        omit: dict = {f.name: override(omit_if_default=True) for f in attrs.fields(cls) if f.metadata.get("optional")}
        return make_dict_unstructure_fn(cls, conv, **omit)

    conv.register_unstructure_hook_factory(attrs.has, unstructure_fn)

    def timeline_item(data: dict, _) -> object:
        return conv.structure(data, _item_class(data))

    conv.register_structure_hook_func(lambda t: t == m.Scalar, lambda value, _: value)
    conv.register_structure_hook_func(lambda t: t in (m.TimelineItem, m.LoggedAction), timeline_item)
    return conv


CONVERTER = _converter()


def to_json(report: m.Report) -> dict:
    """The report as the plain dicts and lists ``--format json`` writes."""
    return CONVERTER.unstructure(report)


def from_json(data: dict) -> m.Report:
    """A report read back from its JSON form; ``ReportError`` if it is not one."""
    if not isinstance(data, dict) or data.get("format") != m.REPORT_FORMAT or data.get("kind") not in _REPORTS:
        raise m.ReportError(
            _("this is not a Demarche report (no format 'demarche-report' with a kind of game, role or compare)")
        )
    return CONVERTER.structure(data, _REPORTS[data["kind"]])


def report_json(report: m.Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=1)
