"""The seeded registers, fact by fact against the two privacy notices."""

from __future__ import annotations

from datetime import date

import pytest

from ropa_desktop.domain.model import Activity, Duration, Organization, RetentionRule
from ropa_desktop.services.seeding import seed_register


@pytest.fixture(scope="module")
def laserseven() -> Organization:
    org = seed_register().organization("laserseven")
    assert org is not None
    return org


@pytest.fixture(scope="module")
def enlaps() -> Organization:
    org = seed_register().organization("enlaps")
    assert org is not None
    return org


def _activity(org: Organization, number: int) -> Activity:
    activity = org.activity(f"{org.id}-act-{number:02d}")
    assert activity is not None
    return activity


def _recipient_names(org: Organization, activity: Activity) -> set[str]:
    return {r.name for link in activity.recipients if (r := org.recipient(link.recipient_id))}


def _bases(activity: Activity) -> list[str]:
    return [p.legal_basis for p in activity.purposes]


def _rules(org: Organization) -> list[RetentionRule]:
    return [rule for a in org.activities for rule in a.retention]


# --- Enlaps -----------------------------------------------------------------------------------------------

def test_enlaps_identity(enlaps: Organization) -> None:
    assert enlaps.name == "Enlaps"
    assert "200,000 euros" in enlaps.legal_form and "SAS" in enlaps.legal_form
    assert enlaps.registration_number == "RCS Grenoble 813 731 262"
    assert (enlaps.address, enlaps.postal_code, enlaps.city, enlaps.country) == (
        "26 Avenue Jean Kuntzmann", "38330", "Montbonnot-Saint-Martin", "FR")
    assert (enlaps.head.name, enlaps.head.role.split(",")[0]) == ("Antoine Auberton", "Chairman")
    assert (enlaps.email, enlaps.phone, enlaps.website) == (
        "info@enlaps.fr", "+33 (0)4-58-00-57-30", "www.enlaps.io")


def test_enlaps_has_a_contact_point_not_a_dpo(enlaps: Organization) -> None:
    assert enlaps.dpo_is_contact_point
    assert enlaps.dpo.name == "Antoine Auberton" and enlaps.dpo.email == "info@enlaps.fr"
    assert enlaps.dpo.designation_number == ""


def test_enlaps_activities_and_their_legal_bases(enlaps: Organization) -> None:
    expected = {
        1: ("Newsletters", ["legitimate_interests", "consent"]),
        2: ("Orders and customer relations", ["contract"]),
        3: ("Technical management of the site", ["legitimate_interests"]),
        4: ("Administration of the website", ["legitimate_interests"]),
        5: ("Inquiries and partnerships", ["legitimate_interests", "contract"]),
        6: ("After-sales service and technical assistance", ["contract", "legitimate_interests"]),
        7: ("Online chat", ["consent"]),
        8: ("Blog comments", ["consent"]),
    }
    assert len(enlaps.activities) == len(expected)
    for number, (name, bases) in expected.items():
        activity = _activity(enlaps, number)
        assert activity.name.startswith(name)
        assert activity.reference == f"EN-{number:02d}"
        assert _bases(activity) == bases
    assert "technical newsletter" in _activity(enlaps, 1).purposes[0].legal_basis_details
    assert "commercial newsletter" in _activity(enlaps, 1).purposes[1].legal_basis_details
    assert "pre-contractual" in _activity(enlaps, 5).purposes[1].legal_basis_details


@pytest.mark.parametrize(("number", "durations", "start"), [
    (2, [Duration(10, "years")], "End of the contract"),
    (3, [Duration(12, "months")], ""),
    (5, [Duration(3, "years")], "The request"),
    (6, [Duration(5, "years"), Duration(3, "years")], "The request"),
    (7, [Duration(3, "years")], "The request"),
    (8, [Duration(5, "years")], "Publication"),
])
def test_enlaps_retention_periods(enlaps: Organization, number: int, durations: list[Duration],
                                  start: str) -> None:
    rules = _activity(enlaps, number).retention
    assert [r.duration for r in rules] == durations
    assert {r.start for r in rules} == {start}


