"""Registers made by hand: answers for "none" ("NC", "Aucun"), sheets linked by ids, one label sheet per activity."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.services.blank_answers import means_none, means_nothing
from ropa_desktop.services.spreadsheet import read_spreadsheet
from tests.services.spreadsheet.test_real_spreadsheets import _sample

_SENSITIVE = ("Données révélant", "Données génétiques", "Données biométriques", "Données concernant",
              "Données relatives")


@pytest.mark.parametrize("text", ["NC", "n/c", "?", "Aucun", "Aucune", "Non", "No", "None", "Sans", "Néant.",
                                  "Pas de données sensibles", "Pas de transfert", "No transfer", "Aucune donnée"])
def test_answers_that_mean_none_in_a_list_cell(text: str) -> None:
    assert means_none(text)


@pytest.mark.parametrize("text", ["Non-adhérents", "Nom", "Sans-abri", "Noémie", "Salariés", "Nombre de clients",
                                  "No de téléphone", "N° de sécurité sociale"])
def test_list_answers_that_say_something(text: str) -> None:
    assert not means_none(text)


def test_non_stays_an_answer_in_a_yes_no_cell() -> None:
    assert not means_nothing("Non") and not means_nothing("No")
    assert means_nothing("NC")  # a retention criterion or any other cell: "non communiqué" is nothing


@pytest.mark.parametrize("answers", [
    ("NC", "Aucun", "Aucune", "Non", "NA", "n.a.", "-", "RAS", "?"),
    ("Néant.", "X", "Non concernée", "Pas de données sensibles", "Sans", "No", "None", "Not applicable", "n/c"),
])
def test_a_cnil_fiches_sensitive_rows_answered_none_invent_nothing(tmp_path: Path, answers: tuple[str, ...]) -> None:
    wb = _sample()
    ws = wb["RH-01 Candidatures"]
    rows = [row for row in ws.iter_rows() if str(row[0].value or "").startswith(_SENSITIVE)]
    assert len(rows) == 9
    for row, answer in zip(rows, answers, strict=True):
        row[1].value = answer
    path = tmp_path / "fiche.xlsx"
    wb.save(path)
    rh = next(a for a in read_spreadsheet(path).register.organizations[0].activities if a.reference == "RH-01")
    assert [(c.category, c.details) for c in rh.data_categories if c.sensitive] == []


def test_a_plain_tables_none_answers_are_no_recipients_and_no_transfers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registre"
    ws.append(["Organisme", "Nom du traitement", "Finalité", "Catégories de données", "Destinataires",
               "Transferts hors UE", "Durée de conservation"])
    ws.append(["Boulangerie Martin", "Paie", "Bulletins de paie", "Identité", "Aucun", "Aucun", "5 ans"])
    ws.append(["Boulangerie Martin", "Caméras", "Sécurité", "Images", "NC", "Pas de transfert", "NC"])
    ws.append(["Boulangerie Martin", "Fidélité", "Carte", "Identité", "Non concerné", "Non", "N/A"])
    ws.append(["Boulangerie Martin", "Livraison", "Livrer", "Identité", "Transporteur", "Hors UE", "1 an"])
    path = tmp_path / "table.xlsx"
    wb.save(path)
    org = read_spreadsheet(path).register.organizations[0]
    found = {a.name: ([org.recipient(r.recipient_id).name for r in a.recipients],  # type: ignore[union-attr]
                      [t.recipient for t in a.transfers], [r.criterion for r in a.retention]) for a in org.activities}
    assert found["Paie"][:2] == ([], [])
    assert found["Caméras"] == ([], [], [])
    assert found["Fidélité"] == ([], [], [])
    assert found["Livraison"][0] == ["Transporteur"] and len(found["Livraison"][1]) == 1


def _linked_workbook(path: Path, link: str, sheets: tuple[str, ...], headers: dict[str, str]) -> None:
    """A register in five sheets joined by an id column headed ``link``, as people lay it out by hand."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheets[0]
    ws.append([link, headers["name"], headers["dept"]])
    ws.append(["T1", "Recrutement", "RH"])
    ws.append(["T2", "Newsletter", "Marketing"])
    rows = {
        sheets[1]: ([link, headers["purpose"], headers["basis"]], [["T1", "Sélection", "Contrat"],
                                                                   ["T2", "Envoi", "Consentement"]]),
        sheets[2]: ([link, headers["category"], headers["retention"]], [["T1", "Santé", "2 ans"]]),
        sheets[3]: ([link, headers["recipient"], headers["country"]], [["T2", "Brevo", "France"],
                                                                       ["T9", "Orphan", "France"]]),
        sheets[4]: ([link, headers["recipient"], headers["country"], headers["safeguard"]],
                    [["T2", "Mailchimp", "US", "Clauses contractuelles types (CCT)"]]),
    }
    for name, (header, body) in rows.items():
        sheet = wb.create_sheet(name)
        sheet.append(header)
        for row in body:
            sheet.append(row)
    wb.save(path)


_FR = {"name": "Traitement", "dept": "Service", "purpose": "Finalité", "basis": "Base légale",
       "category": "Catégorie de données", "retention": "Durée de conservation", "recipient": "Destinataire",
       "country": "Pays", "safeguard": "Garantie"}
_EN = {"name": "Processing activity", "dept": "Department", "purpose": "Purpose", "basis": "Lawful basis",
       "category": "Data category", "retention": "Retention period", "recipient": "Recipient", "country": "Country",
       "safeguard": "Safeguard"}


