"""A CNIL fiche sheet (one processing activity) into an Activity: labels matched normalised, not by address."""

from __future__ import annotations

import copy
import difflib
from functools import cache
from typing import Any

from openpyxl.utils import get_column_letter

from ...domain.fields import Kind, field_spec, fields_of
from ...domain.model import (
    Activity,
    ActivityRecipient,
    Contact,
    DataCategory,
    DataSubject,
    Organization,
    Purpose,
    Recipient,
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
    SPECIAL_CONDITIONS,
)
from .. import lineformat as lf
from ..blank_answers import blank, means_none
from ..retention_text import rules_from_text
from . import cnil as c
from . import flat
from .cnil_list import (
    Ctx,
    cell_value,
    label_key,
    label_keys,
    postal_code,
)
from .grid import Sheet

SECTIONS = {
    "actors": label_key(c.ACTORS),
    "purposes": label_key(c.PURPOSES),
    "data": label_key(c.DATA),
    "sensitive": label_key(c.SENSITIVE),
    "subjects": label_key(c.SUBJECTS),
    "recipients": label_key(c.RECIPIENTS),
    "measures": label_key(c.MEASURES),
    "transfers": label_key(c.TRANSFERS),
    "extra": {lf.fold(t) for t in c.EXTRA_SECTION},
}
_RECIPIENT_DETAILS = tuple(
    f"{field_spec('activity', 'recipients').label(lang)} – "
    f"{field_spec('activity_recipient', 'details').label(lang)}"
    for lang in ("fr", "en")
)


_SECTION_PATHS = {
    "purposes": "purposes",
    "data": "data_categories",
    "sensitive": "data_categories",
    "subjects": "data_subjects",
    "recipients": "recipients",
    "measures": "security_measures",
    "transfers": "transfers",
}


# --- fiche ----------------------------------------------------------------------------------------------

def _retention(text: str, code: str, problems: lf.Problems, where: str) -> list[RetentionRule]:
    return rules_from_text(text, code, problems, where)


def _merge_rules(rules: list[RetentionRule]) -> list[RetentionRule]:
    """Rules written once per category row come back as one rule covering those categories."""
    merged: list[RetentionRule] = []
    for rule in rules:
        twin = next(
            (
                m
                for m in merged
                if (m.applies_to, m.duration, m.criterion, m.start, m.legal_reference, m.phase, m.final_fate)
                == (
                    rule.applies_to,
                    rule.duration,
                    rule.criterion,
                    rule.start,
                    rule.legal_reference,
                    rule.phase,
                    rule.final_fate,
                )
            ),
            None,
        )
        if twin is None:
            merged.append(rule)
        else:
            twin.categories += [code for code in rule.categories if code not in twin.categories]
    return merged


def _contact(row: list[Any], columns: dict[str, int], problems: lf.Problems, where: str) -> Contact:
    contact = Contact()
    for attr, index in sorted(columns.items(), key=lambda item: item[0] != "country"):
        value = cell_value(row[index]) if index < len(row) else ""
        if attr == "country":
            value = lf.country_from_text(value, problems, where)
        elif attr == "postal_code":
            value = postal_code(row[index] if index < len(row) else "", contact.country)
        setattr(contact, attr, value)
    return contact


