"""The activity list's index and filter, without Qt: words, quick filters, and typing on narrowing the result."""

from __future__ import annotations

from ropa_desktop.domain.model import Activity, ActivityRecipient, Organization, Purpose, Recipient, Transfer
from ropa_desktop.services.activity_index import ActivityFilter, Criteria, index, search_text
from ropa_desktop.services.synthetic import synthetic_register


def _org() -> Organization:
    org = Organization(name="Org")
    aws = Recipient(name="Amazon Web Services", type="processor", country="US")
    org.recipients.append(aws)
    a = Activity(reference="HR-01", name="Paie", status="validated",
                 purposes=[Purpose("Payer les salariés", True, "legal_obligation")])
    b = Activity(reference="MK-02", name="Newsletter", status="draft",
                 purposes=[Purpose("Envoyer la lettre", True, "consent")],
                 transfers=[Transfer("Mailchimp", "US", "scc")])
    b.recipients.append(ActivityRecipient(aws.id, "hosting"))
    org.activities += [a, b]
    return org


def _ids(rows: list | None) -> list[str] | None:
    return None if rows is None else [s.reference for s in rows]


def test_words_match_every_text_in_any_order_case_and_language() -> None:
    org = _org()
    rows = index(org.activities, org)
    f = ActivityFilter()
    assert _ids(f.apply(rows, Criteria("AMAZON"))) == ["MK-02"]  # a catalogue recipient, by name
    assert _ids(f.apply(rows, Criteria("clauses contractuelles"))) == ["MK-02"]  # safeguard label, French
    assert _ids(f.apply(rows, Criteria("standard contractual"))) == ["MK-02"]  # and English
    assert _ids(f.apply(rows, Criteria("japon"))) == []
    assert _ids(f.apply(rows, Criteria("états-unis"))) == ["MK-02"]
    assert _ids(f.apply(rows, Criteria("legal obligation paie"))) == ["HR-01"]
    assert f.apply(rows, Criteria("   ")) is None  # nothing filters: everything shows


def test_quick_filters_combine_with_words() -> None:
    org = _org()
    rows = index(org.activities, org)
    rows[0].findings = 2
    f = ActivityFilter()
    assert _ids(f.apply(rows, Criteria(status="draft"))) == ["MK-02"]
    assert _ids(f.apply(rows, Criteria(legal_basis="consent"))) == ["MK-02"]
    assert _ids(f.apply(rows, Criteria(transfers=True))) == ["MK-02"]
    assert _ids(f.apply(rows, Criteria(with_findings=True))) == ["HR-01"]
    assert _ids(f.apply(rows, Criteria("newsletter", status="validated"))) == []


def test_typing_on_narrows_the_previous_result_and_forget_widens_again() -> None:
    register = synthetic_register(300)
    org = register.organizations[0]
    rows = index(org.activities, org)
    f = ActivityFilter()
    first = f.apply(rows, Criteria("gen-000"))
    assert first is not None and 0 < len(first) < len(rows)
    narrower = f.apply(rows, Criteria("gen-0001"))
    assert narrower is not None and set(map(id, narrower)) <= set(map(id, first))
    assert narrower == [s for s in rows if "gen-0001" in s.search]
    wider = f.apply(rows, Criteria("gen-00"))  # deleting a character looks at every activity again
    assert wider == [s for s in rows if "gen-00" in s.search]
    # A summary changed behind the filter's back: after forget() it is seen.
    rows[-1].search += "\nzorglub"
    f.apply(rows, Criteria("zorg"))
    f.forget()
    assert _ids(f.apply(rows, Criteria("zorglub"))) == [rows[-1].reference]


def test_search_text_is_casefolded_once_and_follows_recipient_renames() -> None:
    org = _org()
    activity = org.activities[1]
    assert "amazon web services" in search_text(activity, org)
    org.recipients[0].name = "AWS Europe"
    assert "aws europe" in search_text(activity, org)
    assert search_text(activity, org) == search_text(activity, org).casefold()
