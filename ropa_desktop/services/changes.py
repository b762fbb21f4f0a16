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

from ..domain.catalogue import RecipientCatalogue
from ..domain.fields import field_spec, fields_of
from ..domain.model import (
    Activity,
    ActivityRecipient,
    Organization,
    Recipient,
    Register,
    new_id,
)
from . import processor_changes as pc
from .change_kinds import (
    BLANK_ANSWER,
    FIELD,
    MISSING_ACTIVITY,
    NEW_ACTIVITY,
    NEW_ORGANIZATION,
    NEW_RECIPIENT,
    ORGANIZATION_FIELD,
    RECIPIENT_FIELD,
    Change,
)
from .change_wording import (
    _label,
    _side_cells,
    _t,
    conflict_sides,
    describe_change,
    display,
    fewer_items,
    field_label,
)
from .values import match_key as _fold

__all__ = [
    "BLANK_ANSWER",
    "FIELD",
    "MISSING_ACTIVITY",
    "NEW_ACTIVITY",
    "NEW_ORGANIZATION",
    "NEW_RECIPIENT",
    "ORGANIZATION_FIELD",
    "RECIPIENT_FIELD",
    "Change",
    "ChangeSet",
    "activity_values",
    "apply_changes",
    "change_value",
    "compute_changes",
    "conflict_sides",
    "describe_change",
    "display",
    "fewer_items",
    "field_label",
    "pick_side",
    "same_value",
]

_ORG_FIELDS = (*fields_of("organization"), field_spec("organization", "sources"),
               field_spec("organization", "security_measures"))


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
    # Matching by reference or name folds every text (most of the matching's time on 10,000 activities): only done
    # once an activity is not found by its id, which a re-import of our own file never needs.
    index: _MatchIndex | None = None
    cur_catalogue, inc_catalogue = _catalogue_of(cur_org), _catalogue_of(inc_org)
    # Recipient ids that name the same entry in both catalogues: an activity equal to its match field by field
    # and linking only to these has no change (the common case of a re-import, decided without field paths).
    same_recipients = {rid for rid, rec in cur_catalogue.by_id.items()
                       if rid in inc_catalogue.by_id and _fold(inc_catalogue.by_id[rid].name) == _fold(rec.name)}
    matched: set[str] = set()
    for i, inc in enumerate(inc_org.activities):
        conflict = ""
        cur: Activity | None = None
        if inc.id in owner:
            org, cur = owner[inc.id]
            if org.id != cur_org.id:
                conflict, cur = "other_organization", None
        duplicate = False  # (only read below for an activity not taken by its id)
        if (cur is None and not conflict) or (cur is not None and cur.id in matched):
            index = index or _MatchIndex(inc_org, cur_org)
            folded, folded_name = index.keys[i]
            by_reference, by_name, names = index.by_reference, index.by_name, index.names
            duplicate = bool(inc.reference.strip()) and index.counts.get(folded, 0) > 1
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


class _MatchIndex:
    """Each incoming reference and name folded once, and the current activities by folded reference and name."""

    def __init__(self, inc_org: Organization, cur_org: Organization) -> None:
        self.keys = [(_fold(a.reference), _fold(a.name)) for a in inc_org.activities]
        self.counts: dict[str, int] = {}
        for a, (reference, _) in zip(inc_org.activities, self.keys, strict=True):
            if a.reference.strip():
                self.counts[reference] = self.counts.get(reference, 0) + 1
        # The current activities by folded reference, in order: a match by reference takes the first unmatched one.
        self.by_reference: dict[str, list[Activity]] = {}
        self.by_name: dict[str, list[Activity]] = {}
        for a in cur_org.activities:
            self.by_reference.setdefault(_fold(a.reference), []).append(a)
            self.by_name.setdefault(_fold(a.name), []).append(a)
        self.names: dict[str, int] = {}
        for _, name in self.keys:
            self.names[name] = self.names.get(name, 0) + 1


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
