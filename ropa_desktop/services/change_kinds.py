"""The kinds of change an import can propose, and the change itself (shared by computing and wording)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import processor_changes as pc

NEW_ORGANIZATION = "new_organization"
NEW_ACTIVITY = "new_activity"
FIELD = "field"
ORGANIZATION_FIELD = "organization_field"
MISSING_ACTIVITY = "missing_activity"
# A processor statement's changes to the recipients catalogue (services.statement_import).
NEW_RECIPIENT = "new_recipient"
RECIPIENT_FIELD = "recipient_field"
BLANK_ANSWER = "blank_answer"  # a conflict: a spreadsheet's empty answer where the register holds a value

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
