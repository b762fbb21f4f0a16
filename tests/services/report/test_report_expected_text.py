"""The printed register's text, page by page and in order, read back with pypdf and compared with a stored copy.

A faster renderer must print the same words in the same places: same pages, same contents numbers, same
headers and footers, same wrapping of long words and URLs, same CJK/RTL text. The stored copies were taken
from a reviewed rendering (its pages looked at as images); after an intended change of the printout,
regenerate them with ``ROPA_UPDATE_EXPECTED=1 python -m pytest tests/services/report/test_report_expected_text.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from ropa_desktop import __version__
from ropa_desktop.domain.model import Register
from ropa_desktop.services.report import build_pdf
from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import TODAY, recognisable_register

EXPECTED = Path(__file__).parent / "expected"
PAGE_BREAK = "\n\f\n"


def _registers() -> dict[str, tuple[Register, str, str]]:
    return {
        "synthetic12-fr-full": (synthetic_register(12), "fr", "full"),
        "recognisable-en-full": (recognisable_register(), "en", "full"),
        "recognisable-fr-public": (recognisable_register(), "fr", "public"),
    }


def _text(path: Path) -> str:
    pages = (page.extract_text().replace(__version__, "{version}") for page in PdfReader(path).pages)
    return PAGE_BREAK.join("\n".join(line.rstrip() for line in page.splitlines()) for page in pages) + "\n"


@pytest.mark.parametrize("name", sorted(_registers()))
def test_the_printed_text_is_the_stored_one(name: str, tmp_path: Path) -> None:
    register, lang, profile = _registers()[name]
    out = tmp_path / f"{name}.pdf"
    result = build_pdf(register, out, lang=lang, profile=profile, today=TODAY)
    text = _text(out)
    stored = EXPECTED / f"{name}.txt"
    if os.environ.get("ROPA_UPDATE_EXPECTED") == "1":
        stored.write_text(text, encoding="utf-8")
    expected = stored.read_text(encoding="utf-8")
    pages, expected_pages = text.split(PAGE_BREAK), expected.split(PAGE_BREAK)
    assert result.pages == len(pages)
    assert len(pages) == len(expected_pages), f"{len(pages)} pages printed, {len(expected_pages)} stored"
    for number, (page, want) in enumerate(zip(pages, expected_pages, strict=True), start=1):
        assert page == want, f"page {number} differs"
