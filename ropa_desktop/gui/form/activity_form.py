"""The activity form: identification, purposes, persons, data and retention, recipients, transfers..."""

from __future__ import annotations

import copy
import getpass
import html
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import field_paths
from ...domain import model as m
from ...domain.checks import Finding, Severity, message
from ...domain.fields import SCOPE_TYPES, Kind, fields_of, label, list_fields
from ...domain.review import mark_reviewed, set_status
from ..generated.ui_identification_section import Ui_IdentificationSection
from ..i18n import current_language
from ..icons import finding_icon_path, icon
from .date_field import DateField
from .record_form_base import RecordFormBase
from .scalar_fields import Binding, set_path, spec_of
from .sublist_editor import SubListEditor
from .sublist_model import SubListModel
from .wheel import guard_all


def _camel(path: str) -> str:
    words = path.replace(".", "_").split("_")
    return words[0] + "".join(w.capitalize() for w in words[1:])


# (activity attribute, item scope, item type, table objectName), from the field table.
SUB_LISTS: tuple[tuple[str, str, type, str], ...] = tuple(
    (f.key, f.item, SCOPE_TYPES[f.item], f"{_camel(f.key)}Table") for f in list_fields("activity")
)
# The single-value fields below the sub-lists: every activity field (and field of a nested object) the
# identification section does not show, with a widget chosen by kind; these keep their established names.
OTHER_NAMES = {
    "dpia.required": "dpiaRequiredCombo", "dpia.done": "dpiaDoneCombo", "dpia.reference": "dpiaReferenceEdit",
    "automated_decision.used": "automatedDecisionCombo",
    "automated_decision.details": "automatedDecisionDetailsEdit",
    "consent_withdrawal": "consentWithdrawalEdit", "notes": "activityNotesEdit",
}
_WIDGETS: dict[Kind, tuple[type[QWidget], str]] = {
    Kind.TEXT: (QLineEdit, "Edit"), Kind.LONG_TEXT: (QPlainTextEdit, "Edit"), Kind.BOOL: (QComboBox, "Combo"),
    Kind.CODE: (QComboBox, "Combo"), Kind.DATE: (DateField, "Edit"), Kind.DATETIME: (QLabel, "Label"),
}


def _single_value_paths() -> list[str]:
    paths = []
    for spec in fields_of("activity"):
        if spec.is_object:
            paths += [f"{spec.key}.{sub.key}" for sub in fields_of(spec.item)]
        elif spec.is_scalar:
            paths.append(spec.key)
    return paths
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (  # section title field -> the sub-lists it holds
    ("purposes", ("purposes",)),
    ("data_subjects", ("data_subjects",)),
    ("data_categories", ("data_categories", "retention")),
    ("recipients", ("recipients",)),
    ("transfers", ("transfers",)),
    ("security_measures", ("security_measures",)),
)


