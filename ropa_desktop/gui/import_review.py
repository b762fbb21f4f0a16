"""The import review dialog: each proposed change with a checkbox, old -> new values, problems."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services.changes import (
    BLANK_ANSWER,
    FIELD,
    MISSING_ACTIVITY,
    NEW_ACTIVITY,
    NEW_ORGANIZATION,
    NEW_RECIPIENT,
    ORGANIZATION_FIELD,
    RECIPIENT_FIELD,
    Change,
    ChangeSet,
    conflict_sides,
    display,
    field_label,
    pick_side,
)
from ..services.importing import side_warning
from ..services.processor_changes import (
    CLIENT_FIELD,
    MISSING_CLIENT,
    MISSING_PROCESSING,
    NEW_CLIENT,
    NEW_PROCESSING,
    PROCESSING_FIELD,
)
from .word_diff import LONG_TEXT, word_diff

CHANGE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
UNIFORM_FROM = 500  # changes from which the rows all take one height


def _shown(value: Any, lang: str, path: str, scope: str = "activity") -> str:
    """``display``, with dates and times in the UI language's format (never raw ISO)."""
    locale, short = QLocale(), QLocale.FormatType.ShortFormat
    if isinstance(value, datetime):
        local = value.astimezone()
        moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        return locale.toString(moment, short)
    if isinstance(value, date):
        return locale.toString(QDate(value.year, value.month, value.day), short)
    return display(value, lang, path, scope)


