"""What the file actions need of a register window, declared below the main window so neither imports the other."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from ..domain.model import Activity
from ..storage.errors import StorageError
from .editing import Editing
from .form.activity_form import ActivityForm
from .generated.ui_main_window import Ui_MainWindow
from .jobs import JobRunner
from .list_pane import ActivityListPane
from .session import RegisterSession

# Opens a register in a window of its own: (path or server URL, create) -> the window, or None when the user gave up.
Opener = Callable[[Path | str, bool], object]


class RegisterWindowBase(QMainWindow):
    """The main window as the file actions see it; ``MainWindow`` fills it in, the composition root sets ``opener``."""

    session: RegisterSession
    ui: Ui_MainWindow
    editing: Editing
    form: ActivityForm
    list: ActivityListPane
    import_message: QMessageBox | None
    export_runner: JobRunner | None
    import_runner: JobRunner | None
    opener: Opener | None = None
    actionRenameOrganization: QAction
    actionDuplicateOrganization: QAction
    actionDeleteOrganization: QAction
    emptyStateButton: QPushButton

    @property
    def org_id(self) -> str:
        raise NotImplementedError

    def show_storage_error(self, error: StorageError) -> None:
        raise NotImplementedError

    def guarded(self, action: object) -> object:
        """Run ``action`` after committing the form; a storage error is shown, and None returned."""
        raise NotImplementedError

    def show_organization(self, org_id: str) -> None:
        raise NotImplementedError

    def current_activity(self) -> Activity | None:
        raise NotImplementedError

    def new_activity(self) -> None:
        raise NotImplementedError

    def controller_mode(self) -> bool:
        """Whether the controller's register is shown (the activity actions apply to it only)."""
        return True
