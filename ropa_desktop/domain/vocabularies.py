"""Controlled vocabularies of the register: stable codes with French and English labels."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Term:
    """One vocabulary entry: the code stored everywhere, its labels, and the CNIL template wording."""

    code: str
    fr: str
    en: str
    cnil: str = ""  # exact wording of the CNIL template's list, where the template has this entry
    sensitive: bool = False  # data categories only: Art. 9 or Art. 10 data

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """An ordered set of terms; unknown codes are kept by callers and reported, never dropped."""

    name: str
    terms: tuple[Term, ...]
    _index: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {t.code: t for t in self.terms})

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def codes(self) -> list[str]:
        return [t.code for t in self.terms]

    def get(self, code: str) -> Term | None:
        return self._index.get(code)

    def label(self, code: str, lang: str) -> str:
        """The label of ``code`` in ``lang``; an unknown code is shown as it is."""
        term = self.get(code)
        return term.label(lang) if term else code


ROLES = Vocabulary("role", (
    Term("controller", "Responsable de traitement", "Controller"),
    Term("joint_controller", "Responsable conjoint", "Joint controller"),
    Term("processor", "Sous-traitant", "Processor"),
))

STATUSES = Vocabulary("status", (
    Term("draft", "Brouillon", "Draft"),
    Term("in_review", "En revue", "In review"),
    Term("validated", "Validé", "Validated"),
    Term("archived", "Archivé", "Archived"),
))

LEGAL_BASES = Vocabulary("legal_basis", (
    Term("consent", "Consentement (art. 6(1)(a))", "Consent (Art. 6(1)(a))"),
    Term("contract", "Contrat ou mesures précontractuelles (art. 6(1)(b))",
         "Contract or pre-contractual measures (Art. 6(1)(b))"),
    Term("legal_obligation", "Obligation légale (art. 6(1)(c))", "Legal obligation (Art. 6(1)(c))"),
    Term("vital_interests", "Intérêts vitaux (art. 6(1)(d))", "Vital interests (Art. 6(1)(d))"),
    Term("public_task", "Mission d'intérêt public (art. 6(1)(e))", "Public task (Art. 6(1)(e))"),
    Term("legitimate_interests", "Intérêt légitime (art. 6(1)(f))", "Legitimate interests (Art. 6(1)(f))"),
    Term("to_be_determined", "À déterminer", "To be determined"),
))

DATA_SUBJECTS = Vocabulary("data_subject", (
    Term("employees", "Salariés", "Employees", "Salariés"),
    Term("internal_services", "Services internes", "Internal services", "Services Internes"),
    Term("customers", "Clients", "Customers", "Clients"),
    Term("suppliers", "Fournisseurs", "Suppliers", "Fournisseurs"),
    Term("service_providers", "Prestataires", "Service providers", "Prestataires"),
    Term("prospects", "Prospects", "Prospects", "Prospects"),
    Term("candidates", "Candidats", "Job applicants", "Candidats"),
    Term("other", "Autres (préciser)", "Other (specify)", "Autres (préciser)"),
))

DATA_CATEGORIES = Vocabulary("data_category", (
    Term("identity", "État civil, identité, données d'identification, images",
         "Civil status, identity, identification data, images",
         "État civil, identité, données d'identification, images…"),
    Term("personal_life", "Vie personnelle (habitudes de vie, situation familiale…)",
         "Personal life (lifestyle, family situation…)",
         "Vie personnelle (habitudes de vie, situation familiale, etc.)"),
    Term("professional_life", "Vie professionnelle (CV, scolarité, formation, distinctions…)",
         "Professional life (CV, education, training, awards…)",
         "Vie professionnelle (CV, situation professionnelle, scolarité, formation, distinctions, etc.)"),
    Term("economic_financial", "Informations d'ordre économique et financier",
         "Economic and financial information",
         "Informations d'ordre économique et financier (revenus, situation financière, situation fiscale, etc.)"),
    Term("connection", "Données de connexion (adresse IP, journaux…)", "Connection data (IP address, logs…)",
         "Données de connexion (adress IP, logs, etc.)"),
    Term("location", "Données de localisation (déplacements, GPS, GSM…)", "Location data (movements, GPS, GSM…)",
         "Données de localisation (déplacements, données GPS, GSM, etc.)"),
    Term("internet", "Internet (cookies, traceurs…)", "Internet (cookies, trackers…)",
         "Internet (cookies, traceurs, données de navigation, mesures d'audience, etc.)"),
    Term("nir", "Numéro de sécurité sociale (NIR)", "Social security number (NIR)",
         "Numéro de Sécurité Sociale (ou NIR)"),
    Term("racial_ethnic_origin", "Origine raciale ou ethnique", "Racial or ethnic origin",
         "Données révélant l'origine raciale ou ethnique", sensitive=True),
    Term("political_opinions", "Opinions politiques", "Political opinions",
         "Données révélant les opinions politiques", sensitive=True),
    Term("religious_beliefs", "Convictions religieuses ou philosophiques", "Religious or philosophical beliefs",
         "Données révélant les convictions religieuses ou philosophiques", sensitive=True),
    Term("trade_union", "Appartenance syndicale", "Trade union membership",
         "Données révélant l'appartenance syndicale", sensitive=True),
    Term("genetic", "Données génétiques", "Genetic data", "Données génétiques", sensitive=True),
    Term("biometric", "Données biométriques d'identification", "Biometric data for identification",
         "Données biométriques aux fins d'identifier une personne physique de manière unique", sensitive=True),
    Term("health", "Données de santé", "Health data", "Données concernant la santé", sensitive=True),
    Term("sex_life", "Vie ou orientation sexuelle", "Sex life or sexual orientation",
         "Données concernant la vie sexuelle ou l'orientation sexuelle", sensitive=True),
    Term("criminal", "Condamnations pénales et infractions (art. 10)", "Criminal convictions and offences (Art. 10)",
         "Données relatives à des condamnations pénales ou infractions", sensitive=True),
    Term("other", "Autres données", "Other data"),
))

SPECIAL_CONDITIONS = Vocabulary("special_condition", (
    Term("explicit_consent", "Consentement explicite (art. 9(2)(a))", "Explicit consent (Art. 9(2)(a))"),
    Term("employment_social_security", "Droit du travail et protection sociale (art. 9(2)(b))",
         "Employment and social security law (Art. 9(2)(b))"),
    Term("vital_interests", "Intérêts vitaux (art. 9(2)(c))", "Vital interests (Art. 9(2)(c))"),
    Term("not_for_profit_body", "Organisme à but non lucratif (art. 9(2)(d))", "Not-for-profit body (Art. 9(2)(d))"),
    Term("made_public", "Données rendues publiques par la personne (art. 9(2)(e))",
         "Manifestly made public by the data subject (Art. 9(2)(e))"),
    Term("legal_claims", "Droits en justice (art. 9(2)(f))", "Legal claims (Art. 9(2)(f))"),
    Term("substantial_public_interest", "Intérêt public important (art. 9(2)(g))",
         "Substantial public interest (Art. 9(2)(g))"),
    Term("health_care", "Médecine préventive et soins (art. 9(2)(h))",
         "Preventive medicine and health care (Art. 9(2)(h))"),
    Term("public_health", "Santé publique (art. 9(2)(i))", "Public health (Art. 9(2)(i))"),
    Term("research_statistics", "Recherche, archives, statistiques (art. 9(2)(j))",
         "Research, archiving, statistics (Art. 9(2)(j))"),
    Term("official_authority", "Autorité publique ou loi (art. 10)", "Official authority or law (Art. 10)"),
))

DURATION_UNITS = Vocabulary("duration_unit", (
    Term("days", "jours", "days"),
    Term("months", "mois", "months"),
    Term("years", "ans", "years"),
))

RETENTION_PHASES = Vocabulary("retention_phase", (
    Term("active", "Base active", "Active database"),
    Term("intermediate", "Archivage intermédiaire", "Intermediate archive"),
    Term("final", "Archivage définitif", "Final archive"),
))

FINAL_FATES = Vocabulary("final_fate", (
    Term("deletion", "Suppression", "Deletion"),
    Term("anonymisation", "Anonymisation", "Anonymisation"),
    Term("archiving", "Archivage", "Archiving"),
))

RECIPIENT_TYPES = Vocabulary("recipient_type", (
    Term("internal_service", "Service interne", "Internal service", "Service interne qui traite les données"),
    Term("processor", "Sous-traitant", "Processor", "Sous-traitants"),
    Term("third_country", "Destinataire dans un pays tiers ou organisation internationale",
         "Recipient in a third country or international organisation",
         "Destinataires dans des pays tiers ou organisations internationales"),
    Term("partner", "Partenaire institutionnel ou commercial", "Institutional or commercial partner",
         "Partenaires institutionnels ou commerciaux"),
    Term("authority", "Autorité publique", "Public authority"),
    Term("other", "Autre (préciser)", "Other (specify)", "Autre (Préciser)"),
))

SAFEGUARDS = Vocabulary("safeguard", (
    Term("adequacy", "Pays adéquat (art. 45)", "Adequacy decision (Art. 45)", "Pays adéquat"),
    Term("scc", "Clauses contractuelles types (CCT)", "Standard contractual clauses (SCC)",
         "Clauses contractuelles types (CCT)"),
    Term("bcr", "Règles d'entreprise contraignantes (BCR)", "Binding corporate rules (BCR)",
         "Règles d'entreprise contraignantes (BCR)"),
    Term("code_of_conduct", "Code de conduite", "Code of conduct", "Code de conduite"),
    Term("certification", "Certification", "Certification", "Certification"),
    Term("derogation_art49", "Dérogation (art. 49)", "Derogation (Art. 49)", "Dérogations (art 49)"),
    Term("other", "Autre garantie", "Other safeguard"),
))

SECURITY_MEASURES = Vocabulary("security_measure", (
    Term("access_control", "Contrôle d'accès des utilisateurs", "User access control",
         "Contrôle d'accès des utilisateurs"),
    Term("traceability", "Mesures de traçabilité", "Traceability (logging)", "Mesures de traçabilité"),
    Term("software_protection", "Mesures de protection des logiciels", "Software protection",
         "Mesures de protection des logiciels"),
    Term("backup", "Sauvegarde des données", "Data backup", "Sauvegarde des données"),
    Term("encryption", "Chiffrement des données", "Data encryption", "Chiffrement des données"),
    Term("processor_control", "Contrôle des sous-traitants", "Processor oversight", "Contrôle des sous-traitants"),
    Term("other", "Autres mesures (à préciser)", "Other measures (specify)", "Autres mesures (à préciser)"),
))

# The EDPB's nine criteria (WP248 rev.01, endorsed 25 May 2018): two or more => a DPIA is in principle required.
DPIA_CRITERIA = Vocabulary("dpia_criterion", (
    Term("evaluation_scoring", "Évaluation ou notation (profilage)", "Evaluation or scoring (profiling)"),
    Term("automated_decision", "Décision automatisée avec effet juridique ou similaire",
         "Automated decision with legal or similar effect"),
    Term("systematic_monitoring", "Surveillance systématique", "Systematic monitoring"),
    Term("sensitive_data", "Données sensibles ou à caractère hautement personnel",
         "Sensitive or highly personal data"),
    Term("large_scale", "Traitement à grande échelle", "Processing on a large scale"),
    Term("matching_combining", "Croisement ou combinaison d'ensembles de données",
         "Matching or combining datasets"),
    Term("vulnerable_subjects", "Personnes vulnérables (mineurs, salariés, patients…)",
         "Vulnerable data subjects (children, employees, patients…)"),
    Term("innovative_technology", "Usage innovant ou nouvelle technologie", "Innovative use or new technology"),
    Term("prevents_rights", "Exclusion du bénéfice d'un droit, d'un service ou d'un contrat",
         "Prevents exercising a right or using a service or contract"),
))

# The CNIL's list of processing for which a DPIA is required (délibération n° 2018-327 du 11 octobre 2018).
CNIL_DPIA_LIST = Vocabulary("cnil_dpia_type", (
    Term("health_care", "Données de santé traitées par les établissements de santé ou médico-sociaux",
         "Health data processed by health or social care establishments"),
    Term("genetic_research", "Données génétiques de personnes vulnérables", "Genetic data of vulnerable persons"),
    Term("hr_profiling", "Profils de personnes à des fins de gestion des ressources humaines",
         "Profiling of persons for human resources management"),
    Term("employee_monitoring", "Surveillance constante de l'activité des employés",
         "Constant monitoring of employees' activity"),
    Term("social_alerts", "Gestion des alertes et signalements en matière sociale et sanitaire",
         "Handling of social and health alerts and reports"),
    Term("professional_alerts", "Gestion des alertes et signalements professionnels (lanceurs d'alerte)",
         "Handling of professional alerts (whistleblowing)"),
    Term("health_large_scale", "Données de santé nécessaires à la constitution d'un entrepôt ou d'un registre",
         "Health data for a data warehouse or registry"),
    Term("profiling_exclusion", "Profilage pouvant exclure du bénéfice d'un contrat ou le suspendre",
         "Profiling that may exclude from or suspend a contract"),
    Term("pooled_breaches", "Mutualisation de données relatives à des manquements contractuels",
         "Pooling of data on contractual breaches"),
    Term("external_profiling", "Profilage à partir de données provenant de sources externes",
         "Profiling from data of external sources"),
    Term("biometric_vulnerable", "Données biométriques de personnes vulnérables",
         "Biometric data of vulnerable persons"),
    Term("social_housing", "Instruction des demandes et gestion des logements sociaux",
         "Processing of applications and management of social housing"),
    Term("social_support", "Accompagnement social ou médico-social", "Social or medico-social support"),
    Term("large_scale_location", "Données de localisation à large échelle", "Location data on a large scale"),
))

# Art. 28(2): a processor engages another processor only with the controller's prior specific or general
# written authorisation.
AUTHORISATIONS = Vocabulary("authorisation", (
    Term("general", "Autorisation écrite générale", "General written authorisation"),
    Term("specific", "Autorisation écrite spécifique", "Specific written authorisation"),
))

ALL: tuple[Vocabulary, ...] = (
    ROLES, STATUSES, LEGAL_BASES, DATA_SUBJECTS, DATA_CATEGORIES, SPECIAL_CONDITIONS, DURATION_UNITS,
    RETENTION_PHASES, FINAL_FATES, RECIPIENT_TYPES, SAFEGUARDS, SECURITY_MEASURES, DPIA_CRITERIA, CNIL_DPIA_LIST,
    AUTHORISATIONS,
)
BY_NAME: dict[str, Vocabulary] = {v.name: v for v in ALL}


def is_sensitive_category(code: str) -> bool:
    """True for Art. 9 and Art. 10 categories."""
    term = DATA_CATEGORIES.get(code)
    return bool(term and term.sensitive)
