"""The sample registers are current and import cleanly: the seeded exports hold exactly the seeded register."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from ropa_desktop.services.importing import plan_import, read_input
from ropa_desktop.services.json_format import read_file
from ropa_desktop.services.processor_sample import BOOKSHOP, processor_sample_register
from ropa_desktop.services.seeding import seed_register
from ropa_desktop.services.statement import document_to_statement, find_client, read_statement, statement_document
from tests.paths import REPO

SAMPLES = REPO / "sample_registers"
SEEDED_ON = date(2026, 11, 22)  # the seeded samples' fiche dates (make_samples.SEED_EXPORT_TIME)


@pytest.mark.parametrize("name", ["seeded-register.json", "seeded-register.xlsx"])
def test_seeded_samples_match_the_seeded_register(name: str) -> None:
    incoming = read_input(SAMPLES / name)
    plan = plan_import(seed_register(SEEDED_ON), incoming)
    assert not len(plan), f"{name} is stale: run python sample_registers/make_samples.py\n" + "\n".join(
        plan.describe("en")[:10])


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.*") if p.suffix in (".json", ".xlsx", ".ods")))
def test_every_sample_is_importable(name: str) -> None:
    incoming = read_input(SAMPLES / name)
    if incoming.kind == "statement":  # a processor's statement: one recipient, with what the processor declared
        (recipient,) = [r for o in incoming.register.organizations for r in o.recipients]
        assert recipient.sub_processors and recipient.statement_date
        return
    assert sum(len(o.activities) + len(o.processor_activities) for o in incoming.register.organizations) > 0


def test_processor_samples_are_current_and_fictitious() -> None:
    """The processor's register and its statement are what make_samples.py makes of the sample's source."""
    register = processor_sample_register()
    assert read_file(SAMPLES / "processor-register.json") == register, "run python sample_registers/make_samples.py"
    (org,) = register.organizations
    assert "(fictif)" in org.name and all("(fictif)" in c.name for c in org.clients) and len(org.clients) == 3
    countries = {s.country for a in org.processor_activities for s in a.sub_processors}
    assert {"FR", "SE", "US"} <= countries  # in and outside the EEA
    assert {s.authorisation for a in org.processor_activities for s in a.sub_processors} == {"general", "specific"}
    assert any(t.safeguard == "scc" for a in org.processor_activities for t in a.transfers)
    processor, client = find_client(register, BOOKSHOP)
    expected = document_to_statement(statement_document(processor, client, SEEDED_ON))
    stem = SAMPLES / "processor-statement-librairie-des-canuts"
    assert read_statement(stem.with_suffix(".json")) == expected, "run python sample_registers/make_samples.py"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(stem.with_suffix(".pdf")).pages)
    assert f"Établie pour : {BOOKSHOP}" in text and "Déclaration du 22/11/2026" in text
    for name in {s.name for s in expected.sub_processors}:
        assert name in text
