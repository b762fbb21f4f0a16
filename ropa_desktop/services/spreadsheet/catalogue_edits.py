"""Counsel's edits in our Recipients sheet: each edited cell a change of the catalogue entry, merged three ways.

Each row's cell digests as exported are in the metadata sheet (``layout.DIGEST_RECIPIENT``). A cell left as
exported never overrides the register; an edited one is a change of the entry, and a conflict naming its cell
when the register changed that field since the export. A row counsel added is a new entry.
"""

from __future__ import annotations

import copy

from ...domain.model import Organization, Register
from .. import lineformat as lf
from ..changes import NEW_RECIPIENT, RECIPIENT_FIELD, Change
from . import flat, row_digest
from .results import RecipientRow

# The organisation's own columns (its ids and name, read from the Organisations sheet): not the entry's fields.
_NOT_FIELDS = {"_organization_id", "_id", "organization"}


def recipient_changes(current: Register, incoming: Register, rows: dict[str, RecipientRow], lang: str) -> list[Change]:
    """The catalogue changes the Recipients sheet's ``rows`` make to ``current`` (workbook language ``lang``)."""
    out: list[Change] = []
    for rid, row in rows.items():
        inc_org = incoming.organization(row.organization_id)
        cur_org = current.organization(row.organization_id)
        if inc_org is None or cur_org is None:
            continue  # a new organisation brings its catalogue whole
        inc = inc_org.recipient(rid)
        if inc is None:
            continue
        cur = cur_org.recipient(rid)
        if cur is None:
            if not row.stored and not any(lf.fold(r.name) == lf.fold(inc.name) for r in cur_org.recipients):
                out.append(Change(f"rec+:{rid}", NEW_RECIPIENT, cur_org.name, inc.name, new=copy.deepcopy(inc),
                                  target_org_id=cur_org.id, target_recipient_id=rid, where=row.cells[1]))
            continue  # else an entry the register removed since the export: not brought back
        out += _edited(row, cur_org, inc_org, rid, lang)
    return out


def _edited(row: RecipientRow, cur_org: Organization, inc_org: Organization, rid: str, lang: str) -> list[Change]:
    cur, inc = cur_org.recipient(rid), inc_org.recipient(rid)
    assert cur is not None and inc is not None
    edited = row_digest.differing_cells(row.stored, row.read) if row.stored else None
    if edited is None:  # no digests (an older workbook): every cell that differs from the register is an edit
        edited = set(range(len(flat.RECIPIENT_COLUMNS)))
    now = row_digest.of_cells(flat.recipient_row(cur, cur_org, lang))
    changed = row_digest.differing_cells(row.stored, now) if row.stored else set()
    out = []
    for i in sorted(edited):
        column = flat.RECIPIENT_COLUMNS[i]
        if column.key in _NOT_FIELDS or column.spec is None:
            continue
        old, new = getattr(cur, column.key), getattr(inc, column.key)
        if old == new:
            continue
        out.append(Change(f"rec:{rid}:{column.key}", RECIPIENT_FIELD, cur_org.name, cur.name, column.key, old,
                          copy.deepcopy(new), conflict="changed_since_export" if i in (changed or ()) else "",
                          target_org_id=cur_org.id, target_recipient_id=rid, where=row.cells[i]))
    return out
