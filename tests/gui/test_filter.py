from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt

from ropa_desktop.domain.checks import check_activity
from ropa_desktop.gui.row_selection import ID_ROLE


def _visible(window) -> set[str]:
    proxy = window.list.proxy
    return {proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())}


def test_search_looks_through_every_text_of_the_activity(window, qtbot) -> None:
    activities = window.session.organization(window.org_id).activities
    target = activities[1]
    recipient = window.session.organization(window.org_id).recipient(target.recipients[0].recipient_id)
    qtbot.keyClicks(window.ui.activityFilter, target.reference)
    assert _visible(window) == {target.id}
    window.ui.activityFilter.clear()
    assert len(_visible(window)) == len(activities)
    qtbot.keyClicks(window.ui.activityFilter, recipient.name.upper())  # case-insensitive, recipients by name
    expected = {a.id for a in activities if any(link.recipient_id == recipient.id for link in a.recipients)}
    assert _visible(window) == expected


def test_search_follows_edits(window, qtbot) -> None:
    target = window.session.organization(window.org_id).activities[0]
    window.list.select(target.id)
    qtbot.keyClicks(window.form.ui.activityToolsEdit, " Zorglub")
    window.form.flush()
    qtbot.keyClicks(window.ui.activityFilter, "zorglub")
    assert _visible(window) == {target.id}


def test_quick_filters(window, qtbot) -> None:
    activities = window.session.organization(window.org_id).activities
    window.ui.transfersFilter.setChecked(True)
    assert _visible(window) == {a.id for a in activities if a.transfers}
    window.ui.transfersFilter.setChecked(False)
    window.ui.sensitiveFilter.setChecked(True)
    assert _visible(window) == {a.id for a in activities if a.has_sensitive_data()}
    window.ui.sensitiveFilter.setChecked(False)
    combo = window.ui.statusFilter
    combo.setCurrentIndex(combo.findData("draft"))
    combo.activated.emit(combo.currentIndex())
    assert _visible(window) == {a.id for a in activities if a.status == "draft"}
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    window.ui.findingsFilter.setChecked(True)
    # Worked out from the checks themselves, not from the counts the filter reads.
    org = window.session.organization(window.org_id)
    counts = {a.id: len(check_activity(a, org, date.today())) for a in activities}
    assert {s.id: s.findings for s in window.list.model.summaries()} == counts
    assert _visible(window) == {i for i, n in counts.items() if n > 0}
    target = activities[0]
    window.list.select(target.id)
    name = window.form.ui.activityNameEdit
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)  # a required field emptied by the user: one finding more
    window.form.flush()
    edited = window.session.activity(window.org_id, target.id)
    found = check_activity(edited, org, date.today())
    assert "missing_required" in {f.code for f in found}
    assert window.list.model.summary(target.id).findings == len(found)
    assert target.id in _visible(window)


def test_typing_on_narrows_and_deleting_widens_again(window) -> None:
    activities = window.session.organization(window.org_id).activities
    search = window.ui.activityFilter
    search.setText("gen-0000")
    narrowed = _visible(window)
    search.setText(activities[0].reference.casefold())
    assert _visible(window) == {activities[0].id}
    search.setText("gen-0000")
    assert _visible(window) == narrowed
    search.setText("gen-0000 zzz-no-such-word")
    assert _visible(window) == set()
    search.setText("")
    assert len(_visible(window)) == len(activities)


def test_a_keystroke_that_extends_the_search_looks_only_at_the_rows_the_previous_one_left(
    window, qtbot, monkeypatch
) -> None:
    activities = window.session.organization(window.org_id).activities
    search = window.ui.activityFilter
    qtbot.keyClicks(search, "gen-0000")
    narrowed = _visible(window)
    asked = []
    every = window.list.model.summaries
    monkeypatch.setattr(window.list.model, "summaries", lambda: asked.append(1) or every())
    qtbot.keyClicks(search, activities[0].reference.casefold()[len("gen-0000"):])
    assert _visible(window) == {activities[0].id} and activities[0].id in narrowed
    assert asked == []  # the whole register was not looked through again
    qtbot.keyClick(search, Qt.Key.Key_Backspace)  # a shorter text: every activity is looked at again
    assert asked and activities[0].id in _visible(window)


