"""The shared copy an import hands the window: its own lists, the same records."""

from __future__ import annotations

from ropa_desktop.domain.model import Activity, Organization, Recipient, Register
from ropa_desktop.services.register_copy import shared_copy


def test_lists_are_its_own_and_records_are_shared() -> None:
    org = Organization(name="Acme", activities=[Activity(reference="A-1"), Activity(reference="A-2")],
                       recipients=[Recipient(name="Payroll Ltd")])
    register = Register([org])
    twin = shared_copy(register)
    assert twin == register
    copied = twin.organizations[0]
    assert copied is not org and copied.activities is not org.activities and copied.head is not org.head
    assert all(a is b for a, b in zip(copied.activities, org.activities, strict=True))
    assert copied.recipients[0] is org.recipients[0]

    copied.activities[0] = Activity(reference="B-1")  # what an edit does: a fresh record in the list
    copied.activities.append(Activity(reference="B-2"))
    del copied.recipients[0]
    copied.name, copied.head.name = "Renamed", "Head"
    twin.organizations.append(Organization(name="Other"))
    assert [a.reference for a in org.activities] == ["A-1", "A-2"]
    assert org.recipients and org.name == "Acme" and org.head.name == ""
    assert len(register.organizations) == 1
