"""The CNIL-layout part of the export: the list of processing activities and one fiche per activity."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.properties import PageSetupProperties

from ...domain import countries
from ...domain.fields import field_spec, fields_of
from ...domain.model import Activity, Contact, Organization, RetentionRule
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
from .cells import CellFactory, row_height
from .dropdowns import Lists
from .fastrows import FastRows
from .flat import scalar_cell

WIDTHS = {"A": 42, "B": 30, "C": 22, "D": 16, "E": 30, "F": 16, "G": 30, "H": 26, "I": 26}
FICHE_WIDTHS = [float(w) for w in WIDTHS.values()]
LIST_COLUMNS_EN = ["name", "reference", "created", "updated", "main purpose", "", "", "sensitive"]


def _sheet(wb: Any, title: str) -> Any:
    ws = wb.create_sheet(title)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    return ws


def _contact_rows(
    cells: CellFactory, ws: Any, block: str, contact: Contact, lang: str, dpo: bool
) -> list[Any]:
    t = c.text
    first = [
        cells.cell(ws, t(block, lang), style="label"),
        cells.cell(ws, t("Nom :", lang)),
        cells.cell(ws, contact.name),
        None,
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
) -> tuple[Any, FastRows]:
    """CNIL sheet 2: the organisation's contacts, then one row per activity."""
    ws = _sheet(wb, title)
    t = c.text
    count = 0

    def put(row: list[Any]) -> None:
        nonlocal count
        count += 1
        height = row_height([cell.value if cell is not None else None for cell in row], FICHE_WIDTHS)
        if height:
            ws.row_dimensions[count].height = height
        ws.append(row)

    put([cells.cell(ws, t(c.ORGANIZATION_LABEL, lang), style="label"), cells.cell(ws, org.name)])
    for block, contact, dpo in (
        (c.HEAD_BLOCK, org.head, False),
        (c.REPRESENTATIVE_BLOCK, org.representative, False),
        (c.DPO_BLOCK, org.dpo, True),
    ):
        for row in _contact_rows(cells, ws, block, contact, lang, dpo):
            put(row)
    put([cells.cell(ws, t(c.LIST_SECTION, lang), style="header")])
    put(
        [
            cells.cell(ws, t(h, lang), style="header")
            for h in (
                "Nom du traitement",
                "N° / RÉF",
                "Date de création de la fiche",
                "Dernière mise à jour de la fiche",
                "Finalité du traitement",
            )
        ]
        + [None, None, cells.cell(ws, t("Oui/non", lang), style="header")]
    )
    rows = FastRows(wb, cells, 8, count + 1)
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
        rows.add(values, a.reference or a.name, LIST_COLUMNS_EN, FICHE_WIDTHS)
    return ws, rows


def _label(term: Term, lang: str) -> str:
    return term.cnil if lang == "fr" and term.cnil else term.label(lang)


def _retention_text(rules: list[RetentionRule], lang: str) -> str:
    return "\n".join(lf.format_item("retention", r, lang) for r in rules)


class _Fiche:
    """Appends the rows of one fiche, remembering where dropdowns go."""

    def __init__(self, ws: Any, cells: CellFactory, lang: str, where: str) -> None:
        self.ws, self.cells, self.lang, self.where = ws, cells, lang, where
        self.row = 0
        self.validations: dict[str, list[str]] = {}

    def add(self, *values: Any, style: str = "") -> int:
        styles = [style or ("label" if i == 0 else "") for i in range(len(values))]
        height = row_height([v if isinstance(v, str) else None for v in values], FICHE_WIDTHS)
        if height:
            self.ws.row_dimensions[self.row + 1].height = height
        self.ws.append(
            [self.cells.cell(self.ws, v, self.where, s) for v, s in zip(values, styles, strict=True)]
        )
        self.row += 1
        return self.row

    def header(self, *labels: str | None) -> None:
        self.add(*(c.text(label, self.lang) if label else None for label in labels), style="header")

    def dropdown(self, vocab: str, column: str, row: int) -> None:
        self.validations.setdefault(vocab, []).append(f"{column}{row}")

    def code(self, vocab: Vocabulary, code: str) -> str:
        return vocab.label(code, self.lang)


