"""The CNIL-layout part of the export: the list of processing activities and one fiche per activity."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from openpyxl.worksheet.cell_range import CellRange

from ...domain import countries
from ...domain.fields import field_spec, fields_of
from ...domain.model import Activity, Contact, Organization, Purpose, RetentionRule
from ...domain.vocabularies import (
    DATA_CATEGORIES,
    DATA_SUBJECTS,
    LEGAL_BASES,
    RECIPIENT_TYPES,
    SAFEGUARDS,
    SECURITY_MEASURES,
    SPECIAL_CONDITIONS,
    Term,
    Vocabulary,
)
from .. import lineformat as lf
from . import cnil as c
from .cells import CellFactory, page_setup, row_height
from .dropdowns import Lists
from .fastrows import FastRows
from .fingerprint import fingerprint
from .flat import scalar_cell

WIDTHS = {"A": 36, "B": 30, "C": 18, "D": 14, "E": 26, "F": 14, "G": 18, "H": 20, "I": 22}
FICHE_WIDTHS = [float(w) for w in WIDTHS.values()]
LIST_WIDTHS = [*FICHE_WIDTHS[:4], 48.0, *FICHE_WIDTHS[5:]]
# A fiche prints on A4 portrait at about 70 %: narrower columns than the list's, its text wrapped in the
# template's merged cells (B:H, B:D and E:H).
FICHE_COLUMNS = {"A": 34, "B": 22, "C": 16, "D": 11, "E": 16, "F": 11, "G": 12, "H": 20, "I": 14}
_FICHE_WIDTHS = [float(w) for w in FICHE_COLUMNS.values()]
LIST_COLUMNS_EN = ["name", "reference", "created", "updated", "main purpose", "", "", "sensitive"]


def _sheet(wb: Any, title: str, *, landscape: bool, widths: dict[str, int] = WIDTHS) -> Any:
    ws = wb.create_sheet(title)
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    page_setup(ws, landscape=landscape)
    return ws


def _contact_rows(
    cells: CellFactory, ws: Any, block: str, contact: Contact, lang: str, dpo: bool
) -> list[Any]:
    """Two rows of the template's contact block: B..I hold label, value, label, value..."""
    t = c.text
    first = [
        cells.cell(ws, t(block, lang), style="label"),
        cells.cell(ws, t("Nom :", lang)),
        cells.cell(ws, contact.name),
        cells.cell(ws, t("Prénom :", lang)),
        None,
        cells.cell(ws, t("Adresse :", lang)),
        cells.cell(ws, contact.address),
        cells.cell(ws, t("Adresse mél :", lang)),
        cells.cell(ws, contact.email),
    ]
    if dpo:
        first[5:9] = [
            cells.cell(ws, t("Société (si DPO externe) :", lang)),
            cells.cell(ws, contact.company),
            cells.cell(ws, t("Adresse :", lang)),
            cells.cell(ws, contact.address),
        ]
    second = [
        None,
        cells.cell(ws, t("Code postal :", lang)),
        cells.cell(ws, contact.postal_code),
        cells.cell(ws, t("Ville :", lang)),
        cells.cell(ws, contact.city),
        cells.cell(ws, t("Téléphone :", lang)),
        cells.cell(ws, contact.phone),
    ]
    if dpo:
        second += [cells.cell(ws, t("Adresse mél :", lang)), cells.cell(ws, contact.email)]
    return [first, second]


