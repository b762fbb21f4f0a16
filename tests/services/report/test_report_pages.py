"""Pages an auditor would frown at: a cover running onto a second page, a page holding one spilled line, empty sections.

Each PDF is parsed back: which text lands on which page.
"""

from pathlib import Path

import pytest
from pypdf import PdfReader

from ropa_desktop.domain.model import Register
from ropa_desktop.services.report import build_pdf
from ropa_desktop.services.seeding import seed_register
from tests.builders import TODAY, processor_organization

TITLE = {"fr": "Registre des activités de traitement", "en": "Record of processing activities"}
EDITION = {"fr": "par ROPA Desktop", "en": "by ROPA Desktop"}
CONTENTS = {"fr": "Sommaire", "en": "Contents"}


def pages(path: Path) -> list[list[str]]:
    return [page.extract_text().strip().splitlines() for page in PdfReader(path).pages]


def body_lines(lines: list[str], org: str, lang: str) -> list[str]:
    """A page's lines less its header and footer (organisation, title, date and page number, running fiche)."""
    frame = (org, TITLE[lang], "Édité le", "Exported on", "Fiche ", "Record ")
    return [line for line in lines if not line.strip().startswith(frame) and not line.strip().isdigit()]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_seeded_covers_fit_one_page_and_no_page_holds_a_spilled_line(tmp_path: Path, lang: str) -> None:
    register = seed_register(TODAY)
    for org in register.organizations:
        out = tmp_path / f"{org.name}-{lang}.pdf"
        build_pdf(register, out, organization_id=org.id, lang=lang, today=TODAY)
        texts = pages(out)
        # The cover's last line is on the cover, and the next page opens the contents.
        assert any(EDITION[lang] in line for line in texts[0]), (org.name, lang)
        assert not any(EDITION[lang] in line for page in texts[1:] for line in page), (org.name, lang)
        assert any(line.strip() == CONTENTS[lang] for line in texts[1]), (org.name, lang, texts[1][:3])
        for number, lines in enumerate(texts, 1):
            assert len(body_lines(lines, org.name, lang)) >= 3, (org.name, lang, number, lines)


NOTHING = {"fr": ("Aucune activité.", "Aucun destinataire.", "Aucun transfert hors de l'Union européenne.",
                  "Aucune durée de conservation renseignée."),
           "en": ("No activity.", "No recipient.", "No transfer outside the European Union.",
                  "No retention period recorded.")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_processor_only_organisation_gets_one_line_per_empty_section_not_empty_pages(tmp_path: Path,
                                                                                       lang: str) -> None:
    org = processor_organization()
    org.activities = []  # clients and processing only: no controller activity
    out = tmp_path / f"processor-{lang}.pdf"
    result = build_pdf(Register([org]), out, lang=lang, today=TODAY)
    texts = pages(out)
    assert result.pages == len(texts)
    # The summary and the three empty annexes share one page (the contents' own) instead of one page each.
    holding = [i for i, lines in enumerate(texts) if any(line.strip() in NOTHING[lang] for line in lines)]
    assert len(holding) == 1, holding
    page = [line.strip() for line in texts[holding[0]]]
    assert all(line in page for line in NOTHING[lang]), page
    assert CONTENTS[lang] in page
    for number, lines in enumerate(texts, 1):
        assert len(body_lines(lines, org.name, lang)) >= 3, (lang, number, lines)
    # The processor's register is all there, after them.
    assert any("ST-01" in line for lines in texts[holding[0] + 1:] for line in lines)
