"""The check rules: codes, severities and French/English messages, and the Finding they produce."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from ..fields import field_spec
from ..messages import fill, message_table


class Severity(StrEnum):
    """An error makes the register incomplete under Art. 30; a warning asks the DPO to look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: which rule, how serious, where (organisation, activity, field path)."""

    code: str
    severity: Severity
    organization_id: str
    activity_id: str | None = None
    field: str = ""  # field path, e.g. "purposes[0].legal_basis"; "" for the whole object
    # dataclasses.field, spelled out: the attribute `field` above shadows the name in the class body.
    params: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, hash=False)
    # An organisation-level finding about one fact shared by several activities: their ids, in register order.
    activities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's code, severity and messages; ``{name}`` placeholders are filled from a finding's params."""

    code: str
    severity: Severity
    fr: str
    en: str
    article: str = ""  # the provision the rule enforces, e.g. "Art. 30(1)(b)"


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
RULES: dict[str, Rule] = {r.code: r for r in (
    # --- completeness (the field table's `required`) ---
    Rule("missing_required", E, "Champ obligatoire non renseigné : {field_fr}",
         "Required field missing: {field_en}", "Art. 30(1)"),
    Rule("no_dpo_or_contact_point", E, "Ni DPO ni point de contact pour la protection des données",
         "No DPO and no data protection contact point", "Art. 30(1)(a), 37"),
    Rule("representative_missing", E,
         "Organisme établi hors de l'EEE ({country}) sans représentant dans l'Union (art. 27)",
         "Organisation established outside the EEA ({country}) without an EU representative (Art. 27)", "Art. 27"),
    # --- purposes and legal bases ---
    Rule("legal_basis_missing", E, "Finalité sans base légale : « {purpose} »",
         "Purpose without a legal basis: “{purpose}”", "Art. 6(1)"),
    Rule("legal_basis_to_be_determined", E, "Base légale encore à déterminer : « {purpose} »",
         "Legal basis still to be determined: “{purpose}”", "Art. 6(1)"),
    Rule("main_purpose_missing", W, "Aucune finalité n'est marquée comme principale",
         "No purpose is marked as the main purpose", "Art. 30(1)(b)"),
    Rule("main_purpose_several", E, "{count} finalités sont marquées comme principales (une seule attendue)",
         "{count} purposes are marked as the main purpose (one expected)", "Art. 30(1)(b)"),
    Rule("consent_withdrawal_missing", W,
         "Finalité fondée sur le consentement sans modalité de retrait du consentement",
         "A purpose rests on consent but how consent is withdrawn is not recorded", "Art. 7(3)"),
    # --- data ---
    Rule("sensitive_without_condition", E,
         "Donnée sensible « {category} » sans condition de l'art. 9(2) ou de l'art. 10",
         "Sensitive data “{category}” without an Art. 9(2) or Art. 10 condition", "Art. 9(2), 10"),
    Rule("dpia_sensitive_unknown", W,
         "Données sensibles traitées : indiquer si une analyse d'impact (AIPD) est requise",
         "Sensitive data processed: say whether an impact assessment (DPIA) is required", "Art. 35"),
    Rule("dpia_not_done", E, "Analyse d'impact (AIPD) requise mais non réalisée",
         "Impact assessment (DPIA) required but not carried out", "Art. 35(1)"),
    # --- retention ---
    Rule("retention_category_uncovered", E,
         "Aucune durée de conservation ne couvre la catégorie « {category} »",
         "No retention rule covers the data category “{category}”", "Art. 30(1)(f)"),
    Rule("retention_no_duration", E, "Règle de conservation sans durée ni critère : « {rule} »",
         "Retention rule with neither a duration nor a criterion: “{rule}”", "Art. 30(1)(f)"),
    Rule("retention_legal_reference_missing", W,
         "La conservation invoque une obligation légale sans référence au texte : « {rule} »",
         "Retention rests on a legal obligation but names no legal reference: “{rule}”", "Art. 5(1)(e), 30(1)(f)"),
    # --- recipients and transfers ---
    Rule("recipient_link_broken", E, "Destinataire introuvable dans le catalogue de l'organisme ({value})",
         "Recipient not found in the organisation's catalogue ({value})", "Art. 30(1)(d)"),
    Rule("processor_without_contract", W, "Sous-traitant « {recipient} » sans référence de contrat (art. 28)",
         "Processor “{recipient}” without an Art. 28 contract reference", "Art. 28(3)"),
    Rule("recipient_outside_eea_no_transfer", E,
         "Destinataire « {recipient} » situé hors de l'EEE ({country}) sans transfert enregistré",
         "Recipient “{recipient}” is outside the EEA ({country}) but no transfer is recorded", "Art. 30(1)(e), 44"),
    Rule("no_transfer_contradicted", E,
         "Le texte source déclare l'absence de transfert hors UE, mais le destinataire « {recipient} » "
         "est situé hors de l'EEE ({country}) : « {statement} »",
         "The source text states there is no transfer outside the EU, but recipient “{recipient}” is outside "
         "the EEA ({country}): “{statement}”", "Art. 13(1)(f), 30(1)(e)"),
    Rule("transfer_country_missing", E, "Transfert sans pays de destination",
         "Transfer without a destination country", "Art. 30(1)(e)"),
    Rule("transfer_safeguard_missing", E, "Transfert vers {country} sans garantie (art. 44 à 49)",
         "Transfer to {country} without a safeguard (Art. 44 to 49)", "Art. 44-49"),
    Rule("transfer_within_eea", W, "{country} est dans l'EEE : ce n'est pas un transfert hors UE",
         "{country} is in the EEA: this is not a transfer outside the EU", "Art. 30(1)(e)"),
    Rule("transfer_adequacy_missing", E,
         "Transfert fondé sur l'adéquation alors que {country} n'a pas de décision d'adéquation",
         "Transfer relies on adequacy but {country} has no adequacy decision", "Art. 45"),
    Rule("transfer_adequacy_partial", W,
         "L'adéquation de {country} est limitée ({scope}) : vérifier que le destinataire est couvert",
         "The adequacy decision for {country} is limited ({scope}): check that the recipient is covered", "Art. 45"),
    Rule("invalid_mechanism", E,
         "Mécanisme invalidé mentionné (Safe Harbor : CJUE C-362/14 du 6 octobre 2015 ; Privacy Shield : "
         "CJUE C-311/18 du 16 juillet 2020)",
         "Invalidated mechanism mentioned (Safe Harbor: CJEU C-362/14 of 6 October 2015; Privacy Shield: "
         "CJEU C-311/18 of 16 July 2020)", "Art. 45, 46"),
    # --- review ---
    Rule("review_overdue", W, "Revue prévue le {date} et dépassée", "Review was due on {date}", "Art. 24(1)"),
    Rule("not_reviewed_for_a_year", W, "Fiche non mise à jour depuis le {date} (plus d'un an)",
         "Record not updated since {date} (more than a year)", "Art. 24(1)"),
    Rule("never_reviewed", W, "Fiche sans date de création ni de mise à jour",
         "Record has neither a creation nor an update date", "Art. 24(1)"),
    # --- register-wide ---
    Rule("unknown_code", W, "Valeur hors liste dans {field_fr} : « {value} »",
         "Value not in the list for {field_en}: “{value}”"),
    Rule("unknown_country", W, "Code pays inconnu dans {field_fr} : « {value} »",
         "Unknown country code in {field_en}: “{value}”", "Art. 30(1)(e)"),
    # --- what an auditor stops at ---
    Rule("legal_obligation_no_law", W,
         "Obligation légale invoquée sans nommer le texte qui l'impose : « {purpose} »",
         "A legal obligation is invoked but no law is named: “{purpose}”", "Art. 6(1)(c), 6(3)"),
    Rule("retention_vague", W,
         "Durée de conservation vague (« {criterion} ») : donner une durée ou un critère mesurable",
         "Vague retention (“{criterion}”): give a period or a measurable criterion", "Art. 5(1)(e), 13(2)(a)"),
    Rule("retention_minimum_only", W,
         "Durée minimale sans durée maximale : « {rule} » ({duration_fr} au moins)",
         "A minimum period with no maximum: “{rule}” (at least {duration})", "Art. 5(1)(e), 30(1)(f)"),
    Rule("email_prospecting_without_consent", E,
         "Prospection électronique fondée sur « {basis_fr} » et non sur le consentement (hors clients : "
         "art. L. 34-5 CPCE) : « {purpose} »",
         "Electronic prospecting rests on “{basis}”, not consent (outside existing customers: "
         "French CPCE art. L. 34-5): “{purpose}”", "Art. 6(1)(a); Directive 2002/58/EC art. 13"),
    Rule("recipient_country_missing", W,
         "Destinataire « {recipient} » sans pays : impossible de savoir s'il y a transfert",
         "Recipient “{recipient}” has no country: whether data leaves the EEA cannot be judged",
         "Art. 30(1)(d), 30(1)(e)"),
    Rule("security_only_other", W,
         "Mesures de sécurité seulement « autres » : décrire les mesures réelles (liste CNIL)",
         "Security measures are only “other”: record the actual measures (CNIL list)", "Art. 30(1)(g), 32"),
    Rule("dpia_screening_missing", W,
         "Questionnaire AIPD non rempli (liste CNIL, délib. 2018-327, et 9 critères du CEPD)",
         "DPIA screening not answered (CNIL list, délib. 2018-327, and the EDPB's nine criteria)", "Art. 35(1), 35(4)"),
    Rule("dpia_required_by_screening", E,
         "AIPD requise d'après le questionnaire ({reason}) mais non prévue et non justifiée",
         "The screening makes a DPIA required ({reason}) but none is planned or justified", "Art. 35(1), 35(3), 35(4)"),
    Rule("joint_controller_missing", W,
         "« {recipient} » (module social ou traceur tiers) : responsabilité conjointe à documenter",
         "“{recipient}” (third-party plug-in or tracker): joint controllership to be documented",
         "Art. 26; CJEU C-40/17 Fashion ID"),
    Rule("dpo_mandatory_missing", E,
         "DPO obligatoire ({reason}) mais aucun DPO n'est désigné",
         "A DPO is mandatory ({reason}) but none is designated", "Art. 37(1)"),
    Rule("dpo_mandatory_unknown", INFO,
         "Répondre aux questions de l'art. 37(1) pour savoir si un DPO est obligatoire",
         "Answer the Art. 37(1) questions to know whether a DPO is mandatory", "Art. 37(1)"),
    Rule("transfer_adequacy_expired", E,
         "La décision d'adéquation de {country} a expiré le {date}",
         "The adequacy decision for {country} expired on {date}",
         "Art. 45"),
    Rule("duplicate_reference", E, "Référence « {value} » utilisée par {count} traitements",
         "Reference “{value}” is used by {count} activities", "Art. 30(1)"),
    # --- the processor's register (Art. 28, 30(2)) ---
    Rule("client_without_contract", E,
         "Client « {client} » sans référence de contrat ou d'avenant de sous-traitance (art. 28(3))",
         "Client “{client}” without a reference to its Art. 28(3) contract or data processing agreement",
         "Art. 28(3)"),
    Rule("client_contact_missing", E,
         "Client « {client} » sans coordonnées (adresse, mél, téléphone ou interlocuteur)",
         "Client “{client}” has no contact details (address, email, phone or contact person)", "Art. 30(2)(a)"),
    Rule("processing_without_client", E,
         "Traitement « {processing} » effectué pour le compte d'aucun client (responsable de traitement)",
         "Processing “{processing}” is carried out on behalf of no client (controller)", "Art. 30(2)(a)"),
    Rule("client_contract_ended", E,
         "Le contrat du client « {client} » a pris fin le {date} mais le traitement « {processing} » se poursuit",
         "The contract with client “{client}” ended on {date} but the processing “{processing}” goes on",
         "Art. 28(3)(g), 30(2)"),
    Rule("sub_processor_not_authorised", E,
         "Sous-traitant ultérieur « {sub_processor} » sans autorisation écrite, générale ou spécifique, du client",
         "Sub-processor “{sub_processor}” without the client's prior general or specific written authorisation",
         "Art. 28(2)"),
    Rule("sub_processor_transfer_missing", E,
         "Sous-traitant ultérieur « {sub_processor} » situé hors de l'EEE ({country}) sans transfert encadré "
         "par une garantie (art. 44 à 46)",
         "Sub-processor “{sub_processor}” is outside the EEA ({country}) but no transfer to it rests on a "
         "safeguard (Art. 44 to 46)", "Art. 28(4), 30(2)(c), 44-46"),
    Rule("sub_processor_client_not_authorised", E,
         "Le client « {client} » n'a pas autorisé le sous-traitant ultérieur « {sub_processor} » : aucune ligne "
         "ne porte son autorisation écrite (art. 28(2))",
         "Client “{client}” has not authorised sub-processor “{sub_processor}”: no row records its written "
         "authorisation (Art. 28(2))", "Art. 28(2)"),
    Rule("sub_processor_client_unlinked", E,
         "L'autorisation du sous-traitant ultérieur « {sub_processor} » est attribuée à un client pour qui ce "
         "traitement n'est pas effectué ({client})",
         "Sub-processor “{sub_processor}”'s authorisation is given to a client this processing is not carried out "
         "for ({client})", "Art. 28(2)"),
    Rule("client_end_before_start", E,
         "Client « {client} » : la fin de la prestation ({end}) précède son début ({start})",
         "Client “{client}”: the service ends ({end}) before it starts ({start})", "Art. 30(2)(a)"),
    Rule("transfer_derogation_undocumented", W,
         "Transfert vers {country} fondé sur une dérogation de l'art. 49 sans documentation des garanties",
         "Transfer to {country} rests on an Art. 49 derogation but the safeguards are not documented",
         "Art. 30(2)(c), 49(1)"),
    Rule("processing_without_security", E,
         "Traitement « {processing} » sans mesure de sécurité : ni description générale de l'organisme, ni mesure "
         "propre",
         "Processing “{processing}” has no security measures: neither the organisation's general description nor "
         "measures of its own", "Art. 30(2)(d), 32"),
    Rule("statement_sub_processor_unsafeguarded", E,
         "D'après sa déclaration, le sous-traitant « {recipient} » fait appel à « {sub_processor} » hors de l'EEE "
         "({country}) sans transfert encadré par une garantie",
         "According to its statement, processor “{recipient}” uses “{sub_processor}” outside the EEA ({country}) "
         "with no transfer resting on a safeguard", "Art. 28(4), 44-46"),
    Rule("statement_transfer_unsafeguarded", E,
         "D'après sa déclaration, le sous-traitant « {recipient} » transfère des données vers {country} sans "
         "garantie (art. 44 à 46)",
         "According to its statement, processor “{recipient}” transfers data to {country} without a safeguard "
         "(Art. 44 to 46)", "Art. 44-46"),
)}


