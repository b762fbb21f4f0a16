"""The field table: every field of the register described once, read by form, checks, JSON, XLSX and PDF."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import model as m
from .vocabularies import BY_NAME, Vocabulary


class Kind(StrEnum):
    """How a field's value is shaped, so every reader renders and parses it the same way."""

    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines
    CODE = "code"  # a vocabulary code
    COUNTRY = "country"  # ISO 3166-1 alpha-2
    BOOL = "bool"  # yes / no / unknown
    DATE = "date"
    DATETIME = "datetime"
    DURATION = "duration"  # Duration or None
    CODES = "codes"  # list of vocabulary codes
    RECIPIENT = "recipient"  # a recipient id of the organisation's catalogue
    CLIENT = "client"  # a client id of the organisation's clients (processor's register)
    CONTACT = "contact"  # a nested Contact (an object whose fields are the scope "contact")
    OBJECT = "object"  # one nested object whose fields are described under their own scope (``item``)
    LIST = "list"  # a sub-list whose items are described under their own scope (``item``)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field: where it lives, how it is labelled, what the law says of it."""

    scope: str  # "organization", "contact", "activity", "purpose", ... (see SCOPES)
    key: str  # attribute name on the domain type, and key in JSON
    fr: str
    en: str
    kind: Kind = Kind.TEXT
    vocabulary: str = ""  # BY_NAME key, for CODE and CODES fields
    art30: str = ""  # the Art. 30(1) item it answers, e.g. "30(1)(b)"
    required: bool = False  # missing => completeness finding
    public: bool = True  # False: internal, left out of the public PDF profile
    item: str = ""  # LIST, OBJECT and CONTACT fields: the scope describing the items or the nested object
    # Tables of items (the PDF's sub-lists and annexes): the relative width of the column the field starts (a
    # table's columns are scaled to the page); 0 stacks it in the cell of the field before it. See table_columns.
    width: int = 0
    on_links: bool = False  # a catalogue recipient's field, repeated beside each activity's link to it (PDF fiche)
    cnil: bool = False  # the CNIL template's fiche has cells for it; the export writes the others below the template
    # Contacts: ``dpo`` marks a contact field that holds a DPO; ``dpo_only`` a contact's field that only a DPO has
    # (the external DPO's company, the CNIL designation number). Forms show a contact the fields that apply to it.
    dpo: bool = False
    dpo_only: bool = False

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    @property
    def vocab(self) -> Vocabulary | None:
        return BY_NAME.get(self.vocabulary)

    @property
    def is_list(self) -> bool:
        return self.kind is Kind.LIST

    @property
    def is_object(self) -> bool:
        """One nested object (a contact, the DPIA, automated decision-making), not a list."""
        return self.kind in (Kind.OBJECT, Kind.CONTACT)

    @property
    def is_scalar(self) -> bool:
        return not self.item


F = FieldSpec
LT, C, CTRY, B, D, DT = Kind.LONG_TEXT, Kind.CODE, Kind.COUNTRY, Kind.BOOL, Kind.DATE, Kind.DATETIME

