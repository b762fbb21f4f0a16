"""The export dialog: format, organisations, language, profile, file name, "open when done", PDF preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import Register
from ...services.exporting import ALL, ExportRequest, planned_files, slug
from .. import settings
from .preferences import LANGUAGE_NAMES

SUFFIXES = {"pdf": ".pdf", "xlsx": ".xlsx", "json": ".json"}
FOLDER_KEY = "export/folder"


def last_folder() -> Path:
    value = settings.settings().value(FOLDER_KEY, "")
    folder = Path(str(value)) if value else Path.home()
    return folder if folder.is_dir() else Path.home()


class ExportDialog(QDialog):
    """Build an ``ExportRequest``; ``request()`` is the choice once accepted, ``open_when_done()`` the checkbox."""

    def __init__(
        self, register: Register, org_id: str, fmt: str, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setAccessibleName("exportDialog")
        self.register, self.org_id = register, org_id
        self.previewRequested = False
        self._proposed = ""
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.formatCombo = QComboBox(self)
        self.formatCombo.setObjectName("exportFormatCombo")
        for key in SUFFIXES:
            self.formatCombo.addItem("", key)
        self.formatCombo.setCurrentIndex(max(0, self.formatCombo.findData(fmt)))
        self.currentRadio = QRadioButton(self)
        self.currentRadio.setObjectName("exportCurrentOrganizationRadio")
        self.allRadio = QRadioButton(self)
        self.allRadio.setObjectName("exportAllOrganizationsRadio")
        self.currentRadio.setChecked(True)
        self.currentRadio.setEnabled(bool(org_id))
        self.allRadio.setEnabled(len(register.organizations) > 1)
        which = QHBoxLayout()
        which.addWidget(self.currentRadio)
        which.addWidget(self.allRadio)
        which.addStretch(1)
        self.languageCombo = QComboBox(self)
        self.languageCombo.setObjectName("exportLanguageCombo")
        for code, name in LANGUAGE_NAMES:
            self.languageCombo.addItem(name, code)
        self.languageCombo.setCurrentIndex(max(0, self.languageCombo.findData(lang)))
        self.profileCombo = QComboBox(self)
        self.profileCombo.setObjectName("exportProfileCombo")
        self.profileCombo.addItem("", "full")
        self.profileCombo.addItem("", "public")
        self.pathEdit = QLineEdit(self)
        self.pathEdit.setObjectName("exportPathEdit")
        self.browseButton = QPushButton(self)
        self.browseButton.setObjectName("exportBrowseButton")
        where = QHBoxLayout()
        where.addWidget(self.pathEdit, 1)
        where.addWidget(self.browseButton)
        self.filesHint = QLineEdit(self)  # read-only: the files the export will write
        self.filesHint.setObjectName("exportFilesHint")
        self.filesHint.setReadOnly(True)
        self.filesHint.setFrame(False)
        self.openCheck = QCheckBox(self)
        self.openCheck.setObjectName("exportOpenCheck")
        self.openCheck.setChecked(bool(settings.settings().value("export/open", False, type=bool)))
        for key, field in (
            ("format", self.formatCombo),
            ("organizations", which),
            ("language", self.languageCombo),
            ("profile", self.profileCombo),
            ("file", where),
            ("files", self.filesHint),
        ):
            form.addRow(key, field)
        layout.addWidget(self.openCheck)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.previewButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.previewButton.setObjectName("exportPreviewButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("exportOkButton")
        layout.addWidget(self.buttons)
        self._form = form
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.previewButton.clicked.connect(self._preview)
        self.browseButton.clicked.connect(self._browse)
        self.formatCombo.currentIndexChanged.connect(self._format_changed)
        for radio in (self.currentRadio, self.allRadio):
            radio.toggled.connect(self._propose_name)
        self.pathEdit.textChanged.connect(self._update_hint)
        self.retranslate()
        self._format_changed()
        self.resize(560, self.sizeHint().height())

    # --- state ------------------------------------------------------------------------------------

    def format(self) -> str:
        return str(self.formatCombo.currentData())

    def _organizations(self) -> str:
        return self.org_id if self.currentRadio.isChecked() and self.org_id else ALL

    def request(self) -> ExportRequest:
        return ExportRequest(
            self.format(),
            Path(self.pathEdit.text().strip()),
            self._organizations(),
            str(self.languageCombo.currentData()),
            str(self.profileCombo.currentData()),
        )

    def open_when_done(self) -> bool:
        return self.openCheck.isChecked()

    def _format_changed(self, *_: object) -> None:
        self.previewButton.setVisible(self.format() == "pdf")
        self._propose_name()

    def _propose_name(self, *_: object) -> None:
        """``<organisation>-<date>.<ext>`` in the last folder used; a name the user typed keeps all but its suffix."""
        current = self.pathEdit.text().strip()
        suffix = SUFFIXES[self.format()]
        if current and current != self._proposed:
            self.pathEdit.setText(str(Path(current).with_suffix(suffix)))
            return
        folder = Path(current).parent if current else last_folder()
        org = self.register.organization(self.org_id) if self._organizations() != ALL else None
        stem = slug(org.name) if org is not None else self.tr("register")
        self._proposed = str(folder / f"{stem}-{date.today().isoformat()}{suffix}")
        self.pathEdit.setText(self._proposed)

    def _update_hint(self, *_: object) -> None:
        text = self.pathEdit.text().strip()
        if not text:
            self.filesHint.clear()
            return
        try:
            files = planned_files(self.register, self.request())
        except ValueError:
            self.filesHint.clear()
            return
        self.filesHint.setText(", ".join(p.name for _, p in files))
        self.filesHint.setToolTip("\n".join(str(p) for _, p in files))

    def _browse(self) -> None:
        suffix = SUFFIXES[self.format()]
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to"),
            self.pathEdit.text(),
            self.tr("%1 files (*%2)").replace("%1", suffix[1:].upper()).replace("%2", suffix),
        )
        if path:
            self.pathEdit.setText(path if Path(path).suffix else path + suffix)

    def _remember(self) -> None:
        settings.set_value(FOLDER_KEY, str(Path(self.pathEdit.text().strip()).parent))
        settings.set_value("export/open", self.openCheck.isChecked())

    def _accept(self) -> None:
        text = self.pathEdit.text().strip()
        if not text:
            self.pathEdit.setFocus()
            return
        if not Path(text).suffix:
            self.pathEdit.setText(text + SUFFIXES[self.format()])
        self._remember()
        self.accept()

    def _preview(self) -> None:
        """Close with a request for a preview: the caller writes the PDF to a temporary file and shows it."""
        self.previewRequested = True
        self.accept()

    # --- language ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export"))
        for i, name in enumerate((self.tr("PDF (for auditors and the CNIL)"),
                                  self.tr("XLSX spreadsheet (for counsel)"),
                                  self.tr("JSON (complete, for exchange and backup)"))):
            self.formatCombo.setItemText(i, name)
        self.profileCombo.setItemText(0, self.tr("Full"))
        self.profileCombo.setItemText(1, self.tr("Public (without internal notes and DPO-only fields)"))
        self.currentRadio.setText(self.tr("Current organisation"))
        self.allRadio.setText(self.tr("All organisations (one file each)"))
        self.browseButton.setText(self.tr("Browse…"))
        self.openCheck.setText(self.tr("Open when done"))
        self.previewButton.setText(self.tr("Preview"))
        for row, text in enumerate((self.tr("Format:"), self.tr("Organisations:"), self.tr("Language:"),
                                    self.tr("Profile:"), self.tr("File:"), self.tr("Files written:"))):
            item = self._form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                label.setProperty("text", text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