MESSAGES = message_table("checks", {code: (rule.fr, rule.en) for code, rule in RULES.items()})


def message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang`` ("fr" or "en")."""
    fr, en = MESSAGES[finding.code]
    # ``translate``'s text without its copy of the params: a finding's are all text, none a message to word first
    # (125,000 findings on a 50,000-activity register).
    text = fill(fr if lang == "fr" else en, lang, finding.params)
    refs = finding.params.get("refs")
    if refs:  # an organisation-level finding names its activities in its text
        text += f" — traitements : {refs}" if lang == "fr" else f" — activities: {refs}"
    return text


def field_labels(scope: str, key: str, parent: str = "", index: int = 0, owner_scope: str = "activity"
                 ) -> dict[str, str]:
    """``field_fr``/``field_en`` params naming a field; ``parent`` (a list key of ``owner_scope``) names the item.

    ``field_labels("purpose", "legal_basis", "purposes", 1)``: "Purposes of the processing #2: Legal basis".
    """
    spec = field_spec(scope, key)
    if not parent:
        return {"field_fr": spec.fr, "field_en": spec.en}
    owner = field_spec(owner_scope, parent)
    return {"field_fr": f"{owner.fr} n° {index + 1} : {spec.fr}",
            "field_en": f"{owner.en} #{index + 1}: {spec.en}"}
