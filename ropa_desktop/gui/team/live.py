"""A team register's window kept live: others' writes refresh it, a lost connection turns it read-only, then back."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.model import Activity
from ...services.changes import field_label
from ...storage.errors import AccessWithdrawnError, StaleWriteError, StorageError
from ...storage.listener import ChangeListener, ChangeNotice
from ...storage.remote_reads import known_versions, latest_change, versions_now
from ..editing import Editing
from ..i18n import current_language
from .conflict import save_resolving, say_withdrawn
from .merge import changed_paths
from .pending import ACTIVITY, PendingEdits

RETRY_MS = 2000  # how often a lost server is tried again
HEALTH_MS = 5000  # a socket that never wakes (a cable pulled) is checked this often
CATCH_UP_ROWS = 200  # more rows changed while the server was away: the whole register is read again instead


class TeamLink(QObject):
    """LISTENs on a dedicated connection watched by a socket notifier (no busy loop) and tells the window.

    ``remoteChanged(text)`` says who changed what; ``connectionChanged(online)`` when the server is lost or back.
    """

    remoteChanged = Signal(str)
    connectionChanged = Signal(bool)
    pendingChanged = Signal(int)  # how many edits wait for the server

    def __init__(self, editing: Editing, parent: QWidget) -> None:
        super().__init__(parent)
        self.editing = editing
        self.session = editing.session
        self.parent_widget = parent
        self.pending = PendingEdits(editing, parent)
        editing.keeper = self.keep  # every save path of the window keeps its edit while the server is away
        # Activity id -> what it was before someone else changed the field the user is typing in (their text kept).
        self.contested: dict[str, tuple[Activity, set[str]]] = {}
        self.online = True
        self._away = False  # reading what changed while the server was away (see _catch_up_after_away)
        self._listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._try_reconnect)
        self._health = QTimer(self)
        self._health.setInterval(HEALTH_MS)
        self._health.timeout.connect(self._poll)
        try:
            self._listen()  # the window then calls catch_up() once it hears remoteChanged
        except StorageError:
            self._lost()

    # --- the listener ---------------------------------------------------------------------------------------

    def _listen(self) -> None:
        assert self.session.store.server is not None
        self._listener = ChangeListener(self.session.store.server)
        self._notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._poll)
        self._health.start()

    def _drop_listener(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        self._health.stop()

    def _poll(self, *_: object) -> None:
        if self._listener is None:
            return
        try:
            notices = self._listener.poll()
        except StorageError:
            self._lost()
            return
        if notices:
            self.apply(notices)

    # --- others' writes -------------------------------------------------------------------------------------

    def apply(self, notices: list[ChangeNotice], *, heard: bool = True) -> None:
        """Refresh from what others committed, each row in place (one's own writes are recognised by version).

        ``heard``: notifications from the channel, whose payload anyone who may write can forge: only the entity
        and id are taken from them; the version and who changed it are read from the server (its newest audit
        line's stamped role). Otherwise (``catch_up``) they were read from the server already.
        """
        store = self.session.store
        newest: dict[tuple[str, str], ChangeNotice] = {}
        for notice in notices:  # a save is a delete and an insert of the row: the highest version tells
            key = (notice.entity, notice.entity_id)
            if key not in newest or newest[key].version < notice.version:
                newest[key] = notice
        said: list[str] = []
        # Organisations first: an activity or recipient someone added may belong to one added with it.
        for (entity, entity_id), notice in sorted(newest.items(), key=lambda item: item[0][0] != "organization"):
            if heard:
                held = store.version(entity, entity_id)
                if notice.version and held is not None and held >= notice.version:
                    continue  # one's own save (or already read): no read; a real write's own notice says more
                try:
                    notice = self._as_the_server_says(notice)
                except StorageError:
                    self._lost()
                    return
            known = store.version(entity, entity_id)
            if notice.version and known is not None and known >= notice.version:
                continue  # mine, or already read
            if not notice.version and known is None:
                continue  # a delete I made (or of something never read)
            try:
                text = self._take(entity, entity_id, notice)
            except StorageError:
                self._lost()
                return
            if text is not None:
                said.append(text)
        if said:
            self.remoteChanged.emit("; ".join(dict.fromkeys(said)))

    def _as_the_server_says(self, notice: ChangeNotice) -> ChangeNotice:
        """The notice with the row's version now (0: gone) and who wrote its newest audit line, from the server."""
        version, role, name = latest_change(self.session.store, notice.entity, notice.entity_id)
        name = name.strip()
        shown = f"{name} ({role})" if name and role and name != role else role or self.tr("someone")
        return ChangeNotice(notice.entity, notice.entity_id, version, shown)

    def _take(self, entity: str, entity_id: str, notice: ChangeNotice) -> str | None:
        """Read one row someone else wrote into the window; what to say (None: nothing this role sees)."""
        session = self.session
        if entity == "activity":
            org_id = session.owner_of(entity_id)
            if org_id is None and notice.version:
                org_id = session.place_of_remote_activity(entity_id)
            return None if org_id is None else self._take_activity(org_id, entity_id, notice)
        if entity == "organization":
            return self._said(notice, session.take_remote_organization(entity_id) or "")
        if entity == "recipient":
            return self._said(notice, session.take_remote_recipient(entity_id) or "")
        session.reload()  # the processor's records (clients, processing): read again with their organisation
        return self._said(notice, "")

    def catch_up(self) -> None:
        """What others wrote between the window's load and its LISTEN: every row whose version differs, read again."""
        try:
            missed = self._missed()
        except StorageError:
            self._lost()
            return
        if missed:
            self.apply(missed, heard=False)

    def _missed(self) -> list[ChangeNotice]:
        """Each row whose version differs from the one this window holds (version 0: gone), role unknown."""
        store = self.session.store
        now = versions_now(store)
        held = known_versions(store)
        missed = [ChangeNotice(entity, entity_id, version, "") for (entity, entity_id), version in now.items()
                  if held.get((entity, entity_id)) != version]
        missed += [ChangeNotice(entity, entity_id, 0, "") for (entity, entity_id) in held
                   if (entity, entity_id) not in now and entity in ("organization", "activity", "recipient")]
        return missed

    def _catch_up_after_away(self) -> None:
        """What others saved while the server was away: only the rows whose version moved, each read in place.

        Many of them, or a client's or processing's (read with their organisation), and the whole register is read
        again instead (fewer round trips). Raises StorageError when the server is lost again.
        """
        missed = self._missed()
        if len(missed) > CATCH_UP_ROWS or any(n.entity in ("client", "processor_activity") for n in missed):
            self.session.reload()
            return
        if missed:
            self._away = True
            try:
                self.apply(missed, heard=False)
            finally:
                self._away = False
            if self._listener is None:  # lost again while reading them (apply said so)
                raise StorageError("server_unreachable", path=self.session.store.where, reason="")

    def _take_activity(self, org_id: str, activity_id: str, notice: ChangeNotice) -> str:
        """Read the activity again; the field the user is in (typing or about to) keeps their text, marked."""
        form = getattr(self.parent_widget, "form", None)
        binding = self._held_binding(form, activity_id)
        typing = binding.path if binding is not None else None
        try:
            before, now = self.session.take_remote_activity(org_id, activity_id)
        finally:
            if binding is not None:
                form.hold(None)  # type: ignore[union-attr]  # an untouched field the write left alone is free again
        if before is None or now is None:  # added, or deleted: named as it was
            shown = now or before
            return self._said(notice, " ".join(filter(None, (shown.reference, shown.name))) if shown else "")
        org = self.session.organization(org_id)
        paths = changed_paths(before, now, org)
        lang = current_language()
        if typing and any(p == typing or p.split(".")[0] == typing.split(".")[0] for p in paths):
            base, fields = self.contested.get(activity_id, (copy.deepcopy(before), set()))
            self.contested[activity_id] = (base, fields | {typing.split(".")[0]})
            form.keep_field(binding, self.tr(  # type: ignore[union-attr]
                "Someone else changed this field while you were in it: what you type is compared with "
                "their value when you leave it; leave it untouched to see theirs."))
        quoted = self.tr("“%1”")  # French quotes in French
        what = ", ".join(quoted.replace("%1", field_label(p, lang)) for p in paths[:3])
        what += "…" if len(paths) > 3 else ""
        label = " ".join(filter(None, (now.reference, now.name)))
        return self._said(notice, f"{what} — {label}" if what else label)

    def _held_binding(self, form: object, activity_id: str) -> Any:
        """The form's field the user is in on this activity (typing, or focused about to type), else None.

        While the activity is read again that field keeps what it shows; if someone changed it, it is marked.
        """
        if form is None or getattr(form, "activity_id", None) != activity_id:
            return None
        return form.hold(form.focused_binding())  # type: ignore[attr-defined]

    def _said(self, notice: ChangeNotice, what: str) -> str:
        if not notice.role and self._away:  # written while the server was away from this window
            return self.tr("Changed while the server was away: %1").replace("%1", what) if what else \
                self.tr("The register changed while the server was away")
        if not notice.role:  # written while this window was opening: who is not known here
            return self.tr("The register changed while it was opening: %1").replace("%1", what) if what else \
                self.tr("The register changed while it was opening")
        if not what:
            return self.tr("%1 changed the register").replace("%1", notice.role)
        if notice.version == 0:
            return self.tr("%1 deleted %2").replace("%1", notice.role).replace("%2", what)
        return self.tr("%1 changed %2").replace("%1", notice.role).replace("%2", what)

    def contested_base(self, activity_id: str, field: str) -> Activity | None:
        """When someone changed ``field`` while the user typed in it: the activity as the user began (else None)."""
        entry = self.contested.get(activity_id)
        form = getattr(self.parent_widget, "form", None)
        kept = form.kept_path() if form is not None else None
        if entry is not None and (kept is None or kept.split(".")[0] not in entry[1]):
            del self.contested[activity_id]  # the user left that field untouched: theirs shows, nothing to compare
            return None
        if entry is None or field.split(".")[0] not in entry[1]:
            return None
        del self.contested[activity_id]
        return entry[0]

    # --- saving -------------------------------------------------------------------------------------------

    def save(self, org_id: str, mine: Activity, field: str, mergeable: bool) -> bool:
        """Save an edit from the form: a conflict is reviewed, a lost connection keeps it pending. False: refused."""
        base_now = self.session.activity(org_id, mine.id)
        base = self.contested_base(mine.id, field)
        if not self.online:  # typed on in the field the user was in when the server went: kept, not tried
            self.keep(ACTIVITY, org_id, mine, field, base)
            return True
        try:
            if base is not None:
                save_resolving(self.editing, self.parent_widget, org_id, base, mine, field)
            else:
                self.editing.edit_activity(org_id, mine, field, mergeable)
            return True
        except StaleWriteError:
            save_resolving(self.editing, self.parent_widget, org_id, copy.deepcopy(base_now or mine), mine, field)
            return True
        except AccessWithdrawnError:  # row-level security hides it now: said, with the typed text to copy
            say_withdrawn(self.parent_widget, self.session.organization(org_id).name, mine, field)
            return True
        except StorageError as error:
            if error.code != "server_unreachable":
                raise
            self.keep(ACTIVITY, org_id, mine, field, base)
            return True

    def keep(self, kind: str, org_id: str, mine: Any, field: str, base: Any = None) -> None:
        """An edit the lost server could not take: kept (the window goes read-only), saved when it is back."""
        self.pending.keep(kind, org_id, mine, field, base)
        self.pendingChanged.emit(len(self.pending))
        self._lost()

    def has_pending(self) -> bool:
        """Whether an edit waits for the server."""
        return bool(self.pending)

    # --- connection lost and back ----------------------------------------------------------------------

    def _lost(self) -> None:
        self._drop_listener()
        if self.online:
            self.online = False
            self.connectionChanged.emit(False)
        if not self._retry.isActive():  # (an edit kept while typing on must not put the next try off)
            self._retry.start()

    def _try_reconnect(self) -> None:
        try:
            self._listen()
        except StorageError:
            return  # still away: the timer tries again
        self._retry.stop()
        try:
            self._save_pending()
            self._catch_up_after_away()  # what others saved while this window could not hear them
        except StorageError:
            self._lost()
            return
        self.online = True
        self.connectionChanged.emit(True)

    def _save_pending(self) -> None:
        try:
            self.pending.save_all()
        finally:
            self.pendingChanged.emit(len(self.pending))

    def close(self) -> None:
        self._retry.stop()
        self._drop_listener()


class ConnectionBanner(QLabel):
    """The strip above the register while the server is away: what happens to the user's edit."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#connectionBanner { background: #fff3cd; color: #5c4400; padding: 6px; "
                           "border: 1px solid #e0c36c; }")
        self.hide()

    def show_lost(self, pending: bool) -> None:
        self.setText(self.tr(
            "Connection to the server lost — your edit is kept and will be saved when it is back."
        ) if pending else self.tr(
            "Connection to the server lost — the register is read-only until it is back (trying again)."))
        self.show()