def read_fiche(sheet: Sheet, ctx: Ctx) -> Activity | None:
    problems = ctx.problems
    a = Activity()
    section = ""
    headers: dict[str, int] = {}
    identification = {k: attr for label, attr in c.IDENTIFICATION.items() for k in label_key(label)}
    actor_rows = {k: attr for label, attr in c.ACTOR_ROWS.items() for k in label_key(label)}
    rules: list[RetentionRule] = []
    extra_rules: list[RetentionRule] | None = None
    extra_labels = _extra_labels()
    slots: dict[int, Purpose] = {}  # template slot (0 = main purpose) -> the purpose read there
    pending: list[tuple[str, str, str, str, str]] = []  # extra rows that refer to a template row
    typed_rules: dict[str, list[RetentionRule]] = {}  # a category row's retention cell, read
    for r, row in enumerate(sheet.rows):
        if not row:
            continue
        label = lf.fold(flat.cell_text(row[0]))
        where = f"{sheet.name} {r + 1}"
        found = next((name for name, keys in SECTIONS.items() if label in keys), None)
        if found:
            section = found
            ctx.claims.update({(sheet.name, r, i): "@header" for i in range(1, len(row))})
            headers = {}
            for i, v in enumerate(row):
                if i and flat.cell_text(v).strip():
                    headers.setdefault(lf.fold(flat.cell_text(v)), i)
            continue
        value = cell_value(row[1]) if len(row) > 1 else ""
        listed = section in _LIST_SECTIONS  # "Aucun", "Non", "Pas de transfert" there say there is none
        if listed and means_none(value):
            value = ""
        path = _SECTION_PATHS.get(section, "")
        if path and label and section != "extra":
            ctx.cells.setdefault((a.id, path), f"{sheet.name}!B{r + 1}")

        def index(*labels: str, default: int = -1, headers: dict[str, int] = headers) -> int:
            return next((headers[k] for label in labels for k in label_keys(label) if k in headers), default)

        def col(*labels: str, default: int = -1, row: list[Any] = row, claim: str = "", r: int = r,
                listed: bool = listed) -> str:
            at = index(*labels, default=default)
            if claim and at >= 0:
                ctx.claims[(sheet.name, r, at)] = claim
            text = cell_value(row[at]) if 0 <= at < len(row) else ""
            return "" if listed and means_none(text) else text

        def claim(path: str, *columns: int, r: int = r) -> None:
            for at in columns:
                ctx.claims[(sheet.name, r, at)] = path

        if (
            section in ("purposes", "subjects", "recipients", "measures", "transfers")
            and label
            and not any(cell_value(v) for v in row[1:9])
            and not _starts(label, *_ROW_LABELS)
        ):
            _unread(sheet.name, r, row, problems)  # a note typed below the rows of a section
            continue
        if label in identification:
            attr = identification[label]
            ctx.cells.setdefault((a.id, attr), f"{sheet.name}!B{r + 1}")
            claim(attr, *range(1, 8))
            # B..H only: the template keeps hyperlink formulas to CNIL guides in column J
            raw = next((v for v in row[1:8] if cell_value(v)), "")
            if attr == "created":
                a.created = flat.parse_date(raw, problems, where)
            elif attr == "updated":
                a.updated = flat.parse_datetime(raw, problems, where)
            else:
                setattr(a, attr, cell_value(raw))
        elif section == "actors" and label in actor_rows:
            attr = actor_rows[label]
            columns = {
                a2: i
                for lab, a2 in c.ACTOR_COLUMNS.items()
                for k in label_key(lab)
                if (i := headers.get(k, -1)) >= 0
            }
            claim("@org", *columns.values())
            if attr == "joint_controllers":
                claim("joint_controllers", *range(1, len(row)))
                a.joint_controllers = "\n".join(cell_value(v) for v in row[1:] if cell_value(v))
            elif attr == "dpo_company":
                claim("@org", 1)
                if value:
                    ctx.fiche_contacts.append(("dpo_company", Contact(company=value),
                                               {"company": f"{sheet.name}!B{r + 1}"}))
            else:
                contact = _contact(row, columns, problems, where)
                if attr == "head" and contact.name and not ctx.controller[0]:
                    ctx.controller = (contact.name, f"{sheet.name}!B{r + 1}")
                cells = {name: f"{sheet.name}!{get_column_letter(i + 1)}{r + 1}" for name, i in columns.items()}
                if not contact.is_empty():
                    ctx.fiche_contacts.append((attr, contact, cells))
        elif section == "purposes" and _starts(label, c.MAIN_PURPOSE, c.SUB_PURPOSE):
            claim("purposes", 1)
            basis = col(*_labels("purpose", "legal_basis"), claim="purposes")
            details = col(*_labels("purpose", "legal_basis_details"), claim="purposes")
            if value or basis or details:
                main = label in label_key(c.MAIN_PURPOSE)
                a.purposes.append(
                    Purpose(value, main, lf.code_from_text(basis, LEGAL_BASES, problems, where), details)
                )
                slots[_slot(label)] = a.purposes[-1]
        elif section in ("data", "sensitive") and label:
            description = col(c.DESCRIPTION, default=1, claim="data_categories")
            retention = col(c.RETENTION, claim="retention")
            sensitive = section == "sensitive"
            extra = col(
                *(
                    _labels("data_category", "special_condition")
                    if sensitive
                    else _labels("retention", "legal_reference")
                ),
                claim="data_categories" if sensitive else "retention",
            )
            known = lf.vocab_index(DATA_CATEGORIES).get(label) or _close_category(label)
            if known is not None and index(c.RETENTION) >= 0:
                typed_rules.setdefault(known, [])
            if not (description or retention or extra):
                continue
            code = known
            if code is None:
                problems.add("unknown_label", value=flat.cell_text(row[0]).strip(), where=where)
                code = flat.cell_text(row[0]).strip()
            item = DataCategory(code, description)
            if section == "sensitive":
                item.sensitive = True
                item.special_condition = lf.code_from_text(extra, SPECIAL_CONDITIONS, problems, where)
            a.data_categories.append(item)
            new_rules = _retention(retention, code, problems, where)
            if section == "data" and extra:
                for rule in new_rules:
                    rule.legal_reference = rule.legal_reference or extra
            rules += new_rules
            typed_rules.setdefault(code, []).extend(new_rules)
        elif section == "subjects" and _starts(label, c.SUBJECT_ROW):
            claim("data_subjects", 1)
            details = col(c.DETAILS, claim="data_subjects")
            if value or details:
                a.data_subjects.append(
                    DataSubject(lf.code_from_text(value, DATA_SUBJECTS, problems, where), details)
                )
        elif section == "recipients" and label:
            kind = value
            claim("recipients", 1)
            name = col(c.DETAILS, claim="recipients")
            link_details = col(*_RECIPIENT_DETAILS, claim="recipients")
            if kind or name:
                a.recipients.append(_recipient(ctx.org, kind, name, link_details, problems, where))
        elif section == "measures" and label:
            claim("security_measures", 1)
            details = col(c.DETAILS, claim="security_measures")
            if value or details:
                a.security_measures.append(
                    SecurityMeasure(lf.code_from_text(value, SECURITY_MEASURES, problems, where), details)
                )
        elif section == "transfers" and label:
            t = Transfer(
                col("Destinataire", default=1, claim="transfers"),
                lf.country_from_text(col("Pays", default=2, claim="transfers"), problems, where),
                lf.code_from_text(col("Type de Garanties", default=3, claim="transfers"), SAFEGUARDS, problems,
                                  where),
                col("Liens vers la documentation", default=5, claim="transfers"),
            )
            if t.recipient or t.country or t.safeguard or t.documentation:
                a.transfers.append(t)
        elif section == "extra" and (late := _late_row(label)) is not None:
            detail = cell_value(row[4]) if len(row) > 4 else ""
            claim(_LATE_PATHS[late[0]], 1, 4)
            pending.append((late[0], late[1], value, detail, where))
        elif section == "extra" and label in extra_labels:
            key = extra_labels[label]
            ctx.cells[(a.id, key)] = f"{sheet.name}!B{r + 1}"
            claim(key, 1)
            raw = blank(row[1]) if len(row) > 1 else ""
            if key == "retention":
                extra_rules = lf.parse_items("retention", flat.cell_text(raw), problems, where)
            else:
                _set_extra(a, key, raw, problems, where)
        elif section:
            _unread(sheet.name, r, row, problems)  # typed where the importer has no field: said, not lost
    a.retention = _merge_rules(rules) if extra_rules is None else _with_typed(extra_rules, typed_rules)
    _apply_late(a, pending, slots, problems)
    if a.purposes and not any(p.main for p in a.purposes):
        a.purposes[0].main = True
    if not (a.name or a.purposes or a.data_categories or a.data_subjects or a.recipients):
        return None  # an untouched copy of the template (its placeholder reference aside)
    return a


