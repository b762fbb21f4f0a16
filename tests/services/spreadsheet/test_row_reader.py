"""The Register rows' prepared readers read each row as ``flat.activity_from_row`` does, warnings included."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ropa_desktop.domain.model import Organization, Recipient
from ropa_desktop.services import lineformat as lf
from ropa_desktop.services.spreadsheet import flat
from ropa_desktop.services.spreadsheet.row_reader import RowReader

KEYS = [c.key for c in flat.ACTIVITY_COLUMNS]
ROWS: list[dict[str, Any]] = [
    {"_id": "a1", "name": "Payroll", "reference": 12.0, "status": "In review", "role": "Controller",
     "created": date(2020, 4, 15), "updated": "2024-03-09T01:36:00Z", "next_review": "31/12/2025",
     "purposes": "Pay | Main purpose: yes | Legal basis: Contract (Art. 6(1)(b))\nTax | Legal basis: nonsense",
     "data_categories": "Health data | Description: sick leave\nAucun", "recipients": "Tax authority | Details: x",
     "retention": "Payslips | Duration: 5 years\n3 ans", "transfers": "N/A", "dpia.required": "x",
     "dpia.carried_out": "Non concerné", "legal_basis": "Obligation légale", "description": "—"},
    {"_id": "a2", "name": "Badges", "status": "unknown status", "created": "not a date", "dpia.required": "maybe",
     "data_subjects": "Employees | Colour: blue", "security_measures": "None", "updated": datetime(2024, 1, 2, 3, 4)},
    {"_id": "a3", "name": "Blank", "role": "", "status": ""},
]


def _read(values: dict[str, Any], prepared: bool) -> tuple[Any, list[tuple[str, dict[str, Any]]], list[Recipient]]:
    org = Organization(id="o", name="Org", recipients=[Recipient(id="r1", name="Tax authority")])
    problems = lf.Problems()
    ctx = flat.RowContext(org, problems)
    letters = {key: f"Register!{chr(65 + i % 26)}" for i, key in enumerate(KEYS)}
    if prepared:
        reader = RowReader({i: key for i, key in enumerate(KEYS)}, letters)
        activity = reader.activity(values, ctx, "Register 7", 7)
    else:
        activity = flat.activity_from_row(values, ctx, "Register 7", letters, 7)
    return activity, problems.items, org.recipients


def test_each_row_reads_alike_with_its_warnings_and_recipients() -> None:
    for values in ROWS:
        prepared, problems, recipients = _read(values, True)
        general, expected, catalogue = _read(values, False)
        assert prepared == general
        assert problems == expected
        assert [r.name for r in recipients] == [r.name for r in catalogue]
    assert _read(ROWS[1], True)[1]  # the odd cells do warn


def test_a_rows_cells_are_read_as_the_general_reader_reads_them() -> None:
    reader = RowReader({0: "_id", 2: "name", 3: "dpia.required", 4: "description"}, None)
    assert reader.record(["a1", "ignored", "  ", "x", "N/A"]) == {"_id": "a1", "name": "  ", "dpia.required": "x",
                                                                  "description": ""}
    assert reader.record(["", "", " ", "", "—"]) is None  # nothing typed: an empty row
