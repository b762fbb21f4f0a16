"""Qt's own strings that Qt 6's French catalogue (qtbase_fr) lacks: our catalogue, installed after it, fills them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Marked for lupdate only: Qt looks them up itself, in these contexts, through the installed translators.
QT_STRINGS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
)
