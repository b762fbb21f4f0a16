"""The seeded registers, fact by fact against the two privacy notices: every value traced to its sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from ropa_desktop.domain.field_paths import describe as path_label
from ropa_desktop.domain.model import Activity, Duration, Organization, RetentionRule
from ropa_desktop.services.notices import notice_text
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



# --- every seeded fact traced to its sentence ----------------------------------------------------------------

_STOP = {"with", "from", "their", "this", "that", "your", "which", "data", "other", "others", "those", "only",
         "when", "where", "being", "relating", "concerning", "about", "through", "after", "before", "kept",
         "using", "used", "they", "them", "more", "have", "does", "the", "and", "for", "our", "its", "not", "all",
         "any", "who", "has", "are"}
# What a legal basis must be called in the sentence that states it.
_BASIS_WORDS = {"consent": "consent", "contract": "contract", "legitimate_interests": "legitimate interest",
                "legal_obligation": "legal obligation"}
_UNIT_WORDS = {"years": "year", "months": "month", "days": "day"}


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-zà-ÿ]{3,}", text.lower()) if w not in _STOP]


def _supported(value: str, excerpts: list[str], share: float = 0.6) -> bool:
    """Most of the value's words (by their first five letters) are in the excerpts that support it."""
    words = _words(value)
    if not words:
        return True
    found = {w[:5] for e in excerpts for w in _words(e)}
    return sum(w[:5] in found for w in words) >= share * len(words)


def _facts(org: Organization, activity: Activity) -> Iterator[tuple[str, Any]]:
    """(field path, value) of every fact the activity records from its notice."""
    for i, p in enumerate(activity.purposes):
        yield f"purposes[{i}].description", p.description
        yield f"purposes[{i}].legal_basis", p.legal_basis
    for i, s in enumerate(activity.data_subjects):
        yield f"data_subjects[{i}]", s
    for i, c in enumerate(activity.data_categories):
        yield f"data_categories[{i}]", c
    for i, r in enumerate(activity.retention):
        yield f"retention[{i}]", r
    for i, link in enumerate(activity.recipients):
        yield f"recipients[{i}]", org.recipient(link.recipient_id)
    for i, m in enumerate(activity.security_measures):
        yield f"security_measures[{i}]", m
    yield "transfers", activity.transfers
    if activity.data_source:
        yield "data_source", activity.data_source
    if activity.consent_withdrawal:
        yield "consent_withdrawal", activity.consent_withdrawal
    if activity.automated_decision.used is not None:
        yield "automated_decision.used", activity.automated_decision.used


def _problems(org: Organization, activity: Activity, path: str, value: Any) -> list[str]:
    """What is wrong with one fact's tracing ([] when its excerpts state it)."""
    excerpts = [s.excerpt for s in activity.sources if s.field == path]
    if not excerpts:
        return ["no source excerpt"]
    text = " ".join(excerpts).lower()
    problems = []
    if path.endswith(".legal_basis"):
        purpose = activity.purposes[int(path.split("[")[1].split("]")[0])]
        if value == "to_be_determined":
            if "candidate" not in purpose.legal_basis_details.lower():
                problems.append("to_be_determined without the candidates the text names")
        elif _BASIS_WORDS[value] not in text:
            problems.append(f"basis {value!r} not stated by its excerpts: must be to_be_determined")
    elif path.endswith(".description"):
        if not _supported(value, excerpts):
            problems.append(f"{value!r} not in its excerpts")
    elif path.startswith(("data_subjects", "data_categories")):
        if not _supported(value.details, excerpts, 0.5):
            problems.append(f"{value.details!r} not in its excerpts")
    elif path.startswith("retention"):
        rule: RetentionRule = value
        duration = rule.duration
        if duration is not None and (not re.search(rf"\b{duration.value}\b", text)
                                     or _UNIT_WORDS[duration.unit] not in text):
            problems.append(f"{duration} not in its excerpts")
        if ("minimum" in text or ("at least" in text and rule.duration is not None)) != rule.minimum:
            problems.append("a minimum in the text must be recorded as minimum, and only then")
        if rule.criterion and not _supported(rule.criterion, excerpts, 0.5):
            problems.append(f"criterion {rule.criterion!r} not in its excerpts")
        for number in re.findall(r"\d+-\d+", rule.legal_reference):
            if number not in text:
                problems.append(f"legal reference {rule.legal_reference!r} not in its excerpts")
    elif path.startswith("recipients"):
        if value is None or not _supported(value.name, excerpts, 0.5):
            problems.append("recipient not named by its excerpts")
        elif value.country:
            problems.append(f"country {value.country!r} not stated by the notice")  # neither notice names one
    elif path == "transfers" and value == []:
        if "not" not in text or "transfer" not in text:
            problems.append("no transfer recorded without the statement that there is none")
    elif isinstance(value, str) and not _supported(value, excerpts, 0.5):
        problems.append(f"{value!r} not in its excerpts")
    return problems


