"""Rebuild the samples: our exports of a synthetic and a fictitious processor's register, and the CNIL template.

The processor (Hébergix SAS, fictitious) comes with the statement it hands one client, in JSON and PDF.

Run from the repository root: ``python sample_registers/make_samples.py``. The filled CNIL template is made
the way people fill it: the official ODS (shipped in ``ropa_desktop/data/cnil/``) converted to XLSX by LibreOffice, the
fiche sheet duplicated twice and filled, one row deleted, a few labels retyped (case, apostrophes, accents),
one activity only in the list; then converted back to ODS. LibreOffice (``soffice``) is needed for the CNIL
samples.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from ropa_desktop.services.json_format import dumps  # noqa: E402
from ropa_desktop.services.processor_sample import BOOKSHOP, processor_sample_register  # noqa: E402
from ropa_desktop.services.seeding import seed_register  # noqa: E402
from ropa_desktop.services.spreadsheet import export_xlsx  # noqa: E402
from ropa_desktop.services.statement_export import export_statement  # noqa: E402
from ropa_desktop.services.synthetic import synthetic_register  # noqa: E402

SEED_EXPORT_TIME = datetime(2026, 11, 22, tzinfo=UTC)  # fixed, so rebuilding changes nothing when seeds do not
TEMPLATE = REPO / "ropa_desktop" / "data" / "cnil" / "registre-traitement-simplifie.ods"  # shipped copy


def convert(source: Path, fmt: str, outdir: Path) -> Path:
    """LibreOffice headless conversion, with a private profile so it never touches the user's."""
    profile = outdir / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return outdir / f"{source.stem}.{fmt}"


def find_row(ws: openpyxl.worksheet.worksheet.Worksheet, label: str) -> int:
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row, 1).value
        if isinstance(value, str) and " ".join(value.split()).casefold() == label.casefold():
            return row
    raise KeyError(label)


