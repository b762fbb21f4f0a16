"""No accidental edits: the wheel, dates as typed, the review workflow, plain titles, the search field."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QScrollArea

from ropa_desktop.domain.model import Activity
from ropa_desktop.domain.review import add_months
from tests.builders import on_disk
from tests.gui.workflows.driving import button, table, wheel


def test_the_wheel_over_any_combo_of_the_form_changes_nothing(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    before = on_disk(register_path, current.id)
    window.ui.activityFilter.setFocus()
    combos = window.form.findChildren(QComboBox)
    assert len(combos) >= 5
    area = window.findChild(QScrollArea, "formScrollArea")
    for combo in combos:
        if not combo.isVisible():
            continue
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
        shown = combo.currentIndex()
        for steps in (-1, 1, -3):
            wheel(combo, steps)
        assert combo.currentIndex() == shown, combo.objectName()
    assert on_disk(register_path, current.id) == before
    assert window.editing.stack.count() == 0
    area.verticalScrollBar().setValue(0)
    wheel(window.form.ui.activityStatusCombo, -3)
    assert area.verticalScrollBar().value() > 0  # the form scrolled instead


def test_the_wheel_over_a_sub_table_scrolls_the_form(window: Any, current: Activity) -> None:
    area = window.findChild(QScrollArea, "formScrollArea")
    area.verticalScrollBar().setValue(0)
    wheel(table(window, "purposesTable").viewport(), -2)
    assert area.verticalScrollBar().value() > 0


def test_another_activity_opens_at_the_top(window: Any, current: Activity) -> None:
    area = window.findChild(QScrollArea, "formScrollArea")
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    other = window.session.organization(window.org_id).activities[1]
    window.list.select(other.id)
    assert area.verticalScrollBar().value() == 0


def _type_date(qtbot: Any, field: Any, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_typed_dates_persist_in_both_formats(window: Any, qtbot: Any, register_path: Path, current: Activity) -> None:
    from ropa_desktop.gui.i18n import install_language

    field = window.form.ui.activityNextReviewEdit
    assert field.objectName() == "activityNextReviewEdit"
    _type_date(qtbot, field, "2027-06-30")
    assert on_disk(register_path, current.id).next_review == date(2027, 6, 30)
    install_language("fr")
    assert field.text() == "30/06/2027"
    _type_date(qtbot, field, "15/07/2028")
    assert on_disk(register_path, current.id).next_review == date(2028, 7, 15)
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert on_disk(register_path, current.id).next_review is None
    assert field.text() == ""  # empty, not 1900


def test_an_invalid_date_is_kept_marked_and_not_written(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    before = on_disk(register_path, current.id)
    field = window.form.ui.activityNextReviewEdit
    _type_date(qtbot, field, "31/02/2027")
    assert field.is_invalid() and "2027-06-30" in field.toolTip()
    assert field.text() == "31/02/2027"  # what was typed stays, to be corrected
    assert on_disk(register_path, current.id) == before


def test_the_calendar_opens_on_today_in_the_ui_language(window: Any, current: Activity) -> None:
    from PySide6.QtCore import QDate, QLocale
    from PySide6.QtWidgets import QCalendarWidget

    from ropa_desktop.gui.i18n import install_language

    install_language("fr")
    field = window.form.ui.activityNextReviewEdit
    field.set_value(None)
    field.show_calendar()
    calendar = field._calendar_menu.findChild(QCalendarWidget)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert calendar.locale().language() == QLocale.Language.French
    field._calendar_menu.close()


def test_mark_reviewed_sets_last_review_today_and_proposes_a_year_on(
    window: Any, register_path: Path, current: Activity
) -> None:
    action = window.findChild(type(window.ui.actionFind), "actionMarkReviewed")
    assert action is not None
    action.trigger()
    saved = on_disk(register_path, current.id)
    assert saved.last_review == date.today()
    assert saved.next_review == add_months(date.today(), 12)
    assert window.editing.stack.count() == 1  # one undo step
    window.ui.actionUndo.trigger()
    assert on_disk(register_path, current.id).last_review == current.last_review


def test_mark_reviewed_keeps_a_next_review_the_user_typed(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    planned = add_months(date.today(), 6)
    field = window.form.ui.activityNextReviewEdit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, planned.isoformat())  # typed, still being edited when the action is triggered
    window.findChild(type(window.ui.actionFind), "actionMarkReviewed").trigger()
    saved = on_disk(register_path, current.id)
    assert saved.last_review == date.today()
    assert saved.next_review == planned


def test_validating_records_who_and_when(window: Any, register_path: Path, current: Activity) -> None:
    combo = window.form.ui.activityStatusCombo
    index = combo.findData("validated")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    saved = on_disk(register_path, current.id)
    assert saved.status == "validated" and saved.validated_on == date.today() and saved.validated_by
    assert window.form.ui.activityValidatedByEdit.text() == saved.validated_by


def test_the_title_shows_markup_as_typed(window: Any, qtbot: Any, current: Activity) -> None:
    edit = window.form.ui.activityNameEdit
    edit.clear()
    qtbot.keyClicks(edit, "<b>x</b>")
    window.form.flush()
    title = window.form.titleLabel
    assert title.objectName() == "formTitle"
    assert title.textFormat() == Qt.TextFormat.PlainText and title.text().endswith("<b>x</b>")


def test_ctrl_f_focuses_the_search_from_the_form_and_esc_clears_it(
    window: Any, qtbot: Any, current: Activity
) -> None:
    search = window.ui.activityFilter
    window.activateWindow()
    window.form.ui.activityNameEdit.setFocus()
    window.ui.actionFind.trigger()
    assert search.hasFocus()
    qtbot.keyClicks(search, "zzzz no such activity")
    assert window.list.visible_count() == 0
    assert window.list.no_match.isVisible() and window.list.no_match.text() == "No activity matches"
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and not window.list.no_match.isVisible()
    assert window.list.visible_count() > 0
    assert window.form.activity_id == current.id  # the activity the filter hid is back in the form


def test_read_only_buttons(window: Any) -> None:
    window.form.set_read_only(True)
    assert not button(window, "purposesTableAdd").isEnabled()
    assert not window.form.markReviewedAction.isEnabled()


def test_the_outline_lists_sections_with_their_findings_and_goes_there(window: Any, current: Activity) -> None:
    from PySide6.QtWidgets import QListWidget

    outline = window.findChild(QListWidget, "formOutline")
    area = window.findChild(QScrollArea, "formScrollArea")
    findings = window.session.findings(window.org_id, window.session.activity(window.org_id, current.id))
    counts = window.form.section_counts(findings)
    assert sum(counts.values()) == len(findings)
    titles = [outline.item(i).text() for i in range(outline.count())]
    assert titles[0].startswith("Identification") and titles[-1].startswith("Sources")
    for row, key in enumerate(window.form.groups):
        assert titles[row].endswith(f"({counts[key]})") if counts.get(key) else "(" not in titles[row]
    row = list(window.form.groups).index("security_measures")
    area.verticalScrollBar().setValue(0)
    outline.itemClicked.emit(outline.item(row))
    box = window.form.groups["security_measures"]
    assert area.verticalScrollBar().value() > 0
    assert box.visibleRegion().boundingRect().height() > 0


def test_a_first_purpose_is_the_main_one_and_recipients_work_in_french(
    window: Any, qtbot: Any, register_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from ropa_desktop.gui.i18n import install_language

    install_language("fr")
    window.ui.actionNewActivity.trigger()
    activity_id = window.form.activity_id
    button(window, "purposesTableAdd").click()
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Paie")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    saved = on_disk(register_path, activity_id).purposes
    assert [(p.description, p.main) for p in saved] == [("Paie", True)]
    view = table(window, "recipientsTable")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    picker = view.indexWidget(view.currentIndex())
    assert isinstance(picker, QComboBox) and picker.itemText(picker.count() - 1) == "Nouveau destinataire…"
    assert on_disk(register_path, activity_id).recipients == []
