"""Entry points for the app: build the main window on a register file, or run the whole GUI."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..storage.backup import list_backups, restore_backup
from ..storage.errors import StorageError
from ..storage.paths import backup_dir, default_register_path
from ..storage.repository import RegisterStore
from ..storage.server import is_server_url, read_privileges
from . import register_loading, settings
from .i18n import current_language, install_language, system_language
from .icons import icon, stylesheet
from .jobs import collector_paused
from .main_window import MainWindow
from .session import RegisterSession
from .team.roles import reader_reason

LOAD_DELAY_MS = 50  # a large register is read whole after the window's first paint
_windows: list[MainWindow] = []  # windows opened from File > Open stay alive until closed


def build_main_window(
    db_path: Path | str, *, read_only: bool = False, break_lock: bool = False
) -> MainWindow:
    """Open the register (StorageError says why not) and build its main window, not shown, no event loop.

    A QApplication must exist already. ``break_lock`` is the user's consent to take over a lock another
    computer left. A ``postgresql://`` URL opens a team register on a server (no backups: the server's own).
    """
    team = is_server_url(db_path)
    location: Path | str = str(db_path) if team else Path(db_path)
    store = RegisterStore.open(
        location, read_only=read_only, backup_dir=None if read_only or team else backup_dir(), break_lock=break_lock,
        backup_behind=True,
    )
    try:
        privileges = read_privileges(store.server) if store.server is not None else None
        # Loading builds every object of the register at once (a large one: its list's rows), and the window
        # its widgets: without the cyclic collector walking them again and again meanwhile (a third of the
        # load; a quarter of a large register's window), then set aside from later collections, which would
        # walk the whole register while the user types.
        later = register_loading.loads_later(store)
        with collector_paused():
            if later:  # a large register: its list shows at once, the rest is read behind it
                register, rows = register_loading.first_view(store)
            else:
                register = store.load()
            session = RegisterSession(store, register)
            if later:
                session.loading, session.list_rows = True, rows
            if privileges is not None:
                session.privileges = privileges
                if not privileges.can_edit:
                    session.read_only_reason = reader_reason(privileges)
            window = MainWindow(session)
            gc.freeze()
        if later:
            window.loader = register_loading.RegisterLoader(window)
            window.loader.loaded.connect(window.register_loaded)
            QTimer.singleShot(LOAD_DELAY_MS, window.loader.start)  # once the window has painted
    except BaseException:
        store.close()
        raise
    session.setParent(window)
    window.opener = lambda path, create: open_register_window(path, parent_hint=window, create=create)
    return window


def open_with_prompts(
    path: Path | str, parent: QWidget | None = None, *, create: bool = False
) -> MainWindow | None:
    """Open ``path``, explaining a failure; a register another instance holds can be opened read-only."""
    if not isinstance(path, Path):
        return open_team_register(path, parent)
    try:
        if create:
            RegisterStore.open(path, create=True).close()
        return build_main_window(path)
    except StorageError as error:
        text = error.message(current_language())
        if error.code == "not_found" and not create:
            return _offer_to_create(path, text, parent)
        if error.code == "locked_elsewhere":
            return _offer_to_break_lock(path, error, parent)
        if error.code in ("corrupt", "foreign_objects"):
            return _offer_restore(path, text, parent)
        if error.code not in ("locked", "network_share", "read_only"):
            QMessageBox.critical(
                parent, QCoreApplication.translate("Application", "Cannot open the register"), text
            )
            return None
        title = {
            "locked": QCoreApplication.translate("Application", "Register already open"),
            "read_only": QCoreApplication.translate("Application", "Register on read-only media"),
        }.get(error.code, QCoreApplication.translate("Application", "Register on a network share"))
        answer = QMessageBox.question(
            parent,
            title,
            text
            + "\n\n"
            + QCoreApplication.translate(
                "Application", "Open it read-only? You will be able to read and export it, not change it."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            return build_main_window(path, read_only=True)
        except StorageError as second:
            QMessageBox.critical(
                parent,
                QCoreApplication.translate("Application", "Cannot open the register"),
                second.message(current_language()),
            )
            return None


def _offer_to_create(path: Path, text: str, parent: QWidget | None) -> MainWindow | None:
    """A register file that does not exist is only created when the user says so."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Application", "New register"),
        text + "\n\n" + QCoreApplication.translate("Application", "Create a new, empty register there?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return open_with_prompts(path, parent, create=True)


def _offer_to_break_lock(path: Path, error: StorageError, parent: QWidget | None) -> MainWindow | None:
    """Another computer's lock: break it (a button naming the holder), open read-only, or cancel."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Application", "Register locked"),
                      error.message(current_language()), QMessageBox.StandardButton.Cancel, parent)
    holder = f"{error.params.get('user', '?')}@{error.params.get('host', '?')}"
    take = box.addButton(
        QCoreApplication.translate("Application", "Break the lock of %1 (since %2)")
        .replace("%1", holder).replace("%2", str(error.params.get("since", "?"))),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    take.setObjectName("breakLockButton")
    reader = box.addButton(QCoreApplication.translate("Application", "Open read-only"),
                           QMessageBox.ButtonRole.AcceptRole)
    reader.setObjectName("openReadOnlyButton")
    box.setDefaultButton(reader)
    box.exec()
    try:
        if box.clickedButton() is take:
            return build_main_window(path, break_lock=True)
        if box.clickedButton() is reader:
            return build_main_window(path, read_only=True)
    except StorageError as again:
        QMessageBox.critical(parent, QCoreApplication.translate("Application", "Cannot open the register"),
                             again.message(current_language()))
    return None


def _offer_restore(path: Path, text: str, parent: QWidget | None) -> MainWindow | None:
    """A damaged register: offer its latest good backup (the damaged file is kept beside it)."""
    backups = list_backups(path, backup_dir())
    title = QCoreApplication.translate("Application", "Damaged register")
    if not backups:
        QMessageBox.critical(parent, title, text + "\n\n" + QCoreApplication.translate(
            "Application", "No backup of this register is available."))
        return None
    question = QCoreApplication.translate(
        "Application", "Restore the latest backup, %1? The damaged file is kept beside it."
    ).replace("%1", backups[0].stem)
    answer = QMessageBox.question(parent, title, text + "\n\n" + question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        restore_backup(backups[0], path)
        return build_main_window(path)
    except StorageError as again:
        QMessageBox.critical(parent, title, again.message(current_language()))
        return None


def open_team_register(url: str, parent: QWidget | None = None) -> MainWindow | None:
    """A register on a server: one clear message when it cannot be opened (unreachable, login, no register)."""
    try:
        return build_main_window(url)
    except StorageError as error:
        QMessageBox.critical(parent, QCoreApplication.translate("Application", "Cannot open the team register"),
                             error.message(current_language()))
        return None


def open_register_window(
    path: Path | str, *, parent_hint: QWidget | None = None, create: bool = False
) -> MainWindow | None:
    """File > Open and File > New: the register comes up in its own window."""
    window = open_with_prompts(path, parent_hint, create=create)
    if window is not None:
        _windows.append(window)
        window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
        window.show()
    return window


def prepare_application(app: QApplication) -> None:
    """Language (saved choice, else the system's), translators and stylesheet."""
    app.setApplicationName("ROPA Desktop")
    app.setOrganizationName("ROPA Desktop")
    # Lets Wayland compositors match the window to its menu entry and icon (packaging/linux).
    app.setDesktopFileName("org.ropa_desktop.RopaDesktop")
    app.setWindowIcon(icon("app/ropa-desktop"))
    install_language(settings.language(system_language()))
    app.setStyleSheet(stylesheet())


def run_gui(db_path: Path | str | None, argv: list[str], *, smoke_test: bool = False) -> int:
    """Create the application, open ``db_path`` (default: the per-user register), show it, run the event loop.

    ``smoke_test`` shows the window, lets it settle and closes it again (for checking a built bundle).
    """
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    prepare_application(app)
    path = (db_path if is_server_url(db_path) else Path(db_path)) if db_path is not None else default_register_path()
    window = open_with_prompts(path)
    if window is None:
        return 1
    if isinstance(path, Path):
        settings.add_recent_file(path)
    window.show()
    if smoke_test:
        app.processEvents()
        shown = window.isVisible()
        window.close()
        app.processEvents()
        return 0 if shown else 1
    return app.exec()
