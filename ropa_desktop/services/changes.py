"""Reviewed merge of an imported register: what would change, and applying only the accepted changes.

``compute_changes(current, incoming) -> ChangeSet`` lists new organisations and activities, changed fields
(old -> new per field path), activities missing from the file, organisation field changes and conflicts, each
with a stable id. ``apply_changes(current, changes, accepted=None) -> Register`` returns a NEW register; with
``accepted=None`` only the default changes apply (never deletions, never conflicts). Matching: by id, then by
organisation name + activity reference. Format-agnostic: XLSX, ODS and JSON imports all give a Register.

Both directions are linear in the register: lookups go through dictionaries built once, and the new register
shares every object that no change touches with ``current`` and ``incoming`` (copy-on-write per activity), so
callers treat registers as values and copy before editing one in place.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..domain import countries, field_paths, value_text
from ..domain.catalogue import RecipientCatalogue
from ..domain.fields import Kind, field_spec, fields_of
from ..domain.messages import message_table, translate
from ..domain.model import (
    Activity,
    ActivityRecipient,
    Client,
    Organization,
    ProcessorActivity,
    Recipient,
    Register,
    new_id,
)
from . import lineformat as lf
from . import processor_changes as pc
from .values import match_key as _fold

NEW_ORGANIZATION = "new_organization"
NEW_ACTIVITY = "new_activity"
FIELD = "field"
ORGANIZATION_FIELD = "organization_field"
MISSING_ACTIVITY = "missing_activity"
# A processor statement's changes to the recipients catalogue (services.statement_import).
NEW_RECIPIENT = "new_recipient"
RECIPIENT_FIELD = "recipient_field"
BLANK_ANSWER = "blank_answer"  # a conflict: a spreadsheet's empty answer where the register holds a value

_ORG_FIELDS = (*fields_of("organization"), field_spec("organization", "sources"),
               field_spec("organization", "security_measures"))
# The review's scope of a change's field path, by kind (activities' otherwise).
_SCOPES = {"organization_field": "organization", **pc.SCOPES, NEW_RECIPIENT: "recipient",
           RECIPIENT_FIELD: "recipient"}


@dataclass(frozen=True)
class Change:
    """One proposed change: ``old``/``new`` domain values of the field at ``path`` (``dpia.done``...)."""

    id: str
    kind: str
    organization: str  # organisation name, for display
    activity: str = ""  # "REF name", for display
    path: str = ""
    old: Any = None
    new: Any = None
    conflict: str = ""  # why this change is not applied by default ("" = no conflict)
    target_org_id: str = ""
    target_activity_id: str = ""
    where: str = ""  # the cell(s) of the import file the new value comes from ("Fiche LS-03!B12")
    target_recipient_id: str = ""  # NEW_RECIPIENT and RECIPIENT_FIELD: the catalogue entry
    # An "edited_twice" conflict: the value(s) of the other cell(s) named in ``where`` after the first.
    others: tuple[Any, ...] = ()

    @property
    def default(self) -> bool:
        """Accepted unless the user says otherwise: never a deletion, never a conflict."""
        return not self.conflict and self.kind != MISSING_ACTIVITY and self.kind not in pc.MISSING_KINDS

    @property
    def scope(self) -> str:
        """The field table scope of ``path``: "activity", "organization", "client" or "processor_activity"."""
        return _SCOPES.get(self.kind, "activity")


@dataclass
class ChangeSet:
    """All the changes an import would make, with the import's own problems."""

    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    incoming: Register = field(default_factory=Register)

    def by_id(self, change_id: str) -> Change | None:
        return next((c for c in self.changes if c.id == change_id), None)  # one look-up: the review's detail pane

    def default_ids(self) -> list[str]:
        return [c.id for c in self.changes if c.default]

    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.conflict]

    def __len__(self) -> int:
        return len(self.changes)

    def describe(self, lang: str = "en") -> list[str]:
        """One line per change (for ``import --dry-run``), then the problems."""
        lines = [describe_change(c, lang) for c in self.changes]
        if not self.changes:
            lines.append(_t("none", lang))
        return lines + [f"! {p}" for p in self.problems]


