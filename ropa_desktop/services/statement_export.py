"""``export --format statement``: one client's processor statement, written as OUT.pdf and OUT.json together."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from ..domain.model import Client, Organization, Register
from .atomic import write_bytes_atomic
from .exporting import ExportError, ExportResult, Notice, _is_sqlite, select_organizations
from .statement import client_processing, document_to_statement, find_client, statement_document, statement_json

SUFFIXES = (".pdf", ".json")


def statement_paths(output: Path) -> tuple[Path, Path]:
    """OUT.pdf and OUT.json: ``output`` with a ``.pdf`` or ``.json`` suffix dropped, the other kept whole."""
    output = Path(output)
    base = output.with_suffix("") if output.suffix.lower() in SUFFIXES else output
    return Path(f"{base}.pdf"), Path(f"{base}.json")


def export_statement(register: Register, client: str, output: Path, *, organization: str | None = None,
                     lang: str = "fr", today: date | None = None, at: datetime | None = None) -> ExportResult:
    """Write the statement of ``client`` (id or name) as PDF and JSON, or neither (both are built first).

    ``at``: the time of issue the PDF prints (now, unless given).
    """
    from .report.statement import build_statement_pdf

    org = select_organizations(register, organization)[0] if organization and organization != "all" else None
    processor, chosen = find_client(register, client, org)
    issued = today or date.today()
    text = statement_json(processor, chosen, issued)
    # The PDF prints the statement as read back from its JSON: the two say the same, field by field.
    statement = document_to_statement(statement_document(processor, chosen, issued))
    fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    pdf = build_statement_pdf(statement, lang=lang, fingerprint=fingerprint, at=at)
    pdf_path, json_path = statement_paths(output)
    for path in (pdf_path, json_path):
        if _is_sqlite(path):
            raise ExportError("overwrites_register", path=path)
    write_bytes_atomic(json_path, text.encode("utf-8"))
    write_bytes_atomic(pdf_path, pdf.data)
    result = ExportResult([pdf_path, json_path])
    result.notices += [Notice("missing_glyph", {"char": g.char, "codepoint": g.codepoint, "where": g.where})
                       for g in pdf.missing_glyphs]
    result.notices += [Notice("truncated", {"count": str(cut.omitted), "where": cut.where}) for cut in pdf.truncated]
    result.notices += _gaps(processor, chosen)
    return result


def _gaps(processor: Organization, client: Client) -> list[Notice]:
    """What the client will miss in the statement: who the processor is, how to reach it, what it does."""
    gaps = []
    if not processor.address.strip():
        gaps.append(Notice("statement_no_address", {}))
    if processor.dpo.is_empty():
        gaps.append(Notice("statement_no_dpo", {}))
    processing = client_processing(processor, client)
    if not processing:
        gaps.append(Notice("statement_no_processing", {}))
    drafts = sum(1 for activity, _ in processing if activity.status == "draft")
    if drafts:
        gaps.append(Notice("statement_drafts", {"count": str(drafts)}))
    return gaps
