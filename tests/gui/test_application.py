from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from ropa_desktop.gui import settings
from ropa_desktop.gui.application import build_main_window, open_with_prompts
from ropa_desktop.gui.i18n import install_language
from ropa_desktop.storage.repository import RegisterStore


def test_language_switch_retranslates_menus_and_labels(window) -> None:
    assert window.ui.menuFile.title() == "&File"
    install_language("fr")
    try:
        assert window.ui.menuFile.title() == "&Fichier"
        assert (
            window.ui.activityTable.model().headerData(
                1, window.ui.activityTable.horizontalHeader().orientation()
            )
            == "Nom du traitement"
        )
        assert window.form.ui.activityNameEditLabel.text() == "Nom du traitement"
    finally:
        install_language("en")
    assert window.ui.menuFile.title() == "&File"
    assert window.form.ui.activityNameEditLabel.text() == "Name of the processing"


def test_a_register_held_by_another_instance_opens_read_only(
    qtbot, register_path, english, monkeypatch
) -> None:
    holder = RegisterStore.open(register_path)  # stands for the other running instance
    asked: list[str] = []

    def answer(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    try:
        window = open_with_prompts(register_path)
        assert window is not None
        qtbot.addWidget(window)
        assert asked and "already open" in asked[0]
        assert window.session.read_only
        assert "(read-only)" in window.windowTitle()
        assert not window.ui.actionNewActivity.isEnabled()
        assert window.form.ui.activityNameEdit.isReadOnly()
        window.close()
    finally:
        holder.close()


def test_a_refused_read_only_offer_opens_nothing(qtbot, register_path, english, monkeypatch) -> None:
    holder = RegisterStore.open(register_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    try:
        assert open_with_prompts(register_path) is None
    finally:
        holder.close()


def test_unreadable_file_gets_one_clear_message(qtbot, tmp_path, english, monkeypatch) -> None:
    bad = tmp_path / "bad.ropa"
    bad.write_bytes(b"not a database at all" * 20)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    assert open_with_prompts(bad) is None
    assert shown and "bad.ropa" in shown[0]


def test_geometry_splitter_and_recent_files_persist(qtbot, register_path, english) -> None:
    first = build_main_window(register_path)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)  # within the test screen (800 px): the restored geometry is not clamped smaller
    first.ui.mainSplitter.setSizes([300, 440])
    sizes = first.ui.mainSplitter.sizes()
    first.close()
    settings.add_recent_file(register_path)
    second = build_main_window(register_path)
    qtbot.addWidget(second)
    second.show()
    assert second.ui.mainSplitter.sizes()[0] == sizes[0]  # the list pane keeps its width
    assert settings.recent_files()[0] == register_path.resolve()
    second.close()


def test_new_register_opens_in_its_own_window_and_joins_recent_files(window, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ropa_desktop.gui import application

    target = tmp_path / "second"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.ui.actionNewRegister.trigger()
    opened = [w for w in application._windows if w.session.store.path == target.with_suffix(".ropa")]
    assert opened, "the new register was not opened"
    assert opened[0].session.register.organizations == []
    assert target.with_suffix(".ropa").resolve() in settings.recent_files()
    window.ui.menuRecentFiles.aboutToShow.emit()
    assert any(
        str(target.with_suffix(".ropa").resolve()) in a.text() for a in window.ui.menuRecentFiles.actions()
    )
    opened[0].close()
    opened[0].deleteLater()


def test_shortcuts_are_the_usual_ones(window) -> None:
    from PySide6.QtGui import QKeySequence

    ui = window.ui
    assert ui.actionUndo.shortcut() == QKeySequence("Ctrl+Z")
    assert ui.actionRedo.shortcuts() == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    assert ui.actionNewActivity.shortcut() == QKeySequence("Ctrl+N")
    assert ui.actionDuplicateActivity.shortcut() == QKeySequence("Ctrl+D")
    assert ui.actionFind.shortcut() == QKeySequence("Ctrl+F")
    assert ui.actionDeleteActivity.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)


def test_stable_object_and_accessible_names(window) -> None:
    from PySide6.QtWidgets import QWidget

    assert window.objectName() == window.accessibleName() == "MainWindow"
    for name in (
        "activityTable",
        "activityFilter",
        "organizationSelector",
        "activityReferenceEdit",
        "activityNameEdit",
        "activityDescriptionEdit",
        "activityStatusCombo",
        "purposesTable",
        "dataSubjectsTable",
        "dataCategoriesTable",
        "retentionTable",
        "recipientsTable",
        "transfersTable",
        "securityMeasuresTable",
    ):
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName() == name
    for name in (
        "actionNewActivity",
        "actionDuplicateActivity",
        "actionDeleteActivity",
        "actionUndo",
        "actionRedo",
        "actionImport",
        "actionExportXlsx",
        "actionExportPdf",
        "actionExportJson",
    ):
        action = getattr(window.ui, name)
        assert action.objectName() == name and action.property("accessibleName") == name


def test_an_opened_register_shows_its_first_activity(window) -> None:
    from PySide6.QtWidgets import QLineEdit

    first = window.session.register.organizations[0].activities[0]
    reference = window.findChild(QLineEdit, "activityReferenceEdit")
    assert reference is not None and reference.text() == first.reference
    assert window.list.current_id() == first.id


def test_a_register_on_a_network_share_is_offered_read_only(qtbot, register_path, english, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ropa_desktop.gui.application import open_with_prompts
    from ropa_desktop.storage import store_base

    asked: list[str] = []
    monkeypatch.setattr(store_base, "network_filesystem", lambda _path: "cifs")
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, *a, **k: asked.append(title)
                        or QMessageBox.StandardButton.Yes)
    window = open_with_prompts(register_path)
    assert window is not None
    qtbot.addWidget(window)
    assert asked == ["Register on a network share"] and window.session.read_only


@pytest.mark.parametrize("c_locale", ["C", "C.UTF-8"])
def test_dates_under_the_bare_c_locale_read_as_english_dates(tmp_path, c_locale: str) -> None:
    # A process started with LANG=C (a container, a cron job): Qt names C.UTF-8 "en_US" with "d MM yyyy" dates.
    import os
    import subprocess
    import sys

    from tests.paths import REPO

    script = ("from PySide6.QtCore import QCoreApplication, QDate, QLocale\n"
              "from ropa_desktop.gui.i18n import install_language\n"
              "app = QCoreApplication([])\n"
              "install_language('en')\n"
              "from ropa_desktop.gui.form.date_field import short_format, ui_locale\n"
              "print(QLocale().toString(QDate(2024, 1, 15), QLocale.FormatType.ShortFormat), "
              "short_format(ui_locale()))\n")
    env = {**os.environ, "LANG": c_locale, "LC_ALL": c_locale, "LANGUAGE": "", "PYTHONPATH": str(REPO),
           "QT_QPA_PLATFORM": "offscreen"}
    shown = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60,
                           check=True).stdout.strip()
    assert shown == "15/01/2024 dd/MM/yyyy"  # the dates shown, and the hint's "Type it as …"
