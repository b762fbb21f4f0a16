"""The CNIL template (or our CNIL-layout part) into a Register: labels matched normalised, not by address."""

from __future__ import annotations

from ...domain.fields import fields_of
from ...domain.model import (
    Contact,
    Organization,
    Register,
)
from .. import lineformat as lf
from . import cnil as c
from . import flat
from .cnil_fiche import SECTIONS, read_fiche
from .cnil_list import (
    Ctx,
    label_key,
    merge_list,
    read_list,
)
from .grid import Book, Sheet

__all__ = [
    "CNIL_FIELDS",
    "SECTIONS",
    "fiche_contact_paths",
    "is_example",
    "is_fiche",
    "is_list",
    "is_template_part",
    "read_cnil",
    "read_fiche",
]


def is_fiche(sheet: Sheet) -> bool:
    labels = {lf.fold(flat.cell_text(r[0])) for r in sheet.rows if r}
    return bool(labels & label_key("Nom du traitement")) and bool(labels & label_key("N° / RÉF"))


def is_list(sheet: Sheet) -> bool:
    return any(r and lf.fold(flat.cell_text(r[0])) in label_key(c.LIST_SECTION) for r in sheet.rows)


def is_template_part(sheet: Sheet) -> bool:
    """The template's tutorial and its dropdown lists: read by nobody, expected in every CNIL register."""
    name = lf.fold(sheet.name.replace("_", " "))
    return name in ("tutoriel", "tutorial", "5 - listes", "listes", "lists", "liste", "5 - lists") or (
        name.startswith("5 - list")
    )


def is_example(sheet: Sheet) -> bool:
    title = lf.fold(flat.cell_text(sheet.cell(0, 0)))
    return title.startswith(lf.fold(c.EXAMPLE_TITLE)) or title.startswith("example")


# What the CNIL template carries; our own CNIL part also has the "beyond the template" section (all fields).
_CONTACT = ("name", "address", "postal_code", "city", "country", "phone", "email")
CNIL_FIELDS = frozenset(
    {
        "name",
        "reference",
        "created",
        "joint_controllers",
        "purposes",
        "data_categories",
        "retention",
        "data_subjects",
        "recipients",
        "security_measures",
        "transfers",
        "organization.name",
        "organization.dpo.company",
    }
    | {f"organization.{who}.{attr}" for who in ("head", "representative", "dpo") for attr in _CONTACT}
)  # "updated": the template keeps a date only, and saving sets it anyway


def _name_organization(ctx: Ctx, ours: bool) -> None:
    """The organisation's name when no "Organisme" row gives it.

    In our own CNIL part (it has the extra section) a fiche's controller row is the organisation. In a
    template filled by hand: the head block's "Nom" when no first name makes it a person's; else the
    controller, when it is not the head or the DPO (the CNIL's example puts the head there), or when no
    list sheet gave the contacts.
    """
    org = ctx.org
    if org.name:
        return
    controller = ctx.controller[0]
    people = (lf.fold(org.head.name), lf.fold(org.dpo.name))
    if controller and ours:
        org.name, ctx.name_cell = ctx.controller
    elif org.head.name and not ctx.head_first_name and not ctx.contacts_from_fiche:
        org.name = org.head.name
    elif controller and (ctx.contacts_from_fiche or lf.fold(controller) not in people):
        org.name, ctx.name_cell = ctx.controller
    if org.name:
        ctx.problems.add("organization_name_from", name=org.name, where=ctx.name_cell)


# Where a fiche's "Acteurs" row goes: in our own layout the controller row is the organisation itself.
_ORG_IDENTITY = ("name", "address", "postal_code", "city", "country", "phone", "email")


def fiche_contact_paths(row: str, contact: Contact, ours: bool) -> list[tuple[str, str, str]]:
    """(organisation field path, the contact attribute, its value) of one "Acteurs" row, blanks left out."""
    out = []
    for attr in ("name", "address", "postal_code", "city", "country", "phone", "email", "company"):
        value = getattr(contact, attr, "")
        if not value:
            continue
        if row == "dpo_company":
            out.append(("dpo.company", attr, value))
        elif row == "head" and ours:
            if attr in _ORG_IDENTITY:
                out.append((attr, attr, value))
        else:
            out.append((f"{row}.{attr}", attr, value))
    return out


def _merge_fiche_contacts(ctx: Ctx, ours: bool) -> None:
    """The fiches' "Acteurs" rows into the organisation: what it lacks is filled, what differs is named."""
    org = ctx.org
    for row, contact, cells in ctx.fiche_contacts:
        for path, attr, value in fiche_contact_paths(row, contact, ours):
            head, _, tail = path.partition(".")
            target = getattr(org, head) if tail else org
            key = tail or head
            current = getattr(target, key)
            where = cells.get(attr, "")
            if not current:
                setattr(target, key, value)
                ctx.cells.setdefault(("", path), where)
            elif lf.fold(str(current)) != lf.fold(str(value)):
                ctx.problems.add(
                    "fiche_contact_differs", where=where, value=str(value), other=str(current),
                    other_where=ctx.cells.get(("", path), ctx.name_cell if path == "name" else "?"),
                )


def read_cnil(
    book: Book, problems: lf.Problems, provenance: dict[tuple[str, str], str] | None = None
) -> tuple[Register, frozenset[str]]:
    """The register the CNIL sheets describe, and the field paths they carry (cells in ``provenance``)."""
    org = Organization()
    ctx = Ctx(org, problems)
    for sheet in book.sheets:
        if is_list(sheet):
            read_list(sheet, ctx)
    extended = False
    for sheet in book.sheets:
        if not is_fiche(sheet):
            continue
        if is_example(sheet):
            problems.add("example_skipped", sheet=sheet.name)
            continue
        activity = read_fiche(sheet, ctx)
        extended = extended or any(
            r and lf.fold(flat.cell_text(r[0])) in SECTIONS["extra"] for r in sheet.rows
        )
        if activity is None:
            problems.add("empty_fiche_skipped", sheet=sheet.name)
        else:
            org.activities.append(activity)
    merge_list(org, ctx)
    _name_organization(ctx, extended)
    _merge_fiche_contacts(ctx, extended)
    if provenance is not None:
        provenance.update(ctx.cells)
    if not org.name:
        problems.add("no_organization_name")
    everything = {s.key for s in fields_of("activity") if s.key != "updated"}
    fields = CNIL_FIELDS | everything if extended else CNIL_FIELDS
    return Register([org]), fields
