"""Our own workbook re-imported: the CNIL list and every fiche read beside the flat Register sheet.

Counsel may edit a field in the Register sheet, in the activity's fiche or in the CNIL list. Each other
reading that differs from the Register sheet becomes an ``Alternative``; ``importing.plan_import`` keeps the
side that changed against the register, and makes it a conflict naming both cells when both changed. A fiche
counsel added (a new reference) is a new activity.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, NamedTuple

from openpyxl.utils import get_column_letter

from ...domain.fields import fields_of
from ...domain.model import Activity, ActivityRecipient, Organization, Purpose, Recipient
from .. import lineformat as lf
from ..changes import activity_values
from . import cnil, cnil_import, flat, flat_import
from . import cnil_list as cl
from .fingerprint import fingerprint
from .grid import Book, Sheet
from .layout import DIGEST, DIGEST_LIST
from .messages import Notice

if TYPE_CHECKING:
    from .results import ImportResult

# What a fiche shows (the rest of the register is in its "beyond the template" part, also compared).
_SKIP = {"id", "updated"}
_LIST_COLUMNS = {"name": "A", "created": "C", "main_purpose": "E"}


def alternatives(book: Book, result: ImportResult) -> set[str]:
    """Fill ``result.alternatives`` (and new fiches) from the CNIL sheets; the names of the sheets read."""
    from .results import Alternative

    register = result.register
    owners: dict[str, tuple[Organization, Activity]] = {
        a.id: (o, a) for o in register.organizations for a in o.activities
    }
    by_ref: dict[str, list[Activity]] = {}
    by_name: dict[str, list[Activity]] = {}
    for _, a in owners.values():
        by_ref.setdefault(lf.fold(a.reference), []).append(a)
        by_name.setdefault(lf.fold(a.name), []).append(a)

    info = flat_import.meta(book)
    fiche_of = {v: k.removeprefix("sheet.fiche.") for k, v in info.items() if k.startswith("sheet.fiche.")}
    list_of = {v: k.removeprefix("sheet.list.") for k, v in info.items() if k.startswith("sheet.list.")}
    lang = info.get("lang", "fr")

    def match(reference: str, name: str, sheet: str = "") -> Activity | None:
        if sheet in fiche_of:
            return parsed(owners[fiche_of[sheet]][1]) if fiche_of[sheet] in owners else None
        found = by_ref.get(lf.fold(reference), []) if reference.strip() else []
        if not found and name.strip():
            found = by_name.get(lf.fold(name), [])
        return parsed(found[0]) if len(found) == 1 else None

    def parsed(activity: Activity) -> Activity:
        """A Register row left unparsed (``ImportResult.deferred``), parsed now: another sheet edited it."""
        make = result.deferred.pop(activity.id, None)
        if make is None:
            return activity
        org = owners[activity.id][0]
        full = make()
        org.activities[next(i for i, a in enumerate(org.activities) if a is activity)] = full
        owners[activity.id] = (org, full)
        return full

    read: set[str] = set()
    ctx = cl.Ctx(Organization(), lf.Problems())  # its warnings repeat the Register sheet's: not shown twice
    for sheet in book.sheets:
        if cnil_import.is_list(sheet):
            read.add(sheet.name)
            digest = info.get(f"{DIGEST_LIST}{list_of.get(sheet.name, '')}")
            if digest and fingerprint(sheet.rows) == digest:
                continue  # the list as it was written: nobody edited it, nothing to compare
            ctx.rows = []
            ctx.org = Organization()
            ctx.cells = {}
            cl.read_list(sheet, ctx)
            org_id = list_of.get(sheet.name) or (register.organizations[0].id if len(register.organizations) == 1
                                                 else "")
            if org_id:
                for (_, path), cell in ctx.cells.items():
                    if path.split(".")[-1] == "first_name":
                        continue
                    found = _get(ctx.org, path)
                    result.alternatives.append(Alternative("", path, found, cell, "list", lang, found, org_id))
            for values in ctx.rows:
                target = match(cl.cell_value(values.get("reference")), "")
                row = str(values["where"]).rsplit(" ", 1)[-1]
                if target is None:
                    typed = cl.cell_value(values.get("name")) or cl.cell_value(values.get("reference"))
                    if typed:
                        result.warnings.append(Notice("unlinked_row", {"sheet": sheet.name, "row": row,
                                                                       "value": typed}))
                    continue
                _derived_list_cells(sheet, int(row) - 1, target, lang, result)
                org = owners[target.id][0]
                for name, column in _LIST_COLUMNS.items():
                    other = _list_value(target, name, values.get(name), ctx.problems)
                    if other is None:
                        continue
                    path, value = other
                    seen = _value(target, org, path, value)
                    result.alternatives.append(
                        Alternative(target.id, path, value, f"{sheet.name}!{column}{row}", "list", lang, seen)
                    )
        elif cnil_import.is_fiche(sheet) and not cnil_import.is_example(sheet):
            read.add(sheet.name)
            digest = info.get(f"{DIGEST}{fiche_of.get(sheet.name, '')}")
            if digest and fingerprint(sheet.rows) == digest:
                continue  # the fiche as it was written: nobody edited it, nothing to compare
            ctx.cells = {}
            ctx.fiche_contacts = []
            ctx.claims = {}
            fiche = cnil_import.read_fiche(sheet, ctx)
            if fiche is None:
                continue
            target = match(fiche.reference, fiche.name, sheet.name)
            edited: dict[str, list[Typed]] = {}  # field path -> the cells edited for it
            if target is not None:
                edited = _edited_cells(sheet, _written_rows(target, owners[target.id][0], lang), ctx.claims, result)
            if target is not None and digest:  # "Acteurs" rows as this version writes them: identity, DPO...
                org_id = owners[target.id][0].id
                for row, contact, cells in ctx.fiche_contacts:
                    for path, attr, value in cnil_import.fiche_contact_paths(row, contact, True):
                        where = cells.get(attr, sheet.name)
                        result.alternatives.append(Alternative("", path, value, where, "fiche", lang, value, org_id))
            if target is None:
                if sheet.name not in fiche_of:
                    _new_fiche(result, fiche, ctx.org, sheet.name)
                continue
            org = owners[target.id][0]
            result.alternatives += _title_cells(sheet, target, org, lang)
            seen_all = activity_values(fiche, ctx.org)
            for spec in fields_of("activity"):
                for path in _paths(spec.key):
                    value = _adopt(_get(fiche, path), ctx.org, org) if path == "recipients" else _get(fiche, path)
                    changed = edited.get(path) or edited.get(path.split(".")[0]) or []
                    at = (", ".join(t[3] for t in changed) or ctx.cells.get((fiche.id, path))
                          or ctx.cells.get((fiche.id, path.split(".")[0])))
                    seen = seen_all[path]
                    result.alternatives.append(
                        Alternative(target.id, path, value, at or sheet.name, "fiche", lang, seen, typed=tuple(changed))
                    )
    return read


def _title_cells(sheet: Sheet, activity: Activity, org: Organization, lang: str) -> list[Any]:
    """The fiche's title row (its name in A1, its reference in H1): read like the rows below, named by cell."""
    from .results import Alternative

    row = sheet.rows[0] if sheet.rows else []
    title = flat.cell_text(row[0]).strip() if row else ""
    prefix = f"{cnil.text(cnil.FICHE_TITLE, lang)} :"
    found: list[tuple[str, str, str]] = []
    if title.startswith(prefix):
        found.append(("name", title[len(prefix):].strip(), "A1"))
    if len(row) > 7:
        found.append(("reference", flat.cell_text(row[7]).strip(), "H1"))
    return [Alternative(activity.id, path, value, f"{sheet.name}!{cell}", "fiche", lang,
                        _value(activity, org, path, value)) for path, value, cell in found]


