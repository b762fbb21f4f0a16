"""The review's wording of changes: labels, values shown, each change said in words (the message table)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain import countries, field_paths, value_text
from ..domain.fields import Kind
from ..domain.messages import message_table, translate
from ..domain.model import Activity, Client, ProcessorActivity, Recipient
from . import lineformat as lf
from . import processor_changes as pc
from .change_kinds import (
    BLANK_ANSWER,
    FIELD,
    MISSING_ACTIVITY,
    NEW_ACTIVITY,
    NEW_ORGANIZATION,
    NEW_RECIPIENT,
    Change,
)

# French first, then English, like every message table.
_T = message_table("changes", {
    "none": ("Aucune modification.", "No change."),
    NEW_ORGANIZATION: ("nouvel organisme", "new organisation"),
    "unnamed": ("organisme sans nom", "organisation without a name"),
    "activities": ("{count} {count:activité|activités}", "{count} {count:activity|activities}"),
    NEW_ACTIVITY: ("nouvelle activité", "new activity"),
    MISSING_ACTIVITY: (
        "absente du fichier (conservée sauf si vous acceptez sa suppression)",
        "not in the file (kept unless you accept its removal)",
    ),
    "conflict": ("conflit, non appliqué par défaut", "conflict, not applied by default"),
    BLANK_ANSWER: (
        "réponse vide : n'efface la valeur du registre que si vous l'acceptez",
        "empty answer: clears the register's value only if you accept it",
    ),
    pc.NEW_CLIENT: ("nouveau client (responsable de traitement)", "new client (controller)"),
    pc.MISSING_CLIENT: ("client absent du fichier (conservé sauf si vous acceptez sa suppression)",
                        "client not in the file (kept unless you accept its removal)"),
    pc.NEW_PROCESSING: ("nouveau traitement pour le compte de clients", "new processing on behalf of clients"),
    pc.MISSING_PROCESSING: (
        "traitement pour le compte de clients absent du fichier (conservé sauf si vous acceptez sa suppression)",
        "processing on behalf of clients not in the file (kept unless you accept its removal)",
    ),
    "duplicate_reference": (
        "référence en double dans le fichier",
        "reference appears several times in the file",
    ),
    "changed_since_export": (
        "activité modifiée dans le registre après l'export de ce fichier",
        "activity changed in the register after this file was exported",
    ),
    "deleted_since_export": (
        "supprimé du registre depuis l'export de ce fichier",
        "deleted in the register since this file was exported",
    ),
    "edited_twice": (
        "modifié différemment à deux endroits du classeur",
        "edited differently in two places of the workbook",
    ),
    "register": ("registre", "register"),
    "fewer_rules": (
        "Attention, {activity} – {field} : {old} {old:règle devient|règles deviennent} {new} ({where}). "
        "Avant : {before}. Après : {after}.",
        "Warning, {activity} – {field}: {old} {old:rule becomes|rules become} {new} ({where}). Before: {before}. "
        "After: {after}.",
    ),
    "fewer_items": (
        "Attention, {activity} – {field} : {old} {old:élément devient|éléments deviennent} {new} ({where}). "
        "Avant : {before}. Après : {after}.",
        "Warning, {activity} – {field}: {old} {old:item becomes|items become} {new} ({where}). Before: {before}. "
        "After: {after}.",
    ),
    "other_organization": (
        "son identifiant est celui d'une activité d'un autre organisme",
        "its id belongs to an activity of another organisation",
    ),
    NEW_RECIPIENT: ("nouveau destinataire", "new recipient"),
    "older_statement": (
        "déclaration plus ancienne que celle déjà enregistrée pour ce destinataire",
        "statement older than the one already recorded for this recipient",
    ),
})


def _t(key: str, lang: str, **params: object) -> str:
    return translate(_T, key, lang, **params)


def field_label(path: str, lang: str, scope: str = "activity") -> str:
    """A field path's label from the field table (``dpia.done`` -> "DPIA – DPIA carried out")."""
    return field_paths.describe(path, scope, lang)


def display(value: Any, lang: str = "en", path: str = "", scope: str = "activity") -> str:
    """A readable form of a value for the review: lists one item per line in the spreadsheet line format."""
    if value is None or value == "" or value == []:
        return "∅"
    if isinstance(value, bool):
        return lf.bool_text(value, lang)
    if isinstance(value, list):
        if isinstance(value[0], pc.ClientLinkView):
            return "\n".join(map(str, value))
        item_scope = _item_scope(scope, path)
        if item_scope and path != "recipients":
            return lf.format_items(item_scope, value, lang) or "∅"
        return "\n".join(str(v) for v in value)
    if isinstance(value, Activity):
        return _label(value)
    if isinstance(value, ProcessorActivity):
        return pc.processing_label(value)
    if isinstance(value, Client):
        return value.name
    if isinstance(value, Recipient):  # a new catalogue entry (a processor's statement): its line, then its lists
        lines = [lf.format_item("recipient", replace(value, sub_processors=[], transfers=[]), lang)]
        lines += [display(getattr(value, key), lang, key, "recipient") for key in ("sub_processors", "transfers")
                  if getattr(value, key)]
        return "\n".join(lines)
    spec = field_paths.spec_at(path, scope) if path else None
    if spec is not None and spec.vocab is not None and isinstance(value, str):
        return spec.vocab.label(value, lang)
    if spec is not None and spec.kind is Kind.COUNTRY and isinstance(value, str):
        return countries.country_name(value, lang)
    return str(value)