FIELDS: tuple[FieldSpec, ...] = (
    # --- organisation (CNIL sheet 2 header) ---
    F("organization", "name", "Nom de l'organisme", "Organisation name", art30="30(1)(a)", required=True),
    F("organization", "legal_form", "Forme juridique", "Legal form"),
    F("organization", "registration_number", "N° d'immatriculation (SIREN)", "Registration number (SIREN)"),
    F("organization", "address", "Adresse", "Address", art30="30(1)(a)", required=True),
    F("organization", "postal_code", "Code postal", "Postal code"),
    F("organization", "city", "Ville", "City"),
    F("organization", "country", "Pays", "Country", CTRY),
    F("organization", "phone", "Téléphone", "Phone"),
    F("organization", "email", "Adresse mél", "Email", art30="30(1)(a)"),
    F("organization", "website", "Site web", "Website"),
    F("organization", "head", "Responsable de l'organisme", "Head of the organisation", Kind.CONTACT,
      art30="30(1)(a)", item="contact", required=True),
    F("organization", "representative", "Représentant (art. 27)", "EU representative (Art. 27)", Kind.CONTACT,
      art30="30(1)(a)", item="contact"),
    F("organization", "dpo", "Délégué à la protection des données (DPO)", "Data protection officer (DPO)",
      Kind.CONTACT, art30="30(1)(a)", required=True, item="contact", dpo=True),
    F("organization", "dpo_is_contact_point", "Point de contact (pas de DPO désigné)",
      "Contact point (no designated DPO)", B),
    F("organization", "public_body", "Autorité ou organisme public (art. 37(1)(a))",
      "Public authority or body (Art. 37(1)(a))", B),
    F("organization", "large_scale_monitoring", "Suivi régulier et systématique à grande échelle (art. 37(1)(b))",
      "Regular and systematic monitoring on a large scale (Art. 37(1)(b))", B),
    F("organization", "large_scale_sensitive", "Données sensibles à grande échelle (art. 37(1)(c))",
      "Special-category data on a large scale (Art. 37(1)(c))", B),
    F("organization", "notes", "Notes internes", "Internal notes", LT, public=False),
    # --- contact (head, representative, DPO) ---
    F("contact", "name", "Nom", "Name"),
    F("contact", "role", "Fonction", "Title"),
    F("contact", "company", "Société (si DPO externe)", "Company (external DPO)", dpo_only=True),
    F("contact", "address", "Adresse", "Address"),
    F("contact", "postal_code", "Code postal", "Postal code"),
    F("contact", "city", "Ville", "City"),
    F("contact", "country", "Pays", "Country", CTRY),
    F("contact", "phone", "Téléphone", "Phone"),
    F("contact", "email", "Adresse mél", "Email"),
    F("contact", "designation_number", "N° de désignation CNIL", "CNIL designation number", public=False,
      dpo_only=True),
    # --- activity: identification ---
    F("activity", "reference", "N° / RÉF", "Reference", required=True, cnil=True),
    F("activity", "name", "Nom du traitement", "Name of the processing", required=True, cnil=True),
    F("activity", "description", "Description", "Description", LT),
    F("activity", "role", "Rôle de l'organisme", "Role of the organisation", C, "role", required=True),
    F("activity", "joint_controllers", "Responsable(s) conjoint(s)", "Joint controller(s)", LT, art30="30(1)(a)",
      cnil=True),
    F("activity", "status", "Statut", "Status", C, "status"),
    F("activity", "created", "Date de création de la fiche", "Record created", D, cnil=True),
    F("activity", "updated", "Dernière mise à jour de la fiche", "Last update", DT, cnil=True),
    F("activity", "owner_department", "Service responsable", "Owner department"),
    F("activity", "tools", "Logiciels et outils utilisés", "Software and tools used"),
    F("activity", "data_source", "Source des données", "Source of the data", LT),
    F("activity", "last_review", "Dernière revue", "Last review", D),
    F("activity", "next_review", "Prochaine revue", "Next review", D),
    F("activity", "validated_by", "Validée par", "Validated by"),
    F("activity", "validated_on", "Validée le", "Validated on", D),
    # --- activity: Art. 30(1)(b)-(g), in the CNIL fiche order ---
    F("activity", "purposes", "Finalité(s) du traitement", "Purposes of the processing", Kind.LIST,
      art30="30(1)(b)", required=True, item="purpose", cnil=True),
    F("activity", "data_categories", "Catégories de données personnelles", "Categories of personal data",
      Kind.LIST, art30="30(1)(c)", required=True, item="data_category", cnil=True),
    F("activity", "retention", "Durées de conservation", "Retention periods", Kind.LIST, art30="30(1)(f)",
      required=True, item="retention"),
    F("activity", "data_subjects", "Catégories de personnes concernées", "Categories of data subjects",
      Kind.LIST, art30="30(1)(c)", required=True, item="data_subject", cnil=True),
    F("activity", "recipients", "Destinataires", "Recipients", Kind.LIST, art30="30(1)(d)",
      item="activity_recipient", cnil=True),
    F("activity", "security_measures", "Mesures de sécurité", "Security measures", Kind.LIST, art30="30(1)(g)",
      required=True, item="security_measure", cnil=True),
    F("activity", "transfers", "Transferts hors UE", "Transfers outside the EU", Kind.LIST, art30="30(1)(e)",
      item="transfer", cnil=True),
    F("activity", "dpia", "Analyse d'impact (AIPD)", "Impact assessment (DPIA)", Kind.OBJECT, item="dpia"),
    F("activity", "automated_decision", "Décision automatisée", "Automated decision-making", Kind.OBJECT,
      item="automated_decision"),
    F("activity", "consent_withdrawal", "Modalités de retrait du consentement", "How consent is withdrawn", LT),
    F("activity", "notes", "Notes internes", "Internal notes", LT, public=False),
    F("activity", "sources", "Sources", "Sources", Kind.LIST, item="source"),
    # --- sub-list items ---
    F("purpose", "description", "Finalité", "Purpose", LT, required=True, width=38),
    F("purpose", "main", "Finalité principale", "Main purpose", B, width=12),
    F("purpose", "legal_basis", "Base légale", "Legal basis", C, "legal_basis", art30="6(1)", required=True, width=24),
    F("purpose", "legal_basis_details", "Précisions sur la base légale", "Legal basis details", LT, width=26),
    F("data_subject", "category", "Catégorie de personnes", "Category of persons", C, "data_subject",
      required=True, width=35),
    F("data_subject", "details", "Précisions", "Details", LT, width=65),
    F("data_category", "category", "Catégorie de données", "Data category", C, "data_category", required=True,
      width=30),
    F("data_category", "details", "Description", "Description", LT, width=30),
    F("data_category", "sensitive", "Donnée sensible", "Sensitive", B, width=12),
    F("data_category", "special_condition", "Condition art. 9(2) / art. 10", "Art. 9(2) / Art. 10 condition", C,
      "special_condition", width=28),
    F("data_category", "special_condition_details", "Précisions sur la condition", "Condition details", LT),
    F("retention", "applies_to", "Données concernées", "Applies to", LT, width=26),
    F("retention", "categories", "Catégories de données", "Data categories", Kind.CODES, "data_category"),
    F("retention", "duration", "Durée", "Duration", Kind.DURATION, width=19),
    F("retention", "minimum", "Durée minimale", "Minimum period", B),
    F("retention", "criterion", "Critère (si pas de durée)", "Criterion (when no duration)", LT),
    F("retention", "start", "Point de départ", "Starting from", width=16),
    F("retention", "legal_reference", "Référence légale", "Legal reference", width=20),
    F("retention", "phase", "Phase", "Phase", C, "retention_phase", width=19),
    F("retention", "final_fate", "Sort final", "Final fate", C, "final_fate"),
    F("recipient", "name", "Destinataire", "Recipient", required=True, width=20),
    F("recipient", "type", "Type de destinataire", "Recipient type", C, "recipient_type", required=True,
      width=17, on_links=True),
    F("recipient", "country", "Pays", "Country", CTRY, width=12, on_links=True),
    F("recipient", "details", "Précisions", "Details", LT, width=20),
    F("recipient", "contract_reference", "Contrat art. 28", "Art. 28 contract", public=False, width=12, on_links=True),
    F("recipient", "statement_date", "Date de la déclaration du sous-traitant", "Processor statement date", D,
      width=17),
    F("recipient", "sub_processors", "Sous-traitants ultérieurs (déclaration)", "Sub-processors (statement)",
      Kind.LIST, item="sub_processor"),
    F("recipient", "transfers", "Transferts du sous-traitant (déclaration)", "Processor's transfers (statement)",
      Kind.LIST, item="transfer"),
    F("activity_recipient", "recipient_id", "Destinataire", "Recipient", Kind.RECIPIENT, required=True, width=26),
    F("activity_recipient", "details", "Précisions", "Details", LT, width=22),
    F("transfer", "recipient", "Destinataire", "Recipient", required=True, width=25),
    F("transfer", "country", "Pays", "Country", CTRY, required=True, width=20),
    F("transfer", "safeguard", "Type de garanties", "Safeguard", C, "safeguard", art30="30(1)(e)", required=True,
      width=25),
    F("transfer", "documentation", "Liens vers la documentation", "Documentation", width=30),
    F("security_measure", "type", "Type de mesure de sécurité", "Type of measure", C, "security_measure",
      required=True, width=35),
    F("security_measure", "details", "Précisions", "Details", LT, width=65),
    F("dpia", "required", "AIPD requise", "DPIA required", B),
    F("dpia", "done", "AIPD réalisée", "DPIA carried out", B),
    F("dpia", "reference", "Référence de l'AIPD", "DPIA reference"),
    F("dpia", "screened", "Questionnaire AIPD rempli", "DPIA screening answered", B),
    F("dpia", "criteria", "Critères du CEPD remplis", "EDPB criteria met", Kind.CODES, "dpia_criterion"),
    F("dpia", "cnil_list", "Liste CNIL (délib. 2018-327)", "CNIL list (délib. 2018-327)", Kind.CODES,
      "cnil_dpia_type"),
    F("dpia", "justification", "Justification de l'absence d'AIPD", "Why no DPIA is needed", LT),
    F("automated_decision", "used", "Décision entièrement automatisée", "Fully automated decision", B),
    F("automated_decision", "details", "Précisions", "Details", LT),
    # --- the processor's register (Art. 30(2)) ---
    F("client", "name", "Responsable de traitement (client)", "Controller (client)", art30="30(2)(a)",
      required=True),
    F("client", "address", "Adresse", "Address", art30="30(2)(a)"),
    F("client", "postal_code", "Code postal", "Postal code"),
    F("client", "city", "Ville", "City"),
    F("client", "country", "Pays", "Country", CTRY),
    F("client", "phone", "Téléphone", "Phone"),
    F("client", "email", "Adresse mél", "Email", art30="30(2)(a)"),
    F("client", "contact", "Interlocuteur chez le client", "Contact person at the client", Kind.CONTACT,
      art30="30(2)(a)", item="contact"),
    F("client", "representative", "Représentant du client (art. 27)", "Client's representative (Art. 27)",
      Kind.CONTACT, art30="30(2)(a)", item="contact"),
    F("client", "dpo", "DPO du client", "Client's DPO", Kind.CONTACT, art30="30(2)(a)", item="contact", dpo=True),
    F("client", "contract_reference", "Contrat ou avenant art. 28", "Art. 28 contract or DPA", art30="28(3)",
      required=True),
    F("client", "contract_date", "Date du contrat", "Contract date", D),
    F("client", "instructions", "Instructions documentées du client", "Client's documented instructions", LT,
      art30="28(3)(a)"),
    F("client", "start", "Début de la prestation", "Service start", D),
    F("client", "end", "Fin de la prestation", "Service end", D),
    F("client", "notes", "Notes internes", "Internal notes", LT, public=False),
    F("processor_activity", "reference", "N° / RÉF", "Reference", required=True),
    F("processor_activity", "name", "Catégorie de traitement", "Category of processing", art30="30(2)(b)",
      required=True),
    F("processor_activity", "description", "Traitements effectués pour le compte du client",
      "Processing carried out on the client's behalf", LT, art30="30(2)(b)"),
    F("processor_activity", "status", "Statut", "Status", C, "status"),
    F("processor_activity", "clients", "Clients (responsables de traitement)", "Clients (controllers)", Kind.LIST,
      art30="30(2)(a)", required=True, item="client_link"),
    F("processor_activity", "data_subjects", "Catégories de personnes concernées", "Categories of data subjects",
      Kind.LIST, item="data_subject"),
    F("processor_activity", "data_categories", "Catégories de données personnelles", "Categories of personal data",
      Kind.LIST, item="data_category"),
    F("processor_activity", "sub_processors", "Sous-traitants ultérieurs", "Sub-processors", Kind.LIST,
      art30="28(2)", item="sub_processor"),
    F("processor_activity", "transfers", "Transferts hors UE", "Transfers outside the EU", Kind.LIST,
      art30="30(2)(c)", item="transfer"),
    F("processor_activity", "security_shared", "Mesures de sécurité générales de l'organisme",
      "The organisation's general security measures", B, art30="30(2)(d)"),
    F("processor_activity", "security_measures", "Mesures de sécurité propres", "Specific security measures",
      Kind.LIST, art30="30(2)(d)", item="security_measure"),
    F("processor_activity", "start", "Début de la prestation", "Service start", D),
    F("processor_activity", "end", "Fin de la prestation", "Service end", D),
    F("processor_activity", "updated", "Dernière mise à jour de la fiche", "Last update", DT),
    F("processor_activity", "notes", "Notes internes", "Internal notes", LT, public=False),
    F("client_link", "client_id", "Client", "Client", Kind.CLIENT, required=True, width=35),
    F("client_link", "details", "Précisions", "Details", LT, width=65),
    F("sub_processor", "name", "Sous-traitant ultérieur", "Sub-processor", required=True, width=22),
    F("sub_processor", "country", "Pays", "Country", CTRY, required=True, width=14),
    F("sub_processor", "service", "Prestation", "Service", width=16),
    F("sub_processor", "client_id", "Client qui autorise", "Authorised by (client)", Kind.CLIENT, art30="28(2)",
      width=20),
    F("sub_processor", "authorisation", "Autorisation du client", "Client's authorisation", C, "authorisation",
      art30="28(2)", required=True, width=20),
    F("sub_processor", "authorised_on", "Date de l'autorisation", "Authorised on", D),
    F("sub_processor", "authorisation_reference", "Référence de l'autorisation", "Authorisation reference",
      width=16),
    F("sub_processor", "contract_reference", "Contrat art. 28(4)", "Art. 28(4) contract", public=False, width=12),
    F("source", "document", "Document", "Document", width=30),
    F("source", "section", "Article ou rubrique", "Article or heading", width=20),
    F("source", "excerpt", "Extrait", "Excerpt", LT, width=50),
    F("source", "field", "Champ justifié", "Field supported"),
)

