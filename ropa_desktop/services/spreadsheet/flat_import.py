"""Tables with a header row into a Register: our own export's flat sheets, or a plain table mapped by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from openpyxl.utils import get_column_letter

from ...domain.fields import Kind, field_spec
from ...domain.model import Activity, Organization, Register, new_id
from .. import lineformat as lf
from ..blank_answers import blank
from . import flat, processor_sheets, row_digest
from .grid import Book, Sheet

__all__ = ["Sheet", "find_sheet", "meta", "read_tables"]
from .layout import DIGEST_RECIPIENT, META_SHEET, SHEETS
from .results import RecipientRow
from .row_reader import RowReader

Progress = Callable[[int, int], None] | None


def meta(book: Book) -> dict[str, str]:
    sheet = book.sheet(META_SHEET)
    if sheet is None:
        return {}
    return {flat.cell_text(r[0]): flat.cell_text(r[1]) for r in sheet.rows if len(r) >= 2}


def find_sheet(book: Book, key: str, info: dict[str, str]) -> Sheet | None:
    wanted = [info.get(f"sheet.{key}", ""), *SHEETS[key]]
    for name in wanted:
        sheet = book.sheet(name) if name else None
        if sheet is not None:
            return sheet
    folded = {lf.fold(n) for n in wanted if n}
    return next((book.sheet(n) for n in book.names if lf.fold(n) in folded), None)


def _is_register(sheet: Sheet | None) -> bool:
    """Our Register sheet: the hidden id columns and an activity reference column."""
    if sheet is None or not sheet.rows:
        return False
    headers = {lf.fold(flat.cell_text(v)) for v in sheet.rows[0]}
    references = {lf.fold(field_spec("activity", "reference").label(lang)) for lang in ("fr", "en")}
    return {lf.fold(flat.ID), lf.fold(flat.ORG_ID)} <= headers and bool(headers & references)


def find_register(book: Book, info: dict[str, str], fmt: str) -> Sheet | None:
    """Our Register sheet: by its recorded name, else by its hidden id columns (renamed, or no meta)."""
    if info.get("format") == fmt:
        sheet = find_sheet(book, "register", info)
        if _is_register(sheet):
            return sheet
    return next((s for s in book.sheets if _is_register(s)), None)


def header_map(
    sheet: Sheet, index: dict[str, str], mapping: dict[str, str] | None, unmapped: list[str]
) -> dict[int, str]:
    """Column number -> column key; headers neither known nor mapped go to ``unmapped``."""
    columns: dict[int, str] = {}
    header = sheet.rows[0] if sheet.rows else []
    for i, raw in enumerate(header):
        text = flat.cell_text(raw).strip()
        if not text or text == flat.DIGEST:  # the row digests are read apart (row_digest.py)
            continue
        if mapping is not None and text in mapping:
            if mapping[text]:
                columns[i] = mapping[text]
            continue
        key = index.get(lf.fold(text))
        if key is None:
            unmapped.append(text)
        elif key not in columns.values():
            columns[i] = key
    return columns


def _records(sheet: Sheet, columns: dict[int, str]) -> list[tuple[int, dict[str, Any]]]:
    plan = _plan(columns)
    return [(r, values) for r, row in enumerate(sheet.rows[1:], 2) if (values := _record(row, plan)) is not None]


_Plan = list[tuple[int, str, bool]]


def _plan(columns: dict[int, str]) -> _Plan:
    # Text meaning nothing ("N/A", "—") reads as empty, decided per column once (half a million cells at 10,000).
    return [(i, key, not _keeps_tick(key)) for i, key in columns.items()]


def _record(row: list[Any], plan: _Plan) -> dict[str, Any] | None:
    """A row's cells by column key (None: an empty row)."""
    cell_text = flat.cell_text
    size = len(row)
    values: dict[str, Any] = {}
    filled = False
    for i, key, clear in plan:
        if i < size:
            value = row[i]
            if clear and value and isinstance(value, str):
                value = blank(value)
            values[key] = value
            if not filled and cell_text(value).strip():
                filled = True
    return values if filled else None


