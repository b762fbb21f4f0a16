import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from ropa_desktop.domain import fields
from ropa_desktop.domain.fields import FieldSpec, fields_of, list_fields, table_columns
from ropa_desktop.domain.model import Purpose, Register
from ropa_desktop.services.errors import Cancelled
from ropa_desktop.services.report import ReportError, build_pdf
from ropa_desktop.services.report.fingerprint import fingerprint
from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import TODAY, minimal_register, numbered_activity, recognisable_organization, recognisable_register


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def test_several_organisations_need_an_id(tmp_path: Path) -> None:
    register = synthetic_register(4, organizations=2)
    with pytest.raises(ReportError) as caught:
        build_pdf(register, tmp_path / "r.pdf", today=TODAY)
    assert isinstance(caught.value, ValueError)
    assert caught.value.code == "organization_required"
    assert "2 organismes" in caught.value.message("fr")
    assert "2 organisations" in caught.value.message("en")
    assert not (tmp_path / "r.pdf").exists()
    second = register.organizations[1]
    result = build_pdf(register, tmp_path / "r.pdf", organization_id=second.id, today=TODAY)
    assert result.activities == 2
    assert "Synthetic Organisation 2" in text_of(tmp_path / "r.pdf")


@pytest.mark.parametrize(("options", "code"), [
    ({"organization_id": "nope"}, "unknown_organization"),
    ({"lang": "de"}, "bad_language"),
    ({"profile": "secret"}, "bad_profile"),
    ({"activity_ids": ["missing-id"]}, "unknown_activities"),
])
def test_bad_options_are_clear_errors(tmp_path: Path, options: dict[str, object], code: str) -> None:
    with pytest.raises(ReportError) as caught:
        build_pdf(minimal_register(5), tmp_path / "r.pdf", today=TODAY, **options)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert caught.value.message("fr") != caught.value.message("en")


def test_empty_register_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no organisation"):
        build_pdf(Register(), tmp_path / "r.pdf")


def test_selected_activities_only(tmp_path: Path) -> None:
    register = minimal_register(5)
    activities = register.organizations[0].activities
    out = tmp_path / "r.pdf"
    result = build_pdf(register, out, activity_ids={activities[3].id, activities[1].id}, today=TODAY)
    assert result.activities == 2
    text = text_of(out)
    assert "Sélection de 2 activités sur 5." in text
    one = build_pdf(register, out, activity_ids={activities[3].id}, today=TODAY, lang="en")
    assert one.activities == 1 and "Selection of 1 of 5 activities." in text_of(out)
    assert "T-002 — Traitement numéro 2" in text and "T-004 — Traitement numéro 4" in text
    assert "T-001" not in text and "T-005" not in text
    assert text.index("T-002 — ") < text.index("T-004 — ")  # register order


def test_cancel_leaves_the_previous_file_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    out.write_bytes(b"%PDF-previous export")
    calls: list[tuple[int, int]] = []

    def cancel() -> bool:
        return len(calls) >= 3

    with pytest.raises(Cancelled):
        build_pdf(synthetic_register(10), out, today=TODAY, progress=lambda d, t: calls.append((d, t)),
                  cancel=cancel)
    assert out.read_bytes() == b"%PDF-previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.pdf"]  # no temporary file left
    assert calls[:3] == [(1, 10), (2, 10), (3, 10)]


