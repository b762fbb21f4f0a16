"""Our Register rows merged three ways, cell by cell: the export (each row's digests), the file, the register."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..domain.model import Activity, Organization
from .changes import _set_path, activity_values, change_value, same_value

Conflicts = dict[tuple[str, str], tuple[str, list[Any]]]  # (owner, path) -> ("cell ≠ cell", the other values)
Stale = dict[tuple[str, str], str]  # (activity id, path) -> the cell edited where the register changed since export


@dataclass
class Rows:
    """Our Register rows merged three ways, cell by cell: the export (the row's digests), the file, the register.

    A cell counsel left as exported never overrides the register; an edited one applies where the register still
    holds what was exported, and is a conflict naming the cell where the register changed too. The fiche and
    the CNIL list are compared with what they held at export likewise: two sheets edited differently conflict.
    A row nobody edited is the register's own activity: nothing compared.
    """

    mine: dict[str, tuple[Organization, Activity]]  # the file's, written to in place
    places: dict[str, int]
    theirs: dict[str, tuple[Organization, Activity]]  # the register's
    provenance: dict[tuple[str, str], str]
    conflicts: Conflicts
    stale: Stale
    catalogued: set[str] = field(default_factory=set)  # organisations whose recipients were completed

    def merge(self, activity_id: str, digests: tuple[str, str], alts: list[Any], lang: str) -> None:
        from .spreadsheet import row_digest
        from .spreadsheet.roundtrip import FicheReading, edited_where, fiche_reading

        if activity_id not in self.mine or activity_id not in self.theirs:
            return  # an activity the register no longer has: its row is taken as it is
        org, activity = self.mine[activity_id]
        cur_org, cur = self.theirs[activity_id]
        if org.id != cur_org.id:
            return  # imported into another organisation than its own: compared as before (a conflict)
        if org.id not in self.catalogued:  # the register's recipients the file lacks (added since): links resolve
            self.catalogued.add(org.id)
            known = {r.id for r in org.recipients}
            org.recipients += [copy.deepcopy(r) for r in cur_org.recipients if r.id not in known]
        stored, read = digests
        sides: dict[str, list[tuple[str, Any]]] = {}  # path -> (cell, value) of each sheet that edited it
        changed: set[str] = set()  # the fields the register changed since the export
        merged_items: set[str] = set()  # list fields merged item by item (no conflict: different items or fields)
        if stored != read or alts:
            changed = row_digest.differing_paths(stored, row_digest.of_activity(cur, cur_org, lang))
            edited = row_digest.differing_paths(stored, read)
            for path in sorted(edited):
                where = self.provenance.get((activity_id, path), "")
                sides.setdefault(path, []).append((where, copy.deepcopy(get_path(activity, path))))
            if alts:
                exported = copy.deepcopy(cur)  # the activity as exported: where the register changed since,
                for path in changed - edited:  # the Register sheet's cell left as it was holds the export's value
                    _set_path(exported, path, copy.deepcopy(get_path(activity, path)))
                values = activity_values(exported, org)
                reading: FicheReading | None = None
                for alt in alts:
                    where = alt.where
                    if alt.source == "fiche":
                        reading = reading or fiche_reading(exported, org, alt.lang)
                        untouched = reading.values.get(alt.path)
                        where = edited_where(alt, reading.cells)
                    else:
                        untouched = values.get(alt.path)
                    if same_value(alt.seen, untouched):
                        continue
                    if alt.path in changed and _as_exported(stored, exported, org, alt, lang):
                        continue  # the sheet holds the export's value: left as it was (the register changed since)
                    items = (_item_merge(untouched, alt.value, get_path(exported, alt.path), get_path(cur, alt.path))
                             if alt.path in changed - edited and alt.path != "recipients" else None)
                    if items is not None:  # the items' fields counsel edited, on the register's current list
                        sides.setdefault(alt.path, []).append((where, items))
                        merged_items.add(alt.path)
                        continue
                    sides.setdefault(alt.path, []).append((where, copy.deepcopy(alt.value)))  # edited there
        merged = self._merged(activity_id, cur, org, sides, changed - merged_items)
        org.activities[self.places[activity_id]] = merged
        self.mine[activity_id] = (org, merged)

    def _merged(self, activity_id: str, cur: Activity, org: Organization, sides: dict[str, list[tuple[str, Any]]],
                changed: set[str]) -> Activity:
        if not sides:
            return cur  # nobody edited this activity in the file: the register's, shared (nothing to compare)
        merged = copy.deepcopy(cur)
        now = activity_values(cur, org)
        for path, found in sides.items():
            distinct: list[tuple[str, Any, Any, Any]] = []  # (cell, value, comparable, as a Change carries it)
            for where, value in found:
                candidate = copy.deepcopy(cur)
                _set_path(candidate, path, value)
                comparable = activity_values(candidate, org)[path]
                same = next((d for d in distinct if same_value(d[2], comparable)), None)
                if same is None:
                    distinct.append((where, value, comparable, change_value(candidate, org, path)))
            distinct.sort(key=lambda d: same_value(d[2], now[path]))  # a side differing from the register first
            if same_value(distinct[0][2], now[path]):
                continue  # the file says what the register says (say, this workbook imported already)
            where, value = distinct[0][0], distinct[0][1]
            _set_path(merged, path, copy.deepcopy(value))
            self.provenance[(activity_id, path)] = where
            if len(distinct) > 1:
                self.conflicts[(activity_id, path)] = (" ≠ ".join(d[0] or "?" for d in distinct),
                                                       [d[3] for d in distinct[1:]])
            elif path in changed:
                self.stale[(activity_id, path)] = where
        return merged


def _item_merge(rounded: Any, theirs: Any, base: Any, mine: Any) -> list[Any] | None:
    """A list edited in another sheet merged field by field on the register's current list; None if it cannot be.

    ``rounded``: the export's list as that sheet reads it back (a fiche holds less than the register);
    ``theirs``: as that sheet reads now; ``base``: as exported; ``mine``: the register's. The lists are paired
    item by item (same length only): a field counsel left is the register's, one counsel edited applies where the
    register still holds the export's value; both changed the same field: None (the whole list is a conflict).
    """
    lists = (rounded, theirs, base, mine)
    if not all(isinstance(x, list) for x in lists) or len({len(x) for x in lists}) != 1 or not theirs:
        return None
    if not all(dataclasses.is_dataclass(x) and not isinstance(x, type) for x in (*theirs, *rounded, *base, *mine)):
        return None
    out = []
    for r, t, b, m in zip(rounded, theirs, base, mine, strict=True):
        if not (type(r) is type(t) is type(b) is type(m)):
            return None
        item = copy.deepcopy(m)
        for f in dataclasses.fields(t):
            typed, left = getattr(t, f.name), getattr(r, f.name)
            if typed == left:
                continue  # not edited in that sheet: the register's value stays
            if getattr(m, f.name) not in (getattr(b, f.name), typed):
                return None  # changed in the register and in the sheet
            setattr(item, f.name, copy.deepcopy(typed))
        out.append(item)
    return out


def _as_exported(stored: str, exported: Activity, org: Organization, alt: Any, lang: str) -> bool:
    """``alt`` (another sheet's reading) is the value the Register row had at export: its cell's digest says so."""
    from .spreadsheet import row_digest

    candidate = copy.deepcopy(exported)
    _set_path(candidate, alt.path, copy.deepcopy(alt.value))
    return alt.path not in row_digest.differing_paths(stored, row_digest.of_activity(candidate, org, lang))


def own(org: Organization, index: int, mine: dict[str, tuple[Organization, Activity]]) -> Activity:
    """``org``'s activity at ``index`` copied before it is written to, in its place in ``org`` and ``mine``."""
    copied = copy.deepcopy(org.activities[index])
    org.activities[index] = copied
    mine[copied.id] = (org, copied)
    return copied


def get_path(obj: Any, path: str) -> Any:
    head, _, tail = path.partition(".")
    value = getattr(obj, head)
    return getattr(value, tail) if tail else value
