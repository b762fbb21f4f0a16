"""The processor's register in the CNIL layout: an added sheet in the fiches' style (the template has none)."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from ...domain.fields import COLLECTIONS, FieldSpec, Kind, fields_of
from ...domain.messages import message_table
from ...domain.model import Contact, Organization
from .. import lineformat as lf
from .cells import CellFactory, page_setup, row_height
from .cnil_export import FICHE_WIDTHS, WIDTHS
from .fingerprint import fingerprint
from .flat import cell_text, scalar_cell
from .grid import Sheet
from .processor_sheets import records

_TEXTS = message_table("cnil_processor", {
    "title": ("Registre des catégories d'activités de traitement effectuées pour le compte de responsables de "
              "traitement (art. 30.2 du RGPD)",
              "Record of categories of processing activities carried out on behalf of controllers "
              "(Art. 30(2) GDPR)"),
    "added": ("Section ajoutée par ROPA Desktop : le modèle de la CNIL n'a pas de registre du sous-traitant. "
              "Pour la modifier, utilisez les feuilles « Clients (sous-traitant) » et « Traitements pour "
              "clients ».",
              "Section added by ROPA Desktop: the CNIL template has no processor's record. To change it, use "
              "the sheets 'Clients (processor)' and 'Processing for clients'."),
    "processor": ("Le sous-traitant", "The processor"),
    "client": ("Client (responsable de traitement)", "Client (controller)"),
    "processing": ("Catégorie de traitement effectuée pour le compte de clients",
                   "Category of processing carried out on behalf of clients"),
})


def _t(key: str, lang: str) -> str:
    fr, en = _TEXTS[key]
    return fr if lang == "fr" else en


def _contact(contact: Contact, lang: str) -> str:
    lines = [f"{s.label(lang)} : {value}" if lang == "fr" else f"{s.label(lang)}: {value}"
             for s in fields_of("contact") if (value := scalar_cell(s, getattr(contact, s.key), lang))]
    return "\n".join(str(line) for line in lines)


def _value(spec: FieldSpec, value: Any, org: Organization, lang: str) -> Any:
    if spec.kind is Kind.CONTACT:
        return _contact(value, lang)
    if spec.is_list and spec.item:
        names = {c.id: c.name for c in org.clients}
        return lf.format_items(spec.item, value, lang, lambda ident: names.get(ident, ident))
    return scalar_cell(spec, value, lang)


class _Rows:
    def __init__(self, ws: Any, cells: CellFactory) -> None:
        self.ws, self.cells = ws, cells
        self.row = 0
        self.values: list[list[Any]] = []  # as written: the sheet's fingerprint (an edited copy is compared)

    def add(self, *values: Any, style: str = "", where: str = "") -> None:
        """A label in A and its value across B:I, or one text across A:I (titles, notes, section headers)."""
        whole = sum(FICHE_WIDTHS)
        widths = [whole] if len(values) == 1 else [FICHE_WIDTHS[0], whole - FICHE_WIDTHS[0]]
        height = row_height([v if isinstance(v, str) else None for v in values], widths)
        self.row += 1
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.values.append([None] * len(values) if values[0] is None else list(values))
        styles = [style or ("label" if i == 0 and len(values) > 1 else "") for i in range(len(values))]
        self.ws.append([self.cells.cell(self.ws, v, where, s) for v, s in zip(values, styles, strict=True)])
        if values[0] is not None:  # write-only sheets take merges this way
            self.ws.merged_cells.add(f"A{self.row}:I{self.row}" if len(values) == 1 else f"B{self.row}:I{self.row}")

    def fields(self, scope: str, item: Any, org: Organization, lang: str, where: str) -> None:
        for spec in fields_of(scope):
            self.add(spec.label(lang), _value(spec, getattr(item, spec.key), org, lang), where=where)


def write_processor_sheet(wb: Any, org: Organization, lang: str, cells: CellFactory, title: str) -> str:
    """Title, the processor and its general security description, each client, each processing: every field.

    Returns the sheet's fingerprint: a re-import compares an edited copy only.
    """
    ws = wb.create_sheet(title)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    page_setup(ws, landscape=True)
    rows = _Rows(ws, cells)
    rows.add(_t("title", lang), style="title")
    ws.row_dimensions[1].height = 24  # the title's larger font
    rows.add(_t("added", lang))
    rows.add(None)
    rows.add(_t("processor", lang), style="header")
    rows.fields("organization", org, org, lang, org.name)
    security = next(f for f in COLLECTIONS if f.key == "security_measures")
    rows.add(security.label(lang), _value(security, org.security_measures, org, lang), where=org.name)
    for scope, key in (("client", "client"), ("processor_activity", "processing")):
        for item in records(org, scope):
            rows.add(None)
            rows.add(f"{_t(key, lang)} : {item.name}" if lang == "fr" else f"{_t(key, lang)}: {item.name}",
                     style="header")
            rows.fields(scope, item, org, lang, getattr(item, "reference", "") or item.name)
    return fingerprint(rows.values)


def _texts(rows: list[list[Any]]) -> dict[tuple[str, int, int], tuple[int, str]]:
    """Cells by (row label, rank among rows so labelled, column) -> (0-based row, folded text)."""
    out: dict[tuple[str, int, int], tuple[int, str]] = {}
    seen: dict[str, int] = {}
    for r, row in enumerate(rows):
        label = lf.fold(cell_text(row[0]).strip()) if row else ""
        seen[label] = seen.get(label, 0) + 1
        for i, value in enumerate(row):
            out[(label, seen[label], i)] = (r, lf.fold(cell_text(value).strip()))
    return out


def edited_cells(sheet: Sheet, org: Organization, lang: str) -> list[tuple[str, str]]:
    """The cells of this printable copy that differ from the copy the register read would give: (cell, text).

    Rows are paired by their label (and its rank among rows so labelled), so an inserted row shifts nothing.
    """
    from openpyxl import Workbook

    wb = Workbook()
    write_processor_sheet(wb, org, lang, CellFactory(wb, []), "copy")
    mine = _texts([list(r) for r in wb["copy"].iter_rows(values_only=True)])
    theirs = _texts(sheet.rows)
    out = []
    for key, (r, typed) in sorted(theirs.items(), key=lambda kv: (kv[1][0], kv[0][2])):
        if typed and typed != mine.get(key, (0, ""))[1]:
            out.append((f"{sheet.name}!{get_column_letter(key[2] + 1)}{r + 1}",
                        cell_text(sheet.rows[r][key[2]]).strip()))
    return out
