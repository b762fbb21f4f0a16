"""The findings dock: the same findings as `check`, one row each, and opening one reaches its field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ropa_desktop.domain.checks import check_register
from ropa_desktop.gui.findings_dock import ACTIVITY_ROLE, PATH_ROLE
from tests.builders import read_back


def _leaves(dock):
    model = dock.model
    for s in range(model.rowCount()):
        group = model.item(s)
        for i in range(group.rowCount()):
            node = group.child(i)
            for j in range(node.rowCount()):
                yield node.child(j)


def _select_org(window, name: str) -> str:
    selector = window.ui.organizationSelector
    selector.setCurrentIndex(selector.findText(name))
    window.list.finish_indexing()
    return window.org_id


def test_dock_count_equals_check_for_each_organisation_and_the_list_agrees(open_window, seeded_path, qtbot) -> None:
    window = open_window(seeded_path)
    found = check_register(read_back(seeded_path), date.today())
    for org in read_back(seeded_path).organizations:
        org_id = _select_org(window, org.name)
        assert org_id == org.id
        expected = [f for f in found if f.organization_id == org.id]
        QTest.mouseClick(window.status.findingsLabel, Qt.MouseButton.LeftButton)  # the status bar's count
        assert window.findingsDock.isVisible()
        window.findingsDock.refresh()
        assert window.findingsDock.leaf_count() == len(expected) > 0
        assert window.list.total_findings() == len(expected)
        assert str(len(expected)) in window.status.findingsLabel.text()
        # The list's column counts the findings that name each activity; "With findings" shows those rows.
        for activity in org.activities:
            naming = [f for f in expected if f.activity_id == activity.id
                      or activity.id in getattr(f, "activities", ())]
            assert window.list.model.summary(activity.id).findings == len(naming), activity.reference
        window.ui.findingsFilter.setChecked(True)
        with_findings = {a.id for a in org.activities
                         if any(f.activity_id == a.id or a.id in getattr(f, "activities", ()) for f in expected)}
        assert window.list.visible_count() == len(with_findings)
        window.ui.findingsFilter.setChecked(False)


def test_double_click_selects_the_activity_and_focuses_the_field(open_window, seeded_path, qtbot) -> None:
    window = open_window(seeded_path)
    window.show_findings()
    window.findingsDock.refresh()
    leaf = next(item for item in _leaves(window.findingsDock)
                if item.data(ACTIVITY_ROLE) not in ("", window.form.activity_id)
                and item.data(PATH_ROLE) in window.form.bindings)
    activity_id, path = leaf.data(ACTIVITY_ROLE), leaf.data(PATH_ROLE)
    view = window.findingsDock.view
    index = leaf.index()
    view.scrollTo(index)
    rect = view.visualRect(index)
    # A person's double-click: press and release, then the double-click press and release.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.list.current_id() == activity_id
    assert window.form.activity_id == activity_id
    widget = window.form.bindings[path].widget
    qtbot.waitUntil(lambda: window.focusWidget() is widget, timeout=3000)
    # Enter on a sub-list finding makes its row current in the table.
    sub = next((item for item in _leaves(window.findingsDock)
                if item.data(ACTIVITY_ROLE) and "[" in str(item.data(PATH_ROLE))
                and str(item.data(PATH_ROLE)).split("[")[0] in window.form.sublists), None)
    if sub is not None:
        view.setCurrentIndex(sub.index())
        QTest.keyClick(view, Qt.Key.Key_Return)
        table = window.form.sublists[str(sub.data(PATH_ROLE)).split("[")[0]].table
        row = int(str(sub.data(PATH_ROLE)).split("[")[1].split("]")[0])
        qtbot.waitUntil(lambda: table.currentIndex().row() == row, timeout=3000)
        qtbot.waitUntil(lambda: window.focusWidget() is table, timeout=3000)


def test_dock_follows_edits(open_window, seeded_path, qtbot) -> None:
    window = open_window(seeded_path)
    window.show_findings()
    window.findingsDock.refresh()
    before = window.findingsDock.leaf_count()
    window.ui.actionNewActivity.trigger()  # a new, empty activity has findings of its own
    qtbot.waitUntil(lambda: window.findingsDock.leaf_count() > before, timeout=3000)
    assert window.findingsDock.leaf_count() == window.list.total_findings()


def test_an_organisation_finding_opens_the_dialog_on_its_tab(open_window, seeded_path, qtbot, monkeypatch) -> None:
    from ropa_desktop.gui.dialogs.organization import OrganizationDialog

    window = open_window(seeded_path)
    window.show_findings()
    window.findingsDock.refresh()
    leaf = next((item for item in _leaves(window.findingsDock)
                 if not item.data(ACTIVITY_ROLE) and str(item.data(PATH_ROLE)).split(".")[0]
                 in ("dpo", "representative", "head", "public_body")), None)
    assert leaf is not None, "the seeded organisation has an organisation-level contact finding"
    path = str(leaf.data(PATH_ROLE))
    shown: dict[str, object] = {}

    def look(dialog: OrganizationDialog) -> int:
        shown["tab"] = dialog.ui.tabs.currentWidget().objectName()
        shown["focus"] = dialog.focusWidget()
        shown["dialog"] = dialog
        return 0

    monkeypatch.setattr(OrganizationDialog, "exec", look)
    view = window.findingsDock.view
    view.setCurrentIndex(leaf.index())
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "tab" in shown, timeout=3000)
    key = path.split(".")[0]
    expected = {"public_body": "dpoTab"}.get(key, f"{key}Tab")
    assert shown["tab"] == expected
    focus = shown["focus"]
    assert focus is not None and shown["dialog"].ui.tabs.currentWidget().isAncestorOf(focus)


def test_an_edit_makes_again_only_the_rows_of_its_activity(open_window, seeded_path, qtbot) -> None:
    window = open_window(seeded_path)
    window.show_findings()
    dock = window.findingsDock
    dock.refresh()
    activities = window.session.organization(window.org_id).activities
    target, other = activities[0], activities[1]
    others = [leaf for leaf in _leaves(dock) if leaf.data(ACTIVITY_ROLE) == other.id]
    assert others
    window.list.select(target.id)
    name = window.form.ui.activityNameEdit
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)  # a required field emptied: one finding more for this activity
    window.form.flush()
    qtbot.waitUntil(lambda: any("missing_required" in str(leaf.data(PATH_ROLE)) or leaf.data(PATH_ROLE) == "name"
                                for leaf in _leaves(dock) if leaf.data(ACTIVITY_ROLE) == target.id), timeout=3000)
    assert dock.leaf_count() == window.list.total_findings()
    # The other activity's rows are the very items shown before: the tree was not rebuilt for one edit.
    assert [leaf for leaf in _leaves(dock) if leaf.data(ACTIVITY_ROLE) == other.id] == others
    qtbot.keyClicks(name, "Payroll")  # and back: its finding leaves again
    window.form.flush()
    qtbot.waitUntil(lambda: dock.leaf_count() == window.list.total_findings(), timeout=3000)
    assert not any(leaf.data(PATH_ROLE) == "name" for leaf in _leaves(dock) if leaf.data(ACTIVITY_ROLE) == target.id)