def _derived_list_cells(sheet: Sheet, r: int, activity: Activity, lang: str, result: ImportResult) -> None:
    """The CNIL list's cells of a row that are not read (last update, "sensitive data?"): named when edited."""
    row = sheet.rows[r] if r < len(sheet.rows) else []
    written: dict[int, Any] = {3: activity.updated.date() if activity.updated else None, 5: None, 6: None,
                               7: lf.bool_text(activity.has_sensitive_data(), lang)}
    unread = []
    for i in range(3, len(row)):
        if i == 4 or not flat.cell_text(row[i]).strip():
            continue
        if i == 3 and flat.parse_date(row[i], lf.Problems(), "") == written[3]:
            continue
        if i in written and lf.fold(flat.cell_text(row[i])) == lf.fold(flat.cell_text(written[i])):
            continue
        unread.append((f"{sheet.name}!{get_column_letter(i + 1)}{r + 1}", flat.cell_text(row[i]).strip()))
    if unread:
        result.warnings.append(Notice("derived_cells_not_imported", {
            "where": ", ".join(cell for cell, _ in unread), "value": " | ".join(v for _, v in unread)[:200]}))


def _paths(key: str) -> list[str]:
    if key in _SKIP:
        return []
    if key in ("dpia", "automated_decision"):
        return [f"{key}.{sub.key}" for sub in fields_of(key)]
    return [key]


