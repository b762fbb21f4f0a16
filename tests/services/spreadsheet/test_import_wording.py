"""The import's words, in French as in English: the OS's reason, field labels not internal names, cells not rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.services.importing import ImportInputError, read_input
from ropa_desktop.services.spreadsheet import SpreadsheetError, read_spreadsheet


def test_a_missing_file_is_said_in_the_users_language(tmp_path: Path) -> None:
    with pytest.raises(ImportInputError) as caught:
        read_input(tmp_path / "absent.xlsx")
    assert caught.value.message("fr").endswith(": fichier ou dossier introuvable"), caught.value.message("fr")
    assert caught.value.message("en").endswith(": no such file or folder")
    with pytest.raises(ImportInputError) as folder:
        read_input(tmp_path)
    assert "c'est un dossier, pas un fichier" in folder.value.message("fr")


def test_an_unreadable_spreadsheet_is_said_in_the_users_language(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_spreadsheet(tmp_path / "absent.xlsx")
    assert "introuvable" in caught.value.message("fr") and "No such file" not in caught.value.message("fr")


def _ciso_processings(path: Path, legal_basis: str) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "processings"
    ws.append(["ref_id", "name", "description", "legal_basis", "status"])
    ws.append(["PRC-001", "CRM prospects", "Prospection B2B", legal_basis, "in_progress"])
    ws.append(["PRC-002", "Badges", "Accès aux locaux", "public_interest", "approved"])
    wb.save(path)


def test_ciso_assistants_own_values_are_understood(tmp_path: Path) -> None:
    path = tmp_path / "ciso.xlsx"
    _ciso_processings(path, "legitimate_interest")
    result = read_spreadsheet(path)
    crm, badges = result.register.organizations[0].activities
    assert crm.status == "draft" and crm.purposes[0].legal_basis == "legitimate_interests"
    assert badges.status == "validated" and badges.purposes[0].legal_basis == "public_task"
    assert not [w for w in result.warnings if w.code == "unknown_value"]


def test_an_unknown_value_names_its_field_and_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "ciso.xlsx"
    _ciso_processings(path, "by_magic")
    [warning] = [w for w in read_spreadsheet(path).warnings if w.code == "unknown_value"]
    assert warning.message("fr") == "Valeur inconnue « by_magic » (Base légale, processings!D2) : gardée telle quelle."
    assert warning.message("en") == "Unknown value 'by_magic' (Legal basis, processings!D2): kept as it is."
