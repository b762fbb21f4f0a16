""""Aucun", "Néant", "None" or "-" typed alone in a list column of our Register sheet means there is none."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.domain.model import Register
from ropa_desktop.services.importing import apply_import, plan_import, read_input
from ropa_desktop.services.spreadsheet import export_xlsx
from tests.services.spreadsheet.office import laserseven, resave, soffice

# LS-01's row of the Register sheet: (column title, what counsel typed alone in it).
TYPED = (("Destinataires", "Aucun"), ("Catégories de personnes concernées", "Néant"), ("Mesures de sécurité", "None"),
         ("Finalité(s) du traitement", "Aucune"), ("Transferts hors UE", "-"))


def counsel_register(tmp_path: Path) -> tuple[Register, Path]:
    """LaserSeven's workbook with only our Register sheet kept, LS-01's list cells answered "none"."""
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr", fiches=False)
    wb = openpyxl.load_workbook(path)
    for name in wb.sheetnames:
        if name not in ("Registre", "Organismes", "Destinataires", "ropa"):
            del wb[name]
    ws = wb["Registre"]
    titles = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, titles.index("N° / RÉF") + 1).value == "LS-01")
    for title, text in TYPED:
        ws.cell(row, titles.index(title) + 1, text)
    wb.save(path)
    return register, path


def read_back(register: Register, path: Path) -> None:
    incoming = read_input(path)
    plan = plan_import(register, incoming, "fr")
    after = apply_import(register, plan)
    org = after.organizations[0]
    ls01 = next(a for a in org.activities if a.reference == "LS-01")
    before = next(a for a in register.organizations[0].activities if a.reference == "LS-01")
    assert before.recipients and before.purposes and before.data_subjects  # something to clear
    for key in ("recipients", "data_subjects", "security_measures", "purposes", "transfers"):
        assert getattr(ls01, key) == [], key
    named = {r.name.casefold() for r in org.recipients}
    assert not named & {"aucun", "néant", "none", "-"}, "a recipient named after the answer 'none'"
    assert {r.name for r in org.recipients} == {r.name for r in register.organizations[0].recipients}
    # The other activities keep their lists.
    ls02 = next(a for a in org.activities if a.reference == "LS-02")
    assert ls02.recipients == next(a for a in register.organizations[0].activities if a.reference == "LS-02").recipients


def test_none_typed_alone_in_a_list_column_is_an_empty_list(tmp_path: Path) -> None:
    register, path = counsel_register(tmp_path)
    read_back(register, path)


@soffice
@pytest.mark.slow
def test_none_typed_in_a_workbook_resaved_by_libreoffice(tmp_path: Path) -> None:
    register, path = counsel_register(tmp_path)
    read_back(register, resave(path, tmp_path))
