"""Headers people and other tools give register columns (FR/EN, CISO Assistant, Madis, ICO template) -> column key.

Used to guess a plain table's mapping; a guess is only a proposal: ``--print-map`` shows it and ``--map``
or the mapping dialog overrides it. Keys are folded (``values.fold``); "_" and "-" count as spaces.
"""

from __future__ import annotations

import re

from .. import lineformat as lf

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "organization": (
        "organisme", "organisation", "organization", "entite", "entity", "societe", "company", "controller",
        "responsable de traitement", "responsable du traitement", "data controller", "collectivite",
        "collectivite - nom",
    ),
    "reference": (
        "ref", "reference", "ref id", "ref_id", "n°", "no", "numero", "id", "identifiant", "code",
        "n° / ref", "n°/ref", "numero de fiche", "record id", "activity id", "processing id", "id traitement",
        "id du traitement", "reference du traitement",
    ),
    "name": (
        "traitement", "nom du traitement", "activite", "activite de traitement", "activity", "processing",
        "processing activity", "name of the processing", "processing name", "nom", "name", "intitule",
        "libelle", "business function", "process", "processus",
    ),
    "description": ("description", "description du traitement", "processing description", "details"),
    "purposes": (
        "finalite", "finalites", "finalite principale", "finalite du traitement", "finalites du traitement",
        "purpose", "purposes", "purpose of processing", "purpose of the processing", "purposes of processing",
        "objectif", "objectifs", "but",
    ),
    "legal_basis": (
        "base legale", "bases legales", "base juridique", "fondement juridique", "fondement legal", "licéité",
        "legal basis", "lawful basis", "article 6 lawful basis for processing personal data",
        "article 6 lawful basis", "lawful basis for processing", "legal_basis",
    ),
    "data_subjects": (
        "personnes concernees", "categories de personnes", "categories de personnes concernees",
        "personnes", "data subjects", "data subject", "categories of individuals", "individuals",
        "categories of data subjects", "data subject categories",
    ),
    "data_categories": (
        "donnees", "donnees personnelles", "donnees traitees", "categories de donnees",
        "categories de donnees personnelles", "data categories", "personal data", "categories of personal data",
        "personal data categories", "type de donnees", "data types", "categorie de donnees",
        "categorie des donnees", "donnees - categorie de donnees",
    ),
    "recipients": (
        "destinataire", "destinataires", "destinataires des donnees", "categories de destinataires", "recipient",
        "recipients",
        "categories of recipients", "data recipients", "sous-traitants", "sous traitants", "processors",
        "contractors", "contractors involved", "catégorie de destinataires", "destination - categorie de destinataires",
        "destination", "destination - sous-traitants",
    ),
    "retention": (
        "duree de conservation", "durees de conservation", "conservation", "delai de conservation", "retention",
        "retention period", "retention schedule", "retention periods", "duree", "details - delai de conservation",
        "delai de conservation - commentaire", "details - delai de conservation - commentaire",
    ),
    "security_measures": (
        "mesures de securite", "securite", "mesures techniques et organisationnelles", "security",
        "security measures", "general description of technical and organisational security measures",
        "technical and organisational measures", "toms", "associated controls", "applied controls",
    ),
    "transfers": (
        "transferts", "transfert", "transferts hors ue", "transfers", "data transfers",
        "international transfers", "transfers outside the eu", "transfert hors ue", "transferts hors union europeenne",
        "transfert hors union europeenne", "transfert de donnees hors ue", "transfert", "pays de destination",
        "names of third countries or international organisations that personal data are transferred to",
        "third countries", "pays tiers",
    ),
    "status": ("statut", "status", "state", "progress"),
    "role": ("role", "qualite", "role of the organisation", "controller or processor"),
    "joint_controllers": (
        "responsables conjoints", "responsable conjoint", "joint controller", "joint controllers",
        "name and contact details of joint controller",
    ),
    "owner_department": (
        "service", "direction", "departement", "department", "owner", "business unit", "service responsable",
        "pilote", "gestionnaire",
    ),
    "tools": ("logiciel", "logiciels", "outils", "applications", "application", "systems", "tools", "software",
              "details - logiciel", "location of personal data"),
    "data_source": ("source", "source des donnees", "origine des donnees", "data source", "information channel",
                    "details - origine des donnees", "moyens de la collecte", "source of personal data",
                    "the source of the personal data"),
    "created": ("date de creation", "cree le", "created", "created at", "creation date"),
    "updated": ("date de mise a jour", "mis a jour le", "derniere mise a jour", "updated", "updated at"),
    "next_review": ("prochaine revue", "next review", "review date"),
    "dpia.required": (
        "aipd", "aipd requise", "aipd necessaire", "pia", "dpia", "dpia required", "dpia_required",
        "data protection impact assessment required", "data protection impact assessment required?",
    ),
    "dpia.done": ("aipd realisee", "dpia done", "dpia carried out"),
    "dpia.reference": ("reference aipd", "dpia reference", "dpia_reference", "link to dpia",
                       "link to data protection impact assessment"),
    "automated_decision.used": ("decision automatisee", "automated decision", "automated decision-making",
                                "existence of automated decision-making, including profiling"),
    "notes": ("notes", "commentaires", "commentaire", "remarques", "remarques internes", "observations", "observation",
              "comments", "notes internes", "internal notes"),
}

