"""What every register form shares (activity, processing for clients, client): bindings, typing, saving, showing."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from ...domain import model as m
from ...domain.checks import Finding
from ...domain.fields import Kind
from ..i18n import current_language
from .date_field import DateField
from .scalar_fields import Binding, get_path, set_path
from .sublist_editor import SubListEditor

TYPING_IDLE_MS = 400  # a burst of typing is committed after this pause (and always on leaving the field)


class RecordFormBase(QWidget):
    """Shows one record; every change leaves as ``editRequested(new record, field path, mergeable)``.

    A subclass builds ``bindings`` and ``sublists``, then calls ``connect_bindings``; it shows findings
    (``set_findings``) and titles its sections. A fix to typing, dates or saving is made here, once for every form.
    """

    editRequested = Signal(object, str, bool)
    typingEnded = Signal()  # the field typed in was left (or the record changed): the next typing is a new undo step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record: Any = None
        self._org: m.Organization | None = None
        self._findings: list[Finding] = []
        self._pending: Binding | None = None
        # A field the user is in, kept out of others' writes until they leave it (see ``keep_field``).
        self._kept: Binding | None = None
        self._read_only = False
        # The text field the user was typing in when the form turned read-only (a lost server): it stays editable
        # until they leave it, so no keystroke is dropped; its text is saved (or kept for the server) on leaving.
        self._still_typing: Binding | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_IDLE_MS)
        self._timer.timeout.connect(self._idle_flush)
        self._typing = False  # typed text was saved in this visit of the field (see typingEnded)
        self.bindings: dict[str, Binding] = {}
        self.sublists: dict[str, SubListEditor] = {}
        self.banners: dict[str, QLabel] = {}

    # --- what a subclass says ------------------------------------------------------------------

    def set_findings(self, findings: list[Finding]) -> None:
        self._findings = findings

    def _update_title(self) -> None:
        """The record's name above the form (a subclass says which fields make it)."""

    def _apply(self, after: Any, path: str, value: Any) -> None:
        """Put an edited value in a copy of the record (an activity's status also records who validated)."""
        set_path(after, path, value)

    def _list_items(self, key: str, items: list[Any]) -> list[Any]:
        """A sub-list as edited, before it is saved (an activity keeps one main purpose)."""
        return items

    # --- building ------------------------------------------------------------------------------

    def connect_bindings(self) -> None:
        for binding in self.bindings.values():
            self._connect(binding)

    def _connect(self, binding: Binding) -> None:
        w = binding.widget
        if isinstance(w, DateField):
            w.dateEdited.connect(lambda _value, b=binding: self._changed(b))
            w.validityChanged.connect(lambda _invalid: self.set_findings(self._findings))
        elif isinstance(w, QLineEdit):
            w.textEdited.connect(lambda _text, b=binding: self._typed(b))
            w.editingFinished.connect(self._end_typing)
        elif isinstance(w, QPlainTextEdit):
            w.textChanged.connect(lambda b=binding: self._typed(b))
            w.installEventFilter(self)
        elif isinstance(w, QCheckBox):
            w.clicked.connect(lambda _checked, b=binding: self._changed(b))
        elif isinstance(w, QComboBox) and binding.spec.kind is Kind.COUNTRY:
            w.activated.connect(lambda _i, b=binding: self._changed(b))
            line = w.lineEdit()
            if line is not None:  # a country typed and left (no pick in the list) is kept too
                line.editingFinished.connect(lambda b=binding: self._changed(b))
        elif isinstance(w, QComboBox):
            w.activated.connect(lambda _i, b=binding: self._changed(b))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._end_typing()
            if self._still_typing is not None and watched is self._still_typing.widget:
                self._stop_typing_read_only()
            if self._kept is not None and (watched is self._kept.widget or (
                    isinstance(watched, QWidget) and self._kept.widget.isAncestorOf(watched))):
                self._release_kept()
        return super().eventFilter(watched, event)

    # --- showing -------------------------------------------------------------------------------

    @property
    def record_id(self) -> str | None:
        return self._record.id if self._record is not None else None

    def load(self, org: m.Organization, record: Any, findings: list[Finding]) -> None:
        """Show ``record``; a field being typed in keeps the user's text."""
        other = self._record is None or self._record.id != record.id
        if self._record is not None and other:
            self._end_typing()
        if other:
            self._stop_typing_read_only()  # another record: the form's read-only state holds for all its fields
            self._release_kept()
            for editor in self.sublists.values():
                editor.drop_draft()
            for binding in self.bindings.values():
                binding.forget_typed()
        self._org, self._record = org, copy.deepcopy(record)
        self.show_values(record)
        for key, editor in self.sublists.items():
            editor.model.organization = org
            editor.model.set_items(getattr(record, key))
        self._update_title()
        self.set_findings(findings)
        if other:
            self.scroll_to_top()

    def show_values(self, record: Any) -> None:
        """Every single-value field from ``record``, except the one being typed in."""
        lang = current_language()
        for binding in self.bindings.values():
            if binding is not self._pending and binding is not self._kept:
                binding.show(get_path(record, binding.path), lang)

    def focused_binding(self) -> Binding | None:
        """The field the user is in: typing in it, or focused in it about to type (another's write waits)."""
        if self._pending is not None:
            return self._pending
        # The window's own focus: the cursor stays in that field while another window (or program) is active.
        focus = self.window().focusWidget()
        if focus is None:
            return None
        return next((b for b in self.bindings.values() if b.widget is focus or b.widget.isAncestorOf(focus)), None)

    def hold(self, binding: Binding | None) -> Binding | None:
        """While another's write is shown, the field the user is in keeps its text (None: release an unmarked one)."""
        if binding is None:
            if self._kept is not None and not self._kept.widget.property("contested"):
                self._kept = None
            return None
        self._kept = binding
        for watched in (binding.widget, *binding.widget.findChildren(QLineEdit)):
            watched.installEventFilter(self)
        return binding

    def keep_field(self, binding: Binding, note: str) -> None:
        """Someone else changed the field the user is in: it keeps what it shows, marked, until they leave it."""
        self.hold(binding)
        binding.widget.setProperty("contested", True)
        binding.widget.setStyleSheet("background: #fff3cd;")
        binding.widget.setToolTip(note)

    def _release_kept(self) -> None:
        """The user left the field: the register's value shows (their typed text was saved, or reviewed, first)."""
        kept, self._kept = self._kept, None
        if kept is None:
            return
        kept.widget.setProperty("contested", False)
        kept.widget.setStyleSheet("")
        kept.widget.setToolTip("")
        if self._record is not None:
            kept.show(get_path(self._record, kept.path), current_language())

    def kept_path(self) -> str | None:
        return self._kept.path if self._kept is not None else None

    def scroll_to_top(self) -> None:
        """Another record starts at its top."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.verticalScrollBar().setValue(0)

    def set_read_only(self, read_only: bool) -> None:
        """Every field read-only, or writable again; a text field the user is in stays writable until left."""
        self._read_only = read_only
        typing = self.focused_binding() if read_only else None
        if not isinstance(getattr(typing, "widget", None), QLineEdit | QPlainTextEdit):
            typing = None
        self._still_typing = typing
        if typing is not None:
            typing.widget.installEventFilter(self)
        for binding in self.bindings.values():
            w = binding.widget
            if isinstance(w, QLineEdit | QPlainTextEdit):
                w.setReadOnly(read_only and binding is not typing)
            elif isinstance(w, QComboBox | QCheckBox):
                w.setEnabled(not read_only)
        for editor in self.sublists.values():
            editor.set_read_only(read_only)

    def _stop_typing_read_only(self) -> None:
        """The field typed in while the form turned read-only was left (its text saved or kept): read-only too."""
        typing, self._still_typing = self._still_typing, None
        if typing is not None and self._read_only and isinstance(typing.widget, QLineEdit | QPlainTextEdit):
            typing.widget.setReadOnly(True)

    # --- editing -------------------------------------------------------------------------------

    def _writable(self, path: str) -> bool:
        """Whether an edit of ``path`` is taken: the form is writable, or it is the field still being typed in."""
        if self._record is None:
            return False
        return not self._read_only or (self._still_typing is not None and self._still_typing.path == path)

    def _typed(self, binding: Binding) -> None:
        if not self._writable(binding.path):
            return
        if self._pending is not None and self._pending is not binding:
            self.flush()
        self._pending = binding
        self._timer.start()

    def _idle_flush(self) -> None:
        """A pause in the typing: save what is typed so far (the same undo step goes on while the user types)."""
        binding, self._pending = self._pending, None
        if binding is not None:
            self._typing = True
            self._emit(binding.path, binding.value(), mergeable=True)

    def flush(self) -> None:
        """Commit the text being typed now (leaving the field, switching record, a menu action, closing)."""
        self._timer.stop()
        self._idle_flush()
        for editor in self.sublists.values():
            editor.finish_draft()  # a row typed into is written; one left empty by a stray "+" is not
        # A date is committed when its field is left; a menu action or shortcut leaves the focus in it.
        focused = self.focusWidget()
        if isinstance(focused, DateField):
            focused.commit_typed()

    def _end_typing(self) -> None:
        """The field was left (Tab, Enter, a click elsewhere): what was typed in it is one undo step, closed."""
        self.flush()
        if self._typing:
            self._typing = False
            self.typingEnded.emit()
        if self._still_typing is not None and not self._still_typing.widget.hasFocus():
            self._stop_typing_read_only()

    def has_pending_edit(self) -> bool:
        return self._pending is not None

    def _changed(self, binding: Binding) -> None:
        self.flush()
        self._emit(binding.path, binding.value(), mergeable=False)

    def _emit(self, path: str, value: Any, *, mergeable: bool) -> None:
        if not self._writable(path) or get_path(self._record, path) == value:
            return
        after = copy.deepcopy(self._record)
        self._apply(after, path, value)
        self._record = copy.deepcopy(after)
        self._update_title()
        self.editRequested.emit(after, path, mergeable)

    def _list_edited(self, key: str, items: list[Any]) -> None:
        self.flush()
        self._emit(key, self._list_items(key, items), mergeable=False)

    # --- language ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Titles and labels in the UI language, the values shown again (a date's format follows it)."""
        if self._record is not None:
            self.show_values(self._record)
            self._update_title()
        self.set_findings(self._findings)