def test_columns_can_be_hidden_from_the_header_menu_and_the_choice_persists(qtbot, register_path, english) -> None:
    from ropa_desktop.gui.activity_list import COLUMN_KEYS
    from ropa_desktop.gui.application import build_main_window

    window = build_main_window(register_path)
    qtbot.addWidget(window)
    window.show()
    menu = window.list.column_menu()
    titles = [action.text() for action in menu.actions()]
    assert "Role of the organisation" in titles and "Name of the processing" not in titles
    role = COLUMN_KEYS.index("role")
    next(a for a in menu.actions() if a.text() == "Role of the organisation").setChecked(False)
    assert window.list.table.horizontalHeader().isSectionHidden(role)
    window.close()  # saves the header state
    again = build_main_window(register_path)
    qtbot.addWidget(again)
    assert again.list.table.horizontalHeader().isSectionHidden(role)
    again.close()


def _open_in_part(path, qtbot, monkeypatch):
    """The window as on a large register: only the first rows summarised whole, the rest not done yet."""
    from ropa_desktop.gui import list_pane
    from ropa_desktop.gui.application import build_main_window

    monkeypatch.setattr(list_pane, "FIRST_ROWS", 2)
    monkeypatch.setattr(list_pane, "START_DELAY_MS", 600_000)  # the background pass does not start meanwhile
    window = build_main_window(path)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert window.list._pending_search  # the other rows' details still to come
    return window


def test_a_quick_filter_before_the_rows_are_complete(register_path, english, qtbot, monkeypatch) -> None:
    window = _open_in_part(register_path, qtbot, monkeypatch)
    activities = window.session.organization(window.org_id).activities
    qtbot.mouseClick(window.ui.transfersFilter, Qt.MouseButton.LeftButton)
    assert _visible(window) == {a.id for a in activities if a.transfers}
    qtbot.mouseClick(window.ui.transfersFilter, Qt.MouseButton.LeftButton)
    assert len(_visible(window)) == len(activities)
    window.close()


def test_sorting_by_legal_bases_before_the_rows_are_complete(register_path, english, qtbot, monkeypatch) -> None:
    from ropa_desktop.gui.activity_list import COLUMN_KEYS

    window = _open_in_part(register_path, qtbot, monkeypatch)
    activities = window.session.organization(window.org_id).activities
    header = window.ui.activityTable.horizontalHeader()
    column = COLUMN_KEYS.index("legal_bases")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    proxy = window.list.proxy
    shown = [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]
    by_id = {a.id: a for a in activities}
    keys = [tuple(by_id[i].legal_bases()) for i in shown]
    assert keys == sorted(keys) or keys == sorted(keys, reverse=True)
    assert any(keys)  # the legal bases were known when sorting, not left empty
    window.close()


def test_a_search_typed_while_a_large_list_is_indexed_shows_at_once_and_completes_itself(
    open_window, register_path, qtbot, monkeypatch
) -> None:
    """Above the threshold a keystroke computes no search text itself: the slices complete the result."""
    from ropa_desktop.gui import list_pane

    monkeypatch.setattr(list_pane, "SEARCH_NOW_UP_TO", 0)  # the sample stands in for a large register
    window = open_window(register_path)
    org_id = window.org_id
    window.list.clear()  # as just opened: the fixture had indexed everything
    window.list.show_organization(org_id)
    activities = window.session.organization(org_id).activities
    target = activities[-1]
    recipient = window.session.organization(org_id).recipient(target.recipients[0].recipient_id)
    pending = len(window.list._pending_search)
    assert pending == len(activities)
    qtbot.keyClicks(window.ui.activityFilter, recipient.name.upper())
    assert len(window.list._pending_search) == pending  # the keystrokes left the indexing to the slices
    expected = {a.id for a in activities if any(link.recipient_id == recipient.id for link in a.recipients)}
    qtbot.waitUntil(lambda: _visible(window) == expected, timeout=20_000)
    assert not window.list._pending_search