def write_list_sheet(
    wb: Any, org: Organization, lang: str, cells: CellFactory, title: str
) -> tuple[Any, FastRows, Callable[[], str]]:
    """CNIL sheet 2, row for row: contacts in rows 1-6, headers in rows 7-8, one activity per row from 9.

    The activities' rows are added to the second by the third, when the caller chooses (the export, while a
    forked child builds the Register's rows), which returns the sheet's fingerprint: a re-import skips a list
    nobody edited, as it skips such fiches.
    """
    ws = _sheet(wb, title, landscape=True)
    ws.column_dimensions["E"].width = LIST_WIDTHS[4]  # the main purpose (the template merges E:G)
    ws.print_title_rows = "7:8"
    t = c.text
    count = 0

    shown: list[list[Any]] = []

    def put(row: list[Any]) -> None:
        nonlocal count
        count += 1
        shown.append([cell.value if cell is not None else None for cell in row])
        height = row_height(shown[-1], LIST_WIDTHS)
        if height:
            ws.row_dimensions[count].height = height
        ws.append(row)

    for block, contact, dpo in (
        (c.HEAD_BLOCK_FULL, org.head, False),
        (c.REPRESENTATIVE_BLOCK_FULL, org.representative, False),
        (c.DPO_BLOCK, org.dpo, True),
    ):
        for row in _contact_rows(cells, ws, block, contact, lang, dpo):
            put(row)
    put(
        [cells.cell(ws, t(c.LIST_SECTION, lang), style="header"), None, None, None,
         cells.cell(ws, t("Finalité du traitement", lang), style="header"), None, None,
         cells.cell(ws, t("Données sensibles ?", lang), style="header")]
    )
    put(
        [
            cells.cell(ws, t(h, lang), style="header")
            for h in (
                "Nom du traitement",
                "N° / RÉF",
                "Date de création de la fiche",
                "Dernière mise à jour de la fiche",
            )
        ]
        + [None, None, None, cells.cell(ws, t("Oui/non", lang), style="header")]
    )
    rows = FastRows(wb, cells, 8, count + 1)

    def fill() -> str:
        for a in org.activities:
            main = a.main_purpose()
            values = [
                a.name,
                a.reference,
                a.created,
                a.updated.date() if a.updated else None,
                main.description if main else "",
                None,
                None,
                lf.bool_text(a.has_sensitive_data(), lang),
            ]
            rows.add(values, a.reference or a.name, LIST_COLUMNS_EN, LIST_WIDTHS)
            shown.append(values)
        return fingerprint(shown)

    return ws, rows, fill


def _label(term: Term, lang: str) -> str:
    return term.cnil if lang == "fr" and term.cnil else term.label(lang)


def _retention_text(rules: list[RetentionRule], lang: str) -> str:
    return "\n".join(lf.format_item("retention", r, lang) for r in rules)


# The template's merged cells, per kind of row (0-based first and last column): a value spans them in print.
SPANS: dict[str, tuple[tuple[int, int], ...]] = {
    "wide": ((1, 7),),  # identification, purposes, what the template lacks: B:H
    "split": ((1, 3), (4, 7)),  # description B:D, retention or details E:H
    "transfer": ((3, 4), (5, 7)),  # safeguard D:E, documentation F:H
}
PRINTED = "H"  # the fiche's last column (the template's links to the CNIL's guides come after it)


@cache
def _merged(first: int, last: int, row: int) -> CellRange:
    """One row's merged range, shared by every fiche (fiches differ little): built once, never changed."""
    return CellRange(min_col=first + 1, min_row=row, max_col=last + 1, max_row=row)