_LIST_SECTIONS = frozenset({"data", "sensitive", "subjects", "recipients", "transfers", "measures"})
_LATE_PATHS = {"legal_basis": "purposes", "special_condition": "data_categories", "recipient_details": "recipients"}


def _rule_key(rule: RetentionRule) -> tuple[Any, ...]:
    duration = (rule.duration.value, rule.duration.unit) if rule.duration else None
    return (lf.fold(rule.applies_to), duration, lf.fold(rule.criterion), lf.fold(rule.start),
            lf.fold(rule.legal_reference), rule.phase, rule.final_fate, rule.minimum)


def _with_typed(schedule: list[RetentionRule], typed: dict[str, list[RetentionRule]]) -> list[RetentionRule]:
    """Our fiche's full schedule ("beyond the template" row), with what was typed in a category row's cell.

    The export writes in each category row the rules that cover that category; a row that says otherwise was
    edited there ("3 ans" typed in the identity row): its rules replace that category's share of the schedule.
    """
    out = [copy.deepcopy(rule) for rule in schedule]
    for code, rules in typed.items():
        written = sorted(_rule_key(r) for r in out if code in r.categories)
        if sorted(_rule_key(r) for r in rules) == written:
            continue
        kept = []
        for rule in out:
            if code in rule.categories:
                rule.categories = [other for other in rule.categories if other != code]
                if not rule.categories:
                    continue  # it covered that category only: what was typed replaces it
            kept.append(rule)
        out = kept + [copy.deepcopy(rule) for rule in rules]
    return out