def fill_list(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    ws["C1"], ws["E1"], ws["G1"], ws["I1"] = "DUPONT", "Louise", "12 rue des Lilas", "direction@exemple.fr"
    ws["C2"], ws["E2"], ws["G2"] = "69003", "Lyon", "04 72 00 00 00"
    ws["C5"], ws["E5"], ws["G5"] = "HENRI", "Martin", "DPO Conseil SARL"
    ws["I5"], ws["C6"], ws["E6"], ws["G6"], ws["I6"] = (
        "3 place Bellecour",
        "69002",
        "Lyon",
        "04 72 11 11 11",
        "dpo@exemple.fr",
    )
    rows = [
        ("Gestion des candidatures", "RH-01", "12/03/2021", "02/02/2024", "Recrutement", "Non"),
        (
            "Vidéosurveillance des locaux",
            "SEC-02",
            "05/01/2022",
            "10/06/2024",
            "Sécurité des biens et des personnes",
            "Non",
        ),
        ("Lettre d’information", "MKT-03", "01/09/2023", "", "Envoi de la newsletter", "Non"),
    ]
    for offset, (name, ref, created, updated, purpose, sensitive) in enumerate(rows):
        row = 10 + offset
        ws.cell(row, 1, name), ws.cell(row, 2, ref), ws.cell(row, 3, created), ws.cell(row, 4, updated)
        ws.cell(row, 5, purpose), ws.cell(row, 8, sensitive)


def fill_fiche_recruitment(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    ws["H1"] = "RH-01"
    ws.cell(find_row(ws, "Nom du traitement"), 2, "Gestion des candidatures")
    ws.cell(find_row(ws, "N° / RÉF"), 2, "RH-01")
    ws.cell(find_row(ws, "Date de création du traitement"), 2, date(2021, 3, 12))
    ws.cell(find_row(ws, "Mise à jour du traitement"), 2, "02/02/2024")
    row = find_row(ws, "Responsable du traitement")
    for col, value in enumerate(
        (
            "Louise DUPONT",
            "12 rue des Lilas",
            "69003",
            "Lyon",
            "France",
            "04 72 00 00 00",
            "direction@exemple.fr",
        ),
        2,
    ):
        ws.cell(row, col, value)
    ws.cell(find_row(ws, "Société du DPO (si celui-ci est externe)"), 2, "DPO Conseil SARL")
    ws.cell(find_row(ws, "Finalité principale"), 2, "Recrutement")
    ws.cell(find_row(ws, "Sous-finalité 1"), 2, "Gestion des entretiens")
    ws.cell(find_row(ws, "Sous-finalité 2"), 2, "Constitution d'un vivier de candidats")
    # a label retyped: no accent, curly apostrophe, no ellipsis
    row = find_row(ws, "État civil, identité, données d'identification, images…")
    ws.cell(row, 1, "Etat civil, identité, données d’identification, images")
    ws.cell(row, 2, "Nom, prénom, coordonnées, CV")
    ws.cell(row, 5, "2 ans à compter du dernier contact")
    row = find_row(ws, "Vie personnelle (habitudes de vie, situation familiale, etc.)")
    ws.cell(row, 2, "Loisirs indiqués dans le CV")
    ws.cell(row, 5, "2 ans")
    ws.cell(find_row(ws, "Catégorie de personnes 1"), 2, "Candidats")
    ws.cell(find_row(ws, "Catégorie de personnes 1"), 5, "Candidats à un emploi")
    row = find_row(ws, "Destinataire 1")
    ws.cell(row, 2, "Service interne qui traite les données")
    ws.cell(row, 5, "Direction des ressources humaines")
    row = find_row(ws, "Destinataire 2")
    ws.cell(row, 2, "Sous-traitants")
    ws.cell(row, 5, "Welcome to the Jungle")
    ws.cell(find_row(ws, "Mesure de sécurité 1"), 2, "Contrôle d'accès des utilisateurs")
    ws.cell(find_row(ws, "Mesure de sécurité 2"), 2, "Sauvegarde des données")
    ws.cell(find_row(ws, "Mesure de sécurité 2"), 5, "Sauvegarde quotidienne chiffrée")


def fill_fiche_cctv(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
    ws["H1"] = "SEC-02"
    # labels retyped in capitals with a different spacing
    row = find_row(ws, "Nom du traitement")
    ws.cell(row, 1, "NOM DU  TRAITEMENT")
    ws.cell(row, 2, "Vidéosurveillance des locaux")
    ws.cell(find_row(ws, "N° / RÉF"), 2, "SEC-02")
    ws.cell(find_row(ws, "Date de création du traitement"), 2, "05/01/2022")
    # a row deleted: the representative, nobody needs it here
    ws.delete_rows(find_row(ws, "Représentant"))
    ws.cell(find_row(ws, "Finalité principale"), 2, "Sécurité des biens et des personnes")
    row = find_row(ws, "État civil, identité, données d'identification, images…")
    ws.cell(row, 2, "Images des personnes filmées")
    ws.cell(row, 5, "30 jours")
    row = find_row(ws, "Données de localisation (déplacements, données GPS, GSM, etc.)")
    ws.cell(row, 2, "Lieu et heure de passage")
    ws.cell(row, 5, "30 jours à compter de l'enregistrement")
    ws.cell(find_row(ws, "Catégorie de personnes 1"), 2, "Salariés")
    ws.cell(find_row(ws, "Catégorie de personnes 2"), 2, "Autres (préciser)")
    ws.cell(find_row(ws, "Catégorie de personnes 2"), 5, "Visiteurs")
    row = find_row(ws, "Destinataire 1")
    ws.cell(row, 2, "Sous-traitants")
    ws.cell(row, 5, "Télésurveillance SA")
    ws.cell(find_row(ws, "Mesure de sécurité 1"), 2, "Mesures de traçabilité")
    row = find_row(ws, "Organisme destinataire 1")
    ws.cell(row, 2, "Télésurveillance SA (support)")
    ws.cell(row, 3, "Suisse")
    ws.cell(row, 4, "Pays adéquat")
    ws.cell(row, 6, "Contrat du 01/02/2022")


def make_cnil(outdir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        source = tmp / "cnil-template-filled.ods"
        shutil.copy(TEMPLATE, source)
        xlsx = convert(source, "xlsx", tmp)
        wb = openpyxl.load_workbook(xlsx)
        fill_list(wb["2_-_Liste_des_traitements"])
        model = wb["3_-_Modèle_de_fiche_de_registre"]
        first = wb.copy_worksheet(model)
        first.title = "RH-01 Candidatures"
        fill_fiche_recruitment(first)
        second = wb.copy_worksheet(model)
        second.title = "SEC-02 Vidéo"
        fill_fiche_cctv(second)
        wb.save(xlsx)
        shutil.copy(xlsx, outdir / "cnil-template-filled.xlsx")
        (tmp / "ods").mkdir()
        ods = convert(xlsx, "ods", tmp / "ods")
        shutil.copy(ods, outdir / "cnil-template-filled.ods")


def make_seeded(folder: Path) -> None:
    """The pre-seeded register (LaserSeven, Enlaps) as counsel receives it, and as lossless JSON."""
    register = seed_register(SEED_EXPORT_TIME.date())  # fiches dated as the samples were made
    export_xlsx(register, folder / "seeded-register.xlsx", lang="fr")
    (folder / "seeded-register.json").write_text(dumps(register, exported_at=SEED_EXPORT_TIME), encoding="utf-8")


def make_processor(folder: Path) -> None:
    """Hébergix SAS (fictif), a hosting company's register as processor, and its statement for one client."""
    register = processor_sample_register()
    (folder / "processor-register.json").write_text(dumps(register, exported_at=SEED_EXPORT_TIME), encoding="utf-8")
    export_statement(register, BOOKSHOP, folder / STATEMENT, lang="fr", today=SEED_EXPORT_TIME.date(),
                     at=SEED_EXPORT_TIME)


STATEMENT = "processor-statement-librairie-des-canuts"  # .json and .pdf


def main() -> None:
    export_xlsx(synthetic_register(12), HERE / "synthetic-register.xlsx", lang="fr")
    make_seeded(HERE)
    make_processor(HERE)
    if shutil.which("soffice") is None:
        print("soffice not found: the CNIL samples were not rebuilt")
        return
    make_cnil(HERE)


if __name__ == "__main__":
    main()