@pytest.mark.parametrize("org_id", ["laserseven", "enlaps"])
def test_every_seeded_fact_is_traced_to_its_sentence(org_id: str) -> None:
    org = seed_register().organization(org_id)
    assert org is not None
    notice = re.sub(r"\s+", " ", notice_text(org_id))
    failures = []
    for activity in org.activities:
        for path, value in _facts(org, activity):
            failures += [f"{activity.reference} {path}: {p}" for p in _problems(org, activity, path, value)]
        for source in activity.sources:
            assert source.excerpt in notice, source.excerpt
            assert source.field and path_label(source.field, "activity", "en") != source.field, source.field
    assert failures == [], "\n".join(failures)


def test_the_tracing_test_catches_an_invented_fact(laserseven: Organization) -> None:
    activity = next(a for a in seed_register().organizations[0].activities if a.reference == "LS-03")
    assert _problems(laserseven, activity, "purposes[0].legal_basis", "legitimate_interests")  # the old "closest"
    assert _problems(laserseven, activity, "purposes[0].legal_basis", "to_be_determined") == []
    opposition = activity.retention[2]
    opposition.minimum = False  # "kept for a minimum of 3 years" read as a maximum
    assert _problems(laserseven, activity, "retention[2]", opposition)
    google = laserseven.recipient("laserseven-rcp-google-analytics")
    assert google is not None
    stats = next(a for a in laserseven.activities if a.reference == "LS-05")
    google.country = "US"  # Google's seat, which the charter never states
    try:
        assert _problems(laserseven, stats, "recipients[3]", google)
    finally:
        google.country = ""


# --- what the notices say, as an auditor would read them ---------------------------------------------------

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
        9: ("Requests to exercise data protection rights", ["to_be_determined"]),
    }
    assert len(enlaps.activities) == len(expected)
    for number, (name, bases) in expected.items():
        activity = _activity(enlaps, number)
        assert activity.name.startswith(name)
        assert activity.reference == f"EN-{number:02d}"
        assert _bases(activity) == bases
    assert "legal obligation" in _activity(enlaps, 9).purposes[0].legal_basis_details


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
    assert not any(r.minimum for r in rules)  # "the maximum storage times are as follows"


def test_enlaps_recipients_have_no_invented_country(enlaps: Organization) -> None:
    catalogue = {r.name: r for r in enlaps.recipients}
    assert {"AWS", "PayPal", "Banks", "Carriers", "Social Intents",
            "Competent authorities"} <= set(catalogue)
    assert {r.country for r in enlaps.recipients} == {""}  # the policy names no country
    assert "Social Intents" in _recipient_names(enlaps, _activity(enlaps, 7))
    assert "Social Intents" not in _recipient_names(enlaps, _activity(enlaps, 2))


