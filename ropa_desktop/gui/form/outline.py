"""The form's outline: its sections in CNIL fiche order, each with its finding count; a click goes there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from .activity_form import ActivityForm

KEY_ROLE = Qt.ItemDataRole.UserRole + 20


class SectionOutline(QListWidget):
    """One entry per form section; the count of findings in it is shown after its title."""

    def __init__(self, form: ActivityForm, area: QScrollArea, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formOutline")
        self.setAccessibleName("formOutline")
        self.form, self.area = form, area
        self._counts: dict[str, int] = {}
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        for key in form.groups:
            item = QListWidgetItem(self)
            item.setData(KEY_ROLE, key)
        self.itemClicked.connect(self._go)
        self.itemActivated.connect(self._go)
        form.findingsCounted.connect(self.set_counts)
        form.sectionsRetitled.connect(self.refresh)
        self.refresh()

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self.refresh()

    def refresh(self) -> None:
        width = 0
        for row in range(self.count()):
            item = self.item(row)
            key = str(item.data(KEY_ROLE))
            title = self.form.section_title(key)
            count = self._counts.get(key, 0)
            item.setText(f"{title} ({count})" if count else title)
            item.setToolTip(
                self.tr("%n finding(s)", "", count) if count else self.tr("No finding")
            )
            width = max(width, self.fontMetrics().horizontalAdvance(item.text()))
        self.setFixedWidth(min(165, max(130, width + 16)))  # long titles wrap

    def _go(self, item: QListWidgetItem) -> None:
        key = str(item.data(KEY_ROLE))
        box = self.form.groups[key]
        self.area.verticalScrollBar().setValue(box.mapTo(self.form, box.rect().topLeft()).y())


def install_outline(stack: QStackedWidget, area: QScrollArea, form: ActivityForm) -> SectionOutline:
    """Put the outline to the left of the form's scroll area, in the stack page the area was."""
    index = stack.indexOf(area)
    page = QWidget()
    page.setObjectName("formPage")
    layout = QHBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    stack.removeWidget(area)
    outline = SectionOutline(form, area, page)
    layout.addWidget(outline)
    layout.addWidget(area, 1)
    area.show()  # the stack hid it while another page was current
    stack.insertWidget(index, page)
    return outline
