"""Three sides of one activity (what I started from, mine, theirs): what merges by itself, what the user chooses."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from ...domain.model import Activity, Organization, Register
from ...services.changes import ChangeSet, activity_values, apply_changes, compute_changes, same_value
from ...storage.errors import StorageError

_NOT_FIELDS = frozenset({"id", "updated"})  # identity, and a stamp rather than a fact


def changed_fields(before: Activity, after: Activity) -> list[str]:
    """The activity's own fields (``dataclasses`` names) that differ, the ``updated`` stamp aside."""
    return [f.name for f in dataclasses.fields(Activity)
            if f.name not in _NOT_FIELDS and getattr(before, f.name) != getattr(after, f.name)]


def changed_paths(before: Activity, after: Activity, org: Organization) -> list[str]:
    """The field paths (``dpia.done``...) that differ, as the review compares them."""
    old, new = activity_values(before, org), activity_values(after, org)
    return [path for path, value in new.items() if path != "updated" and not same_value(value, old[path])]


@dataclasses.dataclass
class ThreeWay:
    """``mine`` saved against a version someone else replaced by ``theirs``, both from ``base``.

    ``review`` holds a change per field both sides changed differently (its ``new`` is mine, its ``old`` theirs);
    ``automatic`` the ids of the fields only I changed (mine is taken, as nobody else touched them).
    """

    org: Organization
    theirs: Activity
    review: ChangeSet
    automatic: list[str]

    _automatic_changes: list[Any] = dataclasses.field(default_factory=list)

    def merged(self, mine_chosen: list[str]) -> Activity:
        """Theirs, with my value of each field I alone changed and of each conflicting field in ``mine_chosen``."""
        accepted = [*self.automatic, *mine_chosen]
        everything = ChangeSet(changes=[*self.review.changes, *self._automatic_changes],
                               incoming=self.review.incoming)
        register = apply_changes(Register([_holding(self.org, self.theirs)]), everything, accepted)
        merged = register.organizations[0].activity(self.theirs.id)
        assert merged is not None
        merged = copy.deepcopy(merged)
        merged.updated = self.theirs.updated
        return merged


def three_way(org: Organization, base: Activity, mine: Activity, theirs: Activity) -> ThreeWay:
    """Compare the three sides field path by field path (recipients by name, lists in any order)."""
    mine_paths = set(changed_paths(base, mine, org))
    their_paths = set(changed_paths(base, theirs, org))
    incoming = Register([_holding(org, mine)])
    differences = compute_changes(Register([_holding(org, theirs)]), incoming)
    review, automatic = ChangeSet(incoming=incoming), []
    for change in differences.changes:
        if change.path not in mine_paths:
            continue  # a field only they changed (or nobody): theirs stands
        if change.path in their_paths:
            review.changes.append(change)
        else:
            automatic.append(change)
    return ThreeWay(org, theirs, review, [c.id for c in automatic], automatic)


def _holding(org: Organization, activity: Activity) -> Organization:
    """The organisation (its catalogue, its identity) holding just ``activity``: what the review compares."""
    return dataclasses.replace(org, activities=[copy.deepcopy(activity)])


class UndoRefused(StorageError):
    """Undo (or redo) of my edit refused: someone else has since changed the same field(s)."""

    def __init__(self, fields: list[str], message: str) -> None:
        self.fields, self._message = fields, message
        super().__init__("undo_refused")

    def message(self, lang: str = "en") -> str:  # the GUI's own translation, made when it was raised
        return self._message


def field_wise(current: Activity, mine_from: Activity, mine_to: Activity) -> tuple[Activity, list[str]]:
    """Undo (or redo) one's own edit ``mine_from`` -> ``mine_to`` on ``current``, field by field.

    Returns ``current`` with each of my fields set back to ``mine_to``'s value, and the fields someone else has
    changed since (their value is no longer ``mine_from``'s): the undo is refused when there is any.
    """
    mine = changed_fields(mine_from, mine_to)
    taken = [name for name in mine if getattr(current, name) != getattr(mine_from, name)]
    result = copy.deepcopy(current)
    for name in mine:
        setattr(result, name, copy.deepcopy(getattr(mine_to, name)))
    result.updated = mine_to.updated if current.updated == mine_from.updated else current.updated
    return result, taken