def _get(activity: Any, path: str) -> Any:
    head, _, tail = path.partition(".")
    value = getattr(activity, head)
    return getattr(value, tail) if tail else value


def _value(activity: Activity, org: Organization, path: str, value: Any) -> Any:
    """``activity``'s comparable value for ``path`` were it ``value``."""
    twin = copy.copy(activity)
    head, _, tail = path.partition(".")
    if tail:
        setattr(twin, head, copy.copy(getattr(activity, head)))
        setattr(getattr(twin, head), tail, value)
    else:
        setattr(twin, head, value)
    return activity_values(twin, org)[path]


def _list_value(activity: Activity, key: str, raw: Any, problems: lf.Problems) -> tuple[str, Any] | None:
    if key == "name":
        text = cl.cell_value(raw)
        return ("name", text) if text else None
    if key == "created":
        day = flat.parse_date(raw, problems, "")
        return ("created", day) if day else None
    text = cl.cell_value(raw)
    main = activity.main_purpose()
    if not text or (main is not None and main.description == text):
        return None
    purposes = copy.deepcopy(activity.purposes)
    target = next((p for p in purposes if p.main), None)
    if target is None:
        purposes.insert(0, Purpose(text, True))
    else:
        target.description = text
    return "purposes", purposes


def _adopt(links: list[ActivityRecipient], source: Organization, org: Organization) -> list[ActivityRecipient]:
    """Links into the fiche's catalogue -> links into the Register sheet's, by name (added when new)."""
    out = []
    for link in links:
        rec = source.recipient(link.recipient_id)
        name = rec.name if rec else link.recipient_id
        found = next((r for r in org.recipients if lf.fold(r.name) == lf.fold(name)), None)
        if found is None:
            found = Recipient(name=name, type=rec.type if rec else "")
            org.recipients.append(found)
        out.append(ActivityRecipient(found.id, link.details))
    return out


def _new_fiche(result: ImportResult, fiche: Activity, source: Organization, sheet: str) -> None:
    """A fiche counsel added: a new activity of the workbook's only organisation."""
    orgs = result.register.organizations
    if len(orgs) != 1:
        return
    fiche.recipients = _adopt(fiche.recipients, source, orgs[0])
    orgs[0].activities.append(fiche)
    result.provenance[(fiche.id, "")] = f"{sheet}!A1"


def _written_rows(activity: Activity, org: Organization, lang: str) -> list[list[Any]]:
    """The cells of the fiche we would write for ``activity`` (as the Register sheet gives it)."""
    from openpyxl import Workbook

    from .cells import CellFactory
    from .cnil_export import write_fiche
    from .dropdowns import Lists

    wb = Workbook()
    write_fiche(wb, copy.deepcopy(activity), copy.deepcopy(org), lang, CellFactory(wb, []), Lists("Lists", lang),
                "fiche")
    return [list(r) for r in wb["fiche"].iter_rows(values_only=True)]