class ImportReviewDialog(QDialog):
    """Shows a ChangeSet; the user ticks what to apply. ``accepted_ids()`` gives the ticked change ids."""

    def __init__(
        self,
        changes: ChangeSet,
        lang: str = "en",
        parent: QWidget | None = None,
        *,
        targets: list[tuple[str, str]] | None = None,
        replan: Callable[[str], ChangeSet] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importReviewDialog")
        self.changes = changes
        self.lang = lang
        self._replan = replan
        self.setWindowTitle(self.tr("Review the import"))
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        # Where a one-organisation file goes: where its name leads, or an organisation the DPO chooses.
        target_row = QHBoxLayout()
        self.target_label = QLabel(self.tr("Import into:"), self)
        self.target = QComboBox(self)
        self.target.setObjectName("importTargetCombo")
        self.target.addItem(self.tr("The organisation named in the file"), "")
        for org_id, name in targets or []:
            self.target.addItem(name or self.tr("(unnamed organisation)"), org_id)
        self.target_label.setBuddy(self.target)
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target, 1)
        self.target_label.setVisible(bool(targets) and replan is not None)
        self.target.setVisible(bool(targets) and replan is not None)
        layout.addLayout(target_row)
        self.summary = QLabel(self)
        self.summary.setObjectName("importReviewSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("importReviewTree")
        self.tree.setHeaderLabels(
            [self.tr("Change"), self.tr("Field"), self.tr("Current value"), self.tr("Value in the file")]
        )
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setAccessibleName(self.tr("Proposed changes"))
        layout.addWidget(self.tree, 3)
        # A conflict's reason is cut in the tree's first column: the selected one's, whole, under the tree.
        self.conflict_line = QLabel(self)
        self.conflict_line.setObjectName("importReviewConflict")
        self.conflict_line.setWordWrap(True)
        self.conflict_line.setVisible(False)
        layout.addWidget(self.conflict_line)
        # Long values are cut in the tree, often right where they differ: the selected change in full.
        details = QHBoxLayout()
        self.old_text = self._detail(details, self.tr("Current value"), "importReviewOld")
        self.new_text = self._detail(details, self.tr("Value in the file"), "importReviewNew")
        layout.addLayout(details, 2)
        self.tree.currentItemChanged.connect(self._show_details)
        self.problems_label = QLabel(self.tr("Problems found in the file:"), self)
        self.problems_label.setVisible(bool(changes.problems))
        layout.addWidget(self.problems_label)
        self.problems = QListWidget(self)
        self.problems.setObjectName("importReviewProblems")
        self.problems.setAccessibleName(self.tr("Problems found in the file"))
        self.problems.addItems(changes.problems)
        self.problems.setVisible(bool(changes.problems))
        layout.addWidget(self.problems, 1)
        self.buttons = QDialogButtonBox(self)
        self.select_all = QPushButton(self.tr("Select all"), self)
        self.select_none = QPushButton(self.tr("Select none"), self)
        self.buttons.addButton(self.select_all, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.select_none, QDialogButtonBox.ButtonRole.ActionRole)
        # A field edited differently in two sheets: either cell's value may be the one to apply.
        self.pick_button = QPushButton(self.tr("Use the other cell's value"), self)
        self.pick_button.setObjectName("importReviewPickSide")
        self.pick_button.setEnabled(False)
        self.buttons.addButton(self.pick_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pick_button.clicked.connect(self._pick_other_side)
        self.accept_button = self.buttons.addButton(
            self.tr("Apply selected changes"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setObjectName("importReviewAccept")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("importReviewCancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.select_all.clicked.connect(lambda: self._set_all(True))
        self.select_none.clicked.connect(lambda: self._set_all(False))
        layout.addWidget(self.buttons)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._checked: set[str] = set()  # ticked change ids, kept as they are ticked (the summary counts them)
        self.tree.itemChanged.connect(self._ticked)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.set_changes(changes)

    def set_changes(self, changes: ChangeSet) -> None:
        """Show ``changes`` (again, after the target organisation changed)."""
        self.changes = changes
        # The problems are the plan's: another target may clear one ("choose where this statement goes").
        self.problems.clear()
        self.problems.addItems(changes.problems)
        self.problems_label.setVisible(bool(changes.problems))
        self.problems.setVisible(bool(changes.problems))
        blocked = self.tree.blockSignals(True)
        self.tree.clear()
        self._items, self._checked = {}, set()
        self._fill()
        self.tree.blockSignals(blocked)
        self._update_summary()
        first = next(iter(self._items.values()), None)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _target_changed(self, *_: object) -> None:
        if self._replan is not None:
            self.set_changes(self._replan(str(self.target.currentData() or "")))

    def _detail(self, row: QHBoxLayout, title: str, name: str) -> QTextEdit:
        column = QVBoxLayout()
        label = QLabel(title, self)
        text = QTextEdit(self)
        text.setReadOnly(True)
        text.setObjectName(name)
        text.setAccessibleName(title)
        label.setBuddy(text)
        column.addWidget(label)
        column.addWidget(text)
        row.addLayout(column)
        return text

    def _show_details(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        change = self.changes.by_id(str(item.data(0, CHANGE_ID_ROLE))) if item is not None else None
        sides = conflict_sides(change, self.lang) if change is not None and change.others else []
        self.pick_button.setEnabled(bool(sides))
        reason = self._conflict_text(change) if change is not None and change.conflict else ""
        self.conflict_line.setText(reason)
        self.conflict_line.setVisible(bool(reason))
        self.pick_button.setText(self.tr("Use the value of %1").replace("%1", sides[1][0]) if sides
                                 else self.tr("Use the other cell's value"))
        old = item.text(2) if item is not None else ""
        new = item.text(3) if item is not None else ""
        if old and new and max(len(old), len(new)) >= LONG_TEXT:
            # Long texts: the words that differ are marked, the rest is read as it is.
            left, right = word_diff(old, new)
            self.old_text.setHtml(left)
            self.new_text.setHtml(right)
        else:
            self.old_text.setPlainText(old)
            self.new_text.setPlainText(new)

    # --- content --------------------------------------------------------------------------------------------

    def _pick_other_side(self) -> None:
        """The selected conflict takes its next cell's value (listed first, then applied when ticked)."""
        item = self.tree.currentItem()
        if item is None:
            return
        index = next((i for i, c in enumerate(self.changes.changes) if c.id == item.data(0, CHANGE_ID_ROLE)), -1)
        if index < 0 or not self.changes.changes[index].others:
            return
        before = self.changes.changes[index]
        change = self.changes.changes[index] = pick_side(before, 1)
        self._rewarn(before, change)
        item.setText(3, "\n".join(f"{cell}: {value}" for cell, value in conflict_sides(change, self.lang)))
        item.setToolTip(3, item.text(3))
        item.setCheckState(0, Qt.CheckState.Checked)
        self._show_details(item)

    def _rewarn(self, before: Change, after: Change) -> None:
        """A warning derived from a conflict's value ("3 rules become 1") describes the side picked now."""
        old, new = side_warning(before, self.lang), side_warning(after, self.lang)
        problems = self.changes.problems
        if old in problems:
            problems.remove(old)
        if new:
            problems.append(new)
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems.setVisible(bool(problems))
        self.problems_label.setVisible(bool(problems))

    def _kind_text(self, change: Change) -> str:
        texts = {
            NEW_ORGANIZATION: self.tr("New organisation"),
            NEW_ACTIVITY: self.tr("New activity"),
            MISSING_ACTIVITY: self.tr("Not in the file: remove from the register"),
            FIELD: self.tr("Changed"),
            ORGANIZATION_FIELD: self.tr("Organisation changed"),
            NEW_RECIPIENT: self.tr("New recipient (processor statement)"),
            RECIPIENT_FIELD: self.tr("Recipient changed (processor statement)"),
            NEW_CLIENT: self.tr("New client (as processor)"),
            CLIENT_FIELD: self.tr("Client changed (as processor)"),
            MISSING_CLIENT: self.tr("Client not in the file: remove from the register"),
            NEW_PROCESSING: self.tr("New processing for clients"),
            PROCESSING_FIELD: self.tr("Processing for clients changed"),
            MISSING_PROCESSING: self.tr("Processing for clients not in the file: remove from the register"),
        }
        return texts.get(change.kind, change.kind)

    def _conflict_text(self, change: Change) -> str:
        texts = {
            "duplicate_reference": self.tr("Conflict: this reference appears several times in the file"),
            "other_organization": self.tr("Conflict: this id belongs to another organisation's activity"),
            "older_statement": self.tr("Conflict: this statement is older than the one already recorded"),
            "edited_twice": self.tr("Conflict: edited differently in two places of the workbook"),
            "changed_since_export": self.tr("Conflict: changed in the register after this file was exported"),
            "deleted_since_export": self.tr("Conflict: deleted in the register since this file was exported"),
            BLANK_ANSWER: self.tr("Left empty in the file: the register's value is kept unless you tick it"),
        }
        return texts.get(change.conflict, change.conflict)

    def _fill(self) -> None:
        # Items are made unattached and added in bulk: attaching each one as it is made costs the view a
        # notification per row, which a 10,000-row review feels.
        groups: dict[tuple[str, str], QTreeWidgetItem] = {}
        children: dict[tuple[str, str], list[QTreeWidgetItem]] = {}
        checked = Qt.CheckState.Checked
        for change in self.changes.changes:
            key = (change.organization, change.activity)
            parent = groups.get(key)
            if parent is None:
                title = " – ".join(p for p in key if p)
                parent = QTreeWidgetItem([title])
                parent.setFlags(
                    parent.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable
                )
                groups[key] = parent
                children[key] = []
            label = field_label(change.path, self.lang, change.scope) if change.path else ""
            item = QTreeWidgetItem(
                [
                    self._kind_text(change),
                    label,
                    _shown(change.old, self.lang, change.path, change.scope),
                    _shown(change.new, self.lang, change.path, change.scope),
                ],
            )
            if change.others:  # each side of the workbook with its cell ("Registre!E3: …", "LS-02!B4: …")
                item.setText(3, "\n".join(f"{cell}: {value}" for cell, value in conflict_sides(change, self.lang)))
            item.setToolTip(2, item.text(2))
            item.setToolTip(3, item.text(3))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, checked if change.default else Qt.CheckState.Unchecked)
            if change.default:
                self._checked.add(change.id)
            item.setData(0, CHANGE_ID_ROLE, change.id)
            if change.conflict:
                item.setToolTip(0, self._conflict_text(change))
                item.setText(0, f"{self._kind_text(change)} ({self._conflict_text(change)})")
            self._items[change.id] = item
            if change.kind == NEW_ORGANIZATION:
                self._list_incoming(item, change)
            children[key].append(item)
        for key, parent in groups.items():
            parent.addChildren(children[key])
        self.tree.addTopLevelItems(list(groups.values()))
        self.tree.expandAll()
        # A long review: rows of one height, so the view need not measure each (the panes below show a
        # value whole).
        self.tree.setUniformRowHeights(len(self._items) > UNIFORM_FROM)
        self.tree.setWordWrap(True)
        for column, width in enumerate((300, 170, 200)):
            self.tree.setColumnWidth(column, width)

    def _list_incoming(self, item: QTreeWidgetItem, change: Change) -> None:
        """A new organisation's activities, one row each (they come with it)."""
        org = next((o for o in self.changes.incoming.organizations if o.id == change.target_org_id), None)
        if org is None:
            return
        item.setText(2, "")
        item.setText(3, self.tr("%n activity(ies)", "", len(org.activities)))
        new, untitled = self.tr("New activity"), self.tr("(untitled activity)")
        item.addChildren([
            QTreeWidgetItem([new, "", "", " ".join(p for p in (a.reference, a.name) if p) or untitled])
            for a in org.activities
        ])

    def _set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        blocked = self.tree.blockSignals(True)  # one summary at the end, not one per row
        for item in self._items.values():
            item.setCheckState(0, state)
        self.tree.blockSignals(blocked)
        self._checked = set(self._items) if checked else set()
        self._update_summary()

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        change_id = item.data(0, CHANGE_ID_ROLE)
        if column != 0 or not change_id:
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            self._checked.add(str(change_id))
        else:
            self._checked.discard(str(change_id))
        self._update_summary()

    def _update_summary(self) -> None:
        self.summary.setText(
            self.tr("%n change(s) found in the file", "", len(self.changes.changes))
            + " – "
            + self.tr("%n selected", "", len(self._checked))
        )
        self.accept_button.setEnabled(bool(self.changes.changes))

    # --- API ------------------------------------------------------------------------------------------------

    def item_for(self, change_id: str) -> QTreeWidgetItem:
        return self._items[change_id]

    def set_checked(self, change_id: str, checked: bool) -> None:
        self._items[change_id].setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def accepted_ids(self) -> list[str]:
        """The ids of the ticked changes, in ChangeSet order."""
        return [cid for cid, item in self._items.items() if item.checkState(0) == Qt.CheckState.Checked]
