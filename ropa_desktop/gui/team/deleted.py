"""A kept edit of a record someone else deleted meanwhile: said in the status bar and a message, its text to copy."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ...services.changes import display, field_label
from ..i18n import current_language

# The field table's scope of each kept record kind (its fields' labels and how their values read).
SCOPES = {"organization": "organization", "security": "organization", "recipient": "recipient",
          "client": "client", "processor_activity": "processor_activity", "activity": "activity"}
_NOT_FIELDS = frozenset({"id", "updated", "activities", "recipients", "clients", "processor_activities"})
_EMPTY: tuple[object, ...] = (None, "", [], False)


def record_label(record: Any) -> str:
    """How people name the record: its reference and name (or its name alone)."""
    return " ".join(filter(None, (getattr(record, "reference", ""), getattr(record, "name", "")))) or record.id


def labelled(label: str, value: str, lang: str) -> str:
    """"Label: value" (French puts a space before the colon)."""
    return f"{label} : {value}" if lang == "fr" else f"{label}: {value}"


def kept_text(kind: str, base: Any, mine: Any, lang: str) -> str:
    """What the user had typed: each field they changed ("Label: value"), every filled one for a new record."""
    scope = SCOPES.get(kind, "activity")
    names = ["security_measures"] if kind == "security" else [
        f.name for f in dataclasses.fields(mine) if f.name not in _NOT_FIELDS]
    lines = []
    for name in names:
        value = getattr(mine, name)
        changed = value not in _EMPTY if base is None else value != getattr(base, name)
        if changed:
            lines.append(labelled(field_label(name, lang, scope), display(value, lang, name, scope), lang))
    return "\n".join(lines)


def say_deleted(parent: QWidget, label: str, text: str) -> None:
    """Someone else deleted the record: the status bar says it, and a message shows the kept text with a copy button.

    Nothing of it is saved (the record is gone); the text stays on the clipboard when the user asks for it.
    """
    status = getattr(parent, "status", None)
    headline = QCoreApplication.translate("Team", "Someone else deleted “%1”: your edit of it was not saved")\
        .replace("%1", label)
    if status is not None and hasattr(status, "announce"):
        status.announce(headline)
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Team", "Record deleted meanwhile"),
                      QCoreApplication.translate(
                          "Team", "Someone else deleted “%1” while your edit waited to be saved, so it was not "
                          "saved. What you typed:\n\n%2").replace("%1", label).replace("%2", text or "∅"),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("deletedRecordMessage")
    copy_button = box.addButton(QCoreApplication.translate("Team", "Copy what I typed"),
                                QMessageBox.ButtonRole.ActionRole)
    copy_button.setObjectName("copyKeptTextButton")
    box.exec()
    if box.clickedButton() is copy_button:
        QGuiApplication.clipboard().setText(text)


def say_deleted_edit(parent: QWidget, kind: str, base: Any, mine: Any) -> None:
    """``say_deleted`` for a kept edit: the record named as the others knew it, the fields the user changed in it."""
    label = record_label(base if base is not None else mine)
    say_deleted(parent, label, kept_text(kind, base, mine, current_language()))
