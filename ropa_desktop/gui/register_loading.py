"""A large register's window shows its list first (one light query); the whole register is read behind it."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar

from ..domain.model import Register
from ..storage import list_rows
from ..storage.errors import StorageError
from ..storage.repository import RegisterStore
from .jobs import JobRunner, collector_paused
from .window_base import RegisterWindowBase

# From this many activities the window shows before the register is read whole (reading 50,000 took 5 s).
LOAD_LATER_FROM = 5_000


def loads_later(store: RegisterStore) -> bool:
    """True for a large register file (a team register is read whole: its rows may change meanwhile)."""
    return store.server is None and store.count_activities() >= LOAD_LATER_FROM


def first_view(store: RegisterStore) -> tuple[Register, dict[str, list[list_rows.ListRow]]]:
    """The organisations without their activities, and the activities' list rows by organisation.

    Their legal bases come next, on the loading thread (``RegisterLoader``): the list shows without them first.
    """
    register = list_rows.organizations(store)
    rows: dict[str, list[list_rows.ListRow]] = {org.id: [] for org in register.organizations}
    for row in list_rows.list_rows(store):
        rows.setdefault(row[1], []).append(row)
    return register, rows


def _read_whole(store: RegisterStore) -> Register:
    # As build_main_window does: the collector would walk the objects being built again and again.
    with collector_paused():
        return store.load()


class RegisterLoader(QObject):
    """Reads the register on a worker thread; meanwhile the window edits nothing and exports nothing.

    The list, the search and the form (the selected activity read alone) work; what needs the whole register
    (export, import, checks, editing) waits, and the status bar says so: the session is read-only meanwhile,
    and ``organizations.update_empty_state`` keeps the exports off.
    """

    loaded = Signal()  # the session holds the whole register now
    basesRead = Signal(object)  # the activities' legal bases (activity id -> codes), read before the rest

    def __init__(self, window: RegisterWindowBase) -> None:
        super().__init__(window)
        self.window = window
        self.runner = JobRunner(self)
        self.runner.succeeded.connect(self._loaded)
        self.runner.failed.connect(self._failed)
        self.basesRead.connect(self._bases_read)  # (emitted on the loading thread: queued to this one)
        self._listening = True
        bar = window.statusBar()
        self.label = QLabel(bar)
        self.label.setObjectName("registerLoadingLabel")
        self.busy = QProgressBar(bar)
        self.busy.setObjectName("registerLoadingBar")
        self.busy.setRange(0, 0)  # no steps to count: Qt shows it busy
        self.busy.setMaximumWidth(120)
        bar.addPermanentWidget(self.label)
        bar.addPermanentWidget(self.busy)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(QCoreApplication.translate("RegisterLoader", "Loading the register…"))
        self.label.setToolTip(QCoreApplication.translate(
            "RegisterLoader", "The list and the selected activity can be read meanwhile; editing, checks, import "
            "and export wait until the whole register is read."))

    def start(self) -> None:
        store = self.window.session.store

        def read(_progress: object, _cancelled: object) -> Register:
            self.basesRead.emit(list_rows.legal_bases(store))  # a second light query: the legal bases column
            return _read_whole(store)

        self.runner.start(read)

    def close(self) -> None:
        """The window closes: a read still in flight is waited for and dropped (the store closes after it)."""
        if self._listening:
            self._listening = False
            self.runner.succeeded.disconnect(self._loaded)
            self.runner.failed.disconnect(self._failed)
        self.runner.wait()

    def _bases_read(self, bases: object) -> None:
        if self._listening and self.window.session.loading:
            assert isinstance(bases, dict)
            self.window.session.list_bases = bases
            self.window.list.bases_read()

    def _loaded(self, register: object) -> None:
        assert isinstance(register, Register)
        gc.freeze()  # set aside from later collections, as an opening read at once does
        self.window.session.finish_loading(register)
        self._done()
        self.loaded.emit()  # the window takes it from here (MainWindow.register_loaded)

    def _failed(self, error: object) -> None:
        self._done(keep=True)
        self.label.setText(QCoreApplication.translate("RegisterLoader", "The register could not be read whole"))
        if isinstance(error, StorageError):
            self.window.show_storage_error(error)

    def _done(self, *, keep: bool = False) -> None:
        self.busy.hide()
        if not keep:
            self.label.hide()
