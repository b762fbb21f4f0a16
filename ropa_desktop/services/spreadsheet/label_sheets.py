"""A workbook with one sheet per processing, labels in column A and answers in column B: one activity a sheet.

Not the CNIL fiche's exact layout (``cnil_import`` reads that), but what people type after it: "Finalité
principale | Établir les bulletins de paie". A sheet whose column A is mostly known field labels (FR/EN
synonyms) is read as one activity; an identity sheet ("Organisme : Boulangerie Martin SARL") gives the
organisation. A label no field is found for is named in the review with its answer, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.model import Organization, Register
from .. import lineformat as lf
from ..blank_answers import blank
from . import flat
from .grid import Book, Sheet
from .synonyms import fold_header

# What ``tables`` does to a row (settle what it means, split its list cells, the field paths of its keys).
TableRules = tuple[Callable[..., None], Callable[[dict[str, Any]], dict[str, Any]], Callable[..., set[str]]]
MIN_LABELS = 5  # a sheet with fewer known labels in column A is not read this way
# The organisation's identity, typed on its own sheet (column A label -> attribute path of the organisation).
_IDENTITY: dict[str, str] = {
    **{w: "name" for w in ("organisme", "organisation", "organization", "nom de l'organisme", "raison sociale",
                           "societe", "entreprise", "company", "name of the organisation", "collectivite")},
    **{w: "address" for w in ("adresse", "address", "adresse postale", "siege", "siege social")},
    **{w: "phone" for w in ("telephone", "tel", "phone", "telephone number")},
    **{w: "email" for w in ("email", "e-mail", "courriel", "mail", "adresse email", "adresse e-mail")},
    **{w: "head.name" for w in ("representant legal", "legal representative", "responsable legal", "dirigeant",
                                "gerant")},
    **{w: "dpo.name" for w in ("dpo", "delegue a la protection des donnees", "data protection officer",
                               "delegue")},
    **{w: "registration_number" for w in ("siren", "siret", "rcs", "registration number")},
}


def _rows(sheet: Sheet) -> list[tuple[int, str, Any, list[Any]]]:
    """(0-based row, column A's label, column B's answer, the cells after B) of each labelled row."""
    out = []
    for r, row in enumerate(sheet.rows):
        label = flat.cell_text(row[0]).strip() if row else ""
        if label:
            out.append((r, label, row[1] if len(row) > 1 else None, list(row[2:])))
    return out


def _activity_keys(sheet: Sheet, index: dict[str, str]) -> dict[int, str]:
    """Row -> the activity column key its label names."""
    found: dict[int, str] = {}
    for r, label, _, _ in _rows(sheet):
        key = index.get(lf.fold(label)) or index.get(fold_header(label))
        if key is not None and key not in found.values():
            found[r] = key
    return found


def _is_identity(sheet: Sheet) -> bool:
    return sum(1 for _, label, _, _ in _rows(sheet) if fold_header(label) in _IDENTITY) >= 2


def find(book: Book, index: dict[str, str]) -> tuple[list[Sheet], list[Sheet]] | None:
    """The label/answer sheets (activities) and identity sheets of ``book``; None when it has no activity one."""
    activities, identities = [], []
    for sheet in (s for s in book.sheets if not s.hidden):
        labelled = len(_rows(sheet))
        keys = _activity_keys(sheet, index)
        if len(keys) >= MIN_LABELS and len(keys) * 2 >= labelled and _one_answer_column(sheet):
            activities.append(sheet)
        elif _is_identity(sheet):
            identities.append(sheet)
    return (activities, identities) if activities else None


def _one_answer_column(sheet: Sheet) -> bool:
    """Answers in column B, not a table across (a header row of labels would fill C, D, E... on one row)."""
    wide = sum(1 for row in sheet.rows if sum(1 for v in row[2:] if flat.cell_text(v).strip()) >= 3)
    return wide <= 1


def read(book: Book, index: dict[str, str], problems: lf.Problems, carried: set[str], table: TableRules) -> tuple[
        Register, list[str]] | None:
    """The register of the label/answer sheets, read as a plain table's rows are; the names of the sheets read."""
    settle, split, flat_paths = table
    found = find(book, index)
    if found is None:
        return None
    activities, identities = found
    org = Organization()
    unread: list[tuple[str, str]] = []
    for sheet in identities:
        for r, label, answer, rest in _rows(sheet):
            path = _IDENTITY.get(fold_header(label))
            text = flat.cell_text(blank(answer)).strip()
            if path is not None and text:
                head, _, tail = path.partition(".")
                if tail:
                    setattr(getattr(org, head), tail, text)
                else:
                    setattr(org, head, text)
            elif text:
                unread.append((f"{sheet.name}!A{r + 1}, {sheet.name}!B{r + 1}", f"{label} | {text}"))
            unread += _after_b(sheet.name, r, label, rest)
    for sheet in activities:
        keys = _activity_keys(sheet, index)
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for r, label, answer, rest in _rows(sheet):
            key = keys.get(r)
            text = flat.cell_text(blank(answer)).strip()
            if key is not None:
                values[key] = blank(answer) if answer is not None else ""
                cells[key] = f"{sheet.name}!B{r + 1}"
            elif text and r > 0:
                unread.append((f"{sheet.name}!A{r + 1}, {sheet.name}!B{r + 1}", f"{label} | {text}"))
            elif text:  # the title row ("Fiche de traitement | Paie"): the name, when no row gives one
                values.setdefault("name", text)
            unread += _after_b(sheet.name, r, label, rest)
        org_name = flat.cell_text(values.pop("organization", "")).strip()
        if org_name and not org.name:
            org.name = org_name
        values = split(values)
        retention = values.pop("retention", None)
        own = lf.Problems()
        activity = flat.activity_from_row(values, flat.RowContext(org, own), sheet.name, cells, "")
        settle(activity, own, retention, sheet.name)
        problems.items += own.items
        if activity.name or activity.purposes:
            org.activities.append(activity)
        carried.update(flat_paths([*values, *(["organization"] if org_name else [])]))
    for where, value in unread:
        problems.add("label_row_not_imported", where=where, value=value[:200])
    carried.add("retention")
    return Register([org]), [s.name for s in activities + identities]


def _after_b(sheet: str, r: int, label: str, rest: list[Any]) -> list[tuple[str, str]]:
    """Comments typed after the answer (column C on): named, not read."""
    from openpyxl.utils import get_column_letter

    return [(f"{sheet}!{get_column_letter(i + 3)}{r + 1}", f"{label} | {text}")
            for i, v in enumerate(rest) if (text := flat.cell_text(v).strip())]