def test_cancel_while_the_file_is_written_removes_it(tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    out.write_bytes(b"%PDF-previous export")

    sizes: list[int] = []

    def writing() -> bool:  # the pages are laid out: the temporary file beside the output is being written
        sizes.append(max((p.stat().st_size for p in tmp_path.iterdir() if p.name != out.name), default=0))
        return sizes[-1] > 0

    with pytest.raises(Cancelled):
        build_pdf(synthetic_register(20), out, today=TODAY, cancel=writing)
    assert out.read_bytes() == b"%PDF-previous export"
    assert 0 < sizes[-1] < 60_000  # stopped soon after the writing began (the whole file is some 150 kB)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.pdf"]


def test_progress_reaches_the_end(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    build_pdf(synthetic_register(4), tmp_path / "r.pdf", today=TODAY,
              progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (4, 4)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_characters_the_font_lacks_are_reported_and_marked(tmp_path: Path) -> None:
    register = minimal_register(2)
    register.organizations[0].activities[1].name = "Données 数据处理"
    out = tmp_path / "r.pdf"
    result = build_pdf(register, out, today=TODAY)
    chars = {m.char for m in result.missing_glyphs}
    assert chars == set("数据处理")
    assert all("T-002" in m.where for m in result.missing_glyphs)
    assert {m.codepoint for m in result.missing_glyphs} >= {"U+6570"}
    text = text_of(out)
    assert "Données ????" in text
    assert "数" not in text


def test_very_long_texts_flow_over_pages(tmp_path: Path) -> None:
    register = minimal_register(1)
    activity = register.organizations[0].activities[0]
    activity.description = "\n".join(f"Ligne {i} du texte très long." for i in range(400))
    activity.purposes[0].description = "Début " + "mot " * 3000 + "Fin-du-texte"
    activity.tools = "x" * 5000  # one unbroken word
    out = tmp_path / "r.pdf"
    result = build_pdf(register, out, today=TODAY)
    text = text_of(out)
    assert "Ligne 399 du texte très long." in text
    assert "Fin-du-texte" in text
    assert "".join(text.split()).count("x" * 5000) == 1
    assert result.pages > 10


def test_fingerprint_ignores_ids_and_export_time_but_not_content() -> None:
    first, second = recognisable_organization(), recognisable_organization()  # same content, fresh random ids
    assert first.id != second.id
    assert fingerprint(first) == fingerprint(second)
    second.activities[0].purposes[0].description += "."
    assert fingerprint(first) != fingerprint(second)


def test_same_content_same_fingerprint_on_the_cover(tmp_path: Path) -> None:
    one = build_pdf(recognisable_register(), tmp_path / "a.pdf", today=TODAY)
    two = build_pdf(recognisable_register(), tmp_path / "b.pdf", lang="en", profile="public", today=TODAY)
    assert one.fingerprint == two.fingerprint
    changed = recognisable_register()
    changed.organizations[0].activities[0].updated = datetime(2026, 1, 1, tzinfo=UTC)
    assert build_pdf(changed, tmp_path / "c.pdf", today=TODAY).fingerprint != one.fingerprint


def test_open_findings_are_listed(tmp_path: Path) -> None:
    register = minimal_register(2)
    register.organizations[0].activities[1].purposes = []
    out = tmp_path / "r.pdf"
    build_pdf(register, out, today=TODAY)
    last = re.sub(r"\s+", " ", PdfReader(out).pages[-1].extract_text())
    assert "Annexe 4 – Points de contrôle ouverts" in last
    assert "Erreur T-002 Finalité(s) du traitement" in last


def test_sub_list_columns_cover_the_field_table() -> None:
    for spec in list_fields("activity"):
        shown = [s for group, _ in table_columns(spec.item) for s in group]
        own = [s for s in shown if s.scope == spec.item]
        assert own == [s for s in fields_of(spec.item) if s.is_scalar], spec.key
        assert all(width > 0 for _, width in table_columns(spec.item)), spec.key
    linked = [s for group, _ in table_columns("activity_recipient") for s in group if s.scope == "recipient"]
    assert linked and all(s.on_links for s in linked)


class _ReviewedPurpose(Purpose):
    """A purpose with one more attribute, standing for a field a newcomer adds to the dataclass."""


def test_a_new_sub_list_field_is_printed_without_touching_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = FieldSpec("purpose", "reviewer", "Relecteur de la finalité", "Purpose reviewer", width=15)
    monkeypatch.setitem(fields._OF_SCOPE, "purpose", (*fields_of("purpose"), added))
    register = minimal_register(1)
    purpose = _ReviewedPurpose(description="Paie", legal_basis="legal_obligation")
    purpose.reviewer = "Zoé Relectrice"  # type: ignore[attr-defined]
    register.organizations[0].activities[0].purposes = [purpose]
    build_pdf(register, tmp_path / "r.pdf", lang="en", today=TODAY)
    text = text_of(tmp_path / "r.pdf")
    assert "Purpose reviewer" in text and "Zoé Relectrice" in text


def test_huge_names_and_long_sub_lists_lay_out(tmp_path: Path) -> None:
    register = minimal_register(2)
    org = register.organizations[0]
    org.name = "Organisme" + "Z" * 3000
    activity = org.activities[0]
    activity.name = "Nom " * 2000 + "final"
    activity.purposes = [numbered_activity(i).purposes[0] for i in range(1, 151)]
    activity.purposes[-1].description = "Dernière-finalité-150"
    out = tmp_path / "r.pdf"
    result = build_pdf(register, out, today=TODAY)
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(out).pages]
    assert result.pages == len(pages)
    # The purposes table runs over several pages and repeats its header row on each.
    with_rows = [p for p in pages if re.search(r"Finalité \d+ Oui", p)]
    assert len(with_rows) >= 3
    assert all("Finalité Finalité principale Base légale" in p for p in with_rows)
    assert any("Dernière-finalité-150" in p for p in with_rows)
    assert "…" in pages[1]  # the contents line of the huge name is cut, not overflowing
