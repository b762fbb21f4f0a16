from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from ropa_desktop.domain.model import Recipient
from ropa_desktop.gui.dialogs.organization import OrganizationDialog
from ropa_desktop.gui.dialogs.preferences import PreferencesDialog
from ropa_desktop.gui.dialogs.recipients import RecipientsDialog
from ropa_desktop.services import json_format
from ropa_desktop.storage.repository import RegisterStore


def test_organization_dialog_edits_identity_and_contacts(window, qtbot, register_path) -> None:
    org = window.session.organization(window.org_id)
    dialog = OrganizationDialog(org, window)
    qtbot.addWidget(dialog)
    dialog.ui.orgPostalCodeEdit.setText("01000")
    dialog.contacts["dpo"].edits["name"].setText("Jeanne Martin")
    dialog.ui.dpoIsContactPointCheck.setChecked(True)
    edited = dialog.organization()
    assert edited.postal_code == "01000"  # text: the zero stays
    assert edited.dpo.name == "Jeanne Martin" and edited.dpo_is_contact_point
    assert edited.activities == org.activities and edited.head == org.head


def test_organization_dialog_answers_the_dpo_questions(window, qtbot, register_path) -> None:
    org = window.session.organization(window.org_id)
    dialog = OrganizationDialog(org, window)
    qtbot.addWidget(dialog)
    monitoring = dialog.findChild(type(dialog.ui.dpoIsContactPointCheck), "orgLargeScaleMonitoringCheck")
    assert monitoring is not None and monitoring.checkState() == Qt.CheckState.PartiallyChecked  # unanswered
    assert "37(1)(b)" in monitoring.text()
    qtbot.mouseClick(monitoring, Qt.MouseButton.LeftButton)  # unanswered -> yes
    dialog.dpo_questions["public_body"].setCheckState(Qt.CheckState.Unchecked)
    edited = dialog.organization()
    assert (edited.public_body, edited.large_scale_monitoring, edited.large_scale_sensitive) == (False, True, None)


def test_organization_dialog_accepted_is_saved_and_undoable(window, monkeypatch, register_path) -> None:
    old_name = window.session.organization(window.org_id).name

    def accept(dialog: OrganizationDialog) -> int:
        dialog.ui.orgNameEdit.setText("Renamed SAS")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OrganizationDialog, "exec", accept)
    window.ui.actionEditOrganization.trigger()
    assert window.ui.organizationSelector.currentText() == "Renamed SAS"
    window.ui.actionUndo.trigger()
    assert window.session.organization(window.org_id).name == old_name
    window.ui.actionRedo.trigger()
    window.close()
    store = RegisterStore.open(register_path, read_only=True)
    assert "Renamed SAS" in [name for _, name in store.list_organizations()]
    store.close()


def test_recipients_catalogue_renames_everywhere_and_refuses_deleting_one_in_use(
    window, qtbot, monkeypatch
) -> None:
    org = window.session.organization(window.org_id)
    used = next(
        r
        for r in org.recipients
        if any(link.recipient_id == r.id for a in org.activities for link in a.recipients)
    )
    dialog = RecipientsDialog(window.editing, window.org_id, window)
    qtbot.addWidget(dialog)
    row = [r.id for r in dialog.model.items()].index(used.id)
    dialog.model.setData(
        dialog.model.index(row, dialog.model.column_of("name")), "AWS Europe", Qt.ItemDataRole.EditRole
    )
    assert window.session.organization(window.org_id).recipient(used.id).name == "AWS Europe"
    dialog.editor.select_row(row)
    assert "Used by" in dialog.usageLabel.text()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    dialog.editor.removeButton.click()
    assert warnings and "AWS Europe" in warnings[0]
    assert window.session.organization(window.org_id).recipient(used.id) is not None


def test_unused_recipient_can_be_deleted_and_undone(window, qtbot) -> None:
    window.editing.save_recipient(window.org_id, Recipient(name="Unused Ltd"))
    dialog = RecipientsDialog(window.editing, window.org_id, window)
    qtbot.addWidget(dialog)
    row = [r.name for r in dialog.model.items()].index("Unused Ltd")
    dialog.editor.select_row(row)
    dialog.editor.removeButton.click()
    assert "Unused Ltd" not in [r.name for r in window.session.organization(window.org_id).recipients]
    window.ui.actionUndo.trigger()
    assert "Unused Ltd" in [r.name for r in window.session.organization(window.org_id).recipients]


