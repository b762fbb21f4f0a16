"""Column mapping for a plain table: each sheet's columns -> register fields, remembered per set of headers."""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import settings

Mapping = dict[str, dict[str, str]]


def _key(mapping: Mapping) -> str:
    """The settings key of a set of sheets and headers (the same table exported again gets the same key)."""
    shape = json.dumps({sheet: sorted(cols) for sheet, cols in sorted(mapping.items())}, ensure_ascii=False)
    return "columnMapping/" + hashlib.sha256(shape.encode("utf-8")).hexdigest()[:24]


def remembered(guessed: Mapping) -> Mapping:
    """The mapping the user gave last time for these very headers, else the guess."""
    raw = settings.settings().value(_key(guessed), "")
    try:
        saved = json.loads(raw) if isinstance(raw, str) and raw else None
    except json.JSONDecodeError:
        saved = None
    if not isinstance(saved, dict):
        return guessed
    return {
        sheet: {h: str(saved.get(sheet, {}).get(h, key)) for h, key in cols.items()}
        for sheet, cols in guessed.items()
    }


def remember(mapping: Mapping) -> None:
    settings.set_value(_key(mapping), json.dumps(mapping, ensure_ascii=False))


class ColumnMappingDialog(QDialog):
    """One row per column of each sheet: the field it fills, or "not imported" (named in the review)."""

    def __init__(self, mapping: Mapping, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnMappingDialog")
        self.setWindowTitle(QCoreApplication.translate("ColumnMappingDialog", "Column mapping"))
        self.choices = choices
        intro = QLabel(
            QCoreApplication.translate(
                "ColumnMappingDialog",
                "Choose the field each column fills; a column not imported is named in the review.",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("columnMappingTable")
        self.table.setAccessibleName(QCoreApplication.translate("ColumnMappingDialog", "Column mapping"))
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("ColumnMappingDialog", "Sheet"),
            QCoreApplication.translate("ColumnMappingDialog", "Column"),
            QCoreApplication.translate("ColumnMappingDialog", "Field"),
        ])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.combos: list[tuple[str, str, QComboBox]] = []
        for sheet, columns in mapping.items():
            for header, key in columns.items():
                row = self.table.rowCount()
                self.table.insertRow(row)
                for column, text in ((0, sheet), (1, header)):
                    item = QTableWidgetItem(text)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, column, item)
                combo = QComboBox(self.table)
                combo.setObjectName(f"columnMappingField{row}")
                name = QCoreApplication.translate("ColumnMappingDialog", "Field for column %1")
                combo.setAccessibleName(name.replace("%1", header))
                combo.addItem(QCoreApplication.translate("ColumnMappingDialog", "(not imported)"), "")
                for choice, label in choices:
                    combo.addItem(label, choice)
                found = combo.findData(key)
                combo.setCurrentIndex(max(found, 0))
                self.table.setCellWidget(row, 2, combo)
                self.combos.append((sheet, header, combo))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("columnMappingButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def mapping(self) -> Mapping:
        out: Mapping = {}
        for sheet, header, combo in self.combos:
            out.setdefault(sheet, {})[header] = str(combo.currentData() or "")
        return out
