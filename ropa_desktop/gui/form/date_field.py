"""A date typed as people type it (the locale's short format or ISO), empty when unknown, with a calendar."""

from __future__ import annotations

import datetime as dt
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QToolTip, QWidget, QWidgetAction

from ..i18n import current_language, ui_locale_for
from ..icons import icon

ISO = "yyyy-MM-dd"


def ui_locale() -> QLocale:
    """The locale of the UI language (French: France; English: the system's English, else the UK)."""
    return ui_locale_for(current_language())


def short_format(locale: QLocale) -> str:
    """The locale's short date format with a four-digit year ("dd/MM/yyyy", "M/d/yyyy")."""
    text = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return text if "yyyy" in text else text.replace("yy", "yyyy")


def parse_date(text: str, locale: QLocale | None = None) -> dt.date | None:
    """``"30/06/2027"`` (the locale's order first), ``"2027-06-30"``; ValueError when not a date; "" is None."""
    text = text.strip()
    if not text:
        return None
    locale = locale or ui_locale()
    shown = short_format(locale)
    day_first = shown.lower().find("d") < shown.lower().find("m")
    formats = [ISO, shown, locale.dateFormat(QLocale.FormatType.ShortFormat)]
    formats += ["d/M/yyyy", "d.M.yyyy", "d-M-yyyy"] if day_first else ["M/d/yyyy", "d/M/yyyy", "d.M.yyyy"]
    for fmt in formats:
        parsed = QDate.fromString(text, fmt)
        if parsed.isValid() and 1900 <= parsed.year() <= 9999:
            return date(parsed.year(), parsed.month(), parsed.day())
    raise ValueError(text)


def format_date(value: dt.date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    return QDate(value.year, value.month, value.day).toString(short_format(locale or ui_locale()))


def format_datetime(value: dt.datetime) -> str:
    """A stored moment in local time, written the UI language's way ("27/11/2026 15:11")."""
    local = value.astimezone()
    shown = QDate(local.year, local.month, local.day).toString(short_format(ui_locale()))
    return f"{shown} {local:%H:%M}"


class DateField(QLineEdit):
    """Empty when no date is recorded; ``dateEdited`` fires with the new date once a typed text is valid.

    Invalid text is kept (never lost) and marked, with a hint saying which forms are understood.
    """

    dateEdited = Signal(object)  # dt.date | None
    validityChanged = Signal(bool)  # True when the text typed is no date (the form says so beside the field)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date: dt.date | None = None
        self._invalid = False
        self.calendarAction = QAction(icon("calendar"), "", self)
        self.calendarAction.triggered.connect(self.show_calendar)
        self.addAction(self.calendarAction, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self._finished)
        self.textEdited.connect(self._typing)
        self.setClearButtonEnabled(False)
        self.retranslate()

    # --- value ----------------------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        return self._date

    def set_value(self, value: dt.date | None) -> None:
        """Show ``value`` (signals blocked); text being corrected by the user is replaced."""
        self._date = value
        self._set_invalid(False)
        blocked = self.blockSignals(True)
        self.setText(format_date(value))
        self.blockSignals(blocked)

    def displayed(self, value: dt.date | None) -> str:
        return format_date(value)

    def date(self) -> QDate:
        """The QDateEdit-like view: an invalid QDate when empty."""
        return QDate(self._date.year, self._date.month, self._date.day) if self._date else QDate()

    def setDate(self, value: QDate) -> None:
        self._commit(date(value.year(), value.month(), value.day()) if value.isValid() else None)

    def is_invalid(self) -> bool:
        return self._invalid

    def problem(self) -> str:
        """What is wrong with the text typed ("" when it is a date): said beside the field, never a silent fix."""
        if not self._invalid:
            return ""
        return (
            QCoreApplication.translate("DateField", "“%1” is not a date: nothing was saved. Type it as %2 or %3.")
            .replace("%1", self.text().strip())
            .replace("%2", QDate(2027, 6, 30).toString(short_format(ui_locale())))
            .replace("%3", "2027-06-30")
        )

    def keep_invalid(self, text: str) -> None:
        """Show ``text`` that is no date, marked, for the user to correct (it is never silently dropped)."""
        blocked = self.blockSignals(True)
        self.setText(text)
        self.blockSignals(blocked)
        self._set_invalid(True)

    # --- typing -----------------------------------------------------------------------------------

    def _typing(self, _text: str) -> None:
        if self._invalid:
            self._set_invalid(False)

    def commit_typed(self) -> None:
        """Commit text typed but not yet confirmed (an action triggered from a menu leaves the focus here)."""
        if self.text() != format_date(self._date):
            self._finished()

    def _finished(self) -> None:
        try:
            parsed = parse_date(self.text())
        except ValueError:
            self._set_invalid(True)
            return
        self._commit(parsed)

    def _commit(self, value: dt.date | None) -> None:
        self._set_invalid(False)
        changed = value != self._date
        self.set_value(value)
        if changed:
            self.dateEdited.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def _set_invalid(self, invalid: bool) -> None:
        changed = invalid != self._invalid
        self._invalid = invalid
        self.setProperty("invalid", invalid)
        self.setStyleSheet("QLineEdit { border: 1px solid #c62828; }" if invalid else "")
        self.setToolTip(self._hint() if invalid else "")
        if invalid and self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), self._hint())
        if changed:
            self.validityChanged.emit(invalid)

    def _hint(self) -> str:
        example = QDate(2027, 6, 30)
        return (
            QCoreApplication.translate("DateField", "Not a date. Type it as %1 or %2.")
            .replace("%1", example.toString(short_format(ui_locale())))
            .replace("%2", example.toString(ISO))
        )

    # --- calendar ---------------------------------------------------------------------------------

    def show_calendar(self) -> None:
        """A calendar in the UI language, on the recorded date, else on today."""
        menu = QMenu(self)
        menu.setObjectName(f"{self.objectName()}Calendar")
        calendar = QCalendarWidget(menu)
        calendar.setObjectName("calendar")
        calendar.setLocale(ui_locale())
        calendar.setFirstDayOfWeek(ui_locale().firstDayOfWeek())
        calendar.setGridVisible(False)
        start = self.date() if self._date else QDate.currentDate()
        calendar.setSelectedDate(start)
        calendar.setCurrentPage(start.year(), start.month())
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(qdate: QDate) -> None:
            menu.close()
            self._commit(date(qdate.year(), qdate.month(), qdate.day()))

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        self._calendar_menu = menu  # for tests and for the window's lifetime of the popup
        menu.popup(self.mapToGlobal(QPoint(0, self.height())))
        calendar.setFocus()

    def retranslate(self) -> None:
        self.calendarAction.setToolTip(QCoreApplication.translate("DateField", "Choose in a calendar"))
        pattern = short_format(ui_locale()).lower()
        if current_language() == "fr":
            pattern = pattern.replace("d", "j").replace("y", "a")
        self.setPlaceholderText(pattern)
        if self._invalid:
            self.setToolTip(self._hint())
        elif self._date is not None:
            self.set_value(self._date)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
