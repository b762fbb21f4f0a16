"""Single-value fields of the form: read and write a widget by field path, and mark a label with findings."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...domain import field_paths
from ...domain.fields import FieldSpec, Kind
from ..i18n import current_language
from ..icons import finding_icon_path
from .date_field import DateField, format_datetime
from .delegates import combo_code, fill_country_combo, fill_vocabulary_combo
from .tooltips import wrap_tooltip


def get_path(record: Any, path: str) -> Any:
    """The value at ``path`` in an activity (or another register record)."""
    return field_paths.resolve(record, path)


def set_path(record: Any, path: str, value: Any) -> None:
    field_paths.assign(record, path, value)


def spec_of(path: str, scope: str = "activity") -> FieldSpec:
    """``"dpia.required"`` is field ``required`` of the activity's DPIA; a plain key is a field of ``scope``."""
    spec = field_paths.spec_at(path, scope)
    if spec is None:
        raise KeyError(path)
    return spec


def fill_yes_no(combo: QComboBox, value: bool | None) -> None:
    combo.clear()
    combo.addItem("—", None)
    combo.addItem(QCoreApplication.translate("ActivityForm", "Yes"), True)
    combo.addItem(QCoreApplication.translate("ActivityForm", "No"), False)
    combo.setCurrentIndex({None: 0, True: 1, False: 2}[value])


@dataclass(slots=True)
class Binding:
    """A form field: its path in the record, its widget, and the label that carries its finding marker."""

    path: str
    widget: QWidget
    label: QLabel | None = None
    scope: str = "activity"  # the scope of the record the path starts from

    @property
    def spec(self) -> FieldSpec:
        return spec_of(self.path, self.scope)

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, DateField):
            return w.value()
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox) and self.spec.kind is Kind.COUNTRY:
            return combo_code(w)
        if isinstance(w, QComboBox):
            return w.currentData()
        raise TypeError(w)

    def show(self, value: Any, lang: str) -> None:
        """Put ``value`` in the widget (signals blocked; untouched when equal, so the cursor stays put)."""
        w = self.widget
        blocked = w.blockSignals(True)
        try:
            if isinstance(w, DateField):
                if w.is_invalid() and w.value() == value:
                    pass  # text being corrected stays until the user fixes it or another record is shown
                elif w.value() != value or w.is_invalid() or w.text() != w.displayed(value):
                    w.set_value(value)
            elif isinstance(w, QLineEdit):
                if w.text() != (value or ""):
                    w.setText(value or "")
            elif isinstance(w, QPlainTextEdit):
                if w.toPlainText() != (value or ""):
                    w.setPlainText(value or "")
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox) and self.spec.kind is Kind.COUNTRY:
                # A country typed by name is shown as the list's entry (with its EEA / adequacy mark) once saved.
                if combo_code(w) != (value or "") or w.currentData() != (value or "") or w.count() == 0:
                    fill_country_combo(w, value or "")
            elif isinstance(w, QComboBox) and self.spec.kind is Kind.BOOL:
                fill_yes_no(w, value)
            elif isinstance(w, QComboBox):
                fill_vocabulary_combo(w, self.spec, value or "", blank=False)
            elif isinstance(w, QLabel):
                w.setText(format_datetime(value) if value else "—")
        finally:
            w.blockSignals(blocked)

    def forget_typed(self) -> None:
        """Another record is shown: a date being corrected in this field is given up (it was never saved)."""
        if isinstance(self.widget, DateField) and self.widget.is_invalid():
            self.widget.set_value(self.widget.value())

    def typing_problem(self) -> list[tuple[bool, str]]:
        """The field's own error about what is typed in it (a date that does not exist), as a finding entry."""
        problem = self.widget.problem() if isinstance(self.widget, DateField) else ""
        return [(True, f"{self.spec.label(current_language())} : {problem}" if current_language() == "fr"
                 else f"{self.spec.label(current_language())}: {problem}")] if problem else []

    def mark(self, lang: str, findings: list[tuple[bool, str]]) -> None:
        """Show the field's label with an error/warning icon and the messages as tooltip."""
        if self.label is None:
            return
        findings = self.typing_problem() + findings
        text = html.escape(self.spec.label(lang), quote=False)
        tooltip = wrap_tooltip("\n".join(message for _, message in findings))
        if findings:
            error = any(is_error for is_error, _ in findings)
            text = f'<img src="{finding_icon_path(error)}" width="14" height="14">&nbsp;{text}'
        self.label.setText(text)
        self.label.setToolTip(tooltip)
        self.widget.setToolTip(tooltip)