# The organisation's collections: part of the register's shape (paths, JSON, storage), edited elsewhere than the
# organisation's own form, so they stay out of ``fields_of("organization")``.
COLLECTIONS: tuple[FieldSpec, ...] = (
    F("organization", "recipients", "Destinataires", "Recipients", Kind.LIST, item="recipient"),
    F("organization", "sources", "Sources", "Sources", Kind.LIST, item="source"),
    F("organization", "activities", "Activités de traitement", "Processing activities", Kind.LIST, item="activity"),
    F("organization", "security_measures", "Description générale des mesures de sécurité",
      "General description of the security measures", Kind.LIST, art30="30(2)(d)", item="security_measure"),
    F("organization", "clients", "Clients (responsables de traitement)", "Clients (controllers)", Kind.LIST,
      art30="30(2)(a)", item="client"),
    F("organization", "processor_activities", "Traitements effectués pour le compte de clients",
      "Processing carried out on behalf of clients", Kind.LIST, art30="30(2)(b)", item="processor_activity"),
)

# The domain type of each scope: the table and the dataclasses are held equal by a test.
SCOPE_TYPES: dict[str, type] = {
    "organization": m.Organization, "contact": m.Contact, "activity": m.Activity, "purpose": m.Purpose,
    "data_subject": m.DataSubject, "data_category": m.DataCategory, "retention": m.RetentionRule,
    "recipient": m.Recipient, "activity_recipient": m.ActivityRecipient, "transfer": m.Transfer,
    "security_measure": m.SecurityMeasure, "dpia": m.Dpia, "automated_decision": m.AutomatedDecision,
    "source": m.Source, "client": m.Client, "client_link": m.ClientLink, "processor_activity": m.ProcessorActivity,
    "sub_processor": m.SubProcessor,
}
# Identifiers every register object of these scopes carries: not fields a person edits.
ID_SCOPES = frozenset({"organization", "activity", "recipient", "client", "processor_activity"})