_ROW_LABELS = (c.MAIN_PURPOSE, c.SUB_PURPOSE, c.SUBJECT_ROW, c.RECIPIENT_ROW, c.MEASURE_ROW, c.TRANSFER_ROW)


def _unread(sheet: str, r: int, row: list[Any], problems: lf.Problems) -> None:
    # Column J onwards holds the template's links to the CNIL's guides.
    filled = [(i, flat.cell_text(v).strip()) for i, v in enumerate(row[:9]) if cell_value(v)]
    if filled:
        cells = ", ".join(f"{sheet}!{chr(65 + i)}{r + 1}" for i, _ in filled)
        text = " | ".join(t for _, t in filled)
        problems.add("cells_not_imported", where=cells, value=text[:200])


def _slot(label: str) -> int:
    """0 for the main purpose, n for "Sous-finalité n"."""
    digits = "".join(ch for ch in label if ch.isdigit())
    return int(digits) if digits and label not in label_key(c.MAIN_PURPOSE) else 0


@cache
def _late_prefixes() -> dict[str, str]:
    recipients = {lf.fold(text) for text in _RECIPIENT_DETAILS}
    out = {k: "legal_basis" for k in label_keys(*_labels("purpose", "legal_basis"))}
    out.update({k: "special_condition" for k in label_keys(*_labels("data_category", "special_condition"))})
    out.update({k: "recipient_details" for k in recipients})
    return out


def _late_row(label: str) -> tuple[str, str] | None:
    """An extra-section row naming a template row ("Base légale – Sous-finalité 2"): (what, which row)."""
    if " – " not in label:
        return None
    for prefix, what in _late_prefixes().items():
        if label.startswith(prefix + " – "):
            return what, label[len(prefix) + 3:]
    return None