Typed = tuple[str, int, int, str, str]  # (row label, its rank among rows so labelled, column, "LS-02!B65", text)


def _cell_texts(rows: list[list[Any]]) -> dict[tuple[str, int, int], str]:
    """A fiche's cells by (row label, rank of the row among those so labelled, column): rows paired by label."""
    out: dict[tuple[str, int, int], str] = {}
    seen: dict[str, int] = {}
    for row in rows[1:]:  # row 1 is the fiche's title
        label = _text(row[0]) if row else ""
        seen[label] = seen.get(label, 0) + 1
        for i, value in enumerate(row[1:], 1):
            if text := _text(value):
                out[(label, seen[label], i)] = text
    return out


def _text(value: Any) -> str:
    return lf.fold(flat.cell_text(value).strip())


def edited_where(alt: Any, written: dict[tuple[str, int, int], str]) -> str:
    """The cells of ``alt`` that differ from the fiche ``written`` (the register's): where the edit was typed."""
    cells = [t[3] for t in alt.typed if written.get((t[0], t[1], t[2]), "") != t[4]]
    return ", ".join(cells) or alt.where


def _edited_cells(
    sheet: Sheet, written: list[list[Any]], claims: dict[tuple[str, int, int], str], result: ImportResult
) -> dict[str, list[Typed]]:
    """The fiche's cells that differ from the fiche we would write, by the field read from them.

    Rows are paired by their label (and its rank among rows of that label), so a row someone inserted shifts
    nothing. A differing cell no field was read from is named in the review as not imported.
    """
    mine = _cell_texts(written)
    theirs = _cell_texts(sheet.rows)
    rows: dict[tuple[str, int], int] = {}  # (label, rank) -> the sheet's 0-based row
    seen: dict[str, int] = {}
    for r, row in enumerate(sheet.rows[1:], 1):
        label = _text(row[0]) if row else ""
        seen[label] = seen.get(label, 0) + 1
        rows[(label, seen[label])] = r
    by_path: dict[str, list[Typed]] = {}
    unread: list[tuple[str, str]] = []
    for key in sorted(set(mine) | set(theirs), key=lambda k: (rows.get(k[:2], -1), k[2])):
        typed = theirs.get(key, "")
        r = rows.get(key[:2], -1)
        if typed == mine.get(key, "") or r < 0:
            continue  # unchanged, or a row deleted (its field reads as empty, and the review says so)
        cell = f"{sheet.name}!{get_column_letter(key[2] + 1)}{r + 1}"
        path = claims.get((sheet.name, r, key[2]), "")
        if path and path not in _SKIP:
            by_path.setdefault(path, []).append((key[0], key[1], key[2], cell, typed))
        elif typed and path not in ("@org", "@header"):  # a section's header row: labels, not content
            unread.append((cell, flat.cell_text(sheet.rows[r][key[2]]).strip()))
    if unread:
        result.warnings.append(Notice("cells_not_imported", {
            "where": ", ".join(cell for cell, _ in unread), "value": " | ".join(v for _, v in unread)[:200]}))
    return by_path


class FicheReading(NamedTuple):
    """The fiche we would write, read back."""

    values: dict[str, Any]  # the comparable values read back
    cells: dict[tuple[str, int, int], str]  # its cells' texts (``edited_where``)


def fiche_reading(activity: Activity, org: Organization, lang: str) -> FicheReading:
    """The fiche we would write for ``activity``, read back: its comparable values and its cells.

    A fiche field differs from them only where someone edited the fiche (the fiche's own rounding aside).
    """
    rows = _written_rows(activity, org, lang)
    ctx = cl.Ctx(Organization(), lf.Problems())
    back = cnil_import.read_fiche(Sheet("fiche", [[v if v is not None else "" for v in r] for r in rows]), ctx)
    return FicheReading(activity_values(back or Activity(), ctx.org), _cell_texts(rows))
