"""The form follows the list: an activity the search hides leaves the form, and comes back with it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ropa_desktop.gui.main_window import EMPTY_PAGE, FORM_PAGE
from tests.builders import on_disk


def _pick(window: Any) -> tuple[Any, Any]:
    """The activity shown in the form, and another one whose reference the first's does not contain."""
    activities = window.session.organization(window.org_id).activities
    shown, other = activities[0], activities[3]
    assert window.list.select(shown.id) and window.form.activity_id == shown.id
    assert other.reference.casefold() not in shown.reference.casefold()
    return shown, other


def test_a_search_that_hides_the_activity_in_the_form_empties_the_form(window: Any, qtbot: Any, register_path) -> None:
    shown, other = _pick(window)
    before = on_disk(register_path, shown.id)
    search = window.ui.activityFilter
    qtbot.keyClicks(search, other.reference)
    assert window.list.visible_count() == 1 and window.list.current_id() == ""
    assert window.ui.formStack.currentIndex() == EMPTY_PAGE  # nothing in the form the list does not show
    assert window.current_activity() is None
    assert not window.ui.actionDuplicateActivity.isEnabled() and not window.ui.actionDeleteActivity.isEnabled()
    label = window.ui.emptyFormLabel.text()
    assert shown.reference in label and "hidden by the search" in label
    assert window.emptyStateButton.text() == "Clear the search and filters"
    assert on_disk(register_path, shown.id) == before
    # Typing on, then clicking the activity that matches, fills the form with that one.
    window.list.select(other.id)
    assert window.ui.formStack.currentIndex() == FORM_PAGE and window.form.activity_id == other.id


def test_the_hidden_activity_comes_back_when_the_search_shows_it_again(window: Any, qtbot: Any) -> None:
    shown, other = _pick(window)
    search = window.ui.activityFilter
    qtbot.keyClicks(search, other.reference)
    assert window.ui.formStack.currentIndex() == EMPTY_PAGE
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert window.ui.formStack.currentIndex() == FORM_PAGE
    assert window.list.current_id() == shown.id and window.form.activity_id == shown.id
    # The empty page's button clears the search too.
    qtbot.keyClicks(search, other.reference)
    assert window.ui.formStack.currentIndex() == EMPTY_PAGE
    qtbot.mouseClick(window.emptyStateButton, Qt.MouseButton.LeftButton)
    assert search.text() == "" and window.form.activity_id == shown.id
    assert window.ui.formStack.currentIndex() == FORM_PAGE


def test_an_edit_typed_before_the_search_is_kept_when_the_search_hides_its_activity(
    window: Any, qtbot: Any, register_path
) -> None:
    shown, other = _pick(window)
    qtbot.keyClicks(window.form.ui.activityToolsEdit, " Zorglub")
    qtbot.keyClicks(window.ui.activityFilter, other.reference)  # no flush first: the form hands the edit over
    assert window.ui.formStack.currentIndex() == EMPTY_PAGE
    assert on_disk(register_path, shown.id).tools.endswith(" Zorglub")


def test_a_quick_filter_that_hides_the_activity_in_the_form_empties_it_in_french(
    open_window: Any, register_path, qtbot: Any
) -> None:
    from ropa_desktop.gui.i18n import install_language

    install_language("fr")
    window = open_window(register_path)
    activities = window.session.organization(window.org_id).activities
    shown = next(a for a in activities if not a.transfers)
    assert window.list.select(shown.id)
    window.ui.transfersFilter.setChecked(True)
    assert window.ui.formStack.currentIndex() == EMPTY_PAGE
    assert "masquée par la recherche ou les filtres" in window.ui.emptyFormLabel.text()
    window.ui.transfersFilter.setChecked(False)
    assert window.form.activity_id == shown.id and window.ui.formStack.currentIndex() == FORM_PAGE
