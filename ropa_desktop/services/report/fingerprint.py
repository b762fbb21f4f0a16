"""A short fingerprint of an organisation's content, so two printouts of the register can be told apart."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ...domain.model import Organization
from ..json_format import organization_to_dict

_ID_KEYS = frozenset({"id", "recipient_id"})


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in _ID_KEYS}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def fingerprint(org: Organization, length: int = 12) -> str:
    """First hex digits of a SHA-256 over the canonical JSON of the organisation (ids left out).

    Ids are random per installation and the export time changes on every export: neither is content.
    The whole organisation counts, whatever activities or profile a printout shows.
    """
    document = _without_ids(organization_to_dict(org))
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:length]