def _item_scope(scope: str, path: str) -> str:
    if scope == "activity" and path in lf.ITEM_SCOPES:
        return lf.ITEM_SCOPES[path][0]
    spec = field_paths.spec_at(path, scope) if path and "." not in path else None
    return spec.item if spec is not None and spec.is_list else ""


def describe_change(c: Change, lang: str) -> str:
    where = " ".join(p for p in (f"[{c.organization or _t('unnamed', lang)}]", c.activity) if p.strip())
    colon = " : " if lang == "fr" else ": "  # French typography: a space before the colon
    suffix = f" ({_t('conflict', lang)}{colon}{_t(c.conflict, lang)})" if c.conflict else ""
    if c.where:
        suffix += f" [{c.where}]"
    if c.kind == NEW_ORGANIZATION:
        return f"+ {where}{colon}{_t(c.kind, lang)}, {_t('activities', lang, count=c.new)}{suffix}"
    if c.kind in (NEW_ACTIVITY, MISSING_ACTIVITY, pc.NEW_CLIENT, pc.MISSING_CLIENT, pc.NEW_PROCESSING,
                  pc.MISSING_PROCESSING):
        sign = "-" if c.kind in (MISSING_ACTIVITY, *pc.MISSING_KINDS) else "+"
        return f"{sign} {where}{colon}{_t(c.kind, lang)}{suffix}"
    if c.kind == NEW_RECIPIENT:
        return f"+ {where}{colon}{_t(c.kind, lang)}{suffix}"
    scope = c.scope
    old = display(c.old, lang, c.path, scope).replace("\n", " / ")
    new = display(c.new, lang, c.path, scope).replace("\n", " / ")
    if c.others:  # both sides of the workbook, each with its cell, beside the register's value
        sides = "; ".join(f"{cell}{colon}{value.replace(chr(10), ' / ')}" for cell, value in conflict_sides(c, lang))
        conflict = f" ({_t('conflict', lang)}{colon}{_t(c.conflict, lang)})"
        label = field_label(c.path, lang, scope)
        return f"~ {where} {label}{colon}{_t('register', lang)}{colon}{old}; {sides}{conflict}"
    sign = "!" if fewer_items(c, lang) else "~"  # items lost: a warning, said again in words in the problems
    return f"{sign} {where} {field_label(c.path, lang, scope)}{colon}{old} -> {new}{suffix}"


def fewer_items(c: Change, lang: str) -> str:
    """A list field whose new value has fewer items than the register's, said plainly ("" otherwise).

    "3 ans" typed over a schedule of three retention rules leaves one: before -> after, in words.
    """
    if c.kind != FIELD or not isinstance(c.old, list) or not isinstance(c.new, list) or len(c.new) >= len(c.old):
        return ""
    key = "fewer_rules" if c.path == "retention" else "fewer_items"
    words = _rule_words if c.path == "retention" else (lambda v, lang: display([v], lang, c.path, c.scope))
    return _t(key, lang, activity=c.activity, field=field_label(c.path, lang, c.scope), old=len(c.old),
              new=len(c.new), before="; ".join(words(v, lang) for v in c.old) or "∅",
              after="; ".join(words(v, lang) for v in c.new) or "∅", where=c.where or "?")


def _rule_words(rule: Any, lang: str) -> str:
    """A retention rule as a sentence's part: "Invoices: 10 years", "3 years", "until the end of the contract"."""
    how = " ".join(p for p in (value_text.duration_text(rule.duration, lang) if rule.duration else "",
                               rule.start and f"({rule.start})", rule.criterion) if p)
    return f"{rule.applies_to}: {how}" if rule.applies_to and how else rule.applies_to or how or "∅"


def conflict_sides(c: Change, lang: str) -> list[tuple[str, str]]:
    """An "edited twice" conflict's cells and what each says: (cell, value shown), the file's first."""
    values = [display(v, lang, c.path, c.scope) for v in (c.new, *c.others)]
    return list(zip(_side_cells(c), values, strict=True))


def _side_cells(c: Change) -> list[str]:
    count = 1 + len(c.others)
    cells = c.where.split(" ≠ ") if c.where else []
    return (["?"] * (count - len(cells)) + cells)[-count:]


def _label(activity: Activity) -> str:
    return " ".join(p for p in (activity.reference, activity.name) if p)
