"""The JSON Schema of the register document, generated from the field table (``python -m`` this module rewrites it)."""

from __future__ import annotations

import argparse
import json
import sys
import typing
from pathlib import Path
from typing import Any

from ..domain.fields import ID_SCOPES, SCOPE_TYPES, FieldSpec, Kind, field_spec, shape_of
from ..domain.model import Duration
from ..domain.vocabularies import DURATION_UNITS
from . import json_bounds, json_format

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "register.schema.json"
_DESCRIPTION = (
    "The lossless JSON form of a GDPR Article 30 register written by ROPA Desktop. Vocabulary fields hold codes; "
    "labels in French and English are in the application. Countries are ISO 3166-1 alpha-2 codes. Dates are "
    "ISO 8601; times are UTC."
)
# In the document an activity's recipient repeats the catalogue entry's name, type and country for readers.
_LINK = "ActivityRecipientLink"
_LINK_DESCRIPTION = (
    "An activity's use of a catalogue recipient. recipient_id links to organizations[].recipients[]; name, type "
    "and country repeat the catalogue entry for readers. On import, an unknown recipient_id or a name not in the "
    "catalogue creates a catalogue entry."
)
_NULL = {"type": "null"}


def _def_name(scope: str) -> str:
    return _LINK if scope == "activity_recipient" else SCOPE_TYPES[scope].__name__


def _ref(scope: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{_def_name(scope)}"}


def _description(spec: FieldSpec) -> str:
    text = spec.en + (f" (Art. {spec.art30})" if spec.art30 else "")
    vocab = spec.vocab
    if spec.kind in (Kind.CODE, Kind.CODES) and vocab is not None:
        text += f"; one of: {', '.join(vocab.codes())} (unknown codes are kept and reported)"
    elif spec.kind is Kind.COUNTRY:
        text += "; ISO 3166-1 alpha-2 code"
    return text


def _nullable(hint: Any) -> bool:
    return type(None) in typing.get_args(hint)


def _value_schema(spec: FieldSpec, hint: Any) -> dict[str, Any]:
    kind = spec.kind
    if kind is Kind.LIST:
        return {"type": "array", "items": _ref(spec.item)}
    if kind in (Kind.OBJECT, Kind.CONTACT):
        return _ref(spec.item)
    if kind is Kind.CODES:
        return {"type": "array", "items": {"type": "string"}}
    if kind is Kind.BOOL:
        value: dict[str, Any] = {"type": "boolean"}
    elif kind is Kind.DATE:
        value = {"type": "string", "format": "date"}
    elif kind is Kind.DATETIME:
        value = {"type": "string", "format": "date-time"}
    elif kind is Kind.DURATION:
        value = {"$ref": "#/$defs/Duration"}
    else:
        value = {"type": "string"}
    return {"anyOf": [value, _NULL]} if _nullable(hint) else value


def _object(scope: str) -> dict[str, Any]:
    cls = SCOPE_TYPES[scope]
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    if scope in ID_SCOPES:
        properties["id"] = {"type": "string"}
    for spec in shape_of(scope):
        properties[spec.key] = {**_value_schema(spec, hints[spec.key]), "description": _description(spec)}
    return {"type": "object", "description": " ".join((cls.__doc__ or "").split()), "additionalProperties": False,
            "properties": properties}


def _link() -> dict[str, Any]:
    properties: dict[str, Any] = {"recipient_id": {"type": "string"}}
    for key in ("name", "type", "country"):
        spec = field_spec("recipient", key)
        properties[key] = {"type": "string", "description": _description(spec)}
    properties["details"] = {"type": "string", "description": _description(field_spec("activity_recipient",
                                                                                       "details"))}
    return {"type": "object", "description": _LINK_DESCRIPTION, "additionalProperties": False,
            "properties": properties}


def _duration() -> dict[str, Any]:
    unit = field_spec("retention", "duration")
    units = ", ".join(DURATION_UNITS.codes())
    return {"type": "object", "description": " ".join((Duration.__doc__ or "").split()),
            "additionalProperties": False,
            "properties": {"value": {"type": "integer"},
                           "unit": {"type": "string", "description": f"{unit.en} unit; one of: {units}"}}}


def _scopes() -> list[str]:
    """Every scope reachable from an organisation, in the order a reader meets them."""
    order: list[str] = []
    pending = ["organization"]
    while pending:
        scope = pending.pop(0)
        if scope in order:
            continue
        order.append(scope)
        pending += [f.item for f in shape_of(scope) if f.item]
    return order


def build() -> dict[str, Any]:
    """The schema as a JSON-ready dict."""
    defs = {_def_name(s): _link() if s == "activity_recipient" else _object(s) for s in _scopes()}
    defs["Duration"] = _duration()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ropa-desktop.invalid/register.schema.json",
        "title": "ROPA Desktop register",
        "description": _DESCRIPTION,
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "organizations"],
        "properties": {
            "format": {"const": json_format.FORMAT},
            "version": {"enum": list(range(1, json_format.VERSION + 1))},
            "generator": {"type": "string"},
            "exported_at": {"type": "string", "format": "date-time"},
            "organizations": {"type": "array", "items": _ref("organization")},
            "record_versions": {
                "type": "object",
                "description": "Optional. Each record's (organisation, recipient, activity, client, processing) "
                               "version stored in the register when it was exported, by id: an import into that "
                               "register treats a field of a record whose version has moved since as a conflict "
                               "instead of applying it. Without it, the export time is compared with each "
                               "record's last update.",
                "additionalProperties": {"type": "integer", "minimum": 1, "maximum": json_bounds.MAX_INT},
            },
            "register_id": {
                "type": "string",
                "description": "Optional. The register the file was exported from: an import into that same "
                               "register treats a record listed in record_versions and deleted from the register "
                               "since as a conflict instead of creating it again.",
            },
        },
        "$defs": defs,
    }


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the shipped schema, or with ``--check`` say whether it is out of date (exit 1)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the file differs")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        same = SHIPPED.read_text("utf-8") == text
        print("up to date" if same else f"{SHIPPED.name} differs from the field table: regenerate it")
        return 0 if same else 1
    SHIPPED.write_text(text, "utf-8")
    print(f"wrote {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
