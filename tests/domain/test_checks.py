"""The checks: each rule fires on a minimal bad register and not on a good one; messages in both languages."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from ropa_desktop.domain import adequacy, field_paths
from ropa_desktop.domain.checks import (
    RULES,
    Finding,
    Severity,
    check_activity,
    check_organization,
    check_register,
    message,
    organization_score,
)
from ropa_desktop.domain.model import (
    Activity,
    ActivityRecipient,
    Client,
    ClientLink,
    Contact,
    DataCategory,
    DataSubject,
    Dpia,
    Duration,
    Organization,
    Purpose,
    Recipient,
    Register,
    SecurityMeasure,
    Source,
    SubProcessor,
    Transfer,
)
from ropa_desktop.services.seeding import seed_register
from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import CHECKED_ON, good_org, good_processor_side

TODAY = CHECKED_ON


@pytest.fixture(autouse=True)
def _packaged_adequacy_list() -> Iterator[None]:
    """Each test judges with the shipped adequacy list, whatever a test installed."""
    adequacy.use(adequacy.packaged())
    yield
    adequacy.use(adequacy.packaged())


def run(org: Organization) -> list[Finding]:
    return check_register(Register([org]), TODAY)


def found(org: Organization) -> set[tuple[str, str]]:
    return {(f.code, f.field) for f in run(org)}


Mutation = Callable[[Organization, Activity], None]


def _set(path: str, value: object) -> Mutation:
    """A mutation setting ``activity.<path>`` (or ``org.<path>`` when the path starts with "org.")."""
    def mutate(org: Organization, activity: Activity) -> None:
        target: object = org if path.startswith("org.") else activity
        field_paths.assign(target, path.removeprefix("org."), value)
    return mutate


def _us_host(org: Organization, activity: Activity) -> None:
    org.recipients[0].country = "US"


def _no_transfer_statement(org: Organization, activity: Activity) -> None:
    _us_host(org, activity)
    activity.sources.append(Source("Notice", "Hosting", "Your data will not be transferred outside the EU."))


def _transfer(country: str, safeguard: str, documentation: str = "") -> Mutation:
    def mutate(org: Organization, activity: Activity) -> None:
        activity.transfers.append(Transfer("Offshore support", country, safeguard, documentation))
    return mutate


def _add_category(category: DataCategory) -> Mutation:
    def mutate(org: Organization, activity: Activity) -> None:
        activity.data_categories.append(category)
    return mutate


def _second_main(org: Organization, activity: Activity) -> None:
    activity.purposes[1].main = True


def _narrow_retention(org: Organization, activity: Activity) -> None:
    activity.retention[0].categories = ["identity"]


def _health_dpia_unknown(org: Organization, activity: Activity) -> None:
    activity.data_categories.append(DataCategory("health", "sick leave", True, "employment_social_security"))
    activity.dpia = Dpia()


def _unnamed_transfer(org: Organization, activity: Activity) -> None:
    activity.transfers.append(Transfer("", "IN", "scc"))


def _law_without_reference(org: Organization, activity: Activity) -> None:
    activity.retention[0].legal_reference = ""
    activity.retention[0].applies_to = "Kept to comply with our legal obligations"


def _undated(org: Organization, activity: Activity) -> None:
    activity.created = activity.updated = None


def _vague(org: Organization, activity: Activity) -> None:
    activity.retention[0].duration = None
    activity.retention[0].criterion = "For the time strictly necessary to manage the relationship"


def _prospecting(basis: str, *subjects: str) -> Mutation:
    def mutate(org: Organization, activity: Activity) -> None:
        activity.purposes[1] = Purpose("Send promotional messages by e-mail", False, basis)
        activity.data_subjects = [DataSubject(s) for s in subjects]
        if basis == "consent":
            activity.consent_withdrawal = "Unsubscribe link in every message"
    return mutate


def _plugin(org: Organization, activity: Activity) -> None:
    org.recipients.append(Recipient(id="fb", name="Facebook", type="other", country="IE",
                                    details="Social network plug-in (“like” button)"))
    activity.recipients.append(ActivityRecipient("fb"))


def _expired_list(code: str) -> Mutation:
    """Judge with a list whose decision for ``code`` ended before TODAY (the UK's 2025 extension, say)."""
    def mutate(org: Organization, activity: Activity) -> None:
        current = adequacy.packaged()
        decisions = tuple(replace(d, expires=date(2025, 12, 27)) if d.destination == code else d
                          for d in current.decisions)
        adequacy.use(replace(current, decisions=decisions))
        activity.transfers.append(Transfer("London office", code, "adequacy", "Art. 45"))
    return mutate


def _duplicate(org: Organization, activity: Activity) -> None:
    org.activities.append(Activity(id="act2", reference=" hr-01 ", name="Copy"))


def _processor(path: str, value: object) -> Mutation:
    """The good processor side, then ``org.<path>`` set to ``value``."""
    def mutate(org: Organization, activity: Activity) -> None:
        good_processor_side(org)
        field_paths.assign(org, path, value)
    return mutate


def _unreachable_client(org: Organization, activity: Activity) -> None:
    good_processor_side(org)
    org.clients[0].address = org.clients[0].email = ""


def _second_client(org: Organization, activity: Activity) -> None:
    """A second client served by the processing, whose authorisation of the sub-processor is not recorded."""
    good_processor_side(org)
    org.clients.append(Client(id="cli2", name="Initech", address="1 rue B", contract_reference="DPA-8"))
    org.processor_activities[0].clients.append(ClientLink("cli2"))
    org.processor_activities[0].sub_processors[0].client_id = "cli"


def _derogation(org: Organization, activity: Activity) -> None:
    good_processor_side(org)
    org.processor_activities[0].transfers.append(Transfer("Helpdesk", "IN", "derogation_art49", ""))


CASES: list[tuple[str, Mutation, str]] = [
    ("missing_required", _set("name", ""), "name"),
    ("missing_required", _set("security_measures", []), "security_measures"),
    ("missing_required", _set("retention", []), "retention"),
    ("missing_required", _set("purposes[0].description", ""), "purposes[0].description"),
    ("missing_required", _set("data_subjects[0].category", ""), "data_subjects[0].category"),
    ("missing_required", _set("security_measures[0].type", ""), "security_measures[0].type"),
    ("missing_required", _set("org.head", Contact()), "head"),
    ("missing_required", _set("org.address", ""), "address"),
    ("missing_required", _set("org.recipients[0].type", ""), "recipients[0].type"),
    ("missing_required", _unnamed_transfer, "transfers[0].recipient"),
    ("no_dpo_or_contact_point", _set("org.dpo", Contact()), "dpo"),
    ("representative_missing", _set("org.country", "US"), "representative"),
    ("legal_basis_missing", _set("purposes[0].legal_basis", ""), "purposes[0].legal_basis"),
    ("legal_basis_to_be_determined", _set("purposes[1].legal_basis", "to_be_determined"),
     "purposes[1].legal_basis"),
    ("main_purpose_missing", _set("purposes[0].main", False), "purposes"),
    ("main_purpose_several", _second_main, "purposes"),
    ("consent_withdrawal_missing", _set("purposes[1].legal_basis", "consent"), "consent_withdrawal"),
    ("sensitive_without_condition", _add_category(DataCategory("health", "sick leave")),
     "data_categories[2].special_condition"),
    ("dpia_sensitive_unknown", _health_dpia_unknown, "dpia.required"),
    ("dpia_not_done", _set("dpia", Dpia(required=True, done=False)), "dpia.done"),
    ("retention_category_uncovered", _narrow_retention, "data_categories[1].category"),
    ("retention_no_duration", _set("retention[0].duration", None), "retention[0]"),
    ("retention_legal_reference_missing", _law_without_reference, "retention[0].legal_reference"),
    ("recipient_link_broken", _set("recipients[0].recipient_id", "nope"), "recipients[0].recipient_id"),
    ("processor_without_contract", _set("org.recipients[0].contract_reference", ""),
     "recipients[0].contract_reference"),
    ("recipient_outside_eea_no_transfer", _us_host, "recipients[0]"),
    ("no_transfer_contradicted", _no_transfer_statement, "recipients[0]"),
    ("transfer_country_missing", _transfer("", "scc"), "transfers[0].country"),
    ("transfer_safeguard_missing", _transfer("IN", ""), "transfers[0].safeguard"),
    ("transfer_within_eea", _transfer("de", "scc"), "transfers[0].country"),
    ("transfer_adequacy_missing", _transfer("IN", "adequacy"), "transfers[0].safeguard"),
    ("transfer_adequacy_partial", _transfer("US", "adequacy"), "transfers[0].safeguard"),
    ("invalid_mechanism", _transfer("US", "other", "Certified under the EU-US Privacy Shield"),
     "transfers[0].documentation"),
    ("invalid_mechanism", _transfer("US", "privacy_shield"), "transfers[0].safeguard"),
    ("invalid_mechanism", _set("org.recipients[0].details", "Safe Harbor certified"),
     "recipients[0].details"),
    ("review_overdue", _set("next_review", date(2026, 5, 31)), "next_review"),
    ("not_reviewed_for_a_year", _set("updated", datetime(2025, 5, 1, tzinfo=UTC)), "updated"),
    ("never_reviewed", _undated, "updated"),
    ("unknown_code", _set("role", "overlord"), "role"),
    ("unknown_code", _set("retention[0].categories", ["bogus"]), "retention[0].categories"),
    ("unknown_code", _set("retention[0].duration", Duration(3, "weeks")), "retention[0].duration"),
    ("unknown_code", _set("org.recipients[0].type", "friend"), "recipients[0].type"),
    ("unknown_country", _set("org.recipients[0].country", "XX"), "recipients[0].country"),
    ("unknown_country", _transfer("ZZ", "scc"), "transfers[0].country"),
    ("duplicate_reference", _duplicate, "reference"),
    ("legal_obligation_no_law", _set("purposes[1].legal_basis_details", "required by law"),
     "purposes[1].legal_basis_details"),
    ("retention_vague", _vague, "retention[0].criterion"),
    ("retention_minimum_only", _set("retention[0].minimum", True), "retention[0].minimum"),
    ("email_prospecting_without_consent", _prospecting("legitimate_interests", "customers", "prospects"),
     "purposes[1].legal_basis"),
    ("email_prospecting_without_consent", _prospecting("contract", "customers"), "purposes[1].legal_basis"),
    ("recipient_country_missing", _set("org.recipients[0].country", ""), "recipients[0]"),
    ("security_only_other", _set("security_measures", [SecurityMeasure("other", "appropriate measures")]),
     "security_measures"),
    ("dpia_screening_missing", _set("dpia", Dpia()), "dpia.screened"),
    ("dpia_required_by_screening", _set("dpia", Dpia(screened=True, criteria=["sensitive_data", "large_scale"])),
     "dpia.required"),
    ("dpia_required_by_screening", _set("dpia", Dpia(screened=True, cnil_list=["employee_monitoring"])),
     "dpia.required"),
    ("joint_controller_missing", _plugin, "recipients[1]"),
    ("dpo_mandatory_missing", lambda o, a: (setattr(o, "large_scale_monitoring", True),
                                            setattr(o, "dpo_is_contact_point", True)), "dpo"),
    ("dpo_mandatory_unknown", _set("org.public_body", None), "public_body"),
    ("transfer_adequacy_expired", _expired_list("GB"), "transfers[0].safeguard"),
    # --- the processor's register ---
    ("client_without_contract", _processor("clients[0].contract_reference", ""), "clients[0].contract_reference"),
    ("client_contact_missing", _unreachable_client, "clients[0].email"),
    ("processing_without_client", _processor("processor_activities[0].clients", []),
     "processor_activities[0].clients"),
    ("client_contract_ended", _processor("clients[0].end", date(2026, 1, 31)), "processor_activities[0].clients[0]"),
    ("sub_processor_not_authorised", _processor("processor_activities[0].sub_processors[0].authorisation", ""),
     "processor_activities[0].sub_processors[0].authorisation"),
    ("sub_processor_client_not_authorised", _second_client, "processor_activities[0].sub_processors[0].client_id"),
    ("sub_processor_client_unlinked", _processor("processor_activities[0].sub_processors[0].client_id", "gone"),
     "processor_activities[0].sub_processors[0].client_id"),
    ("client_end_before_start", _processor("clients[0].end", date(2023, 6, 30)), "clients[0].end"),
    ("transfer_derogation_undocumented", _derogation, "processor_activities[0].transfers[1].documentation"),
    ("sub_processor_transfer_missing", _processor("processor_activities[0].transfers", []),
     "processor_activities[0].sub_processors[0].country"),
    ("processing_without_security", _processor("processor_activities[0].security_shared", False),
     "processor_activities[0].security_measures"),
    ("processing_without_security", _processor("security_measures", []), "processor_activities[0].security_measures"),
    ("missing_required", _processor("processor_activities[0].sub_processors[0].country", ""),
     "processor_activities[0].sub_processors[0].country"),
    ("unknown_code", _processor("processor_activities[0].sub_processors[0].authorisation", "verbal"),
     "processor_activities[0].sub_processors[0].authorisation"),
    ("transfer_safeguard_missing", _processor("processor_activities[0].transfers[0].safeguard", ""),
     "processor_activities[0].transfers[0].safeguard"),
    ("statement_sub_processor_unsafeguarded",
     _set("org.recipients[0].sub_processors", [SubProcessor("Offshore support", "IN", "helpdesk", "general")]),
     "recipients[0].sub_processors[0].country"),
    ("statement_transfer_unsafeguarded", _set("org.recipients[0].transfers", [Transfer("Offshore support", "IN")]),
     "recipients[0].transfers[0].safeguard"),
]

# The same rules staying quiet where the law allows (each is a "good" variant of a CASES entry).
QUIET: list[tuple[str, Mutation]] = [
    ("legal obligation naming its law", _set("purposes[1].legal_basis_details", "Code de la sécurité sociale")),
    ("measurable retention criterion", _set("retention[0].criterion", "Until the end of the contract")),
    ("minimum with its end", lambda o, a: (setattr(a.retention[0], "minimum", True),
                                           setattr(a.retention[0], "criterion", "then deleted within a year"))),
    ("prospecting on consent", _prospecting("consent", "prospects")),
    ("soft opt-in for customers", _prospecting("legitimate_interests", "customers")),
    ("technical newsletter on legitimate interest",
     lambda o, a: a.purposes.__setitem__(1, Purpose("Technical newsletter", False, "legitimate_interests"))),
    ("internal service without a country",
     lambda o, a: (setattr(o.recipients[0], "country", ""), setattr(o.recipients[0], "type", "internal_service"))),
    ("other measures beside a listed one", lambda o, a: a.security_measures.append(SecurityMeasure("other", "x"))),
    ("two criteria, DPIA planned and done",
     _set("dpia", Dpia(required=True, done=True, reference="AIPD-1", screened=True,
                       criteria=["sensitive_data", "large_scale"]))),
    ("two criteria, justified", _set("dpia", Dpia(screened=True, criteria=["sensitive_data", "large_scale"],
                                                  justification="Covered by the CNIL's reference framework"))),
    ("plug-in with its joint controller documented",
     lambda o, a: (_plugin(o, a), setattr(a, "joint_controllers", "Meta Platforms Ireland (Art. 26 arrangement)"))),
    ("DPO mandatory and designated", _set("org.large_scale_monitoring", True)),
    ("UK adequacy in force until 2031", _transfer("GB", "adequacy")),
    ("Brazil adequate since 2026", _transfer("BR", "adequacy")),
    ("EPO adequate since 2025", _transfer("INT-EPO", "adequacy")),
    ("a complete processor side", lambda o, a: good_processor_side(o)),
    ("processing ended with its client's contract",
     lambda o, a: (good_processor_side(o), setattr(o.clients[0], "end", date(2026, 1, 31)),
                   setattr(o.processor_activities[0], "end", date(2026, 1, 31)))),
    ("client's contract ending later", _processor("clients[0].end", date(2026, 12, 31))),
    ("client reached through its contact person", lambda o, a: (
        _unreachable_client(o, a), setattr(o.clients[0].contact, "email", "it@globex.example"))),
    ("measures of the processing's own", lambda o, a: (
        _processor("processor_activities[0].security_shared", False)(o, a), o.security_measures.clear(),
        o.processor_activities[0].security_measures.append(SecurityMeasure("backup", "daily")))),
    ("sub-processor within the EEA, no transfer", lambda o, a: (
        good_processor_side(o), setattr(o.processor_activities[0].sub_processors[0], "country", "IE"),
        o.processor_activities[0].transfers.clear())),
    ("transfer matched by the sub-processor's country", _processor("processor_activities[0].transfers[0].recipient",
                                                                   "Cloud Inc (US branch)")),
    ("a statement whose transfer has its safeguard", lambda o, a: (
        setattr(o.recipients[0], "sub_processors", [SubProcessor("Offshore support", "IN", "", "specific")]),
        setattr(o.recipients[0], "transfers", [Transfer("Offshore support", "IN", "scc")]))),
]


@pytest.mark.parametrize(("case", "mutate"), QUIET, ids=[q[0] for q in QUIET])
def test_rules_stay_quiet_where_the_law_allows(case: str, mutate: Mutation) -> None:
    org = good_org()
    mutate(org, org.activities[0])
    assert run(org) == []

def test_the_good_organisation_has_no_finding() -> None:
    assert run(good_org()) == []


def test_a_proper_transfer_has_no_finding() -> None:
    org = good_org()
    org.recipients[0].country = "IN"
    org.activities[0].transfers.append(Transfer("Payroll bureau", "IN", "scc", "DPA annex 3"))
    org.activities[0].sources.append(Source("Notice", "Transfers", "Transfers to India rely on the SCC."))
    assert run(org) == []


def test_a_contact_point_is_enough() -> None:
    org = good_org()
    org.dpo = Contact(email="privacy@acme.fr")
    org.dpo_is_contact_point = True
    assert run(org) == []


@pytest.mark.parametrize(("code", "mutate", "path"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_each_rule_fires_on_a_minimal_bad_register(code: str, mutate: Mutation, path: str) -> None:
    org = good_org()
    mutate(org, org.activities[0])
    findings = run(org)
    assert (code, path) in {(f.code, f.field) for f in findings}
    for f in findings:
        assert f.severity is RULES[f.code].severity
        assert f.organization_id == "org"
        assert message(f, "fr") and message(f, "en")


def test_every_rule_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_messages_exist_in_both_languages_with_the_same_placeholders(code: str) -> None:
    rule = RULES[code]
    assert rule.fr.strip() and rule.en.strip() and rule.fr != rule.en
    names = [{name for _, name, _, _ in string.Formatter().parse(t) if name} for t in (rule.fr, rule.en)]
    assert {n.removesuffix("_fr").removesuffix("_en") for n in names[0]} == {
        n.removesuffix("_fr").removesuffix("_en") for n in names[1]}


def test_field_labels_follow_the_language() -> None:
    org = good_org()
    org.activities[0].purposes[0].description = ""
    (finding,) = run(org)
    assert message(finding, "en") == "Required field missing: Purposes of the processing #1: Purpose"
    assert message(finding, "fr") == (
        "Champ obligatoire non renseigné : Finalité(s) du traitement n° 1 : Finalité")


def test_check_activity_and_check_organization_split_the_work() -> None:
    org = good_org()
    org.dpo = Contact()
    org.activities[0].name = ""
    assert [f.code for f in check_organization(org, TODAY)] == ["no_dpo_or_contact_point"]
    assert [(f.code, f.activity_id) for f in check_activity(org.activities[0], org, TODAY)] == [
        ("missing_required", "act")]


def test_a_statement_about_transfers_is_not_read_as_no_transfer() -> None:
    org = good_org()
    org.recipients[0].country = "US"
    org.activities[0].transfers.append(Transfer("Payroll bureau", "US", "scc"))
    org.activities[0].sources.append(Source("Notice", "Transfers", "Transfers to the US rely on the SCC."))
    assert run(org) == []


# --- the seeded register ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeded() -> list[Finding]:
    return check_register(seed_register(TODAY), TODAY)


def _at(findings: list[Finding], activity_id: str | None, org_id: str) -> set[tuple[str, str]]:
    return {(f.code, f.field) for f in findings
            if f.activity_id == activity_id and f.organization_id == org_id}


def _org_level(findings: list[Finding], org_id: str) -> dict[tuple[str, str], tuple[str, ...]]:
    return {(f.code, f.field): f.activities for f in findings if f.organization_id == org_id and f.activity_id is None}


def test_seeded_laserseven_findings_are_what_the_charter_leaves_out(seeded: list[Finding]) -> None:
    org = _org_level(seeded, "laserseven")
    assert ("missing_required", "head") in org  # Article 3 is empty
    assert ("no_dpo_or_contact_point", "dpo") not in org  # Article 4 names a contact point
    # Article 9 is empty: one organisation-level finding naming all fourteen activities, not fourteen.
    assert len(org[("missing_required", "security_measures")]) == 14
    # Google Analytics: the charter names no country, so nothing judges a transfer; the gap is flagged once.
    assert ("recipient_country_missing", "recipients[1]") in _at(seeded, "laserseven-act-05", "laserseven")  # Google
    assert len(org[("recipient_country_missing", "recipients[3]")]) == 14  # OVH, used by every activity
    bases = {(f.activity_id, f.field) for f in seeded if f.code == "legal_basis_to_be_determined"
             and f.organization_id == "laserseven"}
    assert bases == {("laserseven-act-03", "purposes[0].legal_basis"), ("laserseven-act-03", "purposes[1].legal_basis"),
                     ("laserseven-act-04", "purposes[2].legal_basis"), ("laserseven-act-05", "purposes[0].legal_basis"),
                     ("laserseven-act-05", "purposes[1].legal_basis"), ("laserseven-act-06", "purposes[0].legal_basis"),
                     ("laserseven-act-10", "purposes[0].legal_basis"), ("laserseven-act-11", "purposes[0].legal_basis"),
                     ("laserseven-act-13", "purposes[0].legal_basis"), ("laserseven-act-13", "purposes[1].legal_basis")}
    assert ("retention_vague", "retention[0].criterion") in _at(seeded, "laserseven-act-02", "laserseven")
    assert ("retention_legal_reference_missing", "retention[1].legal_reference") in _at(
        seeded, "laserseven-act-02", "laserseven")  # transactions: "to comply with our legal obligations"
    assert ("retention_minimum_only", "retention[2].minimum") in _at(seeded, "laserseven-act-03", "laserseven")
    assert ("legal_obligation_no_law", "purposes[0].legal_basis_details") in _at(
        seeded, "laserseven-act-14", "laserseven")
    assert ("joint_controller_missing", "recipients[1]") in _at(seeded, "laserseven-act-07", "laserseven")  # ads
    assert ("joint_controller_missing", "recipients[1]") in _at(seeded, "laserseven-act-09", "laserseven")  # social
    assert ("consent_withdrawal_missing", "consent_withdrawal") in _at(seeded, "laserseven-act-04", "laserseven")


def test_seeded_enlaps_findings(seeded: list[Finding]) -> None:
    org = _org_level(seeded, "enlaps")
    assert ("missing_required", "head") not in org
    assert len(org[("security_only_other", "security_measures")]) == 9  # the policy's boilerplate, once
    missing_country = {path for code, path in org if code == "recipient_country_missing"}
    assert missing_country == {"recipients[0]", "recipients[1]", "recipients[2]"}  # AWS, maintenance, security
    assert ("recipient_country_missing", "recipients[3]") in _at(seeded, "enlaps-act-02", "enlaps")  # PayPal
    rights = _at(seeded, "enlaps-act-09", "enlaps")
    assert rights == {("legal_basis_to_be_determined", "purposes[0].legal_basis"), ("missing_required", "retention")}
    for number in (1, 3, 4, 5, 6, 8):
        assert _at(seeded, f"enlaps-act-{number:02d}", "enlaps") == set()


def test_nothing_is_unreviewed_on_the_day_the_register_is_made() -> None:
    today = date(2026, 11, 27)
    findings = check_register(seed_register(today), today)
    assert not {f.code for f in findings} & {"never_reviewed", "not_reviewed_for_a_year", "review_overdue"}
    later = check_register(seed_register(today), date(2027, 12, 1))
    assert {f.code for f in later} >= {"not_reviewed_for_a_year"}


def test_seeded_findings_have_no_errors_of_vocabulary(seeded: list[Finding]) -> None:
    assert not {f.code for f in seeded} & {"unknown_code", "unknown_country", "recipient_link_broken",
                                           "duplicate_reference"}
    assert any(f.severity is Severity.ERROR for f in seeded)


def test_synthetic_register_is_checked_without_error() -> None:
    findings = check_register(synthetic_register(200, seed=3), TODAY)
    assert findings  # the generator makes imperfect registers on purpose
    for f in findings:
        message(f, "fr")
        message(f, "en")


def test_a_complete_register_scores_100_and_each_gap_costs() -> None:
    org = good_org()
    assert organization_score(org, run(org)) == (100, {"act": 100})
    org.activities[0].security_measures = []  # a required field: 1 of 8 fields, and an error
    score, per_activity = organization_score(org, run(org))
    assert per_activity["act"] == round(100 * 7 / 8) - 10 and score == per_activity["act"]
    org = good_org()
    org.recipients[0].contract_reference = ""  # an organisation-level warning
    assert organization_score(org, run(org))[0] == 97


def test_a_shared_recipient_finding_points_at_each_activitys_own_row() -> None:
    from ropa_desktop.domain.checks import check_organization_findings, path_in_activity

    a, b, c = (Recipient(name=n, type="processor", country="FR") for n in ("Alpha", "Beta", "Gamma"))
    b.country = ""  # the one recipient the finding is about
    first = Activity(reference="X-1", recipients=[ActivityRecipient(c.id), ActivityRecipient(a.id),
                                                  ActivityRecipient(b.id)])
    second = Activity(reference="X-2", recipients=[ActivityRecipient(b.id)])
    org = Organization(name="Org", recipients=[a, b, c], activities=[first, second])
    [finding] = [f for f in check_organization_findings(org, date(2026, 11, 27))
                 if f.code == "recipient_country_missing"]
    assert finding.activity_id is None and finding.field == "recipients[1]"  # the catalogue's entry
    assert path_in_activity(finding, org, first) == "recipients[2]"
    assert path_in_activity(finding, org, second) == "recipients[0]"