def test_enlaps_retention_criteria(enlaps: Organization) -> None:
    (newsletter,) = _activity(enlaps, 1).retention
    assert newsletter.duration is None and newsletter.criterion == "Until the data subject unsubscribes"
    (admin,) = _activity(enlaps, 4).retention
    assert admin.duration is None
    assert "as long as the data subjects administer the site" in admin.criterion.lower()
    assert "IP addresses and connection logs" in _activity(enlaps, 3).retention[0].applies_to


def test_enlaps_data_categories(enlaps: Organization) -> None:
    newsletter = _activity(enlaps, 1)
    assert [(c.category, c.details) for c in newsletter.data_categories] == [("identity", "E-mail address")]
    assert [c.category for c in _activity(enlaps, 3).data_categories] == ["connection"]
    assert "camera serial number" in _activity(enlaps, 6).data_categories[1].details
    assert "products and services ordered" in _activity(enlaps, 2).data_categories[1].details.lower()
    assert not any(c.sensitive for a in enlaps.activities for c in a.data_categories)


def test_enlaps_recipients(enlaps: Organization) -> None:
    catalogue = {r.name: r for r in enlaps.recipients}
    assert {"Amazon Web Services (AWS)", "PayPal", "Banks", "Carriers", "Social Intents",
            "Competent authorities"} <= set(catalogue)
    assert catalogue["Social Intents"].country == "US"
    assert catalogue["Competent authorities"].type == "authority"
    assert catalogue["Amazon Web Services (AWS)"].type == "processor"
    assert {"PayPal", "Banks", "Carriers"} <= _recipient_names(enlaps, _activity(enlaps, 2))
    assert "Social Intents" in _recipient_names(enlaps, _activity(enlaps, 7))
    assert "Social Intents" not in _recipient_names(enlaps, _activity(enlaps, 2))


def test_enlaps_common_statements(enlaps: Organization) -> None:
    for activity in enlaps.activities:
        assert activity.created == date(2020, 8, 10)
        assert activity.data_source == "The data are sent directly by the data subjects."
        assert activity.automated_decision.used is False
        assert activity.transfers == []
        assert any("does not perform any transfers" in s.excerpt for s in activity.sources)
    for number in (1, 7, 8):  # consent-based activities say how consent is withdrawn
        assert "withdraw their consent" in _activity(enlaps, number).consent_withdrawal


# --- LaserSeven -------------------------------------------------------------------------------------------

def test_laserseven_identity_is_what_the_charter_gives(laserseven: Organization) -> None:
    assert laserseven.name == "LaserSeven"
    assert (laserseven.address, laserseven.postal_code, laserseven.city, laserseven.country) == (
        "23 Route des Gardes", "92190", "Meudon", "FR")
    # Article 3 (identity of the person responsible) is an empty heading: nothing is invented.
    assert laserseven.head.is_empty()
    assert laserseven.legal_form == laserseven.registration_number == laserseven.website == ""


def test_laserseven_contact_point(laserseven: Organization) -> None:
    assert laserseven.dpo_is_contact_point
    assert laserseven.dpo.email == "data@laserseven.io"
    assert laserseven.dpo.name == ""  # no designated DPO, no invented person


def test_laserseven_nothing_invented(laserseven: Organization) -> None:
    for activity in laserseven.activities:
        assert activity.security_measures == []  # Article 9 is an empty heading
        assert activity.transfers == []  # Article 7 is empty; Article 10 says no transfer
        assert activity.created is None
        assert activity.automated_decision.used is None


def _rule(org: Organization, text: str) -> RetentionRule:
    matches = [r for r in _rules(org) if text.lower() in r.applies_to.lower()]
    assert len(matches) == 1, text
    return matches[0]


