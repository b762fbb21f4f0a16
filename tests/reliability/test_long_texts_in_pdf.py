"""A 1 MB field prints in seconds: cut with a visible note and a warning; long words break in linear time."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from ropa_desktop.domain.model import Activity, Organization, Purpose, Register
from ropa_desktop.services.report import build_pdf
from ropa_desktop.services.report.fonts import REGULAR, register_fonts
from ropa_desktop.services.report.text import MAX_PRINTED, Wrapper
from tests.cli_helpers import run_main


@pytest.mark.timeout(60)
@pytest.mark.parametrize("text", ["x" * 1_000_000, "mot " * 250_000, "ligne\n" * 170_000])
def test_a_one_megabyte_field_is_cut_with_a_note(tmp_path: Path, text: str) -> None:
    org = Organization(name="Long")
    org.activities.append(Activity(reference="L-1", name="long", description=text,
                                   purposes=[Purpose(text, True, "contract")]))
    output = tmp_path / "long.pdf"
    result = build_pdf(Register([org]), output, organization_id=org.id, lang="en")
    assert result.truncated and all(len(text) - MAX_PRINTED <= cut.omitted < len(text) for cut in result.truncated)
    assert result.pages < 80
    printed = "".join(page.extract_text() for page in PdfReader(output).pages)
    assert "[text truncated," in printed


@pytest.mark.timeout(30)
def test_a_one_megabyte_word_wraps_in_linear_time() -> None:
    register_fonts()
    lines = Wrapper(REGULAR, 9).lines("a/" * 500_000, 200)
    assert "".join(lines) == "a/" * 500_000 and len(lines) > 1000


def test_the_command_line_warns_about_the_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ropa_desktop.storage.repository import RegisterStore

    register = tmp_path / "long.ropa"
    with RegisterStore.open(register, create=True) as store:
        org = Organization(name="Long")
        org.activities.append(Activity(reference="L-1", name="long", notes="n" * 300_000))
        store.write_register(Register([org]))
    code, _out, err = run_main(capsys, "export", "--db", register, "--format", "pdf", "-o", tmp_path / "o.pdf",
                               "--lang", "fr")
    assert code == 0, err
    assert "280000" in err and "L-1" in err