def test_enlaps_security_section_is_cited(enlaps: Organization) -> None:
    for activity in enlaps.activities:
        (measure,) = activity.security_measures
        assert measure.type == "other"
        cited = [s for s in activity.sources if s.field == "security_measures[0]"]
        assert {s.section for s in cited} == {"What security measures are in place?"}


def test_fiche_dates_are_the_registers_and_the_notice_date_is_the_sources(enlaps: Organization) -> None:
    today = date(2026, 11, 27)
    for org in seed_register(today).organizations:
        assert {a.created for a in org.activities} == {today}
    assert "updated on August 10, 2020" in enlaps.activities[0].sources[0].document
    assert any(s.excerpt == "Updated on August 10, 2020" for s in enlaps.sources)


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


def test_laserseven_activities_as_an_auditor_expects(laserseven: Organization) -> None:
    names = [a.name for a in laserseven.activities]
    assert names == [
        "Platform accounts and use of the services", "Customer management", "Commercial prospecting",
        "Card payment", "Audience measurement and statistics (analytical cookies)",
        "Technical and functional cookies", "Advertising cookies", "Content personalisation cookies",
        "Social network cookies", "Opinions on products, services and content", "Unpaid bills and disputes",
        "Requests for information", "Requests to exercise data protection rights",
        "Legal and regulatory obligations"]
    for activity in laserseven.activities:
        assert activity.security_measures == []  # Article 9 is an empty heading
        assert activity.transfers == []  # Article 7 is empty; Article 10 says no transfer
        assert activity.automated_decision.used is None


def test_laserseven_bases_only_where_the_charter_pairs_them(laserseven: Organization) -> None:
    paired = {(a.reference, p.legal_basis) for a in laserseven.activities for p in a.purposes
              if p.legal_basis != "to_be_determined"}
    assert paired == {("LS-01", "contract"), ("LS-02", "contract"), ("LS-04", "contract"), ("LS-04", "consent"),
                      ("LS-05", "consent"), ("LS-07", "consent"), ("LS-08", "consent"), ("LS-09", "consent"),
                      ("LS-12", "legitimate_interests"), ("LS-14", "legal_obligation")}
    newsletters = _activity(laserseven, 3).purposes[0]
    assert newsletters.legal_basis == "to_be_determined"
    assert "L. 34-5" in newsletters.legal_basis_details and "consent" in newsletters.legal_basis_details


def test_laserseven_no_data_type_as_a_purpose(laserseven: Organization) -> None:
    purposes = [p.description.lower() for a in laserseven.activities for p in a.purposes]
    assert "geolocation" not in purposes
    location = [c for c in _activity(laserseven, 1).data_categories if c.category == "location"]
    assert location and "geolocation" in location[0].details.lower()


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
    opposition = _rule(laserseven, "right of opposition")
    assert (opposition.duration, opposition.minimum) == (Duration(3, "years"), True)  # "a minimum of 3 years"
    assert [r for r in _rules(laserseven) if r.minimum] == [opposition]
    customers = _rule(laserseven, "management of customers")
    assert customers.duration is None and "strictly necessary" in customers.criterion
    assert _rule(laserseven, "accept or decline").duration == Duration(6, "months")


def test_laserseven_recipients_have_no_invented_country(laserseven: Organization) -> None:
    assert {r.country for r in laserseven.recipients} == {""}  # "located in the European Union" names none
    google = laserseven.recipient("laserseven-rcp-google-analytics")
    assert google is not None and google.name == "Google Analytics, Global Site Tag"
    for activity in laserseven.activities:  # Article 10: everything is hosted by OVH and AWS
        assert {"OVH", "Amazon Web Services"} <= _recipient_names(laserseven, activity)
    assert "Staff of LaserSeven" not in _recipient_names(laserseven, _activity(laserseven, 4))  # no access


def test_laserseven_article_1_is_cited(laserseven: Organization) -> None:
    cited = {s.field for a in laserseven.activities for s in a.sources
             if s.section == "Article 1. Definition and nature of personal data"}
    assert any(f.startswith("data_categories") for f in cited)
