"""Cell editors: vocabulary and country combo boxes (labels shown, codes stored), codes lists, recipients."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPaintEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QWidget,
)

from ...domain.countries import adequacy, all_countries, country_code, is_in_eea
from ...domain.fields import FieldSpec, Kind
from ...domain.model import Organization
from ..i18n import current_language
from .date_field import DateField, parse_date
from .sublist_model import SPEC_ROLE
from .values import adequacy_limit, adequacy_note
from .wheel import guard_wheel

Index = QModelIndex | QPersistentModelIndex
NEW_RECIPIENT = "\x00new"  # item data of the "New recipient…" entry


def fill_vocabulary_combo(combo: QComboBox, spec: FieldSpec, current: str, *, blank: bool = True) -> None:
    """Labels of the vocabulary with their codes as item data; an unknown current code is shown as it is."""
    combo.clear()
    if blank:
        combo.addItem("", "")
    vocab = spec.vocab
    assert vocab is not None
    for term in vocab:
        combo.addItem(term.label(current_language()), term.code)
    if current and current not in vocab:
        combo.addItem(current, current)
    combo.setCurrentIndex(max(0, combo.findData(current)))


def country_label(code: str, name: str) -> str:
    if is_in_eea(code):
        return f"{name} · EEE" if current_language() == "fr" else f"{name} · EEA"
    if adequacy(code) is not None:
        limit = adequacy_limit(code, current_language())  # "✓" alone read as the whole country (DPF only)
        return f"{name} ✓ ({limit})" if limit else f"{name} ✓"
    return name


def fill_country_combo(combo: QComboBox, current: str) -> None:
    """Every country by name (✓ = adequacy decision, EEA marked); an unknown code is kept as typed."""
    combo.clear()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", "")
    lang = current_language()
    for code, name in all_countries(lang):
        combo.addItem(country_label(code, name), code)
        combo.setItemData(combo.count() - 1, adequacy_note(code, lang), Qt.ItemDataRole.ToolTipRole)
    index = combo.findData(current.upper()) if current else 0
    if index < 0:
        combo.addItem(current, current)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
    completer = combo.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        if combo.property("strayKeys") is None:
            combo.setProperty("strayKeys", True)
            combo.installEventFilter(_StrayKeys(combo))


class _StrayKeys(QObject):
    """Keys typed just after Tab out of a country box go to the field that has the focus.

    The completer's popup is hidden at once but the window system releases its keyboard grab later: keys typed
    in between still reach the popup's window, which hands them to the combo box that has lost the focus, and
    they were lost (typed into the country box, then replaced by the saved country).
    """

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self._combo = combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        target = QApplication.focusWidget()
        if target is None or target is self._combo or self._combo.isAncestorOf(target):
            return False
        assert isinstance(event, QKeyEvent)
        QApplication.sendEvent(target, event.clone())
        return True


def combo_code(combo: QComboBox) -> str:
    """The code of the chosen entry, or of a country typed by name (FR or EN, any case, with or without accents).

    Typed text that names no country is kept as it is.
    """
    index = combo.findText(combo.currentText(), Qt.MatchFlag.MatchFixedString)
    if index >= 0:
        return str(combo.itemData(index) or "")
    typed = combo.currentText().strip()
    return country_code(typed) or typed if typed else ""


class CodesCombo(QComboBox):
    """A combo box whose entries are check boxes: several codes at once (retention's data categories).

    It shows the ticked labels, and ``toggled`` fires on each tick so what it shows is what is saved.
    """

    toggled = Signal()

    def __init__(self, spec: FieldSpec, current: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        model = QStandardItemModel(self)
        vocab = spec.vocab
        assert vocab is not None
        entries = [(t.code, t.label(current_language())) for t in vocab]
        entries += [(code, code) for code in current if code not in vocab]  # unknown codes are kept
        for code, text in entries:
            item = QStandardItem(text)
            item.setData(code, Qt.ItemDataRole.UserRole)
            # Not user-checkable: the view would tick on release what ``_toggle`` ticked on press.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if code in current else Qt.CheckState.Unchecked)
            model.appendRow(item)
        self.setModel(model)
        self._model = model
        self.view().pressed.connect(self._toggle)

    def _toggle(self, index: QModelIndex) -> None:
        item = self._model.itemFromIndex(index)
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.update()
        self.toggled.emit()

    def set_codes(self, codes: list[str]) -> None:
        for r in range(self._model.rowCount()):
            item = self._model.item(r)
            wanted = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self.update()

    def summary(self) -> str:
        """The ticked labels, as the table cell shows them."""
        return ", ".join(
            self._model.item(r).text()
            for r in range(self._model.rowCount())
            if self._model.item(r).checkState() == Qt.CheckState.Checked
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.summary()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def hidePopup(self) -> None:
        # Keep the list open while boxes are ticked; it closes when focus leaves.
        if not self.view().underMouse():
            super().hidePopup()

    def codes(self) -> list[str]:
        return [
            str(self._model.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self._model.rowCount())
            if self._model.item(r).checkState() == Qt.CheckState.Checked
        ]


class FieldDelegate(QStyledItemDelegate):
    """Chooses the editor from the column's field kind; the model stores codes, the editor shows labels."""

    newRecipientRequested = Signal(QPersistentModelIndex)  # "New recipient…" chosen in that cell's picker

    def __init__(self, parent: QWidget, organization: Callable[[], Organization | None]) -> None:
        super().__init__(parent)
        self._organization = organization
        self.offer_new_recipient = True

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spec: FieldSpec = index.data(SPEC_ROLE)
        editor: QWidget
        if spec.kind in (Kind.CODE, Kind.COUNTRY, Kind.RECIPIENT, Kind.CLIENT):
            combo = QComboBox(parent)
            combo.setFrame(False)
            if spec.kind in (Kind.RECIPIENT, Kind.CLIENT):
                target = QPersistentModelIndex(index)
                combo.activated.connect(lambda _i, c=combo, t=target: self._recipient_chosen(c, t))
            editor = combo
        elif spec.kind is Kind.DATE:
            field = DateField(parent)
            field.setFrame(False)
            editor = field
        elif spec.kind is Kind.CODES:
            codes = CodesCombo(spec, list(index.data(Qt.ItemDataRole.EditRole) or []), parent)
            codes.toggled.connect(lambda c=codes: self.commitData.emit(c))
            editor = codes
        else:
            editor = super().createEditor(parent, option, index)
        guard_wheel(editor)
        return editor

    def _recipient_chosen(self, combo: QComboBox, index: QPersistentModelIndex) -> None:
        """A pick in the catalogue is the edit (no Enter needed); "New recipient…" asks for one first."""
        if combo.currentData() == NEW_RECIPIENT:
            self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)
            self.newRecipientRequested.emit(index)
            return
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        spec: FieldSpec = index.data(SPEC_ROLE)
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, CodesCombo):
            editor.set_codes(list(value or []))
            return
        if isinstance(editor, QComboBox) and spec.kind is Kind.CODE:
            fill_vocabulary_combo(editor, spec, value)
        elif isinstance(editor, QComboBox) and spec.kind is Kind.COUNTRY:
            fill_country_combo(editor, value)
        elif isinstance(editor, QComboBox) and spec.kind is Kind.RECIPIENT:
            self._fill_recipients(editor, value)
        elif isinstance(editor, QComboBox) and spec.kind is Kind.CLIENT:
            model = index.model()  # the clients the other rows already name are not offered twice
            taken = {model.index(r, index.column()).data(Qt.ItemDataRole.EditRole)
                     for r in range(model.rowCount()) if r != index.row()}
            self._fill_clients(editor, value, taken - {value})
        elif isinstance(editor, DateField):
            editor.set_value(value if isinstance(value, date) else None)
        else:
            super().setEditorData(editor, index)

    def _fill_clients(self, combo: QComboBox, current: str, taken: set[str]) -> None:
        """The organisation's clients by name (a processing names the clients it is done for), but those taken."""
        combo.clear()
        if not current:
            combo.addItem("", "")
        org = self._organization()
        for client in org.clients if org is not None else []:
            if client.id in taken:
                continue
            combo.addItem(client.name or "—", client.id)
        if current and combo.findData(current) < 0:
            combo.addItem(current, current)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    def _fill_recipients(self, combo: QComboBox, current: str) -> None:
        combo.clear()
        if not current:
            combo.addItem("", "")  # nothing chosen yet: the row is written once something is
        org = self._organization()
        for recipient in org.recipients if org is not None else []:
            combo.addItem(recipient.name or "—", recipient.id)
        if current and combo.findData(current) < 0:
            combo.addItem(current, current)
        if self.offer_new_recipient:
            combo.addItem(QCoreApplication.translate("FieldDelegate", "New recipient…"), NEW_RECIPIENT)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        spec: FieldSpec = index.data(SPEC_ROLE)
        if isinstance(editor, CodesCombo):
            model.setData(index, editor.codes(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox) and spec.kind in (Kind.RECIPIENT, Kind.CLIENT):
            value = editor.currentData()
            if value and value != NEW_RECIPIENT:
                model.setData(index, value, Qt.ItemDataRole.EditRole)
        elif isinstance(editor, DateField):
            # Typed text that is no date stays in the cell's editor (marked) rather than being lost or saved.
            try:
                value = parse_date(editor.text())
            except ValueError:
                self._reopen_with(index, editor.text())
                return
            model.setData(index, value, Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox) and spec.kind is Kind.COUNTRY:
            model.setData(index, combo_code(editor), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def _reopen_with(self, index: Index, text: str) -> None:
        """Open the cell again on the text typed, marked as no date: a typo is corrected, never lost."""
        view, target = self.parent(), QPersistentModelIndex(index)

        def reopen() -> None:
            if isinstance(view, QAbstractItemView) and target.isValid():
                cell = view.model().index(target.row(), target.column())
                view.setCurrentIndex(cell)
                view.edit(cell)
                editor = view.indexWidget(cell)
                if isinstance(editor, DateField):
                    editor.keep_invalid(text)

        QTimer.singleShot(0, reopen)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        editor.setGeometry(option.rect)