def _keeps_tick(key: str) -> bool:
    """"x" in a yes/no column is a tick, not a blank answer."""
    col = flat.ACTIVITY_BY_KEY.get(key)
    return col is not None and col.kind is Kind.BOOL


class _Orgs:
    """Organisations of the import, found by hidden id, then by name."""

    def __init__(self, register: Register) -> None:
        self.register = register

    def get(self, ident: str, name: str) -> Organization:
        orgs = self.register.organizations
        found = next((o for o in orgs if ident and o.id == ident), None)
        if found is None:
            found = next((o for o in orgs if lf.fold(o.name) == lf.fold(name)), None)
        if found is None and not name and len(orgs) == 1:
            found = orgs[0]
        if found is None:
            found = Organization(id=ident or new_id(), name=name)
            orgs.append(found)
        return found


def read_tables(
    book: Book,
    register_sheet: Sheet,
    info: dict[str, str],
    problems: lf.Problems,
    unmapped: list[str],
    progress: Progress,
    provenance: dict[tuple[str, str], str] | None = None,
    digests: dict[str, tuple[str, str]] | None = None,
    deferred: dict[str, Callable[[], Activity]] | None = None,
    recipient_rows: dict[str, RecipientRow] | None = None,
) -> Register:
    """The Register (activities) sheet, with the Organisations and Recipients sheets when present.

    ``digests`` receives each row's cell digests as written and as read (``row_digest``), by activity id. With
    ``deferred``, a row whose cells all still have their digests is not parsed: its activity holds only its id,
    reference and name, and ``deferred[id]`` parses it (``importing.settle`` takes the register's own instead).
    ``recipient_rows`` receives each Recipients row's cell digests (``catalogue_edits``).
    """
    register = Register()
    orgs = _Orgs(register)
    sheet = find_sheet(book, "organizations", info)
    if sheet is not None:
        cols = header_map(sheet, flat.header_index(flat.ORGANIZATION_COLUMNS), None, [])
        for r, values in _records(sheet, cols):
            org = flat.organization_from_row(values, problems, f"{sheet.name} {r}")
            if not any(o.id == org.id for o in register.organizations):
                register.organizations.append(org)
                if provenance is not None:  # an identity field's cell, named in the review and in a conflict
                    for i, key in cols.items():
                        if not key.startswith("_"):
                            provenance[(f"org:{org.id}", key)] = f"{sheet.name}!{get_column_letter(i + 1)}{r}"
    sheet = find_sheet(book, "recipients", info)
    if sheet is not None:
        cols = header_map(sheet, flat.header_index(flat.RECIPIENT_COLUMNS), None, [])
        for r, values in _records(sheet, cols):
            org = orgs.get(
                flat.cell_text(values.get("_organization_id")).strip(),
                flat.cell_text(values.get("organization")).strip(),
            )
            recipient = flat.recipient_from_row(values, problems, f"{sheet.name} {r}")
            if org.recipient(recipient.id) is None:
                org.recipients.append(recipient)
                if recipient_rows is not None:
                    recipient_rows[recipient.id] = _recipient_row(sheet, r, cols, org.id, info)
    index = flat.header_index(flat.ACTIVITY_COLUMNS)
    cols = header_map(register_sheet, index, None, unmapped)
    # Each column's field path and cell prefix, once: 50 columns x 10,000 rows of provenance.
    places: dict[str, str] = {}  # the first column of each path (the legal basis is a part of the purposes)
    for i, key in cols.items():
        places.setdefault("purposes" if key == "legal_basis" else key,
                          f"{register_sheet.name}!{get_column_letter(i + 1)}")
    letters = {key: f"{register_sheet.name}!{get_column_letter(i + 1)}" for i, key in cols.items()}
    reader = RowReader(cols, letters)  # each column's reader chosen once
    seen_ids: set[str] = set()
    renamed: dict[tuple[str, str], list[str]] = {}  # (the organisation's name, the name typed) -> its cells
    contexts: dict[str, flat.RowContext] = {}
    header = [flat.cell_text(v).strip() for v in register_sheet.rows[0]] if register_sheet.rows else []
    at = header.index(flat.DIGEST) if digests is not None and flat.DIGEST in header else -1
    where_of = {key: i for i, key in cols.items()}
    order = [where_of.get(c.key, -1) for c in flat.ACTIVITY_COLUMNS]
    rows = register_sheet.rows[1:]
    read = _read_digests(rows, order, at) if at >= 0 else []
    # A row left as exported is deferred unparsed: only its ids, reference, name and organisation are read.
    brief = _plan({i: key for i, key in cols.items() if key in _BRIEF})
    for n, (r, raw) in enumerate(enumerate(rows, 2), 1):
        pair: tuple[str, str] | None = None
        if at >= 0:
            stored = flat.cell_text(raw[at]).strip() if at < len(raw) else ""
            if row_digest.valid(stored):
                pair = (stored, read[r - 2])
        deferring = deferred is not None and pair is not None and pair[0] == pair[1]
        found = reader.record(raw, brief if deferring else None)
        if found is None:
            continue
        values = found
        where = f"{register_sheet.name} {r}"
        org = orgs.get(
            flat.cell_text(values.get("_organization_id")).strip(),
            flat.cell_text(values.get("organization")).strip(),
        )
        context = contexts.get(org.id) or contexts.setdefault(org.id, flat.RowContext(org, problems))
        typed = flat.cell_text(values.get("organization")).strip()
        if typed and org.name and typed != org.name and lf.fold(typed) != lf.fold(org.name):
            renamed.setdefault((org.name, typed), []).append(f"{letters['organization']}{r}")
        ident = flat.cell_text(values.get("_id")).strip()
        if deferring and deferred is not None and ident and ident not in seen_ids:
            # A row left as exported: parsed only if the register no longer has its activity (``deferred``).
            activity = Activity(id=ident, reference=flat.cell_text(values.get("reference")).strip(),
                                name=flat.cell_text(values.get("name")).strip())
            deferred[ident] = partial(_parsed_later, raw, reader, context, where, r)
        else:
            if deferring:  # as exported, but its id is missing or repeated: read whole after all
                values = reader.record(raw) or values
            activity = reader.activity(values, context, where, r)
        if activity.id in seen_ids:
            problems.add("duplicate_id", where=where)
            activity.id = new_id()
        seen_ids.add(activity.id)
        org.activities.append(activity)
        if pair is not None and digests is not None:
            digests[activity.id] = pair
        if provenance is not None:  # the activity's id is new to it (``seen_ids``): its cells set at once
            row, aid = str(r), activity.id
            provenance.update({(aid, path): prefix + row for path, prefix in places.items()})
        if progress is not None and n % 500 == 0:
            progress(n, len(rows))
    org_sheet = find_sheet(book, "organizations", info)
    for (name, typed), cells in renamed.items():  # the organisation's name is its own sheet's: said, not lost
        problems.add("org_name_not_imported", where=", ".join(cells[:5]) + ("…" if len(cells) > 5 else ""),
                     value=typed, name=name, sheet=org_sheet.name if org_sheet is not None else "")
    _read_processor_sheets(book, info, orgs, problems, provenance)
    for org in register.organizations:
        refs: dict[str, int] = {}
        for activity in org.activities:
            if activity.reference.strip():
                key = lf.fold(activity.reference)
                refs[key] = refs.get(key, 0) + 1
                if refs[key] == 2:
                    problems.add("duplicate_reference", reference=activity.reference, where=org.name)
    return register


