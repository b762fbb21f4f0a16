"""Spreadsheet errors and warnings: a code and parameters, with French and English messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...domain.messages import Messages, TranslatedError, fill, message_table
from .. import lineformat as lf

ERRORS = message_table("spreadsheet_errors", {
    "not_found": ("Le fichier {name} est introuvable.", "The file {name} does not exist."),
    "is_directory": ("{name} est un dossier, pas un classeur.", "{name} is a folder, not a spreadsheet."),
    "unreadable": (
        "Le fichier {name} ne peut pas être lu ({reason}).",
        "The file {name} cannot be read ({reason}).",
    ),
    "empty": ("Le fichier {name} est vide.", "The file {name} is empty."),
    "truncated": (
        "Le fichier {name} est tronqué ou endommagé (archive incomplète).",
        "The file {name} is truncated or damaged (incomplete archive).",
    ),
    "not_spreadsheet": (
        "{name} n'est pas un classeur XLSX ou ODS.",
        "{name} is not an XLSX or ODS spreadsheet.",
    ),
    "legacy_xls": (
        "{name} est un classeur Excel 97-2003 (.xls) : enregistrez-le au format .xlsx puis réessayez.",
        "{name} is an Excel 97-2003 workbook (.xls): save it as .xlsx and try again.",
    ),
    "encrypted": (
        "{name} est protégé par un mot de passe : enregistrez-le sans mot de passe puis réessayez.",
        "{name} is password-protected: save it without a password and try again.",
    ),
    "encrypted_entry": (
        "{name} contient des parties chiffrées : elles ne peuvent pas être lues.",
        "{name} contains encrypted parts that cannot be read.",
    ),
    "too_large": (
        "{name} déclare {size} Mo de contenu décompressé (limite {limit} Mo) : import refusé.",
        "{name} declares {size} MB of uncompressed content (limit {limit} MB): import refused.",
    ),
    "compression_ratio": (
        "{name} se décompresse {ratio} fois (limite {limit}) : fichier suspect, import refusé.",
        "{name} expands {ratio} times (limit {limit}): suspicious file, import refused.",
    ),
    "too_many_entries": (
        "{name} contient {count} parties (limite {limit}) : import refusé.",
        "{name} contains {count} parts (limit {limit}): import refused.",
    ),
    "unsafe_xml": (
        "{name} contient du XML dangereux (entités ou DTD) : import refusé.",
        "{name} contains unsafe XML (entities or DTD): import refused.",
    ),
    "corrupt": (
        "{name} est endommagé et ne peut pas être lu ({reason}).",
        "{name} is damaged and cannot be read ({reason}).",
    ),
    "too_many_rows": (
        "La feuille « {sheet} » a plus de {limit} lignes : import refusé.",
        "Sheet '{sheet}' has more than {limit} rows: import refused.",
    ),
    "too_many_columns": (
        "La feuille « {sheet} » a plus de {limit} colonnes : import refusé.",
        "Sheet '{sheet}' has more than {limit} columns: import refused.",
    ),
    "write_failed": (
        "Impossible d'écrire {name} ({reason}) : le fichier précédent, s'il existe, est intact.",
        "Cannot write {name} ({reason}): the previous file, if any, is untouched.",
    ),
    "no_register": (
        "{name} : un classeur avec les feuilles {sheets}, aucun registre trouvé (ni export ROPA Desktop, ni "
        "modèle CNIL, ni tableau de traitements avec leurs finalités, données ou destinataires) ; pour "
        "l'importer quand même, donnez la correspondance des colonnes (--map, voir --print-map).",
        "{name}: a workbook with sheets {sheets}, no register found (no ROPA Desktop export, CNIL template "
        "or table of processing activities with their purposes, data or recipients); to import it anyway, "
        "give the column mapping (--map, see --print-map).",
    ),
    "bad_map": (
        "Correspondance de colonnes illisible ({name}) : {detail}.",
        "Unreadable column mapping ({name}): {detail}.",
    ),
})

WARNINGS = message_table("spreadsheet_warnings", {
    "unknown_value": (
        "Valeur inconnue « {value} » ({place}) : gardée telle quelle.",
        "Unknown value '{value}' ({place}): kept as it is.",
    ),
    "unknown_country": (
        "Pays inconnu « {value} » ({where}) : gardé tel quel.",
        "Unknown country '{value}' ({where}): kept as it is.",
    ),
    "bad_boolean": (
        "« {value} » n'est ni oui ni non ({where}) : laissé vide.",
        "'{value}' is neither yes nor no ({where}): left empty.",
    ),
    "no_answer": (
        "« {value} » ne répond ni oui ni non ({where}) : laissé sans réponse.",
        "'{value}' answers neither yes nor no ({where}): left unanswered.",
    ),
    "bad_duration": (
        "Durée illisible « {value} » ({where}) : non reprise.",
        "Unreadable duration '{value}' ({where}): not imported.",
    ),
    "bad_date": (
        "Date illisible « {value} » ({where}) : non reprise.",
        "Unreadable date '{value}' ({where}): not imported.",
    ),
    "unknown_segment": (
        "Élément non reconnu « {value} » ({where}) : gardé dans le texte.",
        "Unrecognised part '{value}' ({where}): kept in the text.",
    ),
    "formulas": (
        "Formules importées comme texte, jamais calculées : {cells}.",
        "Formulas imported as text, never computed: {cells}.",
    ),
    "duplicate_id": (
        "Identifiant en double ({where}) : la ligne est traitée comme une nouvelle activité.",
        "Duplicate id ({where}): the row is treated as a new activity.",
    ),
    "duplicate_reference": (
        "Référence « {reference} » en double dans le fichier ({where}).",
        "Reference '{reference}' appears more than once in the file ({where}).",
    ),
    "example_skipped": (
        "La fiche d'exemple de la CNIL « {sheet} » n'est pas importée.",
        "The CNIL example fiche '{sheet}' is not imported.",
    ),
    "empty_fiche_skipped": ("Fiche vide « {sheet} » ignorée.", "Empty fiche '{sheet}' skipped."),
    "unknown_label": (
        "Libellé non reconnu « {value} » ({where}) : gardé tel quel.",
        "Unrecognised label '{value}' ({where}): kept as it is.",
    ),
    "organization_name_from": (
        "Nom de l'organisme « {name} » lu en {where}.",
        "Organisation name '{name}' read from {where}.",
    ),
    "unmapped_column": (
        "Colonne « {column} » (feuille « {sheet} », {count} {count:cellule remplie|cellules remplies}) non "
        "importée : aucun champ correspondant (--map ou la fenêtre de correspondance des colonnes).",
        "Column '{column}' (sheet '{sheet}', {count} filled {count:cell|cells}) not imported: no matching field "
        "(--map or the column mapping window).",
    ),
    "fiche_contact_differs": (
        "Non importé ({where}) : « {value} », l'organisme a déjà « {other} » ({other_where}).",
        "Not imported ({where}): '{value}', the organisation already has '{other}' ({other_where}).",
    ),
    "cells_not_imported": (
        "Non importé ({where}) : « {value} » (aucun champ du registre à cet endroit du modèle).",
        "Not imported ({where}): '{value}' (no register field at that place of the template).",
    ),
    "processor_copy_not_imported": (
        "Non importé ({where}) : « {value} » (cette feuille est une copie imprimable ; modifiez les feuilles "
        "« {clients} » et « {processing} »).",
        "Not imported ({where}): '{value}' (this sheet is a printable copy; edit the sheets '{clients}' and "
        "'{processing}').",
    ),
    "org_name_not_imported": (
        "Non importé ({where}) : « {value} » (le nom de l'organisme « {name} » se modifie dans la feuille "
        "« {sheet} »).",
        "Not imported ({where}): '{value}' (the name of the organisation '{name}' is edited in the sheet '{sheet}').",
    ),
    "derived_cells_not_imported": (
        "Non importé ({where}) : « {value} » (cellule calculée à partir du registre : modifiez le champ d'origine).",
        "Not imported ({where}): '{value}' (a cell computed from the register: edit the field it comes from).",
    ),
    "label_row_not_imported": (
        "Non importé ({where}) : « {value} » (aucun champ du registre pour ce libellé).",
        "Not imported ({where}): '{value}' (no register field for this label).",
    ),
    "above_header_not_imported": (
        "Non importé ({where}) : « {value} » (au-dessus de la ligne d'en-tête du tableau).",
        "Not imported ({where}): '{value}' (above the table's header row).",
    ),
    "sources_sheet_edited": (
        "Feuille « {sheet} » modifiée mais non importée : c'est une copie imprimable ; modifiez la colonne "
        "Sources de la feuille du registre.",
        "Sheet '{sheet}' was edited but is not imported: it is a printable copy; edit the Sources column of the "
        "register sheet.",
    ),
    "sheet_ignored": (
        "Feuille « {sheet} » non importée ({count} {count:cellule remplie|cellules remplies}) : ce n'est ni un "
        "registre ni une liste reliée aux traitements.",
        "Sheet '{sheet}' not imported ({count} filled {count:cell|cells}): it is neither a register nor a list "
        "linked to the processing activities.",
    ),
    "unlinked_row": (
        "Feuille « {sheet} », ligne {row} : « {value} » ne désigne aucun traitement ; ligne non importée.",
        "Sheet '{sheet}', row {row}: '{value}' names no processing activity; row not imported.",
    ),
    "no_organization_name": (
        "Le fichier ne donne pas le nom de l'organisme.",
        "The file does not give the organisation's name.",
    ),
    "control_characters": (
        "Caractères de contrôle remplacés ({where}).",
        "Control characters replaced ({where}).",
    ),
    "text_too_long": (
        "Texte de plus de {limit} caractères tronqué dans le classeur ({where}) : le registre le garde "
        "en entier, ne réimportez pas cette cellule.",
        "Text over {limit} characters truncated in the workbook ({where}): the register keeps it in "
        "full, do not re-import this cell.",
    ),
    "fiches_skipped": (
        "{count} activités : fiches CNIL non générées au-delà de {limit} (feuille Registre complète).",
        "{count} activities: CNIL fiches not written beyond {limit} (Register sheet complete).",
    ),
    "row_without_name": (
        "Ligne {row} sans nom ni référence : ignorée.",
        "Row {row} has no name or reference: skipped.",
    ),
})


# No cell holds these control characters (the reader replaces them): they mark a text given in both languages.
_BOTH = re.compile("\x1e([^\x1e\x1f]*)\x1f([^\x1e]*)\x1e")


def bilingual(fr: str, en: str) -> str:
    """A text in both languages (a field's label) inside a parameter: the message shows the one it is in."""
    return f"\x1e{fr}\x1f{en}\x1e"


def _format(table: Messages, code: str, params: dict[str, str], lang: str) -> str:
    fr, en = table.get(code, (code, code))
    template = fr if lang == "fr" else en
    group = 1 if lang == "fr" else 2
    params = {k: _BOTH.sub(lambda m: m.group(group), v) if "\x1e" in v else v for k, v in params.items()}
    try:
        return fill(template, lang, params)
    except (KeyError, IndexError):
        return f"{template} {params}"


class SpreadsheetError(TranslatedError):
    """A spreadsheet that cannot be imported: one code, parameters, and a message in French or English."""

    MESSAGES = ERRORS

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code, **(params or {}))

    def message(self, lang: str = "en") -> str:
        shown = {k: v.message(lang) if isinstance(v, TranslatedError) else str(v) for k, v in self.params.items()}
        return _format(ERRORS, self.code, shown, lang)


@dataclass(frozen=True)
class Notice:
    """A warning about an import or export: code and parameters, translated by ``message``."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        params = self.params
        if "vocabulary" in params:  # the field's label, not its vocabulary's internal name ("legal_basis")
            where = _format({"w": (params.get("where", ""),) * 2}, "w", {}, lang)
            label = _vocabulary_label(params["vocabulary"], lang)
            place = where if lf.fold(label) in lf.fold(where) else ", ".join(p for p in (label, where) if p)
            params = {**params, "place": place}
        return _format(WARNINGS, self.code, params, lang)


def _vocabulary_label(name: str, lang: str) -> str:
    """The label of the field whose vocabulary is ``name`` ("legal_basis" -> "Base légale")."""
    from ...domain.fields import FIELDS

    spec = next((f for f in FIELDS if f.vocab is not None and f.vocab.name == name), None)
    if spec is None:
        spec = next((f for f in FIELDS if f.item == name or f.key == name), None)
    return spec.label(lang) if spec is not None else name
