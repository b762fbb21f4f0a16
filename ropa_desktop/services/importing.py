"""An import file (JSON, XLSX or ODS) read by content, planned against the register as a reviewed change set.

Service API: ``read_input(path, mapping=...) -> Incoming``; when ``needs_target(incoming)`` (the file names
no organisation) the caller chooses: ``retarget(incoming, into=org)`` or ``retarget(incoming, new_name=...)``
(``find_organization(register, "id or name")`` resolves a typed one); then ``plan_import`` and
``apply_import``. Nothing from a file without an organisation's name is ever merged silently.
"""

from __future__ import annotations

import copy
import dataclasses
import errno
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.messages import TranslatedError, message_table
from ..domain.model import Activity, Organization, ProcessorActivity, Register
from .changes import (
    BLANK_ANSWER,
    FIELD,
    ORGANIZATION_FIELD,
    RECIPIENT_FIELD,
    Change,
    ChangeSet,
    _set_path,
    activity_values,
    apply_changes,
    change_value,
    compute_changes,
    fewer_items,
    same_value,
)
from .editing import copy_organization
from .import_staleness import DELETED_SINCE_EXPORT, changed_since, deleted_since, is_stale
from .json_format import DocumentError, read_file_versioned
from .os_reason import OsReason
from .processor_changes import CLIENT_FIELD, MISSING_KINDS, NEW_CLIENT, NEW_PROCESSING, PROCESSING_FIELD
from .row_merge import Conflicts, Rows, Stale, get_path, own

if TYPE_CHECKING:
    from .spreadsheet.unchanged import Opened


_MESSAGES = message_table("import_input", {
    "bad_json": ("{path} n'est pas un registre JSON lisible : {detail}",
                 "{path} is not a readable JSON register: {detail}"),
    "unreadable": ("Impossible de lire {path} : {detail}", "Cannot read {path}: {detail}"),
    "needs_target": (
        "{path} ne nomme aucun organisme : indiquez --into ORGANISME (identifiant ou nom) pour l'importer dans "
        "un organisme du registre, ou --new-organization NOM pour en créer un.",
        "{path} names no organisation: give --into ORG (id or name) to import it into an organisation of the "
        "register, or --new-organization NAME to create one.",
    ),
    "unknown_target": (
        "Organisme inconnu : « {name} » (organismes du registre : {known}).",
        "Unknown organisation: '{name}' (organisations in the register: {known}).",
    ),
    "several_organizations": (
        "{path} contient {count} organismes : --into et --new-organization ne s'appliquent qu'à un fichier "
        "d'un seul organisme.",
        "{path} holds {count} organisations: --into and --new-organization apply to a one-organisation file only.",
    ),
    "target_exists": (
        "L'organisme « {name} » existe déjà : utilisez --into pour y importer.",
        "Organisation '{name}' already exists: use --into to import into it.",
    ),
})


class ImportInputError(TranslatedError, ValueError):
    """The import file cannot be read as a register; nothing was changed."""

    MESSAGES = _MESSAGES


class Warning_(Protocol):
    """A reading warning, translated on demand."""

    def message(self, lang: str = "en") -> str: ...


@dataclass(slots=True)
class Incoming:
    """What an import file holds, and what reading it had to say."""

    register: Register
    kind: str  # "json", or the spreadsheet's kind: "ropa" (our export), "cnil", "table"
    warnings: list[Warning_] = field(default_factory=list)
    # The field paths the file carries (a CNIL template has no legal form...): absent ones are not "changed".
    fields: frozenset[str] | None = None
    provenance: dict[tuple[str, str], str] = field(default_factory=dict)  # (activity id, path) -> cell
    alternatives: list[Any] = field(default_factory=list)  # spreadsheet.reader.Alternative
    unmapped: list[str] = field(default_factory=list)  # headers no field was found for
    guessed_map: dict[str, dict[str, str]] = field(default_factory=dict)  # {sheet: {header: field}}
    exported_at: datetime | None = None  # our workbook's export time: later register edits make its sheets stale
    # Our Register rows left as exported and not parsed (``read_input(defer=True)``): ``settle`` before planning
    deferred: dict[str, Callable[[], Activity]] = field(default_factory=dict)
    # Our Register sheet's rows: activity id -> (cell digests as exported, as read): see spreadsheet.row_digest
    row_digests: dict[str, tuple[str, str]] = field(default_factory=dict)
    lang: str = "fr"  # our workbook's language
    recipient_rows: dict[str, Any] = field(default_factory=dict)  # our Recipients rows (spreadsheet.catalogue_edits)
    record_versions: dict[str, int] | None = None  # our JSON's records' stored versions at export (id -> version)
    register_id: str | None = None  # our JSON's register (``storage.ids.register_id``): None when it does not say