_BRIEF = {"_id", "_organization_id", "organization", "reference", "name"}


def _parsed_later(raw: list[Any], reader: RowReader, context: flat.RowContext, where: str, r: int) -> Activity:
    return reader.activity(reader.record(raw) or {}, context, where, r)


def _read_digests(rows: list[list[Any]], order: list[int], at: int) -> list[str]:
    """Each row's cell digests as read (``row_digest``): in bulk, column by column, when the columns are ours."""
    size = len(order)
    if rows and order == list(range(size)) and at >= size and all(len(row) > size for row in rows):
        return row_digest.of_rows(rows)
    return [row_digest.read_row(raw, order) for raw in rows]


def _recipient_row(sheet: Sheet, r: int, cols: dict[int, str], org_id: str, info: dict[str, str]) -> RecipientRow:
    """The Recipients row ``r`` (1-based) as its cells' digests, beside those the metadata sheet kept at export."""
    where_of = {key: i for i, key in cols.items()}
    order = [where_of.get(c.key, -1) for c in flat.RECIPIENT_COLUMNS]
    raw = sheet.rows[r - 1]
    read = row_digest.of_cells([raw[i] if 0 <= i < len(raw) else None for i in order])
    ident = flat.cell_text(raw[where_of["_id"]]).strip() if where_of.get("_id", len(raw)) < len(raw) else ""
    cells = tuple(f"{sheet.name}!{get_column_letter(i + 1)}{r}" if i >= 0 else sheet.name for i in order)
    return RecipientRow(org_id, info.get(f"{DIGEST_RECIPIENT}{ident}", "") if ident else "", read, cells)


