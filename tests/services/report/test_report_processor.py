"""The processor's register (Art. 30(2)) in the PDF: written, parsed back, in both languages and profiles."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ropa_desktop.services.report import ReportResult, build_pdf
from tests.builders import PROC_SECRETS, TODAY, processor_register, recognisable_register

FR_TITLE = ("Registre des catégories d'activités de traitement effectuées pour le compte de responsables de "
            "traitement")
EN_TITLE = "Record of categories of processing activities carried out on behalf of controllers"


def texts(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def fr_full(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], ReportResult, Path]:
    out = tmp_path_factory.mktemp("proc") / "fr.pdf"
    result = build_pdf(processor_register(), out, lang="fr", today=TODAY)
    return texts(out), result, out


def _page_of(pages: list[str], needle: str) -> int:
    return next(i for i, text in enumerate(pages, 1) if needle in text)


def test_second_register_follows_the_controllers_with_its_own_contents(
        fr_full: tuple[list[str], ReportResult, Path]) -> None:
    pages, result, _ = fr_full
    assert result.processor_activities == 2
    whole = " ".join(pages)
    assert FR_TITLE in whole
    # The general contents lists the part and its sections with page numbers that are right.
    toc = pages[1]
    assert FR_TITLE in toc
    fiche_page = _page_of(pages, "ST-02 — Paie")
    assert re.search(rf"ST-02 Paie {fiche_page}\b", toc)
    annex_page = _page_of(pages, "Annexe A – Sous-traitants ultérieurs Réf.")
    assert re.search(rf"Annexe A – Sous-traitants ultérieurs {annex_page}\b", toc)
    # Its own contents, on its opening page, which comes after the controller's last annex.
    opening = _page_of(pages, "Sommaire du registre du sous-traitant")
    assert opening > _page_of(pages, "Annexe 4 – Points de contrôle ouverts")
    assert re.search(rf"ST-02 Paie {fiche_page}\b", pages[opening - 1])
    # Pages of the processor's register carry its title in the header; the controller's pages do not.
    assert "Registre des catégories d'activités" in pages[fiche_page - 1]
    assert "Registre des catégories d'activités" not in pages[2]


def test_identity_security_and_clients(fr_full: tuple[list[str], ReportResult, Path]) -> None:
    pages, _, _ = fr_full
    opening = pages[_page_of(pages, "Sommaire du registre du sous-traitant") - 1]
    assert "Paul Dpo-Processor" in opening
    assert "General-Access-Badges" in opening and "General-Backup-Daily" in opening
    clients = " ".join(pages[_page_of(pages, "pour le compte desquels l'organisme agit (art. 30(2)(a))") - 1:])
    for value in ("Client-Alpha SA", "Alice Alpha", "Dora Alpha-DPO", "DPA-ALPHA-2024", "01/02/2024",
                  "Rep-Beta Europe", "DPA-BETA-7", "31/12/2025", "Client-Gamma SAS"):
        assert value in clients, value


def test_fiche_of_a_processing_done_for_clients(fr_full: tuple[list[str], ReportResult, Path]) -> None:
    pages, _, _ = fr_full
    fiche = pages[_page_of(pages, "ST-01 — Hébergement des applications métier") - 1]
    for value in ("Client-Alpha SA Alpha-Link-Details", "Client-Beta Inc", "Hosting-Description",
                  "Subjects-Details-Hosting", "Identity-Hosting", "OVH-Sub SAS", "Autorisation écrite générale",
                  "01/02/2024", "Backup-US LLC", "Autorisation écrite spécifique", "Clauses contractuelles types",
                  "Specific-Encryption-AES", "Mesures de sécurité générales de l'organisme Oui", "PROC-NOTE-8821"):
        assert value in fiche, value
    assert "Traitement pour le compte de clients ST-01" in fiche  # the running footer names the fiche


def test_annexes_sub_processors_and_transfers_with_adequacy(fr_full: tuple[list[str], ReportResult, Path]) -> None:
    pages, _, _ = fr_full
    annex_a = pages[_page_of(pages, "Annexe A – Sous-traitants ultérieurs Réf.") - 1]
    assert "Payslip-India Pvt" in annex_a and "Inde (IN)" in annex_a
    # no client named, no authorisation (nor its date and reference), no adequacy
    assert re.search(r"Inde \(IN\) Printing — — — — Non", annex_a)
    assert "Pays de l'EEE" in annex_a
    annex_b = pages[_page_of(pages, "Annexe B – Transferts hors de l'Union européenne Liste") - 1]
    assert "ST-01 Backup-US LLC États-Unis (US)" in annex_b
    assert "2023/1795" in annex_b  # the US adequacy decision, with its limited scope


def test_public_profile_leaves_internal_fields_out(tmp_path: Path) -> None:
    out = tmp_path / "public.pdf"
    build_pdf(processor_register(), out, lang="en", profile="public", today=TODAY)
    whole = " ".join(texts(out))
    assert EN_TITLE in whole and "DPA-ALPHA-2024" in whole and "OVH-Sub SAS" in whole
    for secret in PROC_SECRETS:
        assert secret not in whole.replace(" ", ""), secret
    assert "Internal notes" not in whole and "Art. 28(4) contract" not in whole
    full = tmp_path / "full.pdf"
    build_pdf(processor_register(), full, lang="en", today=TODAY)
    everything = " ".join(texts(full))
    assert all(secret in everything.replace(" ", "") for secret in PROC_SECRETS)  # a narrow cell wraps them
    assert "Annex A – Sub-processors" in everything and "General written authorisation" in everything


def test_outline_has_the_processor_register(fr_full: tuple[list[str], ReportResult, Path]) -> None:
    _, _, path = fr_full
    outline = PdfReader(path).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert FR_TITLE in titles
    children = outline[outline.index(next(i for i in outline if getattr(i, "title", "") == FR_TITLE)) + 1]
    assert [c.title for c in children][:2] == ["Le sous-traitant et son délégué à la protection des données",
                                               "Responsables de traitement pour le compte desquels l'organisme agit"]


def test_an_organisation_without_processor_side_gets_no_such_part(tmp_path: Path) -> None:
    out = tmp_path / "controller.pdf"
    result = build_pdf(recognisable_register(), out, lang="fr", today=TODAY)
    whole = " ".join(texts(out))
    assert result.processor_activities == 0
    assert "Registre des catégories d'activités" not in whole and "Annexe A –" not in whole


def test_processor_findings_have_their_own_annex(fr_full: tuple[list[str], ReportResult, Path]) -> None:
    pages, _, _ = fr_full
    annex_c = pages[-1]
    assert "Annexe C – Points de contrôle ouverts" in annex_c
    # A processing's finding names the processing and its field from there; a client's is the organisation's.
    assert "ST-02 Sous-traitants ultérieurs 1 – Autorisation du client" in annex_c
    assert "Client « Client-Gamma SAS » sans référence de contrat" in annex_c
    controller = pages[_page_of(pages, "Annexe 4 – Points de contrôle ouverts Gravité") - 1]
    assert "Client-Gamma SAS" not in controller and "Payslip-India" not in controller  # not in the controller's