# French first, then English, like every message table.
_T = message_table("changes", {
    "none": ("Aucune modification.", "No change."),
    NEW_ORGANIZATION: ("nouvel organisme", "new organisation"),
    "unnamed": ("organisme sans nom", "organisation without a name"),
    "activities": ("{count} activité(s)", "{count} activity(ies)"),
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
    "edited_twice": (
        "modifié différemment à deux endroits du classeur",
        "edited differently in two places of the workbook",
    ),
    "register": ("registre", "register"),
    "fewer_rules": (
        "Attention, {activity} – {field} : {old} règle(s) deviennent {new} ({where}). Avant : {before}. "
        "Après : {after}.",
        "Warning, {activity} – {field}: {old} rule(s) become {new} ({where}). Before: {before}. After: {after}.",
    ),
    "fewer_items": (
        "Attention, {activity} – {field} : {old} élément(s) deviennent {new} ({where}). Avant : {before}. "
        "Après : {after}.",
        "Warning, {activity} – {field}: {old} item(s) become {new} ({where}). Before: {before}. After: {after}.",
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


def pick_side(c: Change, index: int) -> Change:
    """An "edited twice" conflict with the value of its side ``index`` (0: the first cell named) to apply.

    The chosen side comes first (value and cell); the others stay listed, so the review still shows them all.
    """
    values, cells = [c.new, *c.others], _side_cells(c)
    order = [index] + [i for i in range(len(values)) if i != index]
    return replace(c, new=values[index], others=tuple(values[i] for i in order[1:]),
                   where=" ≠ ".join(cells[i] for i in order))


def change_value(activity: Activity, org: Organization, path: str) -> Any:
    """``activity``'s value at ``path`` as a Change carries it (recipients with their catalogue entries)."""
    if path == "recipients":
        return _display_links(activity.recipients, _catalogue_of(org))
    return activity_values(activity, org)[path]



def _catalogue_of(org: Organization) -> RecipientCatalogue:
    return RecipientCatalogue(org, _fold)


def _links(activity: Activity, catalogue: RecipientCatalogue) -> list[tuple[str, str]]:
    """Recipients compared by name (ids differ between catalogues), with the activity's details."""
    out = []
    for link in activity.recipients:
        recipient = catalogue.get(link.recipient_id)
        out.append((_fold(recipient.name) if recipient else link.recipient_id, link.details))
    return out


# The activity's compared fields from the table, resolved once: (key, the nested object's keys or ()).
_ACTIVITY_SHAPE = tuple(
    (spec.key, tuple(sub.key for sub in fields_of(spec.item)) if spec.is_object else ())
    for spec in fields_of("activity")
)


def _activity_values(activity: Activity, catalogue: RecipientCatalogue) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, subkeys in _ACTIVITY_SHAPE:
        value = getattr(activity, key)
        if key == "recipients":
            values[key] = _links(activity, catalogue)
        elif subkeys:
            for sub in subkeys:
                values[f"{key}.{sub}"] = getattr(value, sub)
        else:
            values[key] = value
    return values


def _org_values(org: Organization) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for spec in _ORG_FIELDS:
        value = getattr(org, spec.key)
        if spec.is_object:
            for sub in fields_of(spec.item):
                values[f"{spec.key}.{sub.key}"] = getattr(value, sub.key)
        else:
            values[spec.key] = value
    return values


def _label(activity: Activity) -> str:
    return " ".join(p for p in (activity.reference, activity.name) if p)


def _match_org(incoming: Organization, current: Register, taken: set[str]) -> Organization | None:
    found = current.organization(incoming.id)
    if found is None and incoming.name.strip():
        found = next((o for o in current.organizations if _fold(o.name) == _fold(incoming.name)), None)
    return found if found is not None and found.id not in taken else None


def compute_changes(
    current: Register,
    incoming: Register,
    problems: Collection[str] = (),
    fields: Collection[str] | None = None,
    provenance: Mapping[tuple[str, str], str] | None = None,
) -> ChangeSet:
    """Everything ``incoming`` would change in ``current``; ``problems`` are the import's warnings.

    ``fields``: the field paths the source carries (``ImportResult.fields``; activity paths such as ``name``
    or ``dpia.done``, organisation paths prefixed ``organization.``); ``None`` means all. A CNIL template or a
    plain table lacks most fields: what it does not carry is never proposed for clearing. ``provenance``:
    (incoming activity id, path) -> the cell it was read from, shown with the change (``(id, "")``: its row).
    """
    result = ChangeSet(problems=list(problems), incoming=incoming)
    carried = _Carried(fields)
    activity_owner = {a.id: (o, a) for o in current.organizations for a in o.activities}
    taken: set[str] = set()
    for inc_org in incoming.organizations:
        cur_org = _match_org(inc_org, current, taken)
        if cur_org is None:
            result.changes.append(
                Change(f"org+:{inc_org.id}", NEW_ORGANIZATION, inc_org.name, new=len(inc_org.activities),
                       target_org_id=inc_org.id)
            )
            continue
        taken.add(cur_org.id)
        cur_vals, inc_vals = _org_values(cur_org), _org_values(inc_org)
        for path, new in inc_vals.items():
            if not carried.organization(path) or (not inc_org.name.strip() and path == "name"):
                continue
            if new != cur_vals[path] and not (new in ("", None, []) and not inc_org.name.strip()):
                result.changes.append(
                    Change(
                        f"org:{cur_org.id}:{path}",
                        ORGANIZATION_FIELD,
                        cur_org.name,
                        "",
                        path,
                        cur_vals[path],
                        new,
                        target_org_id=cur_org.id,
                    )
                )
        _activity_changes(result, cur_org, inc_org, activity_owner, carried, provenance or {})
        result.changes += pc.processor_changes(Change, cur_org, inc_org, fields, _same_items)
    return result


class _Carried:
    """Which field paths the import's source carries."""

    def __init__(self, fields: Collection[str] | None) -> None:
        self.fields = None if fields is None else frozenset(fields)

    def activity(self, path: str) -> bool:
        return self.fields is None or path in self.fields or path.partition(".")[0] in self.fields

    def organization(self, path: str) -> bool:
        if self.fields is None:
            return True
        return (
            f"organization.{path}" in self.fields or f"organization.{path.partition('.')[0]}" in self.fields
        )


def _activity_changes(
    result: ChangeSet,
    cur_org: Organization,
    inc_org: Organization,
    owner: dict[str, tuple[Organization, Activity]],
    carried: _Carried,
    provenance: Mapping[tuple[str, str], str],
) -> None:
    # Each incoming reference and name folded once (folding is most of the matching's time on 10,000 activities).
    keys = [(_fold(a.reference), _fold(a.name)) for a in inc_org.activities]
    counts: dict[str, int] = {}
    for a, (reference, _) in zip(inc_org.activities, keys, strict=True):
        if a.reference.strip():
            counts[reference] = counts.get(reference, 0) + 1
    # The current activities by folded reference, in order: a match by reference takes the first unmatched one.
    by_reference: dict[str, list[Activity]] = {}
    by_name: dict[str, list[Activity]] = {}
    for a in cur_org.activities:
        by_reference.setdefault(_fold(a.reference), []).append(a)
        by_name.setdefault(_fold(a.name), []).append(a)
    names: dict[str, int] = {}
    for _, name in keys:
        names[name] = names.get(name, 0) + 1
    cur_catalogue, inc_catalogue = _catalogue_of(cur_org), _catalogue_of(inc_org)
    # Recipient ids that name the same entry in both catalogues: an activity equal to its match field by field
    # and linking only to these has no change (the common case of a re-import, decided without field paths).
    same_recipients = {rid for rid, rec in cur_catalogue.by_id.items()
                       if rid in inc_catalogue.by_id and _fold(inc_catalogue.by_id[rid].name) == _fold(rec.name)}
    matched: set[str] = set()
    for inc, (folded, folded_name) in zip(inc_org.activities, keys, strict=True):
        conflict = ""
        cur: Activity | None = None
        if inc.id in owner:
            org, cur = owner[inc.id]
            if org.id != cur_org.id:
                conflict, cur = "other_organization", None
        duplicate = bool(inc.reference.strip()) and counts.get(folded, 0) > 1
        if cur is None and not conflict and inc.reference.strip() and not duplicate:
            cur = next((a for a in by_reference.get(folded, ()) if a.id not in matched), None)
        by_name_only = False
        if cur is None and not conflict and not inc.reference.strip() and inc.id not in owner and inc.name.strip():
            # A row typed without id or reference (a new line of a spreadsheet): the same activity on every
            # re-import when its name is the only one of its kind on both sides.
            same = [a for a in by_name.get(folded_name, ()) if a.id not in matched]
            if len(same) == 1 and len(by_name[folded_name]) == 1 and names[folded_name] == 1:
                cur, by_name_only = same[0], True
        if cur is not None and cur.id in matched:
            cur = None
        if duplicate and not conflict and cur is None:
            conflict = "duplicate_reference"
        if cur is None:
            result.changes.append(
                Change(
                    f"act+:{cur_org.id}:{inc.id}",
                    NEW_ACTIVITY,
                    cur_org.name,
                    _label(inc),
                    new=inc,
                    conflict=conflict,
                    target_org_id=cur_org.id,
                    target_activity_id=inc.id,
                    where=provenance.get((inc.id, ""), ""),
                )
            )
            continue
        matched.add(cur.id)
        if cur == inc and all(link.recipient_id in same_recipients for link in inc.recipients):
            continue
        old_vals, new_vals = _activity_values(cur, cur_catalogue), _activity_values(inc, inc_catalogue)
        for path, new in new_vals.items():
            if new == old_vals[path] or not carried.activity(path) or _same_items(new, old_vals[path]):
                continue
            if by_name_only and path == "reference":
                continue  # the row has no reference yet: the register's is kept, never blanked
            if path == "updated":
                continue  # a stamp, not a fact: applying the import stamps the activities it changes
            value = inc.recipients if path == "recipients" else new
            old = cur.recipients if path == "recipients" else old_vals[path]
            result.changes.append(
                Change(
                    f"act:{cur.id}:{path}",
                    FIELD,
                    cur_org.name,
                    _label(cur),
                    path,
                    _display_links(old, cur_catalogue),
                    _display_links(value, inc_catalogue),
                    target_org_id=cur_org.id,
                    target_activity_id=cur.id,
                    where=provenance.get((inc.id, path)) or provenance.get((inc.id, path.split(".")[0]), ""),
                )
            )
    for cur in cur_org.activities:
        if cur.id not in matched:
            result.changes.append(
                Change(
                    f"act-:{cur.id}",
                    MISSING_ACTIVITY,
                    cur_org.name,
                    _label(cur),
                    old=cur,
                    target_org_id=cur_org.id,
                    target_activity_id=cur.id,
                )
            )


def activity_values(activity: Activity, org: Organization) -> dict[str, Any]:
    """An activity's field values as the review compares them (recipients by name), keyed by field path."""
    return _activity_values(activity, _catalogue_of(org))


def same_value(new: Any, old: Any) -> bool:
    """Equal as the review judges it: the order of list items means nothing."""
    return new == old or _same_items(new, old)


def _same_items(new: Any, old: Any) -> bool:
    """Lists holding the same items in another order: the order of categories or measures means nothing."""
    if not (isinstance(new, list) and isinstance(old, list)) or len(new) != len(old) or new == old:
        return False
    return sorted(map(repr, new)) == sorted(map(repr, old))


def _display_links(value: Any, catalogue: RecipientCatalogue) -> Any:
    """Activity recipients carry catalogue ids: show (and later adopt) them with their catalogue entry."""
    if isinstance(value, list) and value and isinstance(value[0], ActivityRecipient):
        return [_LinkView(catalogue.get(v.recipient_id) or Recipient(id=v.recipient_id), v.details) for v in value]
    return value


@dataclass(frozen=True)
class _LinkView:
    """An activity recipient with its catalogue entry, so it can be shown and adopted by another catalogue."""

    recipient: Recipient
    details: str

    def __str__(self) -> str:
        return " | ".join(p for p in (self.recipient.name, self.details) if p)


def _adopt(links: list[Any], catalogue: RecipientCatalogue) -> list[ActivityRecipient]:
    out = []
    for link in links:
        rec: Recipient = link.recipient
        found = catalogue.find(rec)
        if found is None:
            found = copy.copy(rec)
            catalogue.add(found)
        out.append(ActivityRecipient(found.id, link.details))
    return out


class _Target:
    """An organisation of the new register, copied on first write: its lists are its own, its items shared."""

    def __init__(self, org: Organization) -> None:
        self.org = copy.copy(org)
        self.org.activities = list(org.activities)
        self.org.recipients = list(org.recipients)
        self.index = {a.id: i for i, a in enumerate(self.org.activities)}
        self.copied: set[str] = set()
        self.removed: set[str] = set()
        self._catalogue: RecipientCatalogue | None = None
        self.processor: pc.ProcessorTarget | None = None  # made on the first change to the processor's side

    @property
    def catalogue(self) -> RecipientCatalogue:
        if self._catalogue is None:
            self._catalogue = _catalogue_of(self.org)
        return self._catalogue

    def activity(self, activity_id: str) -> Activity | None:
        """The activity, copied once before its first change (the current register keeps the original)."""
        i = self.index.get(activity_id)
        if i is None:
            return None
        activity = self.org.activities[i]
        if activity_id not in self.copied:
            activity = self.org.activities[i] = _copy_activity(activity)
            self.copied.add(activity_id)
        return activity

    def set_recipient_field(self, recipient_id: str, key: str, value: Any) -> None:
        """Set a field of a catalogue entry, copied first (the current register keeps the original)."""
        for i, recipient in enumerate(self.org.recipients):
            if recipient.id == recipient_id:
                self.org.recipients[i] = twin = copy.copy(recipient)
                setattr(twin, key, value)
                self._catalogue = None
                return

    def append(self, activity: Activity) -> None:
        self.index[activity.id] = len(self.org.activities)
        self.copied.add(activity.id)
        self.org.activities.append(activity)

    def finish(self) -> Organization:
        if self.removed:
            self.org.activities = [a for a in self.org.activities if a.id not in self.removed]
        if self.processor is not None:
            self.processor.finish()
        return self.org


def _copy_activity(activity: Activity) -> Activity:
    """A copy whose fields can be set without touching the original: its two nested objects are copied too."""
    twin = copy.copy(activity)
    twin.dpia = copy.copy(activity.dpia)
    twin.automated_decision = copy.copy(activity.automated_decision)
    return twin


def apply_changes(current: Register, changes: ChangeSet, accepted: Collection[str] | None = None) -> Register:
    """A NEW register with the accepted changes (default ``changes.default_ids()``); ``current`` intact.

    The result shares what no change touches with ``current`` and ``changes.incoming``: treat it as a value.
    """
    chosen = set(changes.default_ids() if accepted is None else accepted)
    targets: dict[str, _Target] = {}
    new_orgs: list[Organization] = []
    taken = {a.id for o in current.organizations for a in o.activities}
    taken_processing = {a.id for o in current.organizations for a in o.processor_activities}
    incoming_owner = {id(a): o for o in changes.incoming.organizations for a in o.activities}
    incoming_orgs = {o.id: o for o in changes.incoming.organizations}
    current_orgs = {o.id: o for o in current.organizations}
    sources: dict[int, RecipientCatalogue] = {}

    def target_of(org_id: str) -> _Target | None:
        if org_id not in targets:
            if org_id not in current_orgs:
                return None
            targets[org_id] = _Target(current_orgs[org_id])
        return targets[org_id]

    for change in changes.changes:
        if change.id not in chosen:
            continue
        if change.kind == NEW_ORGANIZATION:
            org = incoming_orgs.get(change.target_org_id)
            if org is not None and org.id not in current_orgs and all(o.id != org.id for o in new_orgs):
                new_orgs.append(org)
                taken.update(a.id for a in org.activities)
                taken_processing.update(a.id for a in org.processor_activities)
            continue
        target = target_of(change.target_org_id)
        if target is None:
            continue
        if change.kind in pc.SCOPES:
            if target.processor is None:
                target.processor = pc.ProcessorTarget(target.org, incoming_orgs.get(change.target_org_id))
            target.processor.apply(change.kind, change.target_activity_id, change.path, change.new, taken_processing)
        elif change.kind == ORGANIZATION_FIELD:
            head = change.path.partition(".")[0]
            if head != change.path:  # a contact's field: the contact is copied before it changes
                setattr(target.org, head, copy.copy(getattr(target.org, head)))
            _set_path(target.org, change.path, copy.deepcopy(change.new))
        elif change.kind == NEW_ACTIVITY:
            activity = copy.copy(change.new)
            source = incoming_owner.get(id(change.new))
            if source is not None:
                if id(source) not in sources:
                    sources[id(source)] = _catalogue_of(source)
                links = _display_links(activity.recipients, sources[id(source)]) or []
                activity.recipients = _adopt(links, target.catalogue)
            if activity.id in taken:
                activity.id = new_id()
            taken.add(activity.id)
            target.append(activity)
        elif change.kind == NEW_RECIPIENT:
            if target.org.recipient(change.target_recipient_id) is None:
                target.org.recipients.append(copy.deepcopy(change.new))
                target._catalogue = None
        elif change.kind == RECIPIENT_FIELD:
            target.set_recipient_field(change.target_recipient_id, change.path, copy.deepcopy(change.new))
        elif change.kind == MISSING_ACTIVITY:
            target.removed.add(change.target_activity_id)
            taken.discard(change.target_activity_id)
        elif change.kind == FIELD:
            activity_obj = target.activity(change.target_activity_id)
            if activity_obj is None:
                continue
            if change.path == "recipients":
                activity_obj.recipients = _adopt(change.new or [], target.catalogue)
            else:
                _set_path(activity_obj, change.path, copy.deepcopy(change.new))
    result = Register([targets[o.id].finish() if o.id in targets else o for o in current.organizations])
    result.organizations.extend(new_orgs)
    return result


def _set_path(obj: Any, path: str, value: Any) -> None:
    head, _, tail = path.partition(".")
    if tail:
        setattr(getattr(obj, head), tail, value)
    else:
        setattr(obj, head, value)