_BY_KEY: dict[tuple[str, str], FieldSpec] = {(f.scope, f.key): f for f in (*FIELDS, *COLLECTIONS)}


def field_spec(scope: str, key: str) -> FieldSpec:
    """The spec of one field; KeyError names the unknown field."""
    return _BY_KEY[(scope, key)]


def find_spec(scope: str, key: str) -> FieldSpec | None:
    return _BY_KEY.get((scope, key))


def fields_of(scope: str) -> tuple[FieldSpec, ...]:
    """The fields of one scope, in display order (CNIL fiche order for activities)."""
    return _OF_SCOPE.get(scope, ())


def contact_fields(spec: FieldSpec) -> tuple[FieldSpec, ...]:
    """The fields a form shows for a nested object: a contact that is no DPO has no DPO-only field."""
    return tuple(sub for sub in fields_of(spec.item) if spec.dpo or not sub.dpo_only)


def shape_of(scope: str) -> tuple[FieldSpec, ...]:
    """Every field of a scope's domain type, collections included (``fields_of`` plus ``COLLECTIONS``)."""
    return (*fields_of(scope), *(f for f in COLLECTIONS if f.scope == scope))


def list_fields(scope: str) -> tuple[FieldSpec, ...]:
    """A scope's sub-lists (an activity's purposes, data categories...), in display order."""
    return tuple(f for f in fields_of(scope) if f.is_list)


