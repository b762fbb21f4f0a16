"""A team register on a PostgreSQL server: the URL vetted (never a password in it), the engine, the schema state."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from .errors import ServerReason, StorageError
from .schema import SCHEMA_VERSION, Base

SCHEMES = ("postgresql://", "postgres://")
APPLICATION_SESSION = "-c ropa.app=on"  # libpq's startup options of the store's connections
_ALEMBIC_TABLE = "alembic_version"


def is_server_url(location: object) -> bool:
    """Whether ``location`` names a register on a server rather than a file."""
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


@dataclass(frozen=True, slots=True)
class ServerLocation:
    """A vetted server URL: ``url`` for the driver, ``shown`` for people (both without any password)."""

    url: URL
    shown: str

    @property
    def database(self) -> str:
        return self.url.database or ""


def parse_server_url(location: str) -> ServerLocation:
    """Vet ``postgresql://[user@]host[:port]/database[?sslmode=...]``; a password in it is refused.

    The password comes from PGPASSWORD or ~/.pgpass (libpq reads both): a URL is typed on command lines, kept in
    shell histories and settings, and would leak it.
    """
    try:
        url = make_url(location)
    except ArgumentError:
        raise StorageError("bad_server_url", url=_redact(location)) from None
    if url.password is not None or any(key.lower() == "password" for key in url.query):
        raise StorageError("password_in_url", url=_redact(location))
    if not url.database:
        raise StorageError("bad_server_url", url=location)
    url = url.set(drivername="postgresql+psycopg")
    return ServerLocation(url, readable(url))


def readable(url: URL) -> str:
    """The URL as people read and type it, the one way every message, title and setting shows it.

    SQLAlchemy's rendering percent-encodes parameters (``host=%2Ftmp%2F...`` for a socket folder): here a value
    keeps its slashes, colons and dots, and only what would change the URL's meaning is encoded. A password is
    never in it (refused above), and would be hidden if it were.
    """
    shown = url.set(drivername="postgresql", query={}).render_as_string(hide_password=True)
    pairs = [(key, value) for key, values in url.query.items()
             for value in ((values,) if isinstance(values, str) else values)]
    if pairs:
        shown += "?" + "&".join(f"{quote(key, safe='')}={quote(value, safe='/:@,.-_~')}" for key, value in pairs)
    return shown


def _redact(location: str) -> str:
    """The URL with its user, password and parameters hidden (a password may sit in either place)."""
    location = location.split("?", 1)[0]
    scheme, _, rest = location.partition("://")
    if "@" in rest.split("/", 1)[0]:
        rest = "***@" + rest.split("@", 1)[1]
    return f"{scheme}://{rest}" if _ else location


# Passwords typed in the GUI's password field, by the URL they open: kept in this process's memory only (never in
# a URL, a setting or the environment, which child processes such as LibreOffice would inherit).
_PASSWORDS: dict[str, str] = {}


def remember_password(location: ServerLocation, password: str) -> None:
    """Use ``password`` for ``location`` in this process (an empty one forgets it: PGPASSWORD/~/.pgpass apply)."""
    if password:
        _PASSWORDS[location.shown] = password
    else:
        _PASSWORDS.pop(location.shown, None)


def connect_arguments(location: ServerLocation) -> dict[str, Any]:
    """What every connection to ``location`` is opened with (the remembered password, if one was typed)."""
    arguments: dict[str, Any] = {"application_name": "ropa-desktop", "connect_timeout": 10}
    if location.shown in _PASSWORDS:
        arguments["password"] = _PASSWORDS[location.shown]
    return arguments


def make_server_engine(location: ServerLocation) -> Engine:
    """A small pool whose connections are tested before use: after a server restart the next action reconnects."""
    # ``ropa.app=on`` tells migration 0009's triggers that this session writes its own audit lines and versions
    # (a change made straight in psql gets them from the triggers); set at connection, it costs no round trip.
    # Anyone may set it, so it is only a shortcut: since 0012 the server checks at each commit of a session with
    # it that every change has its line (written by this transaction, told by xmin), and audits those without.
    # That check relies on the application writing a transaction's lines at its top level (no savepoints).
    return create_engine(location.url, pool_pre_ping=True, pool_size=2, max_overflow=8,
                         connect_args={**connect_arguments(location), "options": APPLICATION_SESSION})


def schema_revision(conn: Any, where: str) -> int | None:
    """The register's schema number on the server, None for an empty database; a foreign database is refused."""
    names = set(inspect(conn).get_table_names())
    if _ALEMBIC_TABLE not in names:
        if names:
            raise StorageError("foreign_database", path=where, objects=", ".join(sorted(names)[:10]))
        return None
    revision = conn.execute(text(f"SELECT version_num FROM {_ALEMBIC_TABLE}")).scalar()
    if revision is None:
        return None
    try:
        number = int(str(revision))
    except ValueError:
        raise StorageError("foreign_database", path=where, objects=f"{_ALEMBIC_TABLE} {revision}") from None
    if number > SCHEMA_VERSION:
        raise StorageError("newer_schema", path=where, found=number, supported=SCHEMA_VERSION)
    missing = set(Base.metadata.tables) - names
    if number == SCHEMA_VERSION and missing:
        raise StorageError("corrupt", path=where, reason="missing tables " + ", ".join(sorted(missing)))
    return number