class _Fiche:
    """Appends the rows of one fiche, remembering where dropdowns go."""

    def __init__(self, ws: Any, cells: CellFactory, lang: str, where: str) -> None:
        self.ws, self.cells, self.lang, self.where = ws, cells, lang, where
        self.row = 0
        self.validations: dict[str, list[str]] = {}
        self.values: list[list[Any]] = []  # what the cells hold, for the fiche's fingerprint
        # The rows added next are merged as the template's: a key of SPANS, "auto" (by their number of values), "".
        self.spans = ""

    def add(self, *values: Any, style: str = "") -> int:
        styles = [style or ("label" if i == 0 else "") for i in range(len(values))]
        mode = {2: "wide", 5: "split", 6: "transfer"}.get(len(values), "") if self.spans == "auto" else self.spans
        bare = len(values) == 1 and (values[0] is None or style == "header")  # a gap, or a section's title
        spans = SPANS.get(mode, ()) if style != "title" and not bare else ()
        widths = list(_FICHE_WIDTHS)
        for first, last in spans:  # wrapped over the merged width, so the row is no taller than it needs
            widths[first] = sum(_FICHE_WIDTHS[first:last + 1])
        height = row_height([v if isinstance(v, str) else None for v in values], widths)
        if height:
            self.ws.row_dimensions[self.row + 1].height = height
        row = [self.cells.cell(self.ws, v, self.where, s) for v, s in zip(values, styles, strict=True)]
        self.ws.append(row)
        self.values.append([cell.value if cell is not None else None for cell in row])
        self.row += 1
        for first, last in spans:  # the sheet is write-only: the range is recorded, its cells are left empty
            # Straight into the set: ``add`` compares each new range with every other (a tenth of the export).
            self.ws.merged_cells.ranges.add(_merged(first, last, self.row))
        return self.row

    def header(self, *labels: str | None) -> None:
        self.add(*(c.text(label, self.lang) if label else None for label in labels), style="header")

    def dropdown(self, vocab: str, column: str, row: int) -> None:
        self.validations.setdefault(vocab, []).append(f"{column}{row}")

    def code(self, vocab: Vocabulary, code: str, *, cnil: bool = False) -> str:
        term = vocab.get(code) if cnil else None
        return _label(term, self.lang) if term is not None else vocab.label(code, self.lang)


# The template's rows (sheet 3): a fiche pasted into the official workbook, or back, lands in the same cells.
SUB_PURPOSES = 5
TEMPLATE_CATEGORIES = ("identity", "personal_life", "economic_financial", "connection", "location", "nir")
SLOTS = {"subjects": 2, "recipients": 4, "measures": 3, "transfers": 4}