class ActivityForm(RecordFormBase):
    """One activity in CNIL order; every change leaves as ``editRequested(new activity, field path, mergeable)``."""

    findingsCounted = Signal(dict)  # section key -> number of findings in it (for the outline)
    sectionsRetitled = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, create_recipient: Callable[[], str | None] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("activityForm")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.titleLabel = QLabel(self)
        self.titleLabel.setObjectName("formTitle")
        self.titleLabel.setAccessibleName("formTitle")
        self.titleLabel.setTextFormat(Qt.TextFormat.PlainText)  # the activity's name is shown as typed
        self.titleLabel.setWordWrap(True)
        layout.addWidget(self.titleLabel)
        self.groups: dict[str, QGroupBox] = {}
        # A section's title, also shown as a wrapped line inside it when the form is narrow (see ``wrap_titles``).
        self._titles: dict[str, str] = {}
        self._title_labels: dict[str, QLabel] = {}
        self._wrapped = False
        self._sublist_labels: dict[str, QLabel] = {}
        self._build_identification(layout)
        for key, scope, item_type, object_name in SUB_LISTS:
            model = SubListModel(scope, item_type, self)
            editor = SubListEditor(
                key,
                model,
                object_name,
                self,
                organization=lambda: self._org,
                new_recipient=create_recipient if key == "recipients" else None,
            )
            editor.listEdited.connect(self._list_edited)
            self.sublists[key] = editor
        for title_key, keys in SECTIONS:
            box = self._group(layout, title_key)
            for key in keys:
                if key != title_key:
                    sub_label = QLabel(box)
                    self._sublist_labels[key] = sub_label
                    _inner(box).addWidget(sub_label)
                _inner(box).addWidget(self.sublists[key])
        self._build_other(layout)
        placed = {key for _, keys in SECTIONS for key in keys}
        for key in self.sublists:  # the sources, and any sub-list the sections above do not name
            if key not in placed:
                _inner(self._group(layout, key)).addWidget(self.sublists[key])
        layout.addStretch(1)
        self.connect_bindings()
        guard_all(self)
        self.retranslate()

    # --- building ------------------------------------------------------------------------------------------

    def _group(self, layout: QVBoxLayout, key: str) -> QGroupBox:
        box = QGroupBox(self)
        box.setObjectName("formSection")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(8, 4, 8, 8)
        title = QLabel(box)
        title.setObjectName("formSectionTitle")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        title.hide()
        inner.addWidget(title)
        self._title_labels[key] = title
        banner = QLabel(box)
        banner.setWordWrap(True)
        banner.hide()
        inner.addWidget(banner)
        self.groups[key], self.banners[key] = box, banner
        layout.addWidget(box)
        return box

    def _build_identification(self, layout: QVBoxLayout) -> None:
        box = self._group(layout, "identification")
        host = QWidget(box)
        self.ui = Ui_IdentificationSection()
        self.ui.setupUi(host)  # type: ignore[no-untyped-call]
        _inner(box).addWidget(host)
        ui = self.ui
        for path, widget in (
            ("reference", ui.activityReferenceEdit),
            ("name", ui.activityNameEdit),
            ("description", ui.activityDescriptionEdit),
            ("role", ui.activityRoleCombo),
            ("joint_controllers", ui.activityJointControllersEdit),
            ("status", ui.activityStatusCombo),
            ("owner_department", ui.activityOwnerDepartmentEdit),
            ("tools", ui.activityToolsEdit),
            ("data_source", ui.activityDataSourceEdit),
            ("created", ui.activityCreatedEdit),
            ("last_review", ui.activityLastReviewEdit),
            ("next_review", ui.activityNextReviewEdit),
            ("validated_by", ui.activityValidatedByEdit),
            ("validated_on", ui.activityValidatedOnEdit),
            ("updated", ui.activityUpdatedLabel),
        ):
            label_widget = host.findChild(QLabel, f"{widget.objectName()}Label")
            self.bindings[path] = Binding(path, widget, label_widget)
        self.markReviewedAction = QAction(icon("reviewed"), "", self)
        self.markReviewedAction.setObjectName("actionMarkReviewed")
        self.markReviewedAction.triggered.connect(self.mark_reviewed)
        ui.markReviewedButton.setDefaultAction(self.markReviewedAction)

    def _build_other(self, layout: QVBoxLayout) -> None:
        self._other_heads: set[str] = set()  # the activity fields this section shows (a finding's section)
        box = self._group(layout, "other")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        _inner(box).addLayout(form)
        for path in _single_value_paths():
            if path in self.bindings:
                continue  # shown in the identification section
            self._other_heads.add(path.split(".")[0])
            spec = spec_of(path)
            widget_type, suffix = _WIDGETS.get(spec.kind, (QLineEdit, "Edit"))
            widget = widget_type(box)
            name = OTHER_NAMES.get(path) or f"activity{_camel(path)[:1].upper()}{_camel(path)[1:]}{suffix}"
            widget.setObjectName(name)
            widget.setAccessibleName(name)
            if isinstance(widget, QPlainTextEdit):
                widget.setTabChangesFocus(True)
                widget.setMaximumHeight(70)
            row_label = QLabel(box)
            row_label.setBuddy(widget)
            form.addRow(row_label, widget)
            self.bindings[path] = Binding(path, widget, row_label)

    # --- showing ----------------------------------------------------------------------------------

    @property
    def _activity(self) -> m.Activity | None:
        """The activity shown (the base's record)."""
        record: m.Activity | None = self._record
        return record

    @property
    def activity_id(self) -> str | None:
        return self.record_id

    def _update_title(self) -> None:
        a = self._activity
        if a is not None:
            self.titleLabel.setText(
                " — ".join(p for p in (a.reference, a.name) if p) or self.tr("(untitled activity)")
            )

    def set_findings(self, findings: list[Finding]) -> None:
        super().set_findings(findings)
        lang = current_language()
        by_field: dict[str, list[tuple[bool, str]]] = defaultdict(list)
        by_cell: dict[str, dict[tuple[int, str], tuple[bool, list[str]]]] = defaultdict(dict)
        for finding in findings:
            entry = (finding.severity is Severity.ERROR, message(finding, lang))
            segments = field_paths.try_parse(finding.field) or ()
            first = segments[0] if segments else None
            if first is not None and first.index is not None and first.name in self.sublists:
                cell = (first.index, segments[1].name if len(segments) > 1 else "")
                error, messages = by_cell[first.name].get(cell, (False, []))
                by_cell[first.name][cell] = (error or entry[0], [*messages, entry[1]])
            else:
                by_field[finding.field or "identification"].append(entry)
        typing: dict[str, list[tuple[bool, str]]] = defaultdict(list)  # a date that does not exist, in words
        for path, binding in self.bindings.items():
            binding.mark(lang, by_field.pop(path, []))
            typing[self.section_of(path)] += binding.typing_problem()
        for key, editor in self.sublists.items():
            editor.model.set_findings(by_cell.get(key, {}))
        per_section: dict[str, list[tuple[bool, str]]] = typing
        for path, entries in by_field.items():
            parsed = field_paths.try_parse(path)
            head = parsed[0].name if parsed else path
            section = next((title for title, keys in SECTIONS if head in keys), None)
            section = section or (head if head in self.groups else "identification")
            per_section[section] += entries
        self.findingsCounted.emit(self.section_counts(findings))
        for key, banner in self.banners.items():
            entries = per_section.get(key, [])
            banner.setVisible(bool(entries))
            banner.setText(
                "<br>".join(
                    f'<img src="{finding_icon_path(error)}" width="14" height="14">&nbsp;{html.escape(text)}'
                    for error, text in entries
                )
            )

    def section_of(self, path: str) -> str:
        """The form section a finding's field path is shown in."""
        parsed = field_paths.try_parse(path)
        head = parsed[0].name if parsed else path
        section = next((title for title, keys in SECTIONS if head in keys), None)
        if section is not None:
            return section
        if head in self.groups:
            return head
        return "other" if head in self._other_heads else "identification"

    def section_counts(self, findings: list[Finding]) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for finding in findings:
            counts[self.section_of(finding.field)] += 1
        return dict(counts)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.markReviewedAction.setEnabled(not read_only)

    # --- editing ---------------------------------------------------------------------------------

    def _apply(self, after: Any, path: str, value: Any) -> None:
        if path == "status":
            set_status(after, value, _user_name(), date.today())  # validating records who and when
        else:
            set_path(after, path, value)

    def _list_items(self, key: str, items: list[Any]) -> list[Any]:
        return _one_main_purpose(getattr(self._activity, key, []), items) if key == "purposes" else items

    def mark_reviewed(self) -> None:
        """Last review today, next review proposed a year on: one edit, one undo step."""
        if self._activity is None or self._read_only:
            return
        self.flush()
        after = copy.deepcopy(self._activity)
        mark_reviewed(after, date.today())
        self._record = copy.deepcopy(after)
        self.editRequested.emit(after, "last_review", False)

    # --- section titles ------------------------------------------------------------------------------

    def section_title(self, key: str) -> str:
        return self._titles.get(key, "")

    def _set_title(self, key: str, text: str) -> None:
        self._titles[key] = text
        self.groups[key].setTitle("" if self._wrapped else text)
        self._title_labels[key].setText(f"<b>{html.escape(text)}</b>")

    def wrap_titles(self, wrapped: bool) -> None:
        """A narrow form: a group box's title cannot wrap, so each shows as a line inside its section instead."""
        self._wrapped = wrapped
        for key, text in self._titles.items():
            self._set_title(key, text)
            self._title_labels[key].setVisible(wrapped)

    # --- language ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        lang = current_language()
        self.markReviewedAction.setText(self.tr("Mark reviewed"))
        self.markReviewedAction.setToolTip(
            self.tr("Record a review today and propose the next one in 12 months")
        )
        self._set_title("identification", self.tr("Identification"))
        self._set_title("other", self.tr("Impact assessment, automated decisions and notes"))
        for key in self.groups:
            if key not in ("identification", "other"):
                self._set_title(key, label("activity", key, lang))
        for key, sub_label in self._sublist_labels.items():
            sub_label.setText(f"<b>{html.escape(label('activity', key, lang))}</b>")
        for editor in self.sublists.values():
            editor.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, max(0, len(editor.model.columns) - 1)
            )
            editor.model.set_findings({})
        super().retranslate()
        self.sectionsRetitled.emit()


def _one_main_purpose(before: list[m.Purpose], after: list[m.Purpose]) -> list[m.Purpose]:
    """Ticking "main" on one purpose unticks it on the others: an activity has one main purpose."""
    newly = [i for i, p in enumerate(after) if p.main and (i >= len(before) or not before[i].main)]
    if newly:
        keep = newly[0]
        for i, purpose in enumerate(after):
            purpose.main = i == keep
    return after


def _user_name() -> str:
    """Who validates: the login name of the person at this computer."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _inner(box: QGroupBox) -> QVBoxLayout:
    """The vertical layout every form section is built with."""
    return cast(QVBoxLayout, box.layout())