def server_error(exc: BaseException, where: str) -> StorageError:
    """One clear error for a failed server action, by its SQLSTATE class (never the SQL text)."""
    if isinstance(exc, StorageError):
        return exc
    cause = getattr(exc, "orig", exc)
    state = str(getattr(cause, "sqlstate", "") or "")
    reason = _first_line(cause)
    if state in ("28000", "28P01") or (not state and _refused_login(cause, reason)):
        return StorageError("server_login", path=where, reason=known_reason(str(cause)) or reason)
    if state.startswith("08") or state in ("57P01", "57P02", "57P03") or (not state and _lost(cause)):
        return StorageError("server_unreachable", path=where, reason=known_reason(str(cause)) or reason)
    if state == "42501" and "row-level security" in reason:  # a row of an organisation the role is not given
        return StorageError("row_security", path=where)
    if state == "42501":  # (``reason``, the server's English, is kept with the error but not in its line)
        return StorageError("permission_denied", path=where, reason=reason)
    if state == "3D000":
        return StorageError("not_found", path=where)
    if state.startswith("23"):
        return StorageError("constraint")
    if state in ("40001", "40P01", "55P03"):
        return StorageError("busy", path=where)
    if state == "25006":
        return StorageError("read_only", path=where)
    if state == "53100":
        return StorageError("disk_full")
    return StorageError("io_error", reason=reason)


_KNOWN_REASONS = (  # (libpq's or the server's words, the reason's code in storage.errors' "server_reasons")
    (re.compile(r'password authentication failed for user "([^"]*)"'), "password_refused"),
    (re.compile(r"no password supplied"), "no_password"),
    (re.compile(r'role "([^"]*)" does not exist'), "no_role"),
    (re.compile(r"No such file or directory|Connection refused"), "no_server"),
    (re.compile(r"timeout expired"), "timeout"),
    (re.compile(r"the database system is (?:starting up|shutting down|in recovery mode)|terminating connection due "
                r"to administrator command"), "restarting"),
    (re.compile(r"server closed the connection unexpectedly|the connection is closed|connection is lost"), "closed"),
    (re.compile(r"could not translate host name"), "unknown_host"),
)


def known_reason(said: str) -> ServerReason | None:
    """The server's or libpq's reason in the message's language when its meaning is known (else None: as said)."""
    for pattern, code in _KNOWN_REASONS:
        found = pattern.search(said)
        if found:
            return ServerReason(code, user=found[1]) if found.groups() else ServerReason(code)
    return None


def _refused_login(cause: BaseException, reason: str) -> bool:
    """libpq refuses a password at connect time without a SQLSTATE: its message says so (not a lost server)."""
    said = reason.lower()
    return _lost(cause) and ("authentication failed" in said or "no password supplied" in said
                             or ('role "' in said and "does not exist" in said))


def _lost(cause: BaseException) -> bool:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - a dependency
        return False
    return isinstance(cause, psycopg.OperationalError | psycopg.InterfaceError)


def _first_line(cause: BaseException) -> str:
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0][:300] if lines else type(cause).__name__


def check_reachable(engine: Engine, where: str) -> int | None:
    """Connect once: the server's schema number (None for an empty database), or a clear StorageError."""
    try:
        with engine.connect() as conn:
            return schema_revision(conn, where)
    except SQLAlchemyError as exc:
        raise server_error(exc, where) from None


def database_role(engine: Engine) -> str:
    """The role this register's changes are made as (what the audit log names)."""
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT session_user")).scalar_one())


READER_KIND, EDITOR_KIND, ADMINISTRATOR_KIND = "reader", "editor", "administrator"

_PRIVILEGES_SQL = """
SELECT session_user,
       has_table_privilege('activities', 'UPDATE') AND has_table_privilege('activities', 'INSERT'),
       (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
       OR pg_has_role(session_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')
       OR EXISTS (SELECT FROM pg_roles r WHERE r.rolname = 'ropa_administrator'
                  AND pg_has_role(session_user, r.oid, 'MEMBER'))
"""


@dataclass(frozen=True, slots=True)
class Privileges:
    """Who this session is on the server and what its role may do (``server-setup --print-sql``'s three roles)."""

    role: str
    kind: str  # READER_KIND, EDITOR_KIND or ADMINISTRATOR_KIND (the database's owner counts as administrator)

    @property
    def can_edit(self) -> bool:
        return self.kind != READER_KIND


def connect_direct(location: ServerLocation) -> Any:
    """A psycopg connection of its own (autocommit), outside the store's pool: the listener, the privileges."""
    import psycopg

    url = location.url
    params: dict[str, Any] = {key: value for key, value in url.query.items() if isinstance(value, str)}
    for key, value in (("host", url.host), ("port", url.port), ("user", url.username), ("dbname", url.database)):
        if value:
            params[key] = value
    try:
        return psycopg.connect(autocommit=True, **params, **connect_arguments(location))
    except psycopg.Error as exc:
        raise server_error(exc, location.shown) from None


def read_privileges(location: ServerLocation) -> Privileges:
    """The role's privileges as the server grants them (not as its name suggests); StorageError if unreachable."""
    import psycopg

    connection = connect_direct(location)
    try:
        role, writes, administers = connection.execute(_PRIVILEGES_SQL.encode()).fetchone()
    except psycopg.Error as exc:
        raise server_error(exc, location.shown) from None
    finally:
        connection.close()
    kind = ADMINISTRATOR_KIND if administers else EDITOR_KIND if writes else READER_KIND
    return Privileges(str(role), kind)


def display_path(location: ServerLocation) -> Path:
    """A short name for window titles: the database's name."""
    return Path(location.database)
