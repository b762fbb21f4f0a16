"""Bring a register to the current schema with Alembic, in one transaction (all or nothing), file or server."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from .connection import immediate
from .errors import StorageError
from .schema import APPLICATION_ID, SCHEMA_VERSION

MIGRATIONS = Path(__file__).with_name("migrations")


def current_version(engine: Engine) -> int:
    """The schema number of a register file (PRAGMA user_version)."""
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _run_alembic(conn: object) -> None:
    # Alembic is only needed when a migration is due: importing it costs every start-up ~0.1 s.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def upgrade(engine: Engine, path: Path) -> None:
    """Apply pending migrations; on failure the transaction rolls back and the file is as it was."""
    try:
        if current_version(engine) == SCHEMA_VERSION:
            return
        with engine.connect() as conn, immediate(conn), conn.begin():
            _run_alembic(conn)
            # Both pragmas write the file header inside this transaction: they commit with the schema or not at all.
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except StorageError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise StorageError("migration_failed", path=path, reason=getattr(exc, "orig", exc)) from None


def upgrade_server(engine: Engine, where: str) -> None:
    """The same migrations on PostgreSQL (its DDL is transactional too): the whole upgrade commits or nothing.

    A transaction-level advisory lock makes two clients that open an old register at once migrate it once.
    """
    from .server import schema_revision, server_error

    try:
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(1380995137)")  # "ROPA"
            if schema_revision(conn, where) == SCHEMA_VERSION:
                return
            _run_alembic(conn)
    except StorageError:
        raise
    except SQLAlchemyError as exc:
        error = server_error(exc, where)
        if error.code == "io_error":
            raise StorageError("migration_failed", path=where, reason=error.params.get("reason", "")) from None
        raise error from None