def looks_like_json(path: Path) -> bool:
    # A FIFO or a device would block or never end: refused before it is opened.
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(mode):
        raise ImportInputError("unreadable", path=path, detail="not a regular file (a pipe, device or socket)")
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    # A JSON document that is not an object (``[]``, ``null``) is still JSON, and deserves the JSON message; the
    # extension only decides for a file that is not a zip archive (what XLSX and ODS are).
    return head[:1] in (b"{", b"[") or (not head.startswith(b"PK") and path.suffix.lower() == ".json")


def read_input(path: Path, *, progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None, mapping: dict[str, Any] | None = None,
               defer: bool = False, opened: Opened | None = None) -> Incoming:
    """Read ``path`` by its content (never its extension); errors carry a code and a translated message.

    ``defer``: our workbook's Register rows left as exported are not parsed; call ``settle`` with the register
    before anything else reads the incoming register. ``opened``: the workbook already opened (``unchanged``).
    """
    try:
        is_json = looks_like_json(path)
    except IsADirectoryError:
        raise ImportInputError("unreadable", path=path, detail=OsReason(IsADirectoryError(errno.EISDIR, ""))) from None
    except OSError as exc:
        raise ImportInputError("unreadable", path=path, detail=OsReason(exc)) from None
    if is_json:
        try:
            register, exported_at, versions, register_id = read_file_versioned(path)
            return Incoming(register, "json", exported_at=exported_at, record_versions=versions,
                            register_id=register_id)
        except DocumentError as exc:
            if exc.path == "$.format":  # not a register: perhaps a processor's statement
                statement = _statement(path)
                if statement is not None:
                    return statement
            raise ImportInputError("bad_json", path=path.name, detail=exc) from None
    from .spreadsheet import read_spreadsheet  # raises SpreadsheetError for anything it cannot read safely

    result = read_spreadsheet(path, progress=progress, cancel=cancel, mapping=mapping, defer=defer,
                              opened=opened)
    return Incoming(result.register, result.kind, list(result.warnings), result.fields, result.provenance,
                    list(result.alternatives), list(result.unmapped_headers), result.guessed_map,
                    result.exported_at, deferred=result.deferred, row_digests=result.row_digests,
                    lang=result.lang or "fr", recipient_rows=result.recipient_rows)


def settle(incoming: Incoming, current: Register) -> Incoming:
    """The rows ``read_input(defer=True)`` left unparsed: the register's own activity, else parsed now.

    A row whose cells all still have their export digests never overrides the register (``_Rows``): it stands
    for the register's activity of its id in the same organisation, with nothing to read or compare. A row whose
    activity the register no longer has (or has in another organisation) is parsed as any other.
    """
    if not incoming.deferred:
        return incoming
    theirs = {a.id: (o.id, a) for o in current.organizations for a in o.activities}
    for org in incoming.register.organizations:
        for i, activity in enumerate(org.activities):
            make = incoming.deferred.get(activity.id)
            if make is None:
                continue
            found = theirs.get(activity.id)
            org.activities[i] = found[1] if found is not None and found[0] == org.id else make()
    incoming.deferred = {}
    return incoming


def _statement(path: Path) -> Incoming | None:
    """A processor statement as an import into its client's recipients catalogue; None if not a statement."""
    from .statement import StatementError
    from .statement_import import KIND, read_statement_register

    try:
        return Incoming(read_statement_register(path), KIND)
    except StatementError as exc:
        inner = exc.params.get("detail")
        if getattr(inner, "code", "") == "not_statement":
            return None
        raise


def needs_target(incoming: Incoming) -> bool:
    """True when the file names no organisation: the user must choose where it goes (never a silent merge)."""
    return any(not org.name.strip() for org in incoming.register.organizations)


