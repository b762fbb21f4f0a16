"""Export from the dialog, import reviewed then undone, drag and drop: each read back from the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from ropa_desktop.gui.dialogs.export import ExportDialog
from ropa_desktop.gui.import_review import ImportReviewDialog
from ropa_desktop.services import json_format
from ropa_desktop.services.exporting import slug
from tests.builders import read_back


def _drive(monkeypatch, path: Path, *, fmt: str, everything: bool, profile: str = "full") -> None:
    def run(dialog: ExportDialog) -> int:
        dialog.formatCombo.setCurrentIndex(dialog.formatCombo.findData(fmt))
        (dialog.allRadio if everything else dialog.currentRadio).setChecked(True)
        dialog.profileCombo.setCurrentIndex(dialog.profileCombo.findData(profile))
        dialog.pathEdit.setText(str(path))
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", run)


@pytest.mark.slow
def test_export_dialog_writes_one_pdf_per_organisation(window, tmp_path, qtbot, monkeypatch) -> None:
    from pypdf import PdfReader

    _drive(monkeypatch, tmp_path / "audit.pdf", fmt="pdf", everything=True)
    window.ui.actionExportPdf.trigger()
    names = [o.name for o in window.session.register.organizations]
    files = [tmp_path / f"audit-{slug(n)}.pdf" for n in names]
    qtbot.waitUntil(lambda: all(f.exists() for f in files), timeout=30_000)
    for name, file in zip(names, files, strict=True):
        assert name in "".join(page.extract_text() for page in PdfReader(file).pages[:2])


def test_export_dialog_writes_the_current_organisation_as_json(window, tmp_path, qtbot, monkeypatch) -> None:
    target = tmp_path / "current.json"
    _drive(monkeypatch, target, fmt="json", everything=False, profile="public")
    window.ui.actionExportJson.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    written, _, versions, _ = json_format.read_file_versioned(target)
    assert [o.id for o in written.organizations] == [window.org_id]
    assert all(not a.notes for a in written.organizations[0].activities)  # public: no internal notes
    org = written.organizations[0]  # each record's stored version, this organisation's only
    assert versions == {i: window.session.store.record_versions()[i] for i in json_format.record_ids(written)}
    assert {org.id, *(a.id for a in org.activities)} <= set(versions)


def test_export_dialog_proposes_a_name_and_remembers_the_folder(window, tmp_path) -> None:
    dialog = ExportDialog(window.session.register, window.org_id, "xlsx", "en", window)
    org = window.session.organization(window.org_id)
    assert Path(dialog.pathEdit.text()).name.startswith(slug(org.name)) and dialog.pathEdit.text().endswith(".xlsx")
    dialog.pathEdit.setText(str(tmp_path / "x.xlsx"))
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    again = ExportDialog(window.session.register, window.org_id, "pdf", "en", window)
    assert Path(again.pathEdit.text()).parent == tmp_path and again.pathEdit.text().endswith(".pdf")


def _file_with_one_activity_less_and_a_new_one(window, tmp_path: Path) -> tuple[Path, str]:
    register = json_format.loads(json_format.dumps(window.session.register))
    org = register.organizations[0]
    org.activities[0].name = "Renamed by counsel"
    source = tmp_path / "from-counsel.json"
    source.write_text(json_format.dumps(register), encoding="utf-8")
    return source, org.activities[0].id


def _accept_all(monkeypatch) -> list[ImportReviewDialog]:
    seen: list[ImportReviewDialog] = []

    def run(dialog: ImportReviewDialog) -> int:
        seen.append(dialog)
        QTest.mouseClick(dialog.select_all, Qt.MouseButton.LeftButton)
        QTest.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ImportReviewDialog, "exec", run)
    return seen


def test_import_review_applied_then_undone(window, register_path, tmp_path, qtbot, monkeypatch) -> None:
    source, activity_id = _file_with_one_activity_less_and_a_new_one(window, tmp_path)
    before = read_back(register_path)
    old = next(a for o in before.organizations for a in o.activities if a.id == activity_id)
    seen = _accept_all(monkeypatch)
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    window.ui.actionImport.trigger()
    qtbot.waitUntil(lambda: window.import_message is not None, timeout=10_000)
    assert seen
    after = read_back(register_path)
    changed = next(a for o in after.organizations for a in o.activities if a.id == activity_id)
    assert changed.name == "Renamed by counsel"
    assert changed.updated is not None and (old.updated is None or changed.updated > old.updated)
    assert window.list.current_id() == activity_id  # what was applied is selected
    assert "Renamed by counsel" in window.import_message.text()
    assert window.ui.actionUndo.text().startswith("Undo Import (1 change")
    window.undo()
    assert read_back(register_path) == before


def test_import_into_a_chosen_organisation(window, register_path, tmp_path, qtbot, monkeypatch) -> None:
    from ropa_desktop.domain.model import Activity, Organization, Register

    incoming = Register([Organization(name="Somebody else", activities=[Activity(reference="X-1", name="Chat"),
                                                                          Activity(reference="X-2", name="Mail")])])
    source = tmp_path / "other.json"
    source.write_text(json_format.dumps(incoming), encoding="utf-8")
    target = read_back(register_path).organizations[1]

    def run(dialog: ImportReviewDialog) -> int:
        top = dialog.tree.topLevelItem(0).child(0)  # under its organisation's group
        assert top.childCount() == 2  # the new organisation's activities, one by one
        assert {top.child(i).text(3) for i in range(2)} == {"X-1 Chat", "X-2 Mail"}
        dialog.target.setCurrentIndex(dialog.target.findData(target.id))
        QTest.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ImportReviewDialog, "exec", run)
    from ropa_desktop.gui import file_actions

    file_actions.import_path(window, source)
    qtbot.waitUntil(lambda: window.import_message is not None, timeout=10_000)
    stored = read_back(register_path)
    assert [o.name for o in stored.organizations] == [o.name for o in window.session.register.organizations]
    assert {"Chat", "Mail"} <= {a.name for a in stored.organization(target.id).activities}


def _drop(window, path: Path) -> bool:
    """Drag ``path`` over the window and drop it; False when the window refuses it on entering."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return True


def test_drop_an_import_file_and_a_register(window, register_path, tmp_path, qtbot, monkeypatch) -> None:
    source, activity_id = _file_with_one_activity_less_and_a_new_one(window, tmp_path)
    _accept_all(monkeypatch)
    assert window.acceptDrops()
    assert _drop(window, source)
    qtbot.waitUntil(lambda: window.import_message is not None, timeout=10_000)
    changed = next(a for o in read_back(register_path).organizations for a in o.activities if a.id == activity_id)
    assert changed.name == "Renamed by counsel"

    opened: list[Path] = []
    from ropa_desktop.gui import file_actions

    monkeypatch.setattr(file_actions, "open_window", lambda _w, p, **k: opened.append(p))
    other = tmp_path / "other.ropa"
    other.write_bytes(b"")
    assert _drop(window, other)
    assert not _drop(window, tmp_path / "notes.txt")  # not ours: refused
    assert opened == [other]