def test_laserseven_retention_periods(laserseven: Organization) -> None:
    invoices = _rule(laserseven, "Invoices")
    assert invoices.duration == Duration(10, "years")
    assert invoices.legal_reference == "Code de commerce, art. L. 123-22"
    transactions = _rule(laserseven, "transactions and purchases")
    assert transactions.duration == Duration(5, "years") and transactions.legal_reference == ""
    cmf = "Code monétaire et financier, art. L. 133-24"
    proof = [r for r in _rules(laserseven) if r.legal_reference == cmf]
    assert [r.duration for r in proof] == [Duration(13, "months"), Duration(15, "months")]
    assert {(r.start, r.phase) for r in proof} == {("Date of debit", "intermediate")}
    prospect = _rule(laserseven, "prospect, not a customer")
    assert prospect.duration == Duration(3, "years")
    assert prospect.start == "Date of collection or last contact from the prospect"
    prospecting = _rule(laserseven, "prospecting operations")
    assert prospecting.duration == Duration(3, "years")
    assert prospecting.start == "End of the commercial relationship"
    opposition = _rule(laserseven, "right of opposition")
    assert opposition.duration == Duration(3, "years")
    assert opposition.start == "Exercise of the right of opposition"
    customers = _rule(laserseven, "management of customers")
    assert customers.duration is None and "strictly necessary" in customers.criterion
    documents = _rule(laserseven, "identity documents")
    assert documents.duration is None and "verify your identity" in documents.criterion
    law = _rule(laserseven, "proof of a right or a contract")
    assert law.duration is None and "law in force" in law.criterion
    cookies = _rule(laserseven, "accept or decline the Cookies")
    assert cookies.duration == Duration(6, "months")


def test_laserseven_card_storage(laserseven: Organization) -> None:
    cards = _activity(laserseven, 8)
    assert _bases(cards) == ["contract", "consent", "legal_obligation"]
    assert "CVV2" in cards.data_categories[0].details and "not" in cards.data_categories[0].details
    assert any("validity of your credit card" in r.criterion for r in cards.retention)
    assert _recipient_names(laserseven, cards) >= {"Payment service provider"}
    # "We do not have access to this data."
    assert "Staff of LaserSeven" not in _recipient_names(laserseven, cards)


def test_laserseven_legal_bases(laserseven: Organization) -> None:
    used = {p.legal_basis for a in laserseven.activities for p in a.purposes}
    # The four bases of Article 5, and no other.
    assert used == {"legitimate_interests", "consent", "contract", "legal_obligation"}
    assert _bases(_activity(laserseven, 4)) == ["legitimate_interests"]  # requests for information
    assert _activity(laserseven, 10).purposes[0].legal_basis == "legal_obligation"
    assert "geolocation" in _activity(laserseven, 1).purposes[2].legal_basis_details.lower()
    cookies = _activity(laserseven, 7)
    assert _bases(cookies) == ["contract", "consent", "consent", "consent"]
    assert "modify your preferences at any time" in cookies.consent_withdrawal


def test_laserseven_recipients(laserseven: Organization) -> None:
    catalogue = {r.name: r for r in laserseven.recipients}
    assert {"OVH", "Amazon Web Services", "CRM tool provider", "Chartered accountant",
            "Platform maintenance provider", "Google Analytics, Global Site Tag (Google)",
            "Payment service provider", "Staff of LaserSeven"} <= set(catalogue)
    assert catalogue["Google Analytics, Global Site Tag (Google)"].country == "US"
    assert catalogue["OVH"].country == "FR" and catalogue["Amazon Web Services"].country == ""
    assert catalogue["Staff of LaserSeven"].type == "internal_service"
    statistics = _activity(laserseven, 6)
    assert "Google Analytics, Global Site Tag (Google)" in _recipient_names(laserseven, statistics)
    for activity in laserseven.activities:  # Article 10: everything is hosted by OVH and AWS
        assert {"OVH", "Amazon Web Services"} <= _recipient_names(laserseven, activity)


def test_laserseven_states_no_transfer_and_hosting(laserseven: Organization) -> None:
    excerpts = [s.excerpt for s in laserseven.sources]
    assert any("will not be transferred outside the European Union" in e for e in excerpts)
    assert any("OVH" in e and "located in the European Union" in e for e in excerpts)


def test_laserseven_subjects_and_categories(laserseven: Organization) -> None:
    subjects = {s.category for a in laserseven.activities for s in a.data_subjects}
    assert subjects == {"customers", "prospects", "other"}
    categories = {c.category for a in laserseven.activities for c in a.data_categories}
    assert {"identity", "economic_financial", "location", "connection", "internet"} <= categories