def find_organization(register: Register, text: str) -> Organization | None:
    """An organisation by id, else by name (case-insensitive, exact)."""
    found = register.organization(text)
    if found is None:
        found = next((o for o in register.organizations if o.name.strip().casefold() == text.strip().casefold()),
                     None)
    return found


def retarget(incoming: Incoming, *, into: Organization | None = None, new_name: str | None = None) -> Incoming:
    """The file's organisation imported into ``into`` (of the register) or created as ``new_name``.

    A file of several organisations is refused (ImportInputError "several_organizations").
    """
    orgs = incoming.register.organizations
    if len(orgs) > 1:
        raise ImportInputError("several_organizations", path="", count=len(orgs))
    register = copy.deepcopy(incoming.register)
    for index, org in enumerate(register.organizations):
        if into is not None:
            org.id, org.name = into.id, into.name
        elif new_name is not None:
            # A new organisation is a copy under new ids throughout: its clients, processing and recipients keep
            # the file's ids otherwise, and the same file imported again as itself would clash with them.
            register.organizations[index] = copy_organization(org, new_name.strip())
    return replace(incoming, register=register)


def plan_import(current: Register, incoming: Incoming, lang: str = "en",
                versions: Mapping[str, int] | None = None, register_id: str | None = None) -> ChangeSet:
    """What importing would change: new and changed activities, missing ones, conflicts, reading problems.

    The processor's side likewise: clients and processing for them matched by id, changed fields, missing ones;
    a record changed in the register after the file's export is a ``changed_since_export`` conflict, judged by
    ``versions`` (the register's, by record id: ``import_staleness``). A processor's statement changes its
    client's recipients catalogue (``statement_import``). A record the file's own register (``register_id``)
    held at export and no longer holds was deleted since: a ``deleted_since_export`` conflict, not re-created.
    """
    from .statement_import import KIND, plan_statement

    if incoming.kind == KIND:
        return plan_statement(current, incoming.register, lang)
    incoming = settle(incoming, current)  # (when the caller has not)
    problems = [w.message(lang) for w in incoming.warnings]
    register, provenance, conflicts, stale = _resolve(current, incoming)
    catalogue: list[Change] = []
    if incoming.recipient_rows:  # counsel's edits in our Recipients sheet: the catalogue's entries
        from .spreadsheet.catalogue_edits import recipient_changes

        catalogue = recipient_changes(current, register, incoming.recipient_rows, incoming.lang)
        register = _renamed_back(register, catalogue)
    plan = compute_changes(current, register, problems, fields=incoming.fields, provenance=provenance)
    plan.changes += catalogue
    if incoming.kind not in ("json", "ropa"):
        # A template's or a table's empty identity cell says nothing: it never erases what the register holds.
        plan.changes = [c for c in plan.changes if not (c.kind == ORGANIZATION_FIELD and _blank(c.new))]
    if incoming.kind != "json" and not any(o.clients or o.processor_activities for o in register.organizations):
        # A workbook without the processor's sheets (a controller's, or one written before them) says nothing of
        # the clients and their processing: they are not "missing from the file".
        plan.changes = [c for c in plan.changes if c.kind not in MISSING_KINDS]
    if incoming.kind != "json":
        plan.changes = [_blank_answer(c) for c in plan.changes]
    updated = {a.id: a for o in current.organizations for a in o.activities}
    processing = {a.id: a for o in current.organizations for a in o.processor_activities}
    for i, change in enumerate(plan.changes):
        # A record's field (an activity's, a client's, a processing's) is owned by the record, not the organisation:
        # its cell is found under the record's id, and a contact edited in the CNIL list is never taken for it.
        owner = change.target_activity_id if change.kind in _RECORD_KINDS else f"org:{change.target_org_id}"
        activity: Activity | ProcessorActivity | None = (
            updated.get(change.target_activity_id or "") if change.kind == FIELD
            else processing.get(change.target_activity_id) if change.kind == PROCESSING_FIELD else None
        )
        if (owner, change.path) in stale:  # edited in the file, and changed in the register since the export
            plan.changes[i] = change = replace(change, conflict="changed_since_export",
                                               where=stale[(owner, change.path)])
        elif not change.conflict and deleted_since(change, incoming.register_id, register_id,
                                                   incoming.record_versions, versions):
            plan.changes[i] = change = replace(change, conflict=DELETED_SINCE_EXPORT)
        elif not change.conflict and owner not in incoming.row_digests and is_stale(  # (the file's may be older)
                change, activity, incoming.exported_at, incoming.record_versions, versions):
            plan.changes[i] = change = replace(change, conflict="changed_since_export")
        other = conflicts.get((owner, change.path))
        if other is not None:
            plan.changes[i] = replace(change, conflict="edited_twice", where=other[0], others=tuple(other[1]))
        elif not change.where and (owner, change.path) in provenance:
            plan.changes[i] = replace(change, where=provenance[(owner, change.path)])
    plan.problems += [text for change in plan.changes if (text := side_warning(change, lang))]  # items lost: said
    return plan


