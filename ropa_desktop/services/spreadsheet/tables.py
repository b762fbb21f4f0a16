"""Plain tables (any sheet with a header row) into a Register: guessed or given mapping, sheets joined by id.

A mapping is ``{"sheet name": {"column header": "column key"}}`` (``--map FILE.json``, DESIGN §9); a key
``""`` skips a column on purpose. The main sheet holds one activity per row (keys from ``column_choices``);
other sheets (purposes, personal data, data subjects, recipients, transfers, security measures, as CISO
Assistant exports them) hold one item per row, linked to their activity by a column whose values are the
main sheet's references, names or ids (key ``activity``; item keys such as ``purposes.legal_basis``).
Every column and sheet not read is named in a warning: nothing is dropped in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from ...domain.fields import Kind
from ...domain.model import (
    ActivityRecipient,
    DataCategory,
    DataSubject,
    Organization,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
    Transfer,
)
from ...domain.vocabularies import (
    DATA_CATEGORIES,
    DATA_SUBJECTS,
    LEGAL_BASES,
    RECIPIENT_TYPES,
    SAFEGUARDS,
    SECURITY_MEASURES,
)
from .. import lineformat as lf
from ..blank_answers import blank, means_none
from ..retention_text import rules_from_text
from . import flat, label_sheets
from .grid import Book, Sheet
from .messages import SpreadsheetError
from .synonyms import SYNONYMS, TICK_KEYS, fold_header

Mapping = dict[str, dict[str, str]]
HEADER_SCAN = 10  # a title or a note may sit above the header row
JOIN = "activity"
# Headers that say little alone: a sheet with only these is not a register ("Name", "Status", "Owner"...).
_GENERIC = {"name", "reference", "description", "status", "organization", "owner_department", "notes", "created",
            "updated", "tools", "next_review"}
_IDS = {"id", "uuid", "pk", "identifiant", "key", "cle"}
# The main sheet's id column an item sheet's rows name their activity by ("Activity ID", "ID traitement").
_LINK_IDS = _IDS | {"activity id", "processing id", "id traitement", "id du traitement", "identifiant du traitement",
                    "id activite", "record id", "ref id", "ref", "reference", "reference du traitement", "n°",
                    "numero"}

# Item sheets: the sheet-name words that say what a row is, and each item column's header synonyms.
CHILD_SHEETS: dict[str, tuple[str, ...]] = {
    "purposes": ("purpose", "finalite", "objectif"),
    "data_categories": ("personal data", "donnees", "data categor", "categories de donnees", "personaldata"),
    "data_subjects": ("data subject", "personnes", "datasubject", "individuals"),
    "recipients": ("recipient", "destinataire", "contractor", "sous-traitant", "sous traitant", "processor"),
    "transfers": ("transfer", "transfert"),
    "security_measures": ("security", "securite", "mesure", "control"),
}
CHILD_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "purposes": {
        "description": ("name", "nom", "purpose", "finalite", "intitule", "description"),
        "legal_basis": ("legal basis", "base legale", "lawful basis", "base juridique"),
        "legal_basis_details": ("legal basis details", "precisions", "details", "description"),
    },
    "data_categories": {
        "category": ("category", "categorie", "type", "data category", "data categories", "categorie de donnees",
                     "categories de donnees", "categorie de donnee", "personal data category", "donnees"),
        "details": ("name", "nom", "description", "details", "precisions"),
        "sensitive": ("is sensitive", "sensitive", "sensible", "donnee sensible"),
        "retention": ("retention", "duree de conservation", "conservation", "retention period"),
    },
    "data_subjects": {
        "category": ("category", "categorie", "type"),
        "details": ("name", "nom", "description", "details", "precisions"),
    },
    "recipients": {
        "name": ("name", "nom", "recipient", "destinataire"),
        "type": ("category", "categorie", "type", "relationship type", "type de destinataire"),
        "country": ("country", "pays"),
        "details": ("description", "details", "precisions"),
    },
    "transfers": {
        "recipient": ("name", "nom", "recipient", "destinataire", "entity"),
        "country": ("country", "pays"),
        "safeguard": ("transfer mechanism", "guarantees", "garanties", "safeguard", "legal basis",
                      "type de garanties", "garantie", "guarantee", "safeguards", "mechanism", "mecanisme"),
        "documentation": ("documentation link", "documentation", "liens vers la documentation", "link"),
    },
    "security_measures": {
        "type": ("type", "category", "categorie", "name", "nom"),
        "details": ("description", "details", "precisions"),
    },
}
_JOIN_HEADERS = {"processing", "processing id", "processing ref", "processing ref id", "traitement",
                 "ref traitement", "activite", "activity", "activity id", "record", "processing name"}


@dataclass
class TableSheet:
    """One sheet read as a table: where its header is and what each column maps to."""

    sheet: Sheet
    header_row: int
    columns: dict[int, str]  # column number -> key
    headers: dict[int, str]  # column number -> header text
    kind: str = "activities"  # or an item list ("purposes"...)
    skipped: set[int] = field(default_factory=set)  # mapped to "" on purpose

    def unmapped(self) -> list[int]:
        return [i for i in self.headers if i not in self.columns and i not in self.skipped]

    def rows(self) -> list[tuple[int, list[Any]]]:
        out = []
        for r, row in enumerate(self.sheet.rows[self.header_row + 1:], self.header_row + 2):
            if any(flat.cell_text(blank(v)).strip() for v in row):
                out.append((r, row))
        return out


@dataclass
class TableRead:
    """What reading the plain tables found, for warnings and ``--print-map``."""

    tables: list[TableSheet] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    guessed: Mapping = field(default_factory=dict)
    read: list[str] = field(default_factory=list)  # sheets read another way (``label_sheets``)


def _activity_index() -> dict[str, str]:
    index = dict(SYNONYMS)
    index.update(flat.header_index(flat.ACTIVITY_COLUMNS))
    return index


def _guess(text: str, index: dict[str, str]) -> str | None:
    return index.get(lf.fold(text)) or index.get(fold_header(text))


def _sheet_mapping(mapping: Mapping | None, name: str) -> dict[str, str] | None:
    if mapping is None:
        return None
    if name in mapping:
        return mapping[name]
    folded = {lf.fold(k): v for k, v in mapping.items()}
    return folded.get(lf.fold(name), mapping.get("*"))


def _child_kind(name: str) -> str | None:
    folded = fold_header(name)
    return next((k for k, words in CHILD_SHEETS.items() if any(w in folded for w in words)), None)


def _child_index(kind: str) -> dict[str, str]:
    index: dict[str, str] = {h: JOIN for h in _JOIN_HEADERS | _LINK_IDS}
    for attr, texts in CHILD_COLUMNS[kind].items():
        for text in texts:
            index.setdefault(fold_header(text), f"{kind}.{attr}")
    return index


def _map_row(
    row: list[Any], index: dict[str, str], given: dict[str, str] | None
) -> tuple[dict[int, str], dict[int, str], set[int]]:
    columns: dict[int, str] = {}
    headers: dict[int, str] = {}
    skipped: set[int] = set()
    for i, raw in enumerate(row):
        text = flat.cell_text(raw).strip()
        if not text:
            continue
        headers[i] = text
        if given is not None and text in given:
            if given[text]:
                columns[i] = given[text]
            else:
                skipped.add(i)
            continue
        key = _guess(text, index)
        if key is not None and key not in columns.values():
            columns[i] = key
    return columns, headers, skipped


def read_table(sheet: Sheet, mapping: Mapping | None, kind: str = "activities") -> TableSheet | None:
    """The sheet's header row (the best of its first rows) and its columns' keys."""
    given = _sheet_mapping(mapping, sheet.name)
    index = _activity_index() if kind == "activities" else _child_index(kind)
    best: TableSheet | None = None
    for r, row in enumerate(sheet.rows[:HEADER_SCAN]):
        columns, headers, skipped = _map_row(row, index, given)
        if len(headers) < 2 and not (given and columns):
            continue
        if best is None or len(columns) > len(best.columns):
            best = TableSheet(sheet, r, columns, headers, kind, skipped)
    if best is not None and kind != "activities":
        _prefer_named_link(best)
    return best


def _prefer_named_link(table: TableSheet) -> None:
    """An item sheet with both its own "id" and a "processing" column links by the latter."""
    join = next((i for i, k in table.columns.items() if k == JOIN), None)
    named = next((i for i, h in table.headers.items() if fold_header(h) in _JOIN_HEADERS), None)
    if join is not None and named is not None and named != join and named not in table.columns:
        del table.columns[join]
        table.columns[named] = JOIN


def is_register(table: TableSheet) -> bool:
    """Activities with something Art. 30 asks for, not just "Name" and "Status" (an asset list has those)."""
    keys = set(table.columns.values())
    specific = {k for k in keys if k not in _GENERIC}
    named = "name" in keys and any(
        fold_header(table.headers[i]) not in ("name", "nom") for i, k in table.columns.items() if k == "name"
    )
    return ("name" in keys and bool(specific or named)) or "purposes" in keys


def guessed_mapping(tables: list[TableSheet]) -> Mapping:
    out: Mapping = {}
    for t in tables:
        out[t.sheet.name] = {h: t.columns.get(i, "") for i, h in t.headers.items()}
    return out


def _above_header(table: TableSheet, problems: lf.Problems) -> None:
    """What sits above a table's header row (a title, the ICO template's contact block): named, not lost."""
    cells = [(f"{table.sheet.name}!{get_column_letter(i + 1)}{r + 1}", text)
             for r, row in enumerate(table.sheet.rows[:table.header_row])
             for i, value in enumerate(row) if (text := flat.cell_text(value).strip())]
    if cells:
        problems.add("above_header_not_imported", where=", ".join(c for c, _ in cells)[:300],
                     value=" | ".join(t for _, t in cells)[:200])


def read_plain(book: Book, mapping: Mapping | None, problems: lf.Problems, carried: set[str]) -> tuple[
        Register, TableRead] | None:
    """The register the tables describe, or None when no sheet looks like one (and no mapping says so)."""
    found = TableRead()
    rules = (_settle, _split_lists, flat_paths)
    if mapping is None and (labelled := label_sheets.read(book, _activity_index(), problems, carried, rules)):
        found.read = labelled[1]  # one sheet per processing, labels in column A: not a table with a header row
        return labelled[0], found
    visible = [s for s in book.sheets if not s.hidden] or book.sheets
    candidates = [t for s in visible if (t := read_table(s, mapping)) is not None]
    given = [t for t in candidates if _sheet_mapping(mapping, t.sheet.name)]
    registers = given or [t for t in candidates if is_register(t)]
    # An item sheet ("Finalités", "Purposes") is not the main one when a sheet of activities is there too.
    main = max(registers, key=lambda t: (_child_kind(t.sheet.name) is None, len(t.columns), len(t.rows())),
               default=None)
    if main is None:
        return None
    # Several sheets of activities with the main one's columns (one per department, one per company of a group)
    # are all read: a register split over sheets loses none of them. Their names stay in each row's provenance.
    # A sheet that merely has a name and another column we know (an application list) stays named as ignored.
    mains = [main] + [t for t in registers if t is not main and _child_kind(t.sheet.name) is None and _alike(t, main)]
    register = Register()
    orgs: dict[str, Organization] = {}
    by_key: dict[str, Any] = {}
    org_fallback = Organization()
    for table in mains:
        found.tables.append(table)
        _above_header(table, problems)
        _read_activities(table, orgs, org_fallback, by_key, problems)
    register.organizations = ([org_fallback] if org_fallback.activities or not orgs else []) + list(orgs.values())
    for table in mains:
        carried.update(flat_paths(table.columns.values()))
    read_sheets = {t.sheet.name for t in mains}
    for sheet in visible:
        if sheet.name in read_sheets:
            continue
        kind = _child_kind(sheet.name)
        child = read_table(sheet, mapping, kind) if kind else None
        if child is None or JOIN not in child.columns.values() or len(child.columns) < 2:
            if any(any(flat.cell_text(v).strip() for v in row) for row in sheet.rows):
                found.ignored.append(sheet.name)
            if kind and child is not None:
                found.tables.append(child)  # its mapping is offered, so it can be joined by hand
            continue
        found.tables.append(child)
        _read_items(child, by_key, register, problems)
        carried.add(child.kind)
        if child.kind == "data_categories":
            carried.add("retention")
    found.guessed = guessed_mapping(found.tables)
    return register, found


def _alike(table: TableSheet, main: TableSheet) -> bool:
    """``table`` has most of the main sheet's columns: the same register's layout, not another list."""
    keys, ours = set(table.columns.values()), set(main.columns.values())
    return len(keys & ours) >= max(3, (2 * len(ours) + 2) // 3)


def _read_activities(table: TableSheet, orgs: dict[str, Organization], org_fallback: Organization,
                     by_key: dict[str, Any], problems: lf.Problems) -> None:
    """One sheet of activities, a row each, into its organisation (named in a column, else the fallback)."""
    letters = {key: f"{table.sheet.name}!{get_column_letter(i + 1)}" for i, key in table.columns.items()}
    links = list(table.columns) + [i for i, h in table.headers.items() if fold_header(h) in _LINK_IDS]
    for r, row in table.rows():
        values = {key: _value(row, i, key) for i, key in table.columns.items()}
        if not any(flat.cell_text(v).strip() for k, v in values.items() if k != "organization"):
            continue
        org_name = flat.cell_text(values.get("organization")).strip()
        org = orgs.get(lf.fold(org_name)) if org_name else org_fallback
        if org is None:
            org = orgs[lf.fold(org_name)] = Organization(name=org_name)
        where = f"{table.sheet.name}!{r}"
        values = _split_lists(values)
        retention = values.pop("retention", None)
        own = lf.Problems()
        activity = flat.activity_from_row(values, flat.RowContext(org, own), where, letters, r)
        apply_ticks(activity, values)
        _settle(activity, own, retention, where)
        problems.items += own.items
        org.activities.append(activity)
        for i in links:
            text = flat.cell_text(_cell(row, i)).strip()
            if text:
                by_key.setdefault(lf.fold(text), activity)


def _settle(activity: Any, problems: lf.Problems, retention: Any, where: str) -> None:
    """What a hand-made row means: the first purpose is the main one, "Santé" the health category.

    "5 ans" is a duration; the warnings of what was understood are withdrawn.
    """
    if activity.purposes and not any(p.main for p in activity.purposes):
        activity.purposes[0].main = True
    settled: set[str] = set()
    for items, attr, vocab in ((activity.data_categories, "category", DATA_CATEGORIES),
                               (activity.data_subjects, "category", DATA_SUBJECTS),
                               (activity.security_measures, "type", SECURITY_MEASURES)):
        for item in items:
            typed = getattr(item, attr)
            if typed and typed not in vocab:
                code = _code(typed, vocab, lf.Problems(), where)
                if code in vocab:
                    setattr(item, attr, code)
                    item.details = item.details or typed
                    settled.add(typed)
    for item in activity.data_categories:
        term = DATA_CATEGORIES.get(item.category)
        item.sensitive = item.sensitive or bool(term and term.sensitive)
    problems.items[:] = [p for p in problems.items if not (p[0] == "unknown_value" and p[1].get("value") in settled)]
    text = flat.cell_text(retention).strip()
    if text:
        activity.retention = rules_from_text(text, "", problems, where)


def _cell(row: list[Any], i: int) -> Any:
    return blank(row[i]) if i < len(row) else ""


def _value(row: list[Any], i: int, key: str) -> Any:
    """A cell of the activity table: "x" in a yes/no column is a tick, not "nothing"."""
    col = flat.ACTIVITY_BY_KEY.get(key)
    ticked = key.startswith("tick:") or (col is not None and col.kind is Kind.BOOL)
    if ticked and i < len(row) and lf.fold(flat.cell_text(row[i])) == "x":
        return row[i]
    return _cell(row, i)


def _split_lists(values: dict[str, Any]) -> dict[str, Any]:
    """A hand-typed list cell: one item per line or per ";" (our " | " line format aside); "N/A" lines dropped."""
    out = dict(values)
    for key, value in values.items():
        col = flat.ACTIVITY_BY_KEY.get(key)
        if col is None or col.kind is not Kind.LIST or not isinstance(value, str):
            continue
        lines = value.replace("\r\n", "\n").split("\n")
        if " | " not in value:
            lines = [part for line in lines for part in line.split(";")]
        vocab = _COMMA_LISTS.get(key)
        if vocab is not None:  # "Clients, Prospects": split only when every part is a known label
            lines = [part for line in lines for part in _commas(line, vocab)]
        out[key] = "\n".join(line.strip() for line in lines if line.strip() and not means_none(line))
    return out


_COMMA_LISTS = {"data_subjects": DATA_SUBJECTS, "data_categories": DATA_CATEGORIES,
                "security_measures": SECURITY_MEASURES}


def _commas(line: str, vocab: Any) -> list[str]:
    parts = [p.strip() for p in line.split(",")]
    index = lf.vocab_index(vocab)
    if len(parts) > 1 and " | " not in line and all(lf.fold(p) in index for p in parts if p):
        return parts
    return [line]


def apply_ticks(activity: Any, values: dict[str, Any]) -> None:
    """Yes/no columns (one per choice, as Madis exports them): a ticked box adds its item, its comment beside."""
    notes = {key.removeprefix("note"): flat.cell_text(v).strip() for key, v in values.items()
             if key.startswith("note:")}
    for key, raw in values.items():
        if not key.startswith("tick:") or not lf.bool_from_text(flat.cell_text(raw).strip(), lf.Problems(), ""):
            continue
        _, field_path, code, label = key.split(":", 3)
        note = notes.get(key.removeprefix("tick"), "")
        details = ": ".join(p for p in (label, note) if p)
        if field_path == "data_subjects":
            activity.data_subjects.append(DataSubject(code, details))
        elif field_path == "security_measures":
            activity.security_measures.append(SecurityMeasure(code, details))
        elif code not in activity.dpia.criteria:
            activity.dpia.criteria.append(code)


def flat_paths(keys: Any) -> set[str]:
    """Column keys -> the field paths compute_changes compares (``legal_basis`` lives in ``purposes``)."""
    keys = [key.split(":")[1] if key.startswith(("tick:", "note:")) else key for key in keys]
    paths = {"purposes" if key == "legal_basis" else key for key in keys if not key.startswith("_")}
    if "organization" in paths:
        paths.discard("organization")
        paths.add("organization.name")
    return paths


def _read_items(table: TableSheet, by_key: dict[str, Any], register: Register, problems: lf.Problems) -> None:
    org_of = {id(a): o for o in register.organizations for a in o.activities}
    join = next(i for i, k in table.columns.items() if k == JOIN)
    for r, row in table.rows():
        target = flat.cell_text(_cell(row, join)).strip()
        activity = by_key.get(lf.fold(target))
        where = f"{table.sheet.name}!{r}"
        if activity is None:
            problems.add("unlinked_row", sheet=table.sheet.name, row=str(r), value=target)
            continue
        v = {k.partition(".")[2]: flat.cell_text(_cell(row, i)).strip() for i, k in table.columns.items()
             if k != JOIN}
        _add_item(table.kind, v, activity, org_of[id(activity)], problems, where)


def _code(text: str, vocab: Any, problems: lf.Problems, where: str) -> str:
    """A vocabulary code; a short word ("Santé", "Health") names the one term whose label contains it."""
    scratch = lf.Problems()
    found = lf.code_from_text(text, vocab, scratch, where)
    if not scratch.items:
        return found
    word = lf.fold(text)
    if len(word) > 3:
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        codes = {code for label, code in lf.vocab_index(vocab).items() if pattern.search(label)}
        if len(codes) == 1:
            return codes.pop()
    problems.items += scratch.items
    return found


def _add_item(kind: str, v: dict[str, str], activity: Any, org: Organization, problems: lf.Problems,
              where: str) -> None:
    code = _code
    if kind == "purposes" and (v.get("description") or v.get("legal_basis")):
        details = v.get("legal_basis_details", "")
        activity.purposes.append(Purpose(
            v.get("description", ""), not activity.purposes, code(v.get("legal_basis", ""), LEGAL_BASES,
                                                                  problems, where),
            "" if details == v.get("description") else details))
    elif kind == "data_categories" and (v.get("category") or v.get("details")):
        category = code(v.get("category") or v.get("details", ""), DATA_CATEGORIES, problems, where)
        details = v.get("details", "") if v.get("category") else ""
        sensitive = lf.bool_from_text(v.get("sensitive", ""), problems, where)
        item = DataCategory(category, details, bool(sensitive))
        term = DATA_CATEGORIES.get(category)
        item.sensitive = item.sensitive or bool(term and term.sensitive)
        activity.data_categories.append(item)
        if v.get("retention"):
            activity.retention.append(RetentionRule(criterion=v["retention"], categories=[category]))
    elif kind == "data_subjects" and (v.get("category") or v.get("details")):
        category = code(v.get("category") or v.get("details", ""), DATA_SUBJECTS, problems, where)
        activity.data_subjects.append(DataSubject(category, v.get("details", "") if v.get("category") else ""))
    elif kind == "recipients" and (v.get("name") or v.get("type")):
        rtype = code(v.get("type", ""), RECIPIENT_TYPES, problems, where)
        name = v.get("name") or v.get("type", "")
        rec = next((x for x in org.recipients if lf.fold(x.name) == lf.fold(name)), None)
        if rec is None:
            rec = Recipient(name=name, type=rtype, country=lf.country_from_text(v.get("country", ""), problems,
                                                                                 where))
            org.recipients.append(rec)
        activity.recipients.append(ActivityRecipient(rec.id, v.get("details", "")))
    elif kind == "transfers" and (v.get("recipient") or v.get("country")):
        activity.transfers.append(Transfer(
            v.get("recipient", ""), lf.country_from_text(v.get("country", ""), problems, where),
            code(v.get("safeguard", ""), SAFEGUARDS, problems, where), v.get("documentation", "")))
    elif kind == "security_measures" and (v.get("type") or v.get("details")):
        activity.security_measures.append(SecurityMeasure(
            code(v.get("type", ""), SECURITY_MEASURES, problems, where), v.get("details", "")))


def normalise_mapping(mapping: dict[str, Any] | None) -> Mapping | None:
    """``{sheet: {header: key}}`` (DESIGN §9), or the older ``{header: key}`` for every sheet (``"*"``)."""
    if mapping is None:
        return None
    if all(isinstance(v, str) for v in mapping.values()):
        return {"*": dict(mapping)}
    out: Mapping = {}
    keys = {c.key for c in flat.ACTIVITY_COLUMNS} | {JOIN} | {
        f"{kind}.{attr}" for kind, cols in CHILD_COLUMNS.items() for attr in cols
    } | {"legal_basis", ""} | TICK_KEYS
    for sheet, columns in mapping.items():
        if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
            raise SpreadsheetError("bad_map", {"name": str(sheet), "detail": "expected {\"column\": \"field\"}"})
        unknown = sorted(v for v in columns.values() if v not in keys)
        if unknown:
            raise SpreadsheetError("bad_map", {"name": str(sheet), "detail": f"unknown field {unknown[0]!r}"})
        out[str(sheet)] = {str(k): v for k, v in columns.items()}
    return out


def mapping_keys() -> list[str]:
    """Every key a mapping may give a column (activity columns, item columns of linked sheets, the link)."""
    return [c.key for c in flat.ACTIVITY_COLUMNS if not c.key.startswith("_")] + ["legal_basis", JOIN] + [
        f"{kind}.{attr}" for kind, cols in CHILD_COLUMNS.items() for attr in cols
    ]


_ITEM_SCOPES = {"purposes": "purpose", "data_categories": "data_category", "data_subjects": "data_subject",
                "recipients": "recipient", "transfers": "transfer", "security_measures": "security_measure"}


def mapping_choices(lang: str) -> list[tuple[str, str]]:
    """(key, label) of everything a column can be mapped to, for the mapping dialog."""
    from ...domain.fields import field_spec

    out = [(c.key, c.header(lang)) for c in flat.ACTIVITY_COLUMNS if not c.key.startswith("_")]
    out.append(("legal_basis", field_spec("purpose", "legal_basis").label(lang)))
    out.append((JOIN, "Traitement (lien entre feuilles)" if lang == "fr" else "Processing activity (sheet link)"))
    for kind, columns in CHILD_COLUMNS.items():
        parent = field_spec("activity", kind).label(lang)
        for attr in columns:
            try:
                label = field_spec(_ITEM_SCOPES[kind], attr).label(lang)
            except KeyError:
                label = field_spec("activity", "retention").label(lang) if attr == "retention" else attr
            out.append((f"{kind}.{attr}", f"{parent} – {label}"))
    return out
