"""The CNIL template's own wording (sheets 2 and 3), shared by the CNIL-layout export and the template import.

These are the template's section and row labels, not the register's field labels (those live in
``domain/fields.py``); the importer matches them after normalisation, never by cell address.
"""

from __future__ import annotations

# Sheet 2 ("Liste des traitements"): contact blocks and their sub-labels.
HEAD_BLOCK = "Coordonnées du responsable de l’organisme"
REPRESENTATIVE_BLOCK = "Coordonnées du représentant"
_BLOCK_NOTE = (
    "\n(responsable de traitement ou son représentant si le responsable est situé en dehors de l’UE)"
)
HEAD_BLOCK_FULL = HEAD_BLOCK + _BLOCK_NOTE  # as the template writes them (A1, A3)
REPRESENTATIVE_BLOCK_FULL = REPRESENTATIVE_BLOCK + _BLOCK_NOTE
DPO_BLOCK = "Coordonnées du délégué à la protection des données (DPO)"
CONTACT_LABELS = {  # label -> Contact attribute ("first_name" is joined to the name)
    "Nom :": "name",
    "Prénom :": "first_name",
    "Adresse :": "address",
    "Adresse mél :": "email",
    "Code postal :": "postal_code",
    "Ville :": "city",
    "Téléphone :": "phone",
    "Société (si DPO externe) :": "company",
}
ORGANIZATION_LABEL = "Organisme :"
LIST_SECTION = "Identification du traitement"
LIST_HEADERS = {  # column header -> activity attribute
    "Nom du traitement": "name",
    "N° / RÉF": "reference",
    "Date de création de la fiche": "created",
    "Dernière mise à jour de la fiche": "updated",
    "Finalité du traitement": "main_purpose",
    "Oui/non": "sensitive",
}

# Sheet 3 (fiche): identification rows.
FICHE_TITLE = "Fiche de registre"
EXAMPLE_TITLE = "Exemple de fiche de registre"
DESCRIPTION_SECTION = "Description du traitement"
DESCRIPTION_SECTION_TEMPLATE = "Description  du traitement  "  # the template's own spacing (A3)
IDENTIFICATION = {
    "Nom du traitement": "name",
    "N° / RÉF": "reference",
    "Date de création du traitement": "created",
    "Mise à jour du traitement": "updated",
}
ACTORS = "Acteurs"
ACTOR_COLUMNS = {
    "Nom": "name",
    "Adresse": "address",
    "Code Postal": "postal_code",
    "Ville": "city",
    "Pays": "country",
    "Téléphone": "phone",
    "Adresse mél": "email",
}
ACTOR_ROWS = {
    "Responsable du traitement": "head",
    "Délégué à la protection des données": "dpo",
    "Société du DPO (si celui-ci est externe)": "dpo_company",
    "Représentant": "representative",
    "Responsable(s) conjoint(s)": "joint_controllers",
}
PURPOSES = "Finalité(s) du traitement effectué"
MAIN_PURPOSE = "Finalité principale"
SUB_PURPOSE = "Sous-finalité"
DATA = "Catégories de données personnelles concernées"
SENSITIVE = "Données sensibles"
DESCRIPTION = "Description"
RETENTION = "Durée de conservation"
DETAILS = "Précisions"
SUBJECTS = "Catégories de personnes concernées"
SUBJECT_ROW = "Catégorie de personnes"
RECIPIENTS = "Destinataires"
RECIPIENT_TYPE = "Type de destinataire"
RECIPIENT_ROW = "Destinataire"
MEASURES = "Mesures de sécurité"
MEASURE_TYPE = "Type de mesure de sécurité"
MEASURE_ROW = "Mesure de sécurité"
TRANSFERS = "Transferts hors UE"
TRANSFER_ROW = "Organisme destinataire"
PLACEHOLDER = "Sélectionnez un élément dans cette liste déroulante ►"
# What the template holds before anyone types: read as an empty cell (its reference "ref-001" included).
PLACEHOLDERS = (PLACEHOLDER, "ref-001", "Select an item from this drop-down list ►")
# Beyond the template (our extension, below the template's part).
EXTRA_SECTION = ("Compléments (hors modèle CNIL)", "Additional information (beyond the CNIL template)")
EN = {  # English wording of the template labels we write
    DESCRIPTION_SECTION: "Description of the processing",
    DESCRIPTION_SECTION_TEMPLATE: "Description of the processing",
    HEAD_BLOCK_FULL: "Head of the organisation\n(the controller, or its representative if it is outside the EU)",
    REPRESENTATIVE_BLOCK_FULL: "Representative\n(the controller, or its representative if it is outside the EU)",
    "Prénom :": "First name:",
    "Données sensibles ?": "Sensitive data?",
    ACTORS: "Actors",
    "Responsable du traitement": "Controller",
    "Délégué à la protection des données": "Data protection officer",
    "Société du DPO (si celui-ci est externe)": "DPO's company (if external)",
    "Représentant": "Representative",
    "Responsable(s) conjoint(s)": "Joint controller(s)",
    PURPOSES: "Purposes of the processing",
    MAIN_PURPOSE: "Main purpose",
    SUB_PURPOSE: "Sub-purpose",
    DATA: "Categories of personal data",
    SENSITIVE: "Sensitive data",
    DESCRIPTION: "Description",
    RETENTION: "Retention period",
    DETAILS: "Details",
    SUBJECTS: "Categories of data subjects",
    SUBJECT_ROW: "Category of persons",
    RECIPIENTS: "Recipients",
    RECIPIENT_TYPE: "Recipient type",
    RECIPIENT_ROW: "Recipient",
    MEASURES: "Security measures",
    MEASURE_TYPE: "Type of security measure",
    MEASURE_ROW: "Security measure",
    TRANSFERS: "Transfers outside the EU",
    TRANSFER_ROW: "Recipient organisation",
    FICHE_TITLE: "Record of processing",
    HEAD_BLOCK: "Head of the organisation",
    REPRESENTATIVE_BLOCK: "Representative",
    DPO_BLOCK: "Data protection officer (DPO)",
    LIST_SECTION: "Identification of the processing",
    ORGANIZATION_LABEL: "Organisation:",
    "Nom :": "Name:",
    "Adresse :": "Address:",
    "Adresse mél :": "Email:",
    "Code postal :": "Postal code:",
    "Ville :": "City:",
    "Téléphone :": "Phone:",
    "Société (si DPO externe) :": "Company (external DPO):",
    "Nom du traitement": "Name of the processing",
    "N° / RÉF": "Reference",
    "Date de création de la fiche": "Record created",
    "Dernière mise à jour de la fiche": "Last update",
    "Finalité du traitement": "Main purpose",
    "Oui/non": "Sensitive data (yes/no)",
    "Date de création du traitement": "Created",
    "Mise à jour du traitement": "Updated",
    "Nom": "Name",
    "Adresse": "Address",
    "Code Postal": "Postal code",
    "Ville": "City",
    "Pays": "Country",
    "Téléphone": "Phone",
    "Adresse mél": "Email",
    "Destinataire": "Recipient",
    "Type de Garanties": "Safeguard",
    "Liens vers la documentation": "Documentation",
}


def text(label: str, lang: str) -> str:
    """The template label in ``lang`` (the template's own French wording, or its English rendering)."""
    return label if lang == "fr" else EN.get(label, label)
