"""The CNIL list sheet ("Liste des traitements"): the organisation's contacts and one row per activity."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from openpyxl.utils import get_column_letter

from ...domain.model import Activity, Contact, Organization, Purpose
from .. import lineformat as lf
from ..blank_answers import means_nothing
from . import cnil as c
from . import flat
from .grid import Sheet

PLACEHOLDERS = frozenset(lf.fold(text) for text in c.PLACEHOLDERS)


@cache
def label_keys(*labels: str) -> frozenset[str]:
    """The folded French and English wordings of template labels (asked for on every row: computed once)."""
    return frozenset(lf.fold(c.text(label, lang)) for label in labels for lang in ("fr", "en"))


def label_key(label: str) -> frozenset[str]:
    return label_keys(label)


def cell_value(value: Any) -> str:
    text = flat.cell_text(value).strip()
    return "" if lf.fold(text) in PLACEHOLDERS or means_nothing(text) else text


def postal_code(value: Any, country: str = "") -> str:
    """A postal code typed as a number lost its leading zero: 1000 is the French "01000"."""
    text = cell_value(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and len(text) == 4 and country in ("", "FR"):
        return "0" + text
    return text


def labelled(text: str, labels: dict[str, str]) -> tuple[str, str] | None:
    """A label and its value typed in one cell ("Nom : Dupont"): (attribute, value), else None."""
    head, sep, tail = text.partition(":")
    attr = labels.get(lf.fold(head)) if sep else None
    return (attr, cell_value(tail)) if attr else None


@dataclass
class Ctx:
    """What reading one CNIL workbook builds up: the organisation, warnings, the list sheet's rows."""

    org: Organization
    problems: lf.Problems
    contacts_from_fiche: bool = True
    rows: list[dict[str, Any]] = field(default_factory=list)
    head_first_name: str = ""  # a first name in the head block: its "Nom" is a person, not the organisation
    name_cell: str = ""  # where the organisation's name was read
    controller: tuple[str, str] = ("", "")  # a fiche's "Responsable du traitement" name, and its cell
    cells: dict[tuple[str, str], str] = field(default_factory=dict)  # (activity id, path) -> "Sheet!B12"
    # A fiche's "Acteurs" rows: (row key "head", "dpo", "dpo_company", "representative"; contact; attr -> cell)
    fiche_contacts: list[tuple[str, Contact, dict[str, str]]] = field(default_factory=list)
    # A fiche's cells the reader took a value from: (sheet, 0-based row, 0-based column) -> field path ("@org":
    # an "Acteurs" cell). A re-import names the cells an edit came from, and those it did not read.
    claims: dict[tuple[str, int, int], str] = field(default_factory=dict)


# --- list sheet -----------------------------------------------------------------------------------------


def read_list(sheet: Sheet, ctx: Ctx) -> None:
    blocks = {
        "head": label_key(c.HEAD_BLOCK),
        "representative": label_key(c.REPRESENTATIVE_BLOCK),
        "dpo": label_key(c.DPO_BLOCK),
    }
    contact_labels = {k: attr for label, attr in c.CONTACT_LABELS.items() for k in label_key(label)}
    header_row = -1
    for r, row in enumerate(sheet.rows):
        if not row:
            continue
        label = lf.fold(flat.cell_text(row[0]))
        org_label = labelled(flat.cell_text(row[0]), {k: "name" for k in label_key(c.ORGANIZATION_LABEL)})
        if label in label_key(c.ORGANIZATION_LABEL) or org_label:
            at = next((i for i, v in enumerate(row[1:], 1) if cell_value(v)), 0)
            ctx.org.name = org_label[1] if org_label and org_label[1] else cell_value(row[at]) if at else ""
            ctx.name_cell = f"{sheet.name}!{get_column_letter(at + 1)}{r + 1}"
            continue
        block = next((b for b, keys in blocks.items() if any(label.startswith(k) for k in keys)), None)
        if block:
            contact: Contact = getattr(ctx.org, block)
            first = ""
            for rr in (r, r + 1):
                cells = sheet.rows[rr] if rr < len(sheet.rows) else []
                for i, v in enumerate(cells[1:], 1):
                    attr = contact_labels.get(lf.fold(flat.cell_text(v)))
                    raw = cells[i + 1] if i + 1 < len(cells) else ""
                    nxt = postal_code(raw) if attr == "postal_code" else cell_value(raw)
                    pair = labelled(flat.cell_text(v), contact_labels)
                    if attr is None and pair and pair[1]:
                        attr, nxt = pair  # "Nom : Dupont" in one cell
                    if attr is None or lf.fold(nxt) in contact_labels or labelled(nxt, contact_labels):
                        continue
                    ctx.cells.setdefault(("", f"{block}.{attr}"), f"{sheet.name}!{get_column_letter(i + 2)}{rr + 1}")
                    if attr == "first_name":
                        first = nxt
                    elif nxt:
                        setattr(contact, attr, nxt)
            if first:
                contact.name = f"{first} {contact.name}".strip()
                if block == "head":
                    ctx.head_first_name = first
            elif block == "head" and contact.name and not ctx.name_cell:
                ctx.name_cell = f"{sheet.name}!A{r + 1}"
            ctx.contacts_from_fiche = False
            continue
        folded = [lf.fold(flat.cell_text(v)) for v in row]
        if (
            header_row < 0
            and set(folded) & label_key("Nom du traitement")
            and set(folded) & label_key("N° / RÉF")
        ):
            header_row = r
            columns: dict[str, int] = {}
            for source in (row, sheet.rows[r - 1] if r else []):
                for i, v in enumerate(source):
                    for label2, attr in c.LIST_HEADERS.items():
                        if lf.fold(flat.cell_text(v)) in label_key(label2) and attr not in columns:
                            columns[attr] = i
            continue
        if header_row >= 0 and any(folded):
            values = {attr: row[i] if i < len(row) else "" for attr, i in columns.items()}
            values["where"] = f"{sheet.name} {r + 1}"
            ctx.rows.append(values)


def merge_list(register_org: Organization, ctx: Ctx) -> None:
    problems = ctx.problems
    for values in ctx.rows:
        name, ref = cell_value(values.get("name")), cell_value(values.get("reference"))
        where = str(values["where"])
        if lf.fold(name).startswith("(exemple)") or lf.fold(name).startswith("(example)"):
            problems.add("example_skipped", sheet=where)
            continue
        match = next(
            (a for a in register_org.activities if ref and lf.fold(a.reference) == lf.fold(ref)), None
        )
        match = match or next(
            (a for a in register_org.activities if name and lf.fold(a.name) == lf.fold(name)), None
        )
        if match is None:
            match = Activity(name=name, reference=ref)
            register_org.activities.append(match)
        if match.created is None:
            match.created = flat.parse_date(values.get("created"), problems, where)
        if match.updated is None:
            match.updated = flat.parse_datetime(values.get("updated"), problems, where)
        purpose = cell_value(values.get("main_purpose"))
        if purpose and not match.purposes:
            match.purposes.append(Purpose(purpose, True))
