"""A register whose every field, found by walking the field table, holds a distinct recognisable value."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ropa_desktop.domain.fields import SCOPE_TYPES, FieldSpec, Kind, fields_of
from ropa_desktop.domain.model import (
    Activity,
    Client,
    Duration,
    Organization,
    ProcessorActivity,
    Recipient,
    Register,
    SecurityMeasure,
)


@dataclass
class Filled:
    """The register, and for each activity scalar (path -> value) what was put there."""

    register: Register
    org: Organization
    activity: Activity
    values: dict[str, Any] = field(default_factory=dict)


def _value(spec: FieldSpec, counter: itertools.count[int], org: Organization) -> Any:
    n = next(counter)
    if spec.kind in (Kind.TEXT, Kind.LONG_TEXT):
        return f"Zq{spec.key.replace('_', '')}{n}"
    if spec.kind in (Kind.CODE, Kind.CODES):
        assert spec.vocab is not None, spec
        codes = list(spec.vocab.codes())
        code = codes[n % len(codes)]
        return [code] if spec.kind is Kind.CODES else code
    if spec.kind is Kind.COUNTRY:
        return "JP"
    if spec.kind is Kind.BOOL:
        return True
    if spec.kind is Kind.DATE:
        return date(2031, 1 + n % 12, 17)
    if spec.kind is Kind.DATETIME:
        return datetime(2031, 2, 3, 4, 5, tzinfo=UTC)
    if spec.kind is Kind.DURATION:
        return Duration(37, "months")
    if spec.kind is Kind.RECIPIENT:
        recipient = Recipient(name=f"Zqrecipient{n}", type="processor", country="FR")
        org.recipients.append(recipient)
        return recipient.id
    if spec.kind is Kind.CLIENT:
        client = Client(name=f"Zqclient{n}", contract_reference=f"Zqcontract{n}")
        org.clients.append(client)
        return client.id
    raise AssertionError(f"no test value for kind {spec.kind}")  # a new kind: teach this helper


def fill(obj: Any, scope: str, counter: itertools.count[int], org: Organization, path: str,
         values: dict[str, Any]) -> None:
    for spec in fields_of(scope):
        where = f"{path}{spec.key}"
        if spec.is_list:
            item = SCOPE_TYPES[spec.item]()
            getattr(obj, spec.key).append(item)
            fill(item, spec.item, counter, org, f"{where}[0].", values)
        elif spec.is_object:
            fill(getattr(obj, spec.key), spec.item, counter, org, f"{where}.", values)
        else:
            value = _value(spec, counter, org)
            setattr(obj, spec.key, value)
            values[where] = value


def filled_register() -> Filled:
    counter = itertools.count(1)
    org = Organization(name="Zqorg")
    activity = Activity()
    org.activities.append(activity)
    filled = Filled(Register([org]), org, activity)
    fill(activity, "activity", counter, org, "", filled.values)
    activity.status = "validated"
    filled.values["status"] = "validated"
    return filled


@dataclass
class FilledProcessor:
    """A processor's register (Art. 30(2)) with every field filled; ``values``: path from the organisation -> value."""

    register: Register
    org: Organization
    client: Client
    activity: ProcessorActivity
    recipient: Recipient
    values: dict[str, Any] = field(default_factory=dict)


def filled_processor_register() -> FilledProcessor:
    """Every field of the processor's side, each with a distinct value.

    The general security measures, a client, a processing done for it (whose client link adds a second client),
    and a recipient carrying an imported statement.
    """
    counter = itertools.count(1)
    org = Organization(name="Zqprocessor")
    client, activity, recipient, measure = Client(), ProcessorActivity(), Recipient(), SecurityMeasure()
    filled = FilledProcessor(Register([org]), org, client, activity, recipient)
    org.security_measures.append(measure)
    fill(measure, "security_measure", counter, org, "security_measures[0].", filled.values)
    org.clients.append(client)
    fill(client, "client", counter, org, "clients[0].", filled.values)
    org.processor_activities.append(activity)
    fill(activity, "processor_activity", counter, org, "processor_activities[0].", filled.values)
    activity.status = "validated"
    activity.security_shared = False
    filled.values["processor_activities[0].status"] = "validated"
    filled.values["processor_activities[0].security_shared"] = False
    org.recipients.insert(0, recipient)
    fill(recipient, "recipient", counter, org, "recipients[0].", filled.values)
    return filled