def _apply_late(
    a: Activity, pending: list[tuple[str, str, str, str, str]], slots: dict[int, Purpose],
    problems: lf.Problems,
) -> None:
    for what, target, value, detail, where in pending:
        if what == "legal_basis":
            purpose = slots.get(_slot(target))
            if purpose is not None:
                purpose.legal_basis = lf.code_from_text(value, LEGAL_BASES, problems, where)
                purpose.legal_basis_details = detail or purpose.legal_basis_details
        elif what == "special_condition":
            code = lf.vocab_index(DATA_CATEGORIES).get(target) or _close_category(target) or target
            item = next((d for d in a.data_categories if d.category == code), None)
            if item is not None:
                item.special_condition = lf.code_from_text(value, SPECIAL_CONDITIONS, problems, where)
                item.special_condition_details = detail or item.special_condition_details
        else:
            digits = "".join(ch for ch in target if ch.isdigit())
            index = int(digits) - 1 if digits else -1
            if 0 <= index < len(a.recipients):
                a.recipients[index].details = value


def _starts(label: str, *template_labels: str) -> bool:
    """A numbered row of the template ("Sous-finalité 3"), in French or English."""
    return any(label.startswith(key) for t in template_labels for key in label_key(t))


def _labels(scope: str, key: str) -> tuple[str, str]:
    spec = field_spec(scope, key)
    return spec.fr, spec.en


def _close_category(label: str) -> str | None:
    """A row label retyped a little ("adresse IP" for the template's "adress IP"): the closest wording.

    Also the template's wording without its examples ("Données de connexion" for "Données de connexion (adress
    IP, logs, etc.)"), or a few words found in one wording only ("Orientation sexuelle").
    """
    index = lf.vocab_index(DATA_CATEGORIES)
    match = difflib.get_close_matches(label, list(index), n=1, cutoff=0.9)
    if match:
        return index[match[0]]
    short = {text.split(" (")[0].rstrip(" .…"): code for text, code in index.items()}
    if label in short:
        return short[label]
    if len(label.split()) >= 2:
        found = {code for text, code in index.items() if f" {label}" in f" {text} "}
        if len(found) == 1:
            return found.pop()
    return None


def _recipient(
    org: Organization, kind: str, name: str, details: str, problems: lf.Problems, where: str
) -> ActivityRecipient:
    code = lf.code_from_text(kind, RECIPIENT_TYPES, problems, where)
    display = name or (RECIPIENT_TYPES.label(code, "fr") if code else "")
    found = next((r for r in org.recipients if r.name.casefold() == display.casefold()), None)
    if found is None:
        found = Recipient(name=display, type=code)
        org.recipients.append(found)
    return ActivityRecipient(found.id, details)


@cache
def _extra_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for spec in fields_of("activity"):
        if spec.is_object:
            for sub in fields_of(spec.item):
                for lang in ("fr", "en"):
                    labels[lf.fold(f"{spec.label(lang)} – {sub.label(lang)}")] = f"{spec.key}.{sub.key}"
        else:
            for lang in ("fr", "en"):
                labels[lf.fold(spec.label(lang))] = spec.key
    return labels


def _set_extra(a: Activity, key: str, raw: Any, problems: lf.Problems, where: str) -> None:
    if key == "sources":
        a.sources = lf.parse_items("source", flat.cell_text(raw), problems, where)
        return
    parent, _, child = key.partition(".")
    if child:
        spec = field_spec(parent, child)
        value = flat.scalar_value(spec, raw, problems, where)
        empty: Any = [] if spec.kind is Kind.CODES else ""
        setattr(getattr(a, parent), child, value if spec.kind is Kind.BOOL else (value or empty))
        return
    spec = field_spec("activity", key)
    if not spec.is_scalar:
        return
    value = flat.scalar_value(spec, raw, problems, where)
    if value is not None:
        setattr(a, key, value)