def write_fiche(
    wb: Any, a: Activity, org: Organization, lang: str, cells: CellFactory, lists: Lists, title: str
) -> None:
    """CNIL sheet 3, one per activity, in the template's order, then what the template lacks."""
    ws = _sheet(wb, title)
    f = _Fiche(ws, cells, lang, a.reference or a.name)
    t = c.text
    f.add(
        f"{t(c.FICHE_TITLE, lang)}: {a.name}", None, None, None, None, None, None, a.reference, style="title"
    )
    f.add(None)
    f.header(c.DESCRIPTION_SECTION)
    f.add(t("Nom du traitement", lang), a.name)
    f.add(t("N° / RÉF", lang), a.reference)
    f.add(t("Date de création du traitement", lang), a.created)
    f.add(t("Mise à jour du traitement", lang), a.updated.date() if a.updated else None)
    f.add(None)
    f.header(c.ACTORS, *c.ACTOR_COLUMNS)
    for label, key in c.ACTOR_ROWS.items():
        if key in ("head", "dpo", "representative"):
            who: Contact = getattr(org, key)
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
    basis = field_spec("purpose", "legal_basis")
    details = field_spec("purpose", "legal_basis_details")
    f.add(t(c.PURPOSES, lang), None, None, None, basis.label(lang), None, details.label(lang), style="header")
    main = a.main_purpose()
    ordered = ([main] if main else []) + [p for p in a.purposes if p is not main]
    for i, p in enumerate(ordered):
        label = t(c.MAIN_PURPOSE, lang) if i == 0 else f"{t(c.SUB_PURPOSE, lang)} {i}"
        row = f.add(
            label, p.description, None, None, f.code(LEGAL_BASES, p.legal_basis), None, p.legal_basis_details
        )
        f.dropdown("legal_basis", "E", row)
    f.add(None)
    condition = field_spec("data_category", "special_condition")
    legal_ref = field_spec("retention", "legal_reference")
    for section, sensitive in ((c.DATA, False), (c.SENSITIVE, True)):
        f.header(
            section,
            c.DESCRIPTION,
            None,
            None,
            c.RETENTION,
            None,
            condition.label(lang) if sensitive else legal_ref.label(lang),
        )
        for term in DATA_CATEGORIES:
            if term.sensitive != sensitive:
                continue
            item = next((d for d in a.data_categories if d.category == term.code), None)
            rules = [r for r in a.retention if term.code in r.categories]
            if item is None and not rules and not term.cnil:
                continue
            extra = (
                f.code(SPECIAL_CONDITIONS, item.special_condition)
                if item and sensitive
                else "; ".join(r.legal_reference for r in rules if r.legal_reference)
            )
            f.add(
                _label(term, lang),
                item.details if item else None,
                None,
                None,
                _retention_text(rules, lang),
                None,
                extra,
            )
        for item in a.data_categories:  # codes outside the vocabulary are kept and shown as they are
            if item.category not in DATA_CATEGORIES and item.sensitive == sensitive:
                f.add(item.category, item.details)
        f.add(None)
    f.header(c.SUBJECTS, c.DESCRIPTION, None, None, c.DETAILS)
    for i, s in enumerate(a.data_subjects, 1):
        f.add(f"{t(c.SUBJECT_ROW, lang)} {i}", f.code(DATA_SUBJECTS, s.category), None, None, s.details)
    f.add(None)
    link_details = (
        f"{field_spec('activity', 'recipients').label(lang)} – "
        f"{field_spec('activity_recipient', 'details').label(lang)}"
    )
    f.header(c.RECIPIENTS, c.RECIPIENT_TYPE, None, None, c.DETAILS, None, link_details)
    for i, link in enumerate(a.recipients, 1):
        rec = org.recipient(link.recipient_id)
        row = f.add(
            f"{t(c.RECIPIENT_ROW, lang)} {i}",
            f.code(RECIPIENT_TYPES, rec.type) if rec else None,
            None,
            None,
            rec.name if rec else link.recipient_id,
            None,
            link.details,
        )
        f.dropdown("recipient_type", "B", row)
    f.add(None)
    f.header(c.MEASURES, c.MEASURE_TYPE, None, None, c.DETAILS)
    for i, m in enumerate(a.security_measures, 1):
        row = f.add(f"{t(c.MEASURE_ROW, lang)} {i}", f.code(SECURITY_MEASURES, m.type), None, None, m.details)
        f.dropdown("security_measure", "B", row)
    f.add(None)
    f.header(c.TRANSFERS, "Destinataire", "Pays", "Type de Garanties", None, "Liens vers la documentation")
    for i, tr in enumerate(a.transfers, 1):
        row = f.add(
            f"{t(c.TRANSFER_ROW, lang)} {i}",
            tr.recipient,
            countries.country_name(tr.country, lang),
            f.code(SAFEGUARDS, tr.safeguard),
            None,
            tr.documentation,
        )
        f.dropdown("country", "C", row)
        f.dropdown("safeguard", "D", row)
    f.add(None)
    _extras(f, a, lang)
    for vocab, refs in f.validations.items():
        dv = lists.validation(vocab)
        for ref in refs:
            dv.add(ref)
        ws.data_validations.append(dv)


def _extras(f: _Fiche, a: Activity, lang: str) -> None:
    """What the CNIL template lacks, with the register's own field labels."""
    f.header(c.EXTRA_SECTION[0] if lang == "fr" else c.EXTRA_SECTION[1])
    for spec in fields_of("activity"):
        if spec.key in (
            "reference",
            "name",
            "created",
            "updated",
            "joint_controllers",
            "purposes",
            "data_categories",
            "data_subjects",
            "recipients",
            "security_measures",
            "transfers",
        ):
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
            f.add(spec.label(lang), lf.format_items("source", a.sources, lang))
        else:
            f.add(spec.label(lang), scalar_cell(spec, getattr(a, spec.key), lang))
