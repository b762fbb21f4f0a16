"""A form for one record of the processor's register (a processing for clients, a client), from the field table."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain import field_paths
from ...domain import model as m
from ...domain.checks import Finding, Severity, message
from ...domain.fields import SCOPE_TYPES, FieldSpec, Kind, contact_fields, fields_of, label
from ..form.date_field import DateField
from ..form.delegates import fill_country_combo
from ..form.record_form_base import RecordFormBase
from ..form.scalar_fields import Binding
from ..form.sublist_editor import SubListEditor
from ..form.sublist_model import SubListModel
from ..form.wheel import guard_all
from ..i18n import current_language
from ..icons import finding_icon_path

Record = m.ProcessorActivity | m.Client

_WIDGETS: dict[Kind, tuple[type[QWidget], str]] = {
    Kind.TEXT: (QLineEdit, "Edit"), Kind.LONG_TEXT: (QPlainTextEdit, "Edit"), Kind.BOOL: (QCheckBox, "Check"),
    Kind.CODE: (QComboBox, "Combo"), Kind.COUNTRY: (QComboBox, "Combo"), Kind.DATE: (DateField, "Edit"),
    Kind.DATETIME: (QLabel, "Label"),
}


def camel(path: str) -> str:
    """``"contact.postal_code"`` -> ``"ContactPostalCode"`` (for widget object names)."""
    return "".join(w.capitalize() for w in path.replace(".", "_").split("_"))


def sections(scope: str) -> list[tuple[str, list[FieldSpec]]]:
    """The form's sections in field-table order: runs of single values, each nested object, each sub-list.

    A yes/no right before a sub-list is that list's switch (shared security measures, then the specific
    ones) and goes in the list's section. Nested objects (contacts) go last.
    """
    out: list[tuple[str, list[FieldSpec]]] = []
    specs = [f for f in fields_of(scope) if f.kind is not Kind.DATETIME or f.key == "updated"]
    for i, spec in enumerate(specs):
        following = specs[i + 1] if i + 1 < len(specs) else None
        if spec.is_scalar and spec.kind is Kind.BOOL and following is not None and following.is_list:
            out.append((following.key, [spec]))
        elif spec.is_list and out and out[-1][0] == spec.key:
            out[-1][1].append(spec)
        elif spec.is_scalar:
            if out and out[-1][0].startswith("#"):
                out[-1][1].append(spec)
            else:
                out.append((f"#{sum(1 for k, _ in out if k.startswith('#'))}", [spec]))
        else:
            out.append((spec.key, [spec]))
    # Nested contacts come last: a client's identity and contract read first, its people after.
    return [s for s in out if not s[1][0].is_object] + [s for s in out if s[1][0].is_object]


class RecordForm(RecordFormBase):
    """A processing for clients or a client, its sections from the field table (typing and saving: the base)."""

    def __init__(
        self,
        scope: str,
        prefix: str,
        run_titles: Callable[[int], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.scope, self.prefix, self._run_titles = scope, prefix, run_titles
        self.setObjectName(f"{prefix}Form")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.titleLabel = QLabel(self)
        self.titleLabel.setObjectName(f"{prefix}FormTitle")
        self.titleLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.titleLabel.setWordWrap(True)
        font = self.titleLabel.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.titleLabel.setFont(font)
        layout.addWidget(self.titleLabel)
        self.subtitleLabel = QLabel(self)  # what the record is used by (a client's processing), set by the page
        self.subtitleLabel.setObjectName(f"{prefix}FormSubtitle")
        self.subtitleLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitleLabel.setWordWrap(True)
        self.subtitleLabel.hide()
        layout.addWidget(self.subtitleLabel)
        self.banner = QLabel(self)  # the record's findings that no field shows
        self.banner.setObjectName(f"{prefix}FindingsBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.groups: dict[str, QGroupBox] = {}
        self.hints: dict[str, QLabel] = {}
        self._section_of: dict[str, str] = {}  # field path -> the section (its banner) showing it
        for key, specs in sections(scope):
            box = QGroupBox(self)
            box.setObjectName(f"{prefix}{camel(key.strip('#'))}Section")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(8, 4, 8, 8)
            banner = QLabel(box)  # the section's findings that no single field or cell shows
            banner.setObjectName(f"{prefix}{camel(key.strip('#'))}Banner")
            banner.setWordWrap(True)
            banner.hide()
            inner.addWidget(banner)
            self.groups[key], self.banners[key] = box, banner
            layout.addWidget(box)
            form: QFormLayout | None = None
            for spec in specs:
                if spec.is_list:
                    inner.addWidget(self._sublist(spec))
                    continue
                if form is None:
                    form = QFormLayout()
                    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
                    inner.addLayout(form)
                paths = [f"{spec.key}.{sub.key}" for sub in contact_fields(spec)] if spec.is_object else [spec.key]
                for path in paths:
                    self._row(form, box, path)
                    self._section_of[path] = key
        layout.addStretch(1)
        self.connect_bindings()
        guard_all(self)
        self.retranslate()

    # --- building ------------------------------------------------------------------------------------------

    def _row(self, form: QFormLayout, box: QGroupBox, path: str) -> None:
        spec = field_paths.spec_at(path, self.scope)
        assert spec is not None, path
        widget_type, suffix = _WIDGETS.get(spec.kind, (QLineEdit, "Edit"))
        widget = widget_type(box)
        name = f"{self.prefix}{camel(path)}{suffix}"
        widget.setObjectName(name)
        widget.setAccessibleName(name)
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)
            widget.setMaximumHeight(70)
        elif isinstance(widget, QComboBox) and spec.kind is Kind.COUNTRY:
            fill_country_combo(widget, "")  # editable from the start: a country can be typed
        row_label = QLabel(box)
        row_label.setBuddy(widget)
        form.addRow(row_label, widget)
        self.bindings[path] = Binding(path, widget, row_label, self.scope)

    def set_hint(self, key: str, text: str) -> None:
        """A line under a sub-list saying what to do first (no client to pick yet...); "" hides it."""
        hint = self.hints.get(key)
        if hint is None:
            editor = self.sublists[key]
            section = editor.parentWidget()
            assert section is not None
            hint = QLabel(section)
            hint.setObjectName(f"{self.prefix}{camel(key)}Hint")
            hint.setWordWrap(True)
            box = section.layout()
            assert isinstance(box, QVBoxLayout)
            box.insertWidget(box.indexOf(editor) + 1, hint)
            self.hints[key] = hint
        hint.setText(text)
        hint.setVisible(bool(text))

    def _sublist(self, spec: FieldSpec) -> SubListEditor:
        model = SubListModel(spec.item, SCOPE_TYPES[spec.item], self)
        editor = SubListEditor(
            spec.key, model, f"{self.prefix}{camel(spec.key)}Table", self, organization=lambda: self._org
        )
        editor.listEdited.connect(self._list_edited)
        self.sublists[spec.key] = editor
        return editor

    # --- showing ----------------------------------------------------------------------------------

    def _update_title(self) -> None:
        record = self._record
        if record is None:
            return
        parts = (record.reference, record.name) if isinstance(record, m.ProcessorActivity) else (record.name,)
        self.titleLabel.setText(" — ".join(p for p in parts if p) or self.tr("(untitled)"))

    def set_findings(self, findings: list[Finding]) -> None:
        """Mark each field and sub-list cell a finding names; the others go in the banner under the title."""
        super().set_findings(findings)
        lang = current_language()
        by_field: dict[str, list[tuple[bool, str]]] = defaultdict(list)
        by_cell: dict[str, dict[tuple[int, str], tuple[bool, list[str]]]] = defaultdict(dict)
        loose: list[tuple[bool, str]] = []
        by_section: dict[str, list[tuple[bool, str]]] = defaultdict(list)
        for finding in findings:
            entry = (finding.severity is Severity.ERROR, message(finding, lang))
            segments = field_paths.try_parse(finding.field) or ()
            first = segments[0] if segments else None
            if first is not None and first.index is not None and first.name in self.sublists:
                cell = (first.index, segments[1].name if len(segments) > 1 else "")
                error, messages = by_cell[first.name].get(cell, (False, []))
                by_cell[first.name][cell] = (error or entry[0], [*messages, entry[1]])
            elif finding.field in self.bindings:
                by_field[finding.field].append(entry)
            elif first is not None and first.name in self.banners:  # a whole sub-list: "no client"
                by_section[first.name].append(entry)
            else:
                loose.append(entry)
        for path, binding in self.bindings.items():
            binding.mark(lang, by_field.get(path, []))
            by_section[self._section_of[path]] += binding.typing_problem()  # said in words, not only the icon
        for key, editor in self.sublists.items():
            editor.model.set_findings(by_cell.get(key, {}))
        for key, banner in [("", self.banner), *self.banners.items()]:
            entries = by_section.get(key, []) if key else loose
            banner.setVisible(bool(entries))
            banner.setText(
                "<br>".join(
                    f'<img src="{finding_icon_path(error)}" width="14" height="14">&nbsp;{html.escape(text)}'
                    for error, text in entries
                )
            )

    def focus_field(self, path: str) -> QWidget | None:
        """Scroll to the widget showing ``path`` (a sub-list's cell is made current) and focus it."""
        segments = field_paths.try_parse(path) or ()
        widget: QWidget | None = None
        if path in self.bindings:
            widget = self.bindings[path].widget
        elif segments and segments[0].name in self.sublists:
            editor = self.sublists[segments[0].name]
            if segments[0].index is not None:
                column = editor.model.column_of(segments[1].name) if len(segments) > 1 else 0
                editor.select_row(segments[0].index, max(0, column))
            widget = editor.table
        elif segments:
            head = segments[0].name
            widget = next((b.widget for p, b in self.bindings.items() if p.split(".")[0] == head), None)
        if widget is None:
            return None
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 60)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget

    # --- language ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        lang = current_language()
        for key, box in self.groups.items():
            box.setTitle(self._run_titles(int(key[1:])) if key.startswith("#") else label(self.scope, key, lang))
        for editor in self.sublists.values():
            editor.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, max(0, len(editor.model.columns) - 1)
            )
        super().retranslate()
