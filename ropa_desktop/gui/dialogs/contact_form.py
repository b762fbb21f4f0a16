"""A contact's fields (head, EU representative, DPO), built from the field table."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ...domain.fields import contact_fields, fields_of
from ...domain.model import Contact
from ..form.delegates import combo_code, fill_country_combo
from ..i18n import current_language


class ContactForm(QWidget):
    """One line edit per contact field that applies to this contact (a country combo for the country)."""

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The organisation's contact this form edits (``prefix`` is its key): a head has no CNIL designation.
        self._fields = contact_fields(next(f for f in fields_of("organization") if f.key == prefix))
        self._contact = Contact()
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, QLineEdit | QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        for spec in self._fields:
            widget: QLineEdit | QComboBox = QComboBox(self) if spec.key == "country" else QLineEdit(self)
            name = f"{prefix}{''.join(p.capitalize() for p in spec.key.split('_'))}"
            widget.setObjectName(name)
            widget.setAccessibleName(name)
            label = QLabel(self)
            label.setBuddy(widget)
            self.layout_.addRow(label, widget)
            self.edits[spec.key], self.labels[spec.key] = widget, label
        self.retranslate()

    def retranslate(self) -> None:
        for spec in self._fields:
            self.labels[spec.key].setText(spec.label(current_language()))

    def set_contact(self, contact: Contact) -> None:
        self._contact = contact  # a field not shown keeps its value
        for key, widget in self.edits.items():
            value = getattr(contact, key)
            if isinstance(widget, QComboBox):
                fill_country_combo(widget, value)
            else:
                widget.setText(value)

    def contact(self) -> Contact:
        values = {
            key: combo_code(w) if isinstance(w, QComboBox) else w.text().strip()
            for key, w in self.edits.items()
        }
        return dataclasses.replace(self._contact, **values)
