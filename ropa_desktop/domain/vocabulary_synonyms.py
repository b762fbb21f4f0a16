"""Other wordings people type for vocabulary terms (FR/EN, Art. 6/9 letters), beside the labels we write."""

from __future__ import annotations

import re

# vocabulary name -> code -> phrasings (matched folded: accents, case and spaces do not count)
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "legal_basis": {
        "consent": ("consentement", "consentement de la personne", "consentement de la personne concernee",
                    "consent of the data subject", "consentement explicite"),
        "contract": ("contrat", "execution d'un contrat", "execution du contrat", "mesures precontractuelles",
                     "mesures pre-contractuelles", "execution de mesures precontractuelles",
                     "contrat ou mesures precontractuelles", "contractuel", "relation contractuelle",
                     "contract", "performance of a contract", "performance of contract",
                     "pre-contractual measures", "precontractual measures", "contract or pre-contractual steps",
                     "contractual necessity", "necessary for a contract"),
        "legal_obligation": ("obligation legale", "obligations legales", "obligation reglementaire",
                             "respect d'une obligation legale", "legal obligation", "legal obligations",
                             "compliance with a legal obligation", "legal requirement", "statutory obligation"),
        "vital_interests": ("interets vitaux", "interet vital", "sauvegarde des interets vitaux",
                            "vital interest", "vital interests", "protection of vital interests", "vital_interest"),
        "public_task": ("mission d'interet public", "interet public", "mission de service public",
                        "exercice de l'autorite publique", "mission d'interet public ou autorite publique",
                        "public task", "public interest", "task carried out in the public interest",
                        "official authority", "exercise of official authority", "public interest task",
                        "public_interest", "official_authority"),
        "legitimate_interests": ("interet legitime", "interets legitimes", "interet legitime du responsable",
                                 "legitimate interest", "legitimate interests", "legitimate_interest"),
        "to_be_determined": ("a determiner", "a definir", "a preciser", "tbd", "to be determined",
                             "to be defined", "unknown", "inconnu", "?"),
    },
    # CISO Assistant's own values ("in_progress") beside what people type.
    "status": {
        "draft": ("in_progress", "in progress", "en cours", "brouillon", "wip", "work in progress", "privacy_draft",
                  "a faire", "todo", "to do"),
        "in_review": ("under_review", "under review", "review", "in_review", "a valider", "to validate"),
        "validated": ("approved", "valide", "validee", "valid", "done", "complete", "completed", "active", "actif"),
        "archived": ("deprecated", "obsolete", "archive", "archivee", "retired", "closed", "clos", "inactive"),
    },
    "data_subject": {
        "employees": ("salarie", "salaries", "employe", "employes", "personnel", "collaborateurs", "agents",
                      "employee", "staff", "workers"),
        "customers": ("client", "clients", "customer", "clients/customers", "usagers", "users", "adherents"),
        "candidates": ("candidat", "candidats", "candidate", "candidates", "applicants", "job applicant"),
        "prospects": ("prospect", "prospective customers", "leads"),
        "suppliers": ("fournisseur", "supplier", "vendors"),
        "service_providers": ("prestataire", "service provider", "contractors"),
    },
    "recipient_type": {
        "internal_service": ("service interne", "services internes", "interne", "internal", "internal department"),
        "processor": ("sous-traitant", "sous traitant", "processors", "data processor", "prestataire"),
        "partner": ("partenaire", "partenaires", "partner", "partners"),
        "authority": ("autorite", "autorites", "administration", "authority", "authorities",
                      "organismes publics", "public authorities"),
    },
    "safeguard": {
        "adequacy": ("decision d'adequation", "adequation", "adequacy", "adequate country"),
        "scc": ("cct", "scc", "clauses contractuelles types", "standard contractual clauses", "model clauses"),
        "bcr": ("bcr", "binding corporate rules"),
        "derogation_art49": ("derogation", "derogations", "art. 49", "article 49", "derogations (art. 49)"),
    },
}

# "art. 6(1)(b)", "6.1.b", "6-1 b", "article 6, 1, b": the letter names the legal basis (Art. 6(1)(a)-(f)).
_ART6 = re.compile(r"\b6\s*[\(\.\-,]?\s*(?:§\s*)?1\s*\)?\s*[\(\.\-,]?\s*([a-f])\s*\)?(?![a-z])")
_ART6_CODES = dict(zip("abcdef", ("consent", "contract", "legal_obligation", "vital_interests", "public_task",
                                  "legitimate_interests"), strict=True))
# Words that name one legal basis inside a longer phrase ("exécution du contrat de travail").
_KEYWORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "legal_basis": (
        ("precontractu", "contract"), ("pre-contractu", "contract"), ("contrat", "contract"),
        ("contract", "contract"), ("obligation legale", "legal_obligation"),
        ("obligations legales", "legal_obligation"), ("legal obligation", "legal_obligation"),
        ("interet legitime", "legitimate_interests"), ("interets legitimes", "legitimate_interests"),
        ("legitimate interest", "legitimate_interests"), ("consent", "consent"),
        ("interets vitaux", "vital_interests"), ("interet vital", "vital_interests"),
        ("vital interest", "vital_interests"), ("interet public", "public_task"), ("public interest", "public_task"),
        ("public task", "public_task"), ("autorite publique", "public_task"), ("official authority", "public_task"),
    ),
}


def guess(vocabulary: str, folded: str) -> str | None:
    """The one code a folded phrase names by article letter or keyword, else None (none or several)."""
    if vocabulary == "legal_basis":
        letters = {m.group(1) for m in _ART6.finditer(folded)}
        if len(letters) == 1:
            return _ART6_CODES[letters.pop()]
    found = {code for word, code in _KEYWORDS.get(vocabulary, ()) if word in folded}
    return found.pop() if len(found) == 1 else None
