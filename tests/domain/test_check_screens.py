"""The generated screens of the field checks pass only items that ``_fields`` has nothing to say about."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ropa_desktop.domain.checks import check_activity
from ropa_desktop.domain.checks.activity import _CHECKED_LISTS, _CHECKED_OBJECTS, _fields
from ropa_desktop.domain.checks.common import SCOPE
from ropa_desktop.domain.fields import SCOPE_TYPES, Kind
from tests.builders import good_org

TODAY = date(2026, 1, 15)


def _spoilt(scope: str) -> list[tuple[str, Any]]:
    """One item of ``scope`` per way ``_fields`` reports it: a required field left empty, an unknown code, country."""
    good = getattr(good_org().activities[0], next(k for k, s, _ in (*_CHECKED_LISTS, *_CHECKED_OBJECTS) if s == scope))
    template = good[0] if isinstance(good, list) and good else (good if not isinstance(good, list) else None)
    items: list[tuple[str, Any]] = []
    spec = SCOPE[scope]

    def fresh() -> Any:
        return SCOPE_TYPES[scope]() if template is None else type(template)(**{
            name: getattr(template, name) for name in template.__dataclass_fields__})

    for f in spec.required:
        item = fresh()
        setattr(item, f.key, [] if f.kind in (Kind.CODES, Kind.LIST) else "")
        items.append((f"{f.key} empty", item))
    for f, _ in spec.codes:
        item = fresh()
        setattr(item, f.key, ["no_such_code"] if f.kind is Kind.CODES else "no_such_code")
        items.append((f"{f.key} unknown", item))
    for f in spec.countries:
        item = fresh()
        setattr(item, f.key, "QQ")
        items.append((f"{f.key} unknown", item))
    return items


@pytest.mark.parametrize("key,scope,screen", [*_CHECKED_LISTS, *_CHECKED_OBJECTS], ids=lambda v: str(v)[:20])
def test_a_screen_passes_no_item_with_a_field_finding(key: str, scope: str, screen: Any) -> None:
    for what, item in _spoilt(scope):
        reported: list[str] = []
        _fields(lambda code, *_a, found=reported, **_k: found.append(code), item, scope, f"{key}[0].", key, 0)
        assert reported, f"{scope}: {what} is a field finding"
        assert screen([item]) == [0], f"{scope}: the screen let {what} through"


def test_sound_items_pass_the_screens_and_findings_are_unchanged() -> None:
    org = good_org()
    activity = org.activities[0]
    for key, _scope, screen in _CHECKED_LISTS:
        assert screen(getattr(activity, key)) == []
    before = check_activity(activity, org, TODAY)
    activity.purposes[0].legal_basis = "no_such_basis"
    after = check_activity(activity, org, TODAY)
    assert {f.code for f in after} - {f.code for f in before} == {"unknown_code"}
