"""Organisations and references: an empty register to a first activity, rename/duplicate/delete with undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ropa_desktop.domain.model import Register
from tests.builders import read_back, write_register


def _answer_name(monkeypatch, name: str) -> list[str]:
    asked: list[str] = []

    def get_text(_parent, title, _label, *args, **kwargs):
        asked.append(title)
        return name, True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


def test_empty_register_to_a_first_activity(open_window, tmp_path: Path, qtbot, monkeypatch) -> None:
    path = write_register(tmp_path / "empty.ropa", Register())
    window = open_window(path)
    button = window.emptyStateButton
    assert button.isVisible() and button.isEnabled()
    for action in (window.ui.actionNewActivity, window.ui.actionEditOrganization, window.ui.actionRecipients,
                   window.ui.actionExportPdf, window.actionDeleteOrganization):
        assert not action.isEnabled(), action.objectName()
    assert window.ui.actionNewOrganization.isEnabled()
    _answer_name(monkeypatch, "Boulangerie Martin")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [o.name for o in read_back(path).organizations] == ["Boulangerie Martin"]
    assert window.ui.actionNewActivity.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # now "New activity"
    name = window.form.ui.activityNameEdit
    qtbot.waitUntil(lambda: window.form.activity_id is not None, timeout=3000)
    name.setFocus()
    QTest.keyClicks(name, "Paie")
    window.form.flush()
    [org] = read_back(path).organizations
    [activity] = org.activities
    assert activity.name == "Paie" and activity.reference == "BM-01"
    # The new organisation is undone like any edit, and comes back with redo.
    window.undo()  # the name
    window.undo()  # the activity
    window.undo()  # the organisation
    assert read_back(path).organizations == []
    assert button.isVisible() and not window.ui.actionNewActivity.isEnabled()
    window.redo()
    assert [o.name for o in read_back(path).organizations] == ["Boulangerie Martin"]


def test_new_organisation_is_saved_last_and_undone(window, register_path, monkeypatch) -> None:
    _answer_name(monkeypatch, "Third")
    window.ui.actionNewOrganization.trigger()
    names = [o.name for o in read_back(register_path).organizations]
    assert names[-1] == "Third" and len(names) == 3
    assert window.ui.organizationSelector.currentText() == "Third"
    assert "New organisation" in window.ui.actionUndo.text()
    window.undo()
    assert [o.name for o in read_back(register_path).organizations] == names[:2]


def test_duplicate_gets_the_next_free_reference(window, register_path) -> None:
    org = window.session.organization(window.org_id)
    refs = [a.reference for a in org.activities]
    window.list.select(org.activities[0].id)
    window.ui.actionDuplicateActivity.trigger()
    window.ui.actionNewActivity.trigger()
    stored = read_back(register_path).organization(org.id)
    new_refs = [a.reference for a in stored.activities if a.reference not in refs]
    prefix = refs[0].rstrip("0123456789")
    width = len(refs[0]) - len(prefix)
    top = max(int(r[len(prefix):]) for r in refs if r.startswith(prefix))
    assert sorted(new_refs) == [f"{prefix}{top + 1:0{width}d}", f"{prefix}{top + 2:0{width}d}"]
    assert len({a.reference for a in stored.activities}) == len(stored.activities)


def test_rename_duplicate_delete_organisation_and_undo(window, register_path, monkeypatch) -> None:
    first = read_back(register_path).organizations[0]
    window.show_organization(first.id)
    _answer_name(monkeypatch, "Renamed Ltd")
    window.actionRenameOrganization.trigger()
    assert read_back(register_path).organizations[0].name == "Renamed Ltd"
    window.undo()
    assert read_back(register_path).organizations[0].name == first.name

    _answer_name(monkeypatch, "Twin")
    window.actionDuplicateOrganization.trigger()
    stored = read_back(register_path)
    assert [o.name for o in stored.organizations][:2] == [first.name, "Twin"]
    twin = stored.organizations[1]
    assert len(twin.activities) == len(first.activities) and twin.id != first.id
    assert {a.id for a in twin.activities}.isdisjoint(a.id for a in first.activities)
    assert [a.name for a in twin.activities] == [a.name for a in first.activities]
    window.undo()
    assert "Twin" not in [o.name for o in read_back(register_path).organizations]

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    window.show_organization(first.id)
    window.actionDeleteOrganization.trigger()
    assert first.name in asked[0] and str(len(first.activities)) in asked[0]
    assert first.id not in [o.id for o in read_back(register_path).organizations]
    window.undo()
    back = read_back(register_path)
    assert back.organizations[0] == first  # every activity and recipient, at the same place
