"""An import naming an organisation the role may not see (row-level security): refused by name, not "deleted"."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.messages import TranslatedError, message_table
from ..domain.model import Register
from .changes import ChangeSet

_MESSAGES = message_table("import_reach", {
    "organization_forbidden": ("Votre rôle ne peut pas modifier l'organisme « {name} » (il n'est pas de ceux qui "
                               "lui sont confiés) : rien n'a été importé.",
                               "Your role may not change the organisation '{name}' (it is not one entrusted to it): "
                               "nothing was imported."),
})


class OutOfReachError(TranslatedError):
    """The file names an organisation that exists on the server but not for this role: nothing is imported."""

    MESSAGES = _MESSAGES

    def __init__(self, name: str) -> None:
        super().__init__("organization_forbidden", name=name)


def refuse_out_of_reach(current: Register, plan: ChangeSet, hidden: Callable[[str], bool]) -> None:
    """Raise OutOfReachError for the first organisation of ``plan`` the role does not see but the server holds.

    ``current`` is the register as the role sees it; ``hidden(org_id)`` asks the server whether that id exists
    beyond the role's sight (``RegisterStore.access_withdrawn``: a SECURITY DEFINER function that answers yes or
    no and shows nothing of the row). Every change counts, conflicts included: a whole-register export read back
    by a correspondent would otherwise list the other organisations as "deleted since the export", which they
    are not. An organisation really deleted is not held by the server, so it still reads as deleted.
    """
    known = {org.id for org in current.organizations}
    asked: set[str] = set()
    for change in plan.changes:
        org_id = change.target_org_id
        if not org_id or org_id in known or org_id in asked:
            continue
        asked.add(org_id)  # (the server is asked once per organisation)
        if hidden(org_id):
            raise OutOfReachError(change.organization or org_id)