def _renamed_back(register: Register, catalogue: list[Change]) -> Register:
    """The file's register with the catalogue entries renamed in the Recipients sheet under their old names.

    The rename is one change of the entry; the activities linking to it (by name, when compared) did not change.
    """
    renames = {(c.target_org_id, c.target_recipient_id): c.old for c in catalogue
               if c.kind == RECIPIENT_FIELD and c.path == "name"}
    if not renames:
        return register
    register = _shallow_copy(register)
    for org in register.organizations:
        org.recipients = [replace(r, name=renames[(org.id, r.id)]) if (org.id, r.id) in renames else r
                          for r in org.recipients]
    return register


def side_warning(change: Change, lang: str) -> str:
    """The "3 rules become 1" warning of the value a change applies: of its first cell's side in a conflict."""
    return fewer_items(replace(change, where=change.where.split(" ≠ ")[0]), lang)


_RECORD_KINDS = frozenset({FIELD, CLIENT_FIELD, PROCESSING_FIELD, NEW_CLIENT, NEW_PROCESSING})


def _blank_answer(change: Change) -> Change:
    """A spreadsheet's empty answer over a value of the processor's register is offered, never applied alone.

    (The controller's register keeps its rules: our Register sheet is authoritative, a template's empty identity
    cell is dropped above.)
    """
    processor = change.kind in (CLIENT_FIELD, PROCESSING_FIELD) or (
        change.kind == ORGANIZATION_FIELD and change.path == "security_measures")
    if processor and not change.conflict and change.new in ("", None, []) and change.old not in ("", None, []):
        return replace(change, conflict=BLANK_ANSWER)
    return change




