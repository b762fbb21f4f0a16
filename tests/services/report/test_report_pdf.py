import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ropa_desktop.domain.fields import fields_of
from ropa_desktop.services.report import ReportResult, build_pdf
from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import LONG_URL, SECRETS, TODAY, recognisable_register


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def squash(text: str) -> str:
    return "".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [norm(page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def full_fr(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ReportResult]:
    out = tmp_path_factory.mktemp("pdf") / "full-fr.pdf"
    return out, build_pdf(recognisable_register(), out, lang="fr", today=TODAY)


def test_page_count_matches_the_file(full_fr: tuple[Path, ReportResult]) -> None:
    path, result = full_fr
    assert result.pages == len(PdfReader(path).pages) >= 5
    assert result.activities == 1


def test_every_page_has_header_and_page_x_of_y(full_fr: tuple[Path, ReportResult]) -> None:
    path, result = full_fr
    for number, text in enumerate(page_texts(path), start=1):
        assert f"page {number} / {result.pages}" in text
        assert "Registre des activités de traitement" in text
        assert "Société <b>R&D</b> Łódź" in text
        assert "Édité le 22/11/2026" in text
    fiche_pages = [t for t in page_texts(path) if "Fiche de registre EN-03" in t]
    assert len(fiche_pages) == 2  # the fiche's pages name it in their footer


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_field_of_a_full_activity_is_printed(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "r.pdf"
    build_pdf(recognisable_register(), out, lang=lang, today=TODAY)
    texts = page_texts(out)
    text = " ".join(texts)
    for scope in ("activity", "purpose", "data_subject", "data_category", "retention", "activity_recipient",
                  "transfer", "security_measure", "dpia", "automated_decision", "source", "organization",
                  "contact"):
        for spec in fields_of(scope):
            assert norm(spec.label(lang)) in text, (scope, spec.key)
    values = ["EN-03", "Partner-Joint SA", "Dept-Ventes", "Tool-CRM", "Source-Forms", "Purpose-Main-Text",
              "Basis-Details-Text", "Purpose-Sub-Text", "Subject-Details-Text", "Cat-Details-Text",
              "Health-Details-Text", "Condition-Details-Text", "Retention-Applies-Text", "Start-Event-Text",
              "Code de commerce, art. L. 123-22", "Criterion-Text", "Link-Details-Text",
              "Security-Details-Text",
              "DPIA-REF-77", "Automated-Details-Text", "Withdraw-Text", "SECRET-NOTE-9931", "Doc-Source-Text",
              "Article-4", "Excerpt-Text", "Amazon Web Services", "Zendesk Inc", "Hosting-Details",
              "CONTRACT-REF-5150", "DPO-SECRET-4242", "ORGNOTE-7781", "813 731 262", "01000"]
    if lang == "fr":
        values += ["Responsable conjoint", "Validé", "15/01/2024", "04/03/2025 10:30", "31/01/2027",
                   "Contrat ou mesures précontractuelles (art. 6(1)(b))", "Consentement (art. 6(1)(a))",
                   "Clients", "Consentement explicite (art. 9(2)(a))", "5 ans", "Archivage intermédiaire",
                   "Anonymisation",
                   "Sous-traitant", "Irlande (IE)", "États-Unis (US)", "Clauses contractuelles types (CCT)",
                   "Chiffrement des données", "Données de santé"]
    else:
        values += ["Joint controller", "Validated", "15 January 2024", "4 March 2025 10:30",
                   "31 January 2027",
                   "Contract or pre-contractual measures (Art. 6(1)(b))", "Customers", "5 years",
                   "Intermediate archive", "Ireland (IE)", "United States (US)",
                   "Standard contractual clauses (SCC)",
                   "Data encryption", "Health data"]
    start = next(i for i, t in enumerate(texts) if "EN-03 — Gestion" in t)  # the fiche's title
    end = next(i for i, t in enumerate(texts) if i > start and ("Annexe 1" in t or "Annex 1" in t))
    fiche = " ".join(texts[start:end])
    # Long words may wrap inside a narrow column ("CONTRACT-" / "REF-5150"): compare without spaces.
    for value in values:
        assert squash(value) in squash(text), value
    for value in ("Purpose-Main-Text", "Link-Details-Text", "DPIA-REF-77", "Excerpt-Text", "Withdraw-Text"):
        assert value in fiche, value
    # A long URL wraps instead of running off the page: every character is there, across lines.
    assert LONG_URL in "".join(text.split())


def test_unicode_and_markup_print_literally(full_fr: tuple[Path, ReportResult]) -> None:
    path, result = full_fr
    text = " ".join(page_texts(path))
    for expected in ("é", "œ", "’", "€", "« guillemets »", "Łódź", "Ελλάδα", "Москва", "Zoé Œuvray",
                     "<b>R&D</b>", '<img src="/etc/passwd"/>'):
        assert expected in text, expected
    assert "root:" not in text  # the img tag opened no file
    assert result.missing_glyphs == ()


def test_public_profile_leaves_out_internal_fields(tmp_path: Path,
                                                   full_fr: tuple[Path, ReportResult]) -> None:
    public = tmp_path / "public.pdf"
    build_pdf(recognisable_register(), public, profile="public", today=TODAY)
    public_text = " ".join(page_texts(public))
    full_text = " ".join(page_texts(full_fr[0]))
    for secret in SECRETS:
        assert secret in squash(full_text)
        assert secret not in squash(public_text)
    assert "Notes internes" not in public_text
    assert "Version publique" in public_text
    assert "Purpose-Main-Text" in public_text


def test_contents_page_numbers_match_the_fiches(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    register = synthetic_register(12)
    build_pdf(register, out, today=TODAY)
    texts = page_texts(out)
    contents = " ".join(t for t in texts if "Sommaire" in t and "GEN-00001" in t)
    for activity in register.organizations[0].activities:
        found = re.search(rf"{activity.reference} {re.escape(activity.name)} (\d+)", contents)
        assert found, activity.reference
        page = int(found.group(1))
        assert "FICHE DE REGISTRE" in texts[page - 1]
        assert f"{activity.reference} — {activity.name}" in texts[page - 1]
        assert f"{activity.reference} — {activity.name}" not in texts[page - 2]


def test_outline_has_one_entry_per_activity_pointing_at_its_fiche(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    register = synthetic_register(200)
    result = build_pdf(register, out, today=TODAY)
    reader = PdfReader(out)
    assert result.pages == len(reader.pages)
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:4] == ["Registre des activités de traitement", "Sommaire",
                          "Synthèse des activités de traitement", "Fiches de registre"]
    children = outline[titles.index("Fiches de registre") + 1]
    assert isinstance(children, list)
    activities = register.organizations[0].activities
    assert [c.title for c in children] == [f"{a.reference} — {a.name}" for a in activities]
    last = children[-1]
    page = reader.get_destination_page_number(last)
    assert f"{activities[-1].reference} — {activities[-1].name}" in reader.pages[page].extract_text()


def test_metadata(full_fr: tuple[Path, ReportResult]) -> None:
    path, result = full_fr
    reader = PdfReader(path)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Registre des activités de traitement – Société <b>R&D</b> Łódź"
    assert meta.author == "Société <b>R&D</b> Łódź"
    assert "Article 30" in (meta.subject or "")
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    assert result.fingerprint in meta["/Keywords"]


def test_english_wording_and_dates(tmp_path: Path) -> None:
    out = tmp_path / "en.pdf"
    build_pdf(synthetic_register(3), out, lang="en", today=TODAY)
    texts = page_texts(out)
    assert "Record of processing activities" in texts[0]
    assert "State of the register on 22 November 2026" in texts[0]
    assert "Contents" in texts[1]
    assert "page 1 / " in texts[0]
    assert "Exported on 22 November 2026" in texts[-1]
    assert "Annex 4 – Open check findings" in texts[-1]
    assert "Registre" not in " ".join(texts)


def test_cover_shows_state_date_count_and_fingerprint(full_fr: tuple[Path, ReportResult]) -> None:
    path, result = full_fr
    cover = page_texts(path)[0]
    assert "État du registre au 22/11/2026" in cover
    assert "Nombre d'activités de traitement : 1" in cover
    assert f"Empreinte du contenu : {result.fingerprint}" in cover
    assert re.fullmatch(r"[0-9a-f]{12}", result.fingerprint)


def test_annexes(full_fr: tuple[Path, ReportResult]) -> None:
    texts = page_texts(full_fr[0])
    recipients = next(t for t in texts if "Annexe 1 – Destinataires et sous-traitants" in t and "Unused" in t)
    assert "Amazon Web Services" in recipients and "EN-03" in recipients
    transfers = next(t for t in texts if "Annexe 2 – Transferts hors de l'Union" in t and "Inde" in t)
    assert "États-Unis (US) Oui, portée limitée" in transfers
    assert "Inde (IN) Non" in transfers
    retention = next(t for t in texts if "Annexe 3 – Tableau des durées" in t and "Sommaire" not in t)
    assert "Retention-Applies-Text" in retention and "Criterion-Text" in retention
    assert any("Annexe 4 – Points de contrôle ouverts" in t for t in texts)
