"""Bring a register file to the current schema with Alembic, in one transaction (all or nothing)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from .connection import immediate
from .errors import StorageError
from .schema import APPLICATION_ID, SCHEMA_VERSION

MIGRATIONS = Path(__file__).with_name("migrations")


def current_version(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def upgrade(engine: Engine, path: Path) -> None:
    """Apply pending migrations; on failure the transaction rolls back and the file is as it was."""
    try:
        if current_version(engine) == SCHEMA_VERSION:
            return
        # Alembic is only needed when a migration is due: importing it costs every start-up ~0.1 s.
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with engine.connect() as conn, immediate(conn), conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            # Both pragmas write the file header inside this transaction: they commit with the schema or not at all.
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except StorageError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise StorageError("migration_failed", path=path, reason=getattr(exc, "orig", exc)) from None