# Yes/no columns (Madis' CSV export of treatments, one column per choice, each with a "- Commentaire" column):
# header -> "tick:<list field>:<code>:<what the box says>", read by ``tables.apply_ticks``.
_MADIS_PEOPLE = "Détails - Personnes concernées - "
_MADIS_SECURITY = "Mesures de sécurité et confidentialité - "
_MADIS_SPECIFIC = "Traitement spécifique - "
_TICKS: dict[str, str] = {
    _MADIS_PEOPLE + "Particuliers": "tick:data_subjects:other:Particuliers",
    _MADIS_PEOPLE + "Internautes": "tick:data_subjects:other:Internautes",
    _MADIS_PEOPLE + "Agents": "tick:data_subjects:employees:Agents",
    _MADIS_PEOPLE + "Élus": "tick:data_subjects:other:Élus",
    _MADIS_PEOPLE + "Entreprises": "tick:data_subjects:other:Entreprises",
    _MADIS_PEOPLE + "Partenaires": "tick:data_subjects:other:Partenaires",
    _MADIS_PEOPLE + "Autres": "tick:data_subjects:other:Autres",
    _MADIS_SECURITY + "Contrôle d'accès": "tick:security_measures:access_control:",
    _MADIS_SECURITY + "Traçabilité": "tick:security_measures:traceability:",
    _MADIS_SECURITY + "Sauvegarde": "tick:security_measures:backup:",
    _MADIS_SECURITY + "Mise à jour": "tick:security_measures:software_protection:Mise à jour",
    _MADIS_SECURITY + "Autres": "tick:security_measures:other:",
    _MADIS_SPECIFIC + "Surveillance systématique": "tick:dpia.criteria:systematic_monitoring:",
    _MADIS_SPECIFIC + "Collecte à large échelle": "tick:dpia.criteria:large_scale:",
    _MADIS_SPECIFIC + "Personnes vulnérables": "tick:dpia.criteria:vulnerable_subjects:",
    _MADIS_SPECIFIC + "Croisement de données": "tick:dpia.criteria:matching_combining:",
    _MADIS_SPECIFIC + "Évaluation ou notation": "tick:dpia.criteria:evaluation_scoring:",
    _MADIS_SPECIFIC + "Décisions automatisées avec effet": "tick:dpia.criteria:automated_decision:",
    _MADIS_SPECIFIC + "Exclusion automatique d'un service": "tick:dpia.criteria:prevents_rights:",
    _MADIS_SPECIFIC + "Usage innovant": "tick:dpia.criteria:innovative_technology:",
}
TICK_KEYS = frozenset(_TICKS.values()) | {"note" + k.removeprefix("tick") for k in _TICKS.values()}

SYNONYMS: dict[str, str] = {}
for _key, _texts in _SYNONYMS.items():
    for _text in _texts:
        SYNONYMS.setdefault(lf.fold(_text.replace("_", " ")), _key)
for _header, _tick in _TICKS.items():
    SYNONYMS.setdefault(lf.fold(_header.replace("_", " ")), _tick)
    SYNONYMS.setdefault(lf.fold(f"{_header} - Commentaire".replace("_", " ")), "note" + _tick.removeprefix("tick"))


_PLURAL_MARK = re.compile(r"\((s|es|x)\)")  # read as the plural, as most headers are written

# A trailing aside that says nothing of the column's content (the ICO template's "(if applicable)").
_ASIDES = ("(if applicable)", "(if possible)", "(si applicable)", "(le cas echeant)", "(optionnel)", "(optional)")


def fold_header(text: str) -> str:
    """A header as the synonym table keys it: folded, "_" and "-" as spaces, a trailing "?", "*" or aside dropped.

    A plural mark ("Finalité(s)", "Personne(s) concernée(s)") reads as the plural: people write it as often as not.
    """
    folded = lf.fold(text.replace("_", " ").rstrip("?* ").strip())
    for aside in _ASIDES:
        folded = folded.removesuffix(aside).rstrip("?* ")
    return " ".join(_PLURAL_MARK.sub(r"\1", folded).split())