def write_fiche(
    wb: Any, a: Activity, org: Organization, lang: str, cells: CellFactory, lists: Lists, title: str
) -> str:
    """CNIL sheet 3, one per activity, cell for cell; what the template has no room for goes below it.

    Returns the fiche's fingerprint (a re-import skips a fiche whose cells still have it).
    """
    ws = _sheet(wb, title, landscape=False, widths=FICHE_COLUMNS)
    f = _Fiche(ws, cells, lang, a.reference or a.name)
    t = c.text
    f.add(f"{t(c.FICHE_TITLE, lang)} : {a.name}", None, None, None, None, None, None, a.reference, style="title")
    f.add(None)
    f.add(t(c.DESCRIPTION_SECTION_TEMPLATE, lang), style="header")
    f.spans = "wide"
    f.add(t("Nom du traitement", lang), a.name)
    f.add(t("N° / RÉF", lang), a.reference)
    f.add(t("Date de création du traitement", lang), a.created)
    f.add(t("Mise à jour du traitement", lang), a.updated.date() if a.updated else None)
    f.spans = ""
    f.add(None)
    f.header(c.ACTORS, *c.ACTOR_COLUMNS)
    for label, key in c.ACTOR_ROWS.items():
        if key in ("head", "dpo", "representative"):
            who: Contact = getattr(org, key)
            if key == "head":  # the controller is the organisation (its head is on the list sheet)
                who = Contact(name=org.name, address=org.address, postal_code=org.postal_code, city=org.city,
                              country=org.country, phone=org.phone, email=org.email)
            f.add(
                t(label, lang),
                *(
                    countries.country_name(getattr(who, attr), lang)
                    if attr == "country"
                    else getattr(who, attr)
                    for attr in c.ACTOR_COLUMNS.values()
                ),
            )
        else:
            f.add(t(label, lang), org.dpo.company if key == "dpo_company" else a.joint_controllers)
    f.add(None)
    f.add(t(c.PURPOSES, lang), style="header")
    f.spans = "wide"
    main = a.main_purpose()
    ordered = ([main] if main else []) + [p for p in a.purposes if p is not main]
    slots = [t(c.MAIN_PURPOSE, lang)] + [f"{t(c.SUB_PURPOSE, lang)} {i}" for i in range(1, SUB_PURPOSES + 1)]
    for i, label in enumerate(slots):
        f.add(label, ordered[i].description if i < len(ordered) else None)
    f.add(None)
    f.spans = "split"
    overflow: list[tuple[str, list[tuple[Any, ...]]]] = []
    for section, sensitive in ((c.DATA, False), (c.SENSITIVE, True)):
        f.header(section, c.DESCRIPTION, None, None, c.RETENTION)
        extra_rows: list[tuple[Any, ...]] = []
        for term in DATA_CATEGORIES:
            if term.sensitive != sensitive or not term.cnil:
                continue
            item = next((d for d in a.data_categories if d.category == term.code), None)
            rules = [r for r in a.retention if term.code in r.categories]
            line = (_label(term, lang), item.details if item else None, None, None, _retention_text(rules, lang))
            if sensitive or term.code in TEMPLATE_CATEGORIES:
                f.add(*line)
            elif item is not None or rules:
                extra_rows.append(line)
        for item in a.data_categories:  # codes outside the vocabulary are kept and shown as they are
            if item.category not in DATA_CATEGORIES and item.sensitive == sensitive:
                extra_rows.append((item.category, item.details))
        if extra_rows:
            overflow.append((section, extra_rows))
        f.add(None)
    link_details = (
        f"{field_spec('activity', 'recipients').label(lang)} – "
        f"{field_spec('activity_recipient', 'details').label(lang)}"
    )
    subjects = [(f.code(DATA_SUBJECTS, s.category, cnil=True), None, None, s.details) for s in a.data_subjects]
    recipients = []
    for link in a.recipients:
        rec = org.recipient(link.recipient_id)
        recipients.append((f.code(RECIPIENT_TYPES, rec.type, cnil=True) if rec else None, None, None,
                           rec.name if rec else link.recipient_id))
    measures = [(f.code(SECURITY_MEASURES, m.type, cnil=True), None, None, m.details) for m in a.security_measures]
    transfers = [
        (tr.recipient, countries.country_name(tr.country, lang), f.code(SAFEGUARDS, tr.safeguard, cnil=True), None,
         tr.documentation)
        for tr in a.transfers
    ]
    blocks = (
        ("subjects", (c.SUBJECTS, c.DESCRIPTION, None, None, c.DETAILS), c.SUBJECT_ROW, subjects,
         {"B": "data_subject:cnil"}),
        ("recipients", (c.RECIPIENTS, c.RECIPIENT_TYPE, None, None, c.DETAILS), c.RECIPIENT_ROW, recipients,
         {"B": "recipient_type:cnil"}),
        ("measures", (c.MEASURES, c.MEASURE_TYPE, None, None, c.DETAILS), c.MEASURE_ROW, measures,
         {"B": "security_measure:cnil"}),
        ("transfers", (c.TRANSFERS, "Destinataire", "Pays", "Type de Garanties", None,
                       "Liens vers la documentation"), c.TRANSFER_ROW, transfers,
         {"C": "country", "D": "safeguard:cnil"}),
    )
    for key, header, row_label, items, dropdowns in blocks:
        f.spans = "transfer" if key == "transfers" else "split"
        f.header(*header)
        for i in range(SLOTS[key]):
            at = f.add(f"{t(row_label, lang)} {i + 1}", *(items[i] if i < len(items) else ()))
            for column, vocab in dropdowns.items():
                f.dropdown(vocab, column, at)
        if len(items) > SLOTS[key]:
            overflow.append((key, items[SLOTS[key]:]))
        f.add(None)
    f.spans = "auto"
    _extras(f, a, ordered, slots, org, link_details, lang)
    _overflow(f, overflow, ordered, dict((k, (h, r, d)) for k, h, r, _, d in blocks))
    for vocab, refs in f.validations.items():
        dv = lists.validation(vocab)
        for ref in refs:
            dv.add(ref)
        ws.data_validations.append(dv)
    printed = f.row
    # The sources come last, outside the print area: the "Extraits des sources" sheet prints them, one per row.
    f.spans = ""
    f.header(c.EXTRA_SECTION[0] if lang == "fr" else c.EXTRA_SECTION[1])  # the section it is read in
    f.spans = "auto"
    f.add(field_spec("activity", "sources").label(lang), lf.format_items("source", a.sources, lang))
    ws.print_area = f"A1:{PRINTED}{printed}"
    ws.print_title_rows = "1:1"  # the activity's name and reference on every page
    return fingerprint(f.values)