@pytest.mark.parametrize(("link", "sheets", "headers"), [
    ("ID", ("Traitements", "Finalités", "Données", "Destinataires", "Transferts"), _FR),
    ("Référence", ("Traitements", "Finalités", "Données", "Destinataires", "Transferts"), _FR),
    ("Activity ID", ("Activities", "Purposes", "Personal data", "Recipients", "Transfers"), _EN),
])
def test_sheets_linked_by_an_id_column_are_joined(tmp_path: Path, link: str, sheets: tuple[str, ...],
                                                  headers: dict[str, str]) -> None:
    path = tmp_path / "linked.xlsx"
    _linked_workbook(path, link, sheets, headers)
    result = read_spreadsheet(path)
    org = result.register.organizations[0]
    acts = {a.name: a for a in org.activities}
    assert set(acts) == {"Recrutement", "Newsletter"}
    assert [p.description for p in acts["Recrutement"].purposes] == ["Sélection"]
    assert [c.category for c in acts["Recrutement"].data_categories] == ["health"]
    assert [org.recipient(r.recipient_id).name for r in acts["Newsletter"].recipients] == ["Brevo"]  # type: ignore[union-attr]
    assert [(t.recipient, t.safeguard) for t in acts["Newsletter"].transfers] == [("Mailchimp", "scc")]
    messages = [w.message("en") for w in result.warnings]
    assert any("'T9' names no processing activity" in m for m in messages)
    assert not any("not imported" in m and "T9" not in m for m in messages), messages


def test_one_sheet_per_processing_with_labels_in_column_a_is_one_activity_a_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Identité"
    for row in (("Registre des activités de traitement", None), ("Organisme", "Boulangerie Martin SARL"),
                ("Représentant légal", "Paul Martin"), ("DPO", "Non concerné"), ("Téléphone", "04 78 00 00 00")):
        ws.append(list(row))
    for title, rows in (
        ("Paie", [("Nom du traitement", "Gestion de la paie"), ("Finalité principale", "Établir les bulletins"),
                  ("Base légale", "Obligation légale", "Code du travail L3243-2"), ("Personnes concernées", "Salariés"),
                  ("Données sensibles", "Non concerné"), ("Destinataires", "Cabinet comptable Dupont"),
                  ("Transferts hors UE", "N/A"), ("Durée de conservation", "5 ans"), ("Couleur préférée", "bleu")]),
        ("Caméras", [("Nom du traitement", "Vidéosurveillance"), ("Finalité principale", "Sécurité"),
                     ("Base légale", "Intérêt légitime"), ("Personnes concernées", "Clients"),
                     ("Destinataires", "néant"), ("Durée de conservation", "30 jours")]),
    ):
        sheet = wb.create_sheet(title)
        sheet.append(["Fiche de traitement", title])
        for row in rows:
            sheet.append(list(row))
    path = tmp_path / "fiches.xlsx"
    wb.save(path)
    result = read_spreadsheet(path)
    [org] = result.register.organizations
    assert org.name == "Boulangerie Martin SARL" and org.head.name == "Paul Martin" and org.dpo.name == ""
    acts = {a.name: a for a in org.activities}
    assert set(acts) == {"Gestion de la paie", "Vidéosurveillance"}
    pay = acts["Gestion de la paie"]
    assert [(p.description, p.legal_basis) for p in pay.purposes] == [("Établir les bulletins", "legal_obligation")]
    assert [org.recipient(r.recipient_id).name for r in pay.recipients] == ["Cabinet comptable Dupont"]  # type: ignore[union-attr]
    assert acts["Vidéosurveillance"].recipients == [] and pay.transfers == []
    messages = " ".join(w.message("en") for w in result.warnings)
    assert "Paie!C4" in messages and "Code du travail L3243-2" in messages  # a comment after the answer: named
    assert "Couleur préférée | bleu" in messages
    assert result.ignored_sheets == []


def _group_sheet(wb: openpyxl.Workbook, title: str, rows: list[list[str]]) -> None:
    ws = wb.create_sheet(title)
    ws.append([f"Registre des traitements — {title}"])
    ws.append(["Traitement", "Finalité(s)", "Base juridique", "Personne(s) concernée(s)", "Donnée(s) traitée(s)",
               "Destinataire(s)", "Durée de conservation"])
    for row in rows:
        ws.append(row)


def test_every_sheet_of_a_register_split_over_sheets_is_read(tmp_path: Path) -> None:
    """One sheet per company of a group (or per department), with the plural marks people type in headers."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    _group_sheet(wb, "Filiale Logistique SARL", [
        ["Paie", "Bulletins de paie", "Obligation légale", "Salariés", "Identité\nRIB", "Expert-comptable", "5 ans"],
        ["Suivi des livraisons", "Tracer les colis", "Contrat", "Clients", "Adresse", "Transporteur", "1 an"],
    ])
    _group_sheet(wb, "Holding SAS", [
        ["Recrutement", "Choisir les candidats", "Mesures précontractuelles", "Candidats", "CV", "-", "2 ans"],
    ])
    budget = wb.create_sheet("Budget")
    budget.append(["Poste", "Montant"])
    budget.append(["Logiciels", "1200"])
    path = tmp_path / "groupe.xlsx"
    wb.save(path)
    result = read_spreadsheet(path)
    activities = {a.name: a for o in result.register.organizations for a in o.activities}
    assert set(activities) == {"Paie", "Suivi des livraisons", "Recrutement"}
    assert [p.description for p in activities["Recrutement"].purposes] == ["Choisir les candidats"]
    assert activities["Paie"].data_subjects and len(activities["Paie"].data_categories) == 2
    assert "Budget" in result.ignored_sheets and "Holding SAS" not in result.ignored_sheets
