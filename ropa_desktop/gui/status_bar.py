"""The status bar: the register file, how many activities are shown, the findings count, the save state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QTime
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

from .plurals import plurals


class RegisterStatus(QObject):
    """Labels kept up to date by the main window; "Saved" appears after each durable commit.

    The findings count is a button that opens the findings dock.
    """

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.fileLabel, self.countLabel, self.saveLabel = (QLabel(bar) for _ in range(3))
        # A button: clicking the count opens the findings dock.
        self.findingsLabel = QToolButton(bar)
        self.findingsLabel.setAutoRaise(True)
        for name, label in (
            ("fileLabel", self.fileLabel),
            ("activityCountLabel", self.countLabel),
            ("findingsLabel", self.findingsLabel),
            ("saveStateLabel", self.saveLabel),
        ):
            label.setObjectName(name)
        # A team register whose server is away: how many edits it keeps for when it is back (hidden at none).
        self.pendingLabel = QLabel(bar)
        self.pendingLabel.setObjectName("pendingEditsLabel")
        self._pending = 0
        bar.addWidget(self.fileLabel, 1)
        for label in (self.pendingLabel, self.countLabel, self.findingsLabel, self.saveLabel):
            bar.addPermanentWidget(label)
        self.pendingLabel.hide()
        self._saved_at: QTime | None = None
        self._counts = (0, 0, 0, False)
        self._processor: tuple[int, int, int] | None = None  # processing shown, processing, clients

    def set_processor(self, counts: tuple[int, int, int] | None) -> None:
        """In the processor's mode the bar counts its processing for clients and its clients, not activities."""
        self._processor = counts
        self.counts(*self._counts)

    def set_file(self, path: Path) -> None:
        self.fileLabel.setText(str(path))
        self.fileLabel.setToolTip(self.tr("Register file"))

    def set_team(self, where: str, who: str) -> None:
        """A team register: its server address and who this window works as (why it is read-only is above it)."""
        # %2 first, and the address last: a socket path in it is URL-encoded ("%2Ftmp"), never a placeholder.
        text = self.tr("Team register %1 — %2").replace("%2", who).replace("%1", where, 1) if who else where
        self.fileLabel.setText(text)
        self.fileLabel.setToolTip(self.tr("A register shared on a server: others' changes appear here live"))

    def announce(self, text: str) -> None:
        """Who changed what (another person's save), or the connection coming back: shown for a while."""
        bar = self.parent()
        if isinstance(bar, QStatusBar):
            bar.showMessage(text, 15000)

    def pending(self, count: int) -> None:
        """The edits a lost server could not take yet (0: none, the marker hides)."""
        self._pending = count
        self.pendingLabel.setText(plurals().waiting_edits(count))
        self.pendingLabel.setToolTip(self.tr("Saved as soon as the server is back; nothing typed is lost."))
        self.pendingLabel.setVisible(count > 0)

    def saved(self) -> None:
        self._saved_at = QTime.currentTime()
        self.saveLabel.setText(self._saved_text())
        self.saveLabel.setToolTip(
            self.tr("Every change is written to the register file as soon as it is made.")
        )

    def _saved_text(self) -> str:
        assert self._saved_at is not None
        stamp = QLocale().toString(self._saved_at, QLocale.FormatType.ShortFormat)
        return self.tr("Saved (%1)").replace("%1", stamp)

    def counts(self, shown: int, total: int, findings: int, checking: bool) -> None:
        self._counts = (shown, total, findings, checking)
        if self._processor is not None:
            processing_shown, processing, clients = self._processor
            self.countLabel.setText(
                self.tr("%1 of %2 processing for clients").replace("%1", str(processing_shown))
                .replace("%2", str(processing))
                + " · "
                + plurals().clients(clients)
            )
        else:
            self.countLabel.setText(
                self.tr("%1 of %2 activities").replace("%1", str(shown)).replace("%2", str(total))
            )
        self.findingsLabel.setText(
            self.tr("Checking…") if checking else plurals().findings(findings)
        )
        self.findingsLabel.setToolTip(self.tr("Show the findings (F8)"))

    def retranslate(self) -> None:
        self.fileLabel.setToolTip(self.tr("Register file"))
        if self._saved_at is not None:
            self.saveLabel.setText(self._saved_text())
            self.saveLabel.setToolTip(
                self.tr("Every change is written to the register file as soon as it is made.")
            )
        self.counts(*self._counts)
        self.pending(self._pending)
