"""A processor statement imported into a controller's register: a reviewed change to its recipients catalogue.

The statement's client is the organisation it goes into (by name, or the one chosen with ``--into`` or in the
review); the processor is the recipient it updates: by the stable id a statement's recipient takes, else by
name, else a new recipient of type processor. A statement older than the one recorded is a conflict.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ..domain.messages import TranslatedError, message_table, translate
from ..domain.model import Organization, Recipient, Register, new_id
from .changes import NEW_RECIPIENT, RECIPIENT_FIELD, Change, ChangeSet
from .statement import Statement, read_statement
from .values import match_key as _fold

KIND = "statement"
# What a statement says of its processor, and so what a newer statement replaces in the controller's entry.
# The rest of the entry is the controller's own: filled from the statement only where it is empty.
OWNED = ("statement_date", "sub_processors", "transfers")
# Filled in when the controller's entry has none, never written over: the controller's own record wins.
FILLED = ("type", "country", "contract_reference")

_MESSAGES = message_table("statement_import", {
    "no_target": ("La déclaration est établie pour « {client} », qui n'est pas un organisme de ce registre : "
                  "choisissez l'organisme qui la reçoit (--into ORGANISME).",
                  "The statement is issued to '{client}', which is not an organisation of this register: "
                  "choose the organisation it goes into (--into ORG)."),
    "no_organization": ("La déclaration est établie pour « {client} », mais ce registre n'a aucun organisme pour la "
                        "recevoir : créez d'abord cet organisme, puis importez-la avec --into ORGANISME.",
                        "The statement is issued to '{client}', but this register has no organisation to receive "
                        "it: create that organisation first, then import it with --into ORG."),
    "new_organization": ("Une déclaration complète le catalogue des destinataires d'un organisme existant, "
                         "--new-organization ne s'y applique pas : elle est établie pour « {client} » ; créez "
                         "d'abord cet organisme, puis importez-la avec --into ORGANISME.",
                         "A statement adds to an existing organisation's recipients catalogue, so "
                         "--new-organization does not apply: it is issued to '{client}'; create that "
                         "organisation first, then import it with --into ORG."),
})


class StatementTargetError(TranslatedError, ValueError):
    """The statement's client is no organisation of the register, and none was chosen; nothing was changed."""

    MESSAGES = _MESSAGES


def require_target(current: Register, incoming: Register) -> None:
    """On the command line nothing is asked: a statement whose client is not in the register needs ``--into``."""
    for org in incoming.organizations:
        if _target(current, org) is None:
            raise StatementTargetError("no_target" if current.organizations else "no_organization", client=org.name)


def refuse_new_organization(incoming: Register) -> None:
    """A statement updates an organisation of the register: ``--new-organization`` is refused, naming its client."""
    client = incoming.organizations[0].name if incoming.organizations else ""
    raise StatementTargetError("new_organization" if client else "no_organization", client=client)


def statement_register(statement: Statement) -> Register:
    """The statement as a one-organisation register: its client holding one recipient, the processor."""
    processor = statement.processor
    recipient = Recipient(
        id=statement.recipient_id, name=processor.name, type="processor", country=processor.country,
        contract_reference=statement.client.contract_reference,  # the Art. 28 contract the statement is under
        statement_date=statement.issued, sub_processors=copy.deepcopy(statement.sub_processors),
        transfers=copy.deepcopy(statement.transfers),
    )
    return Register([Organization(id=new_id(), name=statement.client.name, recipients=[recipient])])


def read_statement_register(path: Path) -> Register:
    return statement_register(read_statement(path))



def _target(current: Register, incoming: Organization) -> Organization | None:
    found = current.organization(incoming.id)
    if found is None and incoming.name.strip():
        found = next((o for o in current.organizations if _fold(o.name) == _fold(incoming.name)), None)
    return found


def plan_statement(current: Register, incoming: Register, lang: str = "en") -> ChangeSet:
    """The changes the statement makes to its organisation's recipients catalogue (reviewed like any import)."""
    plan = ChangeSet(incoming=incoming)
    for inc_org in incoming.organizations:
        org = _target(current, inc_org)
        if org is None:
            plan.problems.append(translate(_MESSAGES, "no_target", lang, client=inc_org.name))
            continue
        for rec in inc_org.recipients:
            _plan_recipient(plan, org, rec)
    return plan


def _plan_recipient(plan: ChangeSet, org: Organization, rec: Recipient) -> None:
    existing = org.recipient(rec.id) or next((r for r in org.recipients if _fold(r.name) == _fold(rec.name)), None)
    if existing is None:
        plan.changes.append(Change(f"rec+:{org.id}:{rec.id}", NEW_RECIPIENT, org.name, rec.name, new=rec,
                                   target_org_id=org.id, target_recipient_id=rec.id))
        return
    older = (existing.statement_date is not None and rec.statement_date is not None
             and rec.statement_date < existing.statement_date)
    for key in (*FILLED, *OWNED):
        old, new = getattr(existing, key), getattr(rec, key)
        if old == new or (key in FILLED and (old or not new)):
            continue
        plan.changes.append(Change(f"rec:{existing.id}:{key}", RECIPIENT_FIELD, org.name, existing.name, key, old,
                                   copy.deepcopy(new), conflict="older_statement" if older else "",
                                   target_org_id=org.id, target_recipient_id=existing.id))