def test_new_recipient_inline_from_the_activity_form(window, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Brand new processor", True))
    recipient_id = window._create_recipient()
    assert window.session.organization(window.org_id).recipient(recipient_id).name == "Brand new processor"


def test_preferences_dialog_returns_the_chosen_language(qtbot, english) -> None:
    dialog = PreferencesDialog("fr")
    qtbot.addWidget(dialog)
    assert dialog.language() == "fr"
    dialog.ui.languageCombo.setCurrentIndex(dialog.ui.languageCombo.findData("en"))
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.language() == "en"


def _drive_export_dialog(monkeypatch, target: Path, *, everything: bool = False, open_it: bool = False) -> None:
    """When the export dialog opens: type the file name, choose, tick, click OK (as a person would)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from ropa_desktop.gui.dialogs.export import ExportDialog

    def run(dialog: ExportDialog) -> int:
        dialog.pathEdit.setText(str(target))
        (dialog.allRadio if everything else dialog.currentRadio).setChecked(True)
        dialog.openCheck.setChecked(open_it)
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", run)


def test_export_json_runs_on_the_worker_and_writes_a_readable_file(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    target = tmp_path / "out.json"
    _drive_export_dialog(monkeypatch, target, everything=True)
    assert window.ui.actionExportJson.isEnabled()
    window.ui.actionExportJson.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert json_format.read_file(target) == window.session.register
    qtbot.waitUntil(lambda: str(target) in window.statusBar().currentMessage(), timeout=10_000)


def test_pdf_export_reports_missing_characters_and_opens_the_file(window, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    org = window.session.register.organizations[0]
    activity = org.activities[0]
    window.session.put_activity(org.id, _renamed(activity, "数据 processing"), touch=True)
    target = tmp_path / "register.pdf"
    _drive_export_dialog(monkeypatch, target, open_it=True)
    warned: list[str] = []
    opened: list[QUrl] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text)
                        or QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.ui.actionExportPdf.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert "U+6570" in warned[0] and opened[0].toLocalFile() == str(target)


def _renamed(activity, name: str):
    import copy

    renamed = copy.deepcopy(activity)
    renamed.name = name
    return renamed


def test_import_through_the_menu_is_reviewed_then_one_undo_step(window, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    from ropa_desktop.gui.import_review import ImportReviewDialog

    register = json_format.loads(json_format.dumps(window.session.register))
    org_id = register.organizations[0].id
    before = len(register.organizations[0].activities)
    register.organizations[0].activities = register.organizations[0].activities[:2]
    source = tmp_path / "in.json"
    source.write_text(json_format.dumps(register), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))

    def accept_everything(dialog: ImportReviewDialog) -> int:
        # Removals are never pre-selected: the DPO ticks them explicitly.
        assert not dialog.accepted_ids()
        monkeypatch.setattr(dialog, "accepted_ids", lambda: [c.id for c in dialog.changes.changes])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReviewDialog, "exec", accept_everything)
    window.ui.actionImport.trigger()
    qtbot.waitUntil(lambda: len(window.session.organization(org_id).activities) == 2, timeout=10_000)
    window.editing.stack.undo()
    assert len(window.session.organization(org_id).activities) == before


def test_unavailable_exports_are_disabled_with_a_reason(window) -> None:
    from ropa_desktop.gui.exchange import EXPORT_FORMATS

    for fmt in EXPORT_FORMATS:
        action = getattr(window.ui, fmt.action)
        assert action.isEnabled() == fmt.available()
        if not fmt.available():
            assert action.toolTip()


def test_save_a_copy_writes_an_equal_register(window, tmp_path, monkeypatch) -> None:
    target = tmp_path / "copy.ropa"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.ui.actionSaveCopyAs.trigger()
    store = RegisterStore.open(Path(target), read_only=True)
    try:
        assert store.load() == window.session.register
    finally:
        store.close()
