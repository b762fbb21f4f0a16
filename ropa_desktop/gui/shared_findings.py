"""One organisation's activity findings with shared facts merged, brought up to date one changed activity at a time."""

from __future__ import annotations

import copy

from ..domain.checks import SHARED_FACTS, Finding, merge_shared
from ..domain.model import Activity, Organization

Key = tuple[object, ...]


def _key(f: Finding) -> Key:
    """The fact a shared finding states (as ``merge_shared`` groups them)."""
    return (f.code, "recipient" if "recipient" in f.params else f.field, tuple(sorted(f.params.items())))


class SharedFindings:
    """What ``merge_shared(org, every activity's own findings)`` gives, kept per activity and per shared fact.

    A change to one activity re-merges only the facts its findings (before and after) state: at 10,000 activities
    merging them all again took most of a live refresh. ``merged`` gives the very list, in the very order.
    """

    def __init__(self, org: Organization, own: dict[str, list[Finding]]) -> None:
        self.own: dict[str, list[Finding]] = {}
        self.keys: dict[str, list[Key | None]] = {}  # each own finding's shared fact (None: not a shared one)
        self.references: dict[str, str] = {}  # as the own findings were taken: a new one may make a duplicate
        self.labels: dict[str, str] = {}
        self.members: dict[Key, dict[str, None]] = {}  # each shared fact -> the activities stating it
        self.groups: dict[Key, list[Finding]] = {}  # each shared fact stated by two or more: merge_shared's finding
        for activity in org.activities:
            self._add(activity.id, own[activity.id], activity)
        self._regroup(org, set(self.members))

    def _add(self, activity_id: str, findings: list[Finding], activity: Activity) -> None:
        self.own[activity_id] = findings
        self.references[activity_id] = activity.reference
        self.labels[activity_id] = activity.reference or activity.name  # how a merged finding names it
        keys = self.keys[activity_id] = [_key(f) if f.code in SHARED_FACTS else None for f in findings]
        for key in keys:
            if key is not None:
                self.members.setdefault(key, {})[activity_id] = None

    def _remove(self, activity_id: str) -> None:
        self.own.pop(activity_id, None)
        keys = {key for key in self.keys.pop(activity_id, []) if key is not None}
        self.references.pop(activity_id, None)
        self.labels.pop(activity_id, None)
        for key in keys:
            members = self.members.get(key)
            if members is not None:
                members.pop(activity_id, None)
                if not members:
                    del self.members[key]

    def update(self, org: Organization, activity_id: str, findings: list[Finding] | None) -> bool:
        """The activity's own findings now (None: it is gone); True when its reference is new (or it came or went).

        Only the facts whose statements by this activity changed, or that name it (its label changed), are merged
        again: a fact every activity shares is not re-merged when one of them changes elsewhere.
        """
        before_reference, before_label = self.references.get(activity_id), self.labels.get(activity_id)
        before = self._stated(activity_id)
        self._remove(activity_id)
        activity = org.activity(activity_id) if findings is not None else None
        if activity is not None and findings is not None:
            self._add(activity_id, findings, activity)
        after = self._stated(activity_id)
        keys = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        if before_label != self.labels.get(activity_id):
            keys |= before.keys() | after.keys()
        self._regroup(org, keys)
        return activity is None or before_reference != activity.reference

    def _stated(self, activity_id: str) -> dict[Key, list[Finding]]:
        stated: dict[Key, list[Finding]] = {}
        for f, key in zip(self.own.get(activity_id, ()), self.keys.get(activity_id, ()), strict=True):
            if key is not None:
                stated.setdefault(key, []).append(f)
        return stated

    def _regroup(self, org: Organization, keys: set[Key]) -> None:
        """Merge each of these facts again from the activities stating it, as ``merge_shared`` does."""
        order = {activity.id: i for i, activity in enumerate(org.activities)}
        for key in keys:
            self.groups.pop(key, None)
            members = sorted(self.members.get(key, ()), key=lambda a: order.get(a, len(order)))
            stated = [f for activity_id in members
                      for f, k in zip(self.own[activity_id], self.keys[activity_id], strict=True) if k == key]
            if len(stated) < 2:
                continue
            # merge_shared reads the organisation's activities only to name them: the members' are enough.
            narrow = copy.copy(org)
            narrow.activities = [a for a in (org.activity(activity_id) for activity_id in members) if a is not None]
            self.groups[key] = merge_shared(narrow, stated)

    def merged(self, org: Organization) -> list[Finding]:
        """``merge_shared`` of every activity's findings in the organisation's order (each group at its first)."""
        out: list[Finding] = []
        placed: set[Key] = set()
        for activity in org.activities:
            for f, key in zip(self.own.get(activity.id, ()), self.keys.get(activity.id, ()), strict=True):
                group = self.groups.get(key) if key is not None else None
                if group is None or key is None:
                    out.append(f)
                elif key not in placed:
                    placed.add(key)
                    out += group
        return out
