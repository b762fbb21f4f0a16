"""Texts that hold a number: ``lupdate`` marks only ``self.tr(text, "", n)`` as plural, so they live here."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject


class Plurals(QObject):
    """One method per counted text; French gets its own singular and plural forms from the .ts file."""

    def findings(self, n: int) -> str:
        return self.tr("%n finding(s)", "", n)

    def clients(self, n: int) -> str:
        return self.tr("%n client(s)", "", n)

    def waiting_edits(self, n: int) -> str:
        return self.tr("%n edit(s) waiting for the server", "", n)

    def findings_title(self, n: int) -> str:
        return self.tr("Findings (%n)", "", n)

    def errors(self, n: int) -> str:
        return self.tr("Errors (%n)", "", n)

    def warnings(self, n: int) -> str:
        return self.tr("Warnings (%n)", "", n)

    def information(self, n: int) -> str:
        return self.tr("Information (%n)", "", n)

    def import_step(self, n: int) -> str:
        return self.tr("Import (%n change(s))", "", n)

    def applied(self, n: int) -> str:
        return self.tr("%n change(s) applied.", "", n)

    def touched(self, n: int) -> str:
        return self.tr("Activities added or changed (%n):", "", n)

    def organisation_contents(self, activities: int, recipients: int) -> str:
        return (
            self.tr("It goes with %n activity(ies)", "", activities)
            + " "
            + self.tr("and %n recipient(s) of its catalogue.", "", recipients)
        )


@cache
def plurals() -> Plurals:
    return Plurals()
