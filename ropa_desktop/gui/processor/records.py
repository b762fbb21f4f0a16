"""The processor's records as the lists and forms show them: list columns, usage, findings per record."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication

from ...domain import field_paths
from ...domain import vocabularies as v
from ...domain.checks import Finding
from ...domain.fields import label
from ...domain.model import Organization, ProcessorActivity
from ..form.date_field import format_date
from .record_list import ListColumn

LISTS = {"processor_activity": "processor_activities", "client": "clients"}


def _client_names(activity: ProcessorActivity, org: Organization, _lang: str) -> str:
    names = (org.client(link.client_id) for link in activity.clients)
    return ", ".join(c.name for c in names if c is not None and c.name)


def _unnamed() -> str:
    return QCoreApplication.translate("ProcessorPane", "(unnamed client)")


PROCESSING_COLUMNS = (
    ListColumn("reference", lambda lang: label("processor_activity", "reference", lang), lambda a, o, _: a.reference),
    ListColumn("name", lambda lang: label("processor_activity", "name", lang), lambda a, o, _: a.name),
    ListColumn("clients", lambda _: QCoreApplication.translate("ProcessorPane", "Clients"), _client_names),
    ListColumn(
        "status",
        lambda lang: label("processor_activity", "status", lang),
        lambda a, o, lang: v.STATUSES.label(a.status, lang),
    ),
    ListColumn("findings", lambda _: QCoreApplication.translate("ProcessorPane", "Findings"), lambda a, o, _: ""),
)
CLIENT_COLUMNS = (
    ListColumn(
        "name", lambda _: QCoreApplication.translate("ProcessorPane", "Client"), lambda c, o, _: c.name or _unnamed()
    ),
    ListColumn(
        "contract_reference",
        lambda _: QCoreApplication.translate("ProcessorPane", "Contract"),
        lambda c, o, _: c.contract_reference,
    ),
    ListColumn(
        "end", lambda _: QCoreApplication.translate("ProcessorPane", "Ends"), lambda c, o, _: format_date(c.end)
    ),
    ListColumn(
        "processing",
        lambda _: QCoreApplication.translate("ProcessorPane", "Processing"),
        lambda c, o, _: str(len(client_usage(o, c.id)) or ""),
    ),
    ListColumn("findings", lambda _: QCoreApplication.translate("ProcessorPane", "Findings"), lambda c, o, _: ""),
)


def client_usage(org: Organization, client_id: str) -> list[str]:
    """The processing (reference and name) done for a client: a client in use cannot be deleted."""
    return [
        " ".join(p for p in (a.reference, a.name) if p)
        for a in org.processor_activities
        if any(link.client_id == client_id for link in a.clients)
    ]


def findings_of(findings: list[Finding], org: Organization, scope: str, record_id: str) -> list[Finding]:
    """The findings about one record, their paths made relative to it (``clients[2].end`` -> ``end``)."""
    records = getattr(org, LISTS[scope])
    index = next((i for i, r in enumerate(records) if r.id == record_id), None)
    if index is None:
        return []
    out = []
    for finding in findings:
        segments = field_paths.try_parse(finding.field) or ()
        if segments and segments[0].name == LISTS[scope] and segments[0].index == index:
            out.append(_relative(finding, field_paths.format_path(segments[1:])))
    return out


def _relative(finding: Finding, path: str) -> Finding:
    return dataclasses.replace(finding, field=path)