def _resolve(
    current: Register, incoming: Incoming
) -> tuple[Register, dict[tuple[str, str], str], Conflicts, Stale]:
    """Our workbook's other sheets: keep the side that changed against the register; both changed: conflict.

    A fiche is compared with the fiche we would write for the register's activity, so what a fiche cannot
    hold exactly is never taken for an edit. Rows with cell digests (``spreadsheet.row_digest``) are merged
    three ways by ``_merge_rows``.
    """
    if not incoming.alternatives and not incoming.row_digests:
        return incoming.register, incoming.provenance, {}, {}
    from .spreadsheet.roundtrip import FicheReading, edited_where, fiche_reading

    register = _shallow_copy(incoming.register)
    provenance = dict(incoming.provenance)
    conflicts: Conflicts = {}
    applied: set[tuple[str, str]] = set()
    mine = {a.id: (o, a) for o in register.organizations for a in o.activities}
    places = {a.id: i for o in register.organizations for i, a in enumerate(o.activities)}
    owned: set[str] = set()  # activities already copied from the incoming register (written to, not shared)
    theirs = {a.id: (o, a) for o in current.organizations for a in o.activities}
    fiches: dict[str, FicheReading] = {}
    values: dict[str, dict[str, Any]] = {}  # the Register sheet's comparable values, per activity
    before: dict[str, dict[str, Any]] = {}  # the register's
    grouped: dict[str, list[Any]] = {}  # the other sheets' readings of the rows with digests
    for alt in incoming.alternatives:
        if alt.organization_id:
            _resolve_organization(alt, register, current, provenance, conflicts, applied)
            continue
        if alt.activity_id in incoming.row_digests:
            grouped.setdefault(alt.activity_id, []).append(alt)
            continue
        if alt.activity_id not in mine or alt.activity_id not in theirs:
            continue  # a new activity: its Register row is taken as it is
        org, activity = mine[alt.activity_id]
        if activity.id not in values:
            values[activity.id] = activity_values(activity, org)
        base = values[activity.id][alt.path]
        if same_value(alt.seen, base):
            continue  # the other sheet says what the Register sheet says
        cur_org, cur = theirs[alt.activity_id]
        if cur.id not in before:
            before[cur.id] = activity_values(cur, cur_org)
        if alt.source == "fiche":
            if cur.id not in fiches:
                fiches[cur.id] = fiche_reading(cur, cur_org, alt.lang)
            untouched = fiches[cur.id].values.get(alt.path)
            alt = replace(alt, where=edited_where(alt, fiches[cur.id].cells))  # the cells edited against the register
        else:
            untouched = before[cur.id][alt.path]
        if same_value(alt.seen, untouched):
            continue  # that sheet was not edited there
        key = (alt.activity_id, alt.path)
        candidate = copy.deepcopy(activity)
        _set_path(candidate, alt.path, copy.deepcopy(alt.value))
        new = activity_values(candidate, org)[alt.path]
        here = provenance.get(key) or provenance.get((alt.activity_id, alt.path.split(".")[0]), "")
        if same_value(new, base):
            continue  # edited alike in both places
        side = change_value(candidate, org, alt.path)  # as a Change carries it, so either side can be picked
        if key in conflicts:
            conflicts[key] = (f"{conflicts[key][0]} ≠ {alt.where}", [*conflicts[key][1], side])
        elif (key not in applied and same_value(base, before[cur.id][alt.path])
              and not changed_since(cur, incoming.exported_at)):
            if activity.id not in owned:
                activity = own(org, places[activity.id], mine)
                owned.add(activity.id)
            _set_path(activity, alt.path, copy.deepcopy(alt.value))  # only the other sheet was edited
            values.pop(activity.id, None)
            provenance[key] = alt.where
            applied.add(key)
        else:
            conflicts[key] = (f"{here} ≠ {alt.where}" if here else alt.where, [side])
    stale: Stale = {}
    if incoming.row_digests:
        rows = Rows(mine, places, theirs, provenance, conflicts, stale)
        for activity_id, digests in incoming.row_digests.items():
            rows.merge(activity_id, digests, grouped.get(activity_id, []), incoming.lang)
    return register, provenance, conflicts, stale


def _shallow_copy(register: Register) -> Register:
    """A register whose organisations may be written to while its activities are still shared (copied on write).

    A deep copy of a 10,000-activity workbook's register took longer than reading it, for the few cells that
    another sheet changes.
    """
    orgs = []
    for org in register.organizations:
        copied = copy.deepcopy(replace(org, activities=[]))
        copied.activities = list(org.activities)
        orgs.append(copied)
    return Register(orgs)


def _blank(value: Any) -> bool:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(_blank(getattr(value, f.name)) for f in dataclasses.fields(value))
    return value in ("", None)


def apply_import(current: Register, plan: ChangeSet, accepted: list[str] | None = None) -> Register:
    """The register after the accepted changes (by default: all that have no conflict, never deletions)."""
    return apply_changes(current, plan, accepted)


def _resolve_organization(alt: Any, register: Register, current: Register, provenance: dict[tuple[str, str], str],
                          conflicts: Conflicts, applied: set[tuple[str, str]]) -> None:
    """A contact edited in the CNIL list sheet: the same rule as for an activity's field."""
    mine, theirs = register.organization(alt.organization_id), current.organization(alt.organization_id)
    if mine is None or theirs is None:
        return
    old, base = get_path(theirs, alt.path), get_path(mine, alt.path)
    if alt.value == old or alt.value == base:
        return  # the list was not edited there, or was edited like the Organisations sheet
    key = (f"org:{alt.organization_id}", alt.path)
    if base == old and key not in applied:
        _set_path(mine, alt.path, alt.value)
        provenance[key] = alt.where
        applied.add(key)
    else:
        where = f"{provenance.get(key, '')} ≠ {alt.where}".strip(" ≠")
        if key in conflicts:
            where = f"{conflicts[key][0]} ≠ {alt.where}"
        conflicts[key] = (where, [*(conflicts[key][1] if key in conflicts else []), alt.value])
