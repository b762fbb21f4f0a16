"""Answers typed for "none" ("NC", "Aucun", "Non", "Pas de transfert") create no category, recipient or transfer."""

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


@pytest.mark.parametrize("text", ["Non-adhérents", "Nom", "Sans-abri", "Noémie", "Salariés", "Nombre de clients"])
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