def object_fields(scope: str) -> tuple[FieldSpec, ...]:
    """A scope's nested single objects (an activity's DPIA and automated decision, an organisation's contacts)."""
    return tuple(f for f in fields_of(scope) if f.is_object)


def scalar_fields(scope: str) -> tuple[FieldSpec, ...]:
    return tuple(f for f in fields_of(scope) if f.is_scalar)


def table_columns(scope: str) -> tuple[tuple[tuple[FieldSpec, ...], int], ...]:
    """A scope's items as a table: (fields stacked in one cell, relative width) per column, every scalar field once.

    A field with a ``width`` starts a column, one without joins the cell before it; a scope that gives no width
    gets a column per field. A link to a catalogue recipient brings the recipient's ``on_links`` fields beside it.
    """
    specs: list[FieldSpec] = []
    for spec in scalar_fields(scope):
        specs.append(spec)
        if spec.kind is Kind.RECIPIENT:
            specs += [s for s in scalar_fields("recipient") if s.on_links]
    sized = any(s.width for s in specs)
    columns: list[tuple[list[FieldSpec], int]] = []
    for spec in specs:
        if spec.width or not sized or not columns:
            columns.append(([spec], spec.width or 1))
        else:
            columns[-1][0].append(spec)
    return tuple((tuple(group), width) for group, width in columns)


def label(scope: str, key: str, lang: str) -> str:
    return field_spec(scope, key).label(lang)


_OF_SCOPE: dict[str, tuple[FieldSpec, ...]] = {
    scope: tuple(f for f in FIELDS if f.scope == scope) for scope in dict.fromkeys(f.scope for f in FIELDS)
}
