"""Finding paths read as words from the field table, in both languages."""

from __future__ import annotations

import pytest

from ropa_desktop.domain.field_paths import describe as path_label


@pytest.mark.parametrize(("path", "scope", "lang", "expected"), [
    ("purposes[1].legal_basis", "activity", "en", "Purposes of the processing 2 – Legal basis"),
    ("purposes[1].legal_basis", "activity", "fr", "Finalité(s) du traitement 2 – Base légale"),
    ("recipients[0].contract_reference", "organization", "en", "Recipients 1 – Art. 28 contract"),
    ("dpia.done", "activity", "en", "Impact assessment (DPIA) – DPIA carried out"),
    ("head.name", "organization", "fr", "Responsable de l'organisme – Nom"),
    ("transfers[2].safeguard", "activity", "en", "Transfers outside the EU 3 – Safeguard"),
    ("security_measures", "activity", "en", "Security measures"),
    ("no_such_field[0].x", "activity", "en", "no_such_field[0].x"),
])
def test_path_label(path: str, scope: str, lang: str, expected: str) -> None:
    assert path_label(path, scope, lang) == expected