def _own_columns(scope: str) -> set[str]:
    """The columns only this processor sheet has: not the Register's, not the other processor sheet's."""
    others = {c.key for c in flat.ACTIVITY_COLUMNS}
    others |= {c.key for s, cols in processor_sheets.COLUMNS.items() if s != scope for c in cols}
    return {c.key for c in processor_sheets.COLUMNS[scope]} - others


def _by_headers(book: Book, index: dict[str, str], own: set[str]) -> Sheet | None:
    """A sheet renamed by the person who edited it, known by its header row.

    Its hidden id column and most of the columns only this sheet has (the Register and the other processor
    sheet share several headers with it, never these).
    """
    for name in book.names:
        sheet = book.sheet(name)
        if sheet is None or not sheet.rows:
            continue
        keys = set(header_map(sheet, index, None, []).values())
        if "_id" in keys and len(keys & own) >= 0.6 * len(own):
            return sheet
    return None


def _read_processor_sheets(
    book: Book, info: dict[str, str], orgs: _Orgs, problems: lf.Problems,
    provenance: dict[tuple[str, str], str] | None,
) -> None:
    """The processor's register: the Clients sheet first (processing lines name clients), then the processing."""
    for key, scope in processor_sheets.SCOPES.items():
        index = flat.header_index(processor_sheets.COLUMNS[scope])
        sheet = find_sheet(book, key, info) or _by_headers(book, index, _own_columns(scope))
        if sheet is None:
            continue
        cols = header_map(sheet, index, None, [])
        seen: set[str] = set()
        for r, values in _records(sheet, cols):
            where = f"{sheet.name} {r}"
            org = orgs.get(
                flat.cell_text(values.get("_organization_id")).strip(),
                flat.cell_text(values.get("organization")).strip(),
            )
            item = processor_sheets.from_row(scope, values, org, problems, where)
            if item.id in seen:
                problems.add("duplicate_id", where=where)
                item.id = new_id()
            seen.add(item.id)
            target: list[Any] = org.clients if scope == "client" else org.processor_activities
            if scope == "client" and (known := org.client(item.id)) is not None:
                target.remove(known)  # named first on a processing's line: the Clients row is the full record
            target.append(item)
            if provenance is not None:
                provenance.setdefault((item.id, ""), f"{sheet.name}!A{r}")
                for i, col in cols.items():
                    path = col
                    provenance.setdefault((item.id, path), f"{sheet.name}!{get_column_letter(i + 1)}{r}")
