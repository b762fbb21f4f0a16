"""The organisation dialog: identity, head of the organisation, EU representative and DPO."""

from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QWidget

from ...domain.fields import fields_of, label
from ...domain.model import Organization
from ..form.delegates import combo_code, fill_country_combo
from ..generated.ui_organization_dialog import Ui_OrganizationDialog
from ..i18n import current_language
from .contact_form import ContactForm

# The Art. 37(1) questions that make a DPO mandatory: yes, no, or (partly checked) not answered yet.
DPO_QUESTIONS = ("public_body", "large_scale_monitoring", "large_scale_sensitive")
_STATES = {None: Qt.CheckState.PartiallyChecked, True: Qt.CheckState.Checked, False: Qt.CheckState.Unchecked}


def _widget_name(key: str) -> str:
    return "org" + "".join(p.capitalize() for p in key.split("_")) + ("Combo" if key == "country" else "Edit")


class OrganizationDialog(QDialog):
    """Edits a copy of the organisation; ``organization()`` returns the edited copy once accepted."""

    def __init__(self, org: Organization, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self._org = copy.deepcopy(org)
        self.ui = Ui_OrganizationDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.contacts = {
            "head": ContactForm("head", self.ui.headTab),
            "representative": ContactForm("representative", self.ui.representativeTab),
            "dpo": ContactForm("dpo", self.ui.dpoTab),
        }
        self.ui.headLayout.addWidget(self.contacts["head"])
        self.ui.representativeLayout.addWidget(self.contacts["representative"])
        self.ui.dpoLayout.insertWidget(0, self.contacts["dpo"])
        self.dpo_questions: dict[str, QCheckBox] = {}
        for position, key in enumerate(DPO_QUESTIONS, start=1):
            box = QCheckBox(self.ui.dpoTab)
            box.setObjectName(f"{_widget_name(key).removesuffix('Edit')}Check")
            box.setTristate(True)
            box.setCheckState(_STATES[getattr(org, key)])
            box.setEnabled(not read_only)
            self.ui.dpoLayout.insertWidget(position, box)
            self.dpo_questions[key] = box
        for layout in (self.ui.headLayout, self.ui.representativeLayout, self.ui.dpoLayout):
            layout.addStretch(1)
        for key in ("head", "representative", "dpo"):
            self.contacts[key].set_contact(getattr(org, key))
        for spec in fields_of("organization"):
            widget = self.findChild(QWidget, _widget_name(spec.key))
            if isinstance(widget, QComboBox):
                fill_country_combo(widget, org.country)
            elif isinstance(widget, QLineEdit):
                widget.setText(getattr(org, spec.key))
        self.ui.orgNotesEdit.setPlainText(org.notes)
        self.ui.dpoIsContactPointCheck.setChecked(org.dpo_is_contact_point)
        if read_only:
            for widget in self.findChildren(QLineEdit):
                widget.setReadOnly(True)
        self._relabel()

    def _relabel(self) -> None:
        lang = current_language()
        for spec in fields_of("organization"):
            label_widget = self.findChild(QLabel, f"{_widget_name(spec.key)}Label")
            if label_widget is not None:
                label_widget.setText(spec.label(lang))
        self.ui.orgNotesEditLabel.setText(label("organization", "notes", lang))
        self.ui.dpoIsContactPointCheck.setText(label("organization", "dpo_is_contact_point", lang))
        for key, box in self.dpo_questions.items():
            box.setText(label("organization", key, lang))
        for form in self.contacts.values():
            form.retranslate()

    def reveal(self, path: str) -> None:
        """Show the tab holding the field at ``path`` (a finding's path, e.g. ``dpo`` or ``head.email``), focused."""
        key, _, rest = path.partition(".")
        key = key.split("[")[0]
        widget: QWidget | None
        if key in self.contacts:
            form = self.contacts[key]
            widget = form.edits.get(rest) or next(iter(form.edits.values()))
        elif key in self.dpo_questions:
            widget = self.dpo_questions[key]
        elif key == "dpo_is_contact_point":
            widget = self.ui.dpoIsContactPointCheck
        elif key == "notes":
            widget = self.ui.orgNotesEdit
        else:
            widget = self.findChild(QWidget, _widget_name(key))
        if widget is None:
            return
        page: QWidget | None = widget
        while page is not None and self.ui.tabs.indexOf(page) < 0:
            page = page.parentWidget()
        if page is not None:
            self.ui.tabs.setCurrentWidget(page)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)  # type: ignore[no-untyped-call]
            self._relabel()
        super().changeEvent(event)

    def organization(self) -> Organization:
        org = copy.deepcopy(self._org)
        for spec in fields_of("organization"):
            widget = self.findChild(QWidget, _widget_name(spec.key))
            if isinstance(widget, QComboBox):
                setattr(org, spec.key, combo_code(widget))
            elif isinstance(widget, QLineEdit):
                setattr(org, spec.key, widget.text().strip())
        org.notes = self.ui.orgNotesEdit.toPlainText()
        org.dpo_is_contact_point = self.ui.dpoIsContactPointCheck.isChecked()
        answers = {state: answer for answer, state in _STATES.items()}
        for key, box in self.dpo_questions.items():
            setattr(org, key, answers[box.checkState()])
        for key, form in self.contacts.items():
            setattr(org, key, form.contact())
        return org
