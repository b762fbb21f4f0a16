"""The recipients catalogue: shared recipients renamed once for every activity, deleted only when unused."""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import Recipient
from ...services.editing import Change
from ...storage.errors import RecipientInUseError, StorageError
from ..editing import Editing
from ..form.sublist_editor import SubListEditor
from ..form.sublist_model import SubListModel
from ..i18n import current_language


class RecipientsDialog(QDialog):
    """Edits apply at once (each one undoable);

    The label under the table says who uses the selected recipient.
    """

    def __init__(self, editing: Editing, org_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecipientsDialog")
        self.editing, self.org_id = editing, org_id
        self.session = editing.session
        self.model = SubListModel("recipient", Recipient, self)
        self.editor = SubListEditor("recipients", self.model, "recipientsCatalogueTable", self)
        self.editor.upButton.hide()
        self.editor.downButton.hide()
        self.editor.listEdited.connect(self._edited)
        self.usageLabel = QLabel(self)
        self.usageLabel.setObjectName("recipientUsageLabel")
        self.usageLabel.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.addWidget(self.usageLabel, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.editor.table.selectionModel().currentChanged.connect(self._show_usage)
        self.session.changed.connect(self._changed)
        self.editor.set_read_only(self.session.read_only)
        self.resize(1000, 500)
        self._reload(org_id)
        self.retranslate()

    def _changed(self, change: Change) -> None:
        if change.kind == "recipients":
            self._reload(change.org_id)

    def _reload(self, org_id: str) -> None:
        if org_id == self.org_id:
            row = self.editor.table.currentIndex().row()
            self.model.set_items(self.session.organization(org_id).recipients)
            self.editor._fit_height()
            self.editor.table.setMinimumHeight(self.editor.table.height())
            self.editor.table.setMaximumHeight(16777215)
            self.editor.select_row(row)
            self._show_usage(self.editor.table.currentIndex())

    def usage(self, recipient_id: str) -> list[str]:
        return [
            f"{a.reference} {a.name}".strip()
            for a in self.session.organization(self.org_id).activities
            if any(link.recipient_id == recipient_id for link in a.recipients)
        ]

    def _show_usage(self, current: QModelIndex, *_: object) -> None:
        items = self.model.items()
        if not current.isValid() or current.row() >= len(items):
            self.usageLabel.setText("")
            return
        used = self.usage(items[current.row()].id)
        if used:
            shown = ", ".join(used[:12]) + (" …" if len(used) > 12 else "")
            self.usageLabel.setText(self.tr("Used by %n activity(ies): ", "", len(used)) + html.escape(shown))
        else:
            self.usageLabel.setText(self.tr("Not used by any activity."))

    def _edited(self, _key: str, items: list[Recipient]) -> None:
        current = {r.id: r for r in self.model.items()}
        wanted = {r.id for r in items}
        kept = False
        try:
            for recipient in items:
                if current.get(recipient.id) != recipient:  # a lost server keeps it for when it is back
                    kept |= self.editing.save_or_keep("recipient", self.org_id, recipient, "", partial(
                        self._save, recipient)) is None
            for recipient_id in current.keys() - wanted:
                self._delete(recipient_id)
        except StorageError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message(current_language()))
        if not kept:  # (a kept edit stays shown as typed: the catalogue would show it as it was)
            self._reload(self.org_id)

    def _save(self, recipient: Recipient) -> bool:
        self.editing.save_recipient(self.org_id, recipient)
        return True

    def _delete(self, recipient_id: str) -> None:
        used = self.usage(recipient_id)
        if used:
            # Said here, with the list, before the store would refuse it.
            recipient = self.session.organization(self.org_id).recipient(recipient_id)
            raise RecipientInUseError(recipient.name if recipient is not None else "", used)
        self.editing.delete_recipient(self.org_id, recipient_id)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recipients catalogue"))
        self.intro.setText(
            self.tr(
                "Recipients are shared by all the organisation's activities: a change here "
                "shows in every activity that uses the recipient."
            )
        )
        self._show_usage(self.editor.table.currentIndex())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
