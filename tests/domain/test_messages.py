"""Every message of every table reads in French and in English, French in the French column, English in the other."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
import typing

import pytest

import ropa_desktop
from ropa_desktop.domain.messages import TABLES, TranslatedError, translate

# Import every non-Qt module so that each registers its tables.
for _info in pkgutil.walk_packages(ropa_desktop.__path__, "ropa_desktop."):
    if not _info.name.startswith(("ropa_desktop.gui", "ropa_desktop.storage.migrations", "ropa_desktop.__main__")):
        importlib.import_module(_info.name)

# Words only French uses, and words only English uses: each column must lean its own way.
_FRENCH = re.compile(
    r"[éèêàçùôîœ«»]|\s:|\b(?:le|la|les|des|du|de|une?|est|sont|pas|ne|n'|l'|d'|qu'|aucune?|dans|avec|sur|ou|et|"
    r"au|aux|sans|pour|par|ce|cette|ces|son|sa|ses|non|plus|inconnue?s?|organisme|fichier|ligne|registre)\b",
    re.IGNORECASE)
_ENGLISH = re.compile(
    r"\b(?:the|is|are|not|no|of|with|and|or|an?|to|this|that|cannot|file|which|by|in|on|from|has|have|for|"
    r"without|your|be|was|were|it|its|unknown|organisation|row|register|says?|when|will)\b",
    re.IGNORECASE)


def _lean(text: str) -> int:
    """Positive when the text reads French, negative when English, 0 when it does not say."""
    return len(_FRENCH.findall(text)) - len(_ENGLISH.findall(text))


# Messages that read the same in both languages (a path and a reason; a code list; a number).
_SAME = {("cli", "os"), ("report_labels", "page"), ("report_labels", "empty"), ("report_labels", "annexes"),
         ("spreadsheet_sheets", "lists"), ("json_document", "located"),
         ("report_labels", "severity_info"),
         ("os_reason", "other")}  # a reason we have no words for: the system's own, in whatever language it speaks


def _params(template: str) -> dict[str, str]:
    return {name.split(".")[0].split("[")[0]: "X1" for _, name, _, _ in string.Formatter().parse(template)
            if name}


def _messages() -> list[tuple[str, str]]:
    return [(table, code) for table, messages in sorted(TABLES.items()) for code in messages]


def test_the_tables_are_all_there() -> None:
    assert {"storage", "cli", "changes", "checks", "json_document", "report_errors", "report_labels",
            "import_input", "spreadsheet_errors", "spreadsheet_warnings", "spreadsheet_sheets"} <= set(TABLES)


@pytest.mark.parametrize(("table", "code"), _messages())
def test_each_message_reads_in_both_languages(table: str, code: str) -> None:
    messages = TABLES[table]
    fr_template, en_template = messages[code]
    params = {**_params(fr_template), **_params(en_template)}
    fr, en = translate(messages, code, "fr", **params), translate(messages, code, "en", **params)
    assert fr.strip() and en.strip()
    def names(template: str) -> set[str]:  # "field_fr" and "field_en" name the same field in each language
        return {re.sub(r"_(?:fr|en)$", "", name) for name in _params(template)}

    assert names(fr_template) <= names(en_template), "French uses a parameter English lacks"
    if (table, code) in _SAME:
        return
    assert fr != en, "the French text is the English one"
    assert _lean(fr) > _lean(en) or _lean(fr) == _lean(en) == 0, f"columns swapped? {fr!r} / {en!r}"
    assert _lean(fr) >= 0, f"the French column reads English: {fr!r}"
    assert _lean(en) <= 0, f"the English column reads French: {en!r}"


def test_a_translated_parameter_follows_the_language() -> None:
    class Inner(TranslatedError):
        MESSAGES: typing.ClassVar = {"x": ("intérieur", "inner")}

    class Outer(TranslatedError):
        MESSAGES: typing.ClassVar = {"y": ("extérieur : {detail}", "outer: {detail}")}

    error = Outer("y", detail=Inner("x"))
    assert error.message("fr") == "extérieur : intérieur"
    assert error.message("en") == "outer: inner"
    assert str(error) == "outer: inner"


def test_every_error_family_shares_the_base() -> None:
    from ropa_desktop.cli_text import CliError
    from ropa_desktop.services.importing import ImportInputError
    from ropa_desktop.services.json_format import DocumentError
    from ropa_desktop.services.report.errors import ReportError
    from ropa_desktop.services.spreadsheet.messages import SpreadsheetError
    from ropa_desktop.storage.errors import StorageError

    for family in (CliError, ImportInputError, DocumentError, ReportError, SpreadsheetError, StorageError):
        assert issubclass(family, TranslatedError), family
    error = DocumentError("$.version", "newer_version", version=9)
    assert error.message("fr") == "$.version : écrit par une version plus récente de ROPA Desktop " \
                                  "(version de format 9)"
    assert error.code == "newer_version" and error.path == "$.version"


def test_a_count_takes_its_singular_or_plural_in_each_language() -> None:
    table = {"n": ("{n} {n:activité modifiée|activités modifiées}", "{n} {n:activity|activities} changed")}
    assert [translate(table, "n", "fr", n=n) for n in (0, 1, 2)] == [
        "0 activité modifiée", "1 activité modifiée", "2 activités modifiées"]
    assert [translate(table, "n", "en", n=n) for n in (0, 1, "2")] == [
        "0 activities changed", "1 activity changed", "2 activities changed"]


# The tables that word counts: none writes "(s)" or "(ies)" after a number any more.
_COUNTED = ("cli", "changes", "exporting", "spreadsheet_warnings")


@pytest.mark.parametrize("table", _COUNTED)
def test_counted_words_are_chosen_not_bracketed(table: str) -> None:
    for code, pair in TABLES[table].items():
        for template in pair:
            assert not re.search(r"\{\w+\}[^{]{0,30}\((?:s|ies|e)\)", template), (code, template)
