"""A fictitious processor's register (a hosting company and its three clients), for the samples and the tests.

Every name here is invented and says so ("fictif"); the addresses are made up, the e-mail domains are reserved
for examples (``.example``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..domain.model import (
    Client,
    ClientLink,
    Contact,
    DataCategory,
    DataSubject,
    Organization,
    ProcessorActivity,
    Register,
    SecurityMeasure,
    SubProcessor,
    Transfer,
)

PROCESSOR = "Hébergix SAS (fictif)"
BOOKSHOP = "Librairie des Canuts (fictif)"
SURGERY = "Cabinet médical Saint-Jean (fictif)"
CLUB = "Association sportive du Rhône (fictif)"

_DATACENTRE = SubProcessor(
    name="Datacentre Rhône SAS (fictif)", country="FR", service="Hébergement physique des serveurs (colocation)",
    authorisation="general", authorised_on=date(2024, 1, 15), authorisation_reference="Contrat cadre, annexe 3",
    contract_reference="DC-2023-117",
)
_BACKUP = SubProcessor(
    name="Sauvegardes Nordiques AB (fictif)", country="SE", service="Sauvegarde chiffrée hors site",
    authorisation="general", authorised_on=date(2024, 1, 15), authorisation_reference="Contrat cadre, annexe 3",
    contract_reference="SN-2024-02",
)
_SUPPORT = SubProcessor(
    name="SupportDesk Inc. (fictif)", country="US", service="Support technique de niveau 2 (accès à distance)",
    authorisation="specific", authorised_on=date(2025, 3, 3),
    authorisation_reference="Courrier d'autorisation spécifique du 3 mars 2025", contract_reference="SD-US-9",
)
_SUPPORT_TRANSFER = Transfer(
    recipient="SupportDesk Inc. (fictif)", country="US", safeguard="scc",
    documentation="Clauses contractuelles types 2021/914, module 3 (sous-traitant à sous-traitant), signées le "
                  "20 février 2025",
)


def _client(client_id: str, name: str, city: str, postal_code: str, contract: str, signed: date,
            start: date, end: date | None, dpo: Contact, instructions: str, notes: str) -> Client:
    return Client(
        id=client_id, name=name, address="1 rue de l'Exemple", postal_code=postal_code, city=city, country="FR",
        phone="04 00 00 00 00", email=f"contact@{client_id}.example",
        contact=Contact(name="Camille Martin", role="Directrice", email=f"direction@{client_id}.example"),
        dpo=dpo, contract_reference=contract, contract_date=signed, instructions=instructions, start=start, end=end,
        notes=notes,
    )


def processor_sample_register() -> Register:
    """Hébergix SAS (fictif), a hosting company: three clients, three categories of processing."""
    bookshop = _client(
        "canuts", BOOKSHOP, "Lyon", "69004", "DPA-2024-001", date(2024, 1, 15), date(2024, 2, 1), None,
        Contact(name="Paul Durand", company="DPO Conseil (fictif)", email="dpo@canuts.example"),
        "Héberger la boutique en ligne et sa base clients ; aucune exploitation des données à d'autres fins ; "
        "restitution et suppression à la fin du contrat (annexe 2 du contrat).",
        "Client signalé en retard de paiement en 2025 (interne).",
    )
    surgery = _client(
        "saintjean", SURGERY, "Villeurbanne", "69100", "DPA-2024-007", date(2024, 5, 2), date(2024, 6, 1), None,
        Contact(name="Dr Anne Petit", email="dpo@saintjean.example"),
        "Héberger le logiciel de dossiers patients ; accès aux données de santé réservé aux administrateurs "
        "habilités HDS ; aucune intervention sans ticket du cabinet.",
        "",
    )
    club = _client(
        "asrhone", CLUB, "Vénissieux", "69200", "DPA-2023-015", date(2023, 9, 1), date(2023, 9, 15),
        date(2025, 6, 30), Contact(),
        "Héberger le site des adhérents jusqu'au terme du contrat, puis restituer la base.",
        "",
    )
    shop_hosting = ProcessorActivity(
        id="hb01", reference="HB-01", name="Hébergement de sites de commerce en ligne",
        description="Hébergement, supervision et maintien en condition opérationnelle des boutiques en ligne "
                    "des clients et de leurs bases de données clients et commandes.",
        status="validated",
        clients=[ClientLink("canuts", "Boutique www.canuts.example et son back-office"),
                 ClientLink("asrhone", "Site des adhérents (fin de contrat le 30 juin 2025)")],
        data_subjects=[DataSubject("customers", "Clients et prospects des boutiques")],
        data_categories=[DataCategory("identity", "Nom, prénom, adresse de livraison"),
                         DataCategory("economic_financial", "Historique des commandes (pas de numéro de carte)"),
                         DataCategory("connection", "Journaux de connexion au back-office")],
        # Art. 28(2): each client's own authorisation, one row per client.
        sub_processors=[replace(_DATACENTRE, client_id="canuts"), replace(_BACKUP, client_id="canuts"),
                        replace(_DATACENTRE, client_id="asrhone", authorised_on=date(2023, 9, 1),
                                authorisation_reference="Contrat DPA-2023-015, annexe 2"),
                        replace(_BACKUP, client_id="asrhone", authorised_on=date(2023, 9, 1),
                                authorisation_reference="Contrat DPA-2023-015, annexe 2")],
        security_shared=True,
        security_measures=[SecurityMeasure("software_protection", "Pare-feu applicatif devant chaque boutique")],
        start=date(2023, 9, 15), notes="Marge faible sur ce service (interne).",
    )
    health_hosting = ProcessorActivity(
        id="hb02", reference="HB-02", name="Hébergement de données de santé",
        description="Hébergement du logiciel de dossiers patients du cabinet et de ses données (activité "
                    "d'hébergeur de données de santé).",
        status="validated",
        clients=[ClientLink("saintjean", "Logiciel de dossiers patients, instance dédiée")],
        data_subjects=[DataSubject("customers", "Patients du cabinet")],
        data_categories=[DataCategory("identity", "Identité des patients"),
                         DataCategory("health", "Dossiers médicaux"), DataCategory("nir", "NIR des patients")],
        sub_processors=[SubProcessor(
            name=_DATACENTRE.name, country="FR", service=_DATACENTRE.service, authorisation="specific",
            authorised_on=date(2024, 5, 2), authorisation_reference="Annexe HDS du contrat DPA-2024-007",
            contract_reference="DC-2023-117", client_id="saintjean",
        )],
        security_shared=True,
        security_measures=[SecurityMeasure("encryption", "Chiffrement des bases au repos (AES-256), clés par client"),
                           SecurityMeasure("traceability", "Journal des accès aux données de santé conservé un an")],
        start=date(2024, 6, 1),
    )
    support = ProcessorActivity(
        id="hb03", reference="HB-03", name="Infogérance et support technique",
        description="Interventions techniques à la demande des clients : diagnostics, restaurations, mises à "
                    "jour ; le support de niveau 2 est assuré depuis les États-Unis.",
        status="in_review",
        clients=[ClientLink("canuts", "Support aux heures ouvrées"), ClientLink("saintjean", "")],
        data_subjects=[DataSubject("customers", "Personnes dont les données figurent dans les systèmes hébergés")],
        data_categories=[DataCategory("identity", "Données visibles lors des interventions"),
                         DataCategory("connection", "Journaux techniques")],
        sub_processors=[replace(_SUPPORT, client_id="canuts"),
                        replace(_SUPPORT, client_id="saintjean", authorised_on=date(2025, 3, 10),
                                authorisation_reference="Courrier d'autorisation spécifique du 10 mars 2025")],
        transfers=[_SUPPORT_TRANSFER], security_shared=True,
        start=date(2024, 2, 1),
    )
    org = Organization(
        id="hebergix", name=PROCESSOR, legal_form="SAS", registration_number="000 000 000 (fictif)",
        address="10 quai de l'Exemple", postal_code="69002", city="Lyon", country="FR", phone="04 00 00 00 01",
        email="contact@hebergix.example", website="https://hebergix.example",
        head=Contact(name="Jeanne Roux", role="Présidente"),
        dpo=Contact(name="Marc Leroy", role="Délégué à la protection des données", email="dpo@hebergix.example",
                    designation_number="DPO-000000 (fictif)"),
        notes="Organisme fictif, pour l'exemple : aucune de ces entreprises n'existe.",
        security_measures=[
            SecurityMeasure("access_control", "Comptes nominatifs, authentification à deux facteurs des "
                                              "administrateurs, revue trimestrielle des habilitations"),
            SecurityMeasure("traceability", "Journalisation des accès d'administration, conservée six mois"),
            SecurityMeasure("backup", "Sauvegarde quotidienne chiffrée, copie hors site, test de restauration "
                                      "mensuel"),
            SecurityMeasure("encryption", "Chiffrement des flux (TLS 1.2 et plus) et des disques"),
            SecurityMeasure("processor_control", "Audit annuel des sous-traitants ultérieurs"),
        ],
        clients=[bookshop, surgery, club],
        processor_activities=[shop_hosting, health_hosting, support],
    )
    return Register([org])
