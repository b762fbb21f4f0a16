"""The statement on the command line: processor register -> statement -> controller's register -> its PDF.

Real register files, real PDFs parsed back; exit 2 with one clear line for a bad client or a hostile file.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ropa_desktop.domain.model import Activity, ActivityRecipient, Client, Organization, Recipient, Register
from ropa_desktop.services.processor_sample import BOOKSHOP, processor_sample_register
from ropa_desktop.services.statement_export import export_statement
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, one_clean_line

pytestmark = pytest.mark.slow


def _write(path: Path, register: Register) -> Path:
    with RegisterStore.open(path, create=True) as store:
        store.write_register(register)
    return path


def _load(path: Path) -> Register:
    with RegisterStore.open(path, read_only=True) as store:
        return store.load()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _controller() -> Register:
    shop = Activity(reference="LC-01", name="Vente en ligne", purposes=[], recipients=[ActivityRecipient("r-host")])
    return Register([Organization(id="ctrl", name=BOOKSHOP, activities=[shop], recipients=[
        Recipient(id="r-host", name="Hébergix SAS (fictif)", type="processor")])])


@pytest.fixture
def processor_db(tmp_path: Path) -> Path:
    return _write(tmp_path / "hebergix.ropa", processor_sample_register())


def test_round_trip_from_the_processor_to_the_controllers_pdf(processor_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "canuts"
    exported = cli("export", "--db", processor_db, "--format", "statement", "--client", "LIBRAIRIE DES CANUTS (fictif)",
                   "--output", out, "--lang", "fr", home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    pdf, statement = out.with_suffix(".pdf"), out.with_suffix(".json")
    assert "Exporté" in exported.stderr and pdf.is_file() and statement.is_file()
    doc = json.loads(statement.read_text("utf-8"))
    assert doc["client"]["name"] == BOOKSHOP and [p["reference"] for p in doc["processing"]] == ["HB-01", "HB-03"]
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "SupportDesk Inc. (fictif)" in text and "Cabinet médical" not in text

    controller = _write(tmp_path / "canuts.ropa", _controller())
    imported = cli("import", "--db", controller, statement, home=tmp_path)
    assert imported.returncode == 0 and "Sub-processors (statement)" in imported.stdout, imported.stderr
    (host,) = _load(controller).organizations[0].recipients
    assert host.statement_date == date.today() and len(host.sub_processors) == 3 and host.transfers

    # An older statement (here: without the transfer) is listed as a conflict and not applied.
    register = processor_sample_register()
    register.organizations[0].processor_activities[2].transfers = []
    older = export_statement(register, "canuts", tmp_path / "older", today=date(2026, 6, 1)).written[1]
    before = _load(controller)
    result = cli("import", "--db", controller, older, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "statement older than the one already recorded" in result.stdout
    assert re.search(r"\d+ conflicts? not applied", result.stderr), result.stderr
    assert _load(controller) == before

    # A newer one without the transfer is applied: the US sub-processor now lacks a safeguard, and the check says so.
    newer = export_statement(register, "canuts", tmp_path / "newer", today=date(2099, 1, 1)).written[1]
    assert cli("import", "--db", controller, newer, home=tmp_path).returncode == 0
    checked = cli("check", "--db", controller, "--format", "json", home=tmp_path)
    findings = json.loads(checked.stdout)["findings"]
    (unsafe,) = [f for f in findings if f["code"] == "statement_sub_processor_unsafeguarded"]
    assert checked.returncode == 1 and "SupportDesk Inc. (fictif)" in unsafe["message"]
    assert unsafe["path"] == "recipients[0].sub_processors[2].country"

    report = tmp_path / "canuts-register.pdf"
    printed = cli("export", "--db", controller, "--format", "pdf", "--output", report, "--lang", "en", home=tmp_path)
    assert printed.returncode == 0, printed.stderr
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(report).pages]
    annex = next(p for p in pages if "Annex 2 – Transfers" in p and "SupportDesk" in p)
    assert "SupportDesk Inc. (fictif) via Hébergix SAS (fictif) (processor statement of 1 January 2099)" in annex


@pytest.mark.parametrize(("args", "words"), [
    (("--client", "Librairie"), "unknown client: 'Librairie'"),
    ((), "--format statement needs it"),
])
def test_a_bad_client_is_refused_with_one_line(processor_db: Path, tmp_path: Path, args: tuple[str, ...],
                                               words: str) -> None:
    result = cli("export", "--db", processor_db, "--format", "statement", "--output", tmp_path / "x", *args,
                 home=tmp_path)
    assert result.returncode == 2 and words in one_clean_line(result.stderr)
    assert not list(tmp_path.glob("x.*"))


def test_an_ambiguous_client_and_a_register_as_output_are_refused(tmp_path: Path) -> None:
    register = processor_sample_register()
    register.organizations.append(Organization(name="Autre (fictif)", clients=[Client(name=BOOKSHOP)]))
    db = _write(tmp_path / "two.ropa", register)
    result = cli("export", "--db", db, "--format", "statement", "--client", BOOKSHOP, "--output", tmp_path / "x",
                 home=tmp_path)
    assert result.returncode == 2 and "several clients are named" in one_clean_line(result.stderr)
    other = _write(tmp_path / "victim.json", Register())  # an SQLite file named like the statement's JSON
    digest = _digest(other)
    result = cli("export", "--db", db, "--format", "statement", "--client", "canuts", "--output",
                 tmp_path / "victim.pdf", home=tmp_path)
    assert result.returncode == 2 and "never overwrites it" in one_clean_line(result.stderr)
    assert _digest(other) == digest and not (tmp_path / "victim.pdf").exists()


def test_a_statement_for_a_client_not_in_the_register_needs_into(processor_db: Path, tmp_path: Path) -> None:
    statement = export_statement(processor_sample_register(), "canuts", tmp_path / "s", lang="en").written[1]
    digest = _digest(processor_db)
    result = cli("import", "--db", processor_db, statement, home=tmp_path)
    line = one_clean_line(result.stderr)
    assert result.returncode == 2 and f"issued to '{BOOKSHOP}'" in line and "--into ORG" in line, line
    assert _digest(processor_db) == digest


def test_a_statement_with_an_internal_field_changes_nothing(tmp_path: Path) -> None:
    content = (b'{"format": "ropa-processor-statement", "version": 1, "issued": "2026-11-27", "processor": '
               b'{"name": "X", "notes": "internal"}, "client": {"name": "Y"}}')
    controller = _write(tmp_path / "canuts.ropa", _controller())
    digest = _digest(controller)
    hostile = tmp_path / "statement.json"
    hostile.write_bytes(content)
    result = cli("import", "--db", controller, hostile, "--into", BOOKSHOP, home=tmp_path, lang="fr_FR.UTF-8")
    line = one_clean_line(result.stderr)
    assert result.returncode == 2 and "n'est pas une déclaration de sous-traitant lisible" in line, line
    assert "$.processor : champ(s) inconnu(s) : notes" in line
    assert _digest(controller) == digest


@pytest.mark.parametrize(("lang", "words"), [
    ("en_GB.UTF-8", (f"issued to '{BOOKSHOP}'", "--into ORG", "--new-organization")),
    ("fr_FR.UTF-8", (f"établie pour « {BOOKSHOP} »", "--into ORGANISME")),
])
def test_a_statement_with_new_organization_names_its_real_client(tmp_path: Path, lang: str,
                                                                   words: tuple[str, ...]) -> None:
    statement = export_statement(processor_sample_register(), "canuts", tmp_path / "s", lang="en").written[1]
    db = _write(tmp_path / "empty.ropa", Register())
    digest = _digest(db)
    result = cli("import", "--db", db, statement, "--new-organization", "Dr Leroy", home=tmp_path, lang=lang)
    line = one_clean_line(result.stderr)
    assert result.returncode == 2 and "Dr Leroy" not in line, line
    assert all(w in line for w in words), line
    result = cli("import", "--db", db, statement, home=tmp_path, lang=lang)  # no option: still its client named
    line = one_clean_line(result.stderr)
    assert result.returncode == 2 and words[0] in line and words[1] in line, line
    assert _digest(db) == digest