def _overflow(
    f: _Fiche, overflow: list[tuple[str, list[tuple[Any, ...]]]], ordered: list[Purpose],
    blocks: dict[str, tuple[tuple[Any, ...], str, dict[str, str]]],
) -> None:
    """Rows beyond the template's slots, each under its template section header repeated."""
    t = c.text
    if len(ordered) > SUB_PURPOSES + 1:
        f.add(t(c.PURPOSES, f.lang), style="header")
        for i, p in enumerate(ordered[SUB_PURPOSES + 1:], SUB_PURPOSES + 1):
            f.add(f"{t(c.SUB_PURPOSE, f.lang)} {i}", p.description)
    for key, rows in overflow:
        if key in (c.DATA, c.SENSITIVE):
            f.header(key, c.DESCRIPTION, None, None, c.RETENTION)
            for row in rows:
                f.add(*row)
            continue
        header, row_label, dropdowns = blocks[key]
        f.header(*header)
        first = SLOTS[key] + 1
        for i, items in enumerate(rows, first):
            at = f.add(f"{t(row_label, f.lang)} {i}", *items)
            for column, vocab in dropdowns.items():
                f.dropdown(vocab, column, at)


def _extras(
    f: _Fiche, a: Activity, ordered: list[Purpose], slots: list[str], org: Organization, link_details: str,
    lang: str,
) -> None:
    """What the CNIL template lacks, with the register's own field labels."""
    f.header(c.EXTRA_SECTION[0] if lang == "fr" else c.EXTRA_SECTION[1])
    basis = field_spec("purpose", "legal_basis")
    labels = slots + [f"{c.text(c.SUB_PURPOSE, lang)} {i}" for i in range(SUB_PURPOSES + 1, len(ordered))]
    for label, p in zip(labels, ordered, strict=False):
        row = f.add(f"{basis.label(lang)} – {label}", f.code(LEGAL_BASES, p.legal_basis), None, None,
                    p.legal_basis_details or None)
        f.dropdown("legal_basis", "B", row)
    condition = field_spec("data_category", "special_condition")
    for item in a.data_categories:
        if item.sensitive and item.special_condition:
            term = DATA_CATEGORIES.get(item.category)
            name = _label(term, lang) if term else item.category
            row = f.add(f"{condition.label(lang)} – {name}", f.code(SPECIAL_CONDITIONS, item.special_condition),
                        None, None, item.special_condition_details or None)
            f.dropdown("special_condition", "B", row)
    for i, link in enumerate(a.recipients, 1):
        if link.details:
            f.add(f"{link_details} – {c.text(c.RECIPIENT_ROW, lang)} {i}", link.details)
    for spec in fields_of("activity"):
        if spec.cnil:  # the template's own cells hold it
            continue
        if spec.is_object:
            for sub in fields_of(spec.item):
                f.add(
                    f"{spec.label(lang)} – {sub.label(lang)}",
                    scalar_cell(sub, getattr(getattr(a, spec.key), sub.key), lang),
                )
        elif spec.key == "retention":
            f.add(spec.label(lang), _retention_text(a.retention, lang))
        elif spec.key == "sources":
            continue  # written last, after the rows beyond the template's slots (not printed)
        else:
            f.add(spec.label(lang), scalar_cell(spec, getattr(a, spec.key), lang))
